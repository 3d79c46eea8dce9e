// Creating a session on a branch (used by start and switch).

import { decideStart } from '../core/decide/session.js';
import { checkName, checkText } from '../core/text.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import { type Loaded, loadAllSessions } from './sessions.js';

export interface NewSession {
  branch: string;
  objectives: string[];
  name?: string;
  title?: string;
  tasks: string[];
  /** Where a new branch starts (default: HEAD). */
  from?: string;
}

export function validateNewSession(input: NewSession): void {
  for (const o of input.objectives) checkText('objective', o);
  if (input.title !== undefined) checkText('title', input.title);
  for (const t of input.tasks) checkText('task', t);
  if (input.name !== undefined) checkName(input.name);
}

export async function createSession(ctx: Context, input: NewSession): Promise<Loaded> {
  const taken = new Set(loadAllSessions(ctx).map((l) => l.state.name));
  const id = ctx.newId();
  const m = await mutate(ctx, id, () => decideStart(input, taken, ctx.random));
  ctx.store.setBranchSession(input.branch, id);
  return m.loaded;
}
