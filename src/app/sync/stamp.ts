// Whether fetched session refs may have moved since the last merge, told without a process: the
// identity of the files git keeps refs in (each remote's tracking folder, packed-refs, reftable).
// A plain `git fetch` or `git pull` that brought session refs changes one of them; the next
// git-session command then merges what arrived (docs/sync.md). Anything else that changes them (a
// branch deleted rewrites packed-refs) costs one listing that finds nothing new.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRACKING_REFS } from '../../model/sync.js';
import type { Context } from '../context.js';

function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return '-';
  }
}

/** The stamp of where git keeps the tracking refs now. */
export function trackingStamp(commonDir: string): string {
  const parts = [identity(join(commonDir, 'packed-refs')), identity(join(commonDir, 'reftable', 'tables.list'))];
  const dir = join(commonDir, ...TRACKING_REFS.split('/'));
  parts.push(identity(dir));
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // Nothing fetched yet.
  }
  for (const n of names) parts.push(`${n}=${identity(join(dir, n))}`);
  return `${parts.join(' ')}\n`;
}

const checked = new WeakSet<Context>();

/**
 * Merge what a fetch brought since the last merge, when the stamp says something may have (once
 * per process). Never fails the command: a problem is one warning, and the next command tries again.
 */
export async function mergeIfArrived(ctx: Context): Promise<void> {
  if (checked.has(ctx)) return;
  checked.add(ctx);
  if (!ctx.store.exists() || !ctx.store.sync.exists()) {
    // Sync never ran here: only fetched refs count (a clone made before `git session init`).
    if (!ctx.store.exists() || identity(join(ctx.repo.commonDir, ...TRACKING_REFS.split('/'))) === '-') return;
  }
  if (ctx.store.sync.stamp() === trackingStamp(ctx.repo.commonDir)) return;
  try {
    const config = await ctx.config();
    const { localRound } = await import('./round.js');
    localRound(ctx, config, { write: false });
  } catch (e) {
    ctx.warn(`could not merge the fetched session refs: ${(e as Error).message}`);
  }
}
