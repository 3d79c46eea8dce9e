// The on-disk layout of the local store (contract: docs/storage.md; the sh hooks read it too).

import { join } from 'node:path';
import { userError } from '../model/errors.js';
import { SESSION_FILES, STORE_DIR, STORE_FILES, STORE_FORMAT } from '../model/hook-contract.js';
import { isSessionId } from '../model/ids.js';
import { clip } from '../model/text.js';

export { STORE_FORMAT };

export interface StorePaths {
  root: string;
  format: string;
  lock: string;
  branches: string;
  hooks: string;
  rewrites: string;
  history: string;
}

export function storePaths(commonDir: string): StorePaths {
  const root = join(commonDir, STORE_DIR);
  return {
    root,
    format: join(root, STORE_FILES.format),
    lock: join(root, STORE_FILES.lock),
    branches: join(root, STORE_FILES.branches),
    hooks: join(root, STORE_FILES.hooks),
    rewrites: join(root, STORE_FILES.rewrites),
    history: join(root, STORE_FILES.history),
  };
}

export function sessionDir(p: StorePaths, id: string): string {
  // Ids come from users (prefixes resolved elsewhere) and from files: only a full UUID reaches a path.
  if (!isSessionId(id)) throw new Error(`not a session id: ${JSON.stringify(id)}`);
  return join(p.root, id);
}

export const journalPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.journal);
export const damagedPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.damaged);
export const trailersPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.trailers);
export const committedPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.committed);
export const carryPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.carry);
/** Present while a command is between appending to the journal and rewriting `trailers`. */
export const stalePath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.stale);
/** What a branch switch reads, precomputed (post-checkout). */
export const switchStatePath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.switchState);
/** What post-checkout changed since `switch` was written. */
export const switchedPath = (p: StorePaths, id: string) => join(sessionDir(p, id), SESSION_FILES.switched);

/**
 * Git's own rules for branch names (git-check-ref-format), checked here without a process.
 * They are what keeps `branches/<branch>` inside the store: no `..`, no leading `/` or `-`,
 * no component starting with `.`, no control characters.
 */
export function branchNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name === '@' || name === 'HEAD') return `"${name}" is reserved`;
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it has an empty path component';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.endsWith('.')) return 'it ends with "."';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it contains a space, a control character or one of ~^:?*[\\';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'a component starts with "."';
    if (part.endsWith('.lock')) return 'a component ends with ".lock"';
  }
  if (Buffer.byteLength(name) > 200) return 'it is longer than 200 bytes';
  return null;
}

export function branchMapPath(p: StorePaths, branch: string): string {
  const problem = branchNameProblem(branch);
  if (problem) throw userError('bad-branch', `'${clip(branch)}' is not a valid branch name: ${problem}`);
  return join(p.branches, ...branch.split('/'));
}
