// A session's commit that restates others of it: a squash merge of the session's branch while the
// branch still exists (issue 10 point 6), or a cherry-picked copy. Counted twice, its lines would
// double the session's. Pure: it names candidates from what `git log --numstat` told; git's
// `patch-id` decides (app/report-inputs.ts).

import type { CommitFacts } from './model.js';

export interface CopyCandidate {
  /** The later commit that may restate the others. */
  copy: string;
  /** The earlier commits it may restate, oldest first. */
  of: string[];
}

const lines = (c: CommitFacts): number => c.files.reduce((n, f) => n + (f.added ?? 0) + (f.removed ?? 0), 0);

/**
 * For each commit, the session's earlier commits whose files it all touches: a candidate when there
 * is at least one and their lines together are at least its own (a squash's diff is the net of
 * its parts). `commits` oldest first.
 */
export function copyCandidates(commits: readonly CommitFacts[]): CopyCandidate[] {
  const out: CopyCandidate[] = [];
  for (const [i, c] of commits.entries()) {
    if (c.files.length === 0) continue;
    const paths = new Set(c.files.map((f) => f.path));
    // Earlier, or of the same second (a squash made at once): oldest first.
    const of = commits.filter(
      (e, j) => j !== i && e.at <= c.at && e.files.length > 0 && e.files.every((f) => paths.has(f.path)),
    );
    if (of.length === 0) continue;
    const touched = new Set(of.flatMap((e) => e.files.map((f) => f.path)));
    if (touched.size !== paths.size) continue;
    if (of.reduce((n, e) => n + lines(e), 0) < lines(c)) continue;
    out.push({ copy: c.sha, of: of.map((e) => e.sha) });
  }
  return out;
}
