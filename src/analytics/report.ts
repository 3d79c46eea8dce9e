// A weekly or project report as data: totals, one row per session with what was done and decided,
// velocity and patterns. Markdown, JSON and HTML are renderings of this (src/render/report-*.ts).

import { openNextSteps } from '../core/next-steps.js';
import { type SessionMetrics, sessionEnd, sessionMetrics, type Totals, totals, touches } from './metrics.js';
import { inWindow, type SessionInput, type Window } from './model.js';
import { type Patterns, patterns } from './patterns.js';
import { type Velocity, velocity } from './velocity.js';

export type ReportKind = 'weekly' | 'project';

export interface ReportSession extends SessionMetrics {
  /** Objectives completed in the report's period. */
  completed: { id: string; text: string; at: string }[];
  decided: { id: string; text: string; rationale: string | null; at: string }[];
  openBlockers: { id: string; text: string; openedAt: string }[];
  /** Objectives not done yet (now), and the open next steps, newest first. */
  openObjectives: { id: string; text: string; status: string }[];
  next: string[];
  /** Checkpoints in the report's period, oldest first (listed under the picture: always readable). */
  checkpointList: { label: string; at: string; commit: string | null }[];
  commitsPerActiveHour: number | null;
  objectivesPerActiveHour: number | null;
}

export interface Report {
  kind: ReportKind;
  /** The ISO week for a weekly report, null for the project. */
  week: string | null;
  /** The period covered: the week, or the first to the last moment of any session. */
  from: string;
  to: string;
  generatedAt: string;
  totals: Totals;
  velocity: Velocity;
  /** Oldest first: the order of the timeline's lanes. */
  sessions: ReportSession[];
  patterns: Patterns;
}

/** The sessions a report covers, oldest first, and its period. */
export function reportScope(
  inputs: readonly SessionInput[],
  now: string,
  week: (Window & { label: string }) | null,
): { inputs: SessionInput[]; window: Window } {
  const picked = (week === null ? [...inputs] : inputs.filter((i) => touches(i, week))).sort((a, b) =>
    a.state.createdAt < b.state.createdAt
      ? -1
      : a.state.createdAt > b.state.createdAt
        ? 1
        : a.state.id < b.state.id
          ? -1
          : 1,
  );
  if (week !== null) return { inputs: picked, window: { from: week.from, to: week.to } };
  let from = now;
  let to = '';
  for (const i of picked) {
    if (i.state.createdAt < from) from = i.state.createdAt;
    const end = sessionEnd(i, now);
    if (end > to) to = end;
  }
  // A date after now (a wrong clock, a forged commit date) would squash every session into a corner:
  // the picture ends at now, and such a date is drawn at its edge.
  if (to > now) to = now;
  if (to === '' || to <= from) to = new Date(Date.parse(from) + 3_600_000).toISOString();
  return { inputs: picked, window: { from, to } };
}

export function buildReport(
  all: readonly SessionInput[],
  now: string,
  kind: ReportKind,
  week: (Window & { label: string }) | null,
): Report {
  const { inputs, window } = reportScope(all, now, kind === 'weekly' ? week : null);
  const w = kind === 'weekly' ? window : null;
  const rows = inputs.map((input): ReportSession => {
    const m = sessionMetrics(input, now, w);
    const v = velocity([input], w);
    const s = input.state;
    return {
      ...m,
      completed: s.objectives
        .filter((o) => o.status === 'done' && o.completedAt !== null && inWindow(o.completedAt, w))
        .map((o) => ({ id: o.id, text: o.text, at: o.completedAt! })),
      decided: s.decisions
        .filter((d) => inWindow(d.at, w))
        .map((d) => ({ id: d.id, text: d.text, rationale: d.rationale, at: d.at })),
      openBlockers: s.blockers
        .filter((b) => b.status === 'open')
        .map((b) => ({ id: b.id, text: b.text, openedAt: b.openedAt })),
      openObjectives: s.objectives
        .filter((o) => o.status !== 'done')
        .map((o) => ({ id: o.id, text: o.text, status: o.status })),
      next: openNextSteps(s.log, s.objectives),
      checkpointList: s.checkpoints
        .filter((c) => inWindow(c.at, w))
        .map((c) => ({ label: c.label, at: c.at, commit: c.commit })),
      commitsPerActiveHour: v.commitsPerActiveHour,
      objectivesPerActiveHour: v.objectivesPerActiveHour,
    };
  });
  return {
    kind,
    week: kind === 'weekly' && week ? week.label : null,
    from: window.from,
    to: window.to,
    generatedAt: now,
    totals: totals(inputs, rows, w),
    velocity: velocity(inputs, w),
    sessions: rows,
    patterns: patterns(inputs, now, w),
  };
}
