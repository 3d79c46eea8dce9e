import { describe, expect, it } from 'vitest';
import type { CommitFacts } from '../../src/analytics/model.js';
import { copyCandidates } from '../../src/analytics/squash-copies.js';

const commit = (sha: string, at: string, files: [string, number][]): CommitFacts => ({
  sha,
  at: `2026-01-05T10:${at}:00.000Z`,
  author: 'dev@example.com',
  subject: sha,
  type: null,
  files: files.map(([path, added]) => ({ path, added, removed: 0 })),
});

describe('copyCandidates: a later commit whose files and lines the earlier ones cover', () => {
  it('a squash of two commits, and a cherry-picked copy, are candidates', () => {
    const a = commit('a', '00', [['one', 2]]);
    const b = commit('b', '01', [['two', 1]]);
    const squash = commit('s', '02', [
      ['one', 2],
      ['two', 1],
    ]);
    expect(copyCandidates([a, b, squash])).toEqual([{ copy: 's', of: ['a', 'b'] }]);
    const pick = { ...commit('p', '03', [['one', 2]]), subject: 'a' };
    expect(copyCandidates([a, pick])).toEqual([{ copy: 'p', of: ['a'] }]);
    // The same change under another subject is ordinary work on the same file.
    expect(copyCandidates([a, commit('q', '03', [['one', 2]])])).toEqual([]);
  });

  it('more lines than the earlier commits together, a file they never touched, or nothing earlier: not a candidate', () => {
    const a = commit('a', '00', [['one', 2]]);
    expect(copyCandidates([a, commit('x', '01', [['one', 5]])])).toEqual([]);
    expect(
      copyCandidates([
        a,
        commit('y', '01', [
          ['one', 2],
          ['new', 1],
        ]),
      ]),
    ).toEqual([]);
    const w = commit('w', '01', [['one', 1]]);
    expect(copyCandidates([{ ...commit('z', '05', [['one', 1]]), subject: 'w' }, w])).toEqual([
      { copy: 'z', of: ['w'] },
    ]);
    expect(copyCandidates([commit('e', '00', [])])).toEqual([]);
  });
});
