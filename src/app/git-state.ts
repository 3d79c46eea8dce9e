// The branch a command works on, for commands that need one.

import { workingBranch } from '../git/state.js';
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
