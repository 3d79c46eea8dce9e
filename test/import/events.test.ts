// What an imported session becomes (import/events.ts): events with ids from the files, so that a
// second import of the same files adds nothing, a changed file adds only its change, and a change
// made with git-session since is not undone by a file that did not change.

import { describe, expect, it } from 'vitest';
import { fold, type SessionState } from '../../src/core/fold.js';
import { appliedOf, type ImportContext, type ImportEvent, importEvents } from '../../src/import/events.js';
import type { ImportedSession } from '../../src/import/model.js';
import { parseAllSeeds, parseSeedFiles } from '../../src/import/parse.js';
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
