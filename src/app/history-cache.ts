// What `git session rebuild` read from the history, cached per session under
// sessions/history/<id>.commits: one JSON line per commit whose trailer block names the session,
// holding what git printed (sha, times, author, our trailer lines, place in the walk). Events are
// derived from these records when a session is loaded (core/history-import.ts), so the cache is
// small and cheap to write, and deleting it loses nothing: rebuild gives it back.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionEvent } from '../core/events.js';
import { type HistoryCommit, importCommit } from '../core/history-import.js';
import { isSessionId } from '../core/ids.js';
import type { Context } from './context.js';

/** [sha, commitTime, authorEmail, position, trailerLines] */
export type CommitRecord = [string, number, string, number, string[]];

export function recordOf(c: HistoryCommit, position: number): CommitRecord {
  return [c.sha, c.commitTime, c.authorEmail, position, c.trailers];
}

function parseRecordLine(line: string): { commit: HistoryCommit; position: number } | null {
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(r) || r.length !== 5) return null;
  const [sha, ct, email, position, trailers] = r as CommitRecord;
  if (typeof sha !== 'string' || !/^[0-9a-f]{40,64}$/.test(sha)) return null;
  if (typeof ct !== 'number' || typeof position !== 'number' || typeof email !== 'string') return null;
  if (!Array.isArray(trailers) || !trailers.every((t) => typeof t === 'string')) return null;
  return { commit: { sha, commitTime: ct, authorEmail: email, trailers }, position };
}

interface Cache {
  ids?: string[];
  events: Map<string, SessionEvent[]>;
}

const caches = new WeakMap<Context, Cache>();

function cacheOf(ctx: Context): Cache {
  let c = caches.get(ctx);
  if (!c) {
    c = { events: new Map() };
    caches.set(ctx, c);
  }
  return c;
}

export const HISTORY_SUFFIX = '.commits';

export function historyFile(ctx: Context, sessionId: string): string {
  if (!isSessionId(sessionId)) throw new Error(`not a session id: ${sessionId}`);
  return join(ctx.store.paths.history, `${sessionId}${HISTORY_SUFFIX}`);
}

/** Sessions the history cache knows. */
export function historySessionIds(ctx: Context): string[] {
  const c = cacheOf(ctx);
  if (!c.ids) {
    let names: string[] = [];
    try {
      names = readdirSync(ctx.store.paths.history);
    } catch {
      // No rebuild has run in this clone.
    }
    c.ids = names
      .filter((n) => n.endsWith(HISTORY_SUFFIX))
      .map((n) => n.slice(0, -HISTORY_SUFFIX.length))
      .filter(isSessionId);
  }
  return c.ids;
}

/** Events of one session, derived from its cached commits. Unreadable lines are skipped. */
export function historyEventsOf(ctx: Context, sessionId: string): SessionEvent[] {
  const c = cacheOf(ctx);
  const hit = c.events.get(sessionId);
  if (hit) return hit;
  let text = '';
  try {
    text = readFileSync(historyFile(ctx, sessionId), 'utf8');
  } catch {
    // Nothing imported for this session.
  }
  const events: SessionEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const parsed = parseRecordLine(line);
    if (!parsed) continue;
    for (const e of importCommit(parsed.commit, parsed.position).events) if (e.session === sessionId) events.push(e);
  }
  c.events.set(sessionId, events);
  return events;
}

export function forgetHistoryCache(ctx: Context): void {
  caches.delete(ctx);
}
