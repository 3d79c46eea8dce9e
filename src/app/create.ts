// Creating a session on a branch (used by start and switch).

import { checkName, checkText, nameFromBranch, uniqueName } from '../core/text.js';
import { userError } from '../model/errors.js';
import type { EventPayload } from '../model/events.js';
import { newItemId } from '../model/ids.js';
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
  if (input.name !== undefined && taken.has(input.name))
    throw userError('name-taken', `a session named '${input.name}' already exists`, 'choose another --name');
  const name = input.name ?? uniqueName(nameFromBranch(input.branch), taken);
  const title = input.title ?? input.objectives[0]?.split('\n')[0]?.slice(0, 120) ?? '';
  const id = ctx.newId();
  const ids = new Set<string>();
  const events: EventPayload[] = [
    { type: 'session.started', name, title, branch: input.branch, tasks: [...new Set(input.tasks)] },
  ];
  for (const text of input.objectives) {
    const objective = newItemId('objective', ctx.random, ids);
    ids.add(objective);
    events.push({ type: 'objective.added', objective, text });
  }
  const m = await mutate(ctx, id, () => ({ events, result: null }));
  ctx.store.setBranchSession(input.branch, id);
  return m.loaded;
}
