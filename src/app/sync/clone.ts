// What `git session init` does for team sync (docs/sync.md, "The clone path"): each remote gets the
// fetch refspec of its session refs, they are fetched and merged, and the history is read, so that
// in a fresh clone `list`, `show` and `brief` work at once.

import type { Context } from '../context.js';
import { ensureRefspecs, remoteList, remoteNamespace } from './names.js';
import { localRound } from './round.js';
import { SYNC_TIMEOUT_MS } from './sync.js';
import { fetchSessions } from './transfer.js';

export interface Joined {
  /** Per remote: sessions whose refs arrived, or why the fetch failed. */
  remotes: { name: string; sessions: number; error: string | null }[];
  /** Sessions this clone did not know. */
  added: string[];
  /** Sessions the history names (null: the history was not read). */
  fromHistory: number | null;
  /** What arrived and was not read (limits, invalid lines): a stranger's refs are checked. */
  skipped: string[];
}

export async function joinRemotes(ctx: Context): Promise<Joined> {
  const out: Joined = { remotes: [], added: [], fromHistory: null, skipped: [] };
  // A configuration that cannot be used is said by every command; init still sets up the rest.
  const config = await ctx.config().catch(() => null);
  if (config === null) return out;
  const list = remoteList(ctx);
  if (list.length > 0) {
    const namespace = await remoteNamespace(ctx);
    ensureRefspecs(ctx, namespace, list);
    const fetched = await Promise.all(list.map((r) => fetchSessions(ctx, r.name, namespace, SYNC_TIMEOUT_MS)));
    const round = localRound(ctx, config, { write: false });
    out.added = round.added;
    out.skipped = round.skipped;
    for (const [i, r] of list.entries()) {
      const f = fetched[i]!;
      out.remotes.push({
        name: r.name,
        sessions: round.arrived.get(r.name)?.length ?? 0,
        error: f.ok ? null : f.timedOut ? 'timed out' : f.message || 'fetch failed',
      });
    }
  }
  try {
    const { rebuild } = await import('../rebuild.js');
    const r = await rebuild(ctx, { full: false });
    out.fromHistory = r.upToDate ? null : r.sessions.length;
  } catch (e) {
    ctx.warn(`the history was not read: ${(e as Error).message} (run: git session rebuild)`);
  }
  return out;
}
