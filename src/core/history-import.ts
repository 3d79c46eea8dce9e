// Rebuilding sessions from history: one commit's trailer block (as git's own parser read it)
// becomes events. Ids are derived from the commit, so reading the same commit twice yields the
// same events and a union with earlier imports changes nothing. Events take the commit's clock
// (clock.ts: its `Session-Info: clock` claim, at least one above its parents'): the commit graph
// orders history, dates never do.
//
// A commit is a stranger's input: what one commit can make is bounded (sessions, items, text size;
// the text limit is the codec's), and each session gets only its own part of the block.

import { parseTrailerLine, type RejectedTrailer, type TrailerItem } from '../codec/trailers.js';
import type { EventPayload, SessionEvent } from '../model/events.js';

/** Sessions one commit may speak for (a squash merge of many sessions stays well below). */
export const MAX_SESSIONS_PER_COMMIT = 100;
/** Items one commit may carry, all sessions together (a squash merge of 8,000 items fits). */
export const MAX_ITEMS_PER_COMMIT = 10_000;

export interface HistoryCommit {
  sha: string;
  /** The commit's clock (core/clock.ts commitClock): the clock of the events it makes. */
  generation: number;
  /** Committer time (seconds), for display. */
  commitTime: number;
  authorEmail: string;
  /** `Key: value` lines of our keys, unfolded, in block order. */
  trailers: string[];
}

/** One commit's block cut per session: each session's items, nothing of the others'. */
export interface CommitSlices {
  /** Sessions in block order, each with the lines of its items (its `Session:` line left out). */
  lines: Map<string, string[]>;
  items: Map<string, TrailerItem[]>;
  /** Lines of our keys that did not parse, or held text beyond the limit. */
  rejected: RejectedTrailer[];
  /** Items before any `Session:` line: they belong to no session. */
  orphans: number;
  /** Sessions beyond MAX_SESSIONS_PER_COMMIT, and items beyond MAX_ITEMS_PER_COMMIT: not read. */
  droppedSessions: number;
  droppedItems: number;
  /** The highest `Session-Info: clock` the block claims (0 when none). */
  claim: number;
}

/**
 * Cut a trailer block into sessions. Items belong to the `Session:` line before them (a squash
 * commit carries several sessions, each followed by its own items).
 */
export function sliceCommit(trailers: readonly string[]): CommitSlices {
  const out: CommitSlices = {
    lines: new Map(),
    items: new Map(),
    rejected: [],
    orphans: 0,
    droppedSessions: 0,
    droppedItems: 0,
    claim: 0,
  };
  // null: before any Session line; 'dropped': a session beyond the limit.
  let current: { lines: string[]; items: TrailerItem[] } | null | 'dropped' = null;
  let count = 0;
  const dropped = new Set<string>();
  for (const line of trailers) {
    const item = parseTrailerLine(line);
    if (item === null) continue;
    if (!('kind' in item)) {
      out.rejected.push(item);
      continue;
    }
    if (item.kind === 'clock') {
      // A claim is the commit's, whichever session's line carries it.
      if (item.clock > out.claim) out.claim = item.clock;
      continue;
    }
    if (item.kind === 'session') {
      const id = item.session;
      const known = out.items.get(id);
      if (known) current = { lines: out.lines.get(id)!, items: known };
      else if (out.items.size < MAX_SESSIONS_PER_COMMIT) {
        current = { lines: [], items: [] };
        out.lines.set(id, current.lines);
        out.items.set(id, current.items);
      } else {
        if (!dropped.has(id)) out.droppedSessions++;
        dropped.add(id);
        current = 'dropped';
      }
      continue;
    }
    if (current === null) {
      out.orphans++;
      continue;
    }
    if (current === 'dropped') continue;
    if (count >= MAX_ITEMS_PER_COMMIT) {
      out.droppedItems++;
      continue;
    }
    count++;
    current.lines.push(line);
    current.items.push(item);
  }
  return out;
}

function iso(seconds: number): string {
  const ms = seconds * 1000;
  // A date beyond what a Date holds is shown as the epoch rather than breaking every reader.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : new Date(0).toISOString();
}

function itemEvents(item: TrailerItem, sha: string): EventPayload[] {
  switch (item.kind) {
    case 'session':
    case 'clock':
      return [];
    case 'info':
      if (item.field === 'task') return [{ type: 'session.info', tasks: [item.value] }];
      if (item.field === 'note') return [{ type: 'session.info', pauseNote: item.value }];
      return [{ type: 'session.info', [item.field]: item.value }];
    case 'status':
      if (item.status === 'completed')
        return [{ type: 'session.completed', ...(item.text !== null ? { summary: item.text } : {}) }];
      if (item.status === 'abandoned') return [{ type: 'session.abandoned', reason: item.text ?? '' }];
      return [{ type: 'session.reopened' }];
    case 'objective': {
      // `[ ]` says the objective exists; only an explicit `reopened: yes` moves one back to open.
      // Transitions carry the line's text: a line that conflicts moves only its own version.
      const text = item.text;
      const out: EventPayload[] = [{ type: 'objective.added', objective: item.id, text }];
      if (item.reopened) out.push({ type: 'objective.reopened', objective: item.id, text });
      if (item.status === 'in-progress') out.push({ type: 'objective.started', objective: item.id, text });
      if (item.status === 'done') out.push({ type: 'objective.completed', objective: item.id, text });
      return out;
    }
    case 'decision':
      return [
        {
          type: 'decision.recorded',
          decision: item.id,
          text: item.text,
          ...(item.rationale !== null ? { rationale: item.rationale } : {}),
          ...(item.alternatives !== null ? { alternatives: item.alternatives } : {}),
          ...(item.supersedes !== null ? { supersedes: item.supersedes } : {}),
        },
      ];
    case 'blocker':
      return [
        { type: 'blocker.added', blocker: item.id, text: item.text },
        ...(item.resolved
          ? [
              {
                type: 'blocker.resolved',
                blocker: item.id,
                text: item.text,
                ...(item.note !== null ? { note: item.note } : {}),
              } as EventPayload,
            ]
          : []),
      ];
    case 'log':
      return [{ type: 'journal.added', kind: item.entry, text: item.text, ...(item.id ? { entry: item.id } : {}) }];
    case 'handoff':
      return [{ type: 'handoff.noted', text: item.text, ...(item.id ? { entry: item.id } : {}) }];
    case 'now':
    case 'parent':
    case 'child':
      return familyEvents(item);
    case 'checkpoint':
      return [
        {
          type: 'checkpoint.recorded',
          label: item.label,
          commit: sha,
          ...(item.note !== null ? { note: item.note } : {}),
          ...(item.phase !== null ? { phase: item.phase } : {}),
          ...(item.phaseStatus !== null ? { phaseStatus: item.phaseStatus } : {}),
          ...(item.id ? { entry: item.id } : {}),
        },
      ];
  }
}

/** Issue 11 point 3: the current task, a child's parent, a parent's child. */
function familyEvents(item: Extract<TrailerItem, { kind: 'now' | 'parent' | 'child' }>): EventPayload[] {
  switch (item.kind) {
    case 'now':
      return [{ type: 'session.now', ...(item.text !== null ? { text: item.text } : {}) }];
    case 'parent':
      return [
        {
          type: 'session.spawned',
          parent: item.parent,
          ...(item.task !== null ? { task: item.task } : {}),
          ...(item.agent !== null ? { agent: item.agent } : {}),
          ...(item.after.length > 0 ? { after: item.after } : {}),
        },
      ];
    case 'child':
      return [
        {
          type: 'child.spawned',
          child: item.child,
          name: item.name,
          task: item.task,
          ...(item.agent !== null ? { agent: item.agent } : {}),
          ...(item.branch !== null ? { branch: item.branch } : {}),
          ...(item.after.length > 0 ? { after: item.after } : {}),
          ...(item.status !== null ? { status: item.status } : {}),
          ...(item.summary !== null ? { summary: item.summary } : {}),
        },
      ];
  }
}

/** The events one commit makes for one session, from that session's items. */
export function importSlice(
  c: Omit<HistoryCommit, 'trailers'>,
  session: string,
  items: readonly TrailerItem[],
): SessionEvent[] {
  const at = iso(c.commitTime);
  const base = { v: 1 as const, at, author: c.authorEmail, session, origin: c.sha, lc: c.generation };
  const events: SessionEvent[] = [
    { ...base, id: `git:${c.sha}:${session}`, type: 'commit.recorded', sha: c.sha } as SessionEvent,
  ];
  let n = 0;
  // The index keeps block order among one commit's events (ids compare as strings).
  for (const item of items)
    for (const payload of itemEvents(item, c.sha))
      events.push({
        ...base,
        id: `git:${c.sha}:${session}:${String(n++).padStart(5, '0')}`,
        ...payload,
      } as SessionEvent);
  return events;
}

export interface ImportResult {
  events: SessionEvent[];
  /** Lines with one of our keys that did not parse (hand-written or damaged). */
  rejected: string[];
  sessions: string[];
}

/** Every session's events of one commit. */
export function importCommit(c: HistoryCommit): ImportResult {
  const slices = sliceCommit(c.trailers);
  const events: SessionEvent[] = [];
  for (const [session, items] of slices.items) events.push(...importSlice(c, session, items));
  return { events, rejected: slices.rejected.map((r) => r.line), sessions: [...slices.items.keys()] };
}
