import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('git session demo', () => {
  it('runs every scripted step through real commits and branch switches', () => {
    const dir = join(tempDir(), 'demo');
    const r = makeRepo();
    const out = r.gs(['demo', dir, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.steps.every((s: { exitCode: number }) => s.exitCode === 0)).toBe(true);
    const output = (cmd: string) => result.steps.find((s: { command: string }) => s.command.startsWith(cmd))!.output;
    expect(output('git log -1')).toMatch(/^Session: /m);
    expect(output('git switch feature/login')).toContain('Resumed login');
    expect(output('git session list --all')).toMatch(/readme-typo\s+✓ completed/);
    expect(existsSync(join(dir, 'shop', '.git', 'sessions'))).toBe(true);
  });

  it('refuses a directory that is not empty', () => {
    const r = makeRepo();
    const out = r.gs(['demo', r.dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('is not empty');
  });
});
