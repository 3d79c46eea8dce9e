import { describe, expect, it } from 'vitest';
import { checkName, checkText, nameFromBranch, uniqueName } from '../../src/core/text.js';
import { MAX_TEXT_BYTES } from '../../src/model/text.js';

describe('text rules', () => {
  it('accepts anything typed except nothing', () => {
    expect(checkText('note', 'a "quoted" #1: x\ny')).toBe('a "quoted" #1: x\ny');
    expect(() => checkText('note', '  \n ')).toThrow(/note is empty/);
  });

  it('states the size limit instead of failing later', () => {
    expect(() => checkText('note', 'x'.repeat(MAX_TEXT_BYTES + 1))).toThrow(`the limit is ${MAX_TEXT_BYTES}`);
  });

  it('derives readable names from branches', () => {
    expect(nameFromBranch('feature/OAuth Login')).toBe('oauth-login');
    expect(nameFromBranch('fix/café-crash')).toBe('cafe-crash');
    expect(nameFromBranch('日本')).toBe('session');
    expect(nameFromBranch('fix/a -- b..c')).toBe('a-b.c');
    // Cut to the limit first, then trimmed: a name never ends in the separator the cut left.
    const long = nameFromBranch(`${'a'.repeat(63)}--b`);
    expect(long).toBe('a'.repeat(63));
    expect(checkName(long)).toBe(long);
    expect(uniqueName('oauth', new Set(['oauth', 'oauth-2']))).toBe('oauth-3');
  });

  it('refuses names that could be confused with paths', () => {
    expect(() => checkName('../x')).toThrow();
    expect(() => checkName('a/b')).toThrow();
    expect(() => checkName('-x')).toThrow();
    expect(checkName('ok.name_1')).toBe('ok.name_1');
  });
});
