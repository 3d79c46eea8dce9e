// `git session sync [REMOTE]` (docs/sync.md): fetch every remote's session refs (or one's), merge
// them into the local ones, write this clone's journals into them, read the new commits' trailers,
// and push what each remote lacks — fast-forward only; a ref a remote has a newer version of is
// fetched, merged and pushed once more. Says what moved.

import { userError } from '../../model/errors.js';
import { clip } from '../../model/text.js';
import type { Context } from '../context.js';
import { ensureRefspecs, type Remote, remoteList, remoteNamespace } from './names.js';
import { localRound, noteSent, type RoundResult, unpushed } from './round.js';
import { fetchSessions, pushSessions } from './transfer.js';

/** A fetch or push of `sync` waits this long for a remote (a person is watching). */
export const SYNC_TIMEOUT_MS = 60_000;

export interface RemoteReport {
  name: string;
  /** Why the fetch failed, or null. */
  fetchError: string | null;
  /** Sessions whose ref on the remote had moved since the last merge. */
  received: string[];
  /** Sessions pushed. */
  sent: string[];
  /** Sessions the remote refused, with why. */
  refused: { session: string; why: string }[];
  /** Sessions not pushed (the remote kept moving, or the push failed). */
  queued: string[];
  /** Why the push failed, or what the remote said when it refused. */
  pushError: string | null;
  /** Its fetch refspec was added now. */
  refspecAdded: boolean;
}

export interface SyncReport {
  namespace: string;
  remotes: RemoteReport[];
  /** Sessions this clone did not have before. */
  added: string[];
  /** Sessions whose ref took what arrived. */
  merged: string[];
  /** Sessions whose ref got this clone's new events. */
  written: string[];
  /** What was not read (limits, unreadable objects). */
  skipped: string[];
}

export async function syncWith(ctx: Context, only?: string): Promise<SyncReport> {
  const config = await ctx.config();
  const namespace = await remoteNamespace(ctx);
  const all = remoteList(ctx);
  const list = only === undefined ? all : all.filter((r) => r.name === only);
  if (only !== undefined && list.length === 0)
    throw userError('no-remote', `no remote named '${clip(only)}'`, 'see the remotes with: git remote -v');
  if (list.length === 0)
    throw userError('no-remote', 'this repository has no remote to sync with', 'add one: git remote add origin <url>');
  ctx.store.ensure();
  const refspecs = ensureRefspecs(ctx, namespace, list);
  const fetched = await Promise.all(list.map((r) => fetchSessions(ctx, r.name, namespace, SYNC_TIMEOUT_MS)));
  const round = localRound(ctx, config, { write: true });
  await readNewCommits(ctx);
  const report: SyncReport = {
    namespace,
    remotes: [],
    added: round.added,
    merged: round.changed,
    written: round.written,
    skipped: round.skipped,
  };
  for (const [i, r] of list.entries()) {
    const f = fetched[i]!;
    const remote = await pushTo(ctx, r, namespace, round);
    report.remotes.push({
      ...remote,
      fetchError: f.ok ? null : f.timedOut ? 'timed out' : f.message || 'fetch failed',
      received: round.arrived.get(r.name) ?? [],
      refspecAdded: refspecs.includes(r.name),
    });
  }
  return report;
}

/** The history's new commits: their trailers, and the branches they link (an incremental rebuild). */
async function readNewCommits(ctx: Context): Promise<void> {
  try {
    const { rebuild } = await import('../rebuild.js');
    await rebuild(ctx, { full: false });
  } catch (e) {
    ctx.warn(`the new commits were not read: ${(e as Error).message} (run: git session rebuild)`);
  }
}

type Pushing = Pick<RemoteReport, 'name' | 'sent' | 'refused' | 'queued' | 'pushError'>;

/** Push what `r` lacks; a ref it has a newer version of is fetched, merged and pushed once more. */
async function pushTo(ctx: Context, r: Remote, namespace: string, first: RoundResult): Promise<Pushing> {
  let round = first;
  const wanted = unpushed(round.refs, r.name);
  const result: Pushing = { name: r.name, sent: [], refused: [], queued: [], pushError: null };
  if (wanted.length === 0) return result;
  const target = { name: r.name, url: r.url };
  let out = await pushSessions(ctx, target, namespace, wanted, round.refs.local, Date.now() + SYNC_TIMEOUT_MS);
  noteSent(ctx, r.name, out.sent, round.refs.local);
  result.sent.push(...out.sent);
  result.refused.push(...out.refused);
  if (out.behind.length > 0) {
    const f = await fetchSessions(ctx, r.name, namespace, SYNC_TIMEOUT_MS, out.behind);
    if (f.ok) {
      const config = await ctx.config();
      round = localRound(ctx, config, { write: false });
      const behind = out.behind;
      out = await pushSessions(ctx, target, namespace, behind, round.refs.local, Date.now() + SYNC_TIMEOUT_MS);
      noteSent(ctx, r.name, out.sent, round.refs.local);
      result.sent.push(...out.sent);
      result.refused.push(...out.refused);
    }
  }
  result.queued.push(...out.behind, ...out.failed);
  result.pushError =
    out.remoteSays || out.message || (out.timedOut ? 'timed out' : null) || (result.refused[0]?.why ?? null);
  if (result.queued.length === 0 && result.refused.length === 0) result.pushError = null;
  return result;
}
