// Open sessions that need a decision: nobody touched them for weeks, or their branch is gone. Seed
// 002 calls referencing stale sessions an anti-pattern; here they are pointed out, never removed.

import type { SessionState } from './fold.js';

/** An open session untouched for this long is stale. */
export const STALE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export function attention(s: SessionState, now: string, branchExists: (branch: string) => boolean): string[] {
  if (s.status !== 'active' && s.status !== 'paused') return [];
  const out: string[] = [];
  const idleDays = Math.floor((Date.parse(now) - Date.parse(s.updatedAt)) / DAY_MS);
  if (idleDays >= STALE_DAYS) out.push(`stale: untouched for ${idleDays} days`);
  if (s.branch !== '' && !branchExists(s.branch)) out.push('branch gone');
  return out;
}
