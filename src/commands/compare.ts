import { compareSessions } from '../analytics/compare.js';
import type { Context } from '../app/context.js';
import { sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions, resolveSession } from '../app/sessions.js';
import { usageError } from '../errors.js';
import { compareText } from '../render/report-text.js';
import type { Io, Output } from './output.js';

/** Two sessions side by side. */
export async function compare(ctx: Context, io: Io, a: string, b: string): Promise<Output> {
  if (a === undefined || b === undefined)
    throw usageError('compare needs two sessions', 'git session compare oauth fix-crash');
  const all = loadAllSessions(ctx);
  const la = resolveSession(ctx, a, all);
  const lb = resolveSession(ctx, b, all);
  const now = ctx.now();
  const [ia, ib] = await sessionInputs(ctx, [la, lb], now);
  const result = compareSessions(ia!, ib!, now);
  return { json: result, text: compareText(result, io.style, ctx.now()) };
}
