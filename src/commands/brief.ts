import { briefInput } from '../app/brief-inputs.js';
import type { Context } from '../app/context.js';
import { targetSession } from '../app/sessions.js';
import { buildBrief } from '../core/brief.js';
import { usageError } from '../model/errors.js';
import { renderBriefMarkdown } from '../render/brief-markdown.js';
import type { Io, Output } from './output.js';

export interface BriefOptions {
  session?: string;
  format?: string;
  maxLines?: number;
  maxTokens?: number;
}

/** The onboarding brief of the current (or --session) session: everything to start from cold. */
export async function brief(ctx: Context, io: Io, o: BriefOptions): Promise<Output> {
  const format = o.format ?? (io.json ? 'json' : 'markdown');
  if (format !== 'markdown' && format !== 'json')
    throw usageError(`unknown format '${format}'`, 'use --format markdown or --format json');
  const loaded = targetSession(ctx, o.session);
  const data = buildBrief(await briefInput(ctx, loaded));
  const maxLines = o.maxLines ?? (await ctx.config()).brief.max_lines;
  const rendered = renderBriefMarkdown(data, maxLines, o.maxTokens);
  if (format === 'json' && !io.json)
    return { json: null, text: JSON.stringify({ ...data, markdown: rendered }, null, 2) };
  return { json: { ...data, markdown: rendered }, text: rendered.text.trimEnd() };
}
