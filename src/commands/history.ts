import type { SessionMetrics } from '../analytics/metrics.js';
import { sessionMetrics } from '../analytics/metrics.js';
import type { Context } from '../app/context.js';
import { historyNeverRead, sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions } from '../app/sessions.js';
import { gitDate } from '../git/git.js';
import { usageError } from '../model/errors.js';
import { clip } from '../model/text.js';
import { historyText } from '../render/report-text.js';
import type { Io, Output } from './output.js';

export interface HistoryOptions {
  count?: number;
  metrics: boolean;
  since?: string;
  until?: string;
  author?: string;
}

/**
 * `--since` / `--until`: a UTC date (YYYY-MM-DD, midnight), a time with an explicit zone, or
 * anything git's own date parser takes (`yesterday`, `2.weeks.ago`, `last monday`), relative to
 * git-session's clock. Nothing is read in the local time zone unless git reads it so.
 */
export function parseDateOption(
  text: string,
  flag: string,
  nowIso: string,
  viaGit: (t: string) => number | null,
): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text);
  if (day || zoned) {
    const t = day ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
    // Date.parse rolls 2026-02-30 over to March; a date must come back as written.
    if (!Number.isNaN(t) && (!day || new Date(t).toISOString().slice(0, 10) === text)) return new Date(t).toISOString();
  } else if (text.trim().toLowerCase() === 'now') return nowIso;
  else if (!/^\d{4}-\d{2}-\d{2}/.test(text) && text.trim() !== '') {
    const seconds = viaGit(text);
    if (seconds !== null && seconds > 0) return new Date(seconds * 1000).toISOString();
  }
  throw usageError(
    `${flag} '${clip(text)}' is not a date`,
    'use YYYY-MM-DD (UTC), a time with its zone such as 2026-01-05T09:00Z, or what git takes: yesterday, 2.weeks.ago',
  );
}

/** Kept for callers of the earlier name: a strict date, without git. */
export function parseSince(text: string): string {
  return parseDateOption(text, '--since', new Date(0).toISOString(), () => null);
}

/** The note a fresh clone needs before any figure can come out of its history. */
export function freshCloneNotes(ctx: Context, found: number): string[] {
  return found === 0 && historyNeverRead(ctx)
    ? ['git-session: no sessions known here yet; on a fresh clone, read them from history first: git session rebuild']
    : [];
}

/** Sessions newest first, with their figures. */
export async function history(ctx: Context, io: Io, o: HistoryOptions): Promise<Output> {
  const nowMs = Date.parse(ctx.now());
  const date = (text: string | undefined, flag: string) =>
    text === undefined ? undefined : parseDateOption(text, flag, ctx.now(), (t) => gitDate(ctx.repo, t, nowMs));
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
