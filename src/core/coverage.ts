// Which of a session's items the history of a branch already holds. Every commit that carried items
// is recorded with `mark` (the highest item seq it carried) and `base` (the seq up to which the
// history it was made on already held everything): it holds the items of (base, mark]. A commit
// that leaves the branch (reset, a dropped rebase pick) takes its range with it, and the items in
// that range are carried again by the next commit. The sh hooks compute the same in awk
// (hooks/lib.sh, gs_base); docs/storage.md, "committed".

import type { SessionEvent } from './events.js';
import { finalSha } from './fold.js';

export interface Carrier {
  /** The recorded commit, followed through amends and rebases. */
  sha: string;
  /** The commit as recorded (what `committed` names). */
  recorded: string;
  mark: number;
  base: number;
}

/**
 * The commits that carried items, in journal order. A record written before `base` existed
 * continues the previous mark: commits then carried everything above the last mark.
 */
export function carriersOf(events: readonly SessionEvent[], rewrites: ReadonlyMap<string, string>): Carrier[] {
  const out: Carrier[] = [];
  let previous = 0;
  for (const e of events) {
    if (e.type !== 'commit.recorded' || e.mark === undefined) continue;
    out.push({ sha: finalSha(rewrites, e.sha), recorded: e.sha, mark: e.mark, base: e.base ?? previous });
    if (e.mark > previous) previous = e.mark;
  }
  return out;
}

/** The highest mark and the last commit recorded with it (that commit holds everything up to it). */
export function anchorOf(carriers: readonly Carrier[]): { mark: number; sha: string | null } {
  let mark = 0;
  let sha: string | null = null;
  for (const c of carriers) {
    if (c.mark > mark) mark = c.mark;
    if (c.mark === mark && mark > 0) sha = c.recorded;
  }
  return { mark, sha };
}

/**
 * The seq up to which every item is held by the given commits (those still on the branch):
 * ranges that start at or below what is held so far extend it; a gap stops it.
 */
export function coveredMark(carriers: readonly Carrier[], onBranch: (sha: string) => boolean): number {
  const top = new Map<number, number>();
  for (const c of carriers)
    if (c.mark > c.base && onBranch(c.sha) && c.mark > (top.get(c.base) ?? -1)) top.set(c.base, c.mark);
  const starts = [...top.keys()].sort((a, b) => a - b);
  let held = 0;
  for (const b of starts) {
    if (b > held) break;
    held = Math.max(held, top.get(b)!);
  }
  return held;
}
