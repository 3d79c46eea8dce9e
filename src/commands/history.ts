import type { SessionMetrics } from '../analytics/metrics.js';
import { sessionMetrics } from '../analytics/metrics.js';
import type { Context } from '../app/context.js';
import { dateOption } from '../app/dates.js';
import { historyNeverRead, sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions } from '../app/sessions.js';
import { usageError } from '../model/errors.js';
import { historyText } from '../render/report-text.js';
import type { Io, Output } from './output.js';

export interface HistoryOptions {
  count?: number;
  metrics: boolean;
  since?: string;
  until?: string;
  author?: string;
}

/** The note a fresh clone needs before any figure can come out of its history. */
export function freshCloneNotes(ctx: Context, found: number): string[] {
  return found === 0 && historyNeverRead(ctx)
    ? ['git-session: no sessions known here yet; on a fresh clone, read them from history first: git session rebuild']
    : [];
}

/** Sessions newest first, with their figures. */
export async function history(ctx: Context, io: Io, o: HistoryOptions): Promise<Output> {
  const date = (text: string | undefined, flag: string) =>
    text === undefined ? undefined : dateOption(ctx, text, flag);
  const since = date(o.since, '--since');
  const until = date(o.until, '--until');
  const author = o.author?.trim().toLowerCase();
  if (author === '') throw usageError('--author needs an email', '--author dev@example.com');
  const now = ctx.now();
  const loaded = loadAllSessions(ctx);
  const inputs = await sessionInputs(ctx, loaded, now);
  let rows: SessionMetrics[] = inputs
    .map((i) => sessionMetrics(i, now))
    .filter((r) => since === undefined || r.end >= since)
    .filter((r) => until === undefined || r.start < until)
    .filter((r) => author === undefined || r.authors.some((a) => a.toLowerCase() === author))
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.id < b.id ? 1 : -1));
  if (o.count !== undefined) rows = rows.slice(0, o.count);
  return {
    json: rows,
    text: historyText(rows, io.style, o.metrics, ctx.now()),
    notes: freshCloneNotes(ctx, loaded.length),
  };
}
