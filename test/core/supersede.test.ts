// Decisions that replace decisions: the fold links them within a session (in whatever order a
// clone reads them), replacementsAcross/linkAcross across sessions, decideSupersede refuses what
// cannot be replaced; and every item learns the commit that first carried it.

import { describe, expect, it } from 'vitest';
import { decideSupersede } from '../../src/core/decide/items.js';
import { fold, foldAll } from '../../src/core/fold.js';
import { isCurrent, linkAcross, replacementsAcross } from '../../src/core/supersede.js';
import { ev, SID, SID2, script } from '../helpers/events.js';

const started = { type: 'session.started', name: 'a', title: 'A', branch: 'a', tasks: [] } as const;
const decision = (id: string, text: string, supersedes?: string) =>
  ({ type: 'decision.recorded', decision: id, text, ...(supersedes ? { supersedes } : {}) }) as const;
const random = (n: number) => new Uint8Array(n).map((_v, i) => i * 37 + 11);

describe('decisions replaced within a session', () => {
  it('the old decision names its replacement, the new one what it replaces; only the new one is current', () => {
    const s = fold(script(started, decision('dec-aaaa', 'Use JWT'), decision('dec-bbbb', 'Use cookies', 'dec-aaaa')))!;
    expect(s.decisions.map((d) => [d.id, d.supersedes, d.supersededBy])).toEqual([
      ['dec-aaaa', null, 'dec-bbbb'],
      ['dec-bbbb', 'dec-aaaa', null],
    ]);
    expect(s.decisions.filter(isCurrent).map((d) => d.id)).toEqual(['dec-bbbb']);
  });

  it('links them when the replacement is folded first (a clone that reads it in that order)', () => {
    const at = '2026-01-05T10:00:00.000Z';
    const s = fold([
      ev(started, at, { lc: 1 }),
      ev(decision('dec-bbbb', 'Use cookies', 'dec-aaaa'), at, { lc: 2 }),
      ev(decision('dec-aaaa', 'Use JWT'), at, { lc: 3 }),
    ])!;
    expect(s.decisions.find((d) => d.id === 'dec-aaaa')?.supersededBy).toBe('dec-bbbb');
  });

  it('a second replacement of one decision leaves the first named', () => {
    const s = fold(
      script(
        started,
        decision('dec-aaaa', 'Use JWT'),
        decision('dec-bbbb', 'Use cookies', 'dec-aaaa'),
        decision('dec-cccc', 'Use sessions', 'dec-aaaa'),
      ),
    )!;
    expect(s.decisions[0]!.supersededBy).toBe('dec-bbbb');
    expect(s.decisions.filter(isCurrent).map((d) => d.id)).toEqual(['dec-bbbb', 'dec-cccc']);
  });

  it('the same id with another replaced decision is a conflict, as any other difference is', () => {
    const at = '2026-01-05T10:00:00.000Z';
    const s = fold([
      ev(started, at, { lc: 1 }),
      ev(decision('dec-bbbb', 'Use cookies', 'dec-aaaa'), at, { lc: 2 }),
      ev(decision('dec-bbbb', 'Use cookies', 'dec-zzzz'), at, { lc: 3, origin: 'f'.repeat(40) }),
    ])!;
    expect(s.conflicts).toHaveLength(1);
    expect(s.conflicts[0]!.other.supersedes).toBe('dec-zzzz');
  });
});

describe('decisions replaced across sessions', () => {
  const at = '2026-01-05T10:00:00.000Z';
  const states = foldAll([
    ev(started, at, { lc: 1 }),
    ev(decision('dec-aaaa', 'Use JWT'), at, { lc: 2 }),
    ev({ ...started, name: 'b' }, at, { lc: 1, session: SID2 }),
    ev(decision('dec-cccc', 'Use sessions', 'dec-aaaa'), at, { lc: 2, session: SID2 }),
    ev(decision('dec-bbbb', 'Use cookies', 'dec-aaaa'), at, { lc: 3, session: SID2 }),
  ]);

  it('names the lower id of two replacements, the same on every clone', () => {
    const replacements = replacementsAcross(states.values());
    expect([...replacements]).toEqual([['dec-aaaa', 'dec-bbbb']]);
  });

  it('links the old session without touching one nothing replaced', () => {
    const replacements = replacementsAcross(states.values());
    const a = linkAcross(states.get(SID)!, replacements);
    expect(a.decisions[0]!.supersededBy).toBe('dec-bbbb');
    const b = states.get(SID2)!;
    expect(linkAcross(b, replacements)).toBe(b);
  });
});

describe('decideSupersede', () => {
  const s = fold(
    script(started, decision('dec-aaaa0000', 'Use JWT'), decision('dec-bbbb0000', 'Use X', 'dec-aaaa0000')),
  )!;
  const other = {
    session: { id: SID2, name: 'b' },
    decision: { ...s.decisions[0]!, id: 'dec-kkkk0000', text: 'Elsewhere', supersededBy: null, supersedes: null },
  };

  it('records a decision that names the one it replaces: by number, by id, or another session’s by id prefix', () => {
    const byNumber = decideSupersede(s, '2', 'Use Y', { rationale: 'why' }, random, []);
    expect(byNumber.refused).toBeUndefined();
    if (byNumber.refused) return;
    expect(byNumber.events).toEqual([
      expect.objectContaining({
        type: 'decision.recorded',
        text: 'Use Y',
        rationale: 'why',
        supersedes: 'dec-bbbb0000',
      }),
    ]);
    const theirs = decideSupersede(s, 'dec-kkkk', 'Use Z', {}, random, [other]);
    expect(theirs.refused).toBeUndefined();
    if (!theirs.refused) expect(theirs.result.replaced.session.name).toBe('b');
  });

  it('refuses a decision replaced already, one nobody has, and a prefix too short to name another session’s', () => {
    expect(decideSupersede(s, '1', 'again', {}, random, [])).toMatchObject({ refused: true, code: 'already' });
    expect(decideSupersede(s, 'dec-zzzz', 'x', {}, random, [other])).toMatchObject({
      refused: true,
      code: 'unknown-decision',
    });
    expect(decideSupersede(s, 'kkk', 'x', {}, random, [other])).toMatchObject({
      refused: true,
      code: 'unknown-decision',
    });
  });
});

describe('the commit that carried an item', () => {
  it('is the first recorded commit whose mark covers the item, also when the commit is folded first', () => {
    const evs = script(
      started,
      decision('dec-aaaa', 'Use JWT'),
      { type: 'commit.recorded', sha: 'a'.repeat(40), mark: 2 },
      { type: 'journal.added', kind: 'progress', text: 'later' },
      { type: 'objective.added', objective: 'obj-aaaa', text: 'Login' },
    );
    const s = fold([...evs, ev({ type: 'commit.recorded', sha: 'b'.repeat(40), mark: 5 }, evs[0]!.at, { seq: 6 })])!;
    expect(s.decisions[0]!.commit).toBe('a'.repeat(40));
    expect(s.log[0]!.commit).toBe('b'.repeat(40));
    expect(s.objectives[0]!.commit).toBe('b'.repeat(40));
  });

  it('is the commit an item was read from, and stays null for what no commit carried yet', () => {
    const s = fold([
      ev(started, '2026-01-05T10:00:00.000Z', { seq: 1, lc: 1 }),
      ev(decision('dec-aaaa', 'Use JWT'), '2026-01-05T10:00:00.000Z', { lc: 2, origin: 'c'.repeat(40) }),
      ev(decision('dec-bbbb', 'Pending'), '2026-01-05T10:00:00.000Z', { seq: 2, lc: 3 }),
    ])!;
    expect(s.decisions.map((d) => d.commit)).toEqual(['c'.repeat(40), null]);
    expect(s.id).toBe(SID);
  });
});
