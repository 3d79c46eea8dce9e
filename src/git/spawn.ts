// The one place a git process is started: synchronously, asynchronously, or as a stream. Nothing
// outside src/git/ imports this module; the rest of git-session runs queries (query.ts, run.ts).
// git is spawned rather than embedded: one `git log` process is ~30x faster than isomorphic-git
// over a large history, and it works in linked worktrees (README, "Choices").

import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { userError } from '../model/errors.js';
import { ENV } from '../model/hook-contract.js';

/** What a finished git process left: its exit status and its output. */
export interface GitOutput {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes, when the query asked for them (object contents). */
  stdoutBytes?: Buffer;
  /** The process was stopped because it ran out of time. */
  timedOut?: boolean;
}

export interface SpawnOptions {
  cwd: string;
  input?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Run git with our own hooks switched off (used when git-session itself commits or switches). */
  quietHooks?: boolean;
  /** Keep stdout as bytes too (GitOutput.stdoutBytes). */
  bytes?: boolean;
  /** Stop git (SIGKILL) after this long; the output then says `timedOut`. */
  timeoutMs?: number;
}

// Loaded on first use: a branch switch handled by the post-checkout hook spawns nothing, and
// loading child_process costs ~4 ms of Node's start-up.
let childProcess: typeof ChildProcess | undefined;
function loadChildProcess(): typeof ChildProcess {
  childProcess ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
    'node:child_process',
  ) as typeof ChildProcess;
  return childProcess;
}

function environment(options: SpawnOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.quietHooks) env[ENV.disable] = '0';
  return env;
}

const noGit = () => userError('no-git', 'git is not installed or not on PATH', 'install git 2.31 or newer');

export function spawnGitSync(argv: readonly string[], options: SpawnOptions): GitOutput {
  if (options.bytes) {
    const b = loadChildProcess().spawnSync('git', argv, {
      cwd: options.cwd,
      input: options.input,
      env: environment(options),
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (b.error) {
      if ((b.error as NodeJS.ErrnoException).code === 'ENOENT') throw noGit();
      throw b.error;
    }
    return { status: b.status ?? 1, stdout: '', stderr: b.stderr.toString('utf8'), stdoutBytes: b.stdout };
  }
  const r = loadChildProcess().spawnSync('git', argv, {
    cwd: options.cwd,
    input: options.input,
    env: environment(options),
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw noGit();
    throw r.error;
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Without waiting: several short queries at once use both cores. */
export function spawnGitAsync(argv: readonly string[], options: SpawnOptions): Promise<GitOutput> {
  return new Promise((done) => {
    const child = loadChildProcess().execFile(
      'git',
      argv,
      {
        cwd: options.cwd,
        env: environment(options),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        ...(options.timeoutMs !== undefined
          ? { timeout: Math.max(1, Math.floor(options.timeoutMs)), killSignal: 'SIGKILL' }
          : {}),
      },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: unknown; killed?: boolean; signal?: string | null }) | null;
        if (e && (e as NodeJS.ErrnoException).code === 'ENOENT') {
          done({ status: 127, stdout: '', stderr: noGit().message });
          return;
        }
        const code = e ? (typeof e.code === 'number' ? e.code : 1) : 0;
        const timedOut = e?.killed === true && options.timeoutMs !== undefined;
        done({ status: code, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * A git process whose output the caller reads as it comes (a long `git log`): stdin a pipe,
 * stdout as asked, stderr a pipe. A missing git is reported through the `error` event as the same
 * one-line error as the other ways of running git.
 */
export function spawnGitStream(
  argv: readonly string[],
  options: { cwd: string; stdout: 'pipe' | 'ignore' },
): ChildProcess.ChildProcess {
  return loadChildProcess().spawn('git', argv, { cwd: options.cwd, stdio: ['pipe', options.stdout, 'pipe'] });
}

/** The error a stream's `error` event carries, as the user should read it. */
export function streamError(e: Error): Error {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? noGit() : e;
}
