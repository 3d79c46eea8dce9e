// One clone's file in a session ref (docs/sync.md): the events that clone recorded, one JSON event
// per line, as its journal holds them. Written from this clone's journal; read from other clones'
// refs, where it is a stranger's input: every line is checked as a journal line is, and more —
// sizes, ids, the session it speaks for, the clock it may claim. Pure.

import type { SessionEvent } from '../model/events.js';
import { MACHINE_ID_LENGTH } from '../model/hook-contract.js';
import { isEntryId, isItemId, isSessionId } from '../model/ids.js';
import { MAX_SYNCED_CLOCK, SYNC_FILE_SUFFIX, SYNC_LIMITS } from '../model/sync.js';
import { MAX_TEXT_BYTES } from '../model/text.js';
import { parseEventLine, serialiseEvent } from './event-json.js';

const MACHINE_RE = new RegExp(`^[0-9a-f]{${MACHINE_ID_LENGTH}}$`);
const SHA_RE = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export const isMachineId = (s: string): boolean => MACHINE_RE.test(s);

/** The file a clone's events go to in a session ref's tree. */
export function syncFileName(machine: string): string {
  if (!isMachineId(machine)) throw new Error(`not a machine id: ${JSON.stringify(machine)}`);
  return `${machine}${SYNC_FILE_SUFFIX}`;
}

/** The clone a tree entry speaks for, or null: any other name is not read. */
export function machineOfFile(name: string): string | null {
  if (!name.endsWith(SYNC_FILE_SUFFIX)) return null;
  const machine = name.slice(0, -SYNC_FILE_SUFFIX.length);
  return isMachineId(machine) ? machine : null;
}

/** A clone's events as its file holds them: one line each, in journal order. */
export function serialiseSyncFile(events: readonly SessionEvent[]): string {
  let out = '';
  for (const e of events) out += `${serialiseEvent(e)}\n`;
  return out;
}

export interface SyncLine {
  event: SessionEvent;
  /** Its line in the file (0-based): what orders events of one clock (core/clock.ts). */
  line: number;
}

export interface ReadSyncFile {
  lines: SyncLine[];
  /** Lines not read, with why (the first 20; `rejectedCount` counts them all). */
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** Fields of known events that hold typed text (at most MAX_TEXT_BYTES each, as typed). */
const TEXT_FIELDS = [
  'name',
  'title',
  'text',
  'rationale',
  'alternatives',
  'note',
  'summary',
  'reason',
  'label',
  'phase',
  'phaseStatus',
  'pauseNote',
  'path',
] as const;

const byteLength = (s: string): number => (s.length * 3 <= MAX_TEXT_BYTES ? s.length : Buffer.byteLength(s));

/** What is wrong with an event a ref holds beyond what a journal line may be, or null. */
function refProblem(e: SessionEvent, session: string): string | null {
  if (e.session !== session) return `speaks for session ${e.session.slice(0, 13)}, not the ref's`;
  if (e.id.length > 200 || /[\u0000-\u001f\u007f]/.test(e.id)) return 'bad id';
  if (e.author.length > 320) return 'author longer than 320 characters';
  if (e.lc !== undefined && e.lc > MAX_SYNCED_CLOCK) return 'a clock beyond 2^49';
  const fields = e as unknown as Record<string, unknown>;
  for (const f of TEXT_FIELDS) {
    const v = fields[f];
    if (typeof v === 'string' && byteLength(v) > MAX_TEXT_BYTES) return `"${f}" longer than 16 KiB`;
  }
  switch (e.type) {
    case 'session.started':
    case 'session.info':
      if (e.tasks && (e.tasks.length > 100 || e.tasks.some((t) => t.length > 200))) return 'bad "tasks"';
      if (e.branch !== undefined && (e.branch.length > 255 || /[\u0000-\u0020\u007f]/.test(e.branch)))
        return 'bad "branch"';
      return null;
    case 'objective.added':
    case 'objective.started':
    case 'objective.completed':
    case 'objective.reopened':
      return isItemId(e.objective) && e.objective.startsWith('obj-') ? null : 'bad "objective"';
    case 'decision.recorded':
      return isItemId(e.decision) && e.decision.startsWith('dec-') ? null : 'bad "decision"';
    case 'blocker.added':
    case 'blocker.resolved':
      return isItemId(e.blocker) && e.blocker.startsWith('blk-') ? null : 'bad "blocker"';
    case 'journal.added':
    case 'handoff.noted':
    case 'checkpoint.recorded':
      if (e.entry !== undefined && !isEntryId(e.entry)) return 'bad "entry"';
      if (e.type === 'checkpoint.recorded' && e.commit !== undefined && !SHA_RE.test(e.commit)) return 'bad "commit"';
      return null;
    case 'session.paused':
    case 'session.resumed':
      return e.machine !== undefined && !isMachineId(e.machine) ? 'bad "machine"' : null;
    case 'commit.recorded':
      return SHA_RE.test(e.sha) ? null : 'bad "sha"';
    default:
      return null;
  }
}

/**
 * Read one clone's file of session `session`'s ref: every line that is a valid event of that
 * session, within the limits (docs/sync.md, "What a ref may hold"); the others are reported.
 * Fields that only mean something on the clone that wrote them in memory (`order`, `origin`,
 * `from`) are dropped.
 */
export function readSyncFile(text: string, session: string): ReadSyncFile {
  const out: ReadSyncFile = { lines: [], rejected: [], rejectedCount: 0 };
  if (!isSessionId(session)) return out;
  const reject = (line: number, reason: string) => {
    out.rejectedCount++;
    if (out.rejected.length < 20) out.rejected.push({ line, reason });
  };
  let start = 0;
  for (let line = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    if (out.lines.length >= SYNC_LIMITS.eventsPerFile) {
      reject(line, `beyond ${SYNC_LIMITS.eventsPerFile} events`);
      continue;
    }
    if (raw.length > SYNC_LIMITS.lineBytes) {
      reject(line, 'longer than 256 KiB');
      continue;
    }
    const parsed = parseEventLine(raw);
    if (!parsed.ok) {
      reject(line, parsed.reason);
      continue;
    }
    const e = parsed.event as SessionEvent & Record<string, unknown>;
    delete e.origin;
    delete e.from;
    const problem = refProblem(e, session);
    if (problem) reject(line, problem);
    else out.lines.push({ event: e, line });
  }
  return out;
}

/**
 * Two versions of one clone's file, merged. A clone only appends to its own file, so one version
 * is normally the start of the other: the longer one is the merge. Otherwise (two stores sharing
 * one machine id: a copied `.git`) the lines both share at the start, then every other line of
 * either once, ordered by their clock and text — the same result whichever side merges.
 */
export function mergeSyncFiles(a: string, b: string): string {
  if (a === b || b === '') return a;
  if (a === '') return b;
  if (a.length >= b.length && a.startsWith(b) && b.endsWith('\n')) return a;
  if (b.length > a.length && b.startsWith(a) && a.endsWith('\n')) return b;
  const la = a.split('\n').filter((l) => l !== '');
  const lb = b.split('\n').filter((l) => l !== '');
  let common = 0;
  while (common < la.length && common < lb.length && la[common] === lb[common]) common++;
  const rest = new Set([...la.slice(common), ...lb.slice(common)]);
  const clock = (l: string): number => {
    const m = /"lc":(\d{1,16})[,}]/.exec(l);
    return m ? Number(m[1]) : 0;
  };
  const sorted = [...rest].sort((x, y) => clock(x) - clock(y) || (x < y ? -1 : x > y ? 1 : 0));
  return [...la.slice(0, common), ...sorted].map((l) => `${l}\n`).join('');
}
