// The figures of one session, over its whole life or inside a window (a week). Definitions:
// docs/reports.md, "Figures".

import { identityOf } from '../core/summary.js';
import type { SessionStatus } from '../model/events.js';
import { type ActiveBasis, activityOf, clip, gaps, PAUSE_GAP_MS, totalMs } from './activity.js';
import { type CommitFacts, inWindow, later, ms, type SessionInput, type Window } from './model.js';

export interface SessionMetrics {
  id: string;
  name: string;
  title: string;
  branch: string;
  status: SessionStatus;
  /** Who started it, then everyone who committed or decided in it. */
  authors: string[];
  /** First and last moment of the session (cut to the window when there is one). */
  start: string;
  end: string;
  durationMs: number;
  activeMs: number;
  activeBasis: ActiveBasis;
  commits: number;
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  objectivesDone: number;
  objectivesTotal: number;
  decisions: number;
  blockersOpened: number;
  blockersResolved: number;
  checkpoints: number;
  /** Gaps longer than PAUSE_GAP_MS between stretches of work. */
  pauses: number;
}

/** When the session ends for the figures: its end, now while active, else its last event. */
export function sessionEnd(input: SessionInput, now: string): string {
  const s = input.state;
  if (s.endedAt !== null) return later(s.endedAt, s.updatedAt);
  if (s.status === 'active') return later(now, s.updatedAt);
  return s.updatedAt;
}

export function commitsIn(input: SessionInput, w: Window | null): CommitFacts[] {
  return input.commits.filter((c) => inWindow(c.at, w));
}

export function authorsOf(input: SessionInput): string[] {
  const s = input.state;
  const rest = new Set<string>();
  for (const c of input.commits) rest.add(c.author);
  for (const d of s.decisions) rest.add(d.author);
  rest.delete(s.author);
  return [s.author, ...[...rest].sort()];
}

/** Did anything happen in the session inside the window? */
export function touches(input: SessionInput, w: Window): boolean {
  const s = input.state;
  const times = [
    s.createdAt,
    ...(s.endedAt ? [s.endedAt] : []),
    ...input.commits.map((c) => c.at),
    ...s.objectives.flatMap((o) => [o.createdAt, ...(o.completedAt ? [o.completedAt] : [])]),
    ...s.decisions.map((d) => d.at),
    ...s.blockers.flatMap((b) => [b.openedAt, ...(b.resolvedAt ? [b.resolvedAt] : [])]),
    ...s.log.map((e) => e.at),
    ...s.checkpoints.map((c) => c.at),
  ];
  if (times.some((t) => inWindow(t, w))) return true;
  return clip(activityOf(input).intervals, w).some((i) => i.from < i.to);
}

export function sessionMetrics(input: SessionInput, now: string, w: Window | null = null): SessionMetrics {
  const s = input.state;
  const activity = activityOf(input);
  const intervals = clip(activity.intervals, w);
  let start = s.createdAt;
  let end = sessionEnd(input, now);
  if (w !== null) {
    if (start < w.from) start = w.from;
    if (end > w.to) end = w.to;
    if (end < start) end = start;
  }
  const commits = commitsIn(input, w);
  const files = new Set<string>();
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const c of commits)
    for (const f of c.files) {
      files.add(f.path);
      linesAdded += f.added ?? 0;
      linesRemoved += f.removed ?? 0;
    }
  return {
    ...identityOf(s),
    authors: authorsOf(input),
    start,
    end,
    durationMs: ms(start, end),
    activeMs: totalMs(intervals),
    activeBasis: activity.basis,
    commits: commits.length,
    filesChanged: files.size,
    linesAdded,
    linesRemoved,
    objectivesDone: s.objectives.filter(
      (o) => o.status === 'done' && o.completedAt !== null && inWindow(o.completedAt, w),
    ).length,
    objectivesTotal: w === null ? s.objectives.length : s.objectives.filter((o) => o.createdAt < w.to).length,
    decisions: s.decisions.filter((d) => inWindow(d.at, w)).length,
    blockersOpened: s.blockers.filter((b) => inWindow(b.openedAt, w)).length,
    blockersResolved: s.blockers.filter((b) => b.resolvedAt !== null && inWindow(b.resolvedAt, w)).length,
    checkpoints: s.checkpoints.filter((c) => inWindow(c.at, w)).length,
    pauses: gaps(intervals).filter((g) => ms(g.from, g.to) > PAUSE_GAP_MS).length,
  };
}

export interface Totals {
  sessions: number;
  commits: number;
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  activeMs: number;
  objectivesDone: number;
  objectivesTotal: number;
  decisions: number;
  blockersOpened: number;
  blockersResolved: number;
}

/** Sums over sessions; commits, lines and files count each commit and path once across sessions. */
export function totals(inputs: readonly SessionInput[], rows: readonly SessionMetrics[], w: Window | null): Totals {
  // A commit two sessions share (a squash merge) counts once in the totals.
  const seen = new Set<string>();
  const files = new Set<string>();
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const i of inputs)
    for (const c of commitsIn(i, w)) {
      if (seen.has(c.sha)) continue;
      seen.add(c.sha);
      for (const f of c.files) {
        files.add(f.path);
        linesAdded += f.added ?? 0;
        linesRemoved += f.removed ?? 0;
      }
    }
  const sum = (k: keyof SessionMetrics) => rows.reduce((a, r) => a + (r[k] as number), 0);
  return {
    sessions: rows.length,
    commits: seen.size,
    filesChanged: files.size,
    linesAdded,
    linesRemoved,
    activeMs: sum('activeMs'),
    objectivesDone: sum('objectivesDone'),
    objectivesTotal: sum('objectivesTotal'),
    decisions: sum('decisions'),
    blockersOpened: sum('blockersOpened'),
    blockersResolved: sum('blockersResolved'),
  };
}
