// Events rebuilt from the git history by `git session rebuild`, cached per session under
// sessions/history/ (derivable: deleting the folder and rebuilding gives it back).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEventLine } from '../codec/event-json.js';
import type { SessionEvent } from '../core/events.js';
import { isSessionId } from '../core/ids.js';
import type { Context } from './context.js';

const cache = new WeakMap<Context, Map<string, SessionEvent[]>>();

export function historyFile(ctx: Context, sessionId: string): string {
  if (!isSessionId(sessionId)) throw new Error(`not a session id: ${sessionId}`);
  return join(ctx.store.paths.history, `${sessionId}.jsonl`);
}

/** Imported events by session id. Unreadable cache lines are skipped: the cache can be rebuilt. */
export function historyEvents(ctx: Context): Map<string, SessionEvent[]> {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out = new Map<string, SessionEvent[]>();
  let names: string[] = [];
  try {
    names = readdirSync(ctx.store.paths.history);
  } catch {
    // No rebuild has run in this clone.
  }
  for (const name of names) {
    const id = name.replace(/\.jsonl$/, '');
    if (!name.endsWith('.jsonl') || !isSessionId(id)) continue;
    const events: SessionEvent[] = [];
    for (const line of readFileSync(join(ctx.store.paths.history, name), 'utf8').split('\n')) {
      if (line === '') continue;
      const parsed = parseEventLine(line);
      if (parsed.ok && parsed.event.session === id) events.push(parsed.event);
    }
    out.set(id, events);
  }
  cache.set(ctx, out);
  return out;
}

export function forgetHistoryCache(ctx: Context): void {
  cache.delete(ctx);
}
