// A session's acceptance criteria from the command line: added (a check typed here is approved by
// typing it), removed, confirmed by hand, and verified — every check run in the repository root,
// its result recorded as an event and carried by the next commit (docs/trailers.md).

import type { Criterion } from '../core/criteria.js';
import {
  type CheckRun,
  decideConfirm,
  decideRemoveCriterion,
  decideVerified,
  findCriterion,
} from '../core/decide/criteria.js';
import { decideAdd } from '../core/decide/items.js';
import { redactSecrets, scanSecrets } from '../core/secrets.js';
import { shortIds } from '../core/short-ids.js';
import { checkResult } from '../model/check-run.js';
import { userError } from '../model/errors.js';
import { change } from './change.js';
import { approveTyped, type RanCheck, type RunOptions, runChecks } from './checks.js';
import type { Context } from './context.js';
import { headCommit } from './git-state.js';
import { requireSessionBranch } from './lifecycle.js';
import type { Mutation } from './mutate.js';
import type { Loaded } from './sessions.js';

export async function addCriteria(
  ctx: Context,
  sessionId: string,
  texts: readonly string[],
  check: string | undefined,
): Promise<Mutation<string[]>> {
  const m = await change(ctx, sessionId, (s) =>
    decideAdd(s, 'criterion', texts, check !== undefined ? { check } : {}, ctx.random),
  );
  if (check !== undefined) approveTyped(ctx, [check]);
  return m;
}

export const removeCriterion = (ctx: Context, sessionId: string, ref: string): Promise<Mutation<Criterion>> =>
  change(ctx, sessionId, (s) => decideRemoveCriterion(s, ref));

export const confirmCriterion = (ctx: Context, sessionId: string, ref: string): Promise<Mutation<Criterion>> => {
  const commit = headCommit(ctx);
  return change(ctx, sessionId, (s) => decideConfirm(s, ref, commit));
};

export interface Verification {
  loaded: Loaded;
  runs: (RanCheck & { criterion: Criterion })[];
  /** Criteria without a check that are not confirmed: only a person can say they hold. */
  byHand: Criterion[];
}

/**
 * Run the checks of the session's criteria (`refs`: only those; else every one with a check),
 * then record what each found. The session's branch must be the one checked out: its checks
 * verify the code here.
 */
export async function verifyCriteria(
  ctx: Context,
  target: Loaded,
  refs: readonly string[],
  o: RunOptions,
): Promise<Verification> {
  const s = target.state;
  requireSessionBranch(ctx, target, `verify runs the checks of '${s.name}' on its branch '${s.branch}'`);
  const chosen = refs.length === 0 ? s.criteria : refs.map((ref) => pick(s, ref));
  const withCheck = [...new Set(chosen)].filter((c) => c.check !== null);
  const byHand = [...new Set(chosen)].filter((c) => c.check === null && c.status !== 'passed');
  if (refs.length > 0 && withCheck.length === 0)
    throw userError(
      'no-check',
      `${refs.length === 1 ? 'that criterion has' : 'those criteria have'} no check to run`,
      'confirm it by hand: git session criteria confirm ID',
    );
  const short = shortIds(s);
  const ran = await runChecks(
    ctx,
    withCheck.map((c) => ({ key: short(c.id), check: c.check! })),
    o,
  );
  if (ran.length === 0) return { loaded: target, runs: [], byHand };
  const runs: CheckRun[] = ran.map((r, i) => ({
    criterion: withCheck[i]!.id,
    ...checkResult(r),
    // A check's output is what a program printed, not text anyone typed: a token in a test log is
    // hidden rather than refused, so the result is still recorded (the journal keeps the output;
    // the session refs leave it out, codec/sync-file.ts).
    output: redactSecrets(r.tail, scanSecrets(r.tail)),
  }));
  const m = await change(ctx, s.id, (state) => decideVerified(state, runs));
  const after = m.loaded.state;
  return {
    loaded: m.loaded,
    runs: ran.flatMap((r, i) => {
      const criterion = after.criteria.find((c) => c.id === withCheck[i]!.id);
      return criterion ? [{ ...r, criterion }] : [];
    }),
    byHand,
  };
}

function pick(s: Loaded['state'], ref: string): Criterion {
  const found = findCriterion(s, ref);
  if ('refused' in found) throw userError(found.code, found.message, found.hint);
  return found;
}
