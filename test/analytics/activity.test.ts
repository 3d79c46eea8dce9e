import { describe, expect, it } from 'vitest';
import { clip, commitIntervals, gaps, journalIntervals, totalMs } from '../../src/analytics/activity.js';
import { activeMs, fold } from '../../src/core/fold.js';
import { events, started, T } from './fixtures.js';

const H = 3_600_000;

describe('active time', () => {
  it('follows the journal clock exactly as the fold does', () => {
    const list = events([
      [T(5, 9), started],
      [T(5, 11), { type: 'session.paused' }],
      [T(5, 12), { type: 'session.paused' }],
      [T(6, 9), { type: 'session.resumed' }],
      [T(6, 10), { type: 'session.completed' }],
      [T(6, 11), { type: 'session.resumed' }], // ignored: the session is completed
      [T(6, 12), { type: 'session.reopened' }],
      [T(6, 13), { type: 'session.resumed' }],
    ]);
    const now = T(6, 13, 30);
    const intervals = journalIntervals(list, now);
    expect(intervals).toEqual([
      { from: T(5, 9), to: T(5, 11) },
      { from: T(6, 9), to: T(6, 10) },
      { from: T(6, 13), to: now },
    ]);
    expect(totalMs(intervals)).toBe(3.5 * H);
    expect(totalMs(intervals)).toBe(activeMs(fold(list)!, now));
  });

  it('estimates stretches of work from commit times: gaps up to 2 hours count, longer ones are pauses', () => {
    const i = commitIntervals([T(5, 10), T(5, 9), T(5, 11), T(5, 13), T(5, 16, 1), T(5, 16, 30)]);
    expect(i).toEqual([
      { from: T(5, 9), to: T(5, 13) },
      { from: T(5, 16, 1), to: T(5, 16, 30) },
    ]);
    expect(totalMs(i)).toBe(4 * H + 29 * 60_000);
    expect(gaps(i)).toEqual([{ from: T(5, 13), to: T(5, 16, 1) }]);
  });

  it('cuts intervals to a window', () => {
    const w = { from: T(5, 0), to: T(6, 0) };
    expect(
      clip(
        [
          { from: T(4, 22), to: T(5, 2) },
          { from: T(5, 23), to: T(6, 5) },
          { from: T(6, 1), to: T(6, 2) },
        ],
        w,
      ),
    ).toEqual([
      { from: T(5, 0), to: T(5, 2) },
      { from: T(5, 23), to: T(6, 0) },
    ]);
  });
});
