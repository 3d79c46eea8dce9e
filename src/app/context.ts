// What every command gets: the repository, the store, a clock, id generators, lazy config and
// the author. Built once per process; side effects (clock, randomness) are injected here so the
// core stays pure.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../codec/config.js';
import { discoverRepo, type Repo } from '../git/repo.js';
import { GitSessionError, storeError } from '../model/errors.js';
import { ENV } from '../model/hook-contract.js';
import { createUuidV7, type RandomBytes } from '../model/ids.js';
import { writeFileAtomic } from '../store/atomic.js';
import { randomBytes } from '../store/random.js';
import { Store } from '../store/store.js';
import { readWorktreeText, statWorktreeFile } from '../worktree/file.js';
import { authorEmail } from './author.js';
import { loadSecretAllow } from './secret-allow-chunk.js';

export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  repo: Repo;
  store: Store;
  now(): string;
  newId(): string;
  random: RandomBytes;
  author(): string;
  config(): Promise<Config>;
  warn(message: string): void;
}

export const SESSION_DIR = '.session';

/**
 * `GIT_SESSION_NOW` pins the clock (ISO time): for reproducible demos, golden files and tests.
 * It is read once, so every event of a run gets the same time and ids stay ordered.
 */
function clock(env: NodeJS.ProcessEnv): () => number {
  const pinned = env.GIT_SESSION_NOW;
  if (pinned) {
    const t = Date.parse(pinned);
    if (Number.isNaN(t))
      throw storeError(`GIT_SESSION_NOW=${pinned} is not a time`, 'use an ISO time such as 2026-01-05T09:00:00Z');
    return () => t;
  }
  return () => Date.now();
}

/** The config file's limit, checked on the bytes read (codec/config.ts checks the text again). */
const MAX_CONFIG_BYTES = 256 * 1024;

/** What the config cache is keyed on: the file's identity (size, time, inode). */
export const configStamp = (st: { size: number; mtimeMs: number; ino: number }): string =>
  `${st.size}:${st.mtimeMs}:${st.ino}`;

interface ConfigCache {
  stamp: string;
  config: Config;
  warnings: string[];
}

/** The parsed configuration the cache holds for the file as it is (`stamp`), or null. */
function readConfigCache(cacheFile: string, stamp: string): ConfigCache | null {
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Partial<ConfigCache>;
    if (cached.stamp === stamp && Array.isArray(cached.warnings) && cached.config) return cached as ConfigCache;
  } catch {
    // No cache, or an unreadable one: parse the file.
  }
  return null;
}

function writeConfigCache(cacheFile: string, cache: ConfigCache): void {
  if (!existsSync(dirname(cacheFile))) return;
  try {
    writeFileAtomic(cacheFile, `${JSON.stringify(cache)}\n`, 0o644, false);
  } catch {
    // A cache that cannot be written only costs the next run a parse.
  }
}

/**
 * The configuration, parsed and checked. The result is cached in the store next to the file's
 * identity (size, mtime, inode): parsing YAML costs ~20 ms of start-up, which a branch switch
 * should not pay for a file that has not changed. The file comes with the repository, so it is
 * read as a stranger's: a regular file inside the work tree, at most 256 KiB read — a symlink to
 * /dev/zero or a FIFO is refused, never read or waited on.
 */
export async function loadConfigFile(
  repo: Repo,
  cacheFile?: string,
  warn?: (message: string) => void,
): Promise<Config> {
  const rel = `${SESSION_DIR}/config.yaml`;
  const path = join(repo.top, rel);
  const file = { rel, what: 'the config file' };
  const refused = (e: unknown) =>
    e instanceof GitSessionError
      ? storeError(
          e.message.startsWith(rel) ? path + e.message.slice(rel.length) : e.message,
          'make it a regular file inside the repository, or delete it to use the defaults',
        )
      : storeError(`cannot read ${path}: ${(e as Error).message}`, 'check the file');
  let stamp: string;
  try {
    const st = statWorktreeFile(repo, file);
    if (!st) {
      const { DEFAULT_CONFIG } = await import('../codec/config.js');
      return DEFAULT_CONFIG;
    }
    stamp = configStamp(st);
  } catch (e) {
    throw refused(e);
  }
  // Unknown keys and keys without effect: one line, on every command (the cache keeps them too).
  const warnAbout = (warnings: readonly string[]) => {
    if (warnings.length > 0 && warn) warn(`${path}: ${warnings.join('; ')}`);
  };
  const cached = cacheFile ? readConfigCache(cacheFile, stamp) : null;
  if (cached) {
    warnAbout(cached.warnings);
    return cached.config;
  }
  let text: string;
  try {
    const read = readWorktreeText(repo, file, { maxBytes: MAX_CONFIG_BYTES });
    if (!read) {
      const { DEFAULT_CONFIG } = await import('../codec/config.js');
      return DEFAULT_CONFIG;
    }
    text = read.text;
    // What was parsed is what the cache is keyed on.
    stamp = configStamp(read.stat);
  } catch (e) {
    if (e instanceof GitSessionError && e.code === 'file-too-large')
      throw storeError(`${path}: the file is larger than 256 KiB`, 'fix the file, or delete it to use the defaults');
    throw refused(e);
  }
  // yaml is loaded only when the file must really be parsed.
  const { readConfig, ConfigError } = await import('../codec/config.js');
  let config: Config;
  let warnings: string[];
  try {
    ({ config, warnings } = readConfig(text));
  } catch (e) {
    if (e instanceof ConfigError)
      throw storeError(`${path}: ${e.message}`, 'fix the file, or delete it to use the defaults');
    throw storeError(`cannot read ${path}: ${(e as Error).message}`, 'check the file');
  }
  // The allow patterns' syntax is checked here, when the file is parsed (RE2JS is loaded only
  // for a file that has some); the cache then holds only a configuration whose patterns compile.
  if (config.secrets.allow.length > 0) {
    const { checkAllowPatterns } = await loadSecretAllow();
    const problem = checkAllowPatterns(config.secrets.allow);
    if (problem)
      throw storeError(
        `${path}: 'secrets.allow' ${problem}`,
        'fix the pattern (RE2 syntax, as in a gitleaks allowlist), or delete it',
      );
  }
  if (cacheFile) writeConfigCache(cacheFile, { stamp, config, warnings });
  warnAbout(warnings);
  return config;
}

/**
 * The same context for another worktree of this repository (a spawned child's, its parent's): its
 * own work tree, git dir and configuration (`.session/config.yaml` is tracked: each worktree has the
 * version of its branch); the store, the clock and the ids are shared.
 */
export function worktreeContext(ctx: Context, repo: Repo): Context {
  let config: Promise<Config> | undefined;
  return { ...ctx, repo, cwd: repo.top, config: () => (config ??= loadConfigFile(repo, undefined, ctx.warn)) };
}

/**
 * The post-checkout hook hands over the directories it already found (the hook runs at the top of
 * the worktree), sparing a `git rev-parse` on every branch switch.
 */
function repoFromHook(cwd: string, env: NodeJS.ProcessEnv): Repo | null {
  const gitDir = env[ENV.hookGitDir];
  const commonDir = env[ENV.hookCommonDir];
  if (!gitDir || !commonDir) return null;
  return { top: cwd, gitDir: resolve(cwd, gitDir), commonDir: resolve(cwd, commonDir) };
}

/** A hook gives up on a busy store after this long, with one warning; git goes on. */
const HOOK_LOCK_TIMEOUT_MS = 3000;

export function createContext(
  cwd: string,
  env: NodeJS.ProcessEnv,
  warn: (m: string) => void,
  options: { fromHook?: boolean } = {},
): Context {
  const repo = (options.fromHook ? repoFromHook(cwd, env) : null) ?? discoverRepo(cwd, { ...process.env, ...env });
  const store = new Store(repo.commonDir, options.fromHook ? HOOK_LOCK_TIMEOUT_MS : undefined);
  store.checkFormat();
  const ms = clock(env);
  const random: RandomBytes = (n) => randomBytes(n);
  const newId = createUuidV7(random, ms);
  let author: string | undefined;
  let config: Promise<Config> | undefined;
  return {
    cwd,
    env,
    repo,
    store,
    now: () => new Date(ms()).toISOString(),
    newId,
    random,
    author: () => {
      // The post-checkout hook read user.email already (sh spawns git faster than Node can).
      author ??=
        (options.fromHook ? env[ENV.hookEmail] : undefined) ||
        authorEmail(
          repo,
          { ...process.env, ...env },
          store.exists() ? join(store.paths.root, 'author-cache.json') : null,
        ) ||
        'unknown';
      return author;
    },
    config: () => {
      config ??= loadConfigFile(repo, join(store.paths.root, 'config-cache.json'), warn);
      return config;
    },
    warn,
  };
}
