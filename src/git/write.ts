// What git-session changes in the repository through git: a branch switch, a merge, a commit.

import { gitError, userError } from '../model/errors.js';
import { firstGitMessage } from './parse.js';
import type { GitQuery } from './query.js';

/**
 * Switch this worktree to `branch` (creating it, from `startPoint` or HEAD, when asked). Our hooks
 * stand aside: the caller does the session bookkeeping the post-checkout hook would do.
 */
export const switchTo = (branch: string, create: boolean, startPoint?: string): GitQuery<void> => ({
  argv: create ? ['switch', '--create', branch, ...(startPoint ? [startPoint] : [])] : ['switch', branch],
  quietHooks: true,
  parse(out) {
    if (out.status !== 0)
      throw gitError(
        `git could not switch to '${branch}': ${firstGitMessage(out.stderr)}`,
        'commit or stash your changes, then retry',
      );
  },
});

/**
 * `git merge --no-ff --no-edit <branch>` into the checked-out branch `into`, with the hooks running
 * as for any merge. The full ref: a tag of the same name would win over the branch. The message is
 * git's own (fmt-merge-msg leaves out "into main/master" the same way). On failure, git's reason.
 */
export const mergeNoFastForward = (
  branch: string,
  into: string | null,
): GitQuery<{ ok: true } | { ok: false; message: string }> => ({
  argv: [
    'merge',
    '--no-ff',
    '--no-edit',
    '-m',
    `Merge branch '${branch}'${into && into !== 'main' && into !== 'master' ? ` into ${into}` : ''}`,
    `refs/heads/${branch}`,
  ],
  parse: (out) =>
    out.status === 0
      ? { ok: true }
      : { ok: false, message: firstGitMessage(out.stderr) || firstGitMessage(out.stdout) },
});

/**
 * A commit of `message` as given (whitespace cleaned), with our own hooks standing aside: the
 * trailers are in the message already. The user's hooks still run.
 */
export const commitMessage = (message: string, o: { allowEmpty: boolean; all: boolean }): GitQuery<void> => ({
  argv: [
    'commit',
    '--quiet',
    '--cleanup=whitespace',
    '--file=-',
    ...(o.allowEmpty ? ['--allow-empty'] : []),
    ...(o.all ? ['--all'] : []),
  ],
  input: message,
  quietHooks: true,
  parse(out) {
    if (out.status === 0) return;
    if (/nothing (added )?to commit|no changes added/.test(`${out.stdout}${out.stderr}`))
      throw userError(
        'nothing-to-commit',
        'nothing is staged to commit',
        'stage changes with git add, or use --all or --allow-empty',
      );
    throw gitError(`git commit failed: ${firstGitMessage(`${out.stderr}\n${out.stdout}`)}`);
  },
});
