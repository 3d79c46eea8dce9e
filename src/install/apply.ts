// Carrying out an install plan: the runtime copy in the store, the hook files, the manifest of
// what was added (so uninstall removes exactly that), and `lefthook install` where needed.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { editWorktreeFile, removeWorktreeFile } from '../app/worktree-file.js';
import { worktreeTarget } from '../app/worktree-path.js';
import { isTracked, type Repo } from '../git/git.js';
import { HOOK_NAMES, RUNTIME_FILES, RUNTIME_META } from '../model/hook-contract.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Store } from '../store/store.js';
import type { Inspection } from './inspect.js';
import type { Plan } from './plan.js';

/** The installed package: dist/ holds the bundle, hooks/ the sh runtime, bin/ the executable. */
export function packageRoot(): string {
  if (typeof __dirname === 'string') return resolve(__dirname, '..');
  return resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
}

export function runtimeSource(): Map<string, string> {
  const dir = join(packageRoot(), 'hooks');
  return new Map(RUNTIME_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

export function runtimeDigest(files: Map<string, string>): string {
  const h = createHash('sha256');
  for (const [name, text] of [...files].sort()) h.update(`${name}\0${text}\0`);
  return h.digest('hex').slice(0, 16);
}

export function runtimeState(store: Store): { present: boolean; current: boolean } {
  const stamp = join(store.paths.hooks, RUNTIME_META.version);
  if (!existsSync(stamp)) return { present: false, current: false };
  // The hook scripts and lib.sh are what every version's runtime has: one of an older version
  // (without the files added since) is there, and is brought up to date.
  const present = [...HOOK_NAMES, 'lib.sh'].every((f) => existsSync(join(store.paths.hooks, f)));
  if (!RUNTIME_FILES.every((f) => existsSync(join(store.paths.hooks, f)))) return { present, current: false };
  const current = readFileSync(stamp, 'utf8').trim() === runtimeDigest(runtimeSource());
  return { present, current: present && current };
}

/**
 * Copy the sh runtime into the store (the hook blocks run it from there, so it works whatever
 * happens to the installed package), and note where Node and the CLI are for post-checkout —
 * a GUI git client may not have either on PATH.
 */
export function writeRuntime(store: Store): void {
  const files = runtimeSource();
  for (const [name, text] of files) {
    const path = join(store.paths.hooks, name);
    writeFileAtomic(path, text, name.includes('.') ? 0o644 : 0o755);
  }
  let cli = join(packageRoot(), 'bin', 'git-session.cjs');
  try {
    cli = realpathSync(cli);
  } catch {
    // Keep the unresolved path; post-checkout falls back to git-session on PATH.
  }
  writeFileAtomic(join(store.paths.hooks, RUNTIME_META.node), `${process.execPath}\n`);
  writeFileAtomic(join(store.paths.hooks, RUNTIME_META.cli), `${cli}\n`);
  writeFileAtomic(join(store.paths.hooks, RUNTIME_META.version), `${runtimeDigest(files)}\n`);
}

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
