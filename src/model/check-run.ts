// What a run of a criterion's check (or a confirmation by hand) states about itself, as the
// records that carry it — a `Session-Criteria:` line, a phase file's criterion — hold it: one shape,
// so a fact added to a run reaches every record of it.

export interface CheckRunFacts {
  exitCode: number | null;
  /** The signal that ended the check (a timeout kills it), when one did. */
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
  /** When it ran (shown, never compared). */
  at: string | null;
  /** HEAD when it ran: what was verified. */
  commit: string | null;
}

/** The facts of `run`, without whatever else its record holds. */
export function checkRunFacts(run: CheckRunFacts): CheckRunFacts {
  return {
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    at: run.at,
    commit: run.commit,
  };
}

/** What one run of a check found, as both records of runs (a criterion's, a phase's) take it in. */
export interface CheckResult {
  /** The check as it ran: a record whose check changed meanwhile is not given this result. */
  check: string;
  passed: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** When it started. */
  at: string;
  /** HEAD when it ran. */
  commit: string | null;
}

/** The result of `run`, without whatever else the runner reported (its output, its key). */
export function checkResult(run: CheckResult): CheckResult {
  return {
    check: run.check,
    passed: run.passed,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    at: run.at,
    commit: run.commit,
  };
}
