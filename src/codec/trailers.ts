// Encoding of session items as git trailer values (contract: docs/trailers.md).
//
// A value must survive git's trailer parser unchanged: it has to stay on one line (a newline would
// end the value or start a forged trailer), must not begin or end with a space (git trims values),
// and must not contain our field separator `;` unescaped. Everything else — unicode, `#`, colons,
// `Key: value` text, a leading `-` — passes through as is, so `git log` stays readable.

import type { CheckRunFacts } from '../model/check-run.js';
import {
  CHILD_STATUSES,
  type ChildLink,
  type ChildStatus,
  type CriterionResult,
  type JournalKind,
  type ObjectiveStatus,
  type SpawnLink,
} from '../model/events.js';
import { TRAILER_KEYS } from '../model/hook-contract.js';
import { isAgentId, isEntryId, isItemId, isSessionId } from '../model/ids.js';
import { MAX_TEXT_BYTES, utf8Length } from '../model/text.js';

export { TRAILER_KEYS };

export type TrailerKey = (typeof TRAILER_KEYS)[keyof typeof TRAILER_KEYS];
export const ALL_TRAILER_KEYS: readonly TrailerKey[] = Object.values(TRAILER_KEYS);
const OUR_KEYS: ReadonlySet<string> = new Set(ALL_TRAILER_KEYS.map((k) => k.toLowerCase()));

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\\\', ';': '\\;', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF): git's UTF-8 check refuses them in a commit
 * message and re-encodes the "invalid" bytes as Latin-1, which would change the text.
 */
function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

function needsCodepointEscape(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    isNoncharacter(cp)
  );
}

/** Escape free text for use inside a trailer value. */
export function escapeText(text: string): string {
  let out = '';
  // Iterating by code unit keeps lone surrogates (possible in JS strings) visible to the escaper.
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = text.codePointAt(i)!;
        out += isNoncharacter(cp) ? `\\u{${cp.toString(16)}}` : ch + text[i + 1];
        i++;
      } else {
        out += `\\u{${code.toString(16)}}`;
      }
    } else if (needsCodepointEscape(code)) {
      out += `\\u{${code.toString(16)}}`;
    } else {
      out += ch;
    }
  }
  if (out.startsWith(' ')) out = `\\s${out.slice(1)}`;
  // A space is never part of an escape sequence, so the last character can be swapped safely.
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}\\s`;
  return out;
}

/**
 * Inverse of escapeText. Returns null for malformed input: an unknown or cut escape, or a
 * character escapeText always escapes (a control character, a line separator, a lone surrogate, a
 * noncharacter) standing raw — no writer of this format made that value.
 */
export function unescapeText(value: string): string | null {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== '\\') {
      const code = value.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        const low = value.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          if (isNoncharacter(value.codePointAt(i)!)) return null;
          out += ch + value[i + 1];
          i++;
          continue;
        }
      }
      if (needsCodepointEscape(code)) return null;
      out += ch;
      continue;
    }
    const next = value[++i];
    switch (next) {
      case '\\':
      case ';':
        out += next;
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 's':
        out += ' ';
        break;
      case 'u': {
        const m = /^\{([0-9a-f]{1,6})\}/.exec(value.slice(i + 1));
        if (!m) return null;
        const cp = Number.parseInt(m[1]!, 16);
        if (cp > 0x10ffff) return null;
        out += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
        i += m[0].length;
        break;
      }
      default:
        return null;
    }
  }
  return out;
}

/** Split on unescaped `;`, keeping escapes intact inside each part. */
function splitFields(value: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      cur += ch + value[i + 1];
      i++;
    } else if (ch === ';') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/** `head; name: value; name: value` — returns the decoded head and named fields, or null. */
function parseFields(
  value: string,
  allowed: readonly string[],
): { head: string; fields: Record<string, string> } | null {
  const [rawHead, ...rest] = splitFields(value);
  const fields: Record<string, string> = {};
  for (const part of rest) {
    const m = /^ ([a-z]+): ([\s\S]*)$/.exec(part);
    if (!m || !allowed.includes(m[1]!) || m[1]! in fields) return null;
    const decoded = decodeText(m[2]!);
    if (decoded === null) return null;
    fields[m[1]!] = decoded;
  }
  return rawHead === undefined ? null : { head: rawHead, fields };
}

/** The entry id goes last, as `; id: log-…` (ids need no escaping). */
function withId(value: string, id: string | null): string {
  return id === null ? value : `${value}; id: ${id}`;
}

function withFields(head: string, fields: [string, string | null | undefined][]): string {
  let out = head;
  for (const [name, v] of fields) if (v !== null && v !== undefined) out += `; ${name}: ${escapeText(v)}`;
  return out;
}

// ---- Items ------------------------------------------------------------------------------------

export type TrailerItem =
  | { kind: 'session'; session: string }
  | { kind: 'info'; field: InfoField; value: string }
  | { kind: 'status'; status: 'completed' | 'abandoned' | 'reopened'; text: string | null }
  // The Lamport clock of the session when the commit was planned (core/clock.ts): the commit's
  // clock is at least this, so its items order after everything its author had seen.
  | { kind: 'clock'; clock: number }
  | { kind: 'objective'; id: string; status: ObjectiveStatus; text: string; reopened: boolean }
  | {
      kind: 'decision';
      id: string;
      text: string;
      rationale: string | null;
      alternatives: string | null;
      /** The id of the earlier decision this one replaces (git-session 0.3). */
      supersedes: string | null;
    }
  | { kind: 'blocker'; id: string; resolved: boolean; text: string; note: string | null }
  | { kind: 'log'; entry: JournalKind; text: string; id: string | null }
  | { kind: 'handoff'; text: string; id: string | null }
  | {
      kind: 'checkpoint';
      label: string;
      note: string | null;
      phase: string | null;
      phaseStatus: string | null;
      id: string | null;
    }
  // Issue 11 point 3: the current task (null: cleared), the parent a child was spawned by, and a
  // child a parent spawned (or an agent an imported file names), all `Session-Info:` lines.
  | { kind: 'now'; text: string | null }
  | ({ kind: 'parent' } & SpawnLink)
  | ({ kind: 'child'; child: string } & ChildLink)
  // An acceptance criterion in its latest state: its check, and what the latest run found.
  | {
      kind: 'criterion';
      id: string;
      status: CriterionLineStatus;
      text: string;
      check: string | null;
      run: CriterionRunFields | null;
    }
  // `end --force` past unmet criteria: why, and which.
  | { kind: 'criteria-override'; reason: string; unmet: string[] };

/** A criterion's box: `[ ]` unverified, `[x]` passed, `[!]` failed, `[-]` removed. */
export type CriterionLineStatus = 'unverified' | CriterionResult | 'removed';

/** What a criterion's line says of its latest run (docs/trailers.md). */
export interface CriterionRunFields extends CheckRunFacts {
  manual: boolean;
}

export const CRITERION_MARK: Readonly<Record<CriterionLineStatus, string>> = {
  unverified: '[ ]',
  passed: '[x]',
  failed: '[!]',
  removed: '[-]',
};
const MARK_CRITERION: Record<string, CriterionLineStatus> = {
  ' ': 'unverified',
  x: 'passed',
  '!': 'failed',
  '-': 'removed',
};
/** At most this many criteria named by one override line. */
const MAX_UNMET = 1000;

/** `Session-Info:` fields; `note` is the note of the latest pause (git-session 0.2). */
export type InfoField = 'name' | 'title' | 'branch' | 'task' | 'note';

/** An objective's box in its trailer (and wherever a person reads the objective: render/marks.ts). */
export const OBJECTIVE_MARK: Readonly<Record<ObjectiveStatus, string>> = {
  open: '[ ]',
  'in-progress': '[>]',
  done: '[x]',
};
const MARK_OBJECTIVE: Record<string, ObjectiveStatus> = { ' ': 'open', '>': 'in-progress', x: 'done' };
const JOURNAL: readonly JournalKind[] = ['progress', 'discovery', 'next', 'done'];

/**
 * Format one item as `Key: value` (the value escaped).
 * Long: one case per kind of item, each the line docs/trailers.md gives it.
 */
export function formatItem(item: TrailerItem): { key: TrailerKey; value: string } {
  switch (item.kind) {
    case 'session':
      return { key: TRAILER_KEYS.session, value: item.session };
    case 'info':
      return { key: TRAILER_KEYS.info, value: `${item.field} ${escapeText(item.value)}` };
    case 'status': {
      const field = item.status === 'completed' ? 'summary' : item.status === 'abandoned' ? 'reason' : 'note';
      return { key: TRAILER_KEYS.info, value: withFields(`status ${item.status}`, [[field, item.text]]) };
    }
    case 'clock':
      return { key: TRAILER_KEYS.info, value: `clock ${item.clock}` };
    case 'objective':
      return {
        key: TRAILER_KEYS.objectives,
        value: withFields(`${OBJECTIVE_MARK[item.status]} ${item.id} ${escapeText(item.text)}`, [
          ['reopened', item.reopened ? 'yes' : null],
        ]),
      };
    case 'decision':
      return {
        key: TRAILER_KEYS.decisions,
        value: withFields(`${item.id} ${escapeText(item.text)}`, [
          ['rationale', item.rationale],
          ['alternatives', item.alternatives],
          ['supersedes', item.supersedes],
        ]),
      };
    case 'blocker':
      return {
        key: TRAILER_KEYS.blockers,
        value: withFields(`${item.resolved ? '[x]' : '[ ]'} ${item.id} ${escapeText(item.text)}`, [
          ['resolution', item.note],
        ]),
      };
    case 'log':
      return { key: TRAILER_KEYS.log, value: withId(`${item.entry} ${escapeText(item.text)}`, item.id) };
    case 'handoff':
      return { key: TRAILER_KEYS.log, value: withId(`handoff ${escapeText(item.text)}`, item.id) };
    case 'now':
      return { key: TRAILER_KEYS.info, value: item.text === null ? 'now' : `now ${escapeText(item.text)}` };
    case 'parent':
      return {
        key: TRAILER_KEYS.info,
        value: withFields(`parent ${item.parent}`, [
          ['task', item.task],
          ['agent', item.agent],
          ['after', item.after.length > 0 ? item.after.join(',') : null],
        ]),
      };
    case 'child':
      return {
        key: TRAILER_KEYS.info,
        value: withFields(`child ${item.child}`, [
          ['name', item.name],
          ['task', item.task],
          ['agent', item.agent],
          ['branch', item.branch],
          ['after', item.after.length > 0 ? item.after.join(',') : null],
          ['status', item.status],
          ['summary', item.summary],
        ]),
      };
    case 'criterion':
      return { key: TRAILER_KEYS.criteria, value: formatCriterion(item) };
    case 'criteria-override':
      return {
        key: TRAILER_KEYS.criteria,
        value: withFields(`override ${escapeText(item.reason)}`, [
          ['unmet', item.unmet.length > 0 ? item.unmet.join(' ') : null],
        ]),
      };
    case 'checkpoint':
      return {
        key: TRAILER_KEYS.checkpoint,
        value: withId(
          withFields(escapeText(item.label), [
            ['note', item.note],
            ['phase', item.phase],
            ['status', item.phaseStatus],
          ]),
          item.id,
        ),
      };
  }
}

function formatCriterion(item: Extract<TrailerItem, { kind: 'criterion' }>): string {
  const r = item.run;
  const n = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return withFields(`${CRITERION_MARK[item.status]} ${item.id} ${escapeText(item.text)}`, [
    ['check', item.check],
    ['by', r?.manual ? 'hand' : null],
    ['exit', n(r?.exitCode)],
    ['signal', r?.signal ?? null],
    ['timeout', r?.timedOut ? 'yes' : null],
    ['ms', n(r?.durationMs)],
    ['at', r?.at ?? null],
    ['commit', r?.commit ?? null],
  ]);
}

export function formatTrailer(item: TrailerItem): string {
  const { key, value } = formatItem(item);
  return `${key}: ${value}`;
}

/**
 * The largest clock a commit may claim: half of what a clock may reach (core/clock.ts MAX_CLOCK),
 * so that whatever a stranger claims, clocks made after it still fit.
 */
export const MAX_CLAIM = 2 ** 49;

/** A value from history longer than typed text may be (src/core/text.ts) is not read at all. */
class TooLong extends Error {}

/** The longest escape (`\u{10ffff}`) stands for one character: a longer raw value cannot fit. */
const MAX_RAW_LENGTH = MAX_TEXT_BYTES * 10;

/** unescapeText, refusing (TooLong) text beyond the size typed text may have. */
function decodeText(raw: string): string | null {
  if (raw.length > MAX_RAW_LENGTH) throw new TooLong();
  const text = unescapeText(raw);
  if (text !== null && text.length > MAX_TEXT_BYTES / 4 && utf8Length(text) > MAX_TEXT_BYTES) throw new TooLong();
  return text;
}

function decodeHead(raw: string): string | null {
  const text = decodeText(raw);
  return text === null || text.length === 0 ? null : text;
}

/** The `; id: …` field of an entry: absent (trailers before 0.2), or a valid id of the kind. */
function entryId(fields: Record<string, string>, prefix: 'log-' | 'chk-'): string | null | false {
  const id = fields.id;
  if (id === undefined) return null;
  return isEntryId(id) && id.startsWith(prefix) ? id : false;
}

export type ParseOutcome = TrailerItem | 'malformed' | 'too-long';

/**
 * Parse one trailer (key as git printed it, value already unfolded and trimmed by git).
 * Returns null for keys that are not ours and for values that do not follow the format —
 * a hand-written or damaged trailer is skipped, never half-read.
 */
export function parseItem(key: string, value: string): TrailerItem | null {
  const r = parseItemOutcome(key, value);
  return typeof r === 'string' ? null : r;
}

/** parseItem, saying why a value was not read: not our format, or text longer than typed text may be. */
export function parseItemOutcome(key: string, value: string): ParseOutcome {
  // Checked first: a megabyte value is refused without being looked at any further.
  if (value.length > MAX_RAW_LENGTH) return 'too-long';
  try {
    return parseValue(key, value) ?? 'malformed';
  } catch (e) {
    if (e instanceof TooLong) return 'too-long';
    throw e;
  }
}

function parseInfo(value: string): TrailerItem | null {
  const st = /^status (completed|abandoned|reopened)((?:;[\s\S]*)?)$/.exec(value);
  if (st) {
    const status = st[1] as 'completed' | 'abandoned' | 'reopened';
    const field = status === 'completed' ? 'summary' : status === 'abandoned' ? 'reason' : 'note';
    const parsed = parseFields(`x${st[2]}`, [field]);
    if (!parsed) return null;
    return { kind: 'status', status, text: parsed.fields[field] ?? null };
  }
  const c = /^clock ([1-9][0-9]{0,15})$/.exec(value);
  if (c) {
    const clock = Number(c[1]);
    return clock <= MAX_CLAIM ? { kind: 'clock', clock } : null;
  }
  const family = parseFamily(value);
  if (family !== undefined) return family;
  const m = /^(name|title|branch|task|note) ([\s\S]+)$/.exec(value);
  if (!m) return null;
  const text = decodeHead(m[2]!);
  return text === null ? null : { kind: 'info', field: m[1] as InfoField, value: text };
}

/** Sessions one `after:` field may name (a spawn waits for a few siblings, not thousands). */
export const MAX_AFTER = 100;
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function afterIds(field: string | undefined): string[] | null {
  if (field === undefined) return [];
  const ids = field.split(',');
  return ids.length <= MAX_AFTER && ids.every(isSessionId) ? ids : null;
}

/**
 * `now [<text>]`, `parent <session>; task: …; agent: …; after: <session>,…` and
 * `child <session or agt-…>; name: …; task: …; agent: …; branch: …; after: …; status: …; summary: …`;
 * undefined when the value is none of them (another `Session-Info:` field), null when it is one,
 * malformed.
 */
function parseFamily(value: string): TrailerItem | null | undefined {
  if (value === 'now') return { kind: 'now', text: null };
  if (value.startsWith('now ')) {
    const text = decodeHead(value.slice(4));
    return text === null ? null : { kind: 'now', text };
  }
  const m = /^(parent|child) (\S+?)((?:;[\s\S]*)?)$/.exec(value);
  if (!m) return undefined;
  if (m[1] === 'parent') {
    const parsed = parseFields(`x${m[3]}`, ['task', 'agent', 'after']);
    const after = afterIds(parsed?.fields.after);
    if (!parsed || !isSessionId(m[2]!) || after === null) return null;
    const { task, agent } = parsed.fields;
    return { kind: 'parent', parent: m[2]!, task: task || null, agent: agent || null, after };
  }
  const parsed = parseFields(`x${m[3]}`, ['name', 'task', 'agent', 'branch', 'after', 'status', 'summary']);
  const after = afterIds(parsed?.fields.after);
  if (!parsed || !(isSessionId(m[2]!) || isAgentId(m[2]!)) || after === null) return null;
  const f = parsed.fields;
  if (f.name === undefined || !NAME_RE.test(f.name) || f.name.includes('..') || !f.task) return null;
  if (f.status !== undefined && !CHILD_STATUSES.includes(f.status as ChildStatus)) return null;
  return {
    kind: 'child',
    child: m[2]!,
    name: f.name,
    task: f.task,
    agent: f.agent || null,
    branch: f.branch || null,
    after,
    status: (f.status as ChildStatus | undefined) ?? null,
    summary: f.summary || null,
  };
}

function parseObjective(value: string): TrailerItem | null {
  const parsed = parseFields(value, ['reopened']);
  const m = parsed && /^\[([ >x])\] (\S+) ([\s\S]+)$/.exec(parsed.head);
  if (!parsed || !m || !isItemId(m[2]!) || !m[2]!.startsWith('obj-')) return null;
  if (parsed.fields.reopened !== undefined && parsed.fields.reopened !== 'yes') return null;
  const text = decodeHead(m[3]!);
  if (text === null) return null;
  return {
    kind: 'objective',
    id: m[2]!,
    status: MARK_OBJECTIVE[m[1]!]!,
    text,
    reopened: parsed.fields.reopened === 'yes',
  };
}

function parseDecision(value: string): TrailerItem | null {
  const parsed = parseFields(value, ['rationale', 'alternatives', 'supersedes']);
  const m = parsed && /^(\S+) ([\s\S]+)$/.exec(parsed.head);
  if (!parsed || !m || !isItemId(m[1]!) || !m[1]!.startsWith('dec-')) return null;
  const supersedes = parsed.fields.supersedes ?? null;
  // A decision replaces another decision, never itself.
  if (supersedes !== null && (!isItemId(supersedes) || !supersedes.startsWith('dec-') || supersedes === m[1]))
    return null;
  const text = decodeHead(m[2]!);
  if (text === null) return null;
  return {
    kind: 'decision',
    id: m[1]!,
    text,
    rationale: parsed.fields.rationale ?? null,
    alternatives: parsed.fields.alternatives ?? null,
    supersedes,
  };
}

function parseBlocker(value: string): TrailerItem | null {
  const parsed = parseFields(value, ['resolution']);
  const m = parsed && /^\[([ x])\] (\S+) ([\s\S]+)$/.exec(parsed.head);
  if (!parsed || !m || !isItemId(m[2]!) || !m[2]!.startsWith('blk-')) return null;
  const text = decodeHead(m[3]!);
  if (text === null) return null;
  return { kind: 'blocker', id: m[2]!, resolved: m[1] === 'x', text, note: parsed.fields.resolution ?? null };
}

function parseLog(value: string): TrailerItem | null {
  const parsed = parseFields(value, ['id']);
  const m = parsed && /^(\S+) ([\s\S]+)$/.exec(parsed.head);
  if (!parsed || !m || !(JOURNAL.includes(m[1] as JournalKind) || m[1] === 'handoff')) return null;
  const id = entryId(parsed.fields, 'log-');
  if (id === false) return null;
  const text = decodeHead(m[2]!);
  if (text === null) return null;
  return m[1] === 'handoff' ? { kind: 'handoff', text, id } : { kind: 'log', entry: m[1] as JournalKind, text, id };
}

function parseCheckpoint(value: string): TrailerItem | null {
  const parsed = parseFields(value, ['note', 'phase', 'status', 'id']);
  if (!parsed) return null;
  const id = entryId(parsed.fields, 'chk-');
  if (id === false) return null;
  const label = decodeHead(parsed.head);
  if (label === null) return null;
  return {
    kind: 'checkpoint',
    label,
    note: parsed.fields.note ?? null,
    phase: parsed.fields.phase ?? null,
    phaseStatus: parsed.fields.status ?? null,
    id,
  };
}

const CRITERION_FIELDS = ['check', 'by', 'exit', 'signal', 'timeout', 'ms', 'at', 'commit'];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The run fields of a criterion's line, each checked; null when one is not what a writer makes. */
function criterionRun(f: Record<string, string>): CriterionRunFields | null | false {
  const int = (v: string | undefined, max: number): number | null | false =>
    v === undefined ? null : /^(0|[1-9][0-9]{0,15})$/.test(v) && Number(v) <= max ? Number(v) : false;
  const exitCode = int(f.exit, 255);
  const durationMs = int(f.ms, 2 ** 48);
  if (exitCode === false || durationMs === false) return false;
  if (f.by !== undefined && f.by !== 'hand') return false;
  if (f.timeout !== undefined && f.timeout !== 'yes') return false;
  if (f.signal !== undefined && !/^SIG[A-Z0-9]{1,12}$/.test(f.signal)) return false;
  if (f.at !== undefined && !(ISO_TIME.test(f.at) && Number.isFinite(Date.parse(f.at)))) return false;
  if (f.commit !== undefined && !/^[0-9a-f]{7,64}$/.test(f.commit)) return false;
  const run: CriterionRunFields = {
    manual: f.by === 'hand',
    exitCode,
    signal: f.signal ?? null,
    timedOut: f.timeout === 'yes',
    durationMs,
    at: f.at ?? null,
    commit: f.commit ?? null,
  };
  return Object.values(f).length === (f.check !== undefined ? 1 : 0) ? null : run;
}

function parseCriterion(value: string): TrailerItem | null {
  const override = /^override ([\s\S]+)$/.exec(value);
  if (override) {
    const parsed = parseFields(override[1]!, ['unmet']);
    if (!parsed) return null;
    const reason = decodeHead(parsed.head);
    const unmet = parsed.fields.unmet === undefined ? [] : parsed.fields.unmet.split(' ');
    if (reason === null || unmet.length > MAX_UNMET || !unmet.every((id) => isItemId(id) && id.startsWith('crt-')))
      return null;
    return { kind: 'criteria-override', reason, unmet };
  }
  const parsed = parseFields(value, CRITERION_FIELDS);
  const m = parsed && /^\[([ x!-])\] (\S+) ([\s\S]+)$/.exec(parsed.head);
  if (!parsed || !m || !isItemId(m[2]!) || !m[2]!.startsWith('crt-')) return null;
  const text = decodeHead(m[3]!);
  const run = criterionRun(parsed.fields);
  if (text === null || run === false || (parsed.fields.check !== undefined && parsed.fields.check === '')) return null;
  const status = MARK_CRITERION[m[1]!]!;
  // A result without a run, or a run without a result, is no line a writer makes.
  if ((status === 'passed' || status === 'failed') !== (run !== null) && status !== 'removed') return null;
  return { kind: 'criterion', id: m[2]!, status, text, check: parsed.fields.check ?? null, run };
}

/** Each key's reader, by the key as git's parser gives it, lowercased. */
const VALUE_PARSERS: Record<string, (value: string) => TrailerItem | null> = {
  session: (value) => (isSessionId(value) ? { kind: 'session', session: value } : null),
  'session-info': parseInfo,
  'session-objectives': parseObjective,
  decisions: parseDecision,
  'session-blockers': parseBlocker,
  'session-log': parseLog,
  'session-checkpoint': parseCheckpoint,
  'session-criteria': parseCriterion,
};

function parseValue(key: string, value: string): TrailerItem | null {
  const parse = Object.hasOwn(VALUE_PARSERS, key.toLowerCase()) ? VALUE_PARSERS[key.toLowerCase()] : undefined;
  return parse ? parse(value) : null;
}

/** A line of one of our keys that was not read, and why. */
export interface RejectedTrailer {
  /** The line, cut to 200 characters (a rejected value may be megabytes long). */
  line: string;
  reason: 'malformed' | 'too-long';
}

/**
 * Parse `Key: value` lines as printed by `git interpret-trailers --parse` or
 * `git log --format=%(trailers:unfold,...)`. Lines that are not our trailers are ignored.
 */
export function parseTrailerLines(text: string): { items: TrailerItem[]; rejected: string[] } {
  const r = parseTrailerList(text.split('\n'));
  return { items: r.items, rejected: r.rejected.map((x) => x.line) };
}

/** parseTrailerLines over lines already split, with the reason for each line not read. */
export function parseTrailerList(lines: readonly string[]): { items: TrailerItem[]; rejected: RejectedTrailer[] } {
  const items: TrailerItem[] = [];
  const rejected: RejectedTrailer[] = [];
  for (const line of lines) {
    const r = parseTrailerLine(line);
    if (r === null) continue;
    if ('kind' in r) items.push(r);
    else rejected.push(r);
  }
  return { items, rejected };
}

/** One `Key: value` line: our item, why it was not read, or null when the key is not ours. */
export function parseTrailerLine(line: string): TrailerItem | RejectedTrailer | null {
  const idx = line.indexOf(':');
  if (idx <= 0) return null;
  const key = line.slice(0, idx).trim();
  if (!OUR_KEYS.has(key.toLowerCase())) return null;
  // git trims ASCII whitespace only: a value that ends in a no-break space keeps it.
  const value = line.slice(idx + 1).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const item = parseItemOutcome(key, value);
  if (typeof item !== 'string') return item;
  return { line: line.length > 200 ? `${line.slice(0, 200)}…` : line, reason: item };
}
