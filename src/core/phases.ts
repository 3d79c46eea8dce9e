// Phases spanning sessions (issue 11.2, seed 004): units of work with verification criteria — the
// plan of the repository, not of one session. Each phase is pending, in progress (in a stage:
// implementation, verification, debugging) or complete; its criteria are texts, each verified by a
// check (a line of shell) or, without one, by whoever completes the phase. The plan lives in a
// tracked file (codec/phase-file.ts, docs/phases.md): every session on a branch reads the same plan,
// it merges with the code, and a clone has it with the checkout. Decisions here are pure: each
// takes the plan and returns the plan it becomes, or a refusal.

import { type CheckResult, checkRunFacts } from '../model/check-run.js';
import {
  MAX_PHASE_CRITERIA,
  MAX_PHASE_NAME,
  MAX_PHASES,
  newCriterion,
  type Phase,
  type PhaseCriterion,
  type PhasePlan,
  type PhaseStage,
  type PhaseStatus,
} from '../model/phases.js';
import { type Refusal, refuse } from './decide/outcome.js';

export type { Phase, PhaseCriterion, PhasePlan, PhaseStage, PhaseStatus };

/** `Phase 3 - Tasks API`: how checkpoints and SESSION.md name a phase (seed 004). */
export const phaseLabel = (n: number, p: Phase): string => `${n} - ${p.name}`;

/** Seed 004's words for a status and a stage. */
export const STATUS_WORDS: Record<PhaseStatus, string> = {
  pending: 'Pending',
  'in-progress': 'In Progress',
  complete: 'Complete',
};
export const stageWord = (stage: PhaseStage): string => stage[0]!.toUpperCase() + stage.slice(1);

/** The phase being worked on: the first in progress (null when none is). */
export function currentPhase(plan: PhasePlan): { number: number; phase: Phase } | null {
  const i = plan.phases.findIndex((p) => p.status === 'in-progress');
  return i < 0 ? null : { number: i + 1, phase: plan.phases[i]! };
}

/** A criterion's status as the session criteria have it. */
export const criterionStatus = (c: PhaseCriterion): 'unverified' | 'passed' | 'failed' => c.result ?? 'unverified';

/** The phase `ref` names: its number (`3`, `#3`), or its name (case aside). */
export function findPhase(plan: PhasePlan, ref: string): { number: number; phase: Phase } | Refusal {
  const t = ref.trim();
  const m = /^#?(\d{1,6})$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    const phase = plan.phases[n - 1];
    if (phase) return { number: n, phase };
    return refuse(
      'unknown-phase',
      plan.phases.length === 0 ? 'there are no phases yet' : `no phase ${n}: the plan has ${plan.phases.length}`,
      plan.phases.length === 0 ? 'add one: git session phase add "Setup"' : 'list them: git session phase list',
    );
  }
  const byName = plan.phases.findIndex((p) => p.name.toLowerCase() === t.toLowerCase());
  if (byName >= 0) return { number: byName + 1, phase: plan.phases[byName]! };
  return refuse('unknown-phase', `no phase named '${t.slice(0, 80)}'`, 'name it by number: git session phase list');
}

/** What a decision about the plan returns: the plan it becomes, or why nothing changes. */
export type PlanOutcome<R> = { refused?: undefined; plan: PhasePlan; result: R } | Refusal;

const planned = <R>(plan: PhasePlan, result: R): PlanOutcome<R> => ({ plan, result });

function replaced(plan: PhasePlan, n: number, phase: Phase): PhasePlan {
  return { phases: plan.phases.map((p, i) => (i === n - 1 ? phase : p)) };
}

export interface PhaseAddRequest {
  name: string;
  criteria: readonly string[];
  checks: readonly string[];
}

/** A new phase at the end of the plan, pending. Result: its number. */
export function decidePhaseAdd(plan: PhasePlan, r: PhaseAddRequest): PlanOutcome<number> {
  const name = r.name.trim();
  if (/[\r\n]/.test(name) || name.length > MAX_PHASE_NAME)
    return refuse('bad-name', `a phase name is one line of at most ${MAX_PHASE_NAME} characters`, 'shorten it');
  if (/^#?\d+$/.test(name))
    return refuse('bad-name', `'${name}' would read as a phase number`, 'give the phase a name in words');
  const taken = plan.phases.findIndex((p) => p.name.toLowerCase() === name.toLowerCase());
  if (taken >= 0) return refuse('phase-exists', `phase ${taken + 1} is named '${name}' already`, 'choose another name');
  if (plan.phases.length >= MAX_PHASES) return refuse('too-many-phases', `a plan holds at most ${MAX_PHASES} phases`);
  const criteria = [...r.criteria.map((t) => newCriterion(t, null)), ...r.checks.map((c) => newCriterion(c, c))];
  if (criteria.length > MAX_PHASE_CRITERIA)
    return refuse('too-many-criteria', `a phase has at most ${MAX_PHASE_CRITERIA} criteria`);
  const phase: Phase = {
    name,
    status: 'pending',
    stage: null,
    started: null,
    completed: null,
    commit: null,
    criteria,
  };
  return planned({ phases: [...plan.phases, phase] }, plan.phases.length + 1);
}

/** A phase is started (a complete one opened again), in its implementation stage. */
export function decidePhaseStart(
  plan: PhasePlan,
  ref: string,
  now: string,
): PlanOutcome<{ number: number; was: PhaseStatus }> {
  const found = findPhase(plan, ref);
  if ('refused' in found) return found;
  const { number, phase } = found;
  if (phase.status === 'in-progress') return planned(plan, { number, was: phase.status });
  const started: Phase = {
    ...phase,
    status: 'in-progress',
    stage: 'implementation',
    started: phase.status === 'pending' || phase.started === null ? now : phase.started,
    completed: null,
    commit: null,
  };
  return planned(replaced(plan, number, started), { number, was: phase.status });
}

/** The stage of the phase in progress (or the one named). */
export function decidePhaseStage(
  plan: PhasePlan,
  stage: PhaseStage,
  ref: string | undefined,
): PlanOutcome<{ number: number; was: PhaseStage | null }> {
  let target: { number: number; phase: Phase };
  if (ref !== undefined) {
    const found = findPhase(plan, ref);
    if ('refused' in found) return found;
    target = found;
  } else {
    const open = plan.phases
      .map((p, i) => ({ number: i + 1, phase: p }))
      .filter((x) => x.phase.status === 'in-progress');
    if (open.length === 0)
      return refuse('no-current-phase', 'no phase is in progress', 'start one: git session phase start <number>');
    if (open.length > 1)
      return refuse(
        'ambiguous',
        `phases ${open.map((x) => x.number).join(', ')} are in progress`,
        `name one: git session phase stage ${stage} --phase <number>`,
      );
    target = open[0]!;
  }
  const { number, phase } = target;
  if (phase.status !== 'in-progress')
    return refuse(
      'phase-not-in-progress',
      `phase ${number} is ${phase.status}: only a phase in progress has a stage`,
      `start it: git session phase start ${number}`,
    );
  return planned(replaced(plan, number, { ...phase, stage }), { number, was: phase.stage });
}

/**
 * Why `phase complete` must not run the phase's checks at all: a phase complete already, or one never
 * started. A pending phase named for completion is most likely the wrong number (phase 3 while 2 is
 * in progress), and completing it would invent a start time; as git refuses `rebase --continue`
 * with no rebase under way, it is refused, and the hint gives the two commands that say what is meant.
 */
export function refuseCompletion(number: number, phase: Phase): Refusal | null {
  if (phase.status === 'complete')
    return refuse(
      'already-complete',
      `phase ${number} (${phase.name}) is complete already`,
      `to work on it again: git session phase start ${number}`,
    );
  if (phase.status === 'pending')
    return refuse(
      'phase-not-started',
      `phase ${number} (${phase.name}) was never started`,
      `start it first: git session phase start ${number} && git session phase complete ${number}`,
    );
  return null;
}

/** What one run of a phase's check found (app/checks.ts runs it). */
export interface PhaseCheckRun extends CheckResult {
  /** The criterion's place in the phase. */
  index: number;
}

/**
 * `phase complete N` after its checks ran: each result recorded; when one failed, the phase stays
 * as it was otherwise (refused, but the results are kept: they are facts). When all passed, the
 * criteria without a check are confirmed by whoever completes it, and the phase is complete.
 */
export function decidePhaseComplete(
  plan: PhasePlan,
  number: number,
  runs: readonly PhaseCheckRun[],
  now: string,
  commit: string | null,
): { plan: PhasePlan; failed: number[] } {
  const phase = plan.phases[number - 1];
  if (!phase) return { plan, failed: [] };
  const criteria = phase.criteria.map((c) => ({ ...c }));
  const failed: number[] = [];
  for (const r of runs) {
    const c = criteria[r.index];
    // The plan changed while the check ran (a hand edit, a pull): that result belongs to nothing.
    if (!c || c.check !== r.check) continue;
    Object.assign(c, {
      result: r.passed ? 'passed' : 'failed',
      by: 'check',
      ...checkRunFacts(r),
    } satisfies Partial<PhaseCriterion>);
    if (!r.passed) failed.push(r.index);
  }
  if (failed.length > 0 || criteria.some((c) => c.check !== null && c.result !== 'passed'))
    return { plan: replaced(plan, number, { ...phase, criteria }), failed };
  for (const c of criteria)
    if (c.check === null && c.result !== 'passed')
      Object.assign(c, { ...newCriterion(c.text, null), result: 'passed', by: 'hand', at: now, commit });
  return {
    plan: replaced(plan, number, {
      ...phase,
      status: 'complete',
      stage: null,
      started: phase.started ?? now,
      completed: now,
      commit,
      criteria,
    }),
    failed,
  };
}

/** A text of the plan, labelled as a secret refusal names it ("phase criterion of 'Build'"). */
export interface PlanText {
  label: string;
  text: string;
}

/**
 * The texts `after` holds that `before` did not: what a write of the plan would put in the tracked
 * file (phase names, criteria, check commands). What the file held already is left to the hand that
 * wrote it, so a phase started or completed is never refused for an older line.
 */
export function newPlanTexts(before: PhasePlan, after: PhasePlan): PlanText[] {
  const known = new Set<string>();
  for (const p of before.phases) {
    known.add(p.name);
    for (const c of p.criteria) {
      known.add(c.text);
      if (c.check !== null) known.add(c.check);
    }
  }
  const out: PlanText[] = [];
  const add = (label: string, text: string): void => {
    if (known.has(text)) return;
    known.add(text);
    out.push({ label, text });
  };
  for (const p of after.phases) {
    add('phase name', p.name);
    for (const c of p.criteria) {
      add(`phase criterion of '${p.name.slice(0, 80)}'`, c.text);
      if (c.check !== null) add(`phase check of '${p.name.slice(0, 80)}'`, c.check);
    }
  }
  return out;
}
