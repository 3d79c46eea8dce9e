import { describe, expect, it } from 'vitest';
import { fold, foldAll } from '../../src/core/fold.js';
import { type HistoryCommit, importCommit } from '../../src/core/history-import.js';

const A = '01936b2c-7f3e-7abc-9def-00000000000a';
const B = '01936b2c-7f3e-7abc-9def-00000000000b';
let shaN = 0;
function commit(trailers: string[], time = 1_767_607_200): HistoryCommit {
  shaN++;
  return { sha: shaN.toString(16).padStart(40, '0'), commitTime: time, authorEmail: 'a@b.c', trailers };
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
    const done = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [x] obj-aaaa Login'], 100), 1);
    const replay = importCommit(
      commit(
        [`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa Login', 'Session-Objectives: [>] obj-aaaa Login'],
        100,
      ),
      0,
    );
    expect(fold([...done.events, ...replay.events])!.objectives[0]!.status).toBe('done');
    const reopened = importCommit(
      commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa Login; reopened: yes'], 200),
      0,
    );
    expect(fold([...done.events, ...reopened.events])!.objectives[0]!.status).toBe('open');
  });

  it('orders same-second commits by their place in the history walk (parents first)', () => {
    const older = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-aaaa First'], 100), 5);
    const newer = importCommit(commit([`Session: ${A}`, 'Session-Objectives: [ ] obj-bbbb Second'], 100), 2);
    expect(fold([...newer.events, ...older.events])!.objectives.map((o) => o.text)).toEqual(['First', 'Second']);
  });

  it('gives a journal entry the same id wherever it is re-carried, so it is kept once', () => {
    const one = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API']));
    const two = importCommit(commit([`Session: ${A}`, 'Session-Log: next wire the API']));
    const ids = [...one.events, ...two.events].filter((e) => e.type === 'journal.added').map((e) => e.id);
    expect(new Set(ids).size).toBe(1);
  });
});
