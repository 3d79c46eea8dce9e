// ISO 8601 weeks in UTC: weeks start on Monday, and week 1 is the one holding 4 January.

import { DAY_MS, type Window } from './model.js';

export interface Week extends Window {
  /** e.g. 2026-W47 */
  label: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Monday 00:00 UTC of ISO week 1 of an ISO year. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

function weeksIn(year: number): number {
  return Math.round((week1Monday(year + 1) - week1Monday(year)) / (7 * DAY_MS));
}

function weekAt(year: number, week: number): Week {
  const from = week1Monday(year) + (week - 1) * 7 * DAY_MS;
  return {
    label: `${pad(year, 4)}-W${pad(week)}`,
    from: new Date(from).toISOString(),
    to: new Date(from + 7 * DAY_MS).toISOString(),
  };
}

/** `2026-W47` (also `2026W47`, lower case w); null when it is not an ISO week that exists. */
export function parseWeek(text: string): Week | null {
  const m = /^(\d{4})-?[Ww](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Date.UTC reads years below 100 as 19xx; weeks of year 9999 end in year 10000.
  if (year < 1000 || year > 9998) return null;
  if (week < 1 || week > weeksIn(year)) return null;
  return weekAt(year, week);
}

/** The ISO week holding an instant. */
export function weekOf(iso: string): Week {
  const t = Date.parse(iso);
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  const dow = (new Date(day).getUTCDay() + 6) % 7;
  // The Thursday of this week decides the ISO year.
  const year = new Date(day + (3 - dow) * DAY_MS).getUTCFullYear();
  const week = Math.floor((day - dow * DAY_MS - week1Monday(year)) / (7 * DAY_MS)) + 1;
  return weekAt(year, week);
}
