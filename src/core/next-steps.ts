// The next steps still to do: `log --next` entries, newest first, without the ones a later
// `log --done` with the same text finished, and without repeats. Derived from the journal alone, so
// a fresh clone (which replays the same `Session-Log:` trailers) reads the same list.

import type { JournalEntry } from './fold.js';

const key = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export function openNextSteps(log: readonly JournalEntry[]): string[] {
  const finished = new Set<string>();
  const seen = new Set<string>();
  const open: string[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    if (e.kind === 'done') finished.add(key(e.text));
    else if (e.kind === 'next' && !finished.has(key(e.text)) && !seen.has(key(e.text))) {
      seen.add(key(e.text));
      open.push(e.text);
    }
  }
  return open;
}

/** Whether `text` names a next step that is still open (what `log --done` then finishes). */
export function isOpenNextStep(log: readonly JournalEntry[], text: string): boolean {
  return openNextSteps(log).some((t) => key(t) === key(text));
}
