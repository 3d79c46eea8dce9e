// `git session init`: the shared `.session/` (tracked: config and the two context documents), the
// local store, and the git hooks. Never overwrites; safe to run again.

import { join, relative } from 'node:path';
import { STARTER_CONFIG } from '../codec/config.js';
import { createWorktreeDir, createWorktreeFile } from '../worktree/file.js';
import { type Context, SESSION_DIR } from './context.js';
import { type InstallResult, installHooks } from './hook-install.js';
import { ARCHITECTURE_MD, CONVENTIONS_MD } from './starter.js';

export interface Initialised {
  /** What was created, relative to the top of the work tree. */
  created: string[];
  /** The local store. */
  store: string;
  hooks: InstallResult;
}

export function initialise(ctx: Context): Initialised {
  const created: string[] = [];
  const shared = join(ctx.repo.top, SESSION_DIR);
  // A cloned repository may hold `.session` as a symlink out of it: refused, nothing written there.
  if (createWorktreeDir(ctx.repo, { rel: SESSION_DIR, what: 'the shared context folder' }) === 'created')
    created.push(shared);
  for (const [name, text] of [
    ['config.yaml', STARTER_CONFIG],
    ['architecture.md', ARCHITECTURE_MD],
    ['conventions.md', CONVENTIONS_MD],
  ] as const) {
    const rel = `${SESSION_DIR}/${name}`;
    if (createWorktreeFile(ctx.repo, { rel, what: 'the starter file' }, text) === 'created')
      created.push(join(shared, name));
  }
  created.push(...ctx.store.ensure());
  const hooks = installHooks(ctx);
  return { created: created.map((p) => relative(ctx.repo.top, p) || p), store: ctx.store.paths.root, hooks };
}
