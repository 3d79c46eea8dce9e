import type { Context } from '../app/context.js';
import { type Unpublished, unpublished } from '../app/published.js';
import { currentSession, type Loaded, resolveSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { isOpen } from '../core/fold.js';
import { describeLines } from '../core/plan-file.js';
import { sessionText } from '../render/session-text.js';
import { type Style, safeLine } from '../render/term.js';
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
  const pending = await unpublished(ctx, loaded);
  const text = sessionText(view, io.style, { now: ctx.now(), objectivesOnly: o.objectives, full: o.verbose });
  const note = o.objectives ? [] : unpublishedText(loaded, pending, io.style, o.verbose);
  return {
    json: { ...view, unpublished: pending.lines },
    text: note.length > 0 ? `${text}\n\n${note.join('\n')}` : text,
  };
}

/**
 * What is recorded here but in no commit on the branch yet (before the next commit, or after a
 * reset, a dropped rebase pick, an amend or a --no-verify commit took it out of the history).
 */
function unpublishedText(loaded: Loaded, pending: Unpublished, st: Style, verbose: boolean): string[] {
  if (pending.lines.length === 0) return [];
  const where = pending.branch ? ` on ${safeLine(pending.branch)}` : '';
  const how = isOpen(loaded.state)
    ? 'the next commit on the branch carries it'
    : `commits no longer carry this session; put it in the history with: git session end --commit --session ${safeLine(loaded.state.name)}`;
  const lines = [st.yellow(`Not in any commit${where} yet: ${describeLines(pending.lines)}`) + st.dim(` — ${how}`)];
  if (verbose) for (const l of pending.lines) lines.push(`  ${safeLine(l)}`);
  return lines;
}
