// Merging what arrived from remotes into the local session refs (docs/sync.md, "Merge"): for each
// session whose tracking ref moved since the last merge, the local ref takes it when it has none or
// is behind it, keeps itself when ahead, and otherwise becomes a merge commit whose tree is the
// union of both, file by file (a clone only appends to its own file: the longer version is the
// merge; anything else is the union of lines). Then the other clones' files of every session that
// changed are copied, size-checked, to `sessions/<id>/peers/`, and the session's derived files are
// written again. Nothing from a ref is executed or names a path: files are machine ids, sessions
// are UUIDs, and every event is checked again when it is loaded (peers.ts).

import { machineOfFile, mergeSyncFiles, readSyncFile } from '../../codec/sync-file.js';
import type { RefTree, TreeEntry } from '../../git/parse.js';
import { leftRight } from '../../git/refs.js';
import { run } from '../../git/run.js';
import {
  blobContents,
  importCommits,
  objectSizes,
  type RefCommit,
  type RefUpdate,
  treeFiles,
  updateRefs,
} from '../../git/session-refs.js';
import { SESSION_REFS, SYNC_LIMITS, TRACKING_REFS } from '../../model/sync.js';
import { peerMachines, removePeer, type SyncMemory, writePeer } from '../../store/sync-state.js';
import type { Context } from '../context.js';
import { committer, refMessage } from './export.js';
import { localRef, ofTrackingRef, sessionOfLocalRef } from './names.js';
import { forgetPeers } from './peers.js';

/** The session refs, local and fetched, as one listing gives them. */
export interface RefListing {
  local: Map<string, RefTree>;
  /** By remote, by session. */
  tracking: Map<string, Map<string, RefTree>>;
}

export function listing(refs: readonly RefTree[]): RefListing {
  const out: RefListing = { local: new Map(), tracking: new Map() };
  for (const r of refs) {
    const own = sessionOfLocalRef(r.ref);
    if (own) {
      out.local.set(own, r);
      continue;
    }
    const t = ofTrackingRef(r.ref);
    if (!t) continue;
    let m = out.tracking.get(t.remote);
    if (!m) {
      m = new Map();
      out.tracking.set(t.remote, m);
    }
    m.set(t.session, r);
  }
  return out;
}

export const LISTED_REFS = [SESSION_REFS, TRACKING_REFS];

export interface Merged {
  /** Sessions whose local ref changed. */
  changed: string[];
  /** Of those, sessions this clone did not have a ref of before. */
  added: string[];
  /** By remote: the sessions whose fetched ref moved since the last merge. */
  arrived: Map<string, string[]>;
  /** What was not read, in words (limits, unreadable objects). */
  skipped: string[];
}

/** One session's step: adopt or fast-forward to a fetched commit, or merge with it. */
type Step = { id: string; old: RefTree | null; to: RefTree; merge: boolean; keys: string[] };

/**
 * Merge every fetched ref that moved since the last merge. Caller holds the store lock, and writes
 * `memory` afterwards.
 */
export function mergeTracking(ctx: Context, memory: SyncMemory, refs: RefListing): Merged {
  const result: Merged = { changed: [], added: [], arrived: new Map(), skipped: [] };
  const steps = planSteps(ctx, memory, refs, result);
  if (steps.length === 0) return result;
  const merges = steps.filter((s) => s.merge);
  const commits = merges.map((s) => mergeCommit(ctx, s, result)).filter((c): c is RefCommit => c !== null);
  const refused = new Set(run(ctx.repo, importCommits(commits, committer(ctx))).refused);
  const updates: RefUpdate[] = steps
    .filter((s) => !s.merge)
    .map((s) => ({ ref: localRef(s.id), to: s.to.commit, old: s.old?.commit ?? null }));
  const moved = updates.length === 0 || run(ctx.repo, updateRefs(updates));
  for (const s of steps) {
    const done = s.merge ? commits.some((c) => c.ref === localRef(s.id)) && !refused.has(localRef(s.id)) : moved;
    if (!done) continue;
    for (const k of s.keys) memory.merged[k] = s.to.commit;
    result.changed.push(s.id);
    if (s.old === null) result.added.push(s.id);
  }
  return result;
}

/** What each session whose fetched ref moved needs: nothing, its ref moved, or a merge commit. */
function planSteps(ctx: Context, memory: SyncMemory, refs: RefListing, result: Merged): Step[] {
  const byId = new Map<string, Step>();
  const remotes = [...refs.tracking.keys()].sort();
  for (const remote of remotes) {
    const tips = [...refs.tracking.get(remote)!.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (tips.length > SYNC_LIMITS.refsPerRemote)
      result.skipped.push(`${remote}: ${tips.length - SYNC_LIMITS.refsPerRemote} sessions beyond the first 10,000`);
    for (const [id, t] of tips.slice(0, SYNC_LIMITS.refsPerRemote)) {
      const key = `${remote}/${id}`;
      if (memory.merged[key] === t.commit) continue;
      const arrived = result.arrived.get(remote) ?? [];
      arrived.push(id);
      result.arrived.set(remote, arrived);
      const step = byId.get(id);
      const current = step ? step.to : (refs.local.get(id) ?? null);
      const next = stepTo(ctx, current, t);
      if (next === 'same') {
        memory.merged[key] = t.commit;
        continue;
      }
      // Unreadable, or a second remote's ref that would need a merge on top of the first's: the
      // next run (the merge is made from the local ref as it is then).
      if (next === null || (step && (step.merge || next === 'merge'))) continue;
      if (step) {
        step.to = t;
        step.keys.push(key);
      } else byId.set(id, { id, old: refs.local.get(id) ?? null, to: t, merge: next === 'merge', keys: [key] });
    }
  }
  return [...byId.values()];
}

/** How `current` (the local ref, or what an earlier remote moved it to) takes fetched commit `t`. */
function stepTo(ctx: Context, current: RefTree | null, t: RefTree): 'same' | 'take' | 'merge' | null {
  if (current === null) return 'take';
  if (current.commit === t.commit) return 'same';
  const lr = run(ctx.repo, leftRight(current.commit, t.commit));
  if (lr === null) return null;
  if (lr.right === 0) return 'same';
  if (lr.left === 0) return 'take';
  return 'merge';
}

/**
 * The merge commit of a session whose local and fetched refs both moved: each clone's file as the
 * longer version, or the union of both versions' lines (codec/sync-file.ts mergeSyncFiles).
 */
function mergeCommit(ctx: Context, s: Step, result: Merged): RefCommit | null {
  const ours = s.old!;
  const trees = run(ctx.repo, treeFiles([ours.tree, s.to.tree]));
  const mine = byName(trees.get(ours.tree) ?? []);
  const theirs = byName(trees.get(s.to.tree) ?? []);
  const files: RefCommit['files'] = [];
  const both: [string, TreeEntry, TreeEntry][] = [];
  for (const [name, t] of theirs) {
    const m = mine.get(name);
    if (m === undefined) files.push({ name, blob: t.blob });
    else if (m.blob !== t.blob) both.push([name, m, t]);
  }
  if (mine.size + files.length > SYNC_LIMITS.filesPerRef) {
    result.skipped.push(`session ${s.id.slice(0, 13)}: more than ${SYNC_LIMITS.filesPerRef} clones' files`);
    files.splice(Math.max(0, SYNC_LIMITS.filesPerRef - mine.size));
  }
  const contents = readBlobs(
    ctx,
    both.flatMap(([, m, t]) => [m.blob, t.blob]),
    result,
    s.id,
  );
  for (const [name, m, t] of both) {
    const a = contents.get(m.blob);
    const b = contents.get(t.blob);
    if (a === undefined || b === undefined) continue;
    files.push({ name, content: mergeSyncFiles(a, b) });
  }
  return { ref: localRef(s.id), from: ours.commit, merge: s.to.commit, message: refMessage(s.id), files };
}

/** The files of a tree that are clones' files (`<machine id>.jsonl`, regular), by name. */
function byName(entries: readonly TreeEntry[]): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  for (const e of entries)
    if (machineOfFile(e.name) && (e.mode === '100644' || e.mode === '100755')) out.set(e.name, e);
  return out;
}

/** Blobs read as text, each within the file limit and all within the ref limit; the rest reported. */
function readBlobs(ctx: Context, blobs: readonly string[], result: Merged, session: string): Map<string, string> {
  return readBlobGroups(ctx, [{ session, blobs }], result);
}

/**
 * The blobs of several sessions read at once (two git processes in all, not two per session): each
 * within the file limit, each session's within the ref limit; the rest reported.
 */
function readBlobGroups(
  ctx: Context,
  groups: readonly { session: string; blobs: readonly string[] }[],
  result: Merged,
): Map<string, string> {
  const out = new Map<string, string>();
  const all = [...new Set(groups.flatMap((g) => g.blobs))];
  if (all.length === 0) return out;
  const sizes = run(ctx.repo, objectSizes(all));
  const wanted = new Set<string>();
  for (const g of groups) {
    let total = 0;
    for (const b of new Set(g.blobs)) {
      const info = sizes.get(b);
      if (info?.type !== 'blob') continue;
      if (info.size > SYNC_LIMITS.fileBytes || total + info.size > SYNC_LIMITS.refBytes) {
        result.skipped.push(`session ${g.session.slice(0, 13)}: a clone's file of ${info.size} bytes (over the limit)`);
        continue;
      }
      total += info.size;
      wanted.add(b);
    }
  }
  for (const [sha, data] of run(ctx.repo, blobContents([...wanted]))) out.set(sha, data.toString('utf8'));
  return out;
}

/**
 * The other clones' files of each session given, copied to its `peers/` folder from its local ref
 * as it is now (only those whose blob changed); a clone's file no longer in the ref is removed.
 * This clone's own file is copied too when it holds lines this clone did not write (a copied
 * store): export.ts then joins them. Caller holds the lock.
 */
export function refreshPeers(
  ctx: Context,
  memory: SyncMemory,
  local: ReadonlyMap<string, RefTree>,
  ids: readonly string[],
  result: Merged,
): void {
  const machine = ctx.store.machineId();
  const wanted = ids.filter((id) => local.has(id));
  const trees = run(ctx.repo, treeFiles(wanted.map((id) => local.get(id)!.tree)));
  const plans: { id: string; changed: { machine: string; blob: string }[]; next: Record<string, string> }[] = [];
  for (const id of wanted) {
    const files = [...byName(trees.get(local.get(id)!.tree) ?? [])]
      .map(([name, e]) => ({ machine: machineOfFile(name)!, blob: e.blob }))
      .slice(0, SYNC_LIMITS.filesPerRef);
    const known = memory.peers[id] ?? {};
    const next: Record<string, string> = {};
    const changed = files.filter((f) => {
      if (f.machine === machine) {
        if (memory.exported[id]?.blob === f.blob) return false;
        memory.exported[id] = { bytes: -1, blob: f.blob };
      }
      next[f.machine] = f.blob;
      return known[f.machine] !== f.blob;
    });
    plans.push({ id, changed, next });
  }
  const texts = readBlobGroups(
    ctx,
    plans.map((p) => ({ session: p.id, blobs: p.changed.map((f) => f.blob) })),
    result,
  );
  for (const { id, changed, next } of plans) {
    for (const f of changed) {
      const text = texts.get(f.blob);
      if (text === undefined) {
        delete next[f.machine];
        continue;
      }
      writePeer(ctx.store.paths, id, f.machine, text);
      // Every load reads the file again and leaves these lines out; said once, when they arrive.
      const read = readSyncFile(text, id);
      if (read.rejectedCount > 0)
        result.skipped.push(
          `session ${id.slice(0, 13)}: ${read.rejectedCount} line${read.rejectedCount === 1 ? '' : 's'} of clone ${f.machine} (line ${read.rejected[0]!.line + 1}: ${read.rejected[0]!.reason})`,
        );
    }
    for (const m of peerMachines(ctx.store.paths, id)) if (!(m in next)) removePeer(ctx.store.paths, id, m);
    memory.peers[id] = next;
  }
  forgetPeers(ctx);
}
