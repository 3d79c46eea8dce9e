// The few kinds of failure, and what each means for the exit code (mapped once, in cli.ts).

export type ErrorKind = 'usage' | 'user' | 'git' | 'store' | 'internal';

export class GitSessionError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** What to do about it; printed on the same line. */
    readonly hint?: string,
    /** A stable machine-readable name, in `--json` error output. */
    readonly code: string = kind,
  ) {
    super(message);
    this.name = 'GitSessionError';
  }
}

/** Wrong command line: exit 2. */
export const usageError = (message: string, hint?: string) => new GitSessionError('usage', message, hint, 'usage');

/** A mistake the user can fix (unknown id, empty text, no session here): exit 1. */
export const userError = (code: string, message: string, hint?: string) =>
  new GitSessionError('user', message, hint, code);

/** git refused or failed: exit 1, with git's own words. */
export const gitError = (message: string, hint?: string) => new GitSessionError('git', message, hint, 'git');

/** A store file is damaged or unusable: exit 1, naming the file and the way out. */
export const storeError = (message: string, hint: string) => new GitSessionError('store', message, hint, 'store');

export function exitCodeOf(e: unknown): number {
  if (e instanceof GitSessionError) return e.kind === 'usage' ? 2 : 1;
  return 1;
}
