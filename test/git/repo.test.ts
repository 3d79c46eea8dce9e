// Finding the repository without a process (src/git/repo.ts repoFromFiles): wherever it decides,
// it says what `git rev-parse` says; wherever git's reading could differ, it leaves it to git.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRepo, repoDirs, repoFromFiles } from '../../src/git/repo.js';
import { run } from '../../src/git/run.js';
import { cleanupAll, makeRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const viaGit = (cwd: string) => run({ top: cwd }, repoDirs);

describe('repoFromFiles', () => {
  const r = makeRepo();
  mkdirSync(join(r.dir, 'a', 'b'), { recursive: true });
  const linked = join(tempDir(), 'linked');
  r.git(['worktree', 'add', '-q', linked]);
  // A submodule's .git is a file with a relative gitdir.
  const sub = join(r.dir, 'sub');
  mkdirSync(sub);
  const modules = join(r.dir, '.git', 'modules', 'sub');
  mkdirSync(join(r.dir, '.git', 'modules'));
  r.git(['init', '-q', '--separate-git-dir', modules, sub]);
  writeFileSync(join(sub, '.git'), 'gitdir: ../.git/modules/sub\n');
  // Reached through a symlink: both answers are real paths.
  const link = join(tempDir(), 'via-link');
  symlinkSync(r.dir, link);

  it.each([
    ['the top', () => r.dir],
    ['a folder below', () => join(r.dir, 'a', 'b')],
    ['a linked worktree', () => linked],
    ['a submodule with a relative gitdir', () => sub],
    ['a path through a symlink', () => join(link, 'a')],
  ])('%s: the same three directories as git rev-parse', (_, where) => {
    const cwd = where();
    expect(repoFromFiles(cwd, env)).toEqual(viaGit(cwd));
  });

  it('leaves to git: inside .git, a folder that is a git dir, variables that move the repository', () => {
    expect(repoFromFiles(join(r.dir, '.git', 'objects'), env)).toBeNull();
    expect(repoFromFiles(join(r.dir, '.git'), env)).toBeNull();
    expect(repoFromFiles(r.dir, { ...env, GIT_DIR: join(r.dir, '.git') })).toBeNull();
    expect(repoFromFiles(r.dir, { ...env, GIT_WORK_TREE: r.dir })).toBeNull();
    expect(repoFromFiles(r.dir, { ...env, GIT_CONFIG_COUNT: '1' })).toBeNull();
    expect(repoFromFiles(r.dir, { ...env, GIT_CONFIG_NOSYSTEM: '1' })).not.toBeNull();
  });

  it('leaves to git: a work tree or a bare repository set in the config', () => {
    const other = makeRepo();
    other.git(['config', 'core.worktree', other.dir]);
    expect(repoFromFiles(other.dir, env)).toBeNull();
    // git itself still answers, and discoverRepo asks it.
    expect(discoverRepo(other.dir, env)).toEqual(viaGit(other.dir));
  });

  it('leaves to git: a gitdir file it cannot read as one, and no repository at all', () => {
    const odd = tempDir();
    writeFileSync(join(odd, '.git'), 'not a gitdir line\n');
    expect(repoFromFiles(odd, env)).toBeNull();
    const none = tempDir();
    expect(repoFromFiles(none, env)).toBeNull();
    expect(() => discoverRepo(none, env)).toThrow(/not a git repository/);
  });
});
