// `git session checkpoint`: record a checkpoint (and the decision it names), and — unless asked to
// record only — commit what is staged (or every tracked change) with seed 004's checkpoint message
// and the session's trailers.

import { accomplishedSince, checkpointMessage, nextAction } from '../core/checkpoint-message.js';
import { type CheckpointRequest, decideCheckpoint } from '../core/decide/journal.js';
import type { Checkpoint } from '../core/fold.js';
import { pendingChanges } from '../git/changes.js';
import { userError } from '../model/errors.js';
import { change } from './change.js';
import type { Context } from './context.js';
import { requireSessionBranch } from './lifecycle.js';
import { refreshSessionFile } from './living-files.js';
import type { Mutation } from './mutate.js';
import { refuseSecrets } from './secret-guard.js';
import { sessionCommit } from './session-commit.js';
import { type Loaded, loadSession } from './sessions.js';

export function recordCheckpoint(ctx: Context, sessionId: string, r: CheckpointRequest): Promise<Mutation<null>> {
  return change(ctx, sessionId, (s) => decideCheckpoint(s, r, ctx.random));
}

export interface CommitCheckpoint extends CheckpointRequest {
  /** The commit message's description (default: the label). */
  message?: string;
  all: boolean;
  allowEmpty: boolean;
  /** The stage of the plan's phase in progress, for the message (not recorded). */
  stage?: string;
}

/** The checkpoint recorded, then committed on the session's branch. */
export async function commitCheckpoint(
  ctx: Context,
  target: Loaded,
  r: CommitCheckpoint,
): Promise<{ checkpoint: Checkpoint; sha: string; files: number }> {
  const s = target.state;
  // The subject line goes into the commit only, never into an event: checked here.
  if (r.message !== undefined)
    await refuseSecrets(ctx, [{ label: 'commit message', text: r.message }], 'recorded or committed');
  requireSessionBranch(ctx, target, `a checkpoint commits on the session's branch '${s.branch}'`);
  let files = pendingChanges(ctx.repo, r.all);
  if (files.length === 0 && !r.allowEmpty)
    throw userError(
      'nothing-to-commit',
      'nothing is staged to checkpoint',
      'stage changes with git add, or use --all (tracked changes) or --allow-empty',
    );
  // The checkpoint (and its decision) are recorded first, so this very commit carries them.
  const m = await recordCheckpoint(ctx, s.id, r);
  // Recording may have changed tracked files (the decision log): --all commits those too.
  if (r.all) files = pendingChanges(ctx.repo, true);
  const state = m.loaded.state;
  // What was accomplished since the previous checkpoint: the note, else what the session recorded
  // since then (this checkpoint's own decision included).
  const since = s.checkpoints.length > 0 ? s.checkpoints[s.checkpoints.length - 1]!.at : s.createdAt;
  const accomplished =
    r.note ?? accomplishedSince(state, since) ?? (r.decision !== undefined ? `decided ${r.decision}` : null);
  const message = checkpointMessage({
    description: r.message ?? r.label,
    phase: r.phase ?? null,
    phaseStatus: r.phaseStatus ?? null,
    stage: r.stage ?? null,
    accomplished,
    files,
    next: nextAction(state),
  });
  const sha = await sessionCommit(ctx, m.loaded, message, { allowEmpty: r.allowEmpty, all: r.all });
  const after = loadSession(ctx, s.id) ?? m.loaded;
  // The commit is Node's own here: SESSION.md shows it now rather than after the next command.
  await refreshSessionFile(ctx);
  const checkpoint = after.state.checkpoints[after.state.checkpoints.length - 1]!;
  return { checkpoint, sha, files: files.length };
}
