import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Context, SESSION_DIR } from '../app/context.js';
import { ARCHITECTURE_MD, CONVENTIONS_MD } from '../app/starter.js';
import { STARTER_CONFIG } from '../codec/config.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Io, Output } from './output.js';

/** Create `.session/` (shared, tracked) and the local store. Never overwrites; safe to re-run. */
export async function init(ctx: Context, _io: Io): Promise<Output> {
  const created: string[] = [];
  const shared = join(ctx.repo.top, SESSION_DIR);
  if (!existsSync(shared)) {
    mkdirSync(shared, { recursive: true });
    created.push(shared);
  }
  for (const [name, text] of [
    ['config.yaml', STARTER_CONFIG],
    ['architecture.md', ARCHITECTURE_MD],
    ['conventions.md', CONVENTIONS_MD],
  ] as const) {
    const path = join(shared, name);
    if (!existsSync(path)) {
      writeFileAtomic(path, text);
      created.push(path);
    }
  }
  created.push(...ctx.store.ensure());
  const shown = created.map((p) => relative(ctx.repo.top, p) || p);
  const text =
    shown.length === 0
      ? 'Already initialised: nothing to create.'
      : ['Created:', ...shown.map((p) => `  ${p}`), '', `Commit ${SESSION_DIR}/ to share it with your team.`].join(
          '\n',
        );
  return { json: { created: shown, store: ctx.store.paths.root }, text };
}
