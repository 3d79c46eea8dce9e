import { describe, expect, it } from 'vitest';
import { parseEventLine } from '../../src/codec/event-json.js';
import { clockJournal, nextClock, placeHistory } from '../../src/core/clock.js';
import { MAX_CLOCK } from '../../src/model/events.js';
import { ev, script } from '../helpers/events.js';

describe('clocks of journal events', () => {
  it('an event without a clock (hooks, 0.1) takes the clock of the one before it; the line orders ties', () => {
    const [a, b, c] = script(
      { type: 'session.started', name: 's', title: '', branch: 'b', tasks: [] },
      { type: 'commit.recorded', sha: 'a'.repeat(40) },
      { type: 'journal.added', kind: 'next', text: 'x' },
    );
    const clocked = clockJournal([
      { ...a!, lc: 4 },
      { ...b!, seq: undefined },
      { ...c!, lc: 5 },
    ]);
    expect(clocked.map((e) => [e.lc, e.order])).toEqual([
      [4, 0],
      [4, 1],
      [5, 2],
    ]);
    expect(clockJournal(script({ type: 'session.resumed' })).map((e) => e.lc)).toEqual([0]);
    expect(nextClock(clocked)).toBe(6);
  });

  it('history events of a commit a 0.1 journal recorded restate it right after its record, following rewrites', () => {
    const legacy = clockJournal([
      ev({ type: 'session.resumed' }, '2026-01-05T10:00:00.000Z'),
      ev({ type: 'commit.recorded', sha: 'a'.repeat(40) }, '2026-01-05T10:00:00.000Z'),
    ]);
    const fromA = ev({ type: 'session.info', title: 't' }, '2026-01-05T10:00:00.000Z', {
      lc: 900,
      origin: 'b'.repeat(40),
    });
    const other = ev({ type: 'session.info', title: 'u' }, '2026-01-05T10:00:00.000Z', {
      lc: 901,
      origin: 'c'.repeat(40),
    });
    // a was amended into b.
    const follow = (s: string) => (s === 'a'.repeat(40) ? 'b'.repeat(40) : s);
    expect(placeHistory(legacy, [fromA, other], follow).map((e) => [e.lc, e.order])).toEqual([
      [0, 1.5],
      [901, undefined],
    ]);
    // A journal with clocks: the commit's own clock stands (it is at least that of what it carried).
    const clocked = clockJournal([
      ev({ type: 'session.resumed' }, '2026-01-05T10:00:00.000Z', { lc: 3 }),
      ev({ type: 'commit.recorded', sha: 'a'.repeat(40) }, '2026-01-05T10:00:00.000Z'),
    ]);
    expect(placeHistory(clocked, [fromA], follow).map((e) => e.lc)).toEqual([900]);
  });

  it('the journal refuses a clock that is not a positive whole number within range, and never keeps an order', () => {
    const line = (extra: object) =>
      JSON.stringify({
        v: 1,
        id: 'x',
        type: 'session.resumed',
        at: '2026-01-05T10:00:00.000Z',
        author: 'a',
        session: '01936b2c-7f3e-7abc-9def-0123456789ab',
        ...extra,
      });
    expect(parseEventLine(line({ lc: 3, order: 7 }))).toMatchObject({ ok: true, event: { lc: 3 } });
    expect((parseEventLine(line({ order: 7 })) as { event: object }).event).not.toHaveProperty('order');
    for (const lc of [0, -1, 1.5, '3', MAX_CLOCK + 1])
      expect(parseEventLine(line({ lc }))).toMatchObject({ ok: false });
  });
});
