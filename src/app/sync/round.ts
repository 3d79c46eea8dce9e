// One pass over the local side of sync, under the store lock (docs/sync.md): merge what the
// remotes' tracking refs brought, copy the other clones' files of the sessions that changed, write
// this clone's journals into the refs when asked, and note for each remote whether it holds every
// local ref as it is (the pre-push hook then has nothing to do). No network here.

import type { Config } from '../../codec/config.js';
import type { RefTree } from '../../git/parse.js';
import { currentBranch } from '../../git/repo.js';
import { run } from '../../git/run.js';
import { refTrees } from '../../git/session-refs.js';
import { SESSION_REFS } from '../../model/sync.js';
import type { Context } from '../context.js';
import { writeDerived } from '../mutate.js';
import { loadSession } from '../sessions.js';
import { exportJournals } from './export.js';
import { LISTED_REFS, listing, type Merged, mergeTracking, type RefListing, refreshPeers } from './merge.js';
import { isRemoteName } from './names.js';
import { trackingStamp } from './stamp.js';

export interface RoundResult extends Merged {
  /** Sessions whose ref got this clone's new events. */
  written: string[];
  refs: RefListing;
  version: number;
}

/**
 * Merge, then (with `write`) export. `config` gives the trailers of the derived files written
 * again for the sessions that changed.
 */
export function localRound(ctx: Context, config: Config, o: { write: boolean }): RoundResult {
  return ctx.store.lock(() => {
    const files = ctx.store.sync;
    const memory = files.read();
    let refs = listing(run(ctx.repo, refTrees(LISTED_REFS)));
    const merged = mergeTracking(ctx, memory, refs);
    if (merged.changed.length > 0) refs = { ...refs, local: localTips(ctx) };
    refreshPeers(ctx, memory, refs.local, merged.changed, merged);
    let written: string[] = [];
    if (o.write) {
      const exported = exportJournals(ctx, memory, refs.local);
      written = exported.written;
      if (written.length > 0) refs = { ...refs, local: localTips(ctx) };
    }
    files.write(memory);
    const version = merged.changed.length > 0 || written.length > 0 ? files.bumpVersion() : files.version();
    files.ensureVersion();
    notePushed(ctx, refs, version);
    const added = new Set(merged.added);
    const head = merged.added.length > 0 ? currentBranch(ctx.repo) : null;
    for (const id of merged.changed) {
      const loaded = loadSession(ctx, id);
      if (!loaded) continue;
      const fresh = added.has(id);
      // A session new here takes its branch's link, as rebuild gives it (switch, status, hooks find
      // it there), unless the branch is linked here already. The link can be made again from the
      // session's own events: it is not fsynced.
      if (fresh && loaded.state.branch) ctx.store.linkBranchIfFree(loaded.state.branch, id, false);
      // A session new here gets its derived files (trailers, committed, switch) when it is first
      // used, not now: the `stale` marker has a switch to its branch or a commit on it leave that to
      // the CLI, which writes them (docs/storage.md "stale"). Creating files is what a fresh clone's
      // init pays for (~1 ms each here): one marker instead of three files per session. The session
      // of the branch checked out here is used at once: its files are written now.
      if (fresh && loaded.state.branch !== head) ctx.store.markStale(id);
      else writeDerived(ctx, loaded, config.trailers);
    }
    files.writeStamp(trackingStamp(ctx.repo.commonDir));
    return { ...merged, written, refs, version };
  });
}

/** The local session refs, listed again. */
export function localTips(ctx: Context): Map<string, RefTree> {
  return listing(run(ctx.repo, refTrees([SESSION_REFS]))).local;
}

/** Sessions whose local ref the remote's tracking ref does not equal: what a push to it carries. */
export function unpushed(refs: RefListing, remote: string): string[] {
  const theirs = refs.tracking.get(remote);
  return [...refs.local.entries()].filter(([id, r]) => theirs?.get(id)?.commit !== r.commit).map(([id]) => id);
}

/**
 * For each remote fetched or pushed to: whether it holds every local ref as it is now (then a push
 * to it has nothing of ours to do: `pushed/<remote>` = version).
 */
export function notePushed(ctx: Context, refs: RefListing, version: number): void {
  for (const remote of refs.tracking.keys()) {
    if (!isRemoteName(remote)) continue;
    if (unpushed(refs, remote).length === 0) ctx.store.sync.setPushed(remote, version);
    else ctx.store.sync.clearPushed(remote);
  }
}

/**
 * After a push to a named remote: its tracking refs now hold what was sent, which is merged
 * already (the next command has nothing to merge), and the stamp follows.
 */
export function noteSent(
  ctx: Context,
  remote: string,
  sent: readonly string[],
  tips: ReadonlyMap<string, RefTree>,
): void {
  if (sent.length === 0) return;
  ctx.store.lock(() => {
    const memory = ctx.store.sync.read();
    for (const id of sent) {
      const tip = tips.get(id);
      if (tip) memory.merged[`${remote}/${id}`] = tip.commit;
    }
    ctx.store.sync.write(memory);
    ctx.store.sync.writeStamp(trackingStamp(ctx.repo.commonDir));
  });
}
