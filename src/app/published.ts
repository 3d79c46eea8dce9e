// What of a session's work the history of its branch holds, and what is recorded here but in no
// commit on the branch yet: after a reset, a dropped rebase pick, an amend, a --no-verify commit,
// or simply before the next commit. The commit hooks decide the same in sh (hooks/lib.sh, gs_base).

import type { TrailerMode } from '../codec/config.js';
import { formatTrailer } from '../codec/trailers.js';
import { anchorOf, carriersOf, coveredMark } from '../core/coverage.js';
import { isOpen } from '../core/fold.js';
import { isItemLine, linesAbove } from '../core/plan-file.js';
import { type PlannedTrailer, planTrailers } from '../core/trailer-plan.js';
import { branchTip, commitsSince } from '../git/refs.js';
import { run } from '../git/run.js';
import { readRewrites } from '../store/rewrites.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

/**
 * The seq up to which every item of the session is in a commit that `tip` contains. When the
 * latest carrying commit is the tip itself (the usual case) no git process runs; otherwise one
 * `git rev-list` walks the branch back to the first carrying commit.
 */
export function heldBase(ctx: Context, loaded: Loaded, tip: string | null): number {
  const carriers = carriersOf(loaded.local, readRewrites(ctx.store.paths));
  const { mark, sha } = anchorOf(carriers);
  if (mark === 0) return 0;
  if (tip === null) return 0;
  if (sha === tip) return mark;
  const onBranch = run(ctx.repo, commitsSince(tip, carriers[0]!.sha));
  return coveredMark(carriers, (s) => onBranch.has(s));
}

/**
 * Every trailer line the session's commits carry, each with the seq of its latest change. With
 * `trailers: id` only the `Session:` line; with `off` none, but the commits still join the session
 * (the session refs carry the rest: docs/sync.md).
 */
export function fullPlan(loaded: Loaded, trailers: TrailerOptions): PlannedTrailer[] {
  const mode = trailers.mode ?? (trailers.enabled ? 'full' : 'off');
  if (mode !== 'full') {
    if (!isOpen(loaded.state)) return [];
    const line = formatTrailer({ kind: 'session', session: loaded.state.id });
    return [{ seq: mode === 'id' ? 'always' : 'record', line }];
  }
  return planTrailers({ ...loaded.state, committedMark: 0 }, loaded.local, { journal: trailers.journal });
}

export interface TrailerOptions {
  enabled: boolean;
  journal: boolean;
  mode?: TrailerMode;
}

export interface Unpublished {
  /** The branch whose history was checked (null: the session has none that exists here). */
  branch: string | null;
  /** Trailer lines recorded here that no commit on the branch carries yet. */
  lines: string[];
}

/** What the session recorded here that no commit on its branch carries yet. */
export async function unpublished(ctx: Context, loaded: Loaded): Promise<Unpublished> {
  // A read command works with a config it cannot use (the warning says why): the defaults apply.
  const trailers = await ctx.config().then(
    (c) => c.trailers,
    async () => (await import('../codec/config.js')).DEFAULT_CONFIG.trailers,
  );
  const branch = loaded.state.branch || null;
  const tip = branch ? branchTip(ctx.repo, branch) : null;
  if (!loaded.state.local) return { branch, lines: [] };
  const plan = fullPlan(loaded, trailers);
  // Without the branch there is no history to compare with: what commits recorded counts.
  const base = tip === null ? loaded.state.committedMark : heldBase(ctx, loaded, tip);
  const lines = linesAbove(plan, base);
  const carried = new Set(lines);
  for (const l of ctx.store.carryLines(loaded.state.id)) if (!carried.has(l) && isItemLine(l)) lines.push(l);
  return { branch: tip === null ? null : branch, lines };
}
