// A session as the renderers see it: the folded state joined with what git knows of its commits.

import { commitInfo } from '../git/commits.js';
import { run } from '../git/run.js';
import { type SessionView, sessionView } from '../render/views.js';
import { familyOf } from './children.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

export function viewOf(ctx: Context, loaded: Loaded): SessionView {
  const info = run(ctx.repo, commitInfo(loaded.state.commits.map((c) => c.sha)));
  return sessionView(loaded.state, info, ctx.now(), ctx.store.machineId(), familyOf(ctx, loaded));
}
