// The JSON shapes of sessions (contract: docs/json.md). Text rendering uses the same views, so
// what a person reads and what a program reads never disagree.

import { activeMs, type Conflict, type Resolution, type SessionState } from '../core/fold.js';
import { openNextSteps } from '../core/next-steps.js';

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

export interface SessionView {
  id: string;
  name: string;
  title: string;
  branch: string;
  status: SessionState['status'];
  tasks: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  activeMs: number;
  pauses: number;
  pauseNote: string | null;
  summary: string | null;
  endReason: string | null;
  objectives: {
    id: string;
    text: string;
    status: string;
    createdAt: string;
    updatedAt: string;
    completedAt: string | null;
  }[];
  decisions: {
    id: string;
    text: string;
    rationale: string | null;
    alternatives: string | null;
    at: string;
    author: string;
  }[];
  blockers: {
    id: string;
    text: string;
    status: string;
    note: string | null;
    openedAt: string;
    resolvedAt: string | null;
    /** Every distinct resolution (two people resolving it with different notes keep both). */
    resolutions: Resolution[];
  }[];
  log: { kind: string; text: string; at: string; author: string }[];
  next: string[];
  checkpoints: {
    label: string;
    note: string | null;
    commit: string | null;
    phase: string | null;
    phaseStatus: string | null;
    at: string;
  }[];
  commits: CommitView[];
  handoffNotes: { text: string; at: string; author: string }[];
  handoffs: { path: string; at: string }[];
  compactions: number;
  /** Item ids with two versions, or used by two sessions: both kept (docs/reliability.md). */
  conflicts: Conflict[];
  progress: {
    objectivesDone: number;
    objectivesTotal: number;
    openBlockers: number;
    decisions: number;
    commits: number;
  };
}

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

export function sessionView(s: SessionState, info: ReadonlyMap<string, CommitDetails>, now: string): SessionView {
  return {
    id: s.id,
    name: s.name,
    title: s.title,
    branch: s.branch,
    status: s.status,
    tasks: s.tasks,
    author: s.author,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    endedAt: s.endedAt,
    activeMs: activeMs(s, now),
    pauses: s.pauses,
    pauseNote: s.pauseNote,
    summary: s.summary,
    endReason: s.endReason,
    objectives: s.objectives.map(({ id, text, status, createdAt, updatedAt, completedAt }) => ({
      id,
      text,
      status,
      createdAt,
      updatedAt,
      completedAt,
    })),
    decisions: s.decisions.map(({ id, text, rationale, alternatives, at, author }) => ({
      id,
      text,
      rationale,
      alternatives,
      at,
      author,
    })),
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
    compactions: s.compactions,
    conflicts: s.conflicts,
    progress: {
      objectivesDone: s.objectives.filter((o) => o.status === 'done').length,
      objectivesTotal: s.objectives.length,
      openBlockers: s.blockers.filter((b) => b.status === 'open').length,
      decisions: s.decisions.length,
      commits: s.commits.length,
    },
  };
}

export interface SessionSummaryView {
  id: string;
  name: string;
  title: string;
  branch: string;
  status: SessionState['status'];
  tasks: string[];
  createdAt: string;
  updatedAt: string;
  activeMs: number;
  objectivesDone: number;
  objectivesTotal: number;
  openBlockers: number;
  commits: number;
  /** What needs a decision about this open session (stale, branch gone); see core/attention.ts. */
  attention: string[];
}

export function summaryView(s: SessionState, now: string, attention: string[] = []): SessionSummaryView {
  return {
    id: s.id,
    name: s.name,
    title: s.title,
    branch: s.branch,
    status: s.status,
    tasks: s.tasks,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    activeMs: activeMs(s, now),
    objectivesDone: s.objectives.filter((o) => o.status === 'done').length,
    objectivesTotal: s.objectives.length,
    openBlockers: s.blockers.filter((b) => b.status === 'open').length,
    commits: s.commits.length,
    attention,
  };
}
