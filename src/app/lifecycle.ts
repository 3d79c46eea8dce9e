// Moving between sessions and through a session's life: starting one on a branch, pausing the one
// left, resuming the one entered, ending and reopening. Shared by start/resume/switch/end/reopen
// and the post-checkout hook, so a `git switch` and a `git session switch` leave the store in the
// same state. What each step may do is decided in core/decide/session.ts.

import {
  decideEnd,
  decideLeave,
  decidePause,
  decideReopen,
  decideResume,
  type EndRequest,
  type PauseResult,
} from '../core/decide/session.js';
import { isOpen } from '../core/fold.js';
import { branchExists, checkBranchName, resolveCommit, worktreeBranches } from '../git/refs.js';
import { configValue, currentBranch } from '../git/repo.js';
import { run } from '../git/run.js';
import { remoteBranches, trackBranch } from '../git/session-refs.js';
import { switchTo } from '../git/write.js';
import { gitError, userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import { branchNameProblem } from '../store/paths.js';
import { change } from './change.js';
import type { Context } from './context.js';
import { createSession, type NewSession, validateNewSession } from './create.js';
import { mutate } from './mutate.js';
import { refuseSecrets } from './secret-guard.js';
import { type Loaded, loadSession } from './sessions.js';
import { remoteList } from './sync/names.js';

/** Where a pause or resume happened: this clone's machine id, when the store has one. */
export function machineOf(ctx: Context): { machine?: string } {
  const machine = ctx.store.machineId();
  return machine ? { machine } : {};
}

/** The branch checked out in this worktree; null on a detached HEAD. */
export const checkedOutBranch = (ctx: Context): string | null => currentBranch(ctx.repo);

/** A pause by a branch switch (`note`: where it went). Only an active session pauses. */
export async function pauseSession(ctx: Context, id: string, note?: string): Promise<Loaded | null> {
  // A branch switch's own note stays on this clone: the trailers do not change, and a switch stays
  // on its fast path.
  const m = await mutate(ctx, id, (cur) => decideLeave(cur?.state ?? null, note, machineOf(ctx)), {
    trailersUnchanged: true,
  });
  return m.loaded;
}

export async function resumeSession(ctx: Context, id: string): Promise<Loaded> {
  const m = await mutate(ctx, id, (cur) => decideResume(cur?.state ?? null, machineOf(ctx)), {
    trailersUnchanged: true,
  });
  return m.loaded;
}

/**
 * `git session pause`: the session pauses, or — paused already — keeps the new note. A typed note
 * is for whoever picks the session up: the next commit carries it (the trailers change then).
 */
export async function pauseByHand(
  ctx: Context,
  target: Loaded,
  note: string | undefined,
): Promise<{ loaded: Loaded; result: PauseResult }> {
  // Paused already and nothing to note: nothing to write (a read-only store is no obstacle).
  const now = decidePause(target.state, note, note !== undefined, machineOf(ctx));
  if (now.refused) throw userError(now.code, now.message, now.hint);
  if (now.result === 'already') return { loaded: target, result: 'already' };
  const m = await change(ctx, target.state.id, (s) => decidePause(s, note, note !== undefined, machineOf(ctx)), {
    trailersUnchanged: note === undefined,
  });
  return { loaded: m.loaded, result: m.result };
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

/** The session the checked-out branch is linked to, entered as post-checkout does after a switch. */
export async function enterCheckedOut(ctx: Context): Promise<Transition & { branch: string | null }> {
  const branch = currentBranch(ctx.repo);
  const enteredId = branch ? ctx.store.branchSession(branch) : null;
  const leftId = ctx.store.current(ctx.repo.gitDir);
  const transition = await enter(ctx, enteredId, branch ? `switched to ${branch}` : 'detached HEAD');
  // The next switch between these sessions is made by the sh runtime: what it reads is written now.
  const { writeMissingSwitchStates } = await import('./switch-state.js');
  await writeMissingSwitchStates(ctx, [leftId, enteredId]);
  return { branch, ...transition };
}

/** The session the checked-out branch is linked to (its id), if any. */
export function checkedOutSessionId(ctx: Context): string | null {
  const branch = currentBranch(ctx.repo);
  return branch ? ctx.store.branchSession(branch) : null;
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
  let exists = run(ctx.repo, branchExists(branch));
  if (exists && options.from !== undefined)
    throw userError(
      'branch-exists',
      `branch '${branch}' exists already; --from only places a new branch`,
      `leave out --from, or choose a new branch name`,
    );
  const startPoint = options.from === undefined ? undefined : resolveCommit(ctx.repo, options.from);
  if (currentBranch(ctx.repo) === branch) return { created: false, switched: false };
  // A branch only a remote has (a teammate's): made here, tracking it, as `git switch` does.
  if (!exists && !options.create) exists = trackRemoteBranch(ctx, branch);
  if (!exists && !options.create)
    throw userError(
      'no-branch',
      `branch '${branch}' does not exist`,
      `recreate it (git branch ${branch} <commit>) or start a new session`,
    );
  if (exists) {
    const elsewhere = run(ctx.repo, worktreeBranches).get(branch);
    if (elsewhere)
      throw userError(
        'checked-out-elsewhere',
        `branch '${branch}' is checked out in another worktree: ${elsewhere}`,
        `cd ${elsewhere}`,
      );
  }
  run(ctx.repo, switchTo(branch, !exists, startPoint));
  return { created: !exists, switched: true };
}

/**
 * Make local branch `branch` from the remote-tracking branch of that name, tracking it, when a
 * remote has one: the only one, else `checkout.defaultRemote`, else `origin` (as `git switch`
 * chooses). Whether the branch exists now.
 */
export function trackRemoteBranch(ctx: Context, branch: string): boolean {
  if (branchNameProblem(branch)) return false;
  const names = remoteList(ctx).map((r) => r.name);
  const found = run(ctx.repo, remoteBranches(branch, names));
  if (found.size === 0) return false;
  const preferred = run(ctx.repo, configValue('checkout.defaultRemote'))?.trim();
  const remote =
    found.size === 1
      ? [...found.keys()][0]!
      : preferred && found.has(preferred)
        ? preferred
        : found.has('origin')
          ? 'origin'
          : null;
  if (remote === null)
    throw userError(
      'ambiguous-branch',
      `branch '${branch}' exists on several remotes (${[...found.keys()].join(', ')})`,
      `make it from one: git branch --track ${branch} <remote>/${branch}`,
    );
  const failed = run(ctx.repo, trackBranch(branch, remote));
  if (failed !== null) throw gitError(`git could not make branch '${branch}' from ${remote}: ${failed}`);
  return true;
}

/** The open session on `branch`, if any. */
export function openSessionOn(ctx: Context, branch: string): Loaded | null {
  const id = ctx.store.branchSession(branch);
  if (!id) return null;
  const loaded = loadSession(ctx, id);
  return loaded && isOpen(loaded.state) ? loaded : null;
}

/** A branch name a new session may take: what the store can map, and what git accepts. */
export function checkNewBranch(ctx: Context, branch: string): void {
  const problem = branchNameProblem(branch);
  if (problem)
    throw userError(
      'bad-branch',
      `'${clip(branch)}' is not a valid branch name: ${problem}`,
      'see git help check-ref-format',
    );
  run(ctx.repo, checkBranchName(branch));
}

/**
 * A secret in a new session's texts is refused before the branch is created: a branch name is a
 * ref, pushed with the branch (the session's own events are checked again when appended).
 */
function refuseNewSessionSecrets(ctx: Context, input: NewSession): Promise<void> {
  const texts = [
    { label: 'branch name', text: input.branch },
    ...input.objectives.map((text) => ({ label: 'objective', text })),
    ...(input.title !== undefined ? [{ label: 'title', text: input.title }] : []),
    ...(input.name !== undefined ? [{ label: 'session name', text: input.name }] : []),
    ...input.tasks.map((text) => ({ label: 'task', text })),
  ];
  return refuseSecrets(ctx, texts);
}

export interface Started extends Transition {
  made: Loaded;
  /** The branch checked out before. */
  from: string | null;
  created: boolean;
  switched: boolean;
}

/**
 * A new session on `input.branch` (created from HEAD, or --from, when missing, then checked out).
 * A broken config.yaml, a store held by a live command or one that cannot be written stop it
 * before the branch is created or switched to; so does an open session on the branch already.
 */
export async function startSession(ctx: Context, input: NewSession): Promise<Started> {
  await refuseNewSessionSecrets(ctx, input);
  checkNewBranch(ctx, input.branch);
  validateNewSession(input);
  await ctx.config();
  ctx.store.lock(() => undefined);
  const existing = openSessionOn(ctx, input.branch);
  if (existing)
    throw userError(
      'session-exists',
      `branch '${input.branch}' already has ${existing.state.status === 'active' ? 'an' : 'a'} ${existing.state.status} session '${existing.state.name}'`,
      `resume it: git session resume ${input.branch}`,
    );
  return startChecked(ctx, input);
}

/** As startSession, for `switch` (which resumes an open session on the branch instead). */
export async function switchToNew(ctx: Context, input: NewSession): Promise<Started> {
  await refuseNewSessionSecrets(ctx, input);
  checkNewBranch(ctx, input.branch);
  validateNewSession(input);
  await ctx.config();
  ctx.store.lock(() => undefined);
  return startChecked(ctx, input);
}

async function startChecked(ctx: Context, input: NewSession): Promise<Started> {
  const from = currentBranch(ctx.repo);
  const { created, switched } = checkout(ctx, input.branch, { create: true, from: input.from });
  const made = await createSession(ctx, input);
  const { left, entered } = await enter(ctx, made.state.id, `switched to ${input.branch}`);
  return { made, left, entered, from, created, switched };
}

/** Bring an open session back: check out its branch, link it, resume it. */
export async function resumeOn(ctx: Context, target: Loaded): Promise<Transition> {
  const s = target.state;
  if (!isOpen(s))
    throw userError('not-open', `session '${s.name}' is ${s.status}`, `reopen it: git session reopen ${s.name}`);
  if (!s.branch) throw userError('no-branch', `session '${s.name}' has no branch`, 'start a new session on a branch');
  checkout(ctx, s.branch, { create: false });
  ctx.store.setBranchSession(s.branch, s.id);
  return enter(ctx, s.id, `switched to ${s.branch}`);
}

/** A commit on the session's branch needs it checked out; `message` says what needs it. */
export function requireSessionBranch(ctx: Context, loaded: Loaded, message: string): void {
  if (currentBranch(ctx.repo) !== loaded.state.branch)
    throw userError('not-on-branch', message, `git switch ${loaded.state.branch}`);
}

/** The session completes or is abandoned. */
export async function endSession(ctx: Context, target: Loaded, request: EndRequest): Promise<Loaded> {
  return (await change(ctx, target.state.id, (s) => decideEnd(s, request))).loaded;
}

/**
 * An ended session opens again, unless its branch has another open session now; entered when its
 * branch is the one checked out.
 */
export async function reopenSession(ctx: Context, target: Loaded): Promise<Loaded> {
  const s = target.state;
  const refused = decideReopen(s);
  if (refused.refused) throw userError(refused.code, refused.message, refused.hint);
  if (s.branch) {
    const other = openSessionOn(ctx, s.branch);
    if (other && other.state.id !== s.id)
      throw userError(
        'branch-taken',
        `branch '${s.branch}' now has session '${other.state.name}'`,
        `end that one first: git session end --session ${other.state.name}`,
      );
  }
  // Its branch only on a remote (a fresh clone): made here, so the session keeps its branch.
  if (s.branch && !branchNameProblem(s.branch) && !run(ctx.repo, branchExists(s.branch)))
    trackRemoteBranch(ctx, s.branch);
  const m = await change(ctx, s.id, (state) => decideReopen(state));
  if (s.branch) ctx.store.setBranchSession(s.branch, s.id);
  if (s.branch && currentBranch(ctx.repo) === s.branch) return (await enter(ctx, s.id)).entered ?? m.loaded;
  return m.loaded;
}
