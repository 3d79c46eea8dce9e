// Spawned agents and the current task (issue 11 point 3, seed 002): a child session started for one
// task, linked to the session that spawned it; the parent's record of it; `git session now`. Pure:
// names taken, the new session's randomness and who the child waits for come in.

import type { EventPayload } from '../../model/events.js';
import type { RandomBytes } from '../../model/ids.js';
import { isOpen, type SessionState } from '../fold.js';
import { type Outcome, refuse } from './outcome.js';
import { decideStart } from './session.js';

export interface SpawnRequest {
  name: string;
  task: string;
  agent: string | null;
  branch: string;
  title?: string;
  objectives: readonly string[];
  /** The sessions it waits for, and whether each is still open (then the child waits). */
  after: readonly { id: string; name: string; open: boolean }[];
}

/** The title a child gets without --title: its task's first line, as a session's title is kept short. */
export const titleOfTask = (task: string): string => task.split('\n')[0]!.trim().slice(0, 120);

/**
 * The child's own events: started on its branch (name, title, objectives), linked to its parent,
 * its task as the current task; paused at once while a session it waits for is open (nobody works
 * on it yet: its active time starts when someone resumes it).
 */
export function decideSpawnChild(
  parent: SessionState,
  r: SpawnRequest,
  taken: ReadonlySet<string>,
  random: RandomBytes,
): Outcome<{ waitingFor: string[] }> {
  if (!isOpen(parent))
    return refuse(
      'not-open',
      `session '${parent.name}' is ${parent.status}: an ended session spawns nothing`,
      `reopen it first: git session reopen ${parent.name}`,
    );
  const started = decideStart(
    { branch: r.branch, objectives: r.objectives, name: r.name, title: r.title ?? titleOfTask(r.task), tasks: [] },
    taken,
    random,
  );
  if (started.refused) return started;
  const waitingFor = r.after.filter((a) => a.open).map((a) => a.name);
  const events: EventPayload[] = [
    ...started.events,
    {
      type: 'session.spawned',
      parent: parent.id,
      task: r.task,
      ...(r.agent !== null ? { agent: r.agent } : {}),
      ...(r.after.length > 0 ? { after: r.after.map((a) => a.id) } : {}),
    },
    { type: 'session.now', text: r.task },
  ];
  // No pause note: whom it waits for is worked out live from their status, never left stale.
  if (waitingFor.length > 0) events.push({ type: 'session.paused' });
  return { events, result: { waitingFor } };
}

/** The parent's record of a child it spawned. */
export function decideChildRecord(
  parent: SessionState,
  child: { id: string; name: string; task: string; agent: string | null; branch: string; after: readonly string[] },
): Outcome<null> {
  if (!isOpen(parent))
    return refuse(
      'not-open',
      `session '${parent.name}' is ${parent.status}`,
      `reopen it: git session reopen ${parent.name}`,
    );
  return {
    events: [
      {
        type: 'child.spawned',
        child: child.id,
        name: child.name,
        task: child.task,
        branch: child.branch,
        ...(child.agent !== null ? { agent: child.agent } : {}),
        ...(child.after.length > 0 ? { after: [...child.after] } : {}),
      },
    ],
    result: null,
  };
}

export type NowResult = 'set' | 'cleared' | 'unchanged';

/** `git session now TEXT` sets the current task; `--clear` (null) takes it away. */
export function decideNow(s: SessionState, text: string | null): Outcome<NowResult> {
  if (!isOpen(s))
    return refuse('not-open', `session '${s.name}' is ${s.status}`, `reopen it first: git session reopen ${s.name}`);
  if (text === s.currentTask) return { events: [], result: 'unchanged' };
  return {
    events: [{ type: 'session.now', ...(text !== null ? { text } : {}) }],
    result: text === null ? 'cleared' : 'set',
  };
}
