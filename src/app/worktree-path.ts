// Files git-session writes into the work tree (SESSION.md, the handoff, the decision log) at paths
// that come from `.session/config.yaml` — a file a cloned repository supplies. A path is used only
// if, with every symlink resolved, it stays inside the work tree and outside `.git`; checked right
// before each write, so a link planted later does not redirect it either.

import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { userError } from '../errors.js';
import type { Context } from './context.js';

function within(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
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

/** The absolute path to write `rel` (relative to the top of the work tree), or a clear error. */
export function worktreeFile(ctx: Context, rel: string, what: string): string {
  const clean = normalize(rel);
  const refuse = (why: string) =>
    userError(
      'bad-path',
      `${what} '${rel}' ${why}; nothing was written`,
      'use a plain relative path such as NEXT_SESSION.md',
    );
  if (rel.trim() === '' || rel.includes('\0') || isAbsolute(rel) || clean.split(sep).includes('..'))
    throw refuse('is not a path inside the repository');
  // Any .git on the way: this repository's, or a nested repository's.
  if (clean.split(sep).some((part) => part.toLowerCase() === '.git')) throw refuse('points into .git');
  let prefix = ctx.repo.top;
  for (const part of clean.split(sep)) {
    prefix = join(prefix, part);
    try {
      if (lstatSync(prefix).isSymbolicLink() && !existsSync(prefix))
        throw refuse('goes through a broken symbolic link');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw e;
    }
  }
  const top = realish(ctx.repo.top);
  const target = realish(join(ctx.repo.top, clean));
  if (!within(top, target)) throw refuse('leads outside the repository through a symbolic link');
  for (const git of [ctx.repo.gitDir, ctx.repo.commonDir])
    if (within(realish(git), target)) throw refuse('leads into .git through a symbolic link');
  try {
    if (lstatSync(join(ctx.repo.top, clean)).isSymbolicLink()) throw refuse('is a symbolic link');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return join(ctx.repo.top, clean);
}
