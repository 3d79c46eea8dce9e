// Which session each session was spawned by, as the history says (a child's `Session-Info: parent`
// line), kept by `rebuild` in sessions/history/links: on a clone where only the children's
// commits arrived — the parent never committed after spawning them — the parent still finds its
// children without folding every session. Derived, deletable: the next full rebuild writes it again.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSessionId } from '../model/ids.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Context } from './context.js';

// No .json: seed 001 keeps its archives as history/<branch>-<date>.json in the same folder.
const FILE = 'links';

interface LinksFile {
  version: 1;
  /** child session id → parent session id */
  parents: Record<string, string>;
}

const linksPath = (ctx: Context) => join(ctx.store.paths.history, FILE);

const cache = new WeakMap<Context, Map<string, string>>();

/** child → parent, as the last rebuild read them (empty without one, or when the file is damaged). */
export function readLinks(ctx: Context): Map<string, string> {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const links = new Map<string, string>();
  try {
    const f = JSON.parse(readFileSync(linksPath(ctx), 'utf8')) as Partial<LinksFile>;
    if (f.version === 1 && typeof f.parents === 'object' && f.parents !== null)
      for (const [child, parent] of Object.entries(f.parents))
        if (isSessionId(child) && typeof parent === 'string' && isSessionId(parent)) links.set(child, parent);
  } catch {
    // No rebuild yet, or a file to write again: no links known from history.
  }
  cache.set(ctx, links);
  return links;
}

/** Sessions the history says `parent` spawned. */
export function childrenFromHistory(ctx: Context, parent: string): string[] {
  const out: string[] = [];
  for (const [child, p] of readLinks(ctx)) if (p === parent) out.push(child);
  return out;
}

/**
 * What a rebuild read: `found` (child → parent, the latest line of each child's) replaces what a
 * full read knew, or adds to it after a read of new commits only. Caller holds the lock.
 */
export function writeLinks(ctx: Context, found: ReadonlyMap<string, string>, full: boolean): void {
  const before = full ? new Map<string, string>() : new Map(readLinks(ctx));
  for (const [child, parent] of found) before.set(child, parent);
  const parents: Record<string, string> = {};
  for (const child of [...before.keys()].sort()) parents[child] = before.get(child)!;
  const text = `${JSON.stringify({ version: 1, parents } satisfies LinksFile)}\n`;
  let old = '';
  try {
    old = readFileSync(linksPath(ctx), 'utf8');
  } catch {
    // Not written yet.
  }
  if (old !== text && (before.size > 0 || old !== '')) writeFileAtomic(linksPath(ctx), text, 0o644, false);
  cache.set(ctx, before);
}
