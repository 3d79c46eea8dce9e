// Acceptance criteria: added (with the check that verifies them, or none), removed, confirmed by
// hand, and the results of `verify` recorded. Running a check is the app layer's (it takes time and
// a process); what a run found is decided here like any other change. Pure.

import type { CheckResult } from '../../model/check-run.js';
import type { EventPayload } from '../../model/events.js';
import type { Criterion } from '../criteria.js';
import type { SessionState } from '../fold.js';
import { findItemRef } from '../item-ref.js';
import { shortIds } from '../short-ids.js';
import { accept, type Outcome, type Refusal, refusalOf, refuse } from './outcome.js';

/** The criterion `ref` names: its number in the list, its id, a unique prefix of it, or its exact text. */
export function findCriterion(s: SessionState, ref: string): Criterion | Refusal {
  return refusalOf(() => findItemRef(s.criteria, ref, 'criterion', { byText: true }));
}

export function decideRemoveCriterion(s: SessionState, ref: string): Outcome<Criterion> {
  const c = findCriterion(s, ref);
  if ('refused' in c) return c;
  return accept([{ type: 'criterion.removed', criterion: c.id }], c);
}

/**
 * A criterion without a check is confirmed by whoever says it holds (at the commit checked out).
 * One with a check is confirmed only by running it.
 */
export function decideConfirm(s: SessionState, ref: string, commit: string | null): Outcome<Criterion> {
  const c = findCriterion(s, ref);
  if ('refused' in c) return c;
  const short = shortIds(s)(c.id);
  if (c.check !== null)
    return refuse(
      'has-check',
      `${short} is verified by its check, not by hand`,
      `run it: git session verify ${short} (or remove the criterion and add it without --check)`,
    );
  return accept(
    [
      {
        type: 'criterion.verified',
        criterion: c.id,
        result: 'passed',
        manual: true,
        ...(commit !== null ? { commit } : {}),
      },
    ],
    c,
  );
}

/** What one run of a check found (app/verify.ts runs it). */
export interface CheckRun extends CheckResult {
  criterion: string;
  output: string;
}

/**
 * The runs' results, recorded. A criterion removed (or its check replaced) while its check ran
 * gets nothing: the run verified something that is no longer asked. Result: the criteria recorded.
 */
export function decideVerified(s: SessionState, runs: readonly CheckRun[]): Outcome<string[]> {
  const events: EventPayload[] = [];
  const recorded: string[] = [];
  for (const r of runs) {
    const c = s.criteria.find((x) => x.id === r.criterion);
    if (!c || c.check !== r.check) continue;
    recorded.push(c.id);
    events.push({
      type: 'criterion.verified',
      criterion: c.id,
      result: r.passed ? 'passed' : 'failed',
      ...(r.exitCode !== null ? { exitCode: r.exitCode } : {}),
      ...(r.signal !== null ? { signal: r.signal } : {}),
      ...(r.timedOut ? { timedOut: true } : {}),
      durationMs: r.durationMs,
      ...(r.commit !== null ? { commit: r.commit } : {}),
      ...(r.output !== '' ? { output: r.output } : {}),
      verifiedAt: r.at,
    });
  }
  return accept(events, recorded);
}
