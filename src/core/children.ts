// A session's spawned children and its parent as the status, the brief, the handoff and the living
// files show them (issue 11 point 3): each child's record joined with the child's own session —
// its status, its summary once it ends — and whether it still waits for the sessions it was
// spawned `--after`. Pure: the sessions, the worktrees and the reverse links come in.

import type { ChildStatus } from '../model/events.js';
import { type ChildRecord, isOpen, type SessionState } from './fold.js';

/**
 * `waiting`: a session it was spawned after is still open (or not known here yet); `unknown`: the
 * child's own session is not on this clone (its branch not fetched, or `rebuild` not run).
 */
export type ChildViewStatus = ChildStatus | 'waiting' | 'unknown';

export interface ChildView {
  /** The child's session id (`agt-…` for an agent an imported file names). */
  id: string;
  name: string;
  branch: string | null;
  /** Where its branch is checked out now; null when in no worktree of this clone. */
  worktree: string | null;
  agent: string | null;
  task: string;
  /** Names of the sessions it was spawned after. */
  after: string[];
  status: ChildViewStatus;
  /** Its end summary (or why it was abandoned); for an imported agent, the file's. */
  summary: string | null;
  /** Of `after`, those still open. */
  waitingFor: string[];
}

export interface ParentView {
  id: string;
  /** Null when the parent's session is not on this clone. */
  name: string | null;
  status: string | null;
  task: string | null;
  agent: string | null;
  after: string[];
  waitingFor: string[];
}

export interface Family {
  /** Every session the views may name: the children, the parent, those waited for. */
  sessions: ReadonlyMap<string, SessionState>;
  /** Checked-out branches and their worktrees. */
  worktrees: ReadonlyMap<string, string>;
  /** Sessions that name this one as their parent without this one's record of them (another clone spawned them). */
  reverse: readonly string[];
}

/** The session ids a view of `s` needs loaded: its children, its parent, and whom each waits for. */
export function familyIds(s: SessionState, reverse: readonly string[]): Set<string> {
  const ids = new Set<string>([...s.children.map((c) => c.id), ...reverse]);
  if (s.spawn) {
    ids.add(s.spawn.parent);
    for (const a of s.spawn.after) ids.add(a);
  }
  for (const c of s.children) for (const a of c.after) ids.add(a);
  ids.delete(s.id);
  return ids;
}

function nameOf(id: string, f: Family, records: readonly ChildRecord[]): string {
  return f.sessions.get(id)?.name ?? records.find((r) => r.id === id)?.name ?? id.slice(0, 13);
}

/** Of `after`, the names of those not ended (a session not known here has not ended as far as this clone knows). */
export function stillOpen(after: readonly string[], f: Family, records: readonly ChildRecord[] = []): string[] {
  return after
    .filter((id) => {
      const s = f.sessions.get(id);
      return !s || isOpen(s);
    })
    .map((id) => nameOf(id, f, records));
}

function childView(parent: SessionState, r: ChildRecord, f: Family): ChildView {
  const own = f.sessions.get(r.id);
  const branch = own?.branch || r.branch;
  const waitingFor = stillOpen(r.after, f, parent.children);
  let status: ChildViewStatus;
  let summary = r.summary;
  if (!own) status = r.status ?? 'unknown';
  else if (!isOpen(own)) {
    status = own.status;
    summary = own.status === 'completed' ? own.summary : own.endReason;
  } else status = waitingFor.length > 0 ? 'waiting' : own.status;
  return {
    id: r.id,
    name: own?.name ?? r.name,
    branch: branch || null,
    worktree: branch ? (f.worktrees.get(branch) ?? null) : null,
    agent: r.agent,
    task: r.task,
    after: r.after.map((id) => nameOf(id, f, parent.children)),
    status,
    summary,
    waitingFor: own && !isOpen(own) ? [] : waitingFor,
  };
}

/** The record a child's own session gives when the parent holds none of it (spawned on another clone). */
function recordOfChild(c: SessionState): ChildRecord {
  return {
    id: c.id,
    name: c.name,
    task: c.spawn?.task ?? c.title,
    agent: c.spawn?.agent ?? null,
    branch: c.branch || null,
    after: [...(c.spawn?.after ?? [])],
    status: null,
    summary: null,
    at: c.createdAt,
  };
}

/** The children of `parent`, in the order they were spawned (those only the children name, after). */
export function childViews(parent: SessionState, f: Family): ChildView[] {
  const recorded = new Set(parent.children.map((c) => c.id));
  const extra = f.reverse
    .filter((id) => !recorded.has(id))
    .flatMap((id) => {
      const c = f.sessions.get(id);
      return c && c.spawn?.parent === parent.id ? [recordOfChild(c)] : [];
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return [...parent.children, ...extra].map((r) => childView(parent, r, f));
}

/** The session `s` was spawned by, and whom it still waits for; null when it was not spawned. */
export function parentView(s: SessionState, f: Family): ParentView | null {
  if (!s.spawn) return null;
  const p = f.sessions.get(s.spawn.parent);
  const siblings = p?.children ?? [];
  return {
    id: s.spawn.parent,
    name: p?.name ?? null,
    status: p?.status ?? null,
    task: s.spawn.task,
    agent: s.spawn.agent,
    after: s.spawn.after.map((id) => nameOf(id, f, siblings)),
    waitingFor: isOpen(s) ? stillOpen(s.spawn.after, f, siblings) : [],
  };
}
