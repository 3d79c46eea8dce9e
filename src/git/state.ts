// What git is in the middle of — a rebase, merge, cherry-pick, revert, bisect or am — and which
// branch that work is for. During a rebase or a bisect HEAD is detached, but git knows the branch
// (rebase-merge/head-name, BISECT_START): commands act on that branch's session.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentBranch, type Repo } from './repo.js';

export type Operation = 'rebase' | 'merge' | 'cherry-pick' | 'revert' | 'bisect' | 'am';

export interface InProgress {
  operation: Operation;
  /** The branch the operation works on; null when it started on a detached HEAD. */
  branch: string | null;
}

/** A file of the git dir, as text without its final newline; null when absent. */
export type ReadGitFile = (name: string) => string | null;

function branchOfRef(ref: string | null): string | null {
  const r = ref?.trim() ?? '';
  return r.startsWith('refs/heads/') ? r.slice('refs/heads/'.length) || null : null;
}

/** Pure: the operation in progress from the files git leaves in the git dir. */
export function inProgressFrom(read: ReadGitFile, headBranch: string | null): InProgress | null {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    const headName = read(`${dir}/head-name`);
    if (headName !== null) return { operation: 'rebase', branch: branchOfRef(headName) };
  }
  // `git am` keeps its state in rebase-apply/ too, marked by `applying`.
  if (read('rebase-apply/applying') !== null) return { operation: 'am', branch: headBranch };
  if (read('MERGE_HEAD') !== null) return { operation: 'merge', branch: headBranch };
  if (read('CHERRY_PICK_HEAD') !== null) return { operation: 'cherry-pick', branch: headBranch };
  if (read('REVERT_HEAD') !== null) return { operation: 'revert', branch: headBranch };
  const bisect = read('BISECT_START');
  if (bisect !== null) {
    // BISECT_START names the branch bisect will return to (a commit id when it began detached).
    const b = bisect.trim();
    return { operation: 'bisect', branch: b === '' || /^[0-9a-f]{40,64}$/.test(b) ? null : b };
  }
  return null;
}

function reader(repo: Repo): ReadGitFile {
  return (name) => {
    try {
      return readFileSync(join(repo.gitDir, name), 'utf8').replace(/\n$/, '');
    } catch {
      return null;
    }
  };
}

export function inProgress(repo: Repo): InProgress | null {
  return inProgressFrom(reader(repo), currentBranch(repo));
}

/**
 * The branch being worked on: the checked-out one, or — while HEAD is detached by a rebase or a
 * bisect — the branch that operation is for. Null on a plainly detached HEAD.
 */
export function workingBranch(repo: Repo): string | null {
  const checkedOut = currentBranch(repo);
  if (checkedOut !== null) return checkedOut;
  return inProgressFrom(reader(repo), null)?.branch ?? null;
}
