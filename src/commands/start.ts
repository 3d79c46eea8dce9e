import type { Context } from '../app/context.js';
import type { NewSession } from '../app/create.js';
import { startSession } from '../app/lifecycle.js';
import { viewOf } from '../app/view.js';
import { sessionText } from '../render/session-text.js';
import type { Io, Output } from './output.js';

/** Link `branch` (created from HEAD when missing, then checked out) to a new session. */
export async function start(ctx: Context, io: Io, input: NewSession): Promise<Output> {
  const { made, left, from, created, switched } = await startSession(ctx, input);
  const view = viewOf(ctx, made);
  const how = created
    ? `new branch from ${input.from ?? from ?? 'HEAD'}`
    : switched
      ? 'switched to existing branch'
      : 'current branch';
  const notes = [`Started session '${made.state.name}' on ${input.branch} (${how}).`];
  if (left) notes.push(`Paused '${left.state.name}' (${left.state.branch}).`);
  return { json: view, text: sessionText(view, io.style, { now: ctx.now() }), notes };
}
