import { describe, expect, it } from 'vitest';
import {
  escapeText,
  formatTrailer,
  parseItem,
  parseItemOutcome,
  parseTrailerLines,
  parseTrailerList,
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
      supersedes: null,
    },
    { kind: 'decision', id: 'dec-7hq3', text: 'No extras', rationale: null, alternatives: null, supersedes: null },
    { kind: 'blocker', id: 'blk-4dq1', resolved: true, text: 'keys', note: 'arrived' },
    { kind: 'blocker', id: 'blk-4dq2', resolved: false, text: 'docs', note: null },
    { kind: 'log', entry: 'next', text: 'Add rate limiting', id: 'log-0123456789abc' },
    { kind: 'log', entry: 'progress', text: 'before 0.2; no id', id: null },
    { kind: 'handoff', text: 'read the ADR first', id: 'log-abcdefghjkmnp' },
    {
      kind: 'checkpoint',
      label: 'api-done',
      note: 'before refactor',
      phase: '3',
      phaseStatus: 'Complete',
      id: 'chk-0123456789abc',
    },
    { kind: 'checkpoint', label: 'old', note: null, phase: null, phaseStatus: null, id: null },
    { kind: 'info', field: 'note', value: 'back after lunch; see the ADR' },
    {
      kind: 'decision',
      id: 'dec-7hq4',
      text: 'Use PKCE with S256',
      rationale: null,
      alternatives: null,
      supersedes: 'dec-7hq2',
    },
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

  it('carries the decision a decision replaces as a field, and refuses one that replaces itself or no decision', () => {
    expect(formatTrailer(items[items.length - 1]!)).toBe(
      'Decisions: dec-7hq4 Use PKCE with S256; supersedes: dec-7hq2',
    );
    expect(parseItem('Decisions', 'dec-7hq4 x; supersedes: dec-7hq4')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq4 x; supersedes: obj-7hq2')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq4 x; supersedes: dec-7hq2 and more')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq4 x; supersedes: dec-7hq2; supersedes: dec-7hq3')).toBeNull();
  });

  it('carries entry ids as a last field, and reads entries of 0.1 without one', () => {
    expect(formatTrailer(items[13]!)).toBe('Session-Log: next Add rate limiting; id: log-0123456789abc');
    expect(parseItem('Session-Log', 'next Add rate limiting')).toEqual({
      kind: 'log',
      entry: 'next',
      text: 'Add rate limiting',
      id: null,
    });
    // An id of the wrong kind or shape is not an id: the line is not read.
    expect(parseItem('Session-Log', 'next x; id: chk-0123456789abc')).toBeNull();
    expect(parseItem('Session-Log', 'next x; id: log-!!')).toBeNull();
    expect(parseItem('Session-Checkpoint', 'x; id: log-0123456789abc')).toBeNull();
  });

  it('refuses values longer than typed text may be, saying why', () => {
    const long = 'x'.repeat(16 * 1024 + 1);
    expect(parseItemOutcome('Decisions', `dec-7hq2 ${long}`)).toBe('too-long');
    expect(parseItemOutcome('Decisions', `dec-7hq2 ok; rationale: ${long}`)).toBe('too-long');
    expect(parseItemOutcome('Session-Info', `title ${'\\u{1f680}'.repeat(5000)}`)).toBe('too-long');
    expect(parseItemOutcome('Decisions', `dec-7hq2 ${'x'.repeat(16 * 1024)}`)).toMatchObject({ kind: 'decision' });
    expect(parseItemOutcome('Decisions', 'garbage')).toBe('malformed');
    const { items: got, rejected } = parseTrailerList([`Session: ${SID}`, `Decisions: dec-7hq2 ${long}`]);
    expect(got).toHaveLength(1);
    expect(rejected).toEqual([{ line: `Decisions: dec-7hq2 ${'x'.repeat(180)}…`, reason: 'too-long' }]);
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
    // A character the writer always escapes, standing raw: not a value this format made.
    expect(parseItem('Decisions', 'dec-7hq2 a\u009bb')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq2 bell\u0007')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq2 lone \ud800 surrogate')).toBeNull();
    expect(parseItem('Decisions', 'dec-7hq2 rocket 🚀')).toMatchObject({ text: 'rocket 🚀' });
  });

  it('parses a trailer block, skipping other keys and reporting malformed ours', () => {
    const { items: got, rejected } = parseTrailerLines(
      `Session: ${SID}\nSigned-off-by: A <a@b.c>\nDecisions: garbage\nSession-Log: next go\n`,
    );
    expect(got).toEqual([
      { kind: 'session', session: SID },
      { kind: 'log', entry: 'next', text: 'go', id: null },
    ]);
    expect(rejected).toEqual(['Decisions: garbage']);
  });

  it('trims only what git trims: a value that ends in a no-break space keeps it', () => {
    // Found by the input-contract property: JavaScript's trim() also ate U+00A0 and U+FEFF.
    const text = 'ends in a no-break space\u00a0';
    const { items: got } = parseTrailerLines(`Session-Log: next ${escapeText(text)}  \n`);
    expect(got).toEqual([{ kind: 'log', entry: 'next', text, id: null }]);
    expect(parseTrailerLines(`Session-Log: next \ufeffbom\n`).items).toEqual([
      { kind: 'log', entry: 'next', text: '\ufeffbom', id: null },
    ]);
  });
});
