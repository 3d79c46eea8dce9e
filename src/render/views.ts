// The JSON shapes of sessions (contract: docs/json.md). Text rendering uses the same views, so
// what a person reads and what a program reads never disagree.

import type { ChildView, ParentView } from '../core/children.js';
import type {
  Blocker,
  Checkpoint,
  Conflict,
  Decision,
  HandoffNote,
  JournalEntry,
  Objective,
  SessionState,
} from '../core/fold.js';
import { openNextSteps } from '../core/next-steps.js';
import { type PresenceView, presenceOf } from '../core/presence.js';
import { identityOf, type SessionSummary, summarise } from '../core/summary.js';

/** What git says of a commit (app/view.ts asks it). */
export interface CommitDetails {
  subject: string;
  author: string;
  at: string;
  files: string[];
}

export interface CommitView {
  sha: string;
  subject: string | null;
  author: string;
  at: string;
  files: string[] | null;
}

export interface SessionView
  extends Omit<
    SessionSummary,
    'compactions' | 'objectivesDone' | 'objectivesTotal' | 'openBlockers' | 'decisions' | 'commits'
  > {
  pauseNote: string | null;
  objectives: Pick<Objective, 'id' | 'text' | 'status' | 'createdAt' | 'updatedAt' | 'completedAt'>[];
  decisions: Pick<
    Decision,
    'id' | 'text' | 'rationale' | 'alternatives' | 'at' | 'author' | 'supersedes' | 'supersededBy' | 'commit'
  >[];
  /** Every distinct resolution (two people resolving one blocker with different notes keep both). */
  blockers: Pick<Blocker, 'id' | 'text' | 'status' | 'note' | 'openedAt' | 'resolvedAt' | 'resolutions'>[];
  log: Pick<JournalEntry, 'kind' | 'text' | 'at' | 'author'>[];
  next: string[];
  checkpoints: Pick<Checkpoint, 'label' | 'note' | 'commit' | 'phase' | 'phaseStatus' | 'at'>[];
  commits: CommitView[];
  handoffNotes: HandoffNote[];
  handoffs: { path: string; at: string }[];
  compactions: number;
  /** Item ids with two versions, or used by two sessions: both kept (docs/reliability.md). */
  conflicts: Conflict[];
  progress: Pick<SessionSummary, 'objectivesDone' | 'objectivesTotal' | 'openBlockers' | 'decisions' | 'commits'>;
  /** What is being worked on right now (`git session now`). */
  currentTask: string | null;
  /** The session that spawned this one (its id), null when none did. */
  parent: string | null;
  /** The spawn of this session: its parent, task, agent, and whom it still waits for. */
  spawn: ParentView | null;
  /** Sessions this one spawned (`git session spawn`), with their status and summary. */
  children: ChildView[];
  /** Where the session is worked on: this clone and every other whose events arrived (docs/sync.md). */
  presence: PresenceView[];
}

/** A session's parent and children as app/children.ts found them (none when not asked). */
export interface FamilyView {
  parent: ParentView | null;
  children: ChildView[];
}

export const NO_FAMILY: FamilyView = { parent: null, children: [] };

/** Every open next step, newest first (the text view shows the first few; JSON has them all). */
export function nextSteps(s: SessionState): string[] {
  return openNextSteps(s.log, s.objectives);
}

export function commitViews(s: SessionState, info: ReadonlyMap<string, CommitDetails>): CommitView[] {
  return s.commits.map((c) => {
    const i = info.get(c.sha);
    return {
      sha: c.sha,
      subject: i?.subject ?? null,
      author: i?.author ?? c.author,
      at: i?.at ?? c.at,
      files: i?.files ?? null,
    };
  });
}

/** `machine`: this clone's id, for `presence` (null: this clone is not told apart). */
export function sessionView(
  s: SessionState,
  info: ReadonlyMap<string, CommitDetails>,
  now: string,
  machine: string | null = null,
  family: FamilyView = NO_FAMILY,
): SessionView {
  const sum = summarise(s, now);
  return {
    ...identityOf(s),
    tasks: sum.tasks,
    author: sum.author,
    createdAt: sum.createdAt,
    updatedAt: sum.updatedAt,
    endedAt: sum.endedAt,
    activeMs: sum.activeMs,
    pauses: sum.pauses,
    pauseNote: s.pauseNote,
    summary: sum.summary,
    endReason: sum.endReason,
    objectives: s.objectives.map(({ id, text, status, createdAt, updatedAt, completedAt }) => ({
      id,
      text,
      status,
      createdAt,
      updatedAt,
      completedAt,
    })),
    decisions: s.decisions.map(
      ({ id, text, rationale, alternatives, at, author, supersedes, supersededBy, commit }) => ({
        id,
        text,
        rationale,
        alternatives,
        at,
        author,
        supersedes,
        supersededBy,
        commit,
      }),
    ),
    blockers: s.blockers.map(({ id, text, status, note, openedAt, resolvedAt, resolutions }) => ({
      id,
      text,
      status,
      note,
      openedAt,
      resolvedAt,
      resolutions,
    })),
    log: s.log.map(({ kind, text, at, author }) => ({ kind, text, at, author })),
    next: nextSteps(s),
    checkpoints: s.checkpoints.map(({ label, note, commit, phase, phaseStatus, at }) => ({
      label,
      note,
      commit,
      phase,
      phaseStatus,
      at,
    })),
    commits: commitViews(s, info),
    handoffNotes: s.handoffNotes,
    handoffs: s.handoffs,
    compactions: sum.compactions,
    conflicts: s.conflicts,
    progress: {
      objectivesDone: sum.objectivesDone,
      objectivesTotal: sum.objectivesTotal,
      openBlockers: sum.openBlockers,
      decisions: sum.decisions,
      commits: sum.commits,
    },
    currentTask: s.currentTask,
    parent: s.spawn?.parent ?? null,
    spawn: family.parent,
    children: family.children,
    presence: presenceOf(s, machine),
  };
}

export interface SessionSummaryView
  extends Pick<
    SessionSummary,
    | 'id'
    | 'name'
    | 'title'
    | 'branch'
    | 'status'
    | 'tasks'
    | 'createdAt'
    | 'updatedAt'
    | 'activeMs'
    | 'objectivesDone'
    | 'objectivesTotal'
    | 'openBlockers'
    | 'commits'
  > {
  /** What needs a decision about this open session (stale, branch gone); see core/attention.ts. */
  attention: string[];
}

export function summaryView(s: SessionState, now: string, attention: string[] = []): SessionSummaryView {
  const sum = summarise(s, now);
  return {
    ...identityOf(s),
    tasks: sum.tasks,
    createdAt: sum.createdAt,
    updatedAt: sum.updatedAt,
    activeMs: sum.activeMs,
    objectivesDone: sum.objectivesDone,
    objectivesTotal: sum.objectivesTotal,
    openBlockers: sum.openBlockers,
    commits: sum.commits,
    attention,
  };
}
