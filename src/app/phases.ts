// The phase plan from the command line (issue 11.2): read from the tracked plan file of this work
// tree (`phases.path`, codec/phase-file.ts), decided on (core/phases.ts), written back in place under
// the store lock — only into a file carrying git-session's mark, never over a change made meanwhile.
// `phase complete` runs the phase's checks (app/checks.ts) without holding the lock, then records
// what they found.

import { OWNED_LINES, ownedKind } from '../codec/owned-marker.js';
import { MAX_PLAN_BYTES, PlanFileError, readPlan, writePlan } from '../codec/phase-file.js';
import { accept } from '../core/decide/outcome.js';
import { isOpen } from '../core/fold.js';
import {
  decidePhaseComplete,
  findPhase,
  newPlanTexts,
  type PhaseCheckRun,
  type PhasePlan,
  type PlanOutcome,
  phaseLabel,
  refuseCompletion,
} from '../core/phases.js';
import { findSecret, type SecretHit, secretRefusal } from '../core/secret-check.js';
import type { SecretAllow } from '../core/secrets.js';
import { checkResult } from '../model/check-run.js';
import { userError } from '../model/errors.js';
import { editOwnedFile, readWorktreeText, type WorktreeFile } from '../worktree/file.js';
import { change } from './change.js';
import { type RanCheck, type RunOptions, runChecks } from './checks.js';
import type { Context } from './context.js';
import { refreshSessionFile } from './living-files.js';
import { loadSecretAllow } from './secret-allow-chunk.js';
import { currentSession } from './sessions.js';

export async function planFile(ctx: Context): Promise<WorktreeFile> {
  return { rel: (await ctx.config()).phases.path, what: 'phases.path' };
}

/** A plan file's text read as a plan, or the error that names its line and the way out. */
function parsed(file: WorktreeFile, text: string, warn: (m: string) => void): PhasePlan {
  if (ownedKind(text) !== 'phase-plan')
    throw userError(
      'not-git-session-file',
      `${file.what} '${file.rel}' is not git-session's phase plan (it has no git-session mark)`,
      `add this line at its top if it is: ${OWNED_LINES['phase-plan']}`,
    );
  try {
    const read = readPlan(text);
    if (read.unknown.length > 0)
      warn(`${file.rel}: unknown keys kept as they are: ${read.unknown.slice(0, 5).join(', ')}`);
    return read.plan;
  } catch (e) {
    if (e instanceof PlanFileError)
      throw userError(
        'bad-plan',
        `${file.rel}${e.line !== null ? `:${e.line}` : ''}: ${e.message}`,
        `fix the file (git diff ${file.rel} shows what changed), or restore it: git restore ${file.rel}`,
      );
    throw e;
  }
}

/** The plan of this work tree (an empty one when there is no file yet). */
export async function readPhasePlan(ctx: Context): Promise<{ file: WorktreeFile; plan: PhasePlan }> {
  const file = await planFile(ctx);
  let read: { text: string } | null;
  try {
    read = readWorktreeText(ctx.repo, file, { maxBytes: MAX_PLAN_BYTES });
  } catch (e) {
    if ((e as { code?: string }).code === 'file-too-large')
      throw userError(
        'bad-plan',
        `${file.rel}: it is larger than ${MAX_PLAN_BYTES / 1024} KiB`,
        `shorten it, or move ${file.rel} away`,
      );
    throw e;
  }
  return { file, plan: read === null ? { phases: [] } : parsed(file, read.text, ctx.warn) };
}

/** The plan, or null when there is none or it cannot be read (for what only shows it). */
export async function phasePlanIfAny(ctx: Context): Promise<PhasePlan | null> {
  try {
    const { plan } = await readPhasePlan(ctx);
    return plan.phases.length > 0 ? plan : null;
  } catch {
    return null;
  }
}

/** A text the plan was about to take holds a secret: nothing was written. */
class SecretInPlan extends Error {
  constructor(readonly hit: SecretHit) {
    super('a secret in the phase plan');
  }
}

/**
 * Decide on the plan as the file holds it now and write the result back, under the store lock.
 * Returns what the decision returned. The plan is tracked (pushed with the code), so every text a
 * write adds is checked for secrets first, whatever command decided it — as every event is
 * (app/mutate.ts). The allow list's matcher is loaded only once a rule found something.
 */
export async function changePlan<R>(
  ctx: Context,
  decide: (plan: PhasePlan) => PlanOutcome<R>,
): Promise<{ plan: PhasePlan; result: R; file: WorktreeFile }> {
  let allow: SecretAllow | undefined;
  for (;;) {
    try {
      return await writeDecidedPlan(ctx, decide, allow);
    } catch (e) {
      if (!(e instanceof SecretInPlan)) throw e;
      const patterns = (await ctx.config()).secrets.allow;
      if (allow === undefined && patterns.length > 0) {
        allow = (await loadSecretAllow()).compileAllow(patterns);
        continue;
      }
      const refusal = secretRefusal(e.hit, 'written to the phase plan');
      throw userError(refusal.code, refusal.message, refusal.hint);
    }
  }
}

async function writeDecidedPlan<R>(
  ctx: Context,
  decide: (plan: PhasePlan) => PlanOutcome<R>,
  allow: SecretAllow | undefined,
): Promise<{ plan: PhasePlan; result: R; file: WorktreeFile }> {
  const file = await planFile(ctx);
  let outcome: { plan: PhasePlan; result: R } | null = null;
  ctx.store.lock(() => {
    editOwnedFile(
      ctx.repo,
      file,
      'phase-plan',
      (current) => {
        const plan = current === null ? { phases: [] } : parsed(file, current, ctx.warn);
        const decided = decide(plan);
        if (decided.refused) throw userError(decided.code, decided.message, decided.hint);
        const hit = findSecret(newPlanTexts(plan, decided.plan), allow);
        if (hit) throw new SecretInPlan(hit);
        outcome = decided;
        return writePlan(current, decided.plan);
      },
      MAX_PLAN_BYTES,
    );
  });
  const done = outcome as { plan: PhasePlan; result: R } | null;
  if (done === null) throw new Error('the plan was not decided on');
  await refreshSessionFile(ctx);
  return { ...done, file };
}

export interface PhaseCompletion {
  number: number;
  plan: PhasePlan;
  runs: RanCheck[];
  failed: number[];
}

/**
 * `phase complete N`: the phase's checks run (approved ones; `--approve` for others), their
 * results are written to the plan, and the phase completes when every one passed.
 */
export async function completePhase(ctx: Context, ref: string, o: RunOptions): Promise<PhaseCompletion> {
  const { plan } = await readPhasePlan(ctx);
  const found = findPhase(plan, ref);
  if ('refused' in found) throw userError(found.code, found.message, found.hint);
  const { number, phase } = found;
  const refused = refuseCompletion(number, phase);
  if (refused) throw userError(refused.code, refused.message, refused.hint);
  const withCheck = phase.criteria.map((c, index) => ({ c, index })).filter((x) => x.c.check !== null);
  const ran = await runChecks(
    ctx,
    withCheck.map((x) => ({ key: `phase ${number}, criterion ${x.index + 1}`, check: x.c.check! })),
    o,
  );
  const runs: PhaseCheckRun[] = ran.map((r, i) => ({ index: withCheck[i]!.index, ...checkResult(r) }));
  const commit = ran[0]?.commit ?? null;
  const now = ctx.now();
  const written = await changePlan(ctx, (current) => {
    const again = findPhase(current, String(number));
    if ('refused' in again) return again;
    const decided = decidePhaseComplete(current, number, runs, now, commit ?? null);
    return { plan: decided.plan, result: decided.failed };
  });
  const failed = written.result;
  const after = written.plan.phases[number - 1];
  if (failed.length === 0 && after?.status === 'complete')
    await journalInSession(ctx, `Phase ${phaseLabel(number, after)} complete`);
  return { number, plan: written.plan, runs: ran, failed };
}

/** What happened to the plan, in the journal of the session of the branch (when there is one). */
async function journalInSession(ctx: Context, text: string): Promise<void> {
  const { loaded } = currentSession(ctx);
  if (!loaded || !isOpen(loaded.state)) return;
  await change(ctx, loaded.state.id, () => accept([{ type: 'journal.added', kind: 'progress', text }], null));
}
