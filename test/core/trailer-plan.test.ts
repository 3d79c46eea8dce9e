import { describe, expect, it } from 'vitest';
import { fold } from '../../src/core/fold.js';
import { planTrailers, renderTrailerFile } from '../../src/core/trailer-plan.js';
import { entryIdOf } from '../../src/model/ids.js';
import { SID, script } from '../helpers/events.js';

const started = {
  type: 'session.started',
  name: 'oauth',
  title: 'Build OAuth',
  branch: 'feature/oauth',
  tasks: ['J-1'],
} as const;

function plan(events: ReturnType<typeof script>, journal = true) {
  return planTrailers(fold(events)!, events, { journal });
}

describe('planTrailers', () => {
  it('carries the session, its metadata and new items on the first commit', () => {
    const events = script(
      started,
      { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
      { type: 'decision.recorded', decision: 'dec-aaaa', text: 'JWT', rationale: 'stateless' },
      { type: 'journal.added', kind: 'next', text: 'tests' },
    );
    const p = plan(events);
    expect(p).toEqual([
      { seq: 'always', line: `Session: ${SID}` },
      { seq: 1, line: 'Session-Info: name oauth' },
      { seq: 1, line: 'Session-Info: title Build OAuth' },
      { seq: 1, line: 'Session-Info: branch feature/oauth' },
      { seq: 1, line: 'Session-Info: task J-1' },
      { seq: 2, line: 'Session-Objectives: [ ] obj-aaaa Login' },
      { seq: 3, line: 'Decisions: dec-aaaa JWT; rationale: stateless' },
      { seq: 4, line: `Session-Log: next tests; id: ${entryIdOf('log', events[3]!.id)}` },
    ]);
  });

  it('claims the session clock with the last item, so the commit orders after all it carries', () => {
    const events = script(started, { type: 'decision.recorded', decision: 'dec-aaaa', text: 'JWT' }).map((e, i) => ({
      ...e,
      lc: 40 + i,
    }));
    const p = plan(events);
    expect(p.at(-1)).toEqual({ seq: 2, line: 'Session-Info: clock 41' });
    // Nothing to carry, no claim.
    const committed = [
      ...events,
      { ...events[0]!, id: 'x', type: 'commit.recorded', sha: 'a'.repeat(40), mark: 2 } as never,
    ];
    expect(planTrailers(fold(committed)!, committed, { journal: true })).toEqual([
      { seq: 'always', line: `Session: ${SID}` },
    ]);
  });

  it('gives two identical entries two lines (their ids differ), so git keeps both', () => {
    const events = script(
      started,
      { type: 'journal.added', kind: 'progress', text: 'same' },
      { type: 'journal.added', kind: 'progress', text: 'same' },
    );
    const logs = plan(events).filter((l) => l.line.startsWith('Session-Log'));
    expect(logs).toHaveLength(2);
    expect(new Set(logs.map((l) => l.line)).size).toBe(2);
  });

  it('carries the note of the latest pause, and none when it had none', () => {
    const noted = plan(script(started, { type: 'session.paused', note: 'waiting on review', shared: true }));
    expect(noted).toContainEqual({ seq: 2, line: 'Session-Info: note waiting on review' });
    // A branch switch's own note stays on this clone; a typed one before it is still carried.
    const switched = plan(
      script(
        started,
        { type: 'session.paused', note: 'typed', shared: true },
        { type: 'session.resumed' },
        { type: 'session.paused', note: 'switched to main' },
      ),
    );
    expect(switched.filter((l) => l.line.startsWith('Session-Info: note'))).toEqual([
      { seq: 2, line: 'Session-Info: note typed' },
    ]);
  });

  it('carries one line per item with its latest state and the seq of its latest change', () => {
    const p = plan(
      script(
        started,
        { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
        { type: 'objective.started', objective: 'obj-aaaa' },
        { type: 'objective.completed', objective: 'obj-aaaa' },
      ),
    );
    expect(p.filter((l) => l.line.startsWith('Session-Objectives'))).toEqual([
      { seq: 4, line: 'Session-Objectives: [x] obj-aaaa Login' },
    ]);
  });

  it('leaves out what a recorded commit already carried', () => {
    const events = script(
      started,
      { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
      { type: 'blocker.added', blocker: 'blk-aaaa', text: 'keys' },
      { type: 'objective.completed', objective: 'obj-aaaa' },
    );
    // A commit carried everything up to seq 3; the completion (seq 4) is still pending.
    events.push({
      ...events[0]!,
      id: 'commit-x',
      type: 'commit.recorded',
      sha: 'a'.repeat(40),
      mark: 3,
      seq: undefined,
    } as never);
    const p = planTrailers(fold(events)!, events, { journal: true });
    expect(p).toEqual([
      { seq: 'always', line: `Session: ${SID}` },
      { seq: 4, line: 'Session-Objectives: [x] obj-aaaa Login' },
    ]);
  });

  it('can leave journal entries out', () => {
    const p = plan(script(started, { type: 'journal.added', kind: 'progress', text: 'x' }), false);
    expect(p.some((l) => l.line.startsWith('Session-Log'))).toBe(false);
  });

  it('marks only the commit that carries the end of an ended session', () => {
    const p = plan(script(started, { type: 'session.completed', summary: 'shipped' }));
    expect(p[0]).toEqual({ seq: 2, line: `Session: ${SID}` });
    expect(p[p.length - 1]).toEqual({ seq: 2, line: 'Session-Info: status completed; summary: shipped' });
    const events = script(started, { type: 'session.completed' });
    events.push({
      ...events[0]!,
      id: 'c',
      type: 'commit.recorded',
      sha: 'b'.repeat(40),
      mark: 2,
      seq: undefined,
    } as never);
    expect(planTrailers(fold(events)!, events, { journal: true })).toEqual([]);
  });

  it('renders the file the hooks read', () => {
    const text = renderTrailerFile(SID, [
      { seq: 'always', line: `Session: ${SID}` },
      { seq: 2, line: 'Session-Log: next x' },
    ]);
    expect(text).toBe(`git-session-trailers 1 ${SID}\nalways Session: ${SID}\n2 Session-Log: next x\n`);
  });
});
