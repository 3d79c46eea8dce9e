// The event model: a session's state is a fold over these (see fold.ts).
// Every event carries its own id, time, author and session so that two event lists — from two
// clones, or from the local journal and the git history — merge by union without loss. Events are
// ordered by a logical clock (`lc`), never by their claimed time (docs/reliability.md, "Trust
// model"; the rules are in clock.ts).

export type SessionStatus = 'active' | 'paused' | 'completed' | 'abandoned';
export type ObjectiveStatus = 'open' | 'in-progress' | 'done';
export type BlockerStatus = 'open' | 'resolved';
/** What a run of an acceptance criterion's check (or a confirmation by hand) found. */
export type CriterionResult = 'passed' | 'failed';

/** Clocks stay far from the end of exact integers (2^53), however many events a session gets. */
export const MAX_CLOCK = 2 ** 50;

export const SESSION_STATUSES: readonly SessionStatus[] = ['active', 'paused', 'completed', 'abandoned'];
export const JOURNAL_KINDS = ['progress', 'discovery', 'next', 'done'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface EventBase {
  /** Storage format version of the event. */
  v: 1;
  /** Unique and time-ordered (UUIDv7) for local events; `git:<sha>:<session>:<n>` for events read from history. */
  id: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-22T10:00:00.000Z. For display: never orders anything. */
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
   * Lamport clock: the order of events (clock.ts). Written on every event the CLI makes (1 + the
   * highest clock among the session's events as loaded); for an event read from history, the
   * generation number of its commit; an event without one in a journal (written by the hooks or
   * by git-session before 0.2) takes the clock of the event before it, in memory.
   */
  lc?: number;
  /**
   * Order among events of one clock value, in memory only (never written): the line of a journal
   * event; for history events, where the commit that carried them was recorded. The event id
   * decides what remains (for history events: the commit sha, then the place in the block).
   */
  order?: number;
  /**
   * The clone (its machine id) that made an event read from a session ref (team sync, docs/sync.md):
   * in memory only, never written to a journal. Absent on this clone's own events and on history.
   */
  from?: string;
}

export type EventPayload =
  | { type: 'session.started'; name: string; title: string; branch: string; tasks: readonly string[] }
  | {
      type: 'session.info';
      name?: string;
      title?: string;
      branch?: string;
      tasks?: readonly string[];
      /** The note of the latest pause, as a commit carried it (pauses themselves stay local). */
      pauseNote?: string;
    }
  // `shared`: the note was typed for whoever picks the session up (`pause --note`): the next commit
  // carries it. A note made automatically (a branch switch) stays on this clone. `machine`: the
  // random id of the clone where it happened (the store's `machine` file), for presence.
  | { type: 'session.paused'; note?: string; shared?: boolean; machine?: string }
  | { type: 'session.resumed'; machine?: string }
  | { type: 'session.completed'; summary?: string }
  | { type: 'session.abandoned'; reason: string }
  | { type: 'session.reopened' }
  | { type: 'objective.added'; objective: string; text: string }
  // `text` on a transition read from history: the text of the line that carried it, so that a line
  // whose text conflicts with the item's moves only its own version (fold.ts, conflicts).
  | { type: 'objective.started'; objective: string; text?: string }
  | { type: 'objective.completed'; objective: string; text?: string }
  | { type: 'objective.reopened'; objective: string; text?: string }
  // `supersedes`: the id of an earlier decision (of this session or another) this one replaces; its ADR
  // file then says so (app/adr.ts).
  | {
      type: 'decision.recorded';
      decision: string;
      text: string;
      rationale?: string;
      alternatives?: string;
      supersedes?: string;
    }
  | { type: 'blocker.added'; blocker: string; text: string }
  | { type: 'blocker.resolved'; blocker: string; note?: string; text?: string }
  // `entry`: the entry id a trailer carried (`log-…`, `chk-…`); a local event's is derived from its
  // id (ids.ts entryIdOf). A history event without one was carried before 0.2: known by its text.
  | { type: 'journal.added'; kind: JournalKind; text: string; entry?: string }
  | {
      type: 'checkpoint.recorded';
      label: string;
      note?: string;
      commit?: string;
      phase?: string;
      phaseStatus?: string;
      entry?: string;
    }
  // Acceptance criteria (core/criteria.ts): a criterion is confirmed by running its `check` (a line
  // of shell, `git session verify`) or, without one, by hand. `verifiedAt`, `text`: read from history
  // (the time the line states, the text of the line). `output`: the tail of what the check printed,
  // kept in the journal only: neither a trailer nor a session ref carries it (codec/sync-file.ts forTheRef).
  | { type: 'criterion.added'; criterion: string; text: string; check?: string }
  | { type: 'criterion.removed'; criterion: string; text?: string }
  | {
      type: 'criterion.verified';
      criterion: string;
      result: CriterionResult;
      manual?: boolean;
      exitCode?: number;
      signal?: string;
      timedOut?: boolean;
      durationMs?: number;
      commit?: string;
      output?: string;
      verifiedAt?: string;
      text?: string;
    }
  // `end --force`: the session ended although these criteria were not met, for this reason.
  | { type: 'criteria.overridden'; reason: string; unmet: readonly string[] }
  | { type: 'handoff.noted'; text: string; entry?: string }
  | { type: 'handoff.written'; path: string }
  | { type: 'agent.compacted' }
  | { type: 'commit.recorded'; sha: string; mark?: number; base?: number }
  | SwarmPayload;

/** Whom a child's status names (docs/json.md `children`): an agent a seed 002 file recorded has no session here. */
export type ChildStatus = 'pending' | 'active' | 'paused' | 'completed' | 'abandoned';
export const CHILD_STATUSES: readonly ChildStatus[] = ['pending', 'active', 'paused', 'completed', 'abandoned'];

/** The session that spawned this one (`session.spawned`), and what for, as the fold and a `Session-Info:` line hold it. */
export interface SpawnLink {
  parent: string;
  task: string | null;
  agent: string | null;
  /** Session ids of the sessions this one waits for before it starts (`spawn --after`). */
  after: string[];
}

/** What a parent records of a child it spawned (`child.spawned`), as the fold and a `Session-Info:` line hold it. */
export interface ChildLink {
  name: string;
  task: string;
  agent: string | null;
  branch: string | null;
  after: string[];
  /** Only for a child without a session: the status the file gave. */
  status: ChildStatus | null;
  summary: string | null;
}

/**
 * Spawned agents and the current task (issue 11 point 3, seed 002). A parent records each child it
 * spawned (`child.spawned`, again with the latest status and summary of an agent known only from
 * an imported file); the child records its parent (`session.spawned`). Either side alone links the
 * two on any clone. `session.now` sets the current task (absent text: none).
 */
export type SwarmPayload =
  | { type: 'session.now'; text?: string }
  | { type: 'session.spawned'; parent: string; task?: string; agent?: string; after?: readonly string[] }
  | {
      type: 'child.spawned';
      /** The child's session id; `agt-…` for an agent an imported file names (no session of its own). */
      child: string;
      name: string;
      task: string;
      agent?: string;
      branch?: string;
      /** Session ids of the children this one waits for (`spawn --after`). */
      after?: readonly string[];
      /** Only for a child without a session: what the file said. */
      status?: ChildStatus;
      summary?: string;
    };

export type EventType = EventPayload['type'];
export type SessionEvent = EventBase & EventPayload;
export type EventOf<T extends EventType> = EventBase & Extract<EventPayload, { type: T }>;

/**
 * Total order used everywhere events are combined: clock, then order, then id, then the clone an
 * event came from (only a copied id meets another). Never the time an event claims (a commit can
 * claim any date). Events without a clock count as 0.
 */
export function compareEvents(a: SessionEvent, b: SessionEvent): number {
  const al = a.lc ?? 0;
  const bl = b.lc ?? 0;
  if (al !== bl) return al - bl;
  const ao = a.order ?? 0;
  const bo = b.order ?? 0;
  if (ao !== bo) return ao - bo;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const af = a.from ?? '';
  const bf = b.from ?? '';
  if (af !== bf) return af < bf ? -1 : 1;
  return 0;
}

/** Union of event lists by id, in the canonical order. Duplicates (same id) keep the first seen. */
export function unionEvents(...lists: readonly (readonly SessionEvent[])[]): SessionEvent[] {
  const seen = new Map<string, SessionEvent>();
  for (const list of lists) for (const e of list) if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()].sort(compareEvents);
}
