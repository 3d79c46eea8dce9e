// The event model: a session's state is a fold over these (see fold.ts).
// Every event carries its own id, time, author and session so that two event lists — from two
// clones, or from the local journal and the git history — merge by union without loss.

export type SessionStatus = 'active' | 'paused' | 'completed' | 'abandoned';
export type ObjectiveStatus = 'open' | 'in-progress' | 'done';
export type BlockerStatus = 'open' | 'resolved';
export type JournalKind = 'progress' | 'discovery' | 'next' | 'done';

export const SESSION_STATUSES: readonly SessionStatus[] = ['active', 'paused', 'completed', 'abandoned'];
export const JOURNAL_KINDS: readonly JournalKind[] = ['progress', 'discovery', 'next', 'done'];

export interface EventBase {
  /** Storage format version of the event. */
  v: 1;
  /** Unique and time-ordered (UUIDv7) for local events; `git:<sha>:<n>` for events read from history. */
  id: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-22T10:00:00.000Z. */
  at: string;
  /** git user.email of whoever caused the event. */
  author: string;
  /** Session id (UUIDv7). */
  session: string;
  /** Local order number, assigned under the store lock; absent on events read from history or written by hooks. */
  seq?: number;
  /** Commit the event was read from, for events rebuilt from history. */
  origin?: string;
  /**
   * Order among events of the same time, for events read from history: commit times have
   * one-second precision, so the position of the commit in the history walk and of the item in
   * its trailer block decide. Absent (0) on local events.
   */
  order?: number;
}

export type EventPayload =
  | { type: 'session.started'; name: string; title: string; branch: string; tasks: readonly string[] }
  | { type: 'session.info'; name?: string; title?: string; branch?: string; tasks?: readonly string[] }
  | { type: 'session.paused'; note?: string }
  | { type: 'session.resumed' }
  | { type: 'session.completed'; summary?: string }
  | { type: 'session.abandoned'; reason: string }
  | { type: 'session.reopened' }
  | { type: 'objective.added'; objective: string; text: string }
  | { type: 'objective.started'; objective: string }
  | { type: 'objective.completed'; objective: string }
  | { type: 'objective.reopened'; objective: string }
  | { type: 'decision.recorded'; decision: string; text: string; rationale?: string; alternatives?: string }
  | { type: 'blocker.added'; blocker: string; text: string }
  | { type: 'blocker.resolved'; blocker: string; note?: string }
  | { type: 'journal.added'; kind: JournalKind; text: string }
  | {
      type: 'checkpoint.recorded';
      label: string;
      note?: string;
      commit?: string;
      phase?: string;
      phaseStatus?: string;
    }
  | { type: 'handoff.noted'; text: string }
  | { type: 'handoff.written'; path: string }
  | { type: 'agent.compacted' }
  | { type: 'commit.recorded'; sha: string; mark?: number; base?: number };

export type EventType = EventPayload['type'];
export type SessionEvent = EventBase & EventPayload;
export type EventOf<T extends EventType> = EventBase & Extract<EventPayload, { type: T }>;

/** Total order used everywhere events are combined: time, then order, then id (UUIDv7 ids are time-ordered too). */
export function compareEvents(a: SessionEvent, b: SessionEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const ao = a.order ?? 0;
  const bo = b.order ?? 0;
  if (ao !== bo) return ao - bo;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** Union of event lists by id, in the canonical order. Duplicates (same id) keep the first seen. */
export function unionEvents(...lists: readonly (readonly SessionEvent[])[]): SessionEvent[] {
  const seen = new Map<string, SessionEvent>();
  for (const list of lists) for (const e of list) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()].sort(compareEvents);
}
