// "did you mean …?" for mistyped commands and options, as git does for its own commands.

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** The candidates close enough to `word` to be what was meant, best first (at most three). */
export function suggest(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase();
  if (w === '') return [];
  const scored = [...new Set(candidates)]
    .map((c) => {
      const lc = c.toLowerCase();
      const distance = editDistance(w, lc);
      // A typed prefix of a long name (`--rat` for `--rationale`) is as good as a typo.
      const prefix = w.length >= 3 && lc.startsWith(w);
      return { c, score: prefix ? Math.min(distance, 1) : distance };
    })
    .filter((x) => x.score <= Math.max(1, Math.floor(w.length / 3)));
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((x) => x.score));
  return scored
    .filter((x) => x.score === best)
    .map((x) => x.c)
    .slice(0, 3);
}
