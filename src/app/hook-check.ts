// Checks a change makes after it is written, kept light (no YAML, no install planner loaded): the
// hook runtime brought up to date after an upgrade, and one warning when commits here will not
// carry what was recorded. The full inspection (hook-install.ts) runs only when the quick look at
// the files cannot tell.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN } from '../install/blocks.js';
import { runtimeState, writeRuntime } from '../install/runtime.js';
import type { Context } from './context.js';
import type { StatusReport } from './hook-install.js';

/**
 * After an upgrade of git-session the store still holds the old sh runtime; the first change made
 * with the new version brings it up to date, so nobody has to remember `hooks install`. Only a
 * runtime that is there is refreshed: one that was never installed (or was uninstalled) stays away.
 */
export function refreshStaleRuntime(ctx: Context): boolean {
  try {
    const state = runtimeState(ctx.store);
    if (!state.present || state.current) return false;
    ctx.store.lock(() => writeRuntime(ctx.store));
    return true;
  } catch {
    // Best effort: `git session doctor` reports a stale runtime and `hooks install` replaces it.
    return false;
  }
}

const COMMIT_HOOKS: ReadonlySet<string> = new Set(['prepare-commit-msg', 'commit-msg', 'post-commit']);

/**
 * One line when commits here will not carry what the sessions record (hooks missing, bypassed,
 * or a runtime that is gone), with the command that fixes it; null when they will.
 */
export async function commitHooksProblem(ctx: Context): Promise<string | null> {
  if (plainlyInstalled(ctx)) return null;
  let status: StatusReport;
  try {
    const { hooksStatus } = await import('./hook-install.js');
    status = hooksStatus(ctx);
  } catch {
    return null;
  }
  const bad = status.hooks.filter((h) => COMMIT_HOOKS.has(h.hook) && h.state !== 'installed');
  const runtime = status.problems.find((p) => p.message.includes('runtime'));
  if (bad.length === 0 && !runtime) return null;
  if (bad.length === COMMIT_HOOKS.size && bad.every((h) => h.state === 'missing'))
    return 'the git hooks are not installed in this repository, so commits will not carry what is recorded here; run: git session hooks install';
  const why = runtime ?? status.problems[0];
  const detail = why ? why.message : bad.map((h) => `${h.hook}: ${h.detail}`).join(', ');
  const fix = why ? why.fix : 'run: git session hooks install';
  return `commits may not carry what is recorded here (${detail}); ${fix}`;
}

/**
 * The common case, decided without a process: the runtime is in the store, git's default hooks
 * hold our blocks (executable), and no git config file git reads names core.hooksPath or includes
 * another file. Anything less certain goes to the full inspection.
 */
function plainlyInstalled(ctx: Context): boolean {
  const read = (path: string): string | null => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  };
  if (read(join(ctx.store.paths.hooks, 'VERSION')) === null) return false;
  for (const hook of COMMIT_HOOKS) {
    const path = join(ctx.repo.commonDir, 'hooks', hook);
    if (!read(path)?.includes(BEGIN)) return false;
    try {
      if ((statSync(path).mode & 0o111) === 0) return false;
    } catch {
      return false;
    }
  }
  const env = ctx.env;
  if (Object.keys(env).some((k) => k.startsWith('GIT_CONFIG') && k !== 'GIT_CONFIG_NOSYSTEM')) return false;
  const home = env.HOME ?? '';
  const files = [
    join(ctx.repo.commonDir, 'config'),
    join(ctx.repo.gitDir, 'config.worktree'),
    join(home, '.gitconfig'),
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config'),
  ];
  if (!env.GIT_CONFIG_NOSYSTEM) files.push('/etc/gitconfig');
  return files.every((f) => !/hookspath|\[include/i.test(read(f) ?? ''));
}
