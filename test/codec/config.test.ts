import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, readConfig, STARTER_CONFIG } from '../../src/codec/config.js';

describe('config.yaml', () => {
  it('parses the starter file to the defaults', () => {
    expect(parseConfig(STARTER_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('')).toEqual(DEFAULT_CONFIG);
  });

  it('merges partial settings over the defaults', () => {
    expect(parseConfig('trailers:\n  journal: false\n').trailers).toEqual({
      enabled: true,
      journal: false,
      mode: 'full',
    });
  });

  it('takes the trailer mode as trailers: MODE or trailers.mode; enabled: false is off', () => {
    expect(parseConfig('trailers: id\n').trailers).toEqual({ enabled: true, journal: true, mode: 'id' });
    expect(parseConfig('trailers: off\n').trailers).toEqual({ enabled: false, journal: true, mode: 'off' });
    expect(parseConfig('trailers:\n  mode: full\n  journal: false\n').trailers.mode).toBe('full');
    expect(parseConfig('trailers:\n  enabled: false\n').trailers.mode).toBe('off');
    // An explicit mode says what commits carry, whatever enabled says.
    expect(parseConfig('trailers:\n  enabled: false\n  mode: id\n').trailers).toMatchObject({
      enabled: true,
      mode: 'id',
    });
    expect(() => parseConfig('trailers: none\n')).toThrow("'trailers' must be full, id or off");
  });

  it('takes sync.refs only as refs/sessions or a branch namespace (the file comes with the clone)', () => {
    expect(parseConfig('sync:\n  refs: refs/heads/git-session/\n').sync).toEqual({
      refs: 'refs/heads/git-session',
      push: true,
    });
    expect(parseConfig('sync:\n  push: false\n').sync.push).toBe(false);
    for (const bad of ['refs/tags/x', 'refs/heads', 'refs/heads/../x', 'refs/heads/.x', 'refs/remotes/origin', 'main'])
      expect(() => parseConfig(`sync:\n  refs: ${bad}\n`), bad).toThrow(
        "'sync.refs' must be refs/sessions or a branch",
      );
  });

  it('warns about an unknown key, with the key it may have meant, and uses the rest', () => {
    const r = readConfig('trailers:\n  jurnal: false\n  enabled: false\nfoo:\n  bar: [1]\n__proto__: {x: 1}\n');
    expect(r.warnings).toEqual([
      "unknown key 'trailers.jurnal' ignored (did you mean 'trailers.journal'?)",
      "unknown key 'foo' ignored",
      "unknown key '__proto__' ignored",
    ]);
    expect(r.config.trailers).toEqual({ enabled: false, journal: true, mode: 'off' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("accepts seed 001's config.yaml: mapped where it means something, warned otherwise", () => {
    const seed = [
      'session:',
      '  auto_track: true # Track file changes automatically',
      '  handoff_on_end: true # Generate handoff when ending',
      'context:',
      '  architecture: hexagonal # Your architecture pattern',
      '  patterns: # Patterns to enforce',
      '    - repository-pattern',
      '    - dependency-injection',
      'tracking:',
      '  watch_patterns: # Files to monitor',
      '    - "src/**/*.py"',
      '    - "tests/**/*.py"',
      '',
    ].join('\n');
    const r = readConfig(seed);
    expect(r.config.handoff).toEqual({ path: 'NEXT_SESSION.md', on_end: true });
    expect(r.config.context).toEqual({
      architecture: 'hexagonal',
      patterns: ['repository-pattern', 'dependency-injection'],
    });
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^'session\.auto_track' has no effect/);
    expect(r.warnings[1]).toMatch(/^'tracking\.watch_patterns' has no effect/);
    // A wrong value under a seed key is still an error naming it.
    expect(() => parseConfig('session:\n  handoff_on_end: "yes"\n')).toThrow(
      "'session.handoff_on_end' must be a boolean",
    );
    // git-session's own key wins over the seed's.
    expect(parseConfig('handoff:\n  on_end: false\nsession:\n  handoff_on_end: true\n').handoff.on_end).toBe(false);
  });

  it('takes commands.test as one line of shell', () => {
    expect(parseConfig('commands:\n  test: make check\n').commands.test).toBe('make check');
    expect(() => parseConfig('commands:\n  test: "a\\nb"\n')).toThrow("'commands.test' must be one line");
    expect(() => parseConfig('commands:\n  test: 3\n')).toThrow("'commands.test' must be a string");
  });

  it('takes brief.agent_max_tokens from 200 to 100000 (default 2000), next to max_lines', () => {
    expect(parseConfig('').brief).toEqual({ max_lines: 200, agent_max_tokens: 2000 });
    expect(parseConfig('brief:\n  agent_max_tokens: 800\n').brief).toEqual({ max_lines: 200, agent_max_tokens: 800 });
    for (const bad of ['199', '100001', '1.5', '"lots"'])
      expect(() => parseConfig(`brief:\n  agent_max_tokens: ${bad}\n`), bad).toThrow(
        "'brief.agent_max_tokens' must be",
      );
  });

  it('names a key of the wrong type', () => {
    expect(() => parseConfig('trailers:\n  enabled: "yes"\n')).toThrow("'trailers.enabled' must be a boolean");
    expect(() => parseConfig('trailers: [1, 2]\n')).toThrow('trailers must be a mapping');
  });

  it('rejects YAML alias bombs without expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(() => parseConfig(bomb.join('\n'))).toThrow();
  });

  it('reports syntax errors with a line', () => {
    expect(() => parseConfig('trailers:\n  enabled: true\n bad')).toThrow(/not valid YAML/);
  });
});
