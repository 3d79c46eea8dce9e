// The repository git-session works in: its directories, the checked-out branch, HEAD, the user.

import { existsSync, lstatSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { userError } from '../model/errors.js';
import { parseRepoDirs } from './parse.js';
import { type GitQuery, OBJECT_NAME, trimmedOrNull } from './query.js';
import { run } from './run.js';

export interface Repo {
  /** Top of the working tree. */
  top: string;
  /** This worktree's git dir (HEAD, index, MERGE_MSG...). */
  gitDir: string;
  /** Shared by all worktrees: objects, refs, config — and our store. */
  commonDir: string;
}

export const repoDirs: GitQuery<Repo> = {
  argv: ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--show-toplevel'],
  parse(out) {
    if (out.status !== 0) {
      if (/must be run in a work tree/.test(out.stderr))
        throw userError('bare-repository', 'this is a bare repository', 'run git session inside a working tree');
      throw userError('not-a-repository', 'not a git repository', 'cd into a repository, or run git init first');
    }
    const dirs = parseRepoDirs(out.stdout);
    if (!dirs)
      throw userError(
        'bare-repository',
        'this repository has no working tree',
        'run git session inside a working tree',
      );
    return dirs;
  },
};

/** Variables that move git's repository or work tree, or change how git finds one: git decides then. */
const DISCOVERY_VARIABLES = /^GIT_(DIR|WORK_TREE|COMMON_DIR|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|CONFIG.*)$/;

/**
 * The repository `cwd` is in, found the way git finds it: the nearest `.git` above (a folder, or a
 * `gitdir:` file of a linked worktree or submodule), its `commondir`. Only the plain case is
 * decided here, without a process (every command pays for `git rev-parse` otherwise, ~4 ms); the
 * rest goes to git: a variable that moves the repository, a work tree set in the config or a bare
 * one, a folder inside a git dir, a mount point crossed, a repository someone else owns (git's
 * safe.directory), anything not shaped as expected.
 */
export function repoFromFiles(cwd: string, env: NodeJS.ProcessEnv): Repo | null {
  if (Object.keys(env).some((k) => DISCOVERY_VARIABLES.test(k) && k !== 'GIT_CONFIG_NOSYSTEM')) return null;
  const uid = process.getuid?.();
  let dir = cwd;
  let dev: number;
  try {
    dev = statSync(cwd).dev;
  } catch {
    return null;
  }
  for (let depth = 0; depth < 256; depth++) {
    // A folder that is itself a git dir (a bare repository, or inside .git): git's reading differs.
    if (basename(dir) === '.git' || existsSync(join(dir, 'HEAD'))) return null;
    const dotGit = join(dir, '.git');
    let st: Stats | null = null;
    try {
      st = lstatSync(dotGit);
    } catch {
      // Not here: one folder up.
    }
    if (st) return repoAt(dir, dotGit, st, uid);
    const parent = dirname(dir);
    if (parent === dir) return null;
    try {
      if (statSync(parent).dev !== dev) return null;
    } catch {
      return null;
    }
    dir = parent;
  }
  return null;
}

function repoAt(top: string, dotGit: string, st: Stats, uid: number | undefined): Repo | null {
  try {
    let gitDir: string;
    if (st.isDirectory()) gitDir = dotGit;
    else if (st.isFile()) {
      const m = /^gitdir: (.+?)\r?\n?$/.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return null;
      gitDir = resolve(top, m[1]!);
    } else return null;
    if (!existsSync(join(gitDir, 'HEAD'))) return null;
    let commonDir = gitDir;
    if (existsSync(join(gitDir, 'commondir')))
      commonDir = resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
    const config = readFileSync(join(commonDir, 'config'), 'utf8');
    if (/^\s*worktree\s*=/im.test(config) || /^\s*bare\s*=\s*(true|yes|on|1)\s*$/im.test(config)) return null;
    if (uid !== undefined && (statSync(top).uid !== uid || statSync(gitDir).uid !== uid)) return null;
    const real = realpathSync.native;
    return { top: real(top), gitDir: real(gitDir), commonDir: real(commonDir) };
  } catch {
    return null;
  }
}

export const discoverRepo = (cwd: string, env: NodeJS.ProcessEnv = process.env): Repo =>
  repoFromFiles(cwd, env) ?? run({ top: cwd }, repoDirs);

export const symbolicHead: GitQuery<string | null> = {
  argv: ['symbolic-ref', '--quiet', '--short', 'HEAD'],
  parse: (out) => trimmedOrNull(out) || null,
};

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
  if (OBJECT_NAME.test(head)) return null;
  // Unusual ref storage (reftable): ask git.
  return run(repo, symbolicHead);
}

export const headSha: GitQuery<string | null> = {
  argv: ['rev-parse', '--verify', '--quiet', 'HEAD'],
  parse: trimmedOrNull,
};

/** The repository's object format: `sha1` or `sha256`. */
export const objectFormat: GitQuery<string> = {
  argv: ['rev-parse', '--show-object-format'],
  parse: (out) => (out.status === 0 && out.stdout.trim() === 'sha256' ? 'sha256' : 'sha1'),
};

export const configValue = (key: string): GitQuery<string | null> => ({
  argv: ['config', '--get', key],
  parse: (out) => (out.status === 0 ? out.stdout.replace(/\n$/, '') : null),
});

/** Who the events made here are by: GIT_AUTHOR_EMAIL, else user.email, else ''. */
export function userEmail(repo: Repo): string {
  const fromEnv = process.env.GIT_AUTHOR_EMAIL;
  if (fromEnv) return fromEnv;
  return run(repo, configValue('user.email'))?.trim() ?? '';
}
