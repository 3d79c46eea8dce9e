// The onboarding brief as data: what we are building, how, what is done, what is next and what to
// watch — computed from the session, its commits and the shared context, the same on every clone.
// Pure; src/app/brief-inputs.ts gathers the inputs, src/render/brief-markdown.ts prints it.

import { parseHeader, TYPE_TITLES } from '../codec/conventional.js';
import type { StaleContext } from './context-health.js';
import type { Decision, HandoffNote, SessionState } from './fold.js';
import { activeMs } from './fold.js';
import { openNextSteps } from './next-steps.js';

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
  /** Context documents the code has moved away from (see context-health.ts). */
  staleContext: StaleContext[];
  /** CLAUDE.md / AGENTS.md files next to the code this session changed, nearest first. */
  contextFiles: string[];
}

export interface DecisionItem {
  id: string;
  text: string;
  rationale: string | null;
  alternatives: string | null;
  at: string;
}

export interface Brief {
  session: {
    id: string;
    name: string;
    title: string;
    branch: string;
    status: string;
    tasks: string[];
    createdAt: string;
    updatedAt: string;
    activeMs: number;
    pauses: number;
    compactions: number;
    commits: number;
    /** Set when the session ended: its summary, or why it was abandoned. */
    summary: string | null;
    endReason: string | null;
  };
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
    decisions: DecisionItem[];
    discoveries: { text: string; at: string }[];
    otherDecisions: (DecisionItem & { session: { id: string; name: string } })[];
    architecture: ContextFile | null;
    conventions: ContextFile | null;
    contextFiles: string[];
  };
  done: {
    objectives: { id: string; text: string; completedAt: string | null }[];
    /** Commits grouped by conventional-commit type, groups in TYPE_TITLES order, then others. */
    commits: {
      type: string;
      title: string;
      commits: { sha: string; subject: string; scope: string | null; breaking: boolean }[];
    }[];
  };
  files: { total: number; files: { path: string; commits: number }[] };
}

const decisionItem = (d: Decision): DecisionItem => ({
  id: d.id,
  text: d.text,
  rationale: d.rationale,
  alternatives: d.alternatives,
  at: d.at,
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

export function buildBrief(input: BriefInput): Brief {
  const s = input.state;
  const objectives = s.objectives.map((o) => ({ id: o.id, text: o.text, status: o.status }));
  return {
    session: {
      id: s.id,
      name: s.name,
      title: s.title,
      branch: s.branch,
      status: s.status,
      tasks: s.tasks,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      activeMs: activeMs(s, input.now),
      pauses: s.pauses,
      compactions: s.compactions,
      commits: s.commits.length,
      summary: s.summary,
      endReason: s.endReason,
    },
    handoffNotes: [...s.handoffNotes].reverse(),
    building: { title: s.title, objectives },
    next: {
      steps: openNextSteps(s.log),
      openObjectives: objectives.filter((o) => o.status !== 'done'),
      pauseNote: s.status === 'paused' ? s.pauseNote : null,
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
      decisions: s.decisions.map(decisionItem).reverse(),
      discoveries: s.log
        .filter((e) => e.kind === 'discovery')
        .map((e) => ({ text: e.text, at: e.at }))
        .reverse(),
      otherDecisions: input.otherDecisions.map((o) => ({ ...decisionItem(o.decision), session: o.session })),
      architecture: input.architecture,
      conventions: input.conventions,
      contextFiles: input.contextFiles,
    },
    done: {
      objectives: s.objectives
        .filter((o) => o.status === 'done')
        .map((o) => ({ id: o.id, text: o.text, completedAt: o.completedAt })),
      commits: groupCommits(input.commits),
    },
    files: fileSummary(input.commits),
  };
}
