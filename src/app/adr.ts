// Decisions as ADR files (issue 11.4): with `adr.dir` set, every decision recorded here is also
// written as a numbered MADR file there (render/adr.ts), new files only, through the work tree's
// guarded writes; a decision that supersedes another changes the older file's status line and
// nothing else. The folder is read to know which decisions have a file already: an ADR's mark names
// its decision, so a file renamed or renumbered by hand is still found.

import type { Decision } from '../core/fold.js';
import { userError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import { adrDecisionOf, adrFileName, adrNumberOf, renderAdr, supersededStatus, withStatus } from '../render/adr.js';
import { createWorktreeFile, editOwnedFile, listWorktreeDir, readWorktreeText } from '../worktree/file.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

/** Far beyond any decision record folder; what lies past it is not looked at. */
const MAX_FILES = 10_000;
/** An ADR's mark is near its top: this much of each file is read. */
const HEAD_BYTES = 4096;
/** An ADR git-session changes (its status) is at most this large. */
const MAX_ADR_BYTES = 1024 * 1024;

export interface AdrIndex {
  dir: string;
  /** The highest number a file of the folder starts with (0 when none). */
  last: number;
  /** Decision id → file name, for the files carrying git-session's ADR mark. */
  files: Map<string, string>;
}

const what = 'adr.dir';

/** What the folder holds. Unreadable entries (a FIFO, a link out of the work tree) are left out. */
export function readAdrIndex(ctx: Context, dir: string): AdrIndex {
  const index: AdrIndex = { dir, last: 0, files: new Map() };
  for (const name of listWorktreeDir(ctx.repo, { rel: dir, what }, MAX_FILES)) {
    const n = adrNumberOf(name);
    if (n === null) continue;
    if (n > index.last) index.last = n;
    let head: string | null = null;
    try {
      head =
        readWorktreeText(ctx.repo, { rel: `${dir}/${name}`, what }, { maxBytes: HEAD_BYTES, onLarger: 'truncate' })
          ?.text ?? null;
    } catch {
      head = null;
    }
    const id = head === null ? null : adrDecisionOf(head);
    if (id !== null && !index.files.has(id)) index.files.set(id, name);
  }
  return index;
}

/** The folder configured, or null when decisions are not kept as ADR files. */
export async function adrDir(ctx: Context): Promise<string | null> {
  return (await ctx.config()).adr.dir;
}

/** Write one decision's ADR as the next number (a number taken meanwhile: the one after). */
function writeOne(ctx: Context, index: AdrIndex, d: Decision, loaded: Loaded, supersedes: string | null): string {
  const s = loaded.state;
  const old = supersedes !== null ? index.files.get(supersedes) : undefined;
  const context = {
    session: { id: s.id, name: s.name, title: s.title, branch: s.branch },
    workingOn: s.objectives.filter((o) => o.status === 'in-progress'),
    supersedes: old !== undefined ? { number: adrNumberOf(old) ?? 0, file: old } : null,
  };
  // Replaced already (the file was deleted, or the decision predates adr.dir): the file says so from
  // the start, naming its replacement's file when there is one.
  const by = d.supersededBy !== null ? index.files.get(d.supersededBy) : undefined;
  const rendered = renderAdr(d, context);
  const status =
    d.supersededBy === null
      ? null
      : by !== undefined
        ? supersededStatus({ number: adrNumberOf(by) ?? 0, file: by })
        : `status: superseded by ${d.supersededBy}`;
  const text = status === null ? rendered : (withStatus(rendered, status) ?? rendered);
  for (let attempt = 0; attempt < 100; attempt++) {
    const n = index.last + 1;
    const name = adrFileName(n, d.text);
    index.last = n;
    if (createWorktreeFile(ctx.repo, { rel: `${index.dir}/${name}`, what }, text) === 'created') {
      index.files.set(d.id, name);
      if (old !== undefined) markSuperseded(ctx, index.dir, old, { number: n, file: name });
      return name;
    }
  }
  throw userError('adr-numbers', `no free ADR number in ${index.dir}`, 'look at the folder: its files may be odd');
}

/** The older decision's file says what superseded it; nothing else of it changes. */
function markSuperseded(ctx: Context, dir: string, file: string, by: { number: number; file: string }): void {
  editOwnedFile(
    ctx.repo,
    { rel: `${dir}/${file}`, what },
    'adr',
    (text) => (text === null ? null : withStatus(text, supersededStatus(by))),
    MAX_ADR_BYTES,
  );
}

/**
 * The ADR files of `decisions` of the session that have none yet (in their order). Returns the
 * file names written.
 */
export function writeAdrs(
  ctx: Context,
  dir: string,
  loaded: Loaded,
  decisions: readonly Decision[],
  supersedes: ReadonlyMap<string, string> = new Map(),
): string[] {
  const index = readAdrIndex(ctx, dir);
  const written: string[] = [];
  for (const d of decisions) {
    if (index.files.has(d.id)) continue;
    // A replacement written after the decision it replaces marks that file (as `supersede` does).
    written.push(writeOne(ctx, index, d, loaded, supersedes.get(d.id) ?? d.supersedes));
  }
  return written;
}

/** After a change: the decisions it recorded get their files (when adr.dir is set). */
export async function adrsAfterChange(ctx: Context, loaded: Loaded, appended: readonly SessionEvent[]): Promise<void> {
  const recorded = appended.filter((e) => e.type === 'decision.recorded');
  if (recorded.length === 0) return;
  const dir = await adrDir(ctx);
  if (dir === null) return;
  const supersedes = new Map<string, string>();
  for (const e of recorded)
    if (e.type === 'decision.recorded' && e.supersedes) supersedes.set(e.decision, e.supersedes);
  const ids = new Set(recorded.map((e) => (e.type === 'decision.recorded' ? e.decision : '')));
  writeAdrs(
    ctx,
    dir,
    loaded,
    loaded.state.decisions.filter((d) => ids.has(d.id)),
    supersedes,
  );
}
