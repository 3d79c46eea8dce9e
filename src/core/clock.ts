// The order of a session's events: a Lamport clock (`lc`), never the time an event claims.
//
// - An event the CLI makes carries lc = 1 + the highest clock among the session's events as
//   loaded (history included; the CLI first reads the commits this clone made since the last
//   read, so its own commits are loaded too): whatever this clone knew when it made a change orders
//   before it, so a change made here takes effect whatever an earlier commit said or claimed.
// - A commit that carries a session's items claims the session's clock then (`Session-Info: clock
//   N`). A commit's clock is the highest of its claim and 1 + its parents' clocks (a root without a
//   claim is 1): the same on every clone, an ancestor before its descendants, at least the clock of
//   every event it carried, independent of dates. An event read from history takes its commit's
//   clock; ties go by the commit sha, then the item's place in its block.
// - A journal event without a clock (appended by the sh hooks, or by git-session before 0.2)
//   takes the clock of the event before it in the journal; the journal line orders events of one
//   clock value.
// - A commit a journal of 0.1 recorded (its `commit.recorded` line has no clock before it): its
//   history events restate what the journal holds, in journal order, right after that line.
//
// The fold sorts by (lc, order, id) (events.ts compareEvents). The rules are a contract: team sync
// (issue 10) carries events with their clock between clones. See docs/storage.md, "Order".

import type { SessionEvent } from '../model/events.js';

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
 * History events of commits a journal of 0.1 recorded (no clock yet at their record), moved right
 * after their record; the others keep their commit's clock. `journal` as returned by clockJournal;
 * `finalSha` follows amends and rebases (fold.ts finalSha).
 */
export function placeHistory(
  journal: readonly SessionEvent[],
  history: readonly SessionEvent[],
  finalSha: (sha: string) => string,
): SessionEvent[] {
  const place = new Map<string, { lc: number; order: number }>();
  for (const e of journal) {
    if (e.type !== 'commit.recorded' || (e.lc ?? 0) > 0) continue;
    // Half a line after the record: after the items it carried, before what came next.
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
