// Spawned agents and the current task in the pure core: the decisions, the fold, the trailers they
// become and read back from, and the children and parent as the views show them.

import { describe, expect, it } from 'vitest';
import { formatTrailer, parseItem, parseTrailerList } from '../../src/codec/trailers.js';
import { childViews, type Family, parentView } from '../../src/core/children.js';
import { decideChildRecord, decideNow, decideSpawnChild } from '../../src/core/decide/swarm.js';
import { fold, type SessionState } from '../../src/core/fold.js';
import { importSlice } from '../../src/core/history-import.js';
import { planTrailers } from '../../src/core/trailer-plan.js';
import type { SessionEvent } from '../../src/model/events.js';
import { ev, SID, SID2, script } from '../helpers/events.js';

const C1 = '01936b2c-7f3e-7abc-9def-0000000000c1';
const C2 = '01936b2c-7f3e-7abc-9def-0000000000c2';
const random = (n: number) => new Uint8Array(n).map((_, i) => i * 7);

const parent = () =>
  fold(script({ type: 'session.started', name: 'weather', title: 'Weather', branch: 'feature/weather', tasks: [] }))!;

function state(id: string, events: SessionEvent[]): SessionState {
  return fold(events.map((e) => ({ ...e, session: id })))!;
}

describe('deciding a spawn', () => {
  it('starts the child with its task as title and current task, linked to the parent, paused while it waits', () => {
    const out = decideSpawnChild(
      parent(),
      {
        name: 'rollout',
        task: 'Feature flag\nand a dashboard',
        agent: 'backend-dev',
        branch: 'feature/weather-rollout',
        objectives: ['Flag'],
        after: [
          { id: C1, name: 'api', open: false },
          { id: C2, name: 'tests', open: true },
        ],
      },
      new Set(['weather']),
      random,
    );
    if (out.refused) throw new Error(out.message);
    expect(out.result.waitingFor).toEqual(['tests']);
    expect(out.events.map((e) => e.type)).toEqual([
      'session.started',
      'objective.added',
      'session.spawned',
      'session.now',
      'session.paused',
    ]);
    expect(out.events[0]).toMatchObject({ name: 'rollout', title: 'Feature flag', branch: 'feature/weather-rollout' });
    expect(out.events[2]).toEqual({
      type: 'session.spawned',
      parent: SID,
      task: 'Feature flag\nand a dashboard',
      agent: 'backend-dev',
      after: [C1, C2],
    });
    // No note: whom it waits for is worked out live.
    expect(out.events[4]).toEqual({ type: 'session.paused' });
  });

  it('refuses a taken name, and an ended parent', () => {
    const r = { name: 'weather', task: 't', agent: null, branch: 'b', objectives: [], after: [] };
    expect(decideSpawnChild(parent(), r, new Set(['weather']), random)).toMatchObject({
      refused: true,
      code: 'name-taken',
    });
    const ended = fold([
      ...script({ type: 'session.started', name: 'p', title: '', branch: 'b', tasks: [] }),
      ev({ type: 'session.completed' }, '2026-01-05T11:00:00.000Z'),
    ])!;
    expect(decideSpawnChild(ended, { ...r, name: 'x' }, new Set(), random)).toMatchObject({
      refused: true,
      code: 'not-open',
    });
    expect(
      decideChildRecord(ended, { id: C1, name: 'x', task: 't', agent: null, branch: 'b', after: [] }),
    ).toMatchObject({ refused: true });
  });

  it('now sets, clears, and says when nothing changes', () => {
    const s = parent();
    expect(decideNow(s, 'Merge api')).toEqual({ events: [{ type: 'session.now', text: 'Merge api' }], result: 'set' });
    expect(decideNow(s, null)).toEqual({ events: [], result: 'unchanged' });
    const withTask = fold([
      ...script(
        { type: 'session.started', name: 'p', title: '', branch: 'b', tasks: [] },
        { type: 'session.now', text: 'A' },
      ),
    ])!;
    expect(decideNow(withTask, null)).toEqual({ events: [{ type: 'session.now' }], result: 'cleared' });
  });
});

describe('the fold', () => {
  it('keeps the current task, the parent link, and each child once with its latest record', () => {
    const s = fold(
      script(
        { type: 'session.started', name: 'p', title: '', branch: 'b', tasks: [] },
        { type: 'session.now', text: 'first' },
        {
          type: 'child.spawned',
          child: 'agt-0000000000001',
          name: 'dev',
          task: 'Build',
          agent: 'backend-dev',
          status: 'active',
        },
        { type: 'child.spawned', child: C1, name: 'api', task: 'API', branch: 'b-api', after: [C2] },
        {
          type: 'child.spawned',
          child: 'agt-0000000000001',
          name: 'dev',
          task: 'Build',
          agent: 'backend-dev',
          status: 'completed',
          summary: 'Built',
        },
        { type: 'session.now' },
      ),
    )!;
    expect(s.currentTask).toBeNull();
    expect(s.children.map((c) => [c.id, c.status, c.summary, c.after])).toEqual([
      ['agt-0000000000001', 'completed', 'Built', []],
      [C1, null, null, [C2]],
    ]);
    const child = state(
      C1,
      script(
        { type: 'session.started', name: 'api', title: '', branch: 'b-api', tasks: [] },
        { type: 'session.spawned', parent: SID, task: 'API', after: [C2] },
      ),
    );
    expect(child.spawn).toEqual({ parent: SID, task: 'API', agent: null, after: [C2] });
  });
});

describe('trailers', () => {
  it('carry the current task, the parent and the children, and read back as the same state', () => {
    const events = script(
      { type: 'session.started', name: 'p', title: 'T', branch: 'b', tasks: [] },
      { type: 'session.spawned', parent: SID2, task: 'do; it\nwell', agent: 'backend-dev', after: [C1, C2] },
      { type: 'session.now', text: 'now: this' },
      { type: 'child.spawned', child: C1, name: 'api', task: 'API', agent: 'dev', branch: 'b-api', after: [C2] },
      {
        type: 'child.spawned',
        child: 'agt-0000000000001',
        name: 'x',
        task: 'X',
        status: 'completed',
        summary: 'done; ok',
      },
    );
    const s = fold(events)!;
    const lines = planTrailers(s, events, { journal: true }).map((p) => p.line);
    expect(lines).toContain(
      `Session-Info: parent ${SID2}; task: do\\; it\\nwell; agent: backend-dev; after: ${C1},${C2}`,
    );
    expect(lines).toContain('Session-Info: now now: this');
    const back = parseTrailerList(lines);
    expect(back.rejected).toEqual([]);
    const read = fold(
      importSlice({ sha: 'a'.repeat(40), generation: 5, commitTime: 0, authorEmail: 'x@y' }, SID, back.items),
    )!;
    expect(read.spawn).toEqual(s.spawn);
    expect(read.currentTask).toBe('now: this');
    expect(read.children.map(({ at: _, ...c }) => c)).toEqual(s.children.map(({ at: _, ...c }) => c));
    expect(parseItem('Session-Info', 'now')).toEqual({ kind: 'now', text: null });
    expect(formatTrailer({ kind: 'now', text: null })).toBe('Session-Info: now');
  });

  it('refuses a malformed link rather than half-reading it', () => {
    const bad = [
      'parent not-a-session',
      `parent ${SID}; after: ${SID},nope`,
      `parent ${SID}; colour: red`,
      `child ${SID}; task: t`,
      `child ${SID}; name: Bad Name; task: t`,
      `child ${SID}; name: ../x; task: t`,
      `child ${SID}; name: ok`,
      `child ${SID}; name: ok; task: t; status: exploded`,
      `child obj-0000000000001; name: ok; task: t`,
      `parent ${SID}; after: ${Array.from({ length: 101 }, () => SID).join(',')}`,
    ];
    for (const v of bad) expect(parseItem('Session-Info', v), v).toBeNull();
  });
});

describe('children and parent as the views show them', () => {
  const p = fold(
    script(
      { type: 'session.started', name: 'weather', title: '', branch: 'feature/weather', tasks: [] },
      { type: 'child.spawned', child: C1, name: 'api', task: 'API', agent: 'dev', branch: 'feature/weather-api' },
      {
        type: 'child.spawned',
        child: C2,
        name: 'rollout',
        task: 'Roll out',
        branch: 'feature/weather-rollout',
        after: [C1],
      },
      { type: 'child.spawned', child: 'agt-0000000000001', name: 'old', task: 'From a file', status: 'pending' },
    ),
  )!;
  const api = (status: 'open' | 'completed' | 'abandoned') =>
    state(C1, [
      ...script({ type: 'session.started', name: 'api', title: '', branch: 'feature/weather-api', tasks: [] }),
      ...(status === 'completed'
        ? [ev({ type: 'session.completed', summary: 'Done' }, '2026-01-05T12:00:00.000Z')]
        : []),
      ...(status === 'abandoned'
        ? [ev({ type: 'session.abandoned', reason: 'Not needed' }, '2026-01-05T12:00:00.000Z')]
        : []),
    ]);
  const rollout = state(
    C2,
    script(
      { type: 'session.started', name: 'rollout', title: '', branch: 'feature/weather-rollout', tasks: [] },
      { type: 'session.spawned', parent: SID, after: [C1] },
      { type: 'session.paused' },
    ),
  );
  const family = (a: SessionState | null): Family => ({
    sessions: new Map([...(a ? [[C1, a] as const] : []), [C2, rollout] as const, [SID, p] as const]),
    worktrees: new Map([['feature/weather-api', '/w/api']]),
    reverse: [],
  });

  it('waits while a session it was spawned after is open, or not known here', () => {
    const open = childViews(p, family(api('open')));
    expect(open.map((c) => [c.name, c.status, c.waitingFor, c.worktree])).toEqual([
      ['api', 'active', [], '/w/api'],
      ['rollout', 'waiting', ['api'], null],
      ['old', 'pending', [], null],
    ]);
    expect(childViews(p, family(null))[0]!.status).toBe('unknown');
    expect(childViews(p, family(null))[1]!.status).toBe('waiting');
  });

  it("shows a child's summary once it completed, its reason once abandoned", () => {
    expect(childViews(p, family(api('completed'))).map((c) => [c.status, c.summary])).toEqual([
      ['completed', 'Done'],
      ['paused', null],
      ['pending', null],
    ]);
    expect(childViews(p, family(api('abandoned')))[0]).toMatchObject({ status: 'abandoned', summary: 'Not needed' });
  });

  it("gives a child its parent's name and whom it waits for; finds children only they name", () => {
    expect(parentView(rollout, family(api('open')))).toMatchObject({
      id: SID,
      name: 'weather',
      after: ['api'],
      waitingFor: ['api'],
    });
    const bare = fold(script({ type: 'session.started', name: 'weather', title: '', branch: 'b', tasks: [] }))!;
    const views = childViews(bare, { ...family(api('open')), reverse: [C2, C1] });
    expect(views.map((c) => c.name)).toEqual(['rollout']);
  });
});
