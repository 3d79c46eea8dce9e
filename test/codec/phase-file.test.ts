// The tracked plan file (codec/phase-file.ts): read as a stranger's file, written back in place.

import { describe, expect, it } from 'vitest';
import { OWNED_LINES } from '../../src/codec/owned-marker.js';
import { PlanFileError, readPlan, writePlan } from '../../src/codec/phase-file.js';
import { decidePhaseAdd, decidePhaseStart } from '../../src/core/phases.js';
import type { PhasePlan } from '../../src/model/phases.js';

const mark = `${OWNED_LINES['phase-plan']}\n`;

function added(plan: PhasePlan, name: string, checks: string[] = []): PhasePlan {
  const o = decidePhaseAdd(plan, { name, criteria: [], checks });
  if (o.refused) throw new Error(o.message);
  return o.plan;
}

describe('phase file', () => {
  it('writes a new file that reads back as the same plan', () => {
    const plan = added(added({ phases: [] }, 'Setup', ['npm test']), 'API: "v1"; #2');
    const text = writePlan(null, plan);
    expect(text.startsWith(mark)).toBe(true);
    expect(readPlan(text).plan).toEqual(plan);
  });

  it('changes only what changed: comments, order and unknown keys stay', () => {
    const source = `${mark}version: 1\n# our plan\nphases:\n  - name: Setup # the first\n    owner: ana\n    criteria:\n      - check: npm test\n`;
    const read = readPlan(source);
    expect(read.unknown).toEqual(["phase 1: 'owner'"]);
    const o = decidePhaseStart(read.plan, '1', '2026-01-05T09:00:00.000Z');
    if (o.refused) throw new Error(o.message);
    const text = writePlan(source, o.plan);
    expect(text).toContain('# our plan');
    expect(text).toContain('name: Setup # the first');
    expect(text).toContain('owner: ana');
    expect(text).toMatch(/owner: ana\n {4}status: in-progress\n {4}stage: implementation\n/);
    expect(readPlan(text).plan).toEqual(o.plan);
  });

  it.each([
    ['a check that is a number', `${mark}phases:\n  - name: A\n    criteria:\n      - check: 3\n`, 5],
    ['a phase without a name', `${mark}phases:\n  - status: pending\n`, 3],
    ['a version from the future', `${mark}version: 2\nphases: []\n`, 2],
    ['a commit that is not hex', `${mark}phases:\n  - name: A\n    commit: HEAD~1\n`, 4],
  ])('refuses %s, naming the line', (_what, text, line) => {
    let error: unknown;
    try {
      readPlan(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanFileError);
    expect((error as PlanFileError).line).toBe(line);
  });
});
