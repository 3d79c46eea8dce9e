// Looking at a repository's hook setup: where git runs hooks from, which manager (none, husky v9,
// lefthook) owns them, and what is in each file. Only reads; planning and writing live elsewhere.

import { existsSync, lstatSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { hooksDir as hooksDirQuery } from '../git/config.js';
import { configValue, type Repo } from '../git/repo.js';
import { run } from '../git/run.js';
import { readRegularFile, readRegularText } from '../store/regular-file.js';
import { HOOK_NAMES, type HookName } from './blocks.js';

export type FileKind = 'missing' | 'file' | 'symlink' | 'other';

export interface HookFile {
  path: string;
  kind: FileKind;
  text: string | null;
  executable: boolean;
}

export type Manager = 'git' | 'husky' | 'lefthook';

export interface Inspection {
  top: string;
  commonDir: string;
  /** Where git runs hooks from now (core.hooksPath respected). */
  hooksDir: string;
  hooksPath: string | null;
  manager: Manager;
  /** Files we would write our block into, per hook (git and husky managers). */
  targets: Record<HookName, HookFile>;
  /** Files git itself runs, per hook (for status: is our block reached?). */
  runFiles: Record<HookName, HookFile>;
  /** With core.hooksPath set: the files in the default hooks directory, which git then ignores. */
  defaultFiles: Record<HookName, HookFile> | null;
  husky: { dir: string; underscore: string; underscoreExists: boolean } | null;
  lefthook: {
    mainConfig: string | null;
    localConfig: string;
    localText: string | null;
    binary: string | null;
  } | null;
}

export const LEFTHOOK_CONFIGS = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  '.config/lefthook.yml',
];

/** A hook file larger than this is not one git-session can edit (it is reported as "other"). */
const MAX_HOOK_BYTES = 1024 * 1024;

/** A lefthook config is read at most this far (1 MiB). */
const MAX_LEFTHOOK_CONFIG_BYTES = 1024 * 1024;

function readConfigText(path: string): string | null {
  try {
    return readRegularText(path, { maxBytes: MAX_LEFTHOOK_CONFIG_BYTES })?.text ?? null;
  } catch {
    return null;
  }
}

export function readHookFile(path: string): HookFile {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(path);
  } catch {
    return { path, kind: 'missing', text: null, executable: false };
  }
  if (st.isSymbolicLink()) return { path, kind: 'symlink', text: null, executable: false };
  if (!st.isFile()) return { path, kind: 'other', text: null, executable: false };
  // A hook under .husky/ comes with the repository: never a FIFO, never more than 1 MiB read.
  let buf: Buffer | undefined;
  try {
    buf = readRegularFile(path, { maxBytes: MAX_HOOK_BYTES, noFollow: true })?.data;
  } catch {
    buf = undefined;
  }
  if (buf === undefined) return { path, kind: 'other', text: null, executable: false };
  const text = buf.includes(0) ? null : buf.toString('utf8');
  return { path, kind: text === null ? 'other' : 'file', text, executable: (st.mode & 0o111) !== 0 };
}

function lefthookBinary(top: string): string | null {
  const local = join(top, 'node_modules', '.bin', 'lefthook');
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'lefthook'))) return join(dir, 'lefthook');
  }
  return null;
}

export function inspectHooks(repo: Repo): Inspection {
  const hooksPath = run(repo, configValue('core.hooksPath'));
  const hooksDir = run(repo, hooksDirQuery) ?? join(repo.commonDir, 'hooks');
  const runFiles = Object.fromEntries(HOOK_NAMES.map((h) => [h, readHookFile(join(hooksDir, h))])) as Record<
    HookName,
    HookFile
  >;

  let manager: Manager = 'git';
  let husky: Inspection['husky'] = null;
  let lefthook: Inspection['lefthook'] = null;

  // husky v9 points core.hooksPath at .husky/_ (generated, not tracked) and runs .husky/<hook>.
  const normalised = hooksPath
    ? (isAbsolute(hooksPath) ? hooksPath : resolve(repo.top, hooksPath)).replace(/\/+$/, '')
    : null;
  if (normalised?.endsWith('/_') && existsSync(join(normalised, '..'))) {
    const dir = resolve(normalised, '..');
    if (existsSync(join(normalised, 'h')) || existsSync(join(dir, '_')) || /\.husky$/.test(dir)) {
      manager = 'husky';
      husky = { dir, underscore: normalised, underscoreExists: existsSync(join(normalised, 'h')) };
    }
  }
  if (manager === 'git') {
    const mainConfig = LEFTHOOK_CONFIGS.map((c) => join(repo.top, c)).find((p) => existsSync(p)) ?? null;
    const localConfig = join(repo.top, 'lefthook-local.yml');
    const lefthookHooks = Object.values(runFiles).some((f) => f.text?.includes('lefthook'));
    if (mainConfig || existsSync(localConfig) || lefthookHooks) {
      manager = 'lefthook';
      lefthook = {
        mainConfig,
        localConfig,
        localText: readConfigText(localConfig),
        binary: lefthookBinary(repo.top),
      };
    }
  }
  const targetDir = manager === 'husky' && husky ? husky.dir : hooksDir;
  const targets = Object.fromEntries(HOOK_NAMES.map((h) => [h, readHookFile(join(targetDir, h))])) as Record<
    HookName,
    HookFile
  >;
  const defaultDir = join(repo.commonDir, 'hooks');
  const defaultFiles =
    hooksPath && resolve(defaultDir) !== resolve(hooksDir)
      ? (Object.fromEntries(HOOK_NAMES.map((h) => [h, readHookFile(join(defaultDir, h))])) as Record<
          HookName,
          HookFile
        >)
      : null;
  return {
    top: repo.top,
    commonDir: repo.commonDir,
    hooksDir,
    hooksPath,
    manager,
    targets,
    runFiles,
    defaultFiles,
    husky,
    lefthook,
  };
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
