// Every decision of src/core/decide/: the events each request gives on a folded state, and every
// refusal — without a store, git or a process.

import { describe, expect, it } from 'vitest';
import { decideAdd, decideMove, ITEMS, MOVES } from '../../src/core/decide/items.js';
import {
  decideCheckpoint,
  decideCompaction,
  decideHandoffNote,
  decideLog,
  type LogRequest,
} from '../../src/core/decide/journal.js';
import { type Accepted, isRefusal, type Outcome, refuse } from '../../src/core/decide/outcome.js';
import {
  decideEdit,
  decideEnd,
  decideLeave,
  decidePause,
  decideReopen,
  decideResume,
  decideStart,
} from '../../src/core/decide/session.js';
import { fold, type SessionState } from '../../src/core/fold.js';
import type { EventPayload } from '../../src/model/events.js';
import { script } from '../helpers/events.js';

/** Deterministic "random" bytes: a counter, so every drawn id is new and the test repeatable. */
function counter() {
  let n = 0;
  return (k: number) => Uint8Array.from({ length: k }, () => n++ & 255);
}

const started: EventPayload = { type: 'session.started', name: 'work', title: 'Work', branch: 'feature/w', tasks: [] };

function stateOf(...payloads: EventPayload[]): SessionState {
  return fold(script(started, ...payloads))!;
}

function accepted<R>(o: Outcome<R>): Accepted<R> {
  if (o.refused) throw new Error(`refused: ${o.code}: ${o.message}`);
  return o;
}

const objectives = stateOf(
  { type: 'objective.added', objective: 'obj-aaaa1', text: 'open one' },
  { type: 'objective.added', objective: 'obj-bbbb1', text: 'started one' },
  { type: 'objective.added', objective: 'obj-cccc1', text: 'done one' },
  { type: 'objective.started', objective: 'obj-bbbb1' },
  { type: 'objective.completed', objective: 'obj-cccc1' },
  { type: 'blocker.added', blocker: 'blk-aaaa1', text: 'open blocker' },
  { type: 'blocker.added', blocker: 'blk-bbbb1', text: 'resolved blocker' },
  { type: 'blocker.resolved', blocker: 'blk-bbbb1' },
  { type: 'decision.recorded', decision: 'dec-aaaa1', text: 'a decision' },
  { type: 'journal.added', kind: 'next', text: 'write the docs' },
);

describe('items: one table for objectives, blockers and decisions', () => {
  it('the table knows each kind and each action', () => {
    expect(Object.keys(ITEMS).sort()).toEqual(['blocker', 'criterion', 'decision', 'objective']);
    expect(Object.fromEntries(Object.entries(MOVES).map(([a, m]) => [a, [m.kind, m.to]]))).toEqual({
      start: ['objective', 'in-progress'],
      complete: ['objective', 'done'],
      reopen: ['objective', 'open'],
      resolve: ['blocker', 'resolved'],
    });
  });

  it('add: fresh ids for each text, none the session has, each kind its event', () => {
    const random = counter();
    for (const [kind, type, prefix] of [
      ['objective', 'objective.added', 'obj-'],
      ['blocker', 'blocker.added', 'blk-'],
      ['decision', 'decision.recorded', 'dec-'],
    ] as const) {
      const o = accepted(decideAdd(objectives, kind, ['one', 'two'], {}, random));
      expect(o.events.map((e) => e.type)).toEqual([type, type]);
      expect(new Set(o.result).size).toBe(2);
      for (const id of o.result) expect(id.startsWith(prefix)).toBe(true);
      for (const id of o.result) expect(ITEMS[kind].of(objectives).some((i) => i.id === id)).toBe(false);
    }
  });

  it('add: a decision carries its rationale and alternatives, and nothing when they are not given', () => {
    const random = counter();
    const o = accepted(
      decideAdd(objectives, 'decision', ['Use JWT'], { rationale: 'stateless', alternatives: 'sessions' }, random),
    );
    expect(o.events[0]).toMatchObject({ text: 'Use JWT', rationale: 'stateless', alternatives: 'sessions' });
    const bare = accepted(decideAdd(objectives, 'decision', ['Use JWT'], {}, random));
    expect(bare.events[0]).not.toHaveProperty('rationale');
    expect(bare.events[0]).not.toHaveProperty('alternatives');
  });

  it('start: open → started; in progress → nothing; done → reopened, then started', () => {
    expect(accepted(decideMove(objectives, 'start', '1'))).toEqual({
      events: [{ type: 'objective.started', objective: 'obj-aaaa1' }],
      result: { id: 'obj-aaaa1', changed: true },
    });
    expect(accepted(decideMove(objectives, 'start', 'obj-bbbb1'))).toEqual({
      events: [],
      result: { id: 'obj-bbbb1', changed: false },
    });
    expect(accepted(decideMove(objectives, 'start', 'done one')).events).toEqual([
      { type: 'objective.reopened', objective: 'obj-cccc1' },
      { type: 'objective.started', objective: 'obj-cccc1' },
    ]);
  });

  it('complete: anything not done → completed; done → nothing', () => {
    expect(accepted(decideMove(objectives, 'complete', '2')).events).toEqual([
      { type: 'objective.completed', objective: 'obj-bbbb1' },
    ]);
    expect(accepted(decideMove(objectives, 'complete', '3'))).toMatchObject({ events: [], result: { changed: false } });
  });

  it('reopen: done or in progress → reopened; open → refused, naming the short id', () => {
    expect(accepted(decideMove(objectives, 'reopen', '3')).events).toEqual([
      { type: 'objective.reopened', objective: 'obj-cccc1' },
    ]);
    expect(accepted(decideMove(objectives, 'reopen', '2')).events).toHaveLength(1);
    expect(decideMove(objectives, 'reopen', '1')).toEqual(
      refuse('already', 'obj-aaaa is already open', 'start it: git session objectives start obj-aaaa'),
    );
  });

  it('resolve: open → resolved (with the note when given); resolved → refused', () => {
    expect(accepted(decideMove(objectives, 'resolve', 'open blocker', 'fixed')).events).toEqual([
      { type: 'blocker.resolved', blocker: 'blk-aaaa1', note: 'fixed' },
    ]);
    expect(accepted(decideMove(objectives, 'resolve', '1')).events[0]).not.toHaveProperty('note');
    expect(decideMove(objectives, 'resolve', '2')).toEqual(refuse('already', 'blk-bbbb is already resolved'));
  });

  it('an item nobody can find is refused with the lookup’s own words', () => {
    const unknown = decideMove(objectives, 'complete', '9');
    expect(isRefusal(unknown) && unknown.code).toBe('unknown-objective');
    const none = decideMove(stateOf(), 'resolve', 'x');
    expect(isRefusal(none) && [none.code, none.message]).toEqual(['unknown-blocker', "no blocker 'x' in this session"]);
    const noState = decideMove(null, 'start', '1');
    expect(isRefusal(noState) && noState.message).toBe('there are no objectives in this session');
  });
});

describe('log', () => {
  const request = (over: Partial<LogRequest>): LogRequest => ({
    entries: [],
    decisions: [],
    details: {},
    blockers: [],
    ...over,
  });

  it('entries as typed; --done completes the objective it names by id or exact text', () => {
    const o = accepted(
      decideLog(
        objectives,
        request({
          entries: [
            ['progress', 'p'],
            ['done', 'obj-aaaa1'],
            ['done', 'started one'],
          ],
        }),
        counter(),
      ),
    );
    expect(o.events).toEqual([
      { type: 'journal.added', kind: 'progress', text: 'p' },
      // By id: what was done is the objective's text.
      { type: 'journal.added', kind: 'done', text: 'open one' },
      { type: 'objective.completed', objective: 'obj-aaaa1' },
      { type: 'journal.added', kind: 'done', text: 'started one' },
      { type: 'objective.completed', objective: 'obj-bbbb1' },
    ]);
    expect(o.result).toEqual({ completed: ['obj-aaaa1', 'obj-bbbb1'], unmatched: [] });
  });

  it('--done of a done objective journals only; of a next step finishes it; of anything else says so', () => {
    const o = accepted(
      decideLog(
        objectives,
        request({
          entries: [
            ['done', 'done one'],
            ['done', 'write the docs'],
            ['done', 'something else'],
            ['done', 'obj-aaa'],
          ],
        }),
        counter(),
      ),
    );
    expect(o.events.map((e) => e.type)).toEqual(['journal.added', 'journal.added', 'journal.added', 'journal.added']);
    // A prefix is not a name in free text: `obj-aaa` finishes nothing.
    expect(o.result).toEqual({ completed: [], unmatched: ['something else', 'obj-aaa'] });
  });

  it('decisions (with their reasons) and blockers after the entries, each with a fresh id', () => {
    const o = accepted(
      decideLog(
        objectives,
        request({ decisions: ['d'], details: { rationale: 'why' }, blockers: ['b1', 'b2'] }),
        counter(),
      ),
    );
    expect(o.events.map((e) => e.type)).toEqual(['decision.recorded', 'blocker.added', 'blocker.added']);
    expect(o.events[0]).toMatchObject({ text: 'd', rationale: 'why' });
  });
});

describe('checkpoint, compaction, handoff note', () => {
  it('a checkpoint after the decision it records; fields only when given', () => {
    const o = accepted(
      decideCheckpoint(objectives, { label: 'phase 1', decision: 'go', rationale: 'ready', phase: '1' }, counter()),
    );
    expect(o.events.map((e) => e.type)).toEqual(['decision.recorded', 'checkpoint.recorded']);
    expect(o.events[1]).toEqual({ type: 'checkpoint.recorded', label: 'phase 1', phase: '1' });
    expect(accepted(decideCheckpoint(objectives, { label: 'x' }, counter())).events).toEqual([
      { type: 'checkpoint.recorded', label: 'x' },
    ]);
  });

  it('a compaction is counted and noted as the next checkpoint', () => {
    expect(accepted(decideCompaction(stateOf({ type: 'agent.compacted' }), 'auto')).events).toEqual([
      { type: 'agent.compacted' },
      { type: 'checkpoint.recorded', label: 'compaction 2', note: 'before a context compaction (auto)' },
    ]);
    expect(accepted(decideCompaction(null, 'manual')).events[1]).toMatchObject({ label: 'compaction 1' });
  });

  it('a note for the next session', () => {
    expect(accepted(decideHandoffNote('ask Sam')).events).toEqual([{ type: 'handoff.noted', text: 'ask Sam' }]);
  });
});

describe('session', () => {
  const active = stateOf();
  const paused = stateOf({ type: 'session.paused' });
  const completed = stateOf({ type: 'session.completed' });
  const abandoned = stateOf({ type: 'session.abandoned', reason: 'r' });

  it('start: the branch’s name made unique, the title from the first objective, objectives with ids', () => {
    const o = accepted(
      decideStart(
        { branch: 'feature/OAuth login', objectives: ['Log in\nwith a form', 'b'], tasks: ['T', 'T'] },
        new Set(['oauth-login']),
        counter(),
      ),
    );
    expect(o.result).toEqual({ name: 'oauth-login-2' });
    expect(o.events[0]).toEqual({
      type: 'session.started',
      name: 'oauth-login-2',
      title: 'Log in',
      branch: 'feature/OAuth login',
      tasks: ['T'],
    });
    expect(o.events.slice(1).map((e) => e.type)).toEqual(['objective.added', 'objective.added']);
  });

  it('start: a name asked for that is taken is refused', () => {
    expect(decideStart({ branch: 'b', objectives: [], tasks: [], name: 'x' }, new Set(['x']), counter())).toEqual(
      refuse('name-taken', "a session named 'x' already exists", 'choose another --name'),
    );
  });

  it('pause: active → paused (a typed note shared); paused → the note kept, or nothing; ended → refused', () => {
    expect(accepted(decidePause(active, undefined, false))).toEqual({
      events: [{ type: 'session.paused' }],
      result: 'paused',
    });
    expect(accepted(decidePause(active, 'lunch', true)).events).toEqual([
      { type: 'session.paused', note: 'lunch', shared: true },
    ]);
    expect(accepted(decidePause(paused, undefined, false))).toEqual({ events: [], result: 'already' });
    expect(accepted(decidePause(paused, 'here', true))).toEqual({
      events: [{ type: 'session.paused', note: 'here', shared: true }],
      result: 'noted',
    });
    for (const s of [completed, abandoned])
      expect(decidePause(s, undefined, false)).toEqual(
        refuse('not-open', `session 'work' is ${s.status}`, 'reopen it first: git session reopen work'),
      );
  });

  it('a branch switch pauses only an active session (its note stays here), and resumes only a paused one', () => {
    expect(accepted(decideLeave(active, 'switched to main')).events).toEqual([
      { type: 'session.paused', note: 'switched to main' },
    ]);
    for (const s of [paused, completed, null]) expect(accepted(decideLeave(s, 'x')).events).toEqual([]);
    expect(accepted(decideResume(paused)).events).toEqual([{ type: 'session.resumed' }]);
    for (const s of [active, completed, abandoned, null]) expect(accepted(decideResume(s)).events).toEqual([]);
  });

  it('edit: only what differs; nothing when nothing does', () => {
    const s = stateOf({ type: 'session.info', tasks: ['T-1'] });
    expect(accepted(decideEdit(s, { title: 'New', name: 'work', tasks: ['T-1', 'T-2'] }))).toEqual({
      events: [{ type: 'session.info', title: 'New', tasks: ['T-2'] }],
      result: { title: 'New', tasks: ['T-2'] },
    });
    expect(accepted(decideEdit(s, { title: 'Work', tasks: ['T-1'] }))).toEqual({ events: [], result: {} });
  });

  it('end: completed with its summary, or abandoned with the reason; an ended session is refused', () => {
    expect(accepted(decideEnd(active, { abandon: false, summary: 'done' })).events).toEqual([
      { type: 'session.completed', summary: 'done' },
    ]);
    expect(accepted(decideEnd(paused, { abandon: false })).events).toEqual([{ type: 'session.completed' }]);
    expect(accepted(decideEnd(active, { abandon: true, reason: 'moot' })).events).toEqual([
      { type: 'session.abandoned', reason: 'moot' },
    ]);
    expect(decideEnd(completed, { abandon: false })).toEqual(
      refuse('not-open', "session 'work' is already completed", 'reopen it: git session reopen work'),
    );
  });

  it('reopen: an ended session opens; an open one is refused', () => {
    for (const s of [completed, abandoned])
      expect(accepted(decideReopen(s)).events).toEqual([{ type: 'session.reopened' }]);
    for (const s of [active, paused])
      expect(decideReopen(s)).toEqual(
        refuse('already-open', `session 'work' is ${s.status}, not ended`, 'resume it: git session resume work'),
      );
  });
});
