// A change to one session from the command line: the session named by `--session` (or the one of
// the branch being worked on), its latest state decided on under the store lock (core/decide/),
// the events appended once (mutate.ts).

import type { Outcome } from '../core/decide/outcome.js';
import type { SessionState } from '../core/fold.js';
import { workingBranch } from '../git/state.js';
import { userError } from '../model/errors.js';
import type { Context } from './context.js';
import { historySessionIds } from './history-cache.js';
import { type MutateOptions, type Mutation, mutate } from './mutate.js';
import { resolveSession } from './sessions.js';

/**
 * The id of the session `ref` names, else of the branch being worked on. The current branch's
 * session is found from the branch map alone: nothing is read or folded before the change itself.
 */
export function targetSessionId(ctx: Context, ref: string | undefined): string {
  if (ref !== undefined) return resolveSession(ctx, ref).state.id;
  const branch = workingBranch(ctx.repo);
  const id = branch === null ? null : ctx.store.branchSession(branch);
  // A branch map naming a session this clone knows nothing of: as if there were none.
  if (id !== null && (ctx.store.sessionDirExists(id) || historySessionIds(ctx).includes(id))) return id;
  throw noSession(branch);
}

export function noSession(branch: string | null): Error {
  if (branch === null)
    return userError(
      'no-session',
      'HEAD is detached (no branch is checked out), so there is no current session',
      'switch to a branch (git switch <branch>), or name the session: --session <ref>',
    );
  return userError('no-session', `no session on branch '${branch}'`, `start one: git session start ${branch} -o "…"`);
}

/** `decide` on the latest state of session `id` (targetSessionId), and its events appended. */
export function change<T>(
  ctx: Context,
  id: string,
  decide: (s: SessionState) => Outcome<T>,
  options?: MutateOptions,
): Promise<Mutation<T>> {
  return mutate(
    ctx,
    id,
    (current) => {
      // Only a branch map can name a session without events (an empty journal): as if there were none.
      if (!current) throw noSession(workingBranch(ctx.repo));
      return decide(current.state);
    },
    options,
  );
}
