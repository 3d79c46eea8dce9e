// Installing, removing and checking the git hooks: inspect, plan, apply (src/install/).

import { userError } from '../errors.js';
import { applyPlan, readManifest, runtimeState, writeRuntime } from '../install/apply.js';
import { inspectHooks } from '../install/inspect.js';
import { hookStatus, type Plan, planInstall, planUninstall, type StatusReport } from '../install/plan.js';
import type { Context } from './context.js';

export interface InstallResult {
  plan: Plan;
  status: StatusReport;
  lefthookInstalled: boolean | null;
}

export function installHooks(ctx: Context): InstallResult {
  ctx.store.ensure();
  return ctx.store.lock(() => {
    writeRuntime(ctx.store);
    const ins = inspectHooks(ctx.repo);
    const plan = planInstall(ins);
    const { lefthookInstalled } = applyPlan(plan, ctx.store, ins);
    return {
      plan,
      status: hookStatus(inspectHooks(ctx.repo), runtimeState(ctx.store), readManifest(ctx.store)),
      lefthookInstalled,
    };
  });
}

export function uninstallHooks(ctx: Context): InstallResult {
  if (!ctx.store.exists())
    throw userError('not-initialised', 'git-session is not set up in this repository', 'nothing to uninstall');
  return ctx.store.lock(() => {
    const ins = inspectHooks(ctx.repo);
    const plan = planUninstall(ins, readManifest(ctx.store));
    applyPlan(plan, ctx.store, ins);
    return {
      plan,
      status: hookStatus(inspectHooks(ctx.repo), runtimeState(ctx.store), readManifest(ctx.store)),
      lefthookInstalled: null,
    };
  });
}

export function hooksStatus(ctx: Context): StatusReport {
  return hookStatus(inspectHooks(ctx.repo), runtimeState(ctx.store), readManifest(ctx.store));
}

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
export function commitHooksProblem(ctx: Context): string | null {
  let status: StatusReport;
  try {
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
