// Encoding of session items as git trailer values (contract: docs/trailers.md).
//
// A value must survive git's trailer parser unchanged: it has to stay on one line (a newline would
// end the value or start a forged trailer), must not begin or end with a space (git trims values),
// and must not contain our field separator `;` unescaped. Everything else — unicode, `#`, colons,
// `Key: value` text, a leading `-` — passes through as is, so `git log` stays readable.

import type { JournalKind, ObjectiveStatus } from '../core/events.js';
import { isItemId, isSessionId } from '../core/ids.js';

export const TRAILER_KEYS = {
  session: 'Session',
  info: 'Session-Info',
  objectives: 'Session-Objectives',
  decisions: 'Decisions',
  blockers: 'Session-Blockers',
  log: 'Session-Log',
  checkpoint: 'Session-Checkpoint',
} as const;

export type TrailerKey = (typeof TRAILER_KEYS)[keyof typeof TRAILER_KEYS];
export const ALL_TRAILER_KEYS: readonly TrailerKey[] = Object.values(TRAILER_KEYS);

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

/** Inverse of escapeText. Returns null for malformed input (an unknown or cut escape). */
export function unescapeText(value: string): string | null {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== '\\') {
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
    const decoded = unescapeText(m[2]!);
    if (decoded === null) return null;
    fields[m[1]!] = decoded;
  }
  return rawHead === undefined ? null : { head: rawHead, fields };
}

function withFields(head: string, fields: [string, string | null | undefined][]): string {
  let out = head;
  for (const [name, v] of fields) if (v !== null && v !== undefined) out += `; ${name}: ${escapeText(v)}`;
  return out;
}

// ---- Items ------------------------------------------------------------------------------------

export type TrailerItem =
  | { kind: 'session'; session: string }
  | { kind: 'info'; field: 'name' | 'title' | 'branch' | 'task'; value: string }
  | { kind: 'status'; status: 'completed' | 'abandoned' | 'reopened'; text: string | null }
  | { kind: 'objective'; id: string; status: ObjectiveStatus; text: string; reopened: boolean }
  | { kind: 'decision'; id: string; text: string; rationale: string | null; alternatives: string | null }
  | { kind: 'blocker'; id: string; resolved: boolean; text: string; note: string | null }
  | { kind: 'log'; entry: JournalKind; text: string }
  | { kind: 'handoff'; text: string }
  | { kind: 'checkpoint'; label: string; note: string | null; phase: string | null; phaseStatus: string | null };

const OBJECTIVE_MARK: Record<ObjectiveStatus, string> = { open: '[ ]', 'in-progress': '[>]', done: '[x]' };
const MARK_OBJECTIVE: Record<string, ObjectiveStatus> = { ' ': 'open', '>': 'in-progress', x: 'done' };
const JOURNAL: readonly JournalKind[] = ['progress', 'discovery', 'next', 'done'];

/** Format one item as `Key: value` (the value escaped). */
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
      return { key: TRAILER_KEYS.log, value: `${item.entry} ${escapeText(item.text)}` };
    case 'handoff':
      return { key: TRAILER_KEYS.log, value: `handoff ${escapeText(item.text)}` };
    case 'checkpoint':
      return {
        key: TRAILER_KEYS.checkpoint,
        value: withFields(escapeText(item.label), [
          ['note', item.note],
          ['phase', item.phase],
          ['status', item.phaseStatus],
        ]),
      };
  }
}

export function formatTrailer(item: TrailerItem): string {
  const { key, value } = formatItem(item);
  return `${key}: ${value}`;
}

function decodeHead(raw: string): string | null {
  const text = unescapeText(raw);
  return text === null || text.length === 0 ? null : text;
}

/**
 * Parse one trailer (key as git printed it, value already unfolded and trimmed by git).
 * Returns null for keys that are not ours and for values that do not follow the format —
 * a hand-written or damaged trailer is skipped, never half-read.
 */
export function parseItem(key: string, value: string): TrailerItem | null {
  switch (key.toLowerCase()) {
    case 'session':
      return isSessionId(value) ? { kind: 'session', session: value } : null;
    case 'session-info': {
      const st = /^status (completed|abandoned|reopened)((?:;[\s\S]*)?)$/.exec(value);
      if (st) {
        const status = st[1] as 'completed' | 'abandoned' | 'reopened';
        const field = status === 'completed' ? 'summary' : status === 'abandoned' ? 'reason' : 'note';
        const parsed = parseFields(`x${st[2]}`, [field]);
        if (!parsed) return null;
        return { kind: 'status', status, text: parsed.fields[field] ?? null };
      }
      const m = /^(name|title|branch|task) ([\s\S]+)$/.exec(value);
      if (!m) return null;
      const text = decodeHead(m[2]!);
      return text === null ? null : { kind: 'info', field: m[1] as 'name' | 'title' | 'branch' | 'task', value: text };
    }
    case 'session-objectives': {
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
    case 'decisions': {
      const parsed = parseFields(value, ['rationale', 'alternatives']);
      const m = parsed && /^(\S+) ([\s\S]+)$/.exec(parsed.head);
      if (!parsed || !m || !isItemId(m[1]!) || !m[1]!.startsWith('dec-')) return null;
      const text = decodeHead(m[2]!);
      if (text === null) return null;
      return {
        kind: 'decision',
        id: m[1]!,
        text,
        rationale: parsed.fields.rationale ?? null,
        alternatives: parsed.fields.alternatives ?? null,
      };
    }
    case 'session-blockers': {
      const parsed = parseFields(value, ['resolution']);
      const m = parsed && /^\[([ x])\] (\S+) ([\s\S]+)$/.exec(parsed.head);
      if (!parsed || !m || !isItemId(m[2]!) || !m[2]!.startsWith('blk-')) return null;
      const text = decodeHead(m[3]!);
      if (text === null) return null;
      return { kind: 'blocker', id: m[2]!, resolved: m[1] === 'x', text, note: parsed.fields.resolution ?? null };
    }
    case 'session-log': {
      const m = /^(\S+) ([\s\S]+)$/.exec(value);
      if (!m || !(JOURNAL.includes(m[1] as JournalKind) || m[1] === 'handoff')) return null;
      const text = decodeHead(m[2]!);
      if (text === null) return null;
      return m[1] === 'handoff' ? { kind: 'handoff', text } : { kind: 'log', entry: m[1] as JournalKind, text };
    }
    case 'session-checkpoint': {
      const parsed = parseFields(value, ['note', 'phase', 'status']);
      if (!parsed) return null;
      const label = decodeHead(parsed.head);
      if (label === null) return null;
      return {
        kind: 'checkpoint',
        label,
        note: parsed.fields.note ?? null,
        phase: parsed.fields.phase ?? null,
        phaseStatus: parsed.fields.status ?? null,
      };
    }
    default:
      return null;
  }
}

/**
 * Parse `Key: value` lines as printed by `git interpret-trailers --parse` or
 * `git log --format=%(trailers:unfold,...)`. Lines that are not our trailers are ignored.
 */
export function parseTrailerLines(text: string): { items: TrailerItem[]; rejected: string[] } {
  const items: TrailerItem[] = [];
  const rejected: string[] = [];
  for (const line of text.split('\n')) {
    const idx = line.indexOf(':');
    if (idx <= 0) continue;
    const key = line.slice(0, idx).trim();
    if (!ALL_TRAILER_KEYS.some((k) => k.toLowerCase() === key.toLowerCase())) continue;
    // git trims ASCII whitespace only: a value that ends in a no-break space keeps it.
    const value = line.slice(idx + 1).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    const item = parseItem(key, value);
    if (item) items.push(item);
    else rejected.push(line);
  }
  return { items, rejected };
}
