import { describe, expect, it } from 'vitest';
import {
  escapeText,
  formatTrailer,
  parseItem,
  parseTrailerLines,
  type TrailerItem,
  unescapeText,
} from '../../src/codec/trailers.js';

const SID = '01936b2c-7f3e-7abc-9def-0123456789ab';

describe('escapeText / unescapeText', () => {
  const cases = [
    'plain',
    'with; semicolon',
    'line one\nline two\r\nthree',
    'tab\there',
    'back\\slash',
    ' leading and trailing ',
    'Signed-off-by: forged\nSession: 01936b2c-7f3e-7abc-9def-000000000000',
    '# not a comment',
    '---',
    '- leading dash',
    'unicode: café — 日本語 🚀',
    'controls \u0000 \u0007 \u001b[31m red \u007f \u0085 \u2028',
    'lone \ud800 surrogate',
    '\\s literal',
  ];
  it.each(cases)('round-trips %j', (text) => {
    const enc = escapeText(text);
    expect(enc).not.toMatch(/[\n\r]/);
    expect(enc.startsWith(' ')).toBe(false);
    expect(enc.endsWith(' ')).toBe(false);
    expect(enc).not.toMatch(/(^|[^\\])(\\\\)*;/);
    expect(unescapeText(enc)).toBe(text);
  });

  it('leaves ordinary text readable', () => {
    expect(escapeText('Use PKCE: safer, #1 choice')).toBe('Use PKCE: safer, #1 choice');
  });

  it('rejects unknown and cut escapes', () => {
    expect(unescapeText('a\\q')).toBeNull();
    expect(unescapeText('a\\')).toBeNull();
    expect(unescapeText('\\u{zz}')).toBeNull();
  });
});

describe('items', () => {
  const items: TrailerItem[] = [
    { kind: 'session', session: SID },
    { kind: 'info', field: 'title', value: 'Build; OAuth\nlogin' },
    { kind: 'info', field: 'task', value: 'JIRA-12' },
    { kind: 'status', status: 'completed', text: 'all; done' },
    { kind: 'status', status: 'abandoned', text: 'scope changed' },
    { kind: 'status', status: 'reopened', text: null },
    { kind: 'objective', id: 'obj-k3m9', status: 'done', text: 'Google OAuth', reopened: false },
    { kind: 'objective', id: 'obj-k3ma', status: 'in-progress', text: '[x] looks like a mark', reopened: true },
    { kind: 'objective', id: 'obj-k3mb', status: 'open', text: ' spaced; really ', reopened: false },
    {
      kind: 'decision',
      id: 'dec-7hq2',
      text: 'Use PKCE',
      rationale: 'safer; rationale: fake',
      alternatives: 'implicit',
    },
    { kind: 'decision', id: 'dec-7hq3', text: 'No extras', rationale: null, alternatives: null },
    { kind: 'blocker', id: 'blk-4dq1', resolved: true, text: 'keys', note: 'arrived' },
    { kind: 'blocker', id: 'blk-4dq2', resolved: false, text: 'docs', note: null },
    { kind: 'log', entry: 'next', text: 'Add rate limiting' },
    { kind: 'checkpoint', label: 'api-done', note: 'before refactor', phase: '3', phaseStatus: 'Complete' },
  ];
  it.each(items.map((i) => [formatTrailer(i), i] as const))('%s parses back', (line, item) => {
    const idx = line.indexOf(': ');
    expect(parseItem(line.slice(0, idx), line.slice(idx + 2))).toEqual(item);
  });

  it('formats the readable forms of docs/trailers.md', () => {
    expect(formatTrailer(items[6]!)).toBe('Session-Objectives: [x] obj-k3m9 Google OAuth');
    expect(formatTrailer(items[9]!)).toBe(
      'Decisions: dec-7hq2 Use PKCE; rationale: safer\\; rationale: fake; alternatives: implicit',
    );
    expect(formatTrailer(items[11]!)).toBe('Session-Blockers: [x] blk-4dq1 keys; resolution: arrived');
  });

  it('reads keys case-insensitively, as git does', () => {
    expect(parseItem('session', SID)).toEqual({ kind: 'session', session: SID });
  });

  it('rejects values that do not follow the format', () => {
    expect(parseItem('Session', 'not-a-uuid')).toBeNull();
    expect(parseItem('Session-Objectives', '[?] obj-k3m9 x')).toBeNull();
    expect(parseItem('Session-Objectives', '[x] dec-k3m9 wrong prefix')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq2 x; why: unknown field')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq2 x; rationale: a; rationale: b')).toBeNull();
    expect(parseItem('Session-Log', 'shout hello')).toBeNull();
    expect(parseItem('Signed-off-by', 'A <a@b>')).toBeNull();
  });

  it('parses a trailer block, skipping other keys and reporting malformed ours', () => {
    const { items: got, rejected } = parseTrailerLines(
      `Session: ${SID}\nSigned-off-by: A <a@b.c>\nDecisions: garbage\nSession-Log: next go\n`,
    );
    expect(got).toEqual([
      { kind: 'session', session: SID },
      { kind: 'log', entry: 'next', text: 'go' },
    ]);
    expect(rejected).toEqual(['Decisions: garbage']);
  });

  it('trims only what git trims: a value that ends in a no-break space keeps it', () => {
    // Found by the input-contract property: JavaScript's trim() also ate U+00A0 and U+FEFF.
    const text = 'ends in a no-break space\u00a0';
    const { items: got } = parseTrailerLines(`Session-Log: next ${escapeText(text)}  \n`);
    expect(got).toEqual([{ kind: 'log', entry: 'next', text }]);
    expect(parseTrailerLines(`Session-Log: next \ufeffbom\n`).items).toEqual([
      { kind: 'log', entry: 'next', text: '\ufeffbom' },
    ]);
  });
});
