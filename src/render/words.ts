// Counted words for people: "1 decision", "2 decisions", "1 discovery", "3 discoveries". One
// helper, so no message says "1 decisions". Pure.

const IRREGULAR: Record<string, string> = {
  discovery: 'discoveries',
  entry: 'entries',
  summary: 'summaries',
  was: 'were',
  is: 'are',
  has: 'have',
  criterion: 'criteria',
};

/** The word for `n` of it: singular for exactly 1, plural otherwise (0 decisions). */
export function noun(n: number, word: string): string {
  if (n === 1) return word;
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  return /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/** `n` and its word: plural(1, 'commit') = "1 commit", plural(2, 'discovery') = "2 discoveries". */
export function plural(n: number, word: string): string {
  return `${n} ${noun(n, word)}`;
}
