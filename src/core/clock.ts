// The order of a session's events: a Lamport clock (`lc`), never the time an event claims.
//
// - An event the CLI makes carries lc = 1 + the highest clock among the session's events as
//   loaded (history included): whatever this clone knew when it made a change orders before it, so
//   a change made here takes effect whatever date an earlier commit claimed.
// - An event read from history carries the generation number of its commit (a root is 1, any
//   other commit 1 + the highest of its parents'): the same on every clone, ancestors before
//   descendants, independent of dates. Ties: the commit sha, then the item's place in its block.
// - A journal event without a clock (appended by the sh hooks, or by git-session before 0.2)
//   takes the clock of the event before it in the journal; the journal line orders events of one
//   clock value.
// - A commit this journal recorded (its `commit.recorded` line, following amends and rebases)
//   carried items made here, which the journal holds with their own clocks: its history events
//   only restate them. They take clock 0, in the order the commits were recorded — before every
//   event with a clock — so they give back an item the journal lost (a line set aside as damaged)
//   and never overrule anything made here or read from another commit.
//
// The fold sorts by (lc, order, id) (events.ts compareEvents). The rules are a contract: team sync
// (issue 10) carries events with their clock between clones. See docs/storage.md, "Order".

import type { SessionEvent } from './events.js';

/** Clocks stay far from the end of exact integers (2^53), however many events a session gets. */
export const MAX_CLOCK = 2 ** 50;

/**
 * Journal events in file order, each with its clock (its own, or that of the event before it) and
 * its line as `order`. Returns copies; the stored events are not changed.
 */
export function clockJournal(events: readonly SessionEvent[]): SessionEvent[] {
  let lc = 0;
  return events.map((e, i) => {
    if (typeof e.lc === 'number') lc = e.lc;
    return { ...e, lc, order: i };
  });
}

/**
 * History events of the commits the journal recorded, moved to clock 0 in the order of their
 * records (see above); the others keep their generation clock. `journal` as returned by
 * clockJournal; `finalSha` follows amends and rebases (fold.ts finalSha).
 */
export function placeHistory(
  journal: readonly SessionEvent[],
  history: readonly SessionEvent[],
  finalSha: (sha: string) => string,
): SessionEvent[] {
  const place = new Map<string, { lc: number; order: number }>();
  for (const e of journal) {
    if (e.type !== 'commit.recorded') continue;
    // Half a line after the record: in a journal of 0.1 (every clock 0), right after the items it carried.
    const at = { lc: 0, order: (e.order ?? 0) + 0.5 };
    place.set(e.sha, at);
    place.set(finalSha(e.sha), at);
  }
  if (place.size === 0) return [...history];
  return history.map((e) => {
    const at = e.origin === undefined ? undefined : place.get(e.origin);
    return at ? { ...e, ...at } : e;
  });
}

/** The clock a new event of this session gets: one more than the highest it has. */
export function nextClock(events: readonly SessionEvent[]): number {
  let max = 0;
  for (const e of events) if (typeof e.lc === 'number' && e.lc > max) max = e.lc;
  return max + 1;
}
