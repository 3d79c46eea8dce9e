// The phase plan's decisions (issue 11.2), pure: the plan in, the plan it becomes or a refusal out.

import { describe, expect, it } from 'vitest';
import {
  decidePhaseAdd,
  decidePhaseComplete,
  decidePhaseStage,
  decidePhaseStart,
  newPlanTexts,
  type PhaseCheckRun,
  type PhasePlan,
  refuseCompletion,
} from '../../src/core/phases.js';

const T0 = '2026-01-05T09:00:00.000Z';
const T1 = '2026-01-05T10:00:00.000Z';
const SHA = 'a'.repeat(40);

function planned<R>(o: { refused?: true; plan?: PhasePlan; result?: R }): { plan: PhasePlan; result: R } {
  if (o.refused) throw new Error(`refused: ${JSON.stringify(o)}`);
  return o as { plan: PhasePlan; result: R };
}

const empty: PhasePlan = { phases: [] };
const two = planned(
  decidePhaseAdd(planned(decidePhaseAdd(empty, { name: 'Setup', criteria: ['builds'], checks: ['true'] })).plan, {
    name: 'API',
    criteria: [],
    checks: ['npm test', 'npm run lint'],
  }),
).plan;

const run = (index: number, check: string, passed: boolean): PhaseCheckRun => ({
  index,
  check,
  passed,
  exitCode: passed ? 0 : 1,
  signal: null,
  timedOut: false,
  durationMs: 5,
  at: T1,
  commit: SHA,
});

describe('phase add', () => {
  it('appends a pending phase with its criteria, texts first, then checks', () => {
    expect(two.phases.map((p) => [p.name, p.status, p.criteria.map((c) => [c.text, c.check])])).toEqual([
      [
        'Setup',
        'pending',
        [
          ['builds', null],
          ['true', 'true'],
        ],
      ],
      [
        'API',
        'pending',
        [
          ['npm test', 'npm test'],
          ['npm run lint', 'npm run lint'],
        ],
      ],
    ]);
  });

  it.each([
    ['a number', '3', 'bad-name'],
    ['#3', '#3', 'bad-name'],
    ['two lines', 'a\nb', 'bad-name'],
    ['a taken name, case aside', 'setup', 'phase-exists'],
    ['201 characters', 'x'.repeat(201), 'bad-name'],
  ])('refuses %s', (_what, name, code) => {
    expect(decidePhaseAdd(two, { name, criteria: [], checks: [] })).toMatchObject({ refused: true, code });
  });
});

describe('phase start and stage', () => {
  it('starts a phase in implementation; a stage applies to the one in progress', () => {
    const started = planned(decidePhaseStart(two, 'api', T0));
    expect(started.result).toEqual({ number: 2, was: 'pending' });
    expect(started.plan.phases[1]).toMatchObject({ status: 'in-progress', stage: 'implementation', started: T0 });
    const staged = planned(decidePhaseStage(started.plan, 'debugging', undefined));
    expect(staged.plan.phases[1]!.stage).toBe('debugging');
  });

  it('refuses a stage with no phase in progress, or two', () => {
    expect(decidePhaseStage(two, 'verification', undefined)).toMatchObject({ code: 'no-current-phase' });
    const both = planned(decidePhaseStart(planned(decidePhaseStart(two, '1', T0)).plan, '2', T0)).plan;
    expect(decidePhaseStage(both, 'verification', undefined)).toMatchObject({ code: 'ambiguous' });
    expect(planned(decidePhaseStage(both, 'verification', '2')).plan.phases[1]!.stage).toBe('verification');
    expect(decidePhaseStart(two, '9', T0)).toMatchObject({ code: 'unknown-phase' });
  });
});

describe('phase complete', () => {
  const started = planned(decidePhaseStart(two, '2', T0)).plan;

  it('records a failing check and leaves the phase in progress', () => {
    const r = decidePhaseComplete(started, 2, [run(0, 'npm test', true), run(1, 'npm run lint', false)], T1, SHA);
    expect(r.failed).toEqual([1]);
    expect(r.plan.phases[1]).toMatchObject({ status: 'in-progress', completed: null });
    expect(r.plan.phases[1]!.criteria.map((c) => c.result)).toEqual(['passed', 'failed']);
  });

  it('completes when every check passed, confirming the criteria in words by hand', () => {
    const setup = planned(decidePhaseStart(two, '1', T0)).plan;
    const r = decidePhaseComplete(setup, 1, [run(1, 'true', true)], T1, SHA);
    expect(r.failed).toEqual([]);
    expect(r.plan.phases[0]).toMatchObject({ status: 'complete', stage: null, completed: T1, commit: SHA });
    expect(r.plan.phases[0]!.criteria.map((c) => [c.result, c.by])).toEqual([
      ['passed', 'hand'],
      ['passed', 'check'],
    ]);
  });

  it('ignores a result for a check the plan no longer has (edited while it ran): not complete', () => {
    const r = decidePhaseComplete(started, 2, [run(0, 'npm test', true), run(1, 'make lint', true)], T1, SHA);
    expect(r.plan.phases[1]!.status).toBe('in-progress');
    expect(r.plan.phases[1]!.criteria[1]!.result).toBeNull();
  });

  it('refuses to complete a phase never started or complete already; one in progress may be', () => {
    expect(refuseCompletion(2, two.phases[1]!)).toMatchObject({ refused: true, code: 'phase-not-started' });
    const started = planned(decidePhaseStart(two, '2', T0)).plan;
    expect(refuseCompletion(2, started.phases[1]!)).toBeNull();
    const done = decidePhaseComplete(started, 2, [run(0, 'npm test', true), run(1, 'npm run lint', true)], T1, SHA);
    expect(refuseCompletion(2, done.plan.phases[1]!)).toMatchObject({ code: 'already-complete' });
  });
});

describe('newPlanTexts (what a write adds to the tracked plan, for the secret check)', () => {
  it('lists the new phase name, criteria and checks, labelled, and nothing the plan held already', () => {
    const added = planned(
      decidePhaseAdd(two, { name: 'Deploy', criteria: ['is live'], checks: ['curl -f localhost'] }),
    ).plan;
    expect(newPlanTexts(two, added)).toEqual([
      { label: 'phase name', text: 'Deploy' },
      { label: "phase criterion of 'Deploy'", text: 'is live' },
      { label: "phase criterion of 'Deploy'", text: 'curl -f localhost' },
    ]);
    expect(newPlanTexts(empty, two).map((t) => t.text)).toEqual([
      'Setup',
      'builds',
      'true',
      'API',
      'npm test',
      'npm run lint',
    ]);
  });

  it('a start, a stage or a completion adds no text', () => {
    const started = planned(decidePhaseStart(two, '2', T0)).plan;
    expect(newPlanTexts(two, started)).toEqual([]);
    const done = decidePhaseComplete(started, 2, [run(0, 'npm test', true), run(1, 'npm run lint', true)], T1, SHA);
    expect(newPlanTexts(started, done.plan)).toEqual([]);
  });

  it('a check that differs from its criterion text is listed as a check', () => {
    const hand: PhasePlan = {
      phases: [{ ...two.phases[0]!, criteria: [{ ...two.phases[0]!.criteria[0]!, check: 'make' }] }],
    };
    expect(newPlanTexts(empty, hand)).toContainEqual({ label: "phase check of 'Setup'", text: 'make' });
  });
});
