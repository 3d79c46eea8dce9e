// Dates typed on the command line, with git's own date reader for the words (core/dates.ts).

import { parseDateOption } from '../core/dates.js';
import { dateOf } from '../git/config.js';
import { run } from '../git/run.js';
import type { Context } from './context.js';

/** `text` as given to `flag`, as an ISO time; relative words are read by git, from git-session's clock. */
export function dateOption(ctx: Context, text: string, flag: string): string {
  const nowMs = Date.parse(ctx.now());
  return parseDateOption(text, flag, ctx.now(), (t) => run(ctx.repo, dateOf(t, nowMs)));
}
