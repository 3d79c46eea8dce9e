import { join, relative } from 'node:path';
import { type Context, SESSION_DIR } from '../app/context.js';
import { installHooks } from '../app/hooks.js';
import { ARCHITECTURE_MD, CONVENTIONS_MD } from '../app/starter.js';
import { STARTER_CONFIG } from '../codec/config.js';
import { createWorktreeDir, createWorktreeFile } from '../worktree/file.js';
import { installNotes, statusText } from './hooks.js';
import type { Io, Output } from './output.js';

/** Create `.session/` (shared, tracked) and the local store. Never overwrites; safe to re-run. */
export async function init(ctx: Context, io: Io): Promise<Output> {
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
  const shown = created.map((p) => relative(ctx.repo.top, p) || p);
  const text = [
    shown.length === 0
      ? 'Already initialised: nothing to create.'
      : ['Created:', ...shown.map((p) => `  ${p}`)].join('\n'),
    statusText(hooks.status, io.style),
    ...(shown.some((p) => p.startsWith(SESSION_DIR)) ? [`Commit ${SESSION_DIR}/ to share it with your team.`] : []),
  ].join('\n\n');
  return {
    json: { created: shown, store: ctx.store.paths.root, hooks: hooks.status, refused: hooks.plan.refused },
    text,
    notes: installNotes(hooks).filter(
      (n) => !n.startsWith('created ') && !n.startsWith('updated ') && !n.startsWith('refreshed '),
    ),
  };
}
