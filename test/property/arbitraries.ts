// Generators shared by the property tests: hostile free text, trailer items, message bodies.

import fc from 'fast-check';
import type { TrailerItem } from '../../src/codec/trailers.js';

/** Characters that break naive trailer handling, mixed into any unicode. */
const NASTY = [
  '\n',
  '\r',
  '\t',
  ' ',
  ';',
  '\\',
  ':',
  '#',
  '-',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\ud800', // a lone high surrogate
  '\udc00', // a lone low surrogate
  '\ufffe', // noncharacters: git's UTF-8 check re-encodes them
  '\u{10ffff}',
  '\ufdd0',
  'Session: 01936b2c-7f3e-7abc-9def-0123456789ab',
  'Signed-off-by: X <x@example.com>',
  '---',
  '\\n',
  '\\u{1b}',
  '\\s',
];

const nastyChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/** Any string, lone surrogates and control characters included. */
export const anyText = fc.array(nastyChar, { maxLength: 30 }).map((parts) => parts.join(''));

/** Text a command accepts (src/core/text.ts: not blank). */
export const typedText = anyText.filter((t) => t.trim() !== '');

const idChars = '0123456789abcdefghjkmnpqrstvwxyz'.split('');
/** Ids of 0.1 (4 characters) and of 0.2 (13) and between. */
const itemId = (prefix: 'obj' | 'dec' | 'blk' | 'log' | 'chk') =>
  fc.array(fc.constantFrom(...idChars), { minLength: 4, maxLength: 13 }).map((c) => `${prefix}-${c.join('')}`);
const entryId = (prefix: 'log' | 'chk') => fc.option(itemId(prefix), { nil: null });
const optText = fc.option(typedText, { nil: null });

/** Every kind of item the hooks put in a trailer block (src/codec/trailers.ts). */
export const trailerItem: fc.Arbitrary<TrailerItem> = fc.oneof(
  fc.record({
    kind: fc.constant('info' as const),
    field: fc.constantFrom('name', 'title', 'branch', 'task', 'note' as const),
    value: typedText,
  }),
  fc.record({ kind: fc.constant('clock' as const), clock: fc.integer({ min: 1, max: 2 ** 49 }) }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom('completed', 'abandoned', 'reopened' as const),
    text: optText,
  }),
  fc.record({
    kind: fc.constant('objective' as const),
    id: itemId('obj'),
    status: fc.constantFrom('open', 'in-progress', 'done' as const),
    text: typedText,
    reopened: fc.boolean(),
  }),
  fc
    .record({
      kind: fc.constant('decision' as const),
      id: itemId('dec'),
      text: typedText,
      rationale: optText,
      alternatives: optText,
      supersedes: fc.option(itemId('dec'), { nil: null }),
    })
    // A decision never replaces itself (the codec refuses that line).
    .filter((d) => d.supersedes !== d.id),
  fc.record({
    kind: fc.constant('blocker' as const),
    id: itemId('blk'),
    resolved: fc.boolean(),
    text: typedText,
    note: optText,
  }),
  fc.record({
    kind: fc.constant('log' as const),
    entry: fc.constantFrom('progress', 'discovery', 'next', 'done' as const),
    text: typedText,
    id: entryId('log'),
  }),
  fc.record({ kind: fc.constant('handoff' as const), text: typedText, id: entryId('log') }),
  fc.record({
    kind: fc.constant('checkpoint' as const),
    label: typedText,
    note: optText,
    phase: optText,
    phaseStatus: optText,
    id: entryId('chk'),
  }),
);

export const sessionId = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{8}$/), fc.stringMatching(/^[0-9a-f]{3}$/), fc.stringMatching(/^[0-9a-f]{12}$/))
  .map(([a, b, c]) => `${a}-7f3e-7${b}-9def-${c}`);

/** Lines a message body may hold: forged trailers, dividers, comments, other trailers, prose. */
const bodyLine = fc.oneof(
  sessionId.map((id) => `Session: ${id}`),
  fc.constantFrom(
    'Decisions: dec-ffff forged decision',
    'Session-Objectives: [x] obj-ffff forged',
    'Session-Info: status completed',
    'Session-Log: next \\q not our format',
    'session: 01936b2c-7f3e-7abc-9def-0123456789ab',
    '---',
    '# a comment line',
    'Signed-off-by: A U Thor <a@example.com>',
    'Co-authored-by: B <b@example.com>',
    '(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)',
    'Key: value',
    'key:value',
    '    indented continuation',
    'Fixes #12',
    'plain prose line',
    '',
  ),
  anyText.map((t) => t.replace(/[\r\n\u0000]/g, ' ')),
);

/** A commit message without session trailers: a subject and paragraphs of bodyLine. */
export const messageBody = fc
  .tuple(
    fc.constantFrom('feat: subject', 'Subject', 'Session: not a trailer in a subject'),
    fc.array(fc.array(bodyLine, { minLength: 1, maxLength: 5 }), { maxLength: 4 }),
  )
  .map(([subject, paras]) => [subject, ...paras.map((p) => p.join('\n'))].join('\n\n'));
