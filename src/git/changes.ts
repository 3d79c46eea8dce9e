// The work tree and the index: what is changed, staged, tracked or in conflict.

import { nulFields, parseNameStatus, parsePorcelainStatus, type StatusKind } from './parse.js';
import type { GitQuery } from './query.js';
import type { Repo } from './repo.js';
import { run } from './run.js';

/** Uncommitted changes of the worktree (git status), one entry per path. */
export const worktreeStatus: GitQuery<{ path: string; status: StatusKind }[]> = {
  argv: ['status', '--porcelain=v1', '-z', '--untracked-files=all'],
  parse: (out) => (out.status === 0 ? parsePorcelainStatus(out.stdout) : []),
};

type Changes = { path: string; status: string }[] | null;

/** Staged changes (`all`: every tracked change against HEAD); null when git cannot tell (no HEAD yet). */
export const changesToCommit = (all: boolean): GitQuery<Changes> => ({
  argv: all
    ? ['diff', 'HEAD', '--name-status', '-z', '--no-renames']
    : ['diff', '--cached', '--name-status', '-z', '--no-renames'],
  parse: (out) => (out.status === 0 ? parseNameStatus(out.stdout) : null),
});

/** Everything staged before the first commit: all of it is new. */
export const stagedOnRoot: GitQuery<Changes> = {
  argv: ['diff', '--cached', '--name-status', '-z', '--no-renames', '--root'],
  parse: (out) => (out.status === 0 ? parseNameStatus(out.stdout) : null),
};

/** What a commit would contain: staged changes, or every tracked change with `all`. */
export function pendingChanges(repo: Repo, all: boolean): { path: string; status: string }[] {
  return run(repo, changesToCommit(all)) ?? run(repo, stagedOnRoot) ?? [];
}

/**
 * Whether git tracks `path` (relative to the top, `/`-separated) and it has changes not committed,
 * staged or not. A file git-session would replace must not lose someone's work; when git cannot
 * tell, the answer is yes.
 */
export const hasUncommittedChanges = (path: string): GitQuery<boolean> => ({
  argv: ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--ignore-submodules', '--', `:(literal)${path}`],
  parse: (out) => out.status !== 0 || out.stdout !== '',
});

/** Whether git tracks any of `paths` (relative to the top, `/`-separated); yes when git cannot tell. */
export const anyTracked = (paths: readonly string[]): GitQuery<boolean> => ({
  argv: ['ls-files', '-z', '--', ...paths.map((p) => `:(literal)${p}`)],
  parse: (out) => out.status !== 0 || out.stdout !== '',
});

export function isTracked(repo: Repo, paths: readonly string[]): boolean {
  return paths.length > 0 && run(repo, anyTracked(paths));
}

/** Tracked files matching the pathspecs (e.g. `:(glob)**\/CLAUDE.md`). */
export const trackedFiles = (pathspecs: readonly string[]): GitQuery<string[]> => ({
  argv: ['ls-files', '-z', '--', ...pathspecs],
  parse: (out) => (out.status === 0 ? nulFields(out.stdout) : []),
});

/** Files left in conflict (by a merge that stopped). */
export const conflictedFiles: GitQuery<string[]> = {
  argv: ['diff', '--name-only', '-z', '--diff-filter=U'],
  parse: (out) => (out.status === 0 ? nulFields(out.stdout) : []),
};
