import type { Context } from '../app/context.js';
import { currentSession, resolveSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { sessionText } from '../render/session-text.js';
import type { Io, Output } from './output.js';

export interface StatusOptions {
  objectives: boolean;
  verbose: boolean;
  session?: string;
}

/** The session of the checked-out branch (or --session): where it stands. */
export async function status(ctx: Context, io: Io, o: StatusOptions): Promise<Output> {
  let loaded = o.session !== undefined ? resolveSession(ctx, o.session) : null;
  let branch: string | null = null;
  if (!loaded) {
    const cur = currentSession(ctx);
    loaded = cur.loaded;
    branch = cur.branch;
  }
  if (!loaded) {
    const where = branch === null ? 'HEAD is detached' : `branch '${branch}'`;
    const hint = branch === null ? '' : ` Start one: git session start ${branch} -o "…"`;
    return { json: null, text: `No session on ${where}.${hint}` };
  }
  const view = viewOf(ctx, loaded);
  return {
    json: view,
    text: sessionText(view, io.style, { now: ctx.now(), objectivesOnly: o.objectives, full: o.verbose }),
  };
}
