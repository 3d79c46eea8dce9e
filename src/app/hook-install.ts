// Installing, removing and checking the git hooks: inspect, plan, apply (src/install/).

import { join } from 'node:path';
import { applyPlan, readManifest } from '../install/apply.js';
import { inspectHooks } from '../install/inspect.js';
import { hookStatus, type Plan, planInstall, planUninstall, type StatusReport } from '../install/plan.js';
import { packageRoot, runtimeState, writeRuntime } from '../install/runtime.js';
import { userError } from '../model/errors.js';
import type { Context } from './context.js';

export type { StatusReport } from '../install/plan.js';

/** The built CLI of this installation (bin/git-session.cjs). */
export const cliPath = (): string => join(packageRoot(), 'bin', 'git-session.cjs');

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
