// What other clones recorded in a session, as this clone holds it: the files of the session's ref
// that other clones wrote, copied to `sessions/<id>/peers/` by the last merge (merge.ts). Read and
// checked again on every load — they came from strangers — and made into events for the fold
// (core/synced.ts): each with its clock, its line and the clone it came from.

import { isMachineId, readSyncFile } from '../../codec/sync-file.js';
import { peerEvents } from '../../core/synced.js';
import type { SessionEvent } from '../../model/events.js';
import { peerMachines, readPeer } from '../../store/sync-state.js';
import type { Context } from '../context.js';

const caches = new WeakMap<Context, Map<string, SessionEvent[]>>();

/** The events other clones recorded in session `id`. */
export function peerEventsOf(ctx: Context, id: string): SessionEvent[] {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  let events = cache.get(id);
  if (!events) {
    events = [];
    for (const machine of peerMachines(ctx.store.paths, id)) {
      if (!isMachineId(machine)) continue;
      const read = readSyncFile(readPeer(ctx.store.paths, id, machine), id);
      for (const e of peerEvents(read.lines, machine)) events.push(e);
    }
    cache.set(id, events);
  }
  return events;
}

/** After a merge wrote new peers files: read them again. */
export function forgetPeers(ctx: Context): void {
  caches.delete(ctx);
}
