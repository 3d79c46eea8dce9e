import { compareSessions } from '../analytics/compare.js';
import type { Context } from '../app/context.js';
import { sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions, resolveSession, targetSession } from '../app/sessions.js';
import { userError } from '../model/errors.js';
import { compareText } from '../render/report-text.js';
import type { Io, Output } from './output.js';

/** Two sessions side by side; with one, it against the current session. */
export async function compare(ctx: Context, io: Io, a: string, b: string | undefined): Promise<Output> {
  const all = loadAllSessions(ctx);
  const la = resolveSession(ctx, a, all);
  const lb = b === undefined ? targetSession(ctx, undefined) : resolveSession(ctx, b, all);
  if (lb.state.id === la.state.id)
    throw userError(
      'same-session',
      `'${la.state.name}' is the current session: compare it with another one`,
      'git session compare <a> <b>',
    );
  const now = ctx.now();
  const [ia, ib] = await sessionInputs(ctx, [la, lb], now);
  const result = compareSessions(ia!, ib!, now);
  return { json: result, text: compareText(result, io.style, ctx.now()) };
}
