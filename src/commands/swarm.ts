// `git session spawn` and `git session now`: agents that work in their own worktree on their own
// branch as child sessions of the session that spawned them, and the current task (issue 11
// point 3, seed 002).

import { change, targetSessionId } from '../app/change.js';
import { familyOf } from '../app/children.js';
import type { Context } from '../app/context.js';
import { targetSession } from '../app/sessions.js';
import { type SpawnInput, spawnChild } from '../app/spawn.js';
import { shellWord } from '../core/brief.js';
import { decideNow } from '../core/decide/swarm.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export async function spawn(ctx: Context, _io: Io, input: SpawnInput): Promise<Output> {
  const made = await spawnChild(ctx, input);
  const entry = familyOf(ctx, made.parent).children.find((c) => c.id === made.child.state.id);
  const name = safeLine(made.child.state.name);
  const notes = [
    `Spawned '${name}'${input.agent ? ` (${safeLine(input.agent)})` : ''} for '${safeLine(made.parent.state.name)}' on branch ${safeLine(made.branch)}${made.createdBranch ? ' (new)' : ''}, in ${safeLine(made.worktree)}.`,
  ];
  if (made.waitingFor.length > 0)
    notes.push(`It waits for ${made.waitingFor.map(safeLine).join(', ')}: paused until you resume it there.`);
  const start = `cd ${shellWord(made.worktree)} && git session brief`;
  return {
    json: { ...entry, parent: made.parent.state.id },
    text: `Start it there: ${safeLine(start)}`,
    notes,
  };
}

/** `now TEXT` sets the current task; `now` shows it; `now --clear` takes it away. */
export async function now(
  ctx: Context,
  _io: Io,
  o: { text?: string; clear: boolean; session?: string },
): Promise<Output> {
  if (o.clear && o.text !== undefined) throw usageError('--clear takes no text', 'git session now --clear');
  if (o.text === undefined && !o.clear) {
    const s = targetSession(ctx, o.session).state;
    return {
      json: { currentTask: s.currentTask },
      text: s.currentTask ? safeLine(s.currentTask) : `No current task in '${safeLine(s.name)}': git session now "…"`,
    };
  }
  if (o.text !== undefined) checkText('task', o.text);
  const id = targetSessionId(ctx, o.session);
  const m = await change(ctx, id, (s) => decideNow(s, o.text ?? null));
  const s = m.loaded.state;
  const text =
    m.result === 'unchanged'
      ? 'Nothing changed.'
      : m.result === 'cleared'
        ? `No current task in '${safeLine(s.name)}' now.`
        : `Now in '${safeLine(s.name)}': ${safeLine(s.currentTask ?? '')}`;
  return { json: { currentTask: s.currentTask }, text };
}
