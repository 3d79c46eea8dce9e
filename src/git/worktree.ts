// Linked worktrees git-session makes for spawned agents (`git session spawn`): one per child, on its
// own branch, and taken away again when the child's session cannot be recorded.

import { gitError } from '../model/errors.js';
import { firstGitMessage } from './parse.js';
import type { GitQuery } from './query.js';

/**
 * `git worktree add` at `path` (absolute) on `branch`: created from `startPoint` when `create`, else
 * the existing branch checked out there. Our hooks stand aside: the caller records the session the
 * post-checkout hook would enter.
 */
export const addWorktree = (
  path: string,
  branch: string,
  o: { create: boolean; startPoint?: string },
): GitQuery<void> => ({
  argv: o.create
    ? ['worktree', 'add', '--quiet', '-b', branch, path, ...(o.startPoint ? [o.startPoint] : [])]
    : ['worktree', 'add', '--quiet', path, branch],
  quietHooks: true,
  parse(out) {
    if (out.status !== 0)
      throw gitError(
        `git could not add a worktree at ${path}: ${firstGitMessage(out.stderr)}`,
        'choose another place with --worktree, or another branch with --branch',
      );
  },
});

/** Take a worktree away again (with whatever it holds: it was just made). */
export const removeWorktree = (path: string): GitQuery<boolean> => ({
  argv: ['worktree', 'remove', '--force', path],
  quietHooks: true,
  parse: (out) => out.status === 0,
});

/** Delete a branch just made for a worktree that is gone again. */
export const deleteBranch = (branch: string): GitQuery<boolean> => ({
  argv: ['branch', '--quiet', '-D', branch],
  quietHooks: true,
  parse: (out) => out.status === 0,
});
