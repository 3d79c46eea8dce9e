// Writing this clone's journals into the session refs (docs/sync.md): each session whose journal
// grew since it was last written gets a new commit on `refs/sessions/<id>` whose tree holds this
// clone's file — the journal's events, one per line — next to the other clones' files, unchanged.
// All of them in one `git fast-import`. Lazy: before a push, on `sync`; never on every command.

import { mergeSyncFiles, serialiseSyncFile, syncFileName } from '../../codec/sync-file.js';
import type { RefTree } from '../../git/parse.js';
import { objectFormat } from '../../git/repo.js';
import { run } from '../../git/run.js';
import { blobContents, type Committer, importCommits, objectSizes, type RefCommit } from '../../git/session-refs.js';
import { SYNC_COMMITTER_NAME, SYNC_LIMITS } from '../../model/sync.js';
import { gitBlobId } from '../../store/digest.js';
import type { SyncMemory } from '../../store/sync-state.js';
import type { Context } from '../context.js';
import { localRef } from './names.js';

export interface Exported {
  /** Sessions whose ref got a new commit. */
  written: string[];
  /** Sessions whose ref moved meanwhile (another process): written by the next run. */
  refused: string[];
}

/** Who commits to session refs: git-session, with the user's email, now. */
export function committer(ctx: Context): Committer {
  return { name: SYNC_COMMITTER_NAME, email: ctx.author(), time: Date.parse(ctx.now()) / 1000 };
}

export const refMessage = (session: string): string => `git-session ${session}\n\nSession ref (docs/sync.md).\n`;

/** The repository's object format, asked once and remembered. */
export function formatOf(ctx: Context, memory: SyncMemory): string {
  memory.objectFormat ??= run(ctx.repo, objectFormat);
  return memory.objectFormat;
}

/**
 * Write every journal that changed since it was last written. Caller holds the store lock and
 * writes `memory` afterwards; `tips` are the local refs as listed before.
 */
export function exportJournals(ctx: Context, memory: SyncMemory, tips: ReadonlyMap<string, RefTree>): Exported {
  const machine = ctx.store.machineId();
  if (machine === null) return { written: [], refused: [] };
  // Before reading: a hook appending from now on marks the journals changed again.
  ctx.store.sync.clearChanged();
  const format = formatOf(ctx, memory);
  const name = syncFileName(machine);
  const todo: { id: string; bytes: number; content: string; blob: string; tip: RefTree | undefined }[] = [];
  for (const id of ctx.store.sessionIds()) {
    const bytes = ctx.store.journalBytes(id);
    if (bytes === 0) continue;
    const known = memory.exported[id];
    const tip = tips.get(id);
    if (known && known.bytes === bytes && tip) continue;
    let content: string;
    try {
      content = serialiseSyncFile(ctx.store.readJournal(id).events);
    } catch {
      // An unreadable journal: commands on the session say why; it is written once it reads.
      continue;
    }
    todo.push({ id, bytes, content, blob: gitBlobId(content, format), tip });
  }
  foreignLines(ctx, memory, todo, format);
  const commits: RefCommit[] = [];
  for (const t of todo) {
    if (t.tip && memory.exported[t.id]?.blob === t.blob) {
      memory.exported[t.id] = { bytes: t.bytes, blob: t.blob };
      continue;
    }
    commits.push({
      ref: localRef(t.id),
      from: t.tip?.commit ?? null,
      message: refMessage(t.id),
      files: [{ name, content: t.content }],
    });
  }
  const { refused } = run(ctx.repo, importCommits(commits, committer(ctx)));
  const written: string[] = [];
  const refusedIds: string[] = [];
  for (const t of todo) {
    if (!commits.some((c) => c.ref === localRef(t.id))) continue;
    if (refused.includes(localRef(t.id))) {
      refusedIds.push(t.id);
      continue;
    }
    memory.exported[t.id] = { bytes: t.bytes, blob: t.blob };
    written.push(t.id);
  }
  return { written, refused: refusedIds };
}

/**
 * A session whose ref holds a version of this clone's file that this clone did not write (another
 * store with the same machine id: a copied `.git`; merge.ts notes it with `bytes: -1`): its lines
 * join this clone's, so that nothing either wrote is lost.
 */
function foreignLines(
  ctx: Context,
  memory: SyncMemory,
  todo: { id: string; content: string; blob: string }[],
  format: string,
): void {
  const foreign = todo.filter((t) => memory.exported[t.id]?.bytes === -1 && memory.exported[t.id]!.blob !== t.blob);
  if (foreign.length === 0) return;
  const blobs = foreign.map((t) => memory.exported[t.id]!.blob);
  const sizes = run(ctx.repo, objectSizes(blobs));
  const readable = blobs.filter((b) => (sizes.get(b)?.size ?? Number.POSITIVE_INFINITY) <= SYNC_LIMITS.fileBytes);
  const contents = run(ctx.repo, blobContents(readable));
  for (const t of foreign) {
    const theirs = contents.get(memory.exported[t.id]!.blob);
    if (!theirs) continue;
    t.content = mergeSyncFiles(theirs.toString('utf8'), t.content);
    t.blob = gitBlobId(t.content, format);
  }
}
