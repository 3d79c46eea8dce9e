// Writing a handoff: NEXT_SESSION.md (or another path in the repository), recorded in the session.

import { join, relative, resolve } from 'node:path';
import { buildBrief } from '../core/brief.js';
import { buildHandoff, type Handoff } from '../core/handoff.js';
import { renderHandoffMarkdown } from '../render/handoff-markdown.js';
import { replaceGeneratedFile } from '../worktree/file.js';
import { worktreeTarget } from '../worktree/path.js';
import { briefInput } from './brief-inputs.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import { refuseSecrets } from './secret-guard.js';
import type { Loaded } from './sessions.js';

export async function makeHandoff(ctx: Context, loaded: Loaded): Promise<{ data: Handoff; markdown: string }> {
  const data = buildHandoff(buildBrief(await briefInput(ctx, loaded)));
  return { data, markdown: renderHandoffMarkdown(data, ctx.now()) };
}

/** A path typed on the command line, relative to where it was typed, as a path in the work tree. */
export const fromCwd = (ctx: Context, typed: string): string => relative(ctx.repo.top, resolve(ctx.cwd, typed));

export async function writeHandoff(
  ctx: Context,
  loaded: Loaded,
  path: string | undefined,
): Promise<{ path: string; absolute: string; markdown: string; data: Handoff }> {
  const rel = path ?? (await ctx.config()).handoff.path;
  const file = { rel, what: path === undefined ? 'handoff.path' : 'the handoff path' };
  // A path that cannot be used is refused before the handoff is computed. A path typed goes into
  // the journal, which a secret never enters; the change's own check skips a record that changes
  // no trailer, so it is checked here.
  worktreeTarget(ctx.repo, file.rel, file.what);
  if (path !== undefined) await refuseSecrets(ctx, [{ label: 'handoff path', text: rel }], 'written or recorded');
  const { data, markdown } = await makeHandoff(ctx, loaded);
  // Written under the store lock, with its record: a store that cannot be written (read-only, a
  // live lock) stops it before the file is touched. Never over a file that is not git-session's
  // (README.md, a hand-written note).
  await mutate(
    ctx,
    loaded.state.id,
    () => {
      replaceGeneratedFile(ctx, file, 'handoff', markdown);
      return { events: [{ type: 'handoff.written', path: rel }], result: null };
    },
    { trailersUnchanged: true },
  );
  return { path: rel, absolute: join(ctx.repo.top, rel), markdown, data };
}
