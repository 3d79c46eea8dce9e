// `git session edit`: change a session's title, short name or task links after the fact. The
// change is a `session.info` event, so the next commit carries it as `Session-Info:` trailers and
// other clones see it after a rebuild.

import { change } from '../app/change.js';
import type { Context } from '../app/context.js';
import { loadAllSessions, targetSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { decideEdit } from '../core/decide/session.js';
import { checkName, checkText } from '../core/text.js';
import { usageError, userError } from '../model/errors.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export interface EditOptions {
  title?: string;
  name?: string;
  tasks: string[];
  session?: string;
}

export async function edit(ctx: Context, _io: Io, o: EditOptions): Promise<Output> {
  if (o.title === undefined && o.name === undefined && o.tasks.length === 0)
    throw usageError('nothing to change', 'git session edit --title "…" | --name NAME | --task ID');
  if (o.title !== undefined) checkText('title', o.title);
  if (o.name !== undefined) checkName(o.name);
  for (const t of o.tasks) checkText('task', t);
  const target = targetSession(ctx, o.session);
  if (o.name !== undefined && o.name !== target.state.name) {
    const taken = loadAllSessions(ctx).some((l) => l.state.name === o.name && l.state.id !== target.state.id);
    if (taken) throw userError('name-taken', `a session named '${o.name}' already exists`, 'choose another --name');
  }
  const m = await change(ctx, target.state.id, (s) => decideEdit(s, o));
  const changed = Object.keys(m.result);
  return {
    json: viewOf(ctx, m.loaded),
    text:
      changed.length === 0
        ? 'Nothing changed.'
        : `Updated ${changed.join(', ')} of '${safeLine(m.loaded.state.name)}'; the next commit carries it.`,
  };
}
