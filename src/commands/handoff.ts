import { change } from '../app/change.js';
import type { Context } from '../app/context.js';
import { fromCwd, makeHandoff, writeHandoff } from '../app/handoff.js';
import { targetSession } from '../app/sessions.js';
import { decideHandoffNote } from '../core/decide/journal.js';
import { checkText } from '../core/text.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

/** The handoff document; `--write [PATH]` puts it in NEXT_SESSION.md (or PATH) and records it. */
export async function handoff(
  ctx: Context,
  _io: Io,
  o: { write: boolean | string; session?: string },
): Promise<Output> {
  const loaded = targetSession(ctx, o.session);
  if (o.write === false) {
    const { data, markdown } = await makeHandoff(ctx, loaded);
    return { json: { ...data, markdown }, text: markdown.trimEnd() };
  }
  // A path typed on the command line is relative to where it was typed, like any other.
  const written = await writeHandoff(ctx, loaded, typeof o.write === 'string' ? fromCwd(ctx, o.write) : undefined);
  return {
    json: { ...written.data, markdown: written.markdown, path: written.absolute },
    text: `Wrote ${safeLine(written.path)}.`,
  };
}

/** Notes for whoever continues: shown first by the next `resume` and `brief`, and carried in history. */
export async function next(ctx: Context, _io: Io, text: string, o: { session?: string }): Promise<Output> {
  checkText('note', text);
  const loaded = targetSession(ctx, o.session);
  const m = await change(ctx, loaded.state.id, () => decideHandoffNote(text));
  const note = m.loaded.state.handoffNotes[m.loaded.state.handoffNotes.length - 1]!;
  return { json: note, text: `Noted for the next session of '${safeLine(m.loaded.state.name)}'.` };
}
