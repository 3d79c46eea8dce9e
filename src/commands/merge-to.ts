// `git session end --merge-to BRANCH` (seed 001): end the session with a commit that carries the
// end, switch to BRANCH and merge the session's branch with `git merge --no-ff`. Everything that
// can refuse is checked before anything changes; a merge that stops on conflicts leaves git's usual
// state, as a `git merge` typed by hand would.

import type { Context } from '../app/context.js';
import { checkout, enter, openSessionOn } from '../app/lifecycle.js';
import { targetSession } from '../app/sessions.js';
import { isOpen } from '../core/fold.js';
import {
  branchExists,
  currentBranch,
  headSha,
  mergeNoFastForward,
  worktreeBranches,
  worktreeStatus,
} from '../git/git.js';
import { usageError, userError } from '../model/errors.js';
import { safeLine } from '../render/term.js';
import { type EndOptions, end } from './lifecycle.js';
import type { Io, Output } from './output.js';

export async function endAndMerge(ctx: Context, io: Io, o: Omit<EndOptions, 'commit'>, into: string): Promise<Output> {
  const s = targetSession(ctx, o.session).state;
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
  if (!branchExists(ctx.repo, into))
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
  const elsewhere = worktreeBranches(ctx.repo).get(into);
  if (elsewhere)
    throw userError(
      'checked-out-elsewhere',
      `branch '${into}' is checked out in another worktree: ${elsewhere}`,
      `merge there: cd ${elsewhere} && git merge --no-ff ${branch}`,
    );
  const dirty = worktreeStatus(ctx.repo).filter((f) => f.status !== 'untracked');
  if (dirty.length > 0)
    throw userError(
      'dirty-worktree',
      `${dirty.length} tracked file${dirty.length === 1 ? ' has' : 's have'} uncommitted changes (${dirty
        .slice(0, 3)
        .map((f) => safeLine(f.path))
        .join(', ')}${dirty.length > 3 ? ', …' : ''}); nothing was changed`,
      'commit or stash them (git stash), then run it again',
    );

  const ended = await end(ctx, io, { ...o, commit: true });
  checkout(ctx, into, { create: false });
  // What the post-checkout hook would do (git-session switched with its hooks off).
  const { left, entered } = await enter(ctx, openSessionOn(ctx, into)?.state.id ?? null, `switched to ${into}`);
  const notes = [
    ...(ended.notes ?? []),
    `Switched to '${into}'${entered ? ` (session '${entered.state.name}')` : ''}.`,
  ];
  if (left) notes.push(`Paused '${left.state.name}'.`);
  const merge = mergeNoFastForward(ctx.repo, branch);
  const base = (ended.json ?? {}) as Record<string, unknown>;
  if (!merge.ok) {
    const files = merge.conflicts;
    notes.push(
      files.length > 0
        ? `git-session: merging '${branch}' into '${into}' stopped on conflicts in ${files.slice(0, 5).map(safeLine).join(', ')}${files.length > 5 ? ', …' : ''} — resolve them, git add and git commit (or git merge --abort); the session is ended either way`
        : `git-session: git merge --no-ff ${branch} failed: ${safeLine(merge.message)} — the session is ended; merge by hand`,
    );
    return {
      json: {
        ...base,
        merge: { into, status: files.length > 0 ? 'conflict' : 'failed', conflicts: files, commit: null },
      },
      text: ended.text,
      notes,
      exitCode: 1,
    };
  }
  const sha = headSha(ctx.repo) ?? '';
  notes.push(`Merged '${branch}' into '${into}' (${sha.slice(0, 7)}, --no-ff).`);
  return { json: { ...base, merge: { into, status: 'merged', conflicts: [], commit: sha } }, text: ended.text, notes };
}
