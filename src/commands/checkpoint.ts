// `git session checkpoint`: commit what is staged (or every tracked change with --all) with seed
// 004's checkpoint message and the session trailers, and record the checkpoint.

import { commitCheckpoint, recordCheckpoint } from '../app/checkpoint.js';
import type { Context } from '../app/context.js';
import { targetSession } from '../app/sessions.js';
import type { CheckpointRequest } from '../core/decide/journal.js';
import { currentPhase, phaseLabel, stageWord } from '../core/phases.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
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
  const planned = o.phase === undefined ? await plannedPhase(ctx) : null;
  if (planned) o = { ...o, phase: planned.phase, phaseStatus: 'In Progress' };
  if (!o.commit) {
    if (o.all || o.allowEmpty || o.message !== undefined)
      throw usageError('--no-commit makes no commit', 'leave out --all, --allow-empty and -m with --no-commit');
    return recordOnly(ctx, s.id, o, o.label ?? o.note ?? `checkpoint ${s.checkpoints.length + 1}`);
  }
  const label = o.label ?? o.message ?? o.note ?? `checkpoint ${s.checkpoints.length + 1}`;
  const { checkpoint, sha, files } = await commitCheckpoint(ctx, target, {
    ...request(o, label),
    message: o.message,
    all: o.all,
    allowEmpty: o.allowEmpty,
    stage: planned?.stage,
  });
  return {
    json: { ...checkpoint, commit: checkpoint.commit ?? sha },
    text: `Checkpoint '${safeLine(label)}' committed as ${sha.slice(0, 7)} (${plural(files, 'file')}).`,
  };
}

/** Without --phase, a checkpoint names the plan's phase in progress and its stage (docs/phases.md). */
async function plannedPhase(ctx: Context): Promise<{ phase: string; stage: string } | null> {
  const { phasePlanIfAny } = await import('../app/phases.js');
  const plan = await phasePlanIfAny(ctx);
  const cur = plan ? currentPhase(plan) : null;
  return cur
    ? { phase: phaseLabel(cur.number, cur.phase), stage: stageWord(cur.phase.stage ?? 'implementation') }
    : null;
}

/** The checkpoint (and its decision) as asked for. */
function request(o: CheckpointOptions, label: string): CheckpointRequest {
  return {
    label,
    note: o.note,
    phase: o.phase,
    phaseStatus: o.phaseStatus,
    decision: o.decision,
    rationale: o.rationale,
  };
}

async function recordOnly(ctx: Context, sessionId: string, o: CheckpointOptions, label: string): Promise<Output> {
  const m = await recordCheckpoint(ctx, sessionId, request(o, label));
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
