// The sh runtime of the hooks: copied from the package's hooks/ into the store (the hook blocks run
// it from there, whatever happens to the installed package), stamped, and checked against this
// installation's stamp after every change (app/hook-check.ts).

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HOOK_NAMES, RUNTIME_FILES, RUNTIME_META } from '../model/hook-contract.js';
import { writeFileAtomic } from '../store/atomic.js';
import { sha256 } from '../store/digest.js';
import type { Store } from '../store/store.js';

/** The installed package: dist/ holds the bundle, hooks/ the sh runtime, bin/ the executable. */
export function packageRoot(): string {
  if (typeof __dirname === 'string') return resolve(__dirname, '..');
  return resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
}

/**
 * The sh runtime: every file of the package's hooks/ (the hook scripts, lib.sh, the awk programs),
 * copied into the store by `hooks install`.
 */
export function runtimeSource(): Map<string, string> {
  const dir = join(packageRoot(), 'hooks');
  return new Map(RUNTIME_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/**
 * What VERSION holds: a digest of the runtime's files (scripts/build.mjs computes the same over
 * hooks/, which holds exactly these once the build has generated contract.sh and contract.awk).
 */
export function runtimeDigest(files: Map<string, string>): string {
  return sha256(
    [...files]
      .sort()
      .map(([name, text]) => `${name}\0${text}\0`)
      .join(''),
  ).slice(0, 16);
}

declare const __RUNTIME_STAMP__: string | undefined;
let packageStamp: string | undefined;

/**
 * The stamp of this installation's runtime: written into the bundle by the build, so a change only
 * compares one small file with a constant; computed from the files when running unbundled.
 */
function runtimeStamp(): string {
  packageStamp ??= typeof __RUNTIME_STAMP__ === 'string' ? __RUNTIME_STAMP__ : runtimeDigest(runtimeSource());
  return packageStamp;
}

/**
 * Whether the store holds a runtime (`present`), and whether it is this installation's (`current`):
 * its VERSION against the stamp — after an upgrade they differ, and the runtime is written again.
 */
export function runtimeState(store: Store): { present: boolean; current: boolean } {
  let stamp: string;
  try {
    stamp = readFileSync(join(store.paths.hooks, RUNTIME_META.version), 'utf8').trim();
  } catch {
    return { present: false, current: false };
  }
  // The hook scripts and lib.sh are what every version's runtime has: one of an older version
  // (without the files added since) is there, and is brought up to date.
  // (pre-push came later: a runtime without it is there, and brought up to date.)
  const present = [...HOOK_NAMES.filter((h) => h !== 'pre-push'), 'lib.sh'].every((f) =>
    existsSync(join(store.paths.hooks, f)),
  );
  if (!RUNTIME_FILES.every((f) => existsSync(join(store.paths.hooks, f)))) return { present, current: false };
  return { present, current: present && stamp === runtimeStamp() };
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
