// The repository git-session works in: its directories, the checked-out branch, HEAD, the user.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userError } from '../model/errors.js';
import { parseRepoDirs } from './parse.js';
import { type GitQuery, OBJECT_NAME, trimmedOrNull } from './query.js';
import { run } from './run.js';

export interface Repo {
  /** Top of the working tree. */
  top: string;
  /** This worktree's git dir (HEAD, index, MERGE_MSG...). */
  gitDir: string;
  /** Shared by all worktrees: objects, refs, config — and our store. */
  commonDir: string;
}

export const repoDirs: GitQuery<Repo> = {
  argv: ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--show-toplevel'],
  parse(out) {
    if (out.status !== 0) {
      if (/must be run in a work tree/.test(out.stderr))
        throw userError('bare-repository', 'this is a bare repository', 'run git session inside a working tree');
      throw userError('not-a-repository', 'not a git repository', 'cd into a repository, or run git init first');
    }
    const dirs = parseRepoDirs(out.stdout);
    if (!dirs)
      throw userError(
        'bare-repository',
        'this repository has no working tree',
        'run git session inside a working tree',
      );
    return dirs;
  },
};

export const discoverRepo = (cwd: string): Repo => run({ top: cwd }, repoDirs);

export const symbolicHead: GitQuery<string | null> = {
  argv: ['symbolic-ref', '--quiet', '--short', 'HEAD'],
  parse: (out) => trimmedOrNull(out) || null,
};

/** The checked-out branch, read from HEAD directly; null when HEAD is detached. */
export function currentBranch(repo: Repo): string | null {
  let head: string;
  try {
    head = readFileSync(join(repo.gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    head = '';
  }
  if (head.startsWith('ref: ')) {
    const ref = head.slice(5);
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
  }
  if (OBJECT_NAME.test(head)) return null;
  // Unusual ref storage (reftable): ask git.
  return run(repo, symbolicHead);
}

export const headSha: GitQuery<string | null> = {
  argv: ['rev-parse', '--verify', '--quiet', 'HEAD'],
  parse: trimmedOrNull,
};

export const configValue = (key: string): GitQuery<string | null> => ({
  argv: ['config', '--get', key],
  parse: (out) => (out.status === 0 ? out.stdout.replace(/\n$/, '') : null),
});

/** Who the events made here are by: GIT_AUTHOR_EMAIL, else user.email, else ''. */
export function userEmail(repo: Repo): string {
  const fromEnv = process.env.GIT_AUTHOR_EMAIL;
  if (fromEnv) return fromEnv;
  return run(repo, configValue('user.email'))?.trim() ?? '';
}
