// Branches, tags and what they point at.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import {
  lines,
  parseBranchTips,
  parseLeftRight,
  parseRefRecords,
  parseTips,
  parseWorktreeList,
  REF_RECORD_FORMAT,
  type RefRecord,
  TIP_FORMAT,
} from './parse.js';
import { type GitQuery, OBJECT_NAME, stdoutOrThrow } from './query.js';
import { currentBranch, type Repo } from './repo.js';
import { run } from './run.js';

export const branchExists = (branch: string): GitQuery<boolean> => ({
  argv: ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`],
  parse: (out) => out.status === 0,
});

/** Validate a branch name with git itself (the final word on what git accepts). */
export const checkBranchName = (branch: string): GitQuery<void> => ({
  argv: ['check-ref-format', '--branch', branch],
  parse(out) {
    if (out.status !== 0)
      throw userError('bad-branch', `'${clip(branch)}' is not a valid branch name`, 'see git help check-ref-format');
  },
});

/** The commit `ref` names, or an error that says so (a ref starting with `-` is never an option). */
export function resolveCommit(repo: Repo, ref: string): string {
  const sha = ref.startsWith('-') ? '' : run(repo, commitOf(ref));
  if (!OBJECT_NAME.test(sha))
    throw userError('bad-ref', `'${clip(ref)}' names no commit`, 'give a branch, tag or commit, e.g. --from main');
  return sha;
}

export const commitOf = (ref: string): GitQuery<string> => ({
  argv: ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
  parse: (out) => (out.status === 0 ? out.stdout.trim() : ''),
});

/** Worktrees and the branch each has checked out (for "checked out elsewhere" messages). */
export const worktreeBranches: GitQuery<Map<string, string>> = {
  argv: ['worktree', 'list', '--porcelain'],
  parse: (out) => (out.status === 0 ? parseWorktreeList(out.stdout) : new Map()),
};

export const localBranchRefs: GitQuery<string[]> = {
  // lstrip, not :short, which says heads/x when a tag x exists too.
  argv: ['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads'],
  parse: (out) => (out.status === 0 ? lines(out.stdout) : []),
};

/** The local branch names, in one git process. */
export function localBranches(repo: Repo): Set<string> {
  const branches = new Set(run(repo, localBranchRefs));
  // A branch checked out before its first commit exists without a ref.
  const current = currentBranch(repo);
  if (current) branches.add(current);
  return branches;
}

export const branchCommit = (branch: string): GitQuery<string | null> => ({
  argv: ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`],
  parse(out) {
    const sha = out.status === 0 ? out.stdout.trim() : '';
    return OBJECT_NAME.test(sha) ? sha : null;
  },
});

/** The commit a local branch points at, from its ref file when it is loose; git otherwise. */
export function branchTip(repo: Repo, branch: string): string | null {
  try {
    const sha = readFileSync(join(repo.commonDir, 'refs', 'heads', ...branch.split('/')), 'utf8').trim();
    if (OBJECT_NAME.test(sha)) return sha;
  } catch {
    // Packed or stored another way: ask git.
  }
  return run(repo, branchCommit(branch));
}

/** Commit tips of all branches, remote-tracking branches and tags (peeled), sorted. */
export const refTips: GitQuery<string[]> = {
  argv: ['for-each-ref', `--format=${TIP_FORMAT}`, 'refs/heads', 'refs/remotes', 'refs/tags'],
  parse: (out) => parseTips(stdoutOrThrow(out, 'for-each-ref')),
};

/** Branch names (local, and remote-tracking without their remote) with their tips. */
export const branchTipsByName: GitQuery<Map<string, string[]>> = {
  argv: ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes'],
  parse: (out) => parseBranchTips(stdoutOrThrow(out, 'for-each-ref')),
};

/**
 * Whether any of `commits` is outside the history of `tips` (a force-push, a deleted branch): true
 * also when git cannot tell.
 */
export const anyOutside = (commits: readonly string[], tips: readonly string[]): GitQuery<boolean> => ({
  argv: ['rev-list', '--max-count=1', ...commits, '--not', ...tips, '--'],
  parse: (out) => out.status !== 0 || out.stdout.trim() !== '',
});

/**
 * The commits `tip` contains that `oldest`'s parents do not: every commit of a session's branch
 * since its first carrying commit, in one walk (the hooks run the same, hooks/lib.sh gs_base).
 * Objects that are gone are skipped; an unknown tip gives nothing.
 */
export const commitsSince = (tip: string, oldest: string): GitQuery<Set<string>> => ({
  argv: ['rev-list', '--ignore-missing', '--stdin'],
  input: `${tip}\n^${oldest}^@\n`,
  parse: (out) => new Set(out.status === 0 ? lines(out.stdout) : []),
});

/**
 * The refs that say where `branch` stands: the local branch, its remote-tracking copies, the
 * remotes' HEADs and the usual default branches. Branch names cannot hold glob characters
 * (check-ref-format), so the patterns are literal.
 */
export const branchRefs = (branch: string): GitQuery<Map<string, RefRecord>> => ({
  argv: [
    'for-each-ref',
    `--format=${REF_RECORD_FORMAT}`,
    `refs/heads/${branch}`,
    `refs/remotes/*/${branch}`,
    'refs/remotes/*/HEAD',
    'refs/heads/main',
    'refs/heads/master',
  ],
  parse: (out) => (out.status === 0 ? parseRefRecords(out.stdout) : new Map()),
});

/** How many commits `a` has that `b` has not (left), and the other way round (right). */
export const leftRight = (a: string, b: string): GitQuery<{ left: number; right: number } | null> => ({
  argv: ['rev-list', '--left-right', '--count', `${a}...${b}`, '--'],
  parse: (out) => (out.status === 0 ? parseLeftRight(out.stdout) : null),
});
