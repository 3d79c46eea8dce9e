// A git call as data: the command line, what to feed it, and the pure function that reads what it
// printed. Queries are built only in src/git/ (this folder's modules export them); run.ts runs
// them; their parsers are tested on captured output (test/git/), their command lines as values.

import { gitError } from '../model/errors.js';
import { firstGitMessage } from './parse.js';
import type { GitOutput } from './spawn.js';

export type { GitOutput } from './spawn.js';

export interface GitQuery<T> {
  /** git's arguments (after `git`); none: there is nothing to ask, and no process runs. */
  readonly argv: readonly string[];
  /** Standard input: revisions or a message, so that any number or size fits. */
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Our own hooks stand aside (git-session commits or switches itself). */
  readonly quietHooks?: boolean;
  /** stdout is wanted as bytes (object contents): GitOutput.stdoutBytes. */
  readonly bytes?: boolean;
  /** Stop git after this long (a push or fetch over the network); GitOutput.timedOut says so. */
  readonly timeoutMs?: number;
  /** What the output means. */
  parse(out: GitOutput): T;
}

/** git's stdout when it succeeded; else a GitError with git's own first error line. */
export function stdoutOrThrow(out: GitOutput, what: string): string {
  if (out.status !== 0) throw gitError(firstGitMessage(out.stderr) || `git ${what} failed (exit ${out.status})`);
  return out.stdout;
}

/** The output's trimmed text when git succeeded, else null. */
export const trimmedOrNull = (out: GitOutput): string | null => (out.status === 0 ? out.stdout.trim() : null);

export const OBJECT_NAME = /^[0-9a-f]{40,64}$/;

/** Object names fit for a command line or stdin: anything else is dropped, never passed to git. */
export const objectNames = (shas: Iterable<string>): string[] => [...new Set(shas)].filter((s) => OBJECT_NAME.test(s));
