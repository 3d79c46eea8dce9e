// Conventional Commits headers (`feat(auth)!: add the login`), read with conventional-commits-parser
// v6 — its last major line that runs on Node 20. Used to group a session's commits by type.

import { CommitParser } from 'conventional-commits-parser';

export interface ConventionalHeader {
  /** `feat`, `fix`… lower-cased; null when the header does not follow the convention. */
  type: string | null;
  scope: string | null;
  /** The description after the colon, or the whole header when not conventional. */
  subject: string;
  breaking: boolean;
}

const parser = new CommitParser({
  headerPattern: /^(\w*)(?:\(([^()]*)\))?: (.*)$/,
  breakingHeaderPattern: /^(\w*)(?:\(([^()]*)\))?!: (.*)$/,
});

export function parseHeader(header: string): ConventionalHeader {
  const line = header.split('\n', 1)[0] ?? '';
  const c = parser.parse(line);
  const breaking = /^\w+(\([^()]*\))?!:/.test(line) || c.notes.some((n) => /BREAKING/i.test(n.title));
  if (!c.type) return { type: null, scope: null, subject: line, breaking };
  return { type: c.type.toLowerCase(), scope: c.scope || null, subject: c.subject ?? line, breaking };
}

/** Display names of the usual types, in the order a brief lists them. */
export const TYPE_TITLES: Record<string, string> = {
  feat: 'Features',
  fix: 'Fixes',
  perf: 'Performance',
  refactor: 'Refactoring',
  test: 'Tests',
  docs: 'Documentation',
  build: 'Build',
  ci: 'CI',
  style: 'Style',
  chore: 'Chores',
  revert: 'Reverts',
  checkpoint: 'Checkpoints',
};
