import {
  type BlockerStatus,
  type ChildLink,
  compareEvents,
  type EventOf,
  type EventType,
  type JournalKind,
  type ObjectiveStatus,
  type SessionEvent,
  type SessionStatus,
  type SpawnLink,
} from '../model/events.js';
import { entryIdOf } from '../model/ids.js';
import { type CriteriaOverride, type Criterion, statusAfter } from './criteria.js';

export interface Objective {
  id: string;
  text: string;
  status: ObjectiveStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** How many times it went back to open after being done (a pattern worth seeing in analysis). */
  reopened: number;
  /** The first commit that carried it (null while none has). */
  commit: string | null;
}

export interface Decision {
  id: string;
  text: string;
  rationale: string | null;
  alternatives: string | null;
  at: string;
  author: string;
  /** The earlier decision this one replaces (of this session or another). */
  supersedes: string | null;
  /**
   * The later decision that replaces this one: of this session, from the fold; of another session,
   * only where every session is read (core/supersede.ts).
   */
  supersededBy: string | null;
  /** The first commit that carried it (null while none has). */
  commit: string | null;
}

export interface Blocker {
  id: string;
  text: string;
  status: BlockerStatus;
  /** The note of the first resolution (see resolutions for all of them). */
  note: string | null;
  openedAt: string;
  resolvedAt: string | null;
  /** Every distinct resolution: two people resolving one blocker with different notes keep both. */
  resolutions: Resolution[];
  /** The first commit that carried it (null while none has). */
  commit: string | null;
}

export interface Resolution {
  note: string | null;
  author: string;
  at: string;
  /** The commit that carried it, when it was read from history. */
  commit: string | null;
}

/** One version of an item: what a definition said, and where it came from. */
export interface ItemVersion {
  text: string;
  rationale?: string | null;
  alternatives?: string | null;
  supersedes?: string | null;
  /** The state its own lines gave it (an objective's status, a blocker's), when they said. */
  status?: string;
  author: string;
  at: string;
  /** The commit it was read from; null when it was made on this clone. */
  commit: string | null;
  session: string;
}

/**
 * One item id with two different contents, or in two sessions: both are kept, the item shows the
 * first version (one made on this clone before one read from history, else the first in order),
 * and the conflict says what else was said. Never a silent replacement (docs/reliability.md).
 */
export interface Conflict {
  item: string;
  kind: 'objective' | 'decision' | 'blocker' | 'criterion' | 'entry' | 'checkpoint';
  reason: 'text' | 'session';
  kept: ItemVersion;
  other: ItemVersion;
}

export interface JournalEntry {
  id: string;
  kind: JournalKind;
  text: string;
  at: string;
  author: string;
  /** The first commit that carried it (null while none has). */
  commit: string | null;
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

/** A commit of the session, as the journal or the history recorded it. */
export interface SessionCommit {
  sha: string;
  at: string;
  author: string;
}

/** Where another clone stands in a session: its latest start, pause or resume (team sync). */
export interface Presence {
  /** The clone's random id (the store's `machine` file). */
  machine: string;
  author: string;
  status: 'active' | 'paused';
  at: string;
}

export interface HandoffNote {
  text: string;
  at: string;
  author: string;
  /** The first commit that carried it (null while none has). */
  commit: string | null;
}

export type { SpawnLink };

/** A child the session spawned, as the session recorded it (`child.spawned`); its own session says the rest. */
export interface ChildRecord extends ChildLink {
  /** The child's session id, or `agt-…` for an agent an imported file names. */
  id: string;
  at: string;
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
  /** Acceptance criteria (core/criteria.ts), removed ones left out. */
  criteria: Criterion[];
  /** Criteria removed (their trailer line says so). */
  removedCriteria: Criterion[];
  /** Ends forced past unmet criteria (`end --force`), with why. */
  criteriaOverrides: CriteriaOverride[];
  log: JournalEntry[];
  checkpoints: Checkpoint[];
  commits: SessionCommit[];
  handoffNotes: HandoffNote[];
  handoffs: { path: string; at: string }[];
  compactions: number;
  /** Highest local seq carried by a recorded commit: items at or below it are already in history. */
  committedMark: number;
  lastSeq: number;
  /** The highest event clock (clock.ts): a new event gets one more. */
  clock: number;
  conflicts: Conflict[];
  /** True when at least one event came from the local journal (not only from history). */
  local: boolean;
  /** What is being worked on right now (`git session now`), shown first in the brief. */
  currentTask: string | null;
  /** The parent this session was spawned by, if it was. */
  spawn: SpawnLink | null;
  /** Children spawned by this session, in the order they were spawned. */
  children: ChildRecord[];
  /**
   * Other clones that worked on the session (their events came through its ref), each as its
   * latest start, pause or resume left it, by machine id. `status` is this clone's alone.
   */
  presence: Presence[];
  /** This clone's latest start, pause or resume of the session: who, and when. */
  here: { author: string; at: string } | null;
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
    criteria: [],
    removedCriteria: [],
    criteriaOverrides: [],
    log: [],
    checkpoints: [],
    commits: [],
    handoffNotes: [],
    handoffs: [],
    compactions: 0,
    committedMark: 0,
    lastSeq: 0,
    clock: 0,
    conflicts: [],
    local: false,
    currentTask: null,
    spawn: null,
    children: [],
    presence: [],
    here: null,
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
  decisions: Map<string, Decision>;
  blockers: Map<string, Blocker>;
  /** Every criterion defined, removed ones too: a removal is final (a re-carried line cannot undo it). */
  criteria: Map<string, Criterion>;
  removedCriteria: Set<string>;
  /** Runs applied, by what they state: the same run carried again (a squash) is no newer run. */
  criterionRuns: Set<string>;
  commits: Set<string>;
  /** Journal entries, handoff notes and checkpoints by entry id: their content and version. */
  entries: Map<string, { what: string; version: ItemVersion }>;
  /** Contents of entries read from trailers written before entry ids (0.1), not yet matched. */
  legacy: Map<string, number>;
  /** Contents of every entry kept, for entries without an id. */
  contents: Set<string>;
  /** The version of each item id the state shows (see winners()). */
  winners: Map<string, SessionEvent>;
  /** Conflicts already recorded, by item and content, so a re-carried line is reported once. */
  seen: Set<string>;
  /** Items and entries made here not yet carried by a commit, with their seq (see carry()). */
  uncommitted: { holder: Carried; seq: number }[];
  /** Decisions replaced by a decision folded before them (an order a clone may see): old id → new id. */
  replacedEarly: Map<string, string>;
  /** Recorded commits with the mark they carried, in order of mark. */
  marks: { mark: number; sha: string }[];
  /** Children by id. */
  children: Map<string, ChildRecord>;
  /** Other clones by machine id: where each stands, and since when it has been active. */
  peers: Map<string, { presence: Presence; since: string | null }>;
}

function emptyIndex(winners: Map<string, SessionEvent>): Index {
  return {
    objectives: new Map(),
    decisions: new Map(),
    blockers: new Map(),
    criteria: new Map(),
    removedCriteria: new Set(),
    criterionRuns: new Set(),
    commits: new Set(),
    entries: new Map(),
    legacy: new Map(),
    contents: new Set(),
    winners,
    seen: new Set(),
    uncommitted: [],
    replacedEarly: new Map(),
    marks: [],
    children: new Map(),
    peers: new Map(),
  };
}

type Definition =
  | EventOf<'objective.added'>
  | EventOf<'decision.recorded'>
  | EventOf<'blocker.added'>
  | EventOf<'criterion.added'>;

function itemOf(e: SessionEvent): string | null {
  switch (e.type) {
    case 'objective.added':
      return e.objective;
    case 'decision.recorded':
      return e.decision;
    case 'blocker.added':
      return e.blocker;
    case 'criterion.added':
      return e.criterion;
    default:
      return null;
  }
}

/** What must agree for two definitions of one id to be one item. */
function content(e: Definition): string {
  if (e.type === 'decision.recorded')
    return `${e.text}\u0000${e.rationale ?? '\u0001'}\u0000${e.alternatives ?? '\u0001'}\u0000${e.supersedes ?? '\u0001'}`;
  if (e.type === 'criterion.added') return `${e.text}\u0000${e.check ?? '\u0001'}`;
  return e.text;
}

/** What records the first commit that carried it. */
interface Carried {
  commit: string | null;
}

/**
 * Which commit carried what an event made: the commit it was read from, or — for an event made
 * here — the first recorded commit whose mark covers its seq (known now, or when that commit is
 * recorded). A commit recorded in the same second as the event may sort first: its mark says.
 */
function carry(ix: Index, holder: Carried, e: SessionEvent): void {
  if (holder.commit !== null) return;
  if (e.origin !== undefined) {
    holder.commit = e.origin;
    return;
  }
  if (e.seq === undefined) return;
  const seq = e.seq;
  const carrier = ix.marks.find((m) => m.mark >= seq);
  if (carrier) holder.commit = carrier.sha;
  else ix.uncommitted.push({ holder, seq });
}

/**
 * The definition each item shows, per session: one made on this clone (not read from history)
 * before any read from history, else the first in order. Events sorted.
 */
function winners(sorted: readonly SessionEvent[]): Map<string, Map<string, SessionEvent>> {
  const out = new Map<string, Map<string, SessionEvent>>();
  for (const e of sorted) {
    const item = itemOf(e);
    if (item === null) continue;
    let w = out.get(e.session);
    if (!w) {
      w = new Map();
      out.set(e.session, w);
    }
    const current = w.get(item);
    if (!current || (current.origin !== undefined && e.origin === undefined)) w.set(item, e);
  }
  return out;
}

function versionOf(e: SessionEvent & { text: string }, extra: Partial<ItemVersion> = {}): ItemVersion {
  const v: ItemVersion = { text: e.text, author: e.author, at: e.at, commit: e.origin ?? null, session: e.session };
  if (e.type === 'decision.recorded') {
    v.rationale = e.rationale ?? null;
    v.alternatives = e.alternatives ?? null;
    if (e.supersedes !== undefined) v.supersedes = e.supersedes;
  }
  return { ...v, ...extra };
}

/** A version that differs from the item's: kept as a conflict, once per distinct content. */
function conflict(
  s: SessionState,
  ix: Index,
  c: { item: string; kind: Conflict['kind']; kept: ItemVersion; other: ItemVersion },
): Conflict | null {
  const key = `${c.item}\u0000${JSON.stringify([c.other.text, c.other.rationale, c.other.alternatives, c.other.supersedes])}`;
  if (ix.seen.has(key)) return s.conflicts.find((x) => x.item === c.item && sameVersion(x.other, c.other)) ?? null;
  ix.seen.add(key);
  const made: Conflict = { ...c, reason: 'text' };
  s.conflicts.push(made);
  return made;
}

function sameVersion(a: ItemVersion, b: ItemVersion): boolean {
  return (
    a.text === b.text &&
    a.rationale === b.rationale &&
    a.alternatives === b.alternatives &&
    a.supersedes === b.supersedes
  );
}

/** Where an entry without an id (carried before 0.1) is matched: its kind and text. */
function entryContent(kind: string, text: string): string {
  return `${kind}\u0000${text}`;
}

/**
 * Whether an entry (journal entry, handoff note, checkpoint) is new: the same entry id, or for
 * entries carried before ids the same content, counts once. An id arriving with another content
 * is a conflict, kept as such.
 */
function admitEntry(
  s: SessionState,
  ix: Index,
  e: SessionEvent & { entry?: string },
  kind: 'entry' | 'checkpoint',
  prefix: 'log' | 'checkpoint',
  what: string,
  text: string,
): boolean {
  const id = e.entry ?? (e.origin === undefined ? entryIdOf(prefix, e.id) : null);
  if (id === null) {
    if (ix.contents.has(what)) return false;
    ix.contents.add(what);
    ix.legacy.set(what, (ix.legacy.get(what) ?? 0) + 1);
    return true;
  }
  const known = ix.entries.get(id);
  if (known !== undefined) {
    if (known.what !== what) conflict(s, ix, { item: id, kind, kept: known.version, other: versionOf({ ...e, text }) });
    return false;
  }
  ix.entries.set(id, { what, version: versionOf({ ...e, text }) });
  // The same entry read from a trailer of 0.1 (no id) first: it is this one.
  const unmatched = ix.legacy.get(what) ?? 0;
  if (unmatched > 0) {
    ix.legacy.set(what, unmatched - 1);
    return false;
  }
  ix.contents.add(what);
  return true;
}

type Handler<T extends EventType> = (s: SessionState, e: EventOf<T>, ix: Index) => void;

type ObjectiveMove = EventOf<'objective.started'> | EventOf<'objective.completed'> | EventOf<'objective.reopened'>;

const objectiveMoved = (s: SessionState, e: ObjectiveMove, ix: Index): void => {
  const next: ObjectiveStatus =
    e.type === 'objective.started' ? 'in-progress' : e.type === 'objective.completed' ? 'done' : 'open';
  const winner = ix.winners.get(e.objective) as EventOf<'objective.added'> | undefined;
  if (winner && e.text !== undefined && e.text !== winner.text) {
    // A line whose text conflicts with the item's moves only its own version.
    const c = s.conflicts.find((x) => x.item === e.objective && x.other.text === e.text);
    if (c && !(e.type === 'objective.started' && c.other.status === 'done')) c.other.status = next;
    return;
  }
  const o = ix.objectives.get(e.objective);
  if (!o) return;
  // Only an explicit reopen takes a done objective back, so a late replay of an older state
  // (a squash commit re-carrying `[>]`) cannot undo a completion.
  if (e.type === 'objective.started' && o.status === 'done') return;
  if (o.status === next) return;
  if (o.status === 'done' && next !== 'done') o.reopened += 1;
  o.status = next;
  o.updatedAt = e.at;
  o.completedAt = next === 'done' ? e.at : null;
};

/**
 * Another clone started, paused or resumed the session: where it stands now. Its active time
 * counts once it stops (an interval still open elsewhere is not known to have lasted).
 */
function peerMoved(s: SessionState, ix: Index, e: SessionEvent & { from?: string }, status: Presence['status']): void {
  const machine = e.from!;
  let p = ix.peers.get(machine);
  if (!p) {
    p = { presence: { machine, author: e.author, status, at: e.at }, since: null };
    ix.peers.set(machine, p);
    s.presence.push(p.presence);
    s.presence.sort((a, b) => (a.machine < b.machine ? -1 : 1));
  }
  if (status === 'paused' && p.since !== null) {
    s.pauses += 1;
    s.closedActiveMs += msBetween(p.since, e.at);
    s.lastActiveAt = e.at > (s.lastActiveAt ?? '') ? e.at : s.lastActiveAt;
    p.since = null;
  } else if (status === 'active' && p.since === null) p.since = e.at;
  p.presence.author = e.author;
  p.presence.status = status;
  p.presence.at = e.at;
}

/** The session ended: nobody works on it any more, on any clone. */
function stopPeers(s: SessionState, ix: Index, at: string): void {
  for (const p of ix.peers.values()) {
    if (p.since !== null) {
      s.closedActiveMs += msBetween(p.since, at);
      p.since = null;
    }
    if (p.presence.status === 'active') {
      p.presence.status = 'paused';
      p.presence.at = at;
    }
  }
}

/**
 * What each event does to the state. Every transition is a "set", so replaying an event twice, or
 * receiving the same fact from the journal and from history, converges on the same state.
 */
const HANDLERS: { [T in EventType]: Handler<T> } = {
  'session.started': (s, e, ix) => {
    s.name = e.name;
    s.title = e.title;
    s.branch = e.branch;
    s.tasks = [...e.tasks];
    s.author = e.author;
    s.createdAt = e.at;
    if (e.from !== undefined) {
      peerMoved(s, ix, e, 'active');
      return;
    }
    s.status = 'active';
    s.here = { author: e.author, at: e.at };
    startClock(s, e.at);
  },
  'session.info': (s, e) => {
    if (e.name !== undefined) s.name = e.name;
    if (e.title !== undefined) s.title = e.title;
    if (e.branch !== undefined) s.branch = e.branch;
    if (e.tasks !== undefined) s.tasks = [...new Set([...s.tasks, ...e.tasks])];
    if (e.pauseNote !== undefined) s.pauseNote = e.pauseNote;
  },
  'session.paused': (s, e, ix) => {
    if (e.from !== undefined) {
      // Another clone's pause: where it stopped is everyone's to read only when it was typed for them.
      if (e.shared === true && e.note !== undefined) s.pauseNote = e.note;
      peerMoved(s, ix, e, 'paused');
      return;
    }
    s.here = { author: e.author, at: e.at };
    if (s.status === 'active') s.pauses += 1;
    if (s.status === 'active' || s.status === 'paused') s.status = 'paused';
    s.pauseNote = e.note ?? null;
    stopClock(s, e.at);
  },
  'session.resumed': (s, e, ix) => {
    if (s.status === 'completed' || s.status === 'abandoned') return;
    if (e.from !== undefined) {
      peerMoved(s, ix, e, 'active');
      return;
    }
    s.here = { author: e.author, at: e.at };
    s.status = 'active';
    startClock(s, e.at);
  },
  'session.completed': (s, e, ix) => {
    s.status = 'completed';
    s.summary = e.summary ?? s.summary;
    s.endedAt = e.at;
    stopClock(s, e.at);
    stopPeers(s, ix, e.at);
  },
  'session.abandoned': (s, e, ix) => {
    s.status = 'abandoned';
    s.endReason = e.reason;
    s.endedAt = e.at;
    stopClock(s, e.at);
    stopPeers(s, ix, e.at);
  },
  'session.reopened': (s) => {
    if (s.status === 'completed' || s.status === 'abandoned') s.status = 'paused';
    s.endedAt = null;
  },
  'objective.added': (s, e, ix) => {
    const winner = ix.winners.get(e.objective) as EventOf<'objective.added'>;
    if (content(e) !== content(winner)) {
      conflict(s, ix, {
        item: e.objective,
        kind: 'objective',
        kept: versionOf(winner),
        other: versionOf(e, { status: 'open' }),
      });
      return;
    }
    const known = ix.objectives.get(e.objective);
    if (known) {
      carry(ix, known, e);
      return;
    }
    const o: Objective = {
      id: e.objective,
      text: e.text,
      status: 'open',
      createdAt: e.at,
      updatedAt: e.at,
      completedAt: null,
      reopened: 0,
      commit: null,
    };
    carry(ix, o, e);
    ix.objectives.set(o.id, o);
    s.objectives.push(o);
  },
  'objective.started': objectiveMoved,
  'objective.completed': objectiveMoved,
  'objective.reopened': objectiveMoved,
  'decision.recorded': (s, e, ix) => {
    const winner = ix.winners.get(e.decision) as EventOf<'decision.recorded'>;
    if (content(e) !== content(winner)) {
      conflict(s, ix, { item: e.decision, kind: 'decision', kept: versionOf(winner), other: versionOf(e) });
      return;
    }
    const known = ix.decisions.get(e.decision);
    if (known) {
      carry(ix, known, e);
      return;
    }
    const d: Decision = {
      id: e.decision,
      text: e.text,
      rationale: e.rationale ?? null,
      alternatives: e.alternatives ?? null,
      at: e.at,
      author: e.author,
      supersedes: e.supersedes ?? null,
      supersededBy: ix.replacedEarly.get(e.decision) ?? null,
      commit: null,
    };
    carry(ix, d, e);
    ix.decisions.set(d.id, d);
    s.decisions.push(d);
    // The first decision to replace another is the one that counts; a later one is a second opinion.
    if (d.supersedes !== null) {
      const old = ix.decisions.get(d.supersedes);
      if (old) old.supersededBy ??= d.id;
      else if (!ix.replacedEarly.has(d.supersedes)) ix.replacedEarly.set(d.supersedes, d.id);
    }
  },
  'blocker.added': (s, e, ix) => {
    const winner = ix.winners.get(e.blocker) as EventOf<'blocker.added'>;
    if (content(e) !== content(winner)) {
      conflict(s, ix, {
        item: e.blocker,
        kind: 'blocker',
        kept: versionOf(winner),
        other: versionOf(e, { status: 'open' }),
      });
      return;
    }
    const known = ix.blockers.get(e.blocker);
    if (known) {
      carry(ix, known, e);
      return;
    }
    const b: Blocker = {
      id: e.blocker,
      text: e.text,
      status: 'open',
      note: null,
      openedAt: e.at,
      resolvedAt: null,
      resolutions: [],
      commit: null,
    };
    carry(ix, b, e);
    ix.blockers.set(b.id, b);
    s.blockers.push(b);
  },
  'blocker.resolved': (s, e, ix) => {
    const winner = ix.winners.get(e.blocker) as EventOf<'blocker.added'> | undefined;
    if (winner && e.text !== undefined && e.text !== winner.text) {
      const c = s.conflicts.find((x) => x.item === e.blocker && x.other.text === e.text);
      if (c) c.other.status = 'resolved';
      return;
    }
    const b = ix.blockers.get(e.blocker);
    if (!b) return;
    const note = e.note ?? null;
    if (b.resolutions.some((r) => r.note === note)) return;
    b.resolutions.push({ note, author: e.author, at: e.at, commit: e.origin ?? null });
    if (b.status === 'resolved') return;
    b.status = 'resolved';
    b.note = note;
    b.resolvedAt = e.at;
  },
  'criterion.added': (s, e, ix) => {
    const winner = ix.winners.get(e.criterion) as EventOf<'criterion.added'>;
    if (content(e) !== content(winner)) {
      conflict(s, ix, { item: e.criterion, kind: 'criterion', kept: versionOf(winner), other: versionOf(e) });
      return;
    }
    if (ix.criteria.has(e.criterion)) return;
    const c: Criterion = {
      id: e.criterion,
      text: e.text,
      check: e.check ?? null,
      status: 'unverified',
      createdAt: e.at,
      last: null,
    };
    ix.criteria.set(c.id, c);
    if (ix.removedCriteria.has(c.id)) s.removedCriteria.push(c);
    else s.criteria.push(c);
  },
  'criterion.removed': (s, e, ix) => {
    if (ix.removedCriteria.has(e.criterion)) return;
    ix.removedCriteria.add(e.criterion);
    const c = ix.criteria.get(e.criterion);
    if (!c) return;
    s.criteria = s.criteria.filter((x) => x !== c);
    s.removedCriteria.push(c);
  },
  'criterion.verified': (_s, e, ix) => {
    const c = ix.criteria.get(e.criterion);
    // A line whose text is another version's speaks for that version only (kept as a conflict).
    if (!c || (e.text !== undefined && e.text !== c.text)) return;
    const at = e.verifiedAt ?? e.at;
    const run = JSON.stringify([c.id, e.result, at, e.commit, e.exitCode, e.durationMs, e.manual === true]);
    if (ix.criterionRuns.has(run)) return;
    ix.criterionRuns.add(run);
    // The latest run in clock order counts, whichever it says: a failure after a pass is a failure.
    c.last = {
      result: e.result,
      manual: e.manual === true,
      exitCode: e.exitCode ?? null,
      signal: e.signal ?? null,
      timedOut: e.timedOut === true,
      durationMs: e.durationMs ?? null,
      commit: e.commit ?? null,
      output: e.output ?? null,
      at,
      author: e.author,
    };
    c.status = statusAfter(c.last);
  },
  'criteria.overridden': (s, e) => {
    // The same override read back from a commit is the same fact.
    const same = (o: CriteriaOverride) => o.reason === e.reason && o.unmet.join(' ') === e.unmet.join(' ');
    if (s.criteriaOverrides.some(same)) return;
    s.criteriaOverrides.push({ reason: e.reason, unmet: [...e.unmet], at: e.at, author: e.author });
  },
  'journal.added': (s, e, ix) => {
    if (!admitEntry(s, ix, e, 'entry', 'log', entryContent(e.kind, e.text), e.text)) return;
    const entry: JournalEntry = {
      id: e.entry ?? e.id,
      kind: e.kind,
      text: e.text,
      at: e.at,
      author: e.author,
      commit: null,
    };
    carry(ix, entry, e);
    s.log.push(entry);
  },
  'checkpoint.recorded': (s, e, ix) => {
    const what = entryContent(
      'checkpoint',
      JSON.stringify([e.label, e.note ?? null, e.phase ?? null, e.phaseStatus ?? null]),
    );
    if (!admitEntry(s, ix, e, 'checkpoint', 'checkpoint', what, e.label)) return;
    const checkpoint: Checkpoint = {
      id: e.entry ?? e.id,
      label: e.label,
      note: e.note ?? null,
      commit: e.commit ?? null,
      phase: e.phase ?? null,
      phaseStatus: e.phaseStatus ?? null,
      at: e.at,
    };
    s.checkpoints.push(checkpoint);
    // A checkpoint read from history names its commit already; one made here learns it from a mark.
    if (e.origin === undefined) carry(ix, checkpoint, e);
  },
  'handoff.noted': (s, e, ix) => {
    if (!admitEntry(s, ix, e, 'entry', 'log', entryContent('handoff', e.text), e.text)) return;
    const note: HandoffNote = { text: e.text, at: e.at, author: e.author, commit: null };
    carry(ix, note, e);
    s.handoffNotes.push(note);
  },
  'handoff.written': (s, e) => {
    s.handoffs.push({ path: e.path, at: e.at });
  },
  'agent.compacted': (s) => {
    s.compactions += 1;
  },
  'commit.recorded': (s, e, ix) => {
    // Marks are seqs of the journal that recorded them: another clone's say nothing of this one's.
    if (e.from === undefined && e.mark !== undefined && e.mark > s.committedMark) s.committedMark = e.mark;
    // What a commit carried: everything made here up to its mark not carried before.
    if (e.from === undefined && e.mark !== undefined) {
      const mark = e.mark;
      for (const u of ix.uncommitted) if (u.seq <= mark) u.holder.commit ??= e.sha;
      ix.uncommitted = ix.uncommitted.filter((u) => u.seq > mark);
      ix.marks.push({ mark, sha: e.sha });
      ix.marks.sort((a, b) => a.mark - b.mark);
    }
    if (!ix.commits.has(e.sha)) {
      ix.commits.add(e.sha);
      s.commits.push({ sha: e.sha, at: e.at, author: e.author });
    }
  },
  'session.now': (s, e) => {
    s.currentTask = e.text ?? null;
  },
  'session.spawned': (s, e) => {
    s.spawn = { parent: e.parent, task: e.task ?? null, agent: e.agent ?? null, after: [...(e.after ?? [])] };
  },
  // A child recorded again (an imported agent whose file changed, a line read back from history)
  // takes what the later record says; the order is the clock's, as for everything else.
  'child.spawned': (s, e, ix) => {
    const known = ix.children.get(e.child);
    const record: ChildRecord = {
      id: e.child,
      name: e.name,
      task: e.task,
      agent: e.agent ?? null,
      branch: e.branch ?? known?.branch ?? null,
      after: [...(e.after ?? known?.after ?? [])],
      status: e.status ?? null,
      summary: e.summary ?? null,
      at: known?.at ?? e.at,
    };
    if (known) Object.assign(known, record);
    else {
      ix.children.set(e.child, record);
      s.children.push(record);
    }
  },
};

/** Apply one event: what every event does (times, clock, seq), then what its type does. */
function apply(s: SessionState, e: SessionEvent, ix: Index): void {
  if (e.at > s.updatedAt) s.updatedAt = e.at;
  if (e.at < s.createdAt) s.createdAt = e.at;
  if (e.lc !== undefined && e.lc > s.clock) s.clock = e.lc;
  if (e.seq !== undefined) {
    s.local = true;
    if (e.seq > s.lastSeq) s.lastSeq = e.seq;
  }
  // Events of a newer format version are kept on disk and ignored here.
  const handler = HANDLERS[e.type] as Handler<EventType> | undefined;
  handler?.(s, e as EventOf<EventType>, ix);
}

/**
 * An item id of one session used by another session too: both keep their item, each says the
 * other session has one by that id.
 */
export function crossSessionConflicts(states: Map<string, SessionState>): void {
  const owners = new Map<string, { state: SessionState; version: ItemVersion; kind: Conflict['kind'] }[]>();
  for (const s of states.values()) {
    const add = (id: string, kind: Conflict['kind'], version: ItemVersion) => {
      const list = owners.get(id);
      if (list) list.push({ state: s, version, kind });
      else owners.set(id, [{ state: s, version, kind }]);
    };
    const base = { author: s.author, commit: null, session: s.id };
    for (const o of s.objectives) add(o.id, 'objective', { ...base, text: o.text, at: o.createdAt, status: o.status });
    for (const d of s.decisions)
      add(d.id, 'decision', { ...base, text: d.text, rationale: d.rationale, alternatives: d.alternatives, at: d.at });
    for (const b of s.blockers) add(b.id, 'blocker', { ...base, text: b.text, at: b.openedAt, status: b.status });
  }
  for (const [item, list] of owners) {
    if (list.length < 2) continue;
    for (const mine of list)
      for (const theirs of list)
        if (theirs.state !== mine.state)
          mine.state.conflicts.push({
            item,
            kind: mine.kind,
            reason: 'session',
            kept: mine.version,
            other: theirs.version,
          });
  }
}

/**
 * A fold in progress: the states folded so far, and more events applied on top. Events are put in
 * canonical order first (clock, order, id), so the result does not depend on the order the lists
 * were read or merged in.
 */
export class Folding {
  readonly states = new Map<string, SessionState>();
  private readonly indexes = new Map<string, Index>();
  private readonly chosen: Map<string, Map<string, SessionEvent>>;

  constructor(events: readonly SessionEvent[]) {
    const sorted = [...events].sort(compareEvents);
    this.chosen = winners(sorted);
    for (const e of sorted) this.apply(e);
  }

  private apply(e: SessionEvent): void {
    let s = this.states.get(e.session);
    let ix = this.indexes.get(e.session);
    if (!s || !ix) {
      s = emptyState(e);
      ix = emptyIndex(this.chosen.get(e.session) ?? new Map());
      this.states.set(e.session, s);
      this.indexes.set(e.session, ix);
    }
    apply(s, e, ix);
  }

  /**
   * Events that order after everything folded (a change made here: each has a clock above every
   * other), applied as a fold of all of them would apply them — without folding again.
   */
  extend(events: readonly SessionEvent[]): void {
    const sorted = [...events].sort(compareEvents);
    for (const e of sorted) {
      const item = itemOf(e);
      if (item !== null) {
        let w = this.chosen.get(e.session);
        if (!w) {
          w = new Map();
          this.chosen.set(e.session, w);
        }
        // A new item's definition is its own winner; an id made again here is a conflict, as in a fold.
        if (!w.has(item)) w.set(item, e);
        const ix = this.indexes.get(e.session);
        if (ix && ix.winners !== w) ix.winners.set(item, w.get(item)!);
      }
      this.apply(e);
    }
  }
}

/** Fold events into per-session states (see Folding). */
export function foldAll(events: readonly SessionEvent[]): Map<string, SessionState> {
  const states = new Folding(events).states;
  if (states.size > 1) crossSessionConflicts(states);
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
  const follow = <T extends Carried>(x: T): T =>
    x.commit !== null && rewrites.has(x.commit) ? { ...x, commit: finalSha(rewrites, x.commit) } : x;
  const checkpoints = s.checkpoints.map(follow);
  const seen = new Set<string>();
  const commits: SessionCommit[] = [];
  for (const c of s.commits) {
    const sha = finalSha(rewrites, c.sha);
    if (seen.has(sha)) continue;
    seen.add(sha);
    commits.push({ ...c, sha });
  }
  return {
    ...s,
    commits,
    checkpoints,
    objectives: s.objectives.map(follow),
    decisions: s.decisions.map(follow),
    blockers: s.blockers.map(follow),
    log: s.log.map(follow),
    handoffNotes: s.handoffNotes.map(follow),
  };
}
