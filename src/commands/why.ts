// `git session why PATH[:LINE[-LINE]]`: the sessions, decisions and objectives behind a file, a
// folder or some lines of a file (app/why.ts), newest first.

import type { Context } from '../app/context.js';
import { why as whyOf } from '../app/why.js';
import { whyText } from '../render/why-text.js';
import type { Io, Output } from './output.js';

export async function why(ctx: Context, io: Io, target: string): Promise<Output> {
  const result = whyOf(ctx, target);
  return { json: result, text: whyText(result, io.style) };
}
