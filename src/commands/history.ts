import type { SessionMetrics } from '../analytics/metrics.js';
import { sessionMetrics } from '../analytics/metrics.js';
import type { Context } from '../app/context.js';
import { historyNeverRead, sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions } from '../app/sessions.js';
import { usageError } from '../errors.js';
import { historyText } from '../render/report-text.js';
import type { Io, Output } from './output.js';

export interface HistoryOptions {
  count?: number;
  metrics: boolean;
  since?: string;
  author?: string;
}

/** `--since`: a date (midnight UTC) or an ISO time. */
/** A UTC date (YYYY-MM-DD), or a time with an explicit zone; nothing is read in local time. */
export function parseSince(text: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const t = day ? Date.parse(`${text}T00:00:00Z`) : zoned ? Date.parse(text) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March; a date must come back as written.
  if (Number.isNaN(t) || (day && new Date(t).toISOString().slice(0, 10) !== text))
    throw usageError(
      `--since '${text}' is not a date`,
      'use YYYY-MM-DD (UTC), or a time with its zone such as 2026-01-05T09:00Z',
    );
  return new Date(t).toISOString();
}

/** The note a fresh clone needs before any figure can come out of its history. */
export function freshCloneNotes(ctx: Context, found: number): string[] {
  return found === 0 && historyNeverRead(ctx)
    ? ['git-session: no sessions known here yet; on a fresh clone, read them from history first: git session rebuild']
    : [];
}

/** Sessions newest first, with their figures. */
export async function history(ctx: Context, io: Io, o: HistoryOptions): Promise<Output> {
  const since = o.since === undefined ? undefined : parseSince(o.since);
  const author = o.author?.trim().toLowerCase();
  if (author === '') throw usageError('--author needs an email', '--author dev@example.com');
  const now = ctx.now();
  const loaded = loadAllSessions(ctx);
  const inputs = await sessionInputs(ctx, loaded, now);
  let rows: SessionMetrics[] = inputs
    .map((i) => sessionMetrics(i, now))
    .filter((r) => since === undefined || r.end >= since)
    .filter((r) => author === undefined || r.authors.some((a) => a.toLowerCase() === author))
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.id < b.id ? 1 : -1));
  if (o.count !== undefined) rows = rows.slice(0, o.count);
  return {
    json: rows,
    text: historyText(rows, io.style, o.metrics, ctx.now()),
    notes: freshCloneNotes(ctx, loaded.length),
  };
}
