// Who works on a session where (issue 10, docs/sync.md "Presence"): this clone's own state and the
// latest start, pause or resume of every other clone whose events reached this one. Pure.

import { isOpen, type Presence, type SessionState } from './fold.js';

export interface PresenceView extends Presence {
  /** This clone. */
  here: boolean;
}

/**
 * Every clone that started, paused or resumed the session, the latest state of each: this clone
 * first (`machine`: its id; null when the store has none), then the others by machine id.
 */
export function presenceOf(s: SessionState, machine: string | null): PresenceView[] {
  const out: PresenceView[] = [];
  if (s.here)
    out.push({
      machine: machine ?? '',
      author: s.here.author,
      status: s.status === 'active' ? 'active' : 'paused',
      at: s.here.at,
      here: true,
    });
  for (const p of s.presence) if (p.machine !== machine) out.push({ ...p, here: false });
  return out;
}

/** Other clones the open session is active on now, as far as their events say. */
export function activeElsewhere(s: SessionState, machine: string | null): Presence[] {
  if (!isOpen(s)) return [];
  return s.presence.filter((p) => p.status === 'active' && p.machine !== machine);
}
