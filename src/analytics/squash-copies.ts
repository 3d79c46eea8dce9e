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

const sameChanges = (a: CommitFacts, b: CommitFacts): boolean =>
  a.files.length === b.files.length &&
  a.files.every((f) => b.files.some((g) => g.path === f.path && g.added === f.added && g.removed === f.removed));

/**
 * For each commit, the session's earlier commits whose files it all touches, when they look like
 * what it restates: one commit with its subject and the same changes per file (a cherry-pick, a
 * rebase, a squash of one commit), or several commits over several files whose lines together are
 * at least its own (a squash's diff is the net of its parts). Ordinary work on the same files
 * rarely passes, which keeps git's patch-id out of most reports. `commits` oldest first.
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
    if (of.length === 1 || paths.size === 1) {
      const same = of.filter((e) => e.subject === c.subject && sameChanges(e, c));
      if (same.length > 0) out.push({ copy: c.sha, of: [same[0]!.sha] });
      continue;
    }
    const touched = new Set(of.flatMap((e) => e.files.map((f) => f.path)));
    if (touched.size !== paths.size) continue;
    if (of.reduce((n, e) => n + lines(e), 0) < lines(c)) continue;
    out.push({ copy: c.sha, of: of.map((e) => e.sha) });
  }
  return out;
}
