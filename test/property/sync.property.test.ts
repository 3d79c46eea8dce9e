// Team sync converges (docs/sync.md, "Merge" and "Concurrent changes"): two or three clones make
// changes to one session offline, in any interleaving with partial syncs between them; once every
// clone has every other's file, each folds the same shared state, and no item any clone added is
// lost. Each clone folds as app/sessions.ts does: its journal clocked in file order, the others'
// files through the ref codec (serialise, read back, core/synced.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSyncFile, serialiseSyncFile } from '../../src/codec/sync-file.js';
import { clockJournal } from '../../src/core/clock.js';
import { Folding, type SessionState } from '../../src/core/fold.js';
import { peerEvents } from '../../src/core/synced.js';
import type { EventPayload, SessionEvent } from '../../src/model/events.js';
import { SID } from '../helpers/events.js';

const MACHINES = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'];

/** One step of the story: a clone makes a change, or takes another clone's file as it is now. */
type Step =
  | { kind: 'change'; who: number; what: number; pick: number; text: string }
  | { kind: 'sync'; who: number; from: number };

const step = (n: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('change' as const),
      who: fc.integer({ min: 0, max: n - 1 }),
      what: fc.integer({ min: 0, max: 11 }),
      pick: fc.nat(20),
      text: fc.constantFrom('one', 'two', 'three; four', 'a\nb'),
    }),
    fc.record({
      kind: fc.constant('sync' as const),
      who: fc.integer({ min: 0, max: n - 1 }),
      from: fc.integer({ min: 0, max: n - 1 }),
    }),
  );

interface Clone {
  machine: string;
  journal: SessionEvent[];
  /** Other clones' files as this clone last received them. */
  files: Map<number, SessionEvent[]>;
}

/** What a clone's change can be, given the items it knows of. */
function change(known: SessionState, s: Extract<Step, { kind: 'change' }>, fresh: string): EventPayload {
  const objective = known.objectives[s.pick % Math.max(1, known.objectives.length)]?.id;
  const blocker = known.blockers[s.pick % Math.max(1, known.blockers.length)]?.id;
  switch (s.what) {
    case 0:
      return { type: 'objective.added', objective: `obj-${fresh}`, text: s.text };
    case 1:
      return objective ? { type: 'objective.completed', objective } : { type: 'session.info', title: s.text };
    case 2:
      return objective ? { type: 'objective.reopened', objective } : { type: 'session.info', title: s.text };
    case 3:
      return { type: 'decision.recorded', decision: `dec-${fresh}`, text: s.text, rationale: s.text };
    case 4:
      return { type: 'blocker.added', blocker: `blk-${fresh}`, text: s.text };
    case 5:
      return blocker ? { type: 'blocker.resolved', blocker } : { type: 'session.info', title: s.text };
    case 6:
      return { type: 'session.info', title: s.text };
    case 7:
      return { type: 'journal.added', kind: s.pick % 2 === 0 ? 'next' : 'progress', text: s.text };
    case 8:
      return { type: 'session.completed', summary: s.text };
    case 9:
      return { type: 'session.reopened' };
    case 10:
      return { type: 'session.paused', note: s.text, shared: true };
    default:
      return { type: 'session.resumed' };
  }
}

/** How clone `c` folds the session: its journal, then every other clone's file read back from a ref. */
function foldOn(clones: readonly Clone[], c: number): SessionState {
  const me = clones[c]!;
  const events: SessionEvent[] = [...clockJournal(me.journal)];
  for (const [other, theirs] of me.files) {
    const read = readSyncFile(serialiseSyncFile(theirs), SID);
    expect(read.rejectedCount).toBe(0);
    events.push(...peerEvents(read.lines, clones[other]!.machine));
  }
  return new Folding(events).states.get(SID)!;
}

/** What every clone must agree on: everything but its own active/paused (and presence). */
function shared(s: SessionState) {
  return {
    title: s.title,
    open: s.status === 'active' || s.status === 'paused',
    objectives: s.objectives.map((o) => [o.id, o.text, o.status]),
    decisions: s.decisions.map((d) => [d.id, d.text, d.rationale]),
    blockers: s.blockers.map((b) => [b.id, b.text, b.status]),
    log: s.log.map((e) => [e.kind, e.text]),
    summary: s.summary,
  };
}

function play(n: number, steps: readonly Step[]) {
  let counter = 0;
  const clones: Clone[] = MACHINES.slice(0, n).map((machine) => ({ machine, journal: [], files: new Map() }));
  const make = (c: number, payload: EventPayload, known: SessionState | null): void => {
    counter += 1;
    const all = known ? foldOn(clones, c) : null;
    clones[c]!.journal.push({
      v: 1,
      id: `01936b2c-0000-7000-8000-${String(counter).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 5, 10, 0, counter)).toISOString(),
      author: `dev${c}@example.com`,
      session: SID,
      // As the CLI does: one above the highest clock this clone knows (core/clock.ts nextClock).
      lc: 1 + Math.max(0, all?.clock ?? 0),
      ...payload,
    } as SessionEvent);
  };
  // Clone 0 starts the session; the others receive it before their first change.
  make(0, { type: 'session.started', name: 'auth', title: 'Auth', branch: 'feature/auth', tasks: [] }, null);
  for (let c = 1; c < n; c++) clones[c]!.files.set(0, [...clones[0]!.journal]);
  const added = new Set<string>();
  for (const s of steps) {
    if (s.kind === 'sync') {
      if (s.from !== s.who) clones[s.who]!.files.set(s.from, [...clones[s.from]!.journal]);
      continue;
    }
    const known = foldOn(clones, s.who);
    const payload = change(known, s, `${s.who}${String(counter).padStart(4, '0')}`);
    for (const k of ['objective', 'decision', 'blocker'] as const) {
      const v = (payload as Record<string, unknown>)[k];
      if (payload.type.endsWith('.added') || payload.type === 'decision.recorded')
        if (typeof v === 'string') added.add(v);
    }
    make(s.who, payload, known);
  }
  // Everyone receives everyone.
  for (let c = 0; c < n; c++) for (let o = 0; o < n; o++) if (o !== c) clones[c]!.files.set(o, [...clones[o]!.journal]);
  return { clones, added };
}

describe('team sync: replicas converge', () => {
  for (const n of [2, 3])
    it(`any interleaving of ${n} clones' changes folds to one state on every clone, no item lost`, () => {
      fc.assert(
        fc.property(fc.array(step(n), { maxLength: 30 }), (steps) => {
          const { clones, added } = play(n, steps);
          const states = clones.map((_, c) => foldOn(clones, c));
          const first = shared(states[0]!);
          for (const s of states.slice(1)) expect(shared(s)).toEqual(first);
          const ids = new Set([
            ...states[0]!.objectives.map((o) => o.id),
            ...states[0]!.decisions.map((d) => d.id),
            ...states[0]!.blockers.map((b) => b.id),
          ]);
          for (const id of added) expect(ids.has(id)).toBe(true);
          // The same files received in any order (a clone's file, another's, its own journal) fold alike.
          const reversed = new Folding(
            [...clockJournal(clones[0]!.journal)]
              .concat(
                ...[...clones[0]!.files]
                  .reverse()
                  .map(([o, ev]) => peerEvents(readSyncFile(serialiseSyncFile(ev), SID).lines, clones[o]!.machine)),
              )
              .reverse(),
          ).states.get(SID)!;
          expect(shared(reversed)).toEqual(first);
        }),
        { numRuns: 200 },
      );
    });
});
