// Real temporary git repositories and the built executable, for end-to-end tests. Dates, time
// zone, identity and config are pinned so output is deterministic; nothing of git is mocked.

import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authorEmail } from '../../src/app/author.js';
import { configStamp } from '../../src/app/context.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'git-session.cjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const made: string[] = [];
/** A fresh temporary directory, removed by cleanupAll(). */
export function tempDir(prefix = 'gs-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

let pathDir: string | undefined;

export function cleanupAll(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  // The PATH folder is made once per test file; without this each run left one per file in /tmp.
  if (pathDir) rmSync(pathDir, { recursive: true, force: true });
  pathDir = undefined;
}

/** A directory holding only a `git-session` link to the built binary, for PATH. */
export function binPathDir(): string {
  if (!pathDir) {
    pathDir = mkdtempSync(join(tmpdir(), 'gs-bin-'));
    symlinkSync(BIN, join(pathDir, 'git-session'));
  }
  return pathDir;
}

export function baseEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: `${binPathDir()}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
    GIT_EDITOR: ':',
    NO_COLOR: '1',
    ...extra,
  };
  return env;
}

export class TestRepo {
  constructor(
    readonly dir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Run git; throws with git's stderr on failure unless `allowFail`. */
  git(
    args: string[],
    opts: { allowFail?: boolean; input?: string; env?: Record<string, string>; cwd?: string } = {},
  ): Run {
    const r = spawnSync('git', args, {
      cwd: opts.cwd ?? this.dir,
      env: { ...this.env, ...opts.env },
      input: opts.input,
      encoding: 'utf8',
    });
    const run = { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
    if (run.code !== 0 && !opts.allowFail) throw new Error(`git ${args.join(' ')} failed (${run.code}): ${r.stderr}`);
    return run;
  }

  /** Run the built git-session binary directly. */
  gs(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Run {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? this.dir,
      env: { ...this.env, ...opts.env },
      input: opts.input,
      encoding: 'utf8',
    });
    return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Run `git-session … --json`, require success, parse stdout. */
  json<T = any>(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): T {
    const r = this.gs([...args, '--json'], opts);
    if (r.code !== 0) throw new Error(`git-session ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Run git-session and require success. */
  ok(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Run {
    const r = this.gs(args, opts);
    if (r.code !== 0) throw new Error(`git-session ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r;
  }

  write(path: string, content: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  commit(message: string, files: Record<string, string> = {}, extra: string[] = []): Run {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
    if (Object.keys(files).length > 0) this.git(['add', '--', ...Object.keys(files)]);
    return this.git([
      'commit',
      '-q',
      ...(Object.keys(files).length === 0 ? ['--allow-empty'] : []),
      '-m',
      message,
      ...extra,
    ]);
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).stdout.trim();
  }

  /** The message of a commit, as git stores it. */
  message(rev = 'HEAD'): string {
    return this.git(['log', '-1', '--format=%B', rev]).stdout;
  }

  /** git's own reading of a commit's trailers. */
  trailers(rev = 'HEAD'): string {
    return this.git(['log', '-1', '--format=%(trailers:unfold)', rev]).stdout.trim();
  }
}

export interface RepoOptions {
  /** Skip the initial commit. */
  empty?: boolean;
  env?: Record<string, string>;
}

/** `git init` in a new temp dir, identity configured, one initial commit on `main`. */
export function makeRepo(options: RepoOptions = {}): TestRepo {
  return fromTemplate(`repo ${JSON.stringify(options)}`, options, () => undefined);
}

/**
 * Repositories made the same way are copies of one made once per test file (a test file is one
 * process): `git init` and a first commit, and for a session repository `git session init` and
 * `start`, cost ~0.2 s of processes each time, a copy ~10 ms. Each copy has a home and a store of
 * its own; the hook manifest's absolute paths are the copy's.
 */
const templates = new Map<string, string>();

export function fromTemplate(key: string, options: RepoOptions, build: (r: TestRepo) => void): TestRepo {
  let template = templates.get(key);
  if (template === undefined) {
    const r = freshRepo(options);
    build(r);
    template = r.dir;
    templates.set(key, template);
  }
  const root = tempDir();
  const home = join(root, 'home');
  const dir = join(root, 'repo');
  mkdirSync(home);
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  const r = new TestRepo(dir, baseEnv(home, options.env));
  const store = join(dir, '.git', 'sessions');
  if (existsSync(store)) {
    const manifest = join(store, 'hooks', 'installed.json');
    if (existsSync(manifest)) writeFileSync(manifest, readFileSync(manifest, 'utf8').split(template).join(dir));
    // The caches are keyed by file identities (inodes, paths) a copy does not share: made again for
    // the copy, as its own commands would have left them.
    const repo = { top: dir, gitDir: join(dir, '.git'), commonDir: join(dir, '.git') };
    authorEmail(repo, r.env, join(store, 'author-cache.json'));
    const cache = join(store, 'config-cache.json');
    const config = join(dir, '.session', 'config.yaml');
    if (existsSync(cache) && existsSync(config)) {
      const cached = JSON.parse(readFileSync(cache, 'utf8'));
      writeFileSync(cache, `${JSON.stringify({ ...cached, stamp: configStamp(statSync(config)) })}\n`);
    }
  }
  return r;
}

function freshRepo(options: RepoOptions): TestRepo {
  const root = tempDir();
  const home = join(root, 'home');
  const dir = join(root, 'repo');
  mkdirSync(home);
  mkdirSync(dir);
  const repo = new TestRepo(dir, baseEnv(home, options.env));
  repo.git(['init', '-q', '-b', 'main']);
  repo.git(['config', 'user.email', 'dev@example.com']);
  repo.git(['config', 'user.name', 'Dev']);
  repo.git(['config', 'gc.auto', '0']);
  if (!options.empty) repo.commit('init', { 'README.md': '# test\n' });
  return repo;
}
