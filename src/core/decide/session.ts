// A session's own life: started, paused (by hand or by a branch switch), resumed, edited, ended,
// reopened. Pure: what the app layer needs from elsewhere (the names other sessions took, the new
// session's id, randomness) comes in.

import type { EventPayload } from '../../model/events.js';
import type { RandomBytes } from '../../model/ids.js';
import { describeUnmet, unmetCriteria } from '../criteria.js';
import { isOpen, type SessionState } from '../fold.js';
import { shortIds } from '../short-ids.js';
import { nameFromBranch, uniqueName } from '../text.js';
import { decideAdd } from './items.js';
import { accept, type Outcome, refuse } from './outcome.js';

export interface StartRequest {
  branch: string;
  objectives: readonly string[];
  name?: string;
  title?: string;
  tasks: readonly string[];
}

/** A new session: its name (the branch's, made unique among `taken`), title and first objectives. */
export function decideStart(
  r: StartRequest,
  taken: ReadonlySet<string>,
  random: RandomBytes,
): Outcome<{ name: string }> {
  if (r.name !== undefined && taken.has(r.name))
    return refuse('name-taken', `a session named '${r.name}' already exists`, 'choose another --name');
  const name = r.name ?? uniqueName(nameFromBranch(r.branch), taken);
  const title = r.title ?? r.objectives[0]?.split('\n')[0]?.slice(0, 120) ?? '';
  const objectives = decideAdd(null, 'objective', r.objectives, {}, random);
  const events: EventPayload[] = [
    { type: 'session.started', name, title, branch: r.branch, tasks: [...new Set(r.tasks)] },
    ...(objectives.refused ? [] : objectives.events),
  ];
  return accept(events, { name });
}

export type PauseResult = 'paused' | 'noted' | 'already';

/**
 * `git session pause`: an active session pauses (with the note, carried by the next commit when it
 * is `shared`); a paused one keeps a new note as where it stopped now — never dropped.
 */
/** Where a pause or resume happened: the clone's machine id, when its store has one (presence). */
export type Where = { machine?: string };

export function decidePause(
  s: SessionState,
  note: string | undefined,
  shared: boolean,
  where: Where = {},
): Outcome<PauseResult> {
  if (!isOpen(s))
    return refuse('not-open', `session '${s.name}' is ${s.status}`, `reopen it first: git session reopen ${s.name}`);
  if (s.status === 'paused')
    return note === undefined
      ? accept([], 'already')
      : accept([{ type: 'session.paused', note, shared: true, ...where }], 'noted');
  return accept(
    [{ type: 'session.paused', ...(note ? { note } : {}), ...(note && shared ? { shared: true } : {}), ...where }],
    'paused',
  );
}

/** A branch switch leaves the session: it pauses if it is active, with the switch as its note. */
export function decideLeave(s: SessionState | null, note: string | undefined, where: Where = {}): Outcome<null> {
  return accept(s?.status === 'active' ? [{ type: 'session.paused', ...(note ? { note } : {}), ...where }] : [], null);
}

/** Entering a session's branch resumes it when it is paused. */
export function decideResume(s: SessionState | null, where: Where = {}): Outcome<null> {
  return accept(s?.status === 'paused' ? [{ type: 'session.resumed', ...where }] : [], null);
}

export interface EditRequest {
  title?: string;
  name?: string;
  tasks: readonly string[];
}

export type InfoChange = { title?: string; name?: string; tasks?: string[] };

/** Title, short name and tasks changed after the fact: only what differs. Result: what changed. */
export function decideEdit(s: SessionState, r: EditRequest): Outcome<InfoChange> {
  const newTasks = r.tasks.filter((t) => !s.tasks.includes(t));
  const change: InfoChange = {
    ...(r.title !== undefined && r.title !== s.title ? { title: r.title } : {}),
    ...(r.name !== undefined && r.name !== s.name ? { name: r.name } : {}),
    ...(newTasks.length > 0 ? { tasks: newTasks } : {}),
  };
  return accept(Object.keys(change).length > 0 ? [{ type: 'session.info', ...change }] : [], change);
}

/**
 * Ending a session: completed, with a summary — and, when acceptance criteria are failed or not
 * verified, only with `force` (the reason, recorded) — or abandoned, with the reason.
 */
export type EndRequest = { abandon: false; summary?: string; force?: string } | { abandon: true; reason: string };

/** Completing (with a summary) or abandoning (with the reason) an open session. */
export function decideEnd(s: SessionState, r: EndRequest): Outcome<null> {
  if (!isOpen(s))
    return refuse('not-open', `session '${s.name}' is already ${s.status}`, `reopen it: git session reopen ${s.name}`);
  if (r.abandon) return accept([{ type: 'session.abandoned', reason: r.reason }], null);
  const unmet = unmetCriteria(s.criteria);
  if (unmet.length > 0 && r.force === undefined) {
    const short = shortIds(s);
    const list = unmet.map((c) => `${short(c.id)} ${c.status}`).join(', ');
    return refuse(
      'criteria-unmet',
      `session '${s.name}' has acceptance criteria not met (${describeUnmet(unmet)}: ${list})`,
      'run git session verify, confirm one by hand with git session criteria confirm ID, or end anyway: git session end --force --reason "…"',
    );
  }
  const completed: EventPayload = {
    type: 'session.completed',
    ...(r.summary !== undefined ? { summary: r.summary } : {}),
  };
  if (unmet.length === 0 || r.force === undefined) return accept([completed], null);
  return accept([{ type: 'criteria.overridden', reason: r.force, unmet: unmet.map((c) => c.id) }, completed], null);
}

/** An ended session opens again (paused: `resume` takes it up). */
export function decideReopen(s: SessionState): Outcome<null> {
  if (isOpen(s))
    return refuse(
      'already-open',
      `session '${s.name}' is ${s.status}, not ended`,
      `resume it: git session resume ${s.name}`,
    );
  return accept([{ type: 'session.reopened' }], null);
}
