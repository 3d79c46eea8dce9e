import type { Context } from '../app/context.js';
import { createSession, type NewSession, validateNewSession } from '../app/create.js';
import { checkout, enter, openSessionOn } from '../app/lifecycle.js';
import { viewOf } from '../app/view.js';
import { clip } from '../core/text.js';
import { userError } from '../errors.js';
import { checkBranchName, currentBranch } from '../git/git.js';
import { sessionText } from '../render/session-text.js';
import { branchNameProblem } from '../store/paths.js';
import type { Io, Output } from './output.js';

export function checkNewBranch(ctx: Context, branch: string): void {
  const problem = branchNameProblem(branch);
  if (problem)
    throw userError(
      'bad-branch',
      `'${clip(branch)}' is not a valid branch name: ${problem}`,
      'see git help check-ref-format',
    );
  checkBranchName(ctx.repo, branch);
}

/** Link `branch` (created from HEAD when missing, then checked out) to a new session. */
export async function start(ctx: Context, io: Io, input: NewSession): Promise<Output> {
  checkNewBranch(ctx, input.branch);
  validateNewSession(input);
  // A broken config.yaml, a store held by a live command or one that cannot be written stop us
  // before the branch is created or switched to.
  await ctx.config();
  ctx.store.lock(() => undefined);
  const existing = openSessionOn(ctx, input.branch);
  if (existing)
    throw userError(
      'session-exists',
      `branch '${input.branch}' already has ${existing.state.status === 'active' ? 'an' : 'a'} ${existing.state.status} session '${existing.state.name}'`,
      `resume it: git session resume ${input.branch}`,
    );
  const from = currentBranch(ctx.repo);
  const { created, switched } = checkout(ctx, input.branch, { create: true, from: input.from });
  const made = await createSession(ctx, input);
  const { left } = await enter(ctx, made.state.id, `switched to ${input.branch}`);
  const view = viewOf(ctx, made);
  const how = created
    ? `new branch from ${input.from ?? from ?? 'HEAD'}`
    : switched
      ? 'switched to existing branch'
      : 'current branch';
  const notes = [`Started session '${made.state.name}' on ${input.branch} (${how}).`];
  if (left) notes.push(`Paused '${left.state.name}' (${left.state.branch}).`);
  return { json: view, text: sessionText(view, io.style, { now: ctx.now() }), notes };
}
