import { describe, expect, it } from 'vitest';
import { parseWeek, weekOf } from '../../src/analytics/week.js';
import { parseSince } from '../../src/core/dates.js';

describe('ISO weeks (UTC)', () => {
  it('parses a week to its Monday-to-Monday range', () => {
    expect(parseWeek('2026-W02')).toEqual({
      label: '2026-W02',
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-12T00:00:00.000Z',
    });
    // 2026-W01 starts in 2025: the week holding 4 January.
    expect(parseWeek('2026w1')?.from).toBe('2025-12-29T00:00:00.000Z');
    // 2020 has 53 weeks, 2021 has 52.
    expect(parseWeek('2020-W53')?.from).toBe('2020-12-28T00:00:00.000Z');
    expect(parseWeek('2021-W53')).toBeNull();
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-13')).toBeNull();
  });

  it('finds the week of an instant, across year ends', () => {
    expect(weekOf('2026-01-11T23:59:59.999Z').label).toBe('2026-W02');
    expect(weekOf('2026-01-12T00:00:00.000Z').label).toBe('2026-W03');
    expect(weekOf('2025-12-31T12:00:00Z').label).toBe('2026-W01');
    expect(weekOf('2021-01-03T12:00:00Z').label).toBe('2020-W53');
    expect(weekOf('2024-12-30T00:00:00Z').label).toBe('2025-W01');
  });

  it('agrees with parseWeek for every week of several years', () => {
    for (const year of [2020, 2021, 2026, 2027])
      for (let w = 1; w <= 52; w++) {
        const label = `${year}-W${String(w).padStart(2, '0')}`;
        const week = parseWeek(label)!;
        expect(weekOf(week.from).label).toBe(label);
        expect(weekOf(new Date(Date.parse(week.to) - 1).toISOString()).label).toBe(label);
      }
  });
});

describe('dates on the command line', () => {
  it('refuses weeks of years that Date cannot hold as written', () => {
    expect(parseWeek('0000-W01')).toBeNull();
    expect(parseWeek('0099-W10')).toBeNull();
    expect(parseWeek('9999-W52')).toBeNull();
    expect(parseWeek('2026-W47')?.label).toBe('2026-W47');
  });

  it('--since reads UTC dates and zoned times only, and no rolled-over day', () => {
    expect(parseSince('2026-11-03')).toBe('2026-11-03T00:00:00.000Z');
    expect(parseSince('2026-11-03T10:31+09:00')).toBe('2026-11-03T01:31:00.000Z');
    for (const bad of ['2026-02-30', '2026-11-03T10:31', 'yesterday', '2026-13-01'])
      expect(() => parseSince(bad), bad).toThrow(/is not a date/);
  });
});
