// Writing a handoff: NEXT_SESSION.md (or another path in the repository), recorded in the session.

import { buildBrief } from '../core/brief.js';
import { buildHandoff, type Handoff } from '../core/handoff.js';
import { renderHandoffMarkdown } from '../render/handoff-markdown.js';
import { writeFileAtomic } from '../store/atomic.js';
import { briefInput } from './brief-inputs.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import type { Loaded } from './sessions.js';
import { worktreeFile } from './worktree-path.js';

export async function makeHandoff(ctx: Context, loaded: Loaded): Promise<{ data: Handoff; markdown: string }> {
  const data = buildHandoff(buildBrief(await briefInput(ctx, loaded)));
  return { data, markdown: renderHandoffMarkdown(data, ctx.now()) };
}

/** A path the user gave for a file of the working tree: relative to the top, never outside it. */
export function worktreePath(ctx: Context, p: string): string {
  return worktreeFile(ctx, p, 'the handoff path');
}

export async function writeHandoff(
  ctx: Context,
  loaded: Loaded,
  path: string | undefined,
): Promise<{ path: string; markdown: string; data: Handoff }> {
  const rel = path ?? (await ctx.config()).handoff.path;
  const abs = worktreePath(ctx, rel);
  const { data, markdown } = await makeHandoff(ctx, loaded);
  writeFileAtomic(abs, markdown);
  await mutate(ctx, loaded.state.id, () => ({ events: [{ type: 'handoff.written', path: rel }], result: null }), {
    trailersUnchanged: true,
  });
  return { path: rel, markdown, data };
}
