// What `git session rebuild` read from the history, cached per session under
// sessions/history/<id>.commits: one JSON line per commit whose trailer block names the session,
// holding that session's part of the block only (so one commit naming many sessions is written
// once, not once per session) with the commit's sha, generation, time and author. Events are
// derived from these records when a session is loaded (core/history-import.ts), so the cache is
// small and cheap to write, and deleting it loses nothing: rebuild gives it back.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrailerList } from '../codec/trailers.js';
import { importSlice, sliceCommit } from '../core/history-import.js';
import type { SessionEvent } from '../model/events.js';
import { isSessionId } from '../model/ids.js';
import type { Context } from './context.js';

/** [2, sha, generation, commitTime, authorEmail, the session's trailer lines] */
export type CachedCommit = [2, string, number, number, string, string[]];

const SHA_RE = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The events of one cache line for `sessionId`; null when the line is not a record. */
export function eventsOfRecord(line: string, sessionId: string): SessionEvent[] | null {
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(r)) return null;
  const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((t) => typeof t === 'string');
  if (r.length === 6 && r[0] === 2) {
    const [, sha, generation, commitTime, authorEmail, lines] = r as CachedCommit;
    if (typeof sha !== 'string' || !SHA_RE.test(sha) || typeof authorEmail !== 'string' || !strings(lines)) return null;
    if (!Number.isInteger(generation) || generation < 0 || typeof commitTime !== 'number') return null;
    const { items } = parseTrailerList(lines);
    return importSlice({ sha, generation, commitTime, authorEmail }, sessionId, items);
  }
  // Written by git-session 0.1 ([sha, commitTime, email, position, the whole block]): read without
  // a generation (clock 0) until the next rebuild rewrites the cache.
  if (r.length === 5) {
    const [sha, commitTime, authorEmail, , trailers] = r as [string, number, string, number, string[]];
    if (typeof sha !== 'string' || !SHA_RE.test(sha) || typeof authorEmail !== 'string' || !strings(trailers))
      return null;
    if (typeof commitTime !== 'number') return null;
    const items = sliceCommit(trailers).items.get(sessionId) ?? [];
    return importSlice({ sha, generation: 0, commitTime, authorEmail }, sessionId, items);
  }
  return null;
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
    const parsed = eventsOfRecord(line, sessionId);
    if (parsed) for (const e of parsed) events.push(e);
  }
  c.events.set(sessionId, events);
  return events;
}

/** The session's history events if they are loaded already (nothing is read). */
export function loadedHistoryEvents(ctx: Context, sessionId: string): SessionEvent[] | undefined {
  return caches.get(ctx)?.events.get(sessionId);
}

/** Events a rebuild has in hand already: loading them again from the files it wrote is not needed. */
export function primeHistoryCache(ctx: Context, sessionId: string, events: SessionEvent[]): void {
  cacheOf(ctx).events.set(sessionId, events);
}

export function forgetHistoryCache(ctx: Context): void {
  caches.delete(ctx);
}
