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
