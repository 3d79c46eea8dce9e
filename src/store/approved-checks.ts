// The checks this clone has agreed to run (docs/storage.md, `approved-checks`). A check is a line
// of shell that arrives like any other text — typed here, or brought by a commit, a fetched ref or
// a tracked plan file — and `verify` runs it with the user's rights. One typed on this clone is
// approved by typing it; any other runs only after someone here has seen it and said so
// (`verify --approve`), as direnv asks before it loads an `.envrc` that came with a clone. The file
// holds digests, not commands: it only ever answers "was this exact text approved here?".

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLines, writeFileAtomic } from './atomic.js';
import { sha256 } from './digest.js';
import type { StorePaths } from './paths.js';

export const APPROVED_CHECKS_FILE = 'approved-checks';
const HEADER = 'git-session-approved-checks 1';
/** Far above any real number of checks; a larger file is read no further. */
const MAX_BYTES = 4 * 1024 * 1024;

const digestOf = (check: string) => sha256(`check\u0000${check}`);

function approvedPath(p: StorePaths): string {
  return join(p.root, APPROVED_CHECKS_FILE);
}

/** The digests approved so far (an unreadable or foreign file approves nothing). */
function approvedDigests(p: StorePaths): Set<string> {
  let text: string;
  try {
    text = readFileSync(approvedPath(p), 'utf8');
  } catch {
    return new Set();
  }
  if (text.length > MAX_BYTES) text = text.slice(0, MAX_BYTES);
  const lines = text.split('\n');
  if (lines[0] !== HEADER) return new Set();
  return new Set(lines.slice(1).filter((l) => /^[0-9a-f]{64}$/.test(l)));
}

/** The checks of `checks` this clone has not approved, in their order, each once. */
export function unapprovedChecks(p: StorePaths, checks: readonly string[]): string[] {
  const approved = approvedDigests(p);
  return [...new Set(checks)].filter((c) => !approved.has(digestOf(c)));
}

/** Approve checks (typed here, or seen and accepted with --approve). Caller holds the store lock. */
export function approveChecks(p: StorePaths, checks: readonly string[]): void {
  const approved = approvedDigests(p);
  const lines = [...new Set(checks.map(digestOf))].filter((d) => !approved.has(d));
  if (lines.length === 0) return;
  let existing: string | null;
  try {
    existing = readFileSync(approvedPath(p), 'utf8');
  } catch {
    existing = null;
  }
  if (existing?.startsWith(`${HEADER}\n`)) appendLines(approvedPath(p), lines);
  // New, or not this file's format: written whole (what it held approved nothing).
  else writeFileAtomic(approvedPath(p), `${[HEADER, ...approved, ...lines].join('\n')}\n`);
}
