// Acceptance criteria of a session (issue 11.1): what must hold before the session can end. A
// criterion is confirmed by running its check — one line of shell, run by `git session verify` in
// the repository root — or, without one, by hand. Its status is the result of the latest run (or
// confirmation) in clock order: a later failure undoes an earlier pass. Pure.

import type { CriterionResult } from '../model/events.js';

export type CriterionStatus = 'unverified' | CriterionResult;

/** One run of a check, or a confirmation by hand. */
export interface CriterionRun {
  result: CriterionResult;
  /** Confirmed by hand (`criteria confirm`), not by running a check. */
  manual: boolean;
  exitCode: number | null;
  /** The signal that ended the check (a timeout kills it), when one did. */
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
  /** HEAD when it ran: what was verified. */
  commit: string | null;
  /** The tail of what the check printed (on the clone that ran it; history does not carry it). */
  output: string | null;
  at: string;
  author: string;
}

export interface Criterion {
  id: string;
  text: string;
  /** The line of shell that verifies it; null: confirmed by hand. */
  check: string | null;
  status: CriterionStatus;
  createdAt: string;
  /** The latest run or confirmation (null while unverified). */
  last: CriterionRun | null;
}

/** What the brief, the handoff and SESSION.md show of a criterion. */
export interface CriterionLine {
  id: string;
  text: string;
  check: string | null;
  status: CriterionStatus;
  exitCode: number | null;
  timedOut: boolean;
  at: string | null;
}

/** A criterion as the Markdown documents show it. */
export function criterionLine(c: Criterion): CriterionLine {
  return {
    id: c.id,
    text: c.text,
    check: c.check,
    status: c.status,
    exitCode: c.last?.exitCode ?? null,
    timedOut: c.last?.timedOut ?? false,
    at: c.last?.at ?? null,
  };
}

/** `end --force`: the session ended with these criteria not met, and why. */
export interface CriteriaOverride {
  reason: string;
  unmet: string[];
  at: string;
  author: string;
}

/** The criteria that keep a session from ending: failed, or never verified. */
export function unmetCriteria<T extends { status: CriterionStatus }>(criteria: readonly T[]): T[] {
  return criteria.filter((c) => c.status !== 'passed');
}

/** `2 failed, 1 unverified`, for one line of text. */
export function describeUnmet(criteria: readonly { status: CriterionStatus }[]): string {
  const failed = criteria.filter((c) => c.status === 'failed').length;
  const unverified = criteria.filter((c) => c.status === 'unverified').length;
  return [failed > 0 ? `${failed} failed` : '', unverified > 0 ? `${unverified} unverified` : '']
    .filter(Boolean)
    .join(', ');
}

/** A criterion's status as the fold leaves it after a run. */
export function statusAfter(run: CriterionRun | null): CriterionStatus {
  return run === null ? 'unverified' : run.result;
}
