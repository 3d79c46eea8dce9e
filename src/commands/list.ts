import type { Context } from '../app/context.js';
import { sessionsWithAttention } from '../app/sessions.js';
import { usageError } from '../model/errors.js';
import { SESSION_STATUSES, type SessionStatus } from '../model/events.js';
import { sessionListText } from '../render/session-text.js';
import { summaryView } from '../render/views.js';
import type { Io, Output } from './output.js';

export interface ListOptions {
  all: boolean;
  status?: string;
}

/** Sessions, most recently updated first; by default only the open ones. */
export async function list(ctx: Context, io: Io, o: ListOptions): Promise<Output> {
  let wanted: readonly SessionStatus[] = o.all ? SESSION_STATUSES : ['active', 'paused'];
  if (o.status !== undefined) {
    const asked = o.status.split(',').map((s) => s.trim());
    const bad = asked.find((s) => !SESSION_STATUSES.includes(s as SessionStatus));
    if (bad !== undefined) throw usageError(`unknown status '${bad}'`, `use one of: ${SESSION_STATUSES.join(', ')}`);
    wanted = asked as SessionStatus[];
  }
  const now = ctx.now();
  const all = sessionsWithAttention(ctx, now).map((l) => summaryView(l.loaded.state, now, l.attention));
  const rows = all
    .filter((r) => wanted.includes(r.status))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  // Ended sessions the default list leaves out, so an empty list says where they are.
  const hidden = o.all || o.status !== undefined ? 0 : all.length - rows.length;
  return { json: rows, text: sessionListText(rows, io.style, now, hidden) };
}
