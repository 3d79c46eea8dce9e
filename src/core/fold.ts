import {
  type BlockerStatus,
  compareEvents,
  type JournalKind,
  type ObjectiveStatus,
  type SessionEvent,
  type SessionStatus,
} from './events.js';

export interface Objective {
  id: string;
  text: string;
  status: ObjectiveStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** How many times it went back to open after being done (a pattern worth seeing in analysis). */
  reopened: number;
}

export interface Decision {
  id: string;
  text: string;
  rationale: string | null;
  alternatives: string | null;
  at: string;
  author: string;
}

export interface Blocker {
  id: string;
  text: string;
  status: BlockerStatus;
  note: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

export interface JournalEntry {
  id: string;
  kind: JournalKind;
  text: string;
  at: string;
  author: string;
}

export interface Checkpoint {
  id: string;
  label: string;
  note: string | null;
  commit: string | null;
  phase: string | null;
  phaseStatus: string | null;
  at: string;
}

export interface CommitRecord {
  sha: string;
  at: string;
  author: string;
}

export interface HandoffNote {
  text: string;
  at: string;
  author: string;
}

export interface SessionState {
  id: string;
  name: string;
  title: string;
  branch: string;
  status: SessionStatus;
  tasks: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Active time in closed intervals; add `now - activeSince` while active (see activeMs()). */
  closedActiveMs: number;
  activeSince: string | null;
  /** When the session last stopped being active (null while it never did). */
  lastActiveAt: string | null;
  pauses: number;
  pauseNote: string | null;
  summary: string | null;
  endReason: string | null;
  endedAt: string | null;
  objectives: Objective[];
  decisions: Decision[];
  blockers: Blocker[];
  log: JournalEntry[];
  checkpoints: Checkpoint[];
  commits: CommitRecord[];
  handoffNotes: HandoffNote[];
  handoffs: { path: string; at: string }[];
  compactions: number;
  /** Highest local seq carried by a recorded commit: items at or below it are already in history. */
  committedMark: number;
  lastSeq: number;
  /** True when at least one event came from the local journal (not only from history). */
  local: boolean;
}

function emptyState(first: SessionEvent): SessionState {
  return {
    id: first.session,
    name: first.session.slice(0, 8),
    title: '',
    branch: '',
    status: 'paused',
    tasks: [],
    author: first.author,
    createdAt: first.at,
    updatedAt: first.at,
    closedActiveMs: 0,
    activeSince: null,
    lastActiveAt: null,
    pauses: 0,
    pauseNote: null,
    summary: null,
    endReason: null,
    endedAt: null,
    objectives: [],
    decisions: [],
    blockers: [],
    log: [],
    checkpoints: [],
    commits: [],
    handoffNotes: [],
    handoffs: [],
    compactions: 0,
    committedMark: 0,
    lastSeq: 0,
    local: false,
  };
}

function msBetween(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

function stopClock(s: SessionState, at: string): void {
  if (s.activeSince !== null) {
    s.closedActiveMs += msBetween(s.activeSince, at);
    s.activeSince = null;
    s.lastActiveAt = at;
  }
}

function startClock(s: SessionState, at: string): void {
  if (s.activeSince === null) s.activeSince = at;
}

/** Lookups by id while folding (the state keeps arrays, in the order items appeared). */
interface Index {
  objectives: Map<string, Objective>;
  decisions: Set<string>;
  blockers: Map<string, Blocker>;
  commits: Set<string>;
  /** Local checkpoints not yet carried by a commit, with their seq. */
  uncommitted: { checkpoint: Checkpoint; seq: number }[];
  /** Recorded commits with the mark they carried, in order of mark. */
  marks: { mark: number; sha: string }[];
}

function emptyIndex(): Index {
  return {
    objectives: new Map(),
    decisions: new Set(),
    blockers: new Map(),
    commits: new Set(),
    uncommitted: [],
    marks: [],
  };
}

/**
 * Apply one event. Every transition is a "set", so replaying an event twice, or receiving the same
 * fact from the journal and from history, converges on the same state.
 */
function apply(s: SessionState, e: SessionEvent, ix: Index): void {
  if (e.at > s.updatedAt) s.updatedAt = e.at;
  if (e.at < s.createdAt) s.createdAt = e.at;
  if (e.seq !== undefined) {
    s.local = true;
    if (e.seq > s.lastSeq) s.lastSeq = e.seq;
  }
  switch (e.type) {
    case 'session.started':
      s.name = e.name;
      s.title = e.title;
      s.branch = e.branch;
      s.tasks = [...e.tasks];
      s.author = e.author;
      s.createdAt = e.at;
      s.status = 'active';
      startClock(s, e.at);
      return;
    case 'session.info':
      if (e.name !== undefined) s.name = e.name;
      if (e.title !== undefined) s.title = e.title;
      if (e.branch !== undefined) s.branch = e.branch;
      if (e.tasks !== undefined) s.tasks = [...new Set([...s.tasks, ...e.tasks])];
      return;
    case 'session.paused':
      if (s.status === 'active') s.pauses += 1;
      if (s.status === 'active' || s.status === 'paused') s.status = 'paused';
      s.pauseNote = e.note ?? null;
      stopClock(s, e.at);
      return;
    case 'session.resumed':
      if (s.status === 'completed' || s.status === 'abandoned') return;
      s.status = 'active';
      startClock(s, e.at);
      return;
    case 'session.completed':
      s.status = 'completed';
      s.summary = e.summary ?? s.summary;
      s.endedAt = e.at;
      stopClock(s, e.at);
      return;
    case 'session.abandoned':
      s.status = 'abandoned';
      s.endReason = e.reason;
      s.endedAt = e.at;
      stopClock(s, e.at);
      return;
    case 'session.reopened':
      if (s.status === 'completed' || s.status === 'abandoned') s.status = 'paused';
      s.endedAt = null;
      return;
    case 'objective.added': {
      if (ix.objectives.has(e.objective)) return;
      const o: Objective = {
        id: e.objective,
        text: e.text,
        status: 'open',
        createdAt: e.at,
        updatedAt: e.at,
        completedAt: null,
        reopened: 0,
      };
      ix.objectives.set(o.id, o);
      s.objectives.push(o);
      return;
    }
    case 'objective.started':
    case 'objective.completed':
    case 'objective.reopened': {
      const o = ix.objectives.get(e.objective);
      if (!o) return;
      const next: ObjectiveStatus =
        e.type === 'objective.started' ? 'in-progress' : e.type === 'objective.completed' ? 'done' : 'open';
      // Only an explicit reopen takes a done objective back, so a late replay of an older state
      // (a squash commit re-carrying `[>]`) cannot undo a completion.
      if (e.type === 'objective.started' && o.status === 'done') return;
      if (o.status === next) return;
      if (o.status === 'done' && next !== 'done') o.reopened += 1;
      o.status = next;
      o.updatedAt = e.at;
      o.completedAt = next === 'done' ? e.at : null;
      return;
    }
    case 'decision.recorded':
      if (ix.decisions.has(e.decision)) return;
      ix.decisions.add(e.decision);
      s.decisions.push({
        id: e.decision,
        text: e.text,
        rationale: e.rationale ?? null,
        alternatives: e.alternatives ?? null,
        at: e.at,
        author: e.author,
      });
      return;
    case 'blocker.added': {
      if (ix.blockers.has(e.blocker)) return;
      const b: Blocker = { id: e.blocker, text: e.text, status: 'open', note: null, openedAt: e.at, resolvedAt: null };
      ix.blockers.set(b.id, b);
      s.blockers.push(b);
      return;
    }
    case 'blocker.resolved': {
      const b = ix.blockers.get(e.blocker);
      if (!b || b.status === 'resolved') return;
      b.status = 'resolved';
      b.note = e.note ?? null;
      b.resolvedAt = e.at;
      return;
    }
    case 'journal.added':
      s.log.push({ id: e.id, kind: e.kind, text: e.text, at: e.at, author: e.author });
      return;
    case 'checkpoint.recorded': {
      const checkpoint: Checkpoint = {
        id: e.id,
        label: e.label,
        note: e.note ?? null,
        commit: e.commit ?? null,
        phase: e.phase ?? null,
        phaseStatus: e.phaseStatus ?? null,
        at: e.at,
      };
      s.checkpoints.push(checkpoint);
      if (checkpoint.commit === null && e.seq !== undefined) {
        // A commit recorded in the same second may sort first: it carried the checkpoint if its mark covers it.
        const seq = e.seq;
        const carrier = ix.marks.find((m) => m.mark >= seq);
        if (carrier) checkpoint.commit = carrier.sha;
        else ix.uncommitted.push({ checkpoint, seq });
      }
      return;
    }
    case 'handoff.noted':
      s.handoffNotes.push({ text: e.text, at: e.at, author: e.author });
      return;
    case 'handoff.written':
      s.handoffs.push({ path: e.path, at: e.at });
      return;
    case 'agent.compacted':
      s.compactions += 1;
      return;
    case 'commit.recorded':
      if (e.mark !== undefined && e.mark > s.committedMark) s.committedMark = e.mark;
      // A checkpoint's commit is the first commit that carried it.
      if (e.mark !== undefined) {
        const mark = e.mark;
        for (const u of ix.uncommitted) if (u.seq <= mark) u.checkpoint.commit = e.sha;
        ix.uncommitted = ix.uncommitted.filter((u) => u.seq > mark);
        ix.marks.push({ mark, sha: e.sha });
        ix.marks.sort((a, b) => a.mark - b.mark);
      }
      if (!ix.commits.has(e.sha)) {
        ix.commits.add(e.sha);
        s.commits.push({ sha: e.sha, at: e.at, author: e.author });
      }
      return;
    default:
      // Events of a newer format version are kept on disk and ignored here.
      return;
  }
}

/**
 * Fold events into per-session states. Events are put in canonical order first, so the result does
 * not depend on the order the lists were read or merged in.
 */
export function foldAll(events: readonly SessionEvent[]): Map<string, SessionState> {
  const sorted = [...events].sort(compareEvents);
  const states = new Map<string, SessionState>();
  const indexes = new Map<string, Index>();
  for (const e of sorted) {
    let s = states.get(e.session);
    let ix = indexes.get(e.session);
    if (!s || !ix) {
      s = emptyState(e);
      ix = emptyIndex();
      states.set(e.session, s);
      indexes.set(e.session, ix);
    }
    apply(s, e, ix);
  }
  return states;
}

/** Fold the events of one session; undefined when there are none. */
export function fold(events: readonly SessionEvent[]): SessionState | undefined {
  const states = foldAll(events);
  return states.values().next().value;
}

/** Total active time, counting the open interval up to `now` while the session is active. */
export function activeMs(s: SessionState, now: string): number {
  return s.closedActiveMs + (s.activeSince !== null ? msBetween(s.activeSince, now) : 0);
}

/** When work last happened in the session: now while active, else when it stopped. */
export function lastActive(s: SessionState, now: string): string {
  return s.activeSince !== null ? now : (s.lastActiveAt ?? s.updatedAt);
}

export function isOpen(s: SessionState): boolean {
  return s.status === 'active' || s.status === 'paused';
}

/** Where a commit ended up after amends and rebases (following chains, never looping). */
export function finalSha(rewrites: ReadonlyMap<string, string>, sha: string): string {
  let cur = sha;
  const seen = new Set<string>();
  for (let next = rewrites.get(cur); next !== undefined && !seen.has(next); next = rewrites.get(cur)) {
    seen.add(cur);
    cur = next;
  }
  return cur;
}

/** The session's commits with rewritten ones replaced by what they became (each sha once). */
export function followRewrites(s: SessionState, rewrites: ReadonlyMap<string, string>): SessionState {
  if (rewrites.size === 0) return s;
  const checkpoints = s.checkpoints.map((c) => (c.commit ? { ...c, commit: finalSha(rewrites, c.commit) } : c));
  const seen = new Set<string>();
  const commits: CommitRecord[] = [];
  for (const c of s.commits) {
    const sha = finalSha(rewrites, c.sha);
    if (seen.has(sha)) continue;
    seen.add(sha);
    commits.push({ ...c, sha });
  }
  return { ...s, commits, checkpoints };
}
