import type { Context } from '../app/context.js';
import { SESSION_DIR } from '../app/context.js';
import { initialise } from '../app/init.js';
import { installNotes, statusText } from './hooks.js';
import type { Io, Output } from './output.js';

/** Create `.session/` (shared, tracked) and the local store. Never overwrites; safe to re-run. */
export async function init(ctx: Context, io: Io): Promise<Output> {
  const { created: shown, store, hooks } = initialise(ctx);
  const text = [
    shown.length === 0
      ? 'Already initialised: nothing to create.'
      : ['Created:', ...shown.map((p) => `  ${p}`)].join('\n'),
    statusText(hooks.status, io.style),
    ...(shown.some((p) => p.startsWith(SESSION_DIR)) ? [`Commit ${SESSION_DIR}/ to share it with your team.`] : []),
  ].join('\n\n');
  return {
    json: { created: shown, store, hooks: hooks.status, refused: hooks.plan.refused },
    text,
    notes: installNotes(hooks).filter(
      (n) => !n.startsWith('created ') && !n.startsWith('updated ') && !n.startsWith('refreshed '),
    ),
  };
}
