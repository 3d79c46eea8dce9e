// Where a session's branch stands against its upstream and the default branch (for the brief's
// "Continue"): the refs git lists, read by a pure function, then one count of commits.

import type { BranchPosition } from '../core/brief.js';
import { parseTrack, type RefRecord } from '../git/parse.js';
import { branchRefs, leftRight } from '../git/refs.js';
import type { Repo } from '../git/repo.js';
import { runAsync } from '../git/run.js';

const short = (n: string) => n.replace(/^refs\/(heads|remotes)\//, '');

/**
 * From the refs branchRefs lists: the ref to measure (the local branch, else a remote-tracking
 * copy), its upstream, and the default branch to count against (`base`, absent when there is none
 * or the branch is the default branch itself).
 */
export function positionOf(
  branch: string,
  refs: ReadonlyMap<string, RefRecord>,
): { position: BranchPosition; measure: { ref: string; base: string } | null } {
  const local = refs.get(`refs/heads/${branch}`);
  const remoteCopy = [...refs.keys()].find(
    (n) =>
      n.startsWith('refs/remotes/') && n.endsWith(`/${branch}`) && n.split('/').length === 3 + branch.split('/').length,
  );
  const ref = local ? `refs/heads/${branch}` : (remoteCopy ?? null);
  const remoteHeads = [...refs.entries()].filter(([n, v]) => n.endsWith('/HEAD') && v.symref !== '');
  const remoteHead = (remoteHeads.find(([n]) => n === 'refs/remotes/origin/HEAD') ?? remoteHeads[0])?.[1].symref;
  const base = [remoteHead, 'refs/heads/main', 'refs/heads/master'].find(
    (n) => n !== undefined && (n === remoteHead || refs.has(n)),
  );
  const position: BranchPosition = {
    branch,
    ref: ref === null ? null : short(ref),
    upstream: local && local.upstream !== '' ? { name: local.upstream, ...parseTrack(local.track) } : null,
    base: null,
  };
  // The default branch's own name (origin/main -> main): a session on it has nothing to merge into.
  const baseName = base?.startsWith('refs/remotes/') ? base.split('/').slice(3).join('/') : base && short(base);
  if (ref === null || base === undefined || baseName === branch) return { position, measure: null };
  return { position, measure: { ref, base } };
}

/** Where a branch stands against its upstream and the default branch: two git processes. */
export async function branchPosition(repo: Repo, branch: string): Promise<BranchPosition> {
  const { position, measure } = positionOf(branch, await runAsync(repo, branchRefs(branch)));
  if (!measure) return position;
  const counts = await runAsync(repo, leftRight(measure.ref, measure.base));
  if (counts) position.base = { name: short(measure.base), ahead: counts.left, behind: counts.right };
  return position;
}
