// The onboarding brief as data: what we are building, how, what is done, what is next and what to
// watch — computed from the session, its commits and the shared context, the same on every clone.
// Pure; src/app/brief-inputs.ts gathers the inputs, src/render/brief-markdown.ts prints it.

import { parseHeader, TYPE_TITLES } from '../codec/conventional.js';
import type { ChildView, ParentView } from './children.js';
import type { StaleContext } from './context-health.js';
import type { Decision, HandoffNote, SessionState } from './fold.js';
import { isOpen } from './fold.js';
import { openNextSteps } from './next-steps.js';
import { type SessionSummary, summarise } from './summary.js';
import type { TestCommand } from './test-command.js';

/** Where a branch stands (src/git/git.ts branchPosition gathers it). */
export interface BranchPosition {
  branch: string;
  /** The ref measured: the local branch, else a remote-tracking copy; null when neither exists. */
  ref: string | null;
  upstream: { name: string; ahead: number; behind: number; gone: boolean } | null;
  /** The default branch and how far the branch is ahead of / behind it. */
  base: { name: string; ahead: number; behind: number } | null;
}

export interface BriefCommit {
  sha: string;
  subject: string;
  files: string[];
}

export interface Todo {
  file: string;
  line: number;
  text: string;
  sha: string;
}

export interface Uncommitted {
  path: string;
  status: 'modified' | 'added' | 'deleted' | 'renamed' | 'untracked' | 'conflicted';
}

export interface ContextFile {
  path: string;
  text: string;
}

export interface BriefInput {
  state: SessionState;
  now: string;
  /** The session's commits, oldest first, with what git knows of them. */
  commits: BriefCommit[];
  todos: Todo[];
  uncommitted: Uncommitted[];
  architecture: ContextFile | null;
  conventions: ContextFile | null;
  otherDecisions: { session: { id: string; name: string }; decision: Decision }[];
  /** The texts of the decisions this session's decisions replace (of any session), by id. */
  replaced?: ReadonlyMap<string, string>;
  /** Context documents the code has moved away from (see context-health.ts). */
  staleContext: StaleContext[];
  /** CLAUDE.md / AGENTS.md files next to the code this session changed, nearest first. */
  contextFiles: string[];
  /** Shared context documents that still hold only init's starter text. */
  unfilled: string[];
  /** Whether the session's branch is the one checked out here. */
  checkedOut: boolean;
  position: BranchPosition | null;
  testCommand: TestCommand | null;
  /** `context.architecture` and `context.patterns` of the configuration. */
  project: { architecture: string | null; patterns: string[] };
  /** The session that spawned this one, and the ones it spawned (app/children.ts). */
  family?: { parent: ParentView | null; children: ChildView[] };
}

export interface DecisionItem {
  id: string;
  text: string;
  rationale: string | null;
  alternatives: string | null;
  at: string;
  /** The decision it replaces (`decisions supersede`), with that decision's text when known. */
  supersedes: { id: string; text: string | null } | null;
}

export interface Brief {
  session: Omit<
    SessionSummary,
    'author' | 'endedAt' | 'objectivesDone' | 'objectivesTotal' | 'openBlockers' | 'decisions'
  >;
  /** What is being worked on right now, shown first; for a spawned session, who spawned it and whom it waits for. */
  now: { task: string | null; parent: ParentView | null };
  /** The agents this session spawned, with their status and, once they ended, their summary. */
  children: ChildView[];
  /** Exactly what to type to pick the session up, and what to check the work with. */
  continue: { commands: string[]; note: string | null; test: TestCommand | null };
  /** Where the branch stands against its upstream and the default branch. */
  branch: {
    name: string;
    ref: string | null;
    upstream: BranchPosition['upstream'];
    base: (NonNullable<BranchPosition['base']> & { merged: boolean }) | null;
  } | null;
  /** Notes the previous holder left (`git session next`), newest first. */
  handoffNotes: HandoffNote[];
  building: { title: string; objectives: { id: string; text: string; status: string }[] };
  next: { steps: string[]; openObjectives: { id: string; text: string; status: string }[]; pauseNote: string | null };
  watch: {
    blockers: { id: string; text: string; openedAt: string }[];
    /** Item ids with two versions (or in two sessions): both kept; the reader should know. */
    conflicts: { item: string; reason: string; shown: string; other: string; from: string }[];
    todos: Todo[];
    uncommitted: Uncommitted[];
    staleContext: StaleContext[];
  };
  how: {
    /** The decisions of this session nobody replaced, newest first. */
    decisions: DecisionItem[];
    /** How many of this session's decisions were replaced (`decisions list` shows them). */
    replaced: number;
    discoveries: { text: string; at: string }[];
    otherDecisions: (DecisionItem & { session: { id: string; name: string } })[];
    architecture: ContextFile | null;
    conventions: ContextFile | null;
    contextFiles: string[];
    /** Shared context documents nobody filled in yet (their starter text is never shown). */
    unfilled: string[];
    /** The configuration's `context`: the architecture pattern and the patterns to follow. */
    project: { architecture: string | null; patterns: string[] };
  };
  done: {
    objectives: { id: string; text: string; completedAt: string | null }[];
    /** `log --progress` and `log --done` entries, newest first. */
    progress: { kind: string; text: string; at: string }[];
    resolvedBlockers: { id: string; text: string; note: string | null; openedAt: string; resolvedAt: string | null }[];
    /** Commits grouped by conventional-commit type, groups in TYPE_TITLES order, then others. */
    commits: {
      type: string;
      title: string;
      commits: { sha: string; subject: string; scope: string | null; breaking: boolean }[];
    }[];
  };
  files: { total: number; files: { path: string; commits: number }[] };
}

const decisionItem = (d: Decision, replaced?: ReadonlyMap<string, string>): DecisionItem => ({
  id: d.id,
  text: d.text,
  rationale: d.rationale,
  alternatives: d.alternatives,
  at: d.at,
  supersedes: d.supersedes === null ? null : { id: d.supersedes, text: replaced?.get(d.supersedes) ?? null },
});

function groupCommits(commits: readonly BriefCommit[]): Brief['done']['commits'] {
  const groups = new Map<string, Brief['done']['commits'][number]>();
  for (const c of commits) {
    const h = parseHeader(c.subject);
    const type = h.type && TYPE_TITLES[h.type] ? h.type : 'other';
    let g = groups.get(type);
    if (!g) {
      g = { type, title: TYPE_TITLES[type] ?? 'Other commits', commits: [] };
      groups.set(type, g);
    }
    g.commits.push({ sha: c.sha, subject: h.type ? h.subject : c.subject, scope: h.scope, breaking: h.breaking });
  }
  const order = [...Object.keys(TYPE_TITLES), 'other'];
  return [...groups.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

function fileSummary(commits: readonly BriefCommit[]): Brief['files'] {
  const counts = new Map<string, number>();
  for (const c of commits) for (const f of c.files) counts.set(f, (counts.get(f) ?? 0) + 1);
  const files = [...counts]
    .map(([path, n]) => ({ path, commits: n }))
    .sort((a, b) => b.commits - a.commits || (a.path < b.path ? -1 : 1));
  return { total: files.length, files };
}

/** A word for a POSIX shell: branch names may hold `;`, `$` or quotes (git allows them). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The commands that pick the session up from where this clone is. */
function continueWith(s: SessionState, checkedOut: boolean, position: BranchPosition | null): Brief['continue'] {
  const name = shellWord(s.name);
  const branch = shellWord(s.branch);
  if (!isOpen(s))
    return {
      commands: [`git session reopen ${name}`, `git session resume ${name}`],
      note: `the session is ${s.status}: reopen it to go on`,
      test: null,
    };
  if (position && position.ref === null && s.branch !== '')
    return {
      commands: [`git switch -c ${branch}`, `git session resume ${name}`],
      note: `its branch was deleted: create it again (from the commit to go on from), or end the session with git session end --session ${name}`,
      test: null,
    };
  if (checkedOut && s.status === 'active')
    return { commands: [], note: 'it is active on the checked-out branch: go on from "What is next"', test: null };
  return {
    commands: [checkedOut ? 'git session resume' : `git session resume ${name}`],
    note: checkedOut ? null : `switches to ${s.branch}`,
    test: null,
  };
}

function briefSession(sum: SessionSummary): Brief['session'] {
  return {
    id: sum.id,
    name: sum.name,
    title: sum.title,
    branch: sum.branch,
    status: sum.status,
    tasks: sum.tasks,
    createdAt: sum.createdAt,
    updatedAt: sum.updatedAt,
    activeMs: sum.activeMs,
    pauses: sum.pauses,
    compactions: sum.compactions,
    commits: sum.commits,
    summary: sum.summary,
    endReason: sum.endReason,
  };
}

export function buildBrief(input: BriefInput): Brief {
  const s = input.state;
  const objectives = s.objectives.map((o) => ({ id: o.id, text: o.text, status: o.status }));
  const p = input.position;
  return {
    now: { task: s.currentTask, parent: input.family?.parent ?? null },
    children: input.family?.children ?? [],
    continue: { ...continueWith(s, input.checkedOut, p), test: input.testCommand },
    branch: p
      ? {
          name: p.branch,
          ref: p.ref,
          upstream: p.upstream,
          // Nothing of the branch is missing from the default branch, and the session did commit.
          base: p.base ? { ...p.base, merged: p.base.ahead === 0 && s.commits.length > 0 } : null,
        }
      : null,
    session: briefSession(summarise(s, input.now)),
    handoffNotes: [...s.handoffNotes].reverse(),
    building: { title: s.title, objectives },
    next: {
      steps: openNextSteps(s.log, s.objectives),
      openObjectives: objectives.filter((o) => o.status !== 'done'),
      // The note of the last pause says where work stopped, until the next pause.
      pauseNote: isOpen(s) ? s.pauseNote : null,
    },
    watch: {
      blockers: s.blockers
        .filter((b) => b.status === 'open')
        .map((b) => ({ id: b.id, text: b.text, openedAt: b.openedAt })),
      conflicts: s.conflicts.map((c) => ({
        item: c.item,
        reason: c.reason,
        shown: c.kept.text,
        other: c.other.text,
        from: c.reason === 'session' ? `session ${c.other.session}` : (c.other.commit ?? 'this clone'),
      })),
      todos: input.todos,
      uncommitted: input.uncommitted,
      staleContext: input.staleContext,
    },
    how: {
      decisions: s.decisions
        .filter((d) => d.supersededBy === null)
        .map((d) => decisionItem(d, input.replaced))
        .reverse(),
      replaced: s.decisions.filter((d) => d.supersededBy !== null).length,
      discoveries: s.log
        .filter((e) => e.kind === 'discovery')
        .map((e) => ({ text: e.text, at: e.at }))
        .reverse(),
      otherDecisions: input.otherDecisions
        .filter((o) => o.decision.supersededBy === null)
        .map((o) => ({ ...decisionItem(o.decision), session: o.session })),
      architecture: input.architecture,
      conventions: input.conventions,
      contextFiles: input.contextFiles,
      unfilled: input.unfilled,
      project: input.project,
    },
    done: {
      objectives: s.objectives
        .filter((o) => o.status === 'done')
        .map((o) => ({ id: o.id, text: o.text, completedAt: o.completedAt })),
      progress: s.log
        .filter((e) => e.kind === 'progress' || e.kind === 'done')
        .map((e) => ({ kind: e.kind, text: e.text, at: e.at }))
        .reverse(),
      resolvedBlockers: s.blockers
        .filter((b) => b.status === 'resolved')
        .map((b) => ({ id: b.id, text: b.text, note: b.note, openedAt: b.openedAt, resolvedAt: b.resolvedAt })),
      commits: groupCommits(input.commits),
    },
    files: fileSummary(input.commits),
  };
}
