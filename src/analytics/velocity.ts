// Velocity: objectives completed and commits per active hour and per active day, and day by day
// (docs/reports.md, "Velocity").

import { activityOf, clip, totalMs } from './activity.js';
import { commitsIn } from './metrics.js';
import { DAY_MS, HOUR_MS, type Interval, inWindow, round2, type SessionInput, type Window } from './model.js';

export interface DayFigures {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  commits: number;
  objectivesCompleted: number;
  activeMs: number;
}

export interface Velocity {
  activeMs: number;
  /** UTC days with a commit, a completed objective or active time. */
  activeDays: number;
  commits: number;
  objectivesCompleted: number;
  /** Null under MIN_ACTIVE_MS_FOR_RATES of active time. */
  commitsPerActiveHour: number | null;
  objectivesPerActiveHour: number | null;
  commitsPerDay: number | null;
  objectivesPerDay: number | null;
  /** Day by day, oldest first; only days with something in them. */
  daily: DayFigures[];
}

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Below this much active time a rate per hour says nothing (one commit in one minute would be
 * "60 commits per active hour"): the per-hour rates are null, shown as "—".
 */
export const MIN_ACTIVE_MS_FOR_RATES = 15 * 60_000;

/** Active time per UTC day. */
function activePerDay(intervals: readonly Interval[], into: Map<string, DayFigures>): void {
  for (const i of intervals) {
    let from = Date.parse(i.from);
    const to = Date.parse(i.to);
    while (from < to) {
      const dayEnd = (Math.floor(from / DAY_MS) + 1) * DAY_MS;
      const stop = Math.min(dayEnd, to);
      bucket(into, new Date(from).toISOString()).activeMs += stop - from;
      from = stop;
    }
  }
}

function bucket(map: Map<string, DayFigures>, iso: string): DayFigures {
  const day = dayOf(iso);
  let d = map.get(day);
  if (!d) {
    d = { day, commits: 0, objectivesCompleted: 0, activeMs: 0 };
    map.set(day, d);
  }
  return d;
}

/** Velocity of a set of sessions (one session, or all of them), inside a window or over all time. */
export function velocity(inputs: readonly SessionInput[], w: Window | null = null): Velocity {
  const days = new Map<string, DayFigures>();
  let active = 0;
  let commits = 0;
  let objectives = 0;
  const seen = new Set<string>();
  for (const input of inputs) {
    const intervals = clip(activityOf(input).intervals, w);
    active += totalMs(intervals);
    activePerDay(intervals, days);
    for (const c of commitsIn(input, w)) {
      if (seen.has(c.sha)) continue;
      seen.add(c.sha);
      commits++;
      bucket(days, c.at).commits++;
    }
    for (const o of input.state.objectives)
      if (o.status === 'done' && o.completedAt !== null && inWindow(o.completedAt, w)) {
        objectives++;
        bucket(days, o.completedAt).objectivesCompleted++;
      }
  }
  const daily = [...days.values()]
    .filter((d) => d.commits > 0 || d.objectivesCompleted > 0 || d.activeMs > 0)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  const hours = active / HOUR_MS;
  const perHour = (n: number) => (active >= MIN_ACTIVE_MS_FOR_RATES ? round2(n / hours) : null);
  const perDay = (n: number) => (daily.length > 0 ? round2(n / daily.length) : null);
  return {
    activeMs: active,
    activeDays: daily.length,
    commits,
    objectivesCompleted: objectives,
    commitsPerActiveHour: perHour(commits),
    objectivesPerActiveHour: perHour(objectives),
    commitsPerDay: perDay(commits),
    objectivesPerDay: perDay(objectives),
    daily,
  };
}
