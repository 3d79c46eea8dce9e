// When a session was active. Two sources, one answer each (docs/reports.md, "Active time"):
// - the journal clock: started/resumed to paused/completed/abandoned, exactly as the fold counts it;
// - history alone carries no pauses, so there active time is estimated from commit times: commits
//   less than PAUSE_GAP_MS apart belong to one stretch of work, and a longer gap is a pause.

import { compareEvents, type SessionEvent } from '../model/events.js';
import { earlier, type Interval, later, ms, type SessionInput, type Window } from './model.js';

/** A gap between two stretches of work longer than this is a pause (2 hours). */
export const PAUSE_GAP_MS = 2 * 3_600_000;

/** Active intervals of the journal clock, mirroring fold.ts (an open interval runs to `now`). */
export function journalIntervals(events: readonly SessionEvent[], now: string): Interval[] {
  const out: Interval[] = [];
  let since: string | null = null;
  let ended = false;
  const stop = (at: string) => {
    if (since !== null) out.push({ from: since, to: at < since ? since : at });
    since = null;
  };
  for (const e of [...events].sort(compareEvents)) {
    switch (e.type) {
      case 'session.started':
        ended = false;
        since ??= e.at;
        break;
      case 'session.resumed':
        if (!ended) since ??= e.at;
        break;
      case 'session.paused':
        stop(e.at);
        break;
      case 'session.completed':
      case 'session.abandoned':
        ended = true;
        stop(e.at);
        break;
      case 'session.reopened':
        ended = false;
        break;
      default:
        break;
    }
  }
  if (since !== null) stop(now);
  return out;
}

/** Stretches of work estimated from commit times: consecutive commits at most PAUSE_GAP_MS apart. */
export function commitIntervals(times: readonly string[]): Interval[] {
  const sorted = [...times].sort();
  const out: Interval[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && ms(last.to, t) <= PAUSE_GAP_MS) last.to = t;
    else out.push({ from: t, to: t });
  }
  return out;
}

export type ActiveBasis = 'journal' | 'commits';

export interface Activity {
  basis: ActiveBasis;
  intervals: Interval[];
}

/** The journal clock when this clone has one for the session, else the estimate from commits. */
export function activityOf(input: SessionInput): Activity {
  if (input.journal.length > 0) return { basis: 'journal', intervals: input.journal };
  return { basis: 'commits', intervals: commitIntervals(input.commits.map((c) => c.at)) };
}

/** Intervals cut to a window. */
export function clip(intervals: readonly Interval[], w: Window | null): Interval[] {
  if (w === null) return [...intervals];
  const out: Interval[] = [];
  for (const i of intervals) {
    const from = later(i.from, w.from);
    const to = earlier(i.to, w.to);
    if (from < to || (from === to && i.from === i.to && from >= w.from && from < w.to)) out.push({ from, to });
  }
  return out;
}

export function totalMs(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const i of intervals) sum += ms(i.from, i.to);
  return sum;
}

/** Gaps between consecutive intervals (pauses), longest or not. */
export function gaps(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Interval[] = [];
  let end: string | null = null;
  for (const i of sorted) {
    if (end !== null && i.from > end) out.push({ from: end, to: i.from });
    if (end === null || i.to > end) end = i.to;
  }
  return out;
}
