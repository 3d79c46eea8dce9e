import type { Context } from '../app/context.js';
import { SESSION_DIR } from '../app/context.js';
import { initialise } from '../app/init.js';
import { type Joined, joinRemotes } from '../app/sync/clone.js';
import { safeLine } from '../render/term.js';
import { installNotes, statusText } from './hooks.js';
import type { Io, Output } from './output.js';

/** Create `.session/` (shared, tracked) and the local store. Never overwrites; safe to re-run. */
export async function init(ctx: Context, io: Io): Promise<Output> {
  const { created: shown, store, hooks } = initialise(ctx);
  // A clone of a team's repository: the sessions its remotes hold, and what its history carries.
  const joined = await joinRemotes(ctx);
  const text = [
    shown.length === 0
      ? 'Already initialised: nothing to create.'
      : ['Created:', ...shown.map((p) => `  ${p}`)].join('\n'),
    statusText(hooks.status, io.style),
    ...joinedText(joined),
    ...(shown.some((p) => p.startsWith(SESSION_DIR)) ? [`Commit ${SESSION_DIR}/ to share it with your team.`] : []),
  ].join('\n\n');
  return {
    json: { created: shown, store, hooks: hooks.status, refused: hooks.plan.refused, sync: joined },
    text,
    notes: installNotes(hooks).filter(
      (n) => !n.startsWith('created ') && !n.startsWith('updated ') && !n.startsWith('refreshed '),
    ),
  };
}

/** The sessions the remotes and the history brought, in a line or two (nothing when none). */
function joinedText(j: Joined): string[] {
  const lines = j.remotes.map((r) =>
    r.error
      ? `Could not fetch the sessions of ${r.name}: ${safeLine(r.error)} (retry: git session sync ${r.name})`
      : `Fetched the sessions of ${r.name}: ${r.sessions === 0 ? 'none yet' : `${r.sessions}`}.`,
  );
  if (j.fromHistory !== null && j.fromHistory > 0)
    lines.push(`Read ${j.fromHistory} session${j.fromHistory === 1 ? '' : 's'} from the history.`);
  for (const s of j.skipped.slice(0, 5)) lines.push(`Not read: ${safeLine(s)}`);
  return lines.length === 0 ? [] : [lines.join('\n')];
}
