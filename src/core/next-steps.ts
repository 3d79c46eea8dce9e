// The next steps still to do: `log --next` entries, newest first, without the ones a later
// `log --done` with the same text finished, without repeats, and without the ones tied to an
// objective completed after they were written. Derived from the journal and the objectives alone,
// so a fresh clone (which replays the same trailers) reads the same list.
//
// A step is tied to an objective when its text is the objective's text (case and spacing aside), or
// when it names the objective by id (`obj-k3m9`, or any unique prefix of the id from four
// characters on): "obj-k3m9: add the tests" leaves once obj-k3m9 is completed. A step written after
// the objective was completed stays: it is new work.

import type { JournalEntry, Objective } from './fold.js';

const key = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

const ID_MENTION = /(?<![0-9a-z-])obj-([0-9a-z]{4,})(?![0-9a-z])/gi;

type Tie = Pick<Objective, 'id' | 'text' | 'status' | 'completedAt'>;

/** The completed objectives a step is tied to. */
function tiedTo(step: JournalEntry, done: readonly Tie[]): Tie | undefined {
  const text = key(step.text);
  const mentioned = [...step.text.matchAll(ID_MENTION)].map((m) => `obj-${m[1]!.toLowerCase()}`);
  return done.find(
    (o) =>
      o.completedAt !== null &&
      o.completedAt >= step.at &&
      (key(o.text) === text || mentioned.some((id) => o.id.toLowerCase().startsWith(id))),
  );
}

export function openNextSteps(log: readonly JournalEntry[], objectives: readonly Tie[] = []): string[] {
  const done = objectives.filter((o) => o.status === 'done');
  const finished = new Set<string>();
  const seen = new Set<string>();
  const open: string[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    if (e.kind === 'done') finished.add(key(e.text));
    else if (e.kind === 'next' && !finished.has(key(e.text)) && !seen.has(key(e.text))) {
      seen.add(key(e.text));
      if (!tiedTo(e, done)) open.push(e.text);
    }
  }
  return open;
}

/** Whether `text` names a next step that is still open (what `log --done` then finishes). */
export function isOpenNextStep(log: readonly JournalEntry[], text: string): boolean {
  return openNextSteps(log).some((t) => key(t) === key(text));
}
