// Building events by hand for the pure tests.
import type { EventPayload, SessionEvent } from '../../src/model/events.js';

export const SID = '01936b2c-7f3e-7abc-9def-0123456789ab';
export const SID2 = '01936b2c-7f3e-7abc-9def-0123456789ac';

let counter = 0;
export function ev(payload: EventPayload, at: string, extra: Partial<SessionEvent> = {}): SessionEvent {
  counter += 1;
  return {
    v: 1,
    id: `01936b2c-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    at,
    author: 'dev@example.com',
    session: SID,
    ...payload,
    ...extra,
  } as SessionEvent;
}

/** Events with increasing seq, one minute apart from 10:00 UTC. */
export function script(...payloads: EventPayload[]): SessionEvent[] {
  return payloads.map((p, i) => ev(p, new Date(Date.UTC(2026, 0, 5, 10, i)).toISOString(), { seq: i + 1 }));
}
