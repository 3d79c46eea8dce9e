// The one place that talks to git. We spawn the git executable rather than use isomorphic-git:
// one `git log` process is ~30x faster over a large history, and it works in linked worktrees
// (README, "Why spawn git").

import type * as ChildProcess from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { BranchPosition } from '../core/brief.js';
import type { ContextDocFacts } from '../core/context-health.js';
import { clip } from '../core/text.js';
import { gitError, userError } from '../errors.js';
import { ENV } from '../model/hook-contract.js';

export interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  input?: string;
  env?: Record<string, string | undefined>;
  /** Run git with our own hooks switched off (used when git-session itself commits or switches). */
  quietHooks?: boolean;
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
function spawnSync(command: string, args: readonly string[], options: ChildProcess.SpawnSyncOptionsWithStringEncoding) {
  return loadChildProcess().spawnSync(command, args, options);
}

/** Run git without waiting: several short queries at once use both cores. */
function runGitAsync(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((done) => {
    loadChildProcess().execFile(
      'git',
      args,
      { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0;
        done({ status: code, stdout, stderr });
      },
    );
  });
}

export function runGit(args: readonly string[], options: GitOptions): GitResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.quietHooks) env[ENV.disable] = '0';
  const r = spawnSync('git', args, {
    cwd: options.cwd,
    input: options.input,
    env,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT')
      throw userError('no-git', 'git is not installed or not on PATH', 'install git 2.31 or newer');
    throw r.error;
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Run git and return stdout; a failure becomes a GitError carrying git's first error line. */
export function git(args: readonly string[], options: GitOptions): string {
  const r = runGit(args, options);
  if (r.status !== 0) throw gitError(firstGitMessage(r.stderr) || `git ${args[0]} failed (exit ${r.status})`);
  return r.stdout;
}

export function firstGitMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'));
  const fatal = lines.find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? lines[0] ?? '').replace(/^(fatal|error): /, '');
}

export interface Repo {
  /** Top of the working tree. */
  top: string;
  /** This worktree's git dir (HEAD, index, MERGE_MSG...). */
  gitDir: string;
  /** Shared by all worktrees: objects, refs, config — and our store. */
  commonDir: string;
}

export function discoverRepo(cwd: string): Repo {
  const r = runGit(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--show-toplevel'], {
    cwd,
  });
  if (r.status !== 0) {
    if (/must be run in a work tree/.test(r.stderr)) {
      throw userError('bare-repository', 'this is a bare repository', 'run git session inside a working tree');
    }
    throw userError('not-a-repository', 'not a git repository', 'cd into a repository, or run git init first');
  }
  const [gitDir, commonDir, top] = r.stdout.split('\n');
  if (!gitDir || !commonDir || !top)
    throw userError('bare-repository', 'this repository has no working tree', 'run git session inside a working tree');
  return { gitDir, commonDir, top };
}

/** The checked-out branch, read from HEAD directly; null when HEAD is detached. */
export function currentBranch(repo: Repo): string | null {
  let head: string;
  try {
    head = readFileSync(join(repo.gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    head = '';
  }
  if (head.startsWith('ref: ')) {
    const ref = head.slice(5);
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
  }
  if (/^[0-9a-f]{40,64}$/.test(head)) return null;
  // Unusual ref storage (reftable): ask git.
  const r = runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: repo.top });
  return r.status === 0 ? r.stdout.trim() || null : null;
}

export function headSha(repo: Repo): string | null {
  const r = runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repo.top });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function userEmail(repo: Repo): string {
  const fromEnv = process.env.GIT_AUTHOR_EMAIL;
  if (fromEnv) return fromEnv;
  const r = runGit(['config', '--get', 'user.email'], { cwd: repo.top });
  return r.status === 0 ? r.stdout.trim() : '';
}

export function branchExists(repo: Repo, branch: string): boolean {
  return runGit(['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: repo.top }).status === 0;
}

/** Validate a branch name with git itself (the final word on what git accepts). */
export function checkBranchName(repo: Repo, branch: string): void {
  const r = runGit(['check-ref-format', '--branch', branch], { cwd: repo.top });
  if (r.status !== 0)
    throw userError('bad-branch', `'${clip(branch)}' is not a valid branch name`, 'see git help check-ref-format');
}

/**
 * Switch this worktree to `branch` (creating it from HEAD if asked). Our hooks are switched off:
 * the caller does the session bookkeeping the post-checkout hook would do.
 */
export function switchBranch(repo: Repo, branch: string, create: boolean, startPoint?: string): void {
  const args = create ? ['switch', '--create', branch, ...(startPoint ? [startPoint] : [])] : ['switch', branch];
  const r = runGit(args, { cwd: repo.top, quietHooks: true });
  if (r.status !== 0) {
    const msg = firstGitMessage(r.stderr);
    throw gitError(`git could not switch to '${branch}': ${msg}`, 'commit or stash your changes, then retry');
  }
}

/** The commit `ref` names, or an error that says so (a ref starting with `-` is never an option). */
export function resolveCommit(repo: Repo, ref: string): string {
  const r = ref.startsWith('-')
    ? null
    : runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repo.top });
  const sha = r?.status === 0 ? r.stdout.trim() : '';
  if (!/^[0-9a-f]{40,64}$/.test(sha))
    throw userError('bad-ref', `'${clip(ref)}' names no commit`, 'give a branch, tag or commit, e.g. --from main');
  return sha;
}

/** Worktrees and the branch each has checked out (for "checked out elsewhere" messages). */
export function worktreeBranches(repo: Repo): Map<string, string> {
  const r = runGit(['worktree', 'list', '--porcelain'], { cwd: repo.top });
  const out = new Map<string, string>();
  if (r.status !== 0) return out;
  let path = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice(9);
    else if (line.startsWith('branch refs/heads/')) out.set(line.slice('branch refs/heads/'.length), path);
  }
  return out;
}

export function gitConfig(repo: Repo, key: string): string | null {
  const r = runGit(['config', '--get', key], { cwd: repo.top });
  return r.status === 0 ? r.stdout.replace(/\n$/, '') : null;
}

export function absolutePath(repo: Repo, p: string): string {
  return isAbsolute(p) ? p : resolve(repo.top, p);
}

export interface CommitInfo {
  sha: string;
  subject: string;
  author: string;
  at: string;
  files: string[];
}

/**
 * Subject, author, time and changed files of the given commits, in one git process. Commits that
 * no longer exist (rewritten and collected) are simply absent from the result.
 */
export function commitInfo(repo: Repo, shas: readonly string[]): Map<string, CommitInfo> {
  const out = new Map<string, CommitInfo>();
  const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40,64}$/.test(s));
  if (wanted.length === 0) return out;
  // --stdin with --no-walk lists exactly these commits; unknown ones are skipped via --ignore-missing.
  const r = runGit(
    [
      'log',
      '--no-walk=unsorted',
      '--ignore-missing',
      '--stdin',
      '-z',
      '--name-only',
      '--no-renames',
      '--format=%x1e%H%x1f%s%x1f%ae%x1f%aI',
    ],
    { cwd: repo.top, input: `${wanted.join('\n')}\n` },
  );
  if (r.status !== 0) return out;
  for (const record of r.stdout.split('\x1e')) {
    if (record === '') continue;
    const [head = '', rest = ''] = splitOnce(record, '\n');
    const [sha, subject, author, at] = head.split('\x1f');
    if (!sha || subject === undefined || author === undefined || !at) continue;
    const files = rest
      .split('\0')
      .map((f) => f.replace(/^\n/, ''))
      .filter((f) => f !== '');
    out.set(sha, { sha, subject, author, at: new Date(at).toISOString(), files });
  }
  return out;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/**
 * Lines the given commits added that match `pattern` (TODO, FIXME...), with file and line number
 * in the commit that added them. One git process; binary files and deletions are skipped.
 */
export function addedLines(
  repo: Repo,
  shas: readonly string[],
  pattern: RegExp,
  limit = 200,
): { sha: string; file: string; line: number; text: string }[] {
  const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40,64}$/.test(s));
  if (wanted.length === 0) return [];
  const r = runGit(
    [
      'log',
      '--no-walk=unsorted',
      '--ignore-missing',
      '--stdin',
      '-p',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-renames',
      '--format=%x1e%H',
    ],
    { cwd: repo.top, input: `${wanted.join('\n')}\n` },
  );
  if (r.status !== 0) return [];
  const out: { sha: string; file: string; line: number; text: string }[] = [];
  let sha = '';
  let file = '';
  let line = 0;
  for (const raw of r.stdout.split('\n')) {
    if (raw.startsWith('\x1e')) {
      sha = raw.slice(1);
      file = '';
    } else if (raw.startsWith('+++ ')) {
      file = raw.startsWith('+++ b/') ? raw.slice(6) : '';
    } else if (raw.startsWith('@@')) {
      const m = /\+(\d+)/.exec(raw);
      line = m ? Number(m[1]) : 0;
    } else if (raw.startsWith('+') && file) {
      const text = raw.slice(1);
      if (pattern.test(text)) {
        out.push({ sha, file, line, text: text.trim().slice(0, 200) });
        if (out.length >= limit) return out;
      }
      line++;
    }
  }
  return out;
}

export type StatusKind = 'modified' | 'added' | 'deleted' | 'renamed' | 'untracked' | 'conflicted';

/** Uncommitted changes of the worktree (git status), one entry per path. */
export function worktreeStatus(repo: Repo): { path: string; status: StatusKind }[] {
  const r = runGit(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: repo.top });
  if (r.status !== 0) return [];
  const out: { path: string; status: StatusKind }[] = [];
  const parts = r.stdout.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const path = entry.slice(3);
    let status: StatusKind = 'modified';
    if (xy === '??') status = 'untracked';
    else if (xy.includes('U') || xy === 'AA' || xy === 'DD') status = 'conflicted';
    else if (xy.includes('R')) {
      status = 'renamed';
      i++; // the next field is the old path
    } else if (xy.includes('A')) status = 'added';
    else if (xy.includes('D')) status = 'deleted';
    out.push({ path, status });
  }
  return out;
}

/** What a commit would contain: staged changes, or every tracked change with `all`. */
export function pendingChanges(repo: Repo, all: boolean): { path: string; status: string }[] {
  const args = all
    ? ['diff', 'HEAD', '--name-status', '-z', '--no-renames']
    : ['diff', '--cached', '--name-status', '-z', '--no-renames'];
  let r = runGit(args, { cwd: repo.top });
  // No HEAD yet (first commit): everything staged is new.
  if (r.status !== 0)
    r = runGit(['diff', '--cached', '--name-status', '-z', '--no-renames', '--root'], { cwd: repo.top });
  if (r.status !== 0) return [];
  const parts = r.stdout.split('\0').filter((p) => p !== '');
  const out: { path: string; status: string }[] = [];
  const names: Record<string, string> = { A: 'added', M: 'modified', D: 'deleted', T: 'type changed' };
  for (let i = 0; i + 1 < parts.length; i += 2)
    out.push({ status: names[parts[i]![0]!] ?? 'changed', path: parts[i + 1]! });
  return out;
}

/** Tracked CLAUDE.md / AGENTS.md files anywhere in the work tree. */
export function trackedAgentDocs(repo: Repo): string[] {
  const r = runGit(
    ['ls-files', '-z', '--', ...['CLAUDE.md', 'claude.md', 'AGENTS.md', 'agents.md'].map((n) => `:(glob)**/${n}`)],
    { cwd: repo.top },
  );
  return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : [];
}

const CONTEXT_EXCLUDES = [
  ':(exclude).session',
  ...['CLAUDE.md', 'claude.md', 'AGENTS.md', 'agents.md'].map((n) => `:(exclude,glob)**/${n}`),
];

/**
 * For each context document: when it last changed, and how many commits since (up to 1,000)
 * changed the code under `dir` — two short git processes per document.
 */
export function contextDocFacts(
  repo: Repo,
  docs: readonly { path: string; dir: string }[],
): Promise<ContextDocFacts[]> {
  return Promise.all(
    docs.map(async ({ path, dir }) => {
      const last = await runGitAsync(['log', '-1', '--format=%H%x00%cI', '--', path], repo.top);
      const [sha, at] = last.status === 0 ? last.stdout.trim().split('\0') : [];
      if (!sha || !at) return { path, dir, lastChanged: null, commitsSince: 0 };
      const count = await runGitAsync(
        ['rev-list', '--count', '--max-count=1000', `${sha}..HEAD`, '--', dir === '' ? '.' : dir, ...CONTEXT_EXCLUDES],
        repo.top,
      );
      return { path, dir, lastChanged: new Date(at).toISOString(), commitsSince: Number(count.stdout.trim()) || 0 };
    }),
  );
}

/** The local branch names, in one git process. */
export function localBranches(repo: Repo): Set<string> {
  // lstrip, not :short, which says heads/x when a tag x exists too.
  const r = runGit(['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads'], { cwd: repo.top });
  const branches = new Set(r.status === 0 ? r.stdout.split('\n').filter(Boolean) : []);
  // A branch checked out before its first commit exists without a ref.
  const current = currentBranch(repo);
  if (current) branches.add(current);
  return branches;
}

/** The commit a local branch points at, from its ref file when it is loose; git otherwise. */
export function branchTip(repo: Repo, branch: string): string | null {
  try {
    const sha = readFileSync(join(repo.commonDir, 'refs', 'heads', ...branch.split('/')), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
  } catch {
    // Packed or stored another way: ask git.
  }
  const r = runGit(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { cwd: repo.top });
  const sha = r.status === 0 ? r.stdout.trim() : '';
  return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}

/**
 * The commits `tip` contains that `oldest`'s parents do not: every commit of a session's branch
 * since its first carrying commit, in one walk (the hooks run the same, hooks/lib.sh gs_base).
 * Objects that are gone are skipped; an unknown tip gives nothing.
 */
export function commitsSince(repo: Repo, tip: string, oldest: string): Set<string> {
  const r = runGit(['rev-list', '--ignore-missing', '--stdin'], { cwd: repo.top, input: `${tip}\n^${oldest}^@\n` });
  return new Set(r.status === 0 ? r.stdout.split('\n').filter((l) => l !== '') : []);
}

/**
 * `git merge --no-ff --no-edit <branch>` into the checked-out branch, with the hooks running as for
 * any merge. On failure: the files left in conflict (empty when git refused for another reason).
 */
export function mergeNoFastForward(
  repo: Repo,
  branch: string,
): { ok: true } | { ok: false; conflicts: string[]; message: string } {
  // The full ref: a tag of the same name would win over the branch. The message is git's own
  // (fmt-merge-msg leaves out "into main/master" the same way).
  const into = currentBranch(repo);
  const message = `Merge branch '${branch}'${into && into !== 'main' && into !== 'master' ? ` into ${into}` : ''}`;
  const r = runGit(['merge', '--no-ff', '--no-edit', '-m', message, `refs/heads/${branch}`], { cwd: repo.top });
  if (r.status === 0) return { ok: true };
  const u = runGit(['diff', '--name-only', '-z', '--diff-filter=U'], { cwd: repo.top });
  const conflicts = u.status === 0 ? u.stdout.split('\0').filter(Boolean) : [];
  return { ok: false, conflicts, message: firstGitMessage(r.stderr) || firstGitMessage(r.stdout) };
}

/**
 * A date as git reads one — `yesterday`, `2.weeks.ago`, `last monday`, `2026-01-05 10:00` — in
 * epoch seconds, or null when git cannot read it. git's approxidate is reached through
 * `git config --type=expiry-date`, the one place git reports a date it does not understand (rev-parse
 * --since silently takes garbage for now). `now` is the reference time (GIT_SESSION_NOW pins it).
 */
export function gitDate(repo: Repo | null, text: string, nowMs: number): number | null {
  const r = runGit(['-c', `git-session.date=${text}`, 'config', '--type=expiry-date', '--get', 'git-session.date'], {
    cwd: repo?.top ?? process.cwd(),
    env: { GIT_TEST_DATE_NOW: String(Math.floor(nowMs / 1000)) },
  });
  if (r.status !== 0) return null;
  const n = Number(r.stdout.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Whether git tracks `path` (relative to the top, `/`-separated) and it has changes not committed,
 * staged or not. A file git-session would replace must not lose someone's work; when git cannot
 * tell, the answer is yes.
 */
export function hasUncommittedChanges(repo: Repo, path: string): boolean {
  const r = runGit(
    ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--ignore-submodules', '--', `:(literal)${path}`],
    { cwd: repo.top },
  );
  return r.status !== 0 || r.stdout !== '';
}

/** Whether git tracks any of `paths` (relative to the top, `/`-separated). */
export function isTracked(repo: Repo, paths: readonly string[]): boolean {
  if (paths.length === 0) return false;
  const r = runGit(['ls-files', '-z', '--', ...paths.map((p) => `:(literal)${p}`)], { cwd: repo.top });
  return r.status !== 0 || r.stdout !== '';
}

/** `ahead 2, behind 1` (git's %(upstream:track,nobracket)) as numbers. */
export function parseTrack(track: string): { ahead: number; behind: number; gone: boolean } {
  const ahead = /ahead (\d+)/.exec(track);
  const behind = /behind (\d+)/.exec(track);
  return { ahead: ahead ? Number(ahead[1]) : 0, behind: behind ? Number(behind[1]) : 0, gone: track === 'gone' };
}

/** Where a branch stands against its upstream and the default branch: two git processes. */
export async function branchPosition(repo: Repo, branch: string): Promise<BranchPosition> {
  // Branch names cannot hold glob characters (check-ref-format), so the patterns are literal.
  const r = await runGitAsync(
    [
      'for-each-ref',
      '--format=%(refname)%00%(symref)%00%(upstream:short)%00%(upstream:track,nobracket)',
      `refs/heads/${branch}`,
      `refs/remotes/*/${branch}`,
      'refs/remotes/*/HEAD',
      'refs/heads/main',
      'refs/heads/master',
    ],
    repo.top,
  );
  const refs = new Map<string, { symref: string; upstream: string; track: string }>();
  for (const line of r.status === 0 ? r.stdout.split('\n') : []) {
    const [name, symref = '', upstream = '', track = ''] = line.split('\0');
    if (name) refs.set(name, { symref, upstream, track });
  }
  const local = refs.get(`refs/heads/${branch}`);
  const remoteCopy = [...refs.keys()].find(
    (n) =>
      n.startsWith('refs/remotes/') && n.endsWith(`/${branch}`) && n.split('/').length === 3 + branch.split('/').length,
  );
  const ref = local ? `refs/heads/${branch}` : (remoteCopy ?? null);
  const remoteHeads = [...refs.entries()].filter(([n, v]) => n.endsWith('/HEAD') && v.symref !== '');
  const remoteHead = (remoteHeads.find(([n]) => n === 'refs/remotes/origin/HEAD') ?? remoteHeads[0])?.[1].symref;
  const base = [remoteHead, 'refs/heads/main', 'refs/heads/master'].find(
    (n) => n !== undefined && (n === remoteHead || refs.has(n)),
  );
  const short = (n: string) => n.replace(/^refs\/(heads|remotes)\//, '');
  const position: BranchPosition = {
    branch,
    ref: ref === null ? null : short(ref),
    upstream: local && local.upstream !== '' ? { name: local.upstream, ...parseTrack(local.track) } : null,
    base: null,
  };
  // The default branch's own name (origin/main -> main): a session on it has nothing to merge into.
  const baseName = base?.startsWith('refs/remotes/') ? base.split('/').slice(3).join('/') : base && short(base);
  if (ref === null || base === undefined || baseName === branch) return position;
  const counts = await runGitAsync(['rev-list', '--left-right', '--count', `${ref}...${base}`, '--'], repo.top);
  const m = /^(\d+)\s+(\d+)/.exec(counts.stdout);
  if (counts.status === 0 && m) position.base = { name: short(base), ahead: Number(m[1]), behind: Number(m[2]) };
  return position;
}
