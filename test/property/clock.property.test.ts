// The order of events (src/core/clock.ts): generation numbers over any commit graph, in any order
// git lists it; a change made here after loading anything takes effect; what a recorded commit
// carried never overrules a change made after it, whatever clock its commit has.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockJournal, nextClock, placeHistory } from '../../src/core/clock.js';
import { fold } from '../../src/core/fold.js';
import { CommitGraph } from '../../src/git/graph.js';
import { type EventPayload, type SessionEvent, unionEvents } from '../../src/model/events.js';
import { SID } from '../helpers/events.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');

/** A random DAG: commit i has parents among 0..i-1 (0, 1 or 2 of them). */
const dag = fc
  .array(fc.array(fc.nat(), { maxLength: 2 }), { minLength: 1, maxLength: 40 })
  .map((spec) => spec.map((ps, i) => (i === 0 ? [] : [...new Set(ps.map((p) => p % i))])));

describe('generation numbers', () => {
  it('are the longest path from a root, whatever order the commits are listed in', () => {
    fc.assert(
      fc.property(dag, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (parents, keys) => {
        const want = parents.map(() => 0);
        parents.forEach((ps, i) => {
          want[i] = 1 + Math.max(0, ...ps.map((p) => want[p]!));
        });
        // Any listing order: git lists by date, which a commit can claim freely.
        const order = parents.map((_, i) => ({ i, k: keys.next().value as number })).sort((a, b) => a.k - b.k);
        const graph = new CommitGraph();
        for (const o of order) graph.addStrings(sha(o.i), parents[o.i]!.map(sha).join(' '));
        const { gen, unknown } = graph.generations(() => undefined);
        expect(unknown).toEqual([]);
        order.forEach((o, j) => {
          expect(gen[j]).toBe(want[o.i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('continue from the known generation of a parent outside the walk, and name the unknown ones', () => {
    const graph = new CommitGraph();
    graph.addStrings(sha(2), sha(1));
    graph.addStrings(sha(1), `${sha(0)} ${sha(9)}`);
    const { gen, unknown } = graph.generations((s) => (s === sha(0) ? 41 : undefined));
    expect([...gen]).toEqual([43, 42]);
    expect(unknown).toEqual([sha(9)]);
    expect(graph.indexOf(sha(1))).toBe(1);
    expect(graph.indexOf(sha(7))).toBeUndefined();
    expect(graph.firstParent(0)).toBe(1);
    expect(graph.firstParent(1)).toBeUndefined();
  });

  it('holds SHA-256 names too, and many commits sharing the first digits', () => {
    const graph = new CommitGraph();
    const long = (n: number) => `abcdef0${n.toString(16).padStart(57, '0')}`;
    for (let i = 0; i < 3000; i++) graph.addStrings(long(i), i === 2999 ? '' : long(i + 1));
    const { gen } = graph.generations(() => undefined);
    expect(gen[0]).toBe(3000);
    expect(gen[2999]).toBe(1);
    expect(graph.nameOf(5)).toBe(long(5));
  });
});

const A = 'obj-aaaa';
let n = 0;
const at = '2026-01-05T10:00:00.000Z';
function event(payload: EventPayload, extra: Partial<SessionEvent> = {}): SessionEvent {
  n++;
  return {
    v: 1,
    id: `01936b2c-0000-7000-8000-${String(n).padStart(12, '0')}`,
    at,
    author: 'dev@example.com',
    session: SID,
    ...payload,
    ...extra,
  } as SessionEvent;
}

const history = fc.array(
  fc.record({
    payload: fc.constantFrom<EventPayload>(
      { type: 'session.completed' },
      { type: 'session.abandoned', reason: 'forged' },
      { type: 'session.info', title: 'forged title' },
      { type: 'objective.completed', objective: A, text: 'Login' },
    ),
    lc: fc.integer({ min: 1, max: 1_000_000 }),
    // Any date at all: dates never order anything.
    year: fc.integer({ min: 1970, max: 2100 }),
  }),
  { maxLength: 12 },
);

describe('a change made here always takes effect', () => {
  it('reopen, edit and objectives reopen win over any history loaded before, whatever its clocks and dates', () => {
    fc.assert(
      fc.property(history, (specs) => {
        const loaded = [
          event({ type: 'session.started', name: 's', title: 'Mine', branch: 'b', tasks: [] }, { lc: 1, seq: 1 }),
          event({ type: 'objective.added', objective: A, text: 'Login' }, { lc: 2, seq: 2 }),
          event({ type: 'objective.completed', objective: A }, { lc: 3, seq: 3 }),
          ...specs.map((s) => event(s.payload, { lc: s.lc, origin: sha(s.lc), at: `${s.year}-01-01T00:00:00.000Z` })),
        ];
        const lc = nextClock(loaded);
        const mine = [
          event({ type: 'session.reopened' }, { lc, seq: 4 }),
          event({ type: 'session.info', title: 'Mine again' }, { lc: lc + 1, seq: 5 }),
          event({ type: 'objective.reopened', objective: A }, { lc: lc + 2, seq: 6 }),
        ];
        const s = fold(unionEvents(loaded, mine))!;
        expect(s.status === 'completed' || s.status === 'abandoned').toBe(false);
        expect(s.title).toBe('Mine again');
        expect(s.objectives[0]!.status).toBe('open');
      }),
      { numRuns: 300 },
    );
  });
});

describe('history of commits this journal recorded', () => {
  it('restates what they carried and never overrules a change made here, whatever their clock', () => {
    // A journal: objective changes with commits recorded in between (hook lines carry no clock).
    const step = fc.constantFrom('complete', 'reopen', 'start', 'commit');
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), fc.integer({ min: 1, max: 10_000 }), (steps, depth) => {
        let lc = 0;
        let seq = 0;
        let commits = 0;
        let parentClock = depth;
        const journal: SessionEvent[] = [
          event({ type: 'session.started', name: 's', title: 't', branch: 'b', tasks: [] }, { lc: ++lc, seq: ++seq }),
          event({ type: 'objective.added', objective: A, text: 'Login' }, { lc: ++lc, seq: ++seq }),
        ];
        const history: SessionEvent[] = [];
        let status: 'open' | 'in-progress' | 'done' = 'open';
        // A reopen since the last commit makes the next commit carry `reopened: yes` (trailer-plan.ts).
        let reopened = false;
        for (const s of steps) {
          if (s === 'commit') {
            const c = sha(++commits);
            journal.push(event({ type: 'commit.recorded', sha: c }));
            // The commit claims the session's clock; its clock is at least one above its parent's.
            const clock = Math.max(lc, parentClock + 1);
            parentClock = clock;
            history.push(event({ type: 'objective.added', objective: A, text: 'Login' }, { lc: clock, origin: c }));
            if (reopened)
              history.push(
                event({ type: 'objective.reopened', objective: A, text: 'Login' }, { lc: clock, origin: c }),
              );
            reopened = false;
            if (status === 'done')
              history.push(
                event({ type: 'objective.completed', objective: A, text: 'Login' }, { lc: clock, origin: c }),
              );
            if (status === 'in-progress')
              history.push(event({ type: 'objective.started', objective: A, text: 'Login' }, { lc: clock, origin: c }));
            // The next change reads the commit first (mutate → readOwnCommits): its clock is above it.
            lc = clock;
            continue;
          }
          const type =
            s === 'complete' ? 'objective.completed' : s === 'reopen' ? 'objective.reopened' : 'objective.started';
          journal.push(event({ type, objective: A }, { lc: ++lc, seq: ++seq }));
          if (s === 'complete') status = 'done';
          else if (s === 'reopen') {
            status = 'open';
            reopened = true;
          } else if (status !== 'done') status = 'in-progress';
        }
        const clocked = clockJournal(journal);
        const alone = fold(clocked)!;
        const withHistory = fold(
          unionEvents(
            clocked,
            placeHistory(clocked, history, (x) => x),
          ),
        )!;
        expect(withHistory.objectives.map((o) => o.status)).toEqual(alone.objectives.map((o) => o.status));
        expect(withHistory.conflicts).toEqual([]);
        // And a clone that has only the history agrees, once the last change is committed.
        if (steps.at(-1) === 'commit') expect(fold(history)!.objectives[0]!.status).toBe(status);
      }),
      { numRuns: 300 },
    );
  });
});
