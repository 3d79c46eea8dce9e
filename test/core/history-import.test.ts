import { describe, expect, it } from 'vitest';
import { fold, foldAll } from '../../src/core/fold.js';
import {
  type HistoryCommit,
  importCommit,
  MAX_ITEMS_PER_COMMIT,
  MAX_SESSIONS_PER_COMMIT,
  sliceCommit,
} from '../../src/core/history-import.js';

const A = '01936b2c-7f3e-7abc-9def-00000000000a';
const B = '01936b2c-7f3e-7abc-9def-00000000000b';
let shaN = 0;
function commit(trailers: string[], generation = 1, time = 1_767_607_200): HistoryCommit {
  shaN++;
  return { sha: shaN.toString(16).padStart(40, '0'), generation, commitTime: time, authorEmail: 'a@b.c', trailers };
}

describe('importCommit', () => {
  it('turns a trailer block into events of the session named before them', () => {
    const r = importCommit(
      commit([
        `Session: ${A}`,
        'Session-Info: name oauth',
        'Session-Objectives: [x] obj-aaaa Login',
        'Decisions: dec-aaaa JWT; rationale: stateless',
      ]),
    );
    expect(r.sessions).toEqual([A]);
    const s = fold(r.events)!;
    expect(s).toMatchObject({ name: 'oauth' });
    expect(s.objectives).toMatchObject([{ id: 'obj-aaaa', status: 'done' }]);
    expect(s.decisions).toMatchObject([{ id: 'dec-aaaa', rationale: 'stateless' }]);
    expect(s.commits).toHaveLength(1);
  });

  it('attributes items of a squash commit to the session line before them', () => {
    const r = importCommit(
      commit([`Session: ${A}`, 'Decisions: dec-aaaa for A', `Session: ${B}`, 'Decisions: dec-bbbb for B']),
    );
    const states = foldAll(r.events);
    expect(states.get(A)!.decisions.map((d) => d.id)).toEqual(['dec-aaaa']);
    expect(states.get(B)!.decisions.map((d) => d.id)).toEqual(['dec-bbbb']);
  });

  it('ignores items before any Session line and reports malformed ones', () => {
    const r = importCommit(commit(['Decisions: dec-aaaa orphan', `Session: ${A}`, 'Session-Objectives: nonsense']));
    expect(r.events.filter((e) => e.type === 'decision.recorded')).toEqual([]);
    expect(r.rejected).toEqual(['Session-Objectives: nonsense']);
  });

  it('never lets a replayed older state undo a later one, whatever the commit order', () => {
    // A squash commit later in history re-carries `[ ]` and `[>]` from before the completion.
    const done = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [x] obj-aaaa Login'], 1));
    const replay = importCommit(
      commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa Login', 'Session-Objectives: [>] obj-aaaa Login'], 2),
    );
    expect(fold([...done.events, ...replay.events])!.objectives[0]!.status).toBe('done');
    const reopened = importCommit(
      commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa Login; reopened: yes'], 3),
    );
    expect(fold([...done.events, ...reopened.events])!.objectives[0]!.status).toBe('open');
  });

  it('orders commits by generation, never by the dates they claim', () => {
    // The child claims 1990, its parent 2030: the child still comes after.
    const parent = importCommit(commit([`Session: ${A}`, 'Session-Info: title Parent'], 5, 1_900_000_000));
    const child = importCommit(commit([`Session: ${A}`, 'Session-Info: title Child'], 6, 631_152_000));
    expect(fold([...child.events, ...parent.events])!.title).toBe('Child');
    const a = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa First'], 2));
    const b = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-bbbb Second'], 3));
    expect(fold([...b.events, ...a.events])!.objectives.map((o) => o.text)).toEqual(['First', 'Second']);
  });

  it('keeps a journal entry once wherever its id is re-carried, and two entries with one text twice', () => {
    const one = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API; id: log-0000000000001']));
    const again = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API; id: log-0000000000001'], 2));
    const twin = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API; id: log-0000000000002'], 2));
    expect(fold([...one.events, ...again.events])!.log).toHaveLength(1);
    expect(fold([...one.events, ...again.events, ...twin.events])!.log).toHaveLength(2);
  });

  it('keeps an entry of 0.1 (no id) once wherever it is re-carried', () => {
    const one = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API']));
    const two = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API'], 2));
    expect(fold([...one.events, ...two.events])!.log).toHaveLength(1);
  });

  it('reads the pause note a commit carried', () => {
    const r = importCommit(commit([`Session: ${A}`, 'Session-Info: note back on Monday']));
    expect(fold(r.events)!.pauseNote).toBe('back on Monday');
  });
});

describe('sliceCommit: what one commit can make is bounded', () => {
  it('gives each session only its own items', () => {
    const s = sliceCommit([`Session: ${A}`, 'Decisions: dec-aaaa a', `Session: ${B}`, 'Decisions: dec-bbbb b']);
    expect(s.lines.get(A)).toEqual(['Decisions: dec-aaaa a']);
    expect(s.lines.get(B)).toEqual(['Decisions: dec-bbbb b']);
  });

  it(`reads at most ${MAX_SESSIONS_PER_COMMIT} sessions and ${MAX_ITEMS_PER_COMMIT} items of one commit`, () => {
    const sessions = Array.from({ length: 10_000 }, (_, i) => `01936b2c-7f3e-7abc-9def-${String(i).padStart(12, '0')}`);
    const many = sliceCommit(sessions.flatMap((s) => [`Session: ${s}`, 'Decisions: dec-aaaa same']));
    expect(many.items.size).toBe(MAX_SESSIONS_PER_COMMIT);
    expect(many.droppedSessions).toBe(10_000 - MAX_SESSIONS_PER_COMMIT);
    const items = Array.from({ length: MAX_ITEMS_PER_COMMIT + 5 }, (_, i) => `Session-Log: progress p${i}`);
    const full = sliceCommit([`Session: ${A}`, ...items]);
    expect(full.items.get(A)).toHaveLength(MAX_ITEMS_PER_COMMIT);
    expect(full.droppedItems).toBe(5);
  });

  it('reports values longer than typed text may be and reads the rest', () => {
    const s = sliceCommit([
      `Session: ${A}`,
      `Decisions: dec-aaaa ${'x'.repeat(8 * 1024 * 1024)}`,
      'Decisions: dec-bbbb ok',
    ]);
    expect(s.items.get(A)!.map((i) => (i.kind === 'decision' ? i.id : ''))).toEqual(['dec-bbbb']);
    expect(s.rejected).toHaveLength(1);
    expect(s.rejected[0]!.reason).toBe('too-long');
    expect(s.rejected[0]!.line.length).toBeLessThan(300);
  });
});
