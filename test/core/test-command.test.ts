import { describe, expect, it } from 'vitest';
import { findTestCommand } from '../../src/core/test-command.js';

describe('the project test command', () => {
  it('is the configured one first', () => {
    expect(findTestCommand('  just test ', { 'package.json': '{"scripts":{"test":"vitest"}}' })).toEqual({
      command: 'just test',
      source: '.session/config.yaml',
    });
  });

  it('reads package.json with the package manager its lock file or packageManager names', () => {
    const pkg = '{"scripts":{"test":"vitest run"}}';
    expect(findTestCommand(null, { 'package.json': pkg })?.command).toBe('npm test');
    expect(findTestCommand(null, { 'package.json': pkg, 'pnpm-lock.yaml': '' })?.command).toBe('pnpm test');
    expect(findTestCommand(null, { 'package.json': pkg, 'yarn.lock': '' })?.command).toBe('yarn test');
    expect(findTestCommand(null, { 'package.json': pkg, 'bun.lockb': '' })?.command).toBe('bun run test');
    expect(
      findTestCommand(null, { 'package.json': '{"packageManager":"pnpm@9.1.0","scripts":{"test":"x"}}' })?.command,
    ).toBe('pnpm test');
  });

  it("skips npm's placeholder, a package.json without scripts, and one that is not JSON", () => {
    const make = 'build:\n\tcc x.c\ntest: build\n\t./run-tests\n';
    for (const pkg of [
      '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}',
      '{"name":"x"}',
      '{ not json',
      '[]',
      '{"scripts":{"test":42}}',
    ])
      expect(findTestCommand(null, { 'package.json': pkg, Makefile: make })).toEqual({
        command: 'make test',
        source: 'Makefile',
      });
  });

  it('finds a Makefile test target, not a variable or another target', () => {
    expect(findTestCommand(null, { Makefile: 'check test: all\n' })?.command).toBe('make test');
    expect(findTestCommand(null, { Makefile: 'test:: a\n' })?.command).toBe('make test');
    expect(findTestCommand(null, { Makefile: 'test := 1\ntests:\n\tx\nmytest:\n' })).toBeNull();
  });

  it('finds pytest, cargo and go', () => {
    expect(findTestCommand(null, { 'pyproject.toml': '[tool.pytest.ini_options]\n' })?.command).toBe('pytest');
    expect(findTestCommand(null, { 'pyproject.toml': '[tool.poetry]\n[x]\npytest = "^8"\n' })?.command).toBe(
      'poetry run pytest',
    );
    expect(findTestCommand(null, { 'pyproject.toml': 'pytest', 'uv.lock': '' })?.command).toBe('uv run pytest');
    expect(findTestCommand(null, { 'pyproject.toml': '[project]\nname = "x"\n' })).toBeNull();
    expect(findTestCommand(null, { 'Cargo.toml': '[package]\nname = "x"\n' })?.command).toBe('cargo test');
    expect(findTestCommand(null, { 'Cargo.toml': '[workspace]\nmembers = []\n' })?.command).toBe(
      'cargo test --workspace',
    );
    expect(findTestCommand(null, { 'go.mod': 'module example.com/x\n\ngo 1.22\n' })).toEqual({
      command: 'go test ./...',
      source: 'go.mod',
    });
    expect(findTestCommand(null, {})).toBeNull();
  });
});
