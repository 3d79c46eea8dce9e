// Shared pieces of the reliability catalog: the built binary run asynchronously (for races),
// the store as a comparable value, fault injection through a preloaded module, and the check
// that output cannot drive a terminal.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Entry, snapshot, spawnAsync } from '../helpers/hooks.js';
import { BIN, ROOT, type Run, type TestRepo } from '../helpers/repo.js';

export const FAULT_FS = join(ROOT, 'test', 'reliability', 'fixtures', 'fault-fs.cjs');

/** Run the built binary without waiting (many at once for the race tests). */
export function gsAsync(
  r: TestRepo,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return spawnAsync(process.execPath, [BIN, ...args], r, opts);
}

/** Everything git-session keeps locally for `r` (the store and the worktree's current-session file). */
export function storeState(r: TestRepo): Record<string, Entry> {
  const out = snapshot(join(r.dir, '.git', 'sessions'));
  delete out['config-cache.json'];
  delete out['author-cache.json'];
  const current = join(r.dir, '.git', 'git-session-current');
  if (existsSync(current))
    out['../git-session-current'] = { kind: 'file', mode: 0, content: readFileSync(current, 'utf8') };
  return out;
}

/** Environment that loads the fault injector (fixtures/fault-fs.cjs) into the git-session process. */
export function faultEnv(
  root: string,
  code: 'ENOSPC' | 'EROFS',
  at: number,
  countFile?: string,
): Record<string, string> {
  return {
    NODE_OPTIONS: `--require ${FAULT_FS}`,
    GS_FAULT_ROOT: root,
    GS_FAULT_CODE: code,
    GS_FAULT_AT: String(at),
    ...(countFile ? { GS_FAULT_COUNT_FILE: countFile } : {}),
  };
}

/** C0 controls except tab and newline, DEL and C1 controls: what lets text drive a terminal. */
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The journal of a session as its raw lines. */
export function journalLines(r: TestRepo, id: string): string[] {
  const f = join(r.dir, '.git', 'sessions', id, 'events.jsonl');
  return existsSync(f)
    ? readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}
