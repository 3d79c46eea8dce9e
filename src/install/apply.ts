// Carrying out an install plan: the runtime copy in the store, the hook files, the manifest of
// what was added (so uninstall removes exactly that), and `lefthook install` where needed.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isTracked } from '../git/changes.js';
import type { Repo } from '../git/repo.js';
import { RUNTIME_META } from '../model/hook-contract.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Store } from '../store/store.js';
import { editWorktreeFile, removeWorktreeFile } from '../worktree/file.js';
import { worktreeTarget } from '../worktree/path.js';
import type { Inspection } from './inspect.js';
import type { Plan } from './plan.js';

interface Manifest {
  created: string[];
}

function manifestPath(store: Store): string {
  return join(store.paths.hooks, RUNTIME_META.installed);
}

export function readManifest(store: Store): Set<string> {
  try {
    const m = JSON.parse(readFileSync(manifestPath(store), 'utf8')) as Manifest;
    return new Set(Array.isArray(m.created) ? m.created.filter((x) => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** `path` relative to `dir` when it is inside it, else null. */
function inside(dir: string, path: string): string | null {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel : null;
}

/**
 * A program inside the work tree that git tracks came with the repository: running it would run a
 * stranger's code (a committed `node_modules/.bin/lefthook`). Untracked ones were installed here.
 */
function trackedProgram(repo: Repo, program: string): boolean {
  const paths = [program];
  try {
    paths.push(realpathSync(program));
  } catch {
    // A dangling link runs nothing.
  }
  const rels = paths.flatMap((p) => inside(repo.top, p) ?? []).map((p) => p.split(sep).join('/'));
  return isTracked(repo, rels);
}

export function applyPlan(plan: Plan, store: Store, ins: Inspection): { lefthookInstalled: boolean | null } {
  const created = readManifest(store);
  // Hook files under the work tree (.husky/, a core.hooksPath folder there) are the repository's:
  // written like every work-tree file, never through a symlink out of it. .git/hooks is git's own.
  const repo: Repo = { top: ins.top, gitDir: ins.commonDir, commonDir: ins.commonDir };
  // core.hooksPath naming a folder of the work tree: git follows a symlink there wherever it
  // leads, but a cloned repository must not choose where git-session writes.
  if (ins.hooksPath) {
    const rel = inside(ins.top, isAbsolute(ins.hooksPath) ? ins.hooksPath : resolve(ins.top, ins.hooksPath));
    if (rel) worktreeTarget(repo, rel, 'core.hooksPath', 'create');
  }
  const worktreeRel = (p: string) =>
    inside(ins.commonDir, p) === null ? (inside(ins.top, p)?.split(sep).join('/') ?? null) : null;
  for (const c of plan.changes) {
    const rel = worktreeRel(c.path);
    const file = { rel: rel ?? c.path, what: 'the hook file' };
    if (c.content === null) {
      if (rel) removeWorktreeFile(repo, file);
      else rmSync(c.path, { force: true });
      created.delete(c.path);
      continue;
    }
    const existed = existsSync(c.path);
    const mode = existed ? statSync(c.path).mode & 0o777 : (c.mode ?? 0o644);
    if (rel) editWorktreeFile(repo, file, c.content, mode);
    else writeFileAtomic(c.path, c.content, mode);
    chmodSync(c.path, mode);
    if (!existed) created.add(c.path);
  }
  writeFileAtomic(manifestPath(store), `${JSON.stringify({ created: [...created].sort() }, null, 2)}\n`);
  let lefthookInstalled: boolean | null = null;
  if (plan.lefthookInstall && ins.lefthook) {
    // lefthook writes hook scripts only for hooks its config names at install time.
    lefthookInstalled = false;
    if (ins.lefthook.binary && !trackedProgram(repo, ins.lefthook.binary)) {
      const out = spawnSync(ins.lefthook.binary, ['install'], {
        cwd: ins.top,
        encoding: 'utf8',
        env: { ...process.env, LEFTHOOK: '1' },
      });
      lefthookInstalled = out.status === 0;
    }
  }
  return { lefthookInstalled };
}
