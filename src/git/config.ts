// What git's configuration and date reader say.

import type { GitQuery } from './query.js';

/**
 * A date as git reads one — `yesterday`, `2.weeks.ago`, `last monday`, `2026-01-05 10:00` — in
 * epoch seconds, or null when git cannot read it. git's approxidate is reached through
 * `git config --type=expiry-date`, the one place git reports a date it does not understand (rev-parse
 * --since silently takes garbage for now). `nowMs` is the reference time (GIT_SESSION_NOW pins it).
 */
export const dateOf = (text: string, nowMs: number): GitQuery<number | null> => ({
  argv: ['-c', `git-session.date=${text}`, 'config', '--type=expiry-date', '--get', 'git-session.date'],
  env: { GIT_TEST_DATE_NOW: String(Math.floor(nowMs / 1000)) },
  parse(out) {
    if (out.status !== 0) return null;
    const n = Number(out.stdout.trim());
    return Number.isSafeInteger(n) ? n : null;
  },
});

/** The folder git runs hooks from (core.hooksPath applied), absolute; null when git cannot say. */
export const hooksDir: GitQuery<string | null> = {
  argv: ['rev-parse', '--path-format=absolute', '--git-path', 'hooks'],
  parse: (out) => (out.status === 0 ? out.stdout.trim() : null),
};
