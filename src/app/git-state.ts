// What git is doing here, for the commands: the branch a command works on, an operation in
// progress (a rebase, a merge…), the commit HEAD is detached at.

import { headSha } from '../git/repo.js';
import { run } from '../git/run.js';
import { type InProgress, inProgress, workingBranch } from '../git/state.js';
import { userError } from '../model/errors.js';
import type { Context } from './context.js';

/** The branch checked out (or being rebased or bisected), or a clear error on a detached HEAD. */
export function requireBranch(ctx: Context, purpose: string): string {
  const branch = workingBranch(ctx.repo);
  if (branch === null)
    throw userError(
      'detached-head',
      `HEAD is detached (no branch is checked out), so there is no branch to ${purpose}`,
      'name the branch: git session start <branch>, or switch to one first (git switch <branch>)',
    );
  return branch;
}

export type { InProgress, Operation } from '../git/state.js';

/** What git is in the middle of here, and for which branch; null when nothing. */
export const operationInProgress = (ctx: Context): InProgress | null => inProgress(ctx.repo);

/** The commit HEAD points at (null before the first commit). */
export const headCommit = (ctx: Context): string | null => run(ctx.repo, headSha);
