import { describe, expect, it } from 'vitest';
import { parseDateOption } from '../../src/core/dates.js';
import { dateOf } from '../../src/git/config.js';
import { run } from '../../src/git/run.js';

const NOW = '2026-11-20T12:00:00.000Z';
const nowMs = Date.parse(NOW);

describe('--since and --until', () => {
  it('ISO dates are midnight UTC and zoned times exact, without asking git', () => {
    const never = () => {
      throw new Error('git asked');
    };
    expect(parseDateOption('2026-11-03', '--since', NOW, never)).toBe('2026-11-03T00:00:00.000Z');
    expect(parseDateOption('2026-11-03T10:31+09:00', '--since', NOW, never)).toBe('2026-11-03T01:31:00.000Z');
    expect(() => parseDateOption('2026-02-30', '--since', NOW, never)).toThrow(/is not a date/);
    expect(() => parseDateOption('2026-11-03T10:31', '--since', NOW, never)).toThrow(/is not a date/);
  });

  it('what git reads: yesterday, 2.weeks.ago, last monday — relative to git-session’s clock', () => {
    const viaGit = (t: string) => run({ top: process.cwd() }, dateOf(t, nowMs));
    expect(parseDateOption('yesterday', '--since', NOW, viaGit)).toBe('2026-11-19T12:00:00.000Z');
    expect(parseDateOption('2.weeks.ago', '--until', NOW, viaGit)).toBe('2026-11-06T12:00:00.000Z');
    expect(parseDateOption('now', '--until', NOW, viaGit)).toBe(NOW);
    expect(() => parseDateOption('the day after', '--since', NOW, viaGit)).toThrow(
      "--since 'the day after' is not a date",
    );
    expect(() => parseDateOption('never', '--since', NOW, viaGit)).toThrow(/is not a date/);
  });
});
