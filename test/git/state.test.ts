import { describe, expect, it } from 'vitest';
import { inProgressFrom } from '../../src/git/state.js';

const files = (f: Record<string, string>) => (name: string) => f[name] ?? null;

describe('what git is in the middle of, from the files of the git dir', () => {
  it('a rebase names its branch from head-name (merge and apply back ends)', () => {
    expect(inProgressFrom(files({ 'rebase-merge/head-name': 'refs/heads/feature/x' }), null)).toEqual({
      operation: 'rebase',
      branch: 'feature/x',
    });
    expect(inProgressFrom(files({ 'rebase-apply/head-name': 'refs/heads/y\n' }), null)).toEqual({
      operation: 'rebase',
      branch: 'y',
    });
    expect(inProgressFrom(files({ 'rebase-merge/head-name': 'detached HEAD' }), null)).toEqual({
      operation: 'rebase',
      branch: null,
    });
  });

  it('merge, cherry-pick, revert and am happen on the checked-out branch', () => {
    for (const [file, operation] of [
      ['MERGE_HEAD', 'merge'],
      ['CHERRY_PICK_HEAD', 'cherry-pick'],
      ['REVERT_HEAD', 'revert'],
      ['rebase-apply/applying', 'am'],
    ] as const)
      expect(inProgressFrom(files({ [file]: 'abc' }), 'main')).toEqual({ operation, branch: 'main' });
  });

  it('a bisect returns to the branch in BISECT_START (none when it began detached)', () => {
    expect(inProgressFrom(files({ BISECT_START: 'feature/z' }), null)).toEqual({
      operation: 'bisect',
      branch: 'feature/z',
    });
    expect(inProgressFrom(files({ BISECT_START: 'a'.repeat(40) }), null)).toEqual({
      operation: 'bisect',
      branch: null,
    });
  });

  it('nothing in progress', () => {
    expect(inProgressFrom(files({}), 'main')).toBeNull();
  });
});
