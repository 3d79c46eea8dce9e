import { describe, expect, it } from 'vitest';
import { shieldArgv, unshield } from '../../src/argv.js';

const opts = [{ names: ['o', 'objective'] }, { names: ['task'] }, { names: ['rationale'] }];

describe('argv shielding', () => {
  it('keeps numeric-looking values as typed', () => {
    const out = shieldArgv(['start', 'x', '--task', '007', '--task=1e3', '-o', '0x10', '42'], opts);
    expect(out).toEqual(['start', 'x', '--task=\u0001007', '--task=\u00011e3', '-o=\u00010x10', '\u000142']);
    // After cac has split name from value, unshield gives back exactly what was typed.
    expect(unshield({ task: ['\u0001007', '\u00011e3'], _: ['\u000142'] })).toEqual({
      task: ['007', '1e3'],
      _: ['42'],
    });
  });

  it('gives a value-taking option the next argument even when it starts with a dash', () => {
    expect(shieldArgv(['--rationale', '-x is faster', '--verbose'], opts)).toEqual([
      '--rationale=-x is faster',
      '--verbose',
    ]);
  });

  it('passes everything after -- through untouched', () => {
    expect(shieldArgv(['add', '--', '-o', '12'], opts)).toEqual(['add', '--', '-o', '12']);
  });
});
