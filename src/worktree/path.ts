// Paths of files git-session reads or writes in the work tree (SESSION.md, the handoff, the decision
// log, `.session/`, `.claude/settings.json`, AGENTS.md, hook scripts under the work tree). Most of
// them come from a cloned repository — `.session/config.yaml`, or a tracked symlink on the way —
// so a path is used only if, with every symlink resolved, it stays inside the work tree and out of
// any `.git`. Checked right before each read or write: a link planted later is caught as well.
// (The attacker here is a repository's content, not a process racing us on this machine.)

import { lstatSync, mkdirSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import type { Repo } from '../git/repo.js';
import { userError } from '../model/errors.js';
import { fileKind } from '../store/regular-file.js';

function within(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `p`'s deepest existing ancestor, with the rest appended. */
function realish(p: string): string {
  let dir = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(dir), ...rest.reverse());
    } catch {
      const up = dirname(dir);
      if (up === dir) return p;
      rest.push(dir.slice(up.length + 1));
      dir = up;
    }
  }
}

const isDotGit = (part: string) => part.toLowerCase() === '.git';

/**
 * `read` follows a last symlink that stays inside; `write` refuses one (the write would replace or
 * land elsewhere) and anything but a regular file there; `create` checks like `read` (nothing that
 * exists is written over) but speaks of writing.
 */
export type PathPurpose = 'read' | 'write' | 'create';

/** A path refused: one line naming what chose it (a config key, "the handoff path"…), the path and why. */
export function pathRefusal(what: string, rel: string, why: string, purpose: PathPurpose, hint: string) {
  return userError(
    'bad-path',
    `${what} '${rel}' ${why}; ${purpose === 'read' ? 'it was not read' : 'nothing was written'}`,
    hint,
  );
}

/**
 * The absolute path of `rel` (relative to the top of the work tree), checked: relative, no `..`,
 * not into any `.git`; every existing component resolved — a symlink must land inside the work
 * tree and out of `.git`, a broken one is refused — and every component but the last a directory.
 * `what` names the origin of the path in errors.
 */
export function worktreeTarget(repo: Repo, rel: string, what: string, purpose: PathPurpose = 'write'): string {
  const refuse = (why: string, hint = 'use a plain relative path such as NEXT_SESSION.md') =>
    pathRefusal(what, rel, why, purpose, hint);
  const clean = normalize(rel);
  if (rel.trim() === '' || rel.includes('\0') || isAbsolute(rel) || clean.split(sep).includes('..'))
    throw refuse('is not a path inside the repository');
  const parts = clean.split(sep).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) throw refuse('is not a path inside the repository');
  // Any .git on the way: this repository's, or a nested repository's.
  if (parts.some(isDotGit)) throw refuse('points into .git');
  const top = realish(repo.top);
  const gitDirs = [repo.gitDir, repo.commonDir].map(realish);
  let current = repo.top;
  for (const [i, part] of parts.entries()) {
    current = join(current, part);
    const shown = relative(repo.top, current).split(sep).join('/');
    const last = i === parts.length - 1;
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw e;
    }
    if (st.isSymbolicLink()) {
      const link = (why: string) =>
        refuse(why, `git-session does not follow the symbolic link ${shown}; replace it, or use another path`);
      if (last && purpose === 'write') throw link('is a symbolic link');
      let real: string;
      try {
        real = realpathSync(current);
      } catch {
        throw link('goes through a broken symbolic link');
      }
      if (!within(top, real)) throw link('leads outside the repository through a symbolic link');
      if (gitDirs.some((g) => within(g, real))) throw link('leads into .git through a symbolic link');
      if (relative(top, real).split(sep).some(isDotGit)) throw link('leads into .git through a symbolic link');
      st = lstatSync(real);
    }
    if (!last && !st.isDirectory())
      throw refuse(`goes through ${shown}, which is not a folder`, `move ${shown} aside, or use another path`);
    if (last && purpose === 'write' && !st.isFile())
      throw refuse(`is ${fileKind(st)}, not a regular file`, `move ${shown} aside, or use another path`);
  }
  return join(repo.top, clean);
}

/**
 * Create the folders above `abs` (a path `worktreeTarget` accepted) one at a time: a folder this
 * creates is a real one, and one that exists was checked, so no write below follows a symlink.
 */
export function makeParents(repo: Repo, abs: string): void {
  const missing: string[] = [];
  for (let dir = dirname(abs); within(repo.top, dir) && dir !== repo.top; dir = dirname(dir)) {
    try {
      lstatSync(dir);
      break;
    } catch {
      missing.unshift(dir);
    }
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !lstatSync(dir).isDirectory()) throw e;
    }
  }
}
