// Running queries (query.ts) in a repository's work tree.

import type { GitQuery } from './query.js';
import { spawnGitAsync, spawnGitSync } from './spawn.js';

/** Where git runs: the top of the work tree (or any directory, for queries about git itself). */
export interface Where {
  top: string;
}

/** A query without a command line asks git nothing (an empty list of commits): no process runs. */
const NOTHING = { status: 0, stdout: '', stderr: '' };

export function run<T>(where: Where, q: GitQuery<T>): T {
  if (q.argv.length === 0) return q.parse(NOTHING);
  return q.parse(
    spawnGitSync(q.argv, { cwd: where.top, input: q.input, env: q.env, quietHooks: q.quietHooks, bytes: q.bytes }),
  );
}

export async function runAsync<T>(where: Where, q: GitQuery<T>): Promise<T> {
  if (q.argv.length === 0) return q.parse(NOTHING);
  return q.parse(
    await spawnGitAsync(q.argv, {
      cwd: where.top,
      input: q.input,
      env: q.env,
      quietHooks: q.quietHooks,
      timeoutMs: q.timeoutMs,
    }),
  );
}
