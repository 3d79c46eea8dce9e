// What an imported session becomes (import/events.ts): events with ids from the files, so that a
// second import of the same files adds nothing, a changed file adds only its change, and a change
// made with git-session since is not undone by a file that did not change.

import { describe, expect, it } from 'vitest';
import { MAX_PLAN_BYTES, readPlan, writePlan } from '../../src/codec/phase-file.js';
import { fold, type SessionState } from '../../src/core/fold.js';
import { appliedOf, type ImportContext, type ImportEvent, importEvents } from '../../src/import/events.js';
import type { ImportedSession } from '../../src/import/model.js';
import { parseAllSeeds, parseSeedFiles } from '../../src/import/parse.js';
import { fillsThePlan, withImportedPhases } from '../../src/import/phase-plan.js';
import type { SessionEvent } from '../../src/model/events.js';
import { file, loadSeed } from './fixtures.js';

const NOW = '2026-02-01T00:00:00.000Z';
const WEATHER = '.agents/sessions/20251204-143000-weather-fallback.md';

function weather(edit: (text: string) => string = (t) => t): ImportedSession {
  const files = loadSeed('002').map((f) =>
    f.path === WEATHER ? file(f.path, edit(new TextDecoder().decode(f.bytes))) : f,
  );
  return parseSeedFiles('agents', files).sessions.find((s) => s.key === '20251204-143000-weather-fallback')!;
}

/** Append as the app layer does: clocks in order, after what is there. */
function appended(prior: SessionEvent[], events: ImportEvent[], sid: string): SessionEvent[] {
  const lc = prior.length;
  return [
    ...prior,
    ...events.map((e, i) => ({
      ...e,
      v: 1 as const,
      author: 'dev@example.com',
      session: sid,
      seq: lc + i + 1,
      lc: lc + i + 1,
    })),
  ];
}

function context(journal: SessionEvent[], sid: string): ImportContext {
  const current: SessionState | null = journal.length > 0 ? fold(journal)! : null;
  return {
    current,
    applied: appliedOf(
      sid,
      journal.map((e) => e.id),
    ),
    taken: new Set(['weather-fallback']),
    branch: '',
    now: NOW,
  };
}

describe('importEvents', () => {
  const s = weather();
  const first = importEvents(s, context([], s.sessionId));
  const journal = appended([], first, s.sessionId);

  it('makes every event with an id of the session, the subject, the state and its count', () => {
    for (const e of first) expect(e.id).toMatch(new RegExp(`^import:${s.sessionId}:[^:]+:[^:]+:0(\\.\\d+)?$`));
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
    // The same file, read again: the very same events.
    expect(importEvents(weather(), context([], s.sessionId))).toEqual(first);
  });

  it('starts the session paused at its creation (no active time invented), dated from the file', () => {
    expect(first[0]).toMatchObject({
      type: 'session.started',
      name: 'weather-fallback-2',
      at: '2025-12-04T14:30:00.000Z',
    });
    expect(first[1]).toMatchObject({ type: 'session.paused', at: '2025-12-04T14:30:00.000Z' });
    const st = fold(journal)!;
    expect(st.status).toBe('paused');
    expect(st.closedActiveMs).toBe(0);
    expect(st.updatedAt).toBe('2025-12-06T09:12:00.000Z');
  });

  it('adds nothing the second time', () => {
    expect(importEvents(weather(), context(journal, s.sessionId))).toEqual([]);
  });

  it('adds only what a changed file changed', () => {
    const changed = weather((t) =>
      t.replace('- [ ] BACK-127', '- [x] BACK-127').replace('status: pending', 'status: completed'),
    );
    const more = importEvents(changed, context(journal, s.sessionId));
    expect(more.map((e) => e.type)).toEqual(['objective.completed', 'child.spawned']);
    const after = appended(journal, more, s.sessionId);
    expect(importEvents(changed, context(after, s.sessionId))).toEqual([]);
    // Changed back: the file's state applies again, with a new id (the subject's third event).
    const back = importEvents(weather(), context(after, s.sessionId));
    expect(back.map((e) => [e.type, e.id.split(':').pop()])).toEqual([
      ['objective.reopened', '2'],
      ['child.spawned', '2'],
    ]);
  });

  it('never undoes a change made with git-session since, while the file stays the same', () => {
    const objective = fold(journal)!.objectives.find((o) => o.status === 'done')!.id;
    const reopened: SessionEvent[] = [
      ...journal,
      {
        v: 1,
        id: 'local-1',
        type: 'objective.reopened',
        objective,
        at: NOW,
        author: 'me',
        session: s.sessionId,
        seq: 999,
        lc: 999,
      },
    ];
    expect(importEvents(weather(), context(reopened, s.sessionId))).toEqual([]);
  });

  it('on a clone that has the session from history only (other event ids), adds nothing the history holds', () => {
    const all = parseAllSeeds(['000', '001', '002', '003', '004'].flatMap((n) => loadSeed(n))).sessions;
    expect(all.length).toBe(17);
    for (const x of all) {
      const here = appended([], importEvents(x, context([], x.sessionId)), x.sessionId);
      // What rebuild gives a clone: the same facts (compactions, a handoff, agents, an end…) under other ids.
      const history = here.map((e, i) => ({ ...e, id: `history-${i}` }));
      expect(importEvents(x, context(history, x.sessionId)), x.name).toEqual([]);
    }
  });

  it('ends a completed session with its summary, an abandoned one with its reason, last', () => {
    const seed3 = parseSeedFiles('sessions-dir', loadSeed('003')).sessions;
    for (const x of seed3.filter((y) => y.status === 'completed' || y.status === 'abandoned')) {
      const ev = importEvents(x, context([], x.sessionId));
      const last = ev[ev.length - 1]!;
      expect(last.type).toBe(x.status === 'completed' ? 'session.completed' : 'session.abandoned');
      expect(fold(appended([], ev, x.sessionId))!.status).toBe(x.status);
    }
  });
});

describe('imported acceptance criteria', () => {
  const s = weather();
  const first = importEvents(s, context([], s.sessionId));
  const journal = appended([], first, s.sessionId);

  it('are criteria: each added with its file id, a checked box confirmed by hand', () => {
    const added = first.filter((e) => e.type === 'criterion.added');
    expect(added.map((e) => (e as { criterion: string }).criterion)).toEqual(s.criteria.map((c) => c.id));
    expect(s.criteria.every((c) => /^crt-[0-9a-z]{13}$/.test(c.id))).toBe(true);
    expect(first.filter((e) => e.type === 'criterion.verified')).toEqual([
      expect.objectContaining({ criterion: s.criteria[0]!.id, result: 'passed', manual: true }),
    ]);
    expect(fold(journal)!.criteria.map((c) => c.status)).toEqual(['passed', 'unverified', 'unverified']);
    expect(first.some((e) => e.type === 'journal.added' && e.text.startsWith('Acceptance criterion'))).toBe(false);
  });

  it('a box checked later is confirmed then; a result recorded here since is not undone by the same file', () => {
    const checked = weather((t) => t.replace('- [ ] p95 latency', '- [x] p95 latency'));
    const more = importEvents(checked, context(journal, s.sessionId));
    expect(more.map((e) => [e.type, (e as { criterion?: string }).criterion])).toEqual([
      ['criterion.verified', s.criteria[2]!.id],
    ]);
    const failedHere: SessionEvent = {
      v: 1,
      id: 'local-2',
      type: 'criterion.verified',
      criterion: s.criteria[2]!.id,
      result: 'failed',
      manual: true,
      at: NOW,
      author: 'me',
      session: s.sessionId,
      seq: 999,
      lc: 999,
    };
    const after = [...appended(journal, more, s.sessionId), failedHere];
    expect(importEvents(checked, context(after, s.sessionId))).toEqual([]);
    // Unchecked again in the file: nothing says "no longer verified"; nothing is added.
    expect(importEvents(weather(), context(after, s.sessionId))).toEqual([]);
  });
});

describe("seed 004's phases and their criteria", () => {
  const v = parseSeedFiles('session-md', loadSeed('004')).sessions.find((x) => x.key === 'verifying/SESSION.md')!;
  const asTop = { ...v, key: 'SESSION.md' };

  it('a top-level SESSION.md fills the plan: phases in order, their criteria with the boxes, never twice', () => {
    expect(fillsThePlan(v)).toBe(false);
    expect(fillsThePlan(asTop)).toBe(true);
    const { plan, added } = withImportedPhases({ phases: [] }, asTop);
    expect(added).toEqual(v.phases.map((p) => p.name));
    const tasks = plan.phases[2]!;
    expect(tasks).toMatchObject({ name: 'Tasks API', status: 'in-progress', stage: 'verification', completed: null });
    expect(tasks.criteria.map((c) => [c.text, c.result, c.by])).toEqual([
      ['GET /api/tasks returns 200', 'passed', 'hand'],
      ['POST /api/tasks creates task', 'passed', 'hand'],
      ['POST with invalid data returns 400 (currently returns 500)', null, null],
    ]);
    // A phase the plan has (by name) stays as the plan has it: a second import adds nothing.
    const again = withImportedPhases(plan, asTop);
    expect(again.added).toEqual([]);
    expect(again.plan).toBe(plan);
  });

  it("a stranger's SESSION.md of 1,500 long phases cannot make the plan unreadable: what is added stays in bounds", () => {
    const many = {
      ...asTop,
      criteria: [],
      phases: Array.from({ length: 1500 }, (_, i) => ({
        ...v.phases[0]!,
        number: i + 1,
        name: `P${i} ${'x'.repeat(195)}`,
      })),
    };
    const r = withImportedPhases({ phases: [] }, many);
    expect(r.added.length).toBeGreaterThan(100);
    expect(r.added.length + r.left).toBe(1500);
    const text = writePlan(null, r.plan);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_PLAN_BYTES);
    expect(readPlan(text).plan.phases).toHaveLength(r.added.length);
  });

  it("a phase's criteria are not the session's: notes only when the phases did not go into the plan", () => {
    const notes = (inPlan: boolean) =>
      importEvents(v, { ...context([], v.sessionId), phasesInPlan: inPlan }).filter(
        (e) => e.type === 'journal.added' && e.text.startsWith('Acceptance criterion (phase 3)'),
      ).length;
    expect(notes(true)).toBe(0);
    expect(notes(false)).toBe(3);
    expect(importEvents(v, context([], v.sessionId)).some((e) => e.type === 'criterion.added')).toBe(false);
  });
});
