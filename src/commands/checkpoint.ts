// `git session checkpoint`: commit what is staged (or every tracked change with --all) with seed
// 004's checkpoint message and the session trailers, and record the checkpoint.

import type { Context } from '../app/context.js';
import { refreshSessionFile } from '../app/living-files.js';
import { mutate } from '../app/mutate.js';
import { sessionCommit } from '../app/session-commit.js';
import { loadSession, targetSession } from '../app/sessions.js';
import { accomplishedSince, checkpointMessage, nextAction } from '../core/checkpoint-message.js';
import { checkText } from '../core/text.js';
import { currentBranch, pendingChanges } from '../git/git.js';
import { usageError, userError } from '../model/errors.js';
import type { EventPayload } from '../model/events.js';
import { newItemId } from '../model/ids.js';
import { safeLine } from '../render/term.js';
import { stamp } from '../render/time.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

export interface CheckpointOptions {
  label?: string;
  decision?: string;
  rationale?: string;
  note?: string;
  message?: string;
  all: boolean;
  allowEmpty: boolean;
  /** False: record the checkpoint only (seed 003's "save now"); the next commit carries it. */
  commit: boolean;
  phase?: string;
  phaseStatus?: string;
  session?: string;
}

export async function checkpoint(
  ctx: Context,
  io: Io,
  action: string | undefined,
  o: CheckpointOptions,
): Promise<Output> {
  if (action === 'list') return list(ctx, io, o.session);
  if (action !== undefined)
    throw usageError(
      `unknown checkpoint action '${action}'`,
      'git session checkpoint [--label L] …, or git session checkpoint list',
    );
  if (o.rationale !== undefined && o.decision === undefined)
    throw usageError('--rationale goes with --decision', 'git session checkpoint --decision "…" --rationale "…"');
  if (o.phaseStatus !== undefined && o.phase === undefined)
    throw usageError('--phase-status goes with --phase', 'git session checkpoint --phase 3 --phase-status Complete');
  for (const [label, v] of [
    ['label', o.label],
    ['decision', o.decision],
    ['rationale', o.rationale],
    ['note', o.note],
    ['message', o.message],
    ['phase', o.phase],
    ['phase status', o.phaseStatus],
  ] as const)
    if (v !== undefined) checkText(label, v);
  const target = targetSession(ctx, o.session);
  const s = target.state;
  if (!o.commit) {
    if (o.all || o.allowEmpty || o.message !== undefined)
      throw usageError('--no-commit makes no commit', 'leave out --all, --allow-empty and -m with --no-commit');
    return recordOnly(ctx, s.id, o, o.label ?? o.note ?? `checkpoint ${s.checkpoints.length + 1}`);
  }
  if (currentBranch(ctx.repo) !== s.branch)
    throw userError(
      'not-on-branch',
      `a checkpoint commits on the session's branch '${s.branch}'`,
      `git switch ${s.branch}`,
    );
  let files = pendingChanges(ctx.repo, o.all);
  if (files.length === 0 && !o.allowEmpty)
    throw userError(
      'nothing-to-commit',
      'nothing is staged to checkpoint',
      'stage changes with git add, or use --all (tracked changes) or --allow-empty',
    );

  const label = o.label ?? o.message ?? o.note ?? `checkpoint ${s.checkpoints.length + 1}`;
  // The checkpoint (and its decision) are recorded first, so this very commit carries them.
  const m = await record(ctx, s.id, o, label);
  // Recording may have changed tracked files (the decision log): --all commits those too.
  if (o.all) files = pendingChanges(ctx.repo, true);
  const state = m.loaded.state;
  // What was accomplished since the previous checkpoint: the note, else what the session recorded
  // since then (this checkpoint's own decision included).
  const since = s.checkpoints.length > 0 ? s.checkpoints[s.checkpoints.length - 1]!.at : s.createdAt;
  const accomplished =
    o.note ?? accomplishedSince(state, since) ?? (o.decision !== undefined ? `decided ${o.decision}` : null);
  const nextStep = nextAction(state);
  const message = checkpointMessage({
    description: o.message ?? label,
    phase: o.phase ?? null,
    phaseStatus: o.phaseStatus ?? null,
    accomplished,
    files,
    next: nextStep,
  });
  const sha = await sessionCommit(ctx, m.loaded, message, { allowEmpty: o.allowEmpty, all: o.all });
  const after = loadSession(ctx, s.id) ?? m.loaded;
  // The commit is Node's own here: SESSION.md shows it now rather than after the next command.
  await refreshSessionFile(ctx);
  const cp = after.state.checkpoints[after.state.checkpoints.length - 1]!;
  return {
    json: { ...cp, commit: cp.commit ?? sha },
    text: `Checkpoint '${safeLine(label)}' committed as ${sha.slice(0, 7)} (${plural(files.length, 'file')}).`,
  };
}

/** The checkpoint (and its decision) as events. */
function record(ctx: Context, sessionId: string, o: CheckpointOptions, label: string) {
  return mutate(ctx, sessionId, (cur) => {
    const state = cur!.state;
    const events: EventPayload[] = [];
    if (o.decision !== undefined) {
      const decision = newItemId('decision', ctx.random, new Set(state.decisions.map((d) => d.id)));
      events.push({
        type: 'decision.recorded',
        decision,
        text: o.decision,
        ...(o.rationale !== undefined ? { rationale: o.rationale } : {}),
      });
    }
    events.push({
      type: 'checkpoint.recorded',
      label,
      ...(o.note !== undefined ? { note: o.note } : {}),
      ...(o.phase !== undefined ? { phase: o.phase } : {}),
      ...(o.phaseStatus !== undefined ? { phaseStatus: o.phaseStatus } : {}),
    });
    return { events, result: null };
  });
}

async function recordOnly(ctx: Context, sessionId: string, o: CheckpointOptions, label: string): Promise<Output> {
  const m = await record(ctx, sessionId, o, label);
  const cp = m.loaded.state.checkpoints[m.loaded.state.checkpoints.length - 1]!;
  return {
    json: cp,
    text: `Checkpoint '${safeLine(label)}' recorded; the next commit on ${safeLine(m.loaded.state.branch)} carries it.`,
  };
}

async function list(ctx: Context, io: Io, ref: string | undefined): Promise<Output> {
  const s = targetSession(ctx, ref).state;
  const rows = s.checkpoints.map((c) => ({
    label: c.label,
    note: c.note,
    commit: c.commit,
    phase: c.phase,
    phaseStatus: c.phaseStatus,
    at: c.at,
  }));
  const text =
    rows.length === 0
      ? 'No checkpoints yet: git session checkpoint --label "…"'
      : rows
          .map(
            (c) =>
              `${io.style.dim(stamp(c.at))}  ${c.commit ? io.style.yellow(c.commit.slice(0, 7)) : '       '}  ${safeLine(c.label)}${c.phase ? io.style.dim(`  phase ${safeLine(c.phase)}${c.phaseStatus ? ` ${safeLine(c.phaseStatus)}` : ''}`) : ''}${c.note ? io.style.dim(` — ${safeLine(c.note)}`) : ''}`,
          )
          .join('\n');
  return { json: rows, text };
}
