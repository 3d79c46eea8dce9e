// `git session end --merge-to BRANCH` (seed 001): what must hold before anything changes, and the
// switch and `git merge --no-ff` after the end is committed. A merge that stops on conflicts
// leaves git's usual state, as a `git merge` typed by hand would.

import { isOpen } from '../core/fold.js';
import { conflictedFiles, worktreeStatus } from '../git/changes.js';
import { branchExists, worktreeBranches } from '../git/refs.js';
import { currentBranch, headSha } from '../git/repo.js';
import { run } from '../git/run.js';
import { mergeNoFastForward } from '../git/write.js';
import { usageError, userError } from '../model/errors.js';
import { safeLine } from '../render/term.js';
import type { Context } from './context.js';
import { checkout, enter, openSessionOn, type Transition } from './lifecycle.js';
import type { Loaded } from './sessions.js';

/** Everything that can refuse, checked before anything changes. */
export function checkMergeTo(ctx: Context, target: Loaded, into: string): void {
  const s = target.state;
  if (!isOpen(s))
    throw userError(
      'not-open',
      `session '${s.name}' is already ${s.status}`,
      `reopen it: git session reopen ${s.name}`,
    );
  const branch = s.branch;
  if (into === branch)
    throw usageError(
      `--merge-to names the session's own branch '${into}'`,
      'name the branch to merge into, e.g. --merge-to main',
    );
  if (!run(ctx.repo, branchExists(into)))
    throw userError(
      'no-branch',
      `branch '${into}' does not exist`,
      `create it first (git branch ${into}), or name another`,
    );
  if (currentBranch(ctx.repo) !== branch)
    throw userError(
      'not-on-branch',
      `--merge-to needs the session's branch '${branch}' checked out`,
      `git switch ${branch}`,
    );
  const elsewhere = run(ctx.repo, worktreeBranches).get(into);
  if (elsewhere)
    throw userError(
      'checked-out-elsewhere',
      `branch '${into}' is checked out in another worktree: ${elsewhere}`,
      `merge there: cd ${elsewhere} && git merge --no-ff ${branch}`,
    );
  const dirty = run(ctx.repo, worktreeStatus).filter((f) => f.status !== 'untracked');
  if (dirty.length > 0)
    throw userError(
      'dirty-worktree',
      `${dirty.length} tracked file${dirty.length === 1 ? ' has' : 's have'} uncommitted changes (${dirty
        .slice(0, 3)
        .map((f) => safeLine(f.path))
        .join(', ')}${dirty.length > 3 ? ', …' : ''}); nothing was changed`,
      'commit or stash them (git stash), then run it again',
    );
}

export type Merged = { ok: true; commit: string } | { ok: false; conflicts: string[]; message: string };

/** Switch to `into` (entering its session as post-checkout would) and merge `branch` with --no-ff. */
export async function mergeInto(
  ctx: Context,
  branch: string,
  into: string,
): Promise<{ transition: Transition; merged: Merged }> {
  checkout(ctx, into, { create: false });
  // What the post-checkout hook would do (git-session switched with its hooks off).
  const transition = await enter(ctx, openSessionOn(ctx, into)?.state.id ?? null, `switched to ${into}`);
  const merge = run(ctx.repo, mergeNoFastForward(branch, currentBranch(ctx.repo)));
  const merged: Merged = merge.ok
    ? { ok: true, commit: run(ctx.repo, headSha) ?? '' }
    : { ok: false, conflicts: run(ctx.repo, conflictedFiles), message: merge.message };
  return { transition, merged };
}
