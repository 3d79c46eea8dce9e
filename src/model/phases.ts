// The phase plan's shape (core/phases.ts decides on it, codec/phase-file.ts reads and writes the
// tracked file): phases, their stages, and their criteria with the latest verification. Types
// and limits only.

import type { CheckRunFacts } from './check-run.js';

export type PhaseStatus = 'pending' | 'in-progress' | 'complete';
export type PhaseStage = 'implementation' | 'verification' | 'debugging';
export const PHASE_STATUSES: readonly PhaseStatus[] = ['pending', 'in-progress', 'complete'];
export const PHASE_STAGES: readonly PhaseStage[] = ['implementation', 'verification', 'debugging'];

/** A phase's criterion, with its latest verification. */
export interface PhaseCriterion extends CheckRunFacts {
  text: string;
  check: string | null;
  result: 'passed' | 'failed' | null;
  /** `check`: its check ran; `hand`: confirmed by whoever completed the phase. */
  by: 'check' | 'hand' | null;
}

export interface Phase {
  name: string;
  status: PhaseStatus;
  stage: PhaseStage | null;
  started: string | null;
  completed: string | null;
  /** HEAD when it was completed. */
  commit: string | null;
  criteria: PhaseCriterion[];
}

export interface PhasePlan {
  phases: Phase[];
}

/** A phase has at most this many criteria, a plan at most this many phases (a hand-made file too). */
export const MAX_PHASES = 1000;
export const MAX_PHASE_CRITERIA = 100;
export const MAX_PHASE_NAME = 200;

export const newCriterion = (text: string, check: string | null): PhaseCriterion => ({
  text,
  check,
  result: null,
  by: null,
  exitCode: null,
  signal: null,
  timedOut: false,
  durationMs: null,
  at: null,
  commit: null,
});
