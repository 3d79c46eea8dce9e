import { describe, expect, it } from 'vitest';
import { unionEvents } from '../../src/core/events.js';
import { activeMs, fold, foldAll } from '../../src/core/fold.js';
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
