// The fold is a function of the set of events: folding the union of two event logs gives the same
// state whichever log comes first and whatever order the events arrive in, duplicates included.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Folding, foldAll } from '../../src/core/fold.js';
import { type EventPayload, type SessionEvent, unionEvents } from '../../src/model/events.js';
import { SID, SID2 } from '../helpers/events.js';

const objective = fc.constantFrom('obj-aaaa', 'obj-bbbb', 'obj-cccc');
const blocker = fc.constantFrom('blk-aaaa', 'blk-bbbb');
const text = fc.constantFrom('one', 'two', 'three; four', '');

const payload: fc.Arbitrary<EventPayload> = fc.oneof(
  fc.record({
    type: fc.constant('session.started' as const),
    name: fc.constantFrom('a', 'b'),
    title: text,
    branch: fc.constantFrom('feature/a', 'feature/b'),
    tasks: fc.array(fc.constantFrom('T-1', 'T-2'), { maxLength: 2 }),
  }),
  fc.record({ type: fc.constant('session.info' as const), title: text }),
  fc.constantFrom<EventPayload>(
    { type: 'session.paused' },
    { type: 'session.resumed' },
    { type: 'session.completed', summary: 'done' },
    { type: 'session.abandoned', reason: 'why' },
    { type: 'session.reopened' },
    { type: 'agent.compacted' },
  ),
  fc.record({ type: fc.constant('objective.added' as const), objective, text }),
  fc.record({
    type: fc.constantFrom('objective.started' as const, 'objective.completed' as const, 'objective.reopened' as const),
    objective,
  }),
  // Transitions read from history name the text of their line (a conflicting line moves only its own version).
  fc.record({
    type: fc.constantFrom('objective.completed' as const, 'objective.reopened' as const),
    objective,
    text,
  }),
  fc.record({ type: fc.constant('blocker.resolved' as const), blocker, note: text, text }),
  fc.record({ type: fc.constant('session.info' as const), pauseNote: text }),
  fc.record({
    type: fc.constant('decision.recorded' as const),
    decision: fc.constantFrom('dec-aaaa', 'dec-bbbb'),
    text,
  }),
  fc.record({ type: fc.constant('blocker.added' as const), blocker, text }),
  fc.record({ type: fc.constant('blocker.resolved' as const), blocker }),
  fc.record({
    type: fc.constant('journal.added' as const),
    kind: fc.constantFrom('progress' as const, 'next' as const),
    text,
  }),
  // Entries with an id (0.2 trailers), two events sharing one, and checkpoints.
  fc.record({
    type: fc.constant('journal.added' as const),
    kind: fc.constantFrom('progress' as const, 'next' as const),
    text,
    entry: fc.constantFrom('log-0000000000001', 'log-0000000000002'),
  }),
  fc.record({
    type: fc.constant('checkpoint.recorded' as const),
    label: text,
    entry: fc.option(fc.constantFrom('chk-0000000000001', 'chk-0000000000002'), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('commit.recorded' as const),
    sha: fc.constantFrom('a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)),
    mark: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
  }),
);

/** A log of events (unique ids; a few times so that ties happen), each marked for log A, B or both. */
const logs = fc
  .array(
    fc.record({
      payload,
      minute: fc.integer({ min: 0, max: 5 }),
      lc: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      order: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      // Read from a commit (history) or made on a clone.
      origin: fc.option(fc.constantFrom('a'.repeat(40), 'b'.repeat(40)), { nil: undefined }),
      seq: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      second: fc.boolean(),
      where: fc.constantFrom('a', 'b', 'both'),
      key: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { maxLength: 40 },
  )
  .map((specs) => {
    const events = specs.map((s, i) => ({
      spec: s,
      event: {
        v: 1,
        id: `01936b2c-0000-7000-8000-${String(i).padStart(12, '0')}`,
        at: new Date(Date.UTC(2026, 0, 5, 10, s.minute)).toISOString(),
        author: 'dev@example.com',
        session: s.second ? SID2 : SID,
        ...(s.lc !== undefined ? { lc: s.lc } : {}),
        ...(s.order !== undefined ? { order: s.order } : {}),
        ...(s.origin !== undefined ? { origin: s.origin } : {}),
        ...(s.seq !== undefined ? { seq: s.seq } : {}),
        ...s.payload,
      } as SessionEvent,
    }));
    const a = events.filter((e) => e.spec.where !== 'b').map((e) => e.event);
    const b = events.filter((e) => e.spec.where !== 'a').map((e) => e.event);
    // an arbitrary arrival order of everything, each shared event twice
    const arrival = [...a, ...b]
      .map((e, i) => ({ e, k: events[Number(e.id.slice(-12))]!.spec.key + i / 1e6 }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.e);
    return { a, b, arrival };
  });

describe('fold properties', () => {
  it('folding the union of two event logs gives the same state in any order', () => {
    fc.assert(
      fc.property(logs, ({ a, b, arrival }) => {
        const ab = foldAll(unionEvents(a, b));
        expect(foldAll(unionEvents(b, a))).toEqual(ab);
        expect(foldAll(unionEvents(arrival))).toEqual(ab);
        expect(foldAll(unionEvents([...arrival].reverse()))).toEqual(ab);
        // folding is idempotent under re-reading: the union with itself changes nothing
        expect(foldAll(unionEvents(a, b, a, b))).toEqual(ab);
      }),
      { numRuns: 500 },
    );
  });
});

/** What a change made here appends: transitions of any item, definitions of new ids only. */
const appended = fc.array(
  fc.oneof(
    payload.filter((p) => p.type !== 'objective.added' && p.type !== 'decision.recorded' && p.type !== 'blocker.added'),
    fc.record({ type: fc.constant('objective.added' as const), objective: fc.constant('obj-new1'), text }),
    fc.record({ type: fc.constant('decision.recorded' as const), decision: fc.constant('dec-new1'), text }),
    fc.record({ type: fc.constant('blocker.added' as const), blocker: fc.constant('blk-new1'), text }),
  ),
  { minLength: 1, maxLength: 6 },
);

describe('a change folded on (app/mutate.ts)', () => {
  it('extending a fold with events clocked above all others gives what folding everything gives', () => {
    fc.assert(
      fc.property(logs, appended, ({ a }, more) => {
        const base = a.filter((e) => e.session === SID);
        if (base.length === 0) return;
        const top = Math.max(0, ...base.map((e) => e.lc ?? 0));
        const lastSeq = Math.max(0, ...base.map((e) => e.seq ?? 0));
        const added: SessionEvent[] = more.map((p, i) => ({
          v: 1,
          id: `01936b2c-0000-7000-9000-${String(i).padStart(12, '0')}`,
          at: new Date(Date.UTC(2026, 0, 6, 10, i)).toISOString(),
          author: 'dev@example.com',
          session: SID,
          seq: lastSeq + i + 1,
          lc: top + i + 1,
          order: 1000 + i,
          ...p,
        }));
        const folding = new Folding(unionEvents(base));
        folding.extend(added);
        expect(folding.states.get(SID)).toEqual(foldAll(unionEvents(base, added)).get(SID));
      }),
      { numRuns: 300 },
    );
  });
});
