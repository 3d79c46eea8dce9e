// Moving between sessions: pausing the one left, resuming the one entered. Shared by the
// start/resume/switch commands and the post-checkout hook, so a `git switch` and a
// `git session switch` leave the store in the same state.

import { isOpen } from '../core/fold.js';
import { userError } from '../errors.js';
import { branchExists, currentBranch, resolveCommit, switchBranch, worktreeBranches } from '../git/git.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import { type Loaded, loadSession } from './sessions.js';

/** Where a pause or resume happened: this clone's machine id, when the store has one. */
export function machineOf(ctx: Context): { machine?: string } {
  const machine = ctx.store.machineId();
  return machine ? { machine } : {};
}

/** `shared`: the note was typed for others (`pause --note`); the next commit carries it. */
export async function pauseSession(ctx: Context, id: string, note?: string, shared = false): Promise<Loaded | null> {
  const m = await mutate(
    ctx,
    id,
    (cur) => ({
      events:
        cur && cur.state.status === 'active'
          ? [
              {
                type: 'session.paused',
                ...(note ? { note } : {}),
                ...(note && shared ? { shared: true } : {}),
                ...machineOf(ctx),
              },
            ]
          : [],
      result: null,
    }),
    // A typed note goes on the next commit (so another clone has it): the trailers change then. A
    // branch switch's own note does not, and a switch stays on its fast path.
    { trailersUnchanged: !(note && shared) },
  );
  return m.loaded;
}

export async function resumeSession(ctx: Context, id: string): Promise<Loaded> {
  const m = await mutate(
    ctx,
    id,
    (cur) => ({
      events: cur && cur.state.status === 'paused' ? [{ type: 'session.resumed', ...machineOf(ctx) }] : [],
      result: null,
    }),
    { trailersUnchanged: true },
  );
  return m.loaded;
}

export interface Transition {
  left: Loaded | null;
  entered: Loaded | null;
}

/**
 * The worktree now has `enteredId`'s branch checked out: pause the session that was current here
 * (if it is another one), resume the entered one (if it is paused), and record it as current.
 */
export async function enter(ctx: Context, enteredId: string | null, pauseNote?: string): Promise<Transition> {
  const leftId = ctx.store.current(ctx.repo.gitDir);
  let left: Loaded | null = null;
  if (leftId && leftId !== enteredId && ctx.store.sessionDirExists(leftId)) {
    const before = loadSession(ctx, leftId);
    if (before?.state.status === 'active') left = await pauseSession(ctx, leftId, pauseNote);
  }
  let entered: Loaded | null = null;
  if (enteredId) {
    const before = loadSession(ctx, enteredId);
    entered = before && before.state.status === 'paused' ? await resumeSession(ctx, enteredId) : before;
  }
  ctx.store.setCurrent(ctx.repo.gitDir, enteredId);
  const { refreshSessionFile } = await import('./living-files.js');
  await refreshSessionFile(ctx);
  return { left, entered };
}

/**
 * Check out `branch` in this worktree (creating it from HEAD when `create`), with git's own
 * refusal — uncommitted changes in the way, checked out elsewhere — turned into clear errors.
 * Returns whether the branch was created.
 */
export function checkout(
  ctx: Context,
  branch: string,
  options: { create: boolean; from?: string },
): { created: boolean; switched: boolean } {
  const exists = branchExists(ctx.repo, branch);
  if (exists && options.from !== undefined)
    throw userError(
      'branch-exists',
      `branch '${branch}' exists already; --from only places a new branch`,
      `leave out --from, or choose a new branch name`,
    );
  const startPoint = options.from === undefined ? undefined : resolveCommit(ctx.repo, options.from);
  if (currentBranch(ctx.repo) === branch) return { created: false, switched: false };
  if (!exists && !options.create)
    throw userError(
      'no-branch',
      `branch '${branch}' does not exist`,
      `recreate it (git branch ${branch} <commit>) or start a new session`,
    );
  if (exists) {
    const elsewhere = worktreeBranches(ctx.repo).get(branch);
    if (elsewhere)
      throw userError(
        'checked-out-elsewhere',
        `branch '${branch}' is checked out in another worktree: ${elsewhere}`,
        `cd ${elsewhere}`,
      );
  }
  switchBranch(ctx.repo, branch, !exists, startPoint);
  return { created: !exists, switched: true };
}

/** The open session on `branch`, if any. */
export function openSessionOn(ctx: Context, branch: string): Loaded | null {
  const id = ctx.store.branchSession(branch);
  if (!id) return null;
  const loaded = loadSession(ctx, id);
  return loaded && isOpen(loaded.state) ? loaded : null;
}
