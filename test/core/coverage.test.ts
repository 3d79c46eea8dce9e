import { describe, expect, it } from 'vitest';
import { anchorOf, type Carrier, carriersOf, coveredMark } from '../../src/core/coverage.js';
import type { SessionEvent } from '../../src/core/events.js';
import { describeLines, isItemLine, linesAbove, renderPlanFile } from '../../src/core/plan-file.js';
import { ev, SID } from '../helpers/events.js';

const AT = '2026-01-05T10:00:00.000Z';
const sha = (n: number) => String(n).repeat(40).slice(0, 40);
function rec(n: number, mark: number, base?: number): SessionEvent {
  return ev({ type: 'commit.recorded', sha: sha(n), mark, ...(base === undefined ? {} : { base }) }, AT);
}

describe('carriersOf', () => {
  it('reads each carrying commit with its range; records without base continue the previous mark', () => {
    const events = [
      rec(1, 3),
      ev({ type: 'commit.recorded', sha: sha(2) }, AT), // recorded without a mark: carried nothing
      rec(3, 3),
      rec(4, 7),
      rec(5, 9, 2),
    ];
    expect(carriersOf(events, new Map()).map(({ recorded, mark, base }) => [recorded, base, mark])).toEqual([
      [sha(1), 0, 3],
      [sha(3), 3, 3],
      [sha(4), 3, 7],
      [sha(5), 2, 9],
    ]);
  });

  it('follows amends and rebases to the commit a carrier became', () => {
    const rewrites = new Map([
      [sha(1), sha(6)],
      [sha(6), sha(7)],
    ]);
    const [c] = carriersOf([rec(1, 3, 0)], rewrites);
    expect(c).toMatchObject({ sha: sha(7), recorded: sha(1) });
  });
});

describe('anchorOf', () => {
  it('is the last commit recorded with the highest mark', () => {
    const cs = carriersOf([rec(1, 3, 0), rec(2, 5, 3), rec(3, 5, 5), rec(4, 4, 0)], new Map());
    expect(anchorOf(cs)).toEqual({ mark: 5, sha: sha(3) });
    expect(anchorOf([])).toEqual({ mark: 0, sha: null });
  });
});

describe('coveredMark', () => {
  const c = (n: number, base: number, mark: number): Carrier => ({ sha: sha(n), recorded: sha(n), base, mark });
  const all = () => true;

  it('everything the carriers on the branch hold, from 0 up to the first gap', () => {
    const cs = [c(1, 0, 3), c(2, 3, 6), c(3, 6, 9)];
    expect(coveredMark(cs, all)).toBe(9);
    // The middle commit left the branch: what it held, and all after it, is not held.
    expect(coveredMark(cs, (s) => s !== sha(2))).toBe(3);
    // The last one left: everything before it is still held.
    expect(coveredMark(cs, (s) => s !== sha(3))).toBe(6);
    expect(coveredMark(cs, () => false)).toBe(0);
  });

  it('a commit that carried the gap again closes it, whatever the order of the records', () => {
    const cs = [c(4, 3, 12), c(1, 0, 3), c(2, 3, 6), c(3, 6, 9)];
    expect(coveredMark(cs, (s) => s !== sha(2))).toBe(12);
    // Ranges that overlap or nest extend what is held as far as they reach.
    expect(coveredMark([c(1, 0, 5), c(2, 2, 4), c(3, 5, 8)], all)).toBe(8);
    // A commit that carried nothing (mark = base) holds nothing.
    expect(coveredMark([c(1, 0, 0), c(2, 0, 2)], (s) => s !== sha(2))).toBe(0);
  });
});

describe('the plan file', () => {
  const plan = [
    { seq: 'always' as const, line: `Session: ${SID}` },
    { seq: 1, line: 'Session-Info: name x' },
    { seq: 2, line: 'Decisions: dec-aaaa held' },
    { seq: 5, line: 'Decisions: dec-bbbb pending' },
    { seq: 6, line: 'Session-Log: progress pending' },
    // The clock claim, with the latest item's seq (core/trailer-plan.ts).
    { seq: 6, line: 'Session-Info: clock 12' },
  ];

  it('lists the pending lines first, then the held ones after `held <mark>`', () => {
    expect(renderPlanFile(SID, plan, 2)).toBe(
      [
        `git-session-trailers 1 ${SID}`,
        `always Session: ${SID}`,
        '5 Decisions: dec-bbbb pending',
        '6 Session-Log: progress pending',
        '6 Session-Info: clock 12',
        'held 2',
        '1 Session-Info: name x',
        '2 Decisions: dec-aaaa held',
        '',
      ].join('\n'),
    );
    // Everything held: the claim goes with the held lines, read only by a commit that carries them again.
    expect(renderPlanFile(SID, plan, 6).split('\n').slice(-2)).toEqual(['6 Session-Info: clock 12', '']);
    // Nothing held yet: no held section. An ended session: only the header.
    expect(renderPlanFile(SID, plan, 0)).not.toMatch(/^held /m);
    expect(renderPlanFile(SID, [], 4)).toBe(`git-session-trailers 1 ${SID}\n`);
  });

  it('what is above a base, without the Session line and the clock claim (no items); said in words', () => {
    expect(linesAbove(plan, 2)).toEqual(['Decisions: dec-bbbb pending', 'Session-Log: progress pending']);
    expect(isItemLine('Session-Info: clock 12')).toBe(false);
    expect(isItemLine(`Session: ${SID}`)).toBe(false);
    expect(isItemLine('Session-Info: clock of the tower')).toBe(true);
    expect(describeLines(linesAbove(plan, 0))).toBe("the session's details, 2 decisions and 1 journal entry");
    expect(describeLines(['Session-Info: status completed', 'Session-Objectives: [x] obj-aaaa a'])).toBe(
      'the end and 1 objective',
    );
    expect(describeLines(['Session-Blockers: [ ] blk-aaaa b'])).toBe('1 blocker');
    expect(describeLines([])).toBe('nothing');
  });
});
