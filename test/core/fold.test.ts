import { describe, expect, it } from 'vitest';
import { activeMs, fold, foldAll } from '../../src/core/fold.js';
import { unionEvents } from '../../src/model/events.js';
import { entryIdOf } from '../../src/model/ids.js';
import { ev, SID, SID2, script } from '../helpers/events.js';

const started = {
  type: 'session.started',
  name: 'oauth',
  title: 'Build OAuth',
  branch: 'feature/oauth',
  tasks: ['JIRA-1'],
} as const;

describe('fold', () => {
  it('starts an active session with its metadata', () => {
    const s = fold(script(started))!;
    expect(s).toMatchObject({
      id: SID,
      name: 'oauth',
      title: 'Build OAuth',
      branch: 'feature/oauth',
      status: 'active',
      tasks: ['JIRA-1'],
    });
  });

  it('walks objectives through open, in-progress, done and back, counting reopenings', () => {
    const s = fold(
      script(
        started,
        { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
        { type: 'objective.started', objective: 'obj-aaaa' },
        { type: 'objective.completed', objective: 'obj-aaaa' },
        { type: 'objective.reopened', objective: 'obj-aaaa' },
      ),
    )!;
    expect(s.objectives).toHaveLength(1);
    expect(s.objectives[0]).toMatchObject({ id: 'obj-aaaa', status: 'open', reopened: 1, completedAt: null });
  });

  it('ignores transitions of unknown objectives and duplicate adds', () => {
    const s = fold(
      script(
        started,
        { type: 'objective.completed', objective: 'obj-nope' },
        { type: 'objective.added', objective: 'obj-aaaa', text: 'first' },
        { type: 'objective.added', objective: 'obj-aaaa', text: 'second' },
      ),
    )!;
    expect(s.objectives.map((o) => o.text)).toEqual(['first']);
  });

  it('keeps decisions with rationale and alternatives, and blockers with their resolution', () => {
    const s = fold(
      script(
        started,
        {
          type: 'decision.recorded',
          decision: 'dec-aaaa',
          text: 'JWT',
          rationale: 'stateless',
          alternatives: 'sessions',
        },
        { type: 'blocker.added', blocker: 'blk-aaaa', text: 'keys' },
        { type: 'blocker.resolved', blocker: 'blk-aaaa', note: 'got them' },
      ),
    )!;
    expect(s.decisions[0]).toMatchObject({
      id: 'dec-aaaa',
      text: 'JWT',
      rationale: 'stateless',
      alternatives: 'sessions',
    });
    expect(s.blockers[0]).toMatchObject({ status: 'resolved', note: 'got them' });
  });

  it('counts active time across pauses and stops the clock at the end', () => {
    const events = script(
      started, // 10:00
      { type: 'session.paused', note: 'lunch' }, // 10:01
      { type: 'session.resumed' }, // 10:02
      { type: 'session.completed', summary: 'done' }, // 10:03
    );
    const s = fold(events)!;
    expect(s.status).toBe('completed');
    expect(s.pauses).toBe(1);
    expect(activeMs(s, '2026-01-05T12:00:00.000Z')).toBe(2 * 60_000);
    expect(s.summary).toBe('done');
  });

  it('counts the open interval up to now while active', () => {
    const s = fold(script(started))!;
    expect(activeMs(s, '2026-01-05T10:30:00.000Z')).toBe(30 * 60_000);
  });

  it('does not resume an ended session, and reopens it as paused', () => {
    const s1 = fold(script(started, { type: 'session.abandoned', reason: 'scope' }, { type: 'session.resumed' }))!;
    expect(s1.status).toBe('abandoned');
    expect(s1.endReason).toBe('scope');
    const s2 = fold(script(started, { type: 'session.completed' }, { type: 'session.reopened' }))!;
    expect(s2.status).toBe('paused');
  });

  it('records commits once and the highest committed mark', () => {
    const s = fold(
      script(
        started,
        { type: 'commit.recorded', sha: 'a'.repeat(40), mark: 3 },
        { type: 'commit.recorded', sha: 'a'.repeat(40), mark: 3 },
        { type: 'commit.recorded', sha: 'b'.repeat(40), mark: 1 },
      ),
    )!;
    expect(s.commits.map((c) => c.sha)).toEqual(['a'.repeat(40), 'b'.repeat(40)]);
    expect(s.committedMark).toBe(3);
  });

  it('gives the same state whatever order the events arrive in', () => {
    const events = script(
      started,
      { type: 'objective.added', objective: 'obj-aaaa', text: 'a' },
      { type: 'objective.completed', objective: 'obj-aaaa' },
      { type: 'session.paused' },
    );
    expect(fold([...events].reverse())).toEqual(fold(events));
  });

  it('folds several sessions at once, keyed by id', () => {
    const a = script(started);
    const b = [ev({ ...started, name: 'other' }, '2026-01-05T11:00:00.000Z', { session: SID2, seq: 1 })];
    const states = foldAll([...a, ...b]);
    expect([...states.keys()].sort()).toEqual([SID, SID2].sort());
    expect(states.get(SID2)!.name).toBe('other');
  });

  it('builds a usable state from history events alone (no session.started)', () => {
    const s = fold([
      ev({ type: 'session.info', name: 'oauth', branch: 'feature/oauth' }, '2026-01-05T10:00:00.000Z'),
      ev({ type: 'objective.added', objective: 'obj-aaaa', text: 'a' }, '2026-01-05T10:00:00.000Z'),
    ])!;
    expect(s).toMatchObject({ name: 'oauth', branch: 'feature/oauth', status: 'paused', local: false });
    expect(s.objectives).toHaveLength(1);
  });

  it('union of event lists drops duplicates by id', () => {
    const events = script(started, { type: 'session.paused' });
    expect(unionEvents(events, events, [events[0]!])).toHaveLength(2);
  });
});

describe('conflicts: one id, two versions — both kept, and said', () => {
  const fromHistory = (payload: Parameters<typeof ev>[0], lc: number, author = 'evil@example.com') =>
    ev(payload, '1990-01-01T00:00:00.000Z', { lc, origin: 'e'.repeat(40), author });

  it('keeps the version made here and records the other, its author and commit', () => {
    const local = script(started, {
      type: 'decision.recorded',
      decision: 'dec-aaaa',
      text: 'JWT',
      rationale: 'stateless',
    });
    const forged = fromHistory(
      { type: 'decision.recorded', decision: 'dec-aaaa', text: 'Plain passwords', rationale: 'simpler' },
      1,
    );
    const s = fold([...local, forged])!;
    expect(s.decisions).toMatchObject([{ id: 'dec-aaaa', text: 'JWT', rationale: 'stateless' }]);
    expect(s.conflicts).toEqual([
      expect.objectContaining({
        item: 'dec-aaaa',
        kind: 'decision',
        reason: 'text',
        kept: expect.objectContaining({ text: 'JWT', commit: null }),
        other: expect.objectContaining({ text: 'Plain passwords', author: 'evil@example.com', commit: 'e'.repeat(40) }),
      }),
    ]);
  });

  it('a conflicting line moves only its own version: it neither completes nor resolves the item', () => {
    const local = script(
      started,
      { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
      { type: 'blocker.added', blocker: 'blk-aaaa', text: 'Keys' },
    );
    const s = fold([
      ...local,
      fromHistory({ type: 'objective.added', objective: 'obj-aaaa', text: 'Other' }, 99),
      fromHistory({ type: 'objective.completed', objective: 'obj-aaaa', text: 'Other' }, 99),
      fromHistory({ type: 'blocker.added', blocker: 'blk-aaaa', text: 'Other keys' }, 99),
      fromHistory({ type: 'blocker.resolved', blocker: 'blk-aaaa', text: 'Other keys', note: 'forged' }, 99),
    ])!;
    expect(s.objectives[0]).toMatchObject({ text: 'Login', status: 'open' });
    expect(s.blockers[0]).toMatchObject({ text: 'Keys', status: 'open' });
    expect(s.conflicts.map((c) => [c.item, c.other.text, c.other.status])).toEqual([
      ['obj-aaaa', 'Other', 'done'],
      ['blk-aaaa', 'Other keys', 'resolved'],
    ]);
  });

  it('the same content from history is the same item, not a conflict', () => {
    const local = script(started, { type: 'decision.recorded', decision: 'dec-aaaa', text: 'JWT' });
    const s = fold([...local, fromHistory({ type: 'decision.recorded', decision: 'dec-aaaa', text: 'JWT' }, 1)])!;
    expect(s.decisions).toHaveLength(1);
    expect(s.conflicts).toEqual([]);
  });

  it('two histories: the first in order is shown, the other is a conflict', () => {
    const a = ev({ type: 'objective.added', objective: 'obj-aaaa', text: 'A' }, '2030-01-01T00:00:00.000Z', {
      lc: 5,
      origin: 'a'.repeat(40),
    });
    const b = ev({ type: 'objective.added', objective: 'obj-aaaa', text: 'B' }, '1990-01-01T00:00:00.000Z', {
      lc: 7,
      origin: 'b'.repeat(40),
    });
    const s = fold([b, a])!;
    expect(s.objectives.map((o) => o.text)).toEqual(['A']);
    expect(s.conflicts.map((c) => c.other.text)).toEqual(['B']);
  });

  it('an item id in two sessions is kept in both, each saying so', () => {
    const a = script(started, { type: 'decision.recorded', decision: 'dec-aaaa', text: 'mine' });
    const b = [
      ev({ type: 'decision.recorded', decision: 'dec-aaaa', text: 'theirs' }, '2026-01-05T11:00:00.000Z', {
        session: SID2,
        lc: 3,
        origin: 'c'.repeat(40),
      }),
    ];
    const states = foldAll([...a, ...b]);
    expect(states.get(SID)!.decisions[0]!.text).toBe('mine');
    expect(states.get(SID2)!.decisions[0]!.text).toBe('theirs');
    expect(states.get(SID)!.conflicts).toMatchObject([
      { item: 'dec-aaaa', reason: 'session', other: { session: SID2 } },
    ]);
    expect(states.get(SID2)!.conflicts).toMatchObject([
      { item: 'dec-aaaa', reason: 'session', other: { session: SID } },
    ]);
  });

  it('an entry id with another text is a conflict; the same entry read twice is one entry', () => {
    const entry = (text: string, lc: number) =>
      ev({ type: 'journal.added', kind: 'next', text, entry: 'log-0000000000001' }, '2026-01-05T10:00:00.000Z', {
        lc,
        origin: 'f'.repeat(40),
      });
    const s = fold([entry('wire it', 1), entry('wire it', 2), entry('rewired', 3)])!;
    expect(s.log.map((e) => e.text)).toEqual(['wire it']);
    expect(s.conflicts).toMatchObject([{ item: 'log-0000000000001', kind: 'entry', other: { text: 'rewired' } }]);
  });
});

describe('what two people said is kept', () => {
  it('two resolutions of one blocker with different notes are both kept', () => {
    const s = fold([
      ...script(
        started,
        { type: 'blocker.added', blocker: 'blk-aaaa', text: 'Keys' },
        { type: 'blocker.resolved', blocker: 'blk-aaaa', note: 'they arrived' },
      ),
      ev(
        { type: 'blocker.resolved', blocker: 'blk-aaaa', note: 'used test keys', text: 'Keys' },
        '2026-01-05T12:00:00.000Z',
        {
          lc: 9,
          origin: 'a'.repeat(40),
          author: 'bob@example.com',
        },
      ),
      ev(
        { type: 'blocker.resolved', blocker: 'blk-aaaa', note: 'they arrived', text: 'Keys' },
        '2026-01-05T12:00:00.000Z',
        {
          lc: 10,
          origin: 'b'.repeat(40),
        },
      ),
    ])!;
    expect(s.blockers[0]).toMatchObject({ status: 'resolved', note: 'they arrived' });
    expect(s.blockers[0]!.resolutions.map((r) => [r.note, r.author])).toEqual([
      ['they arrived', 'dev@example.com'],
      ['used test keys', 'bob@example.com'],
    ]);
  });

  it('two identical entries made here are two entries, and their restatement from history changes nothing', () => {
    const local = script(
      started,
      { type: 'journal.added', kind: 'progress', text: 'same' },
      { type: 'journal.added', kind: 'progress', text: 'same' },
    );
    const carried = local.slice(1).map((e, i) =>
      ev({ type: 'journal.added', kind: 'progress', text: 'same', entry: entryIdOf('log', e.id) }, e.at, {
        lc: 50 + i,
        origin: 'c'.repeat(40),
      }),
    );
    expect(fold(local)!.log).toHaveLength(2);
    expect(fold([...local, ...carried])!.log).toHaveLength(2);
  });

  it('an entry carried before ids (0.1) is matched with the one made here', () => {
    const local = script(started, { type: 'journal.added', kind: 'next', text: 'tests' });
    const old = ev({ type: 'journal.added', kind: 'next', text: 'tests' }, '2026-01-05T10:05:00.000Z', {
      lc: 7,
      origin: 'd'.repeat(40),
    });
    expect(fold([...local, old])!.log).toHaveLength(1);
  });

  it('the pause note a commit carried is the session’s pause note', () => {
    const s = fold([ev({ type: 'session.info', pauseNote: 'back Monday' }, '2026-01-05T10:00:00.000Z', { lc: 3 })])!;
    expect(s.pauseNote).toBe('back Monday');
  });
});

describe('the order is the clock, not the date', () => {
  it('a later clock wins whatever date either event claims', () => {
    const s = fold([
      ev({ type: 'session.info', title: 'later' }, '1990-01-01T00:00:00.000Z', { lc: 9 }),
      ev({ type: 'session.info', title: 'earlier' }, '2035-01-01T00:00:00.000Z', { lc: 8 }),
    ])!;
    expect(s.title).toBe('later');
    expect(s.clock).toBe(9);
  });
});
