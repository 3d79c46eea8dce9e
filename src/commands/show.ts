import type { Context } from '../app/context.js';
import { resolveSession, targetSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { sessionText } from '../render/session-text.js';
import type { Io, Output } from './output.js';

/** Everything about one session. */
export async function show(ctx: Context, io: Io, ref: string | undefined): Promise<Output> {
  const loaded = ref === undefined ? targetSession(ctx, undefined) : resolveSession(ctx, ref);
  const view = viewOf(ctx, loaded);
  return { json: view, text: sessionText(view, io.style, { now: ctx.now(), full: true }) };
}
