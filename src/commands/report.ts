import { buildReport, type ReportKind, reportScope } from '../analytics/report.js';
import { parseWeek, weekOf } from '../analytics/week.js';
import type { Context } from '../app/context.js';
import { sessionInputs, writeReport } from '../app/report-inputs.js';
import { loadAllSessions } from '../app/sessions.js';
import { usageError } from '../model/errors.js';
import { renderReportHtml } from '../render/report-html.js';
import { renderReportMarkdown } from '../render/report-markdown.js';
import { safeLine } from '../render/term.js';
import { layoutTimeline } from '../render/timeline.js';
import { freshCloneNotes } from './history.js';
import type { Io, Output } from './output.js';

export interface ReportOptions {
  weekly: boolean;
  week?: string;
  project: boolean;
  format?: string;
  output?: string;
}

const FORMATS = ['markdown', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** A weekly or project report, as Markdown, JSON or one self-contained HTML page. */
export async function report(ctx: Context, io: Io, o: ReportOptions): Promise<Output> {
  const weekly = o.weekly || o.week !== undefined;
  if (weekly && o.project)
    throw usageError('--weekly and --project exclude each other', 'git session report --weekly, or --project');
  if (!weekly && !o.project)
    throw usageError('which report?', 'git session report --weekly [--week 2026-W47], or --project');
  const format = (o.format ?? (io.json ? 'json' : 'markdown')) as Format;
  if (!FORMATS.includes(format))
    throw usageError(`unknown format '${o.format}'`, 'use --format markdown, json or html');
  const now = ctx.now();
  let week: ReturnType<typeof parseWeek> = null;
  if (weekly) {
    week = o.week === undefined ? weekOf(now) : parseWeek(o.week);
    if (week === null) throw usageError(`--week '${o.week}' is not an ISO week`, 'use YYYY-Www, e.g. --week 2026-W47');
  }
  const kind: ReportKind = weekly ? 'weekly' : 'project';
  const loaded = loadAllSessions(ctx);
  const notes = freshCloneNotes(ctx, loaded.length);
  // A week only needs the sessions whose life overlaps it; their commits are all that is read.
  const progress = io.progress?.('Reading commits');
  let inputs: Awaited<ReturnType<typeof sessionInputs>>;
  try {
    inputs = await sessionInputs(
      ctx,
      week === null
        ? loaded
        : loaded.filter((l) => {
            const s = l.state;
            const end = s.status === 'active' ? now : s.updatedAt;
            return s.createdAt < week.to && end >= week.from;
          }),
      now,
      (done, total) => progress?.tick(done, total),
    );
  } finally {
    progress?.end();
  }
  const data = buildReport(inputs, now, kind, week);
  let rendered: string;
  if (format === 'json') rendered = `${JSON.stringify(data, null, 2)}\n`;
  else if (format === 'markdown') rendered = renderReportMarkdown(data);
  else {
    const scope = reportScope(inputs, now, week);
    rendered = renderReportHtml(data, layoutTimeline(scope.inputs, scope.window, now));
  }
  if (o.output !== undefined) {
    const path = writeReport(ctx, o.output, rendered);
    const written = { path, format, bytes: Buffer.byteLength(rendered), sessions: data.sessions.length };
    return { json: written, text: `Wrote the ${kind} report (${format}) to ${safeLine(path)}.`, notes };
  }
  if (io.json) return { json: data, text: '', notes };
  return { json: null, text: rendered.replace(/\n$/, ''), notes };
}
