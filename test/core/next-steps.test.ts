import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/fold.js';
import { isOpenNextStep, openNextSteps } from '../../src/core/next-steps.js';

let n = 0;
const entry = (kind: JournalEntry['kind'], text: string): JournalEntry => ({
  id: `e${++n}`,
  kind,
  text,
  at: new Date(Date.UTC(2026, 0, 5, 10, n)).toISOString(),
  author: 'dev@example.com',
  commit: null,
});

describe('open next steps', () => {
  it('are the next entries newest first, without finished ones and repeats', () => {
    const log = [
      entry('next', 'Write the parser'),
      entry('progress', 'Lexer done'),
      entry('next', 'Wire the CLI'),
      entry('done', '  write THE parser '),
      entry('next', 'Wire the CLI'),
      entry('next', 'Add docs'),
    ];
    expect(openNextSteps(log)).toEqual(['Add docs', 'Wire the CLI']);
    expect(isOpenNextStep(log, 'wire the cli')).toBe(true);
    expect(isOpenNextStep(log, 'Write the parser')).toBe(false);
  });

  it('a step logged again after it was done is open again', () => {
    const log = [entry('next', 'Deploy'), entry('done', 'Deploy'), entry('next', 'Deploy')];
    expect(openNextSteps(log)).toEqual(['Deploy']);
  });
});

describe('next steps tied to an objective', () => {
  const objective = (id: string, text: string, completedAt: string | null) => ({
    id,
    text,
    status: completedAt ? ('done' as const) : ('open' as const),
    completedAt,
  });

  it('leave when the objective with the same text, or named by id, is completed after them', () => {
    const log = [
      entry('next', 'Login form'),
      entry('next', 'obj-k3m9: write its tests'),
      entry('next', 'Docs for OBJ-K3M9AB'),
      entry('next', 'Unrelated step mentioning obj-zzzz'),
      entry('next', 'Tests for the login form'),
    ];
    const later = new Date(Date.UTC(2026, 0, 6)).toISOString();
    expect(openNextSteps(log, [objective('obj-k3m9ab', 'login  FORM', later)])).toEqual([
      'Tests for the login form',
      'Unrelated step mentioning obj-zzzz',
    ]);
    // Still open: nothing leaves.
    expect(openNextSteps(log, [objective('obj-k3m9ab', 'Login form', null)])).toHaveLength(5);
  });

  it('a step written after the objective was completed is new work and stays', () => {
    const earlier = new Date(Date.UTC(2026, 0, 1)).toISOString();
    const log = [entry('next', 'obj-k3m9 follow-up: announce it')];
    expect(openNextSteps(log, [objective('obj-k3m9', 'Login form', earlier)])).toEqual([
      'obj-k3m9 follow-up: announce it',
    ]);
  });

  it('a three-character mention is too short to tie', () => {
    const later = new Date(Date.UTC(2026, 0, 6)).toISOString();
    expect(openNextSteps([entry('next', 'see obj-k3m')], [objective('obj-k3m9', 'x', later)])).toEqual(['see obj-k3m']);
  });
});
