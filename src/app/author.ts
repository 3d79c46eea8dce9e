// Who the events made here are by: git's user.email. Asking git costs a process (~3 ms) on every
// change, so the answer is remembered in the store next to the identity (size, time, inode) of
// every config file git reads it from; a file that changes, appears or goes, or another HOME, and
// git is asked again. A config that includes other files, or variables that add config, always go
// to git.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Repo, userEmail } from '../git/repo.js';
import { writeFileAtomic } from '../store/atomic.js';

/** The config files `git config --get` reads, in git's order. */
function configFiles(repo: Repo, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? '';
  const files = [
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config'),
    join(home, '.gitconfig'),
    join(repo.commonDir, 'config'),
    join(repo.gitDir, 'config.worktree'),
  ];
  if (!env.GIT_CONFIG_NOSYSTEM) files.unshift('/etc/gitconfig');
  return files;
}

function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return '-';
  }
}

const INCLUDE = /^\s*\[\s*include/im;

export function authorEmail(repo: Repo, env: NodeJS.ProcessEnv, cacheFile: string | null): string {
  const fromEnv = env.GIT_AUTHOR_EMAIL;
  if (fromEnv) return fromEnv;
  const cacheable =
    cacheFile !== null && !Object.keys(env).some((k) => k.startsWith('GIT_CONFIG') && k !== 'GIT_CONFIG_NOSYSTEM');
  if (!cacheable) return userEmail(repo);
  const files = configFiles(repo, env);
  const key = JSON.stringify(files.map((f) => [f, identity(f)]));
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key?: unknown; email?: unknown };
    if (cached.key === key && typeof cached.email === 'string') return cached.email;
  } catch {
    // No cache yet, or one that cannot be read: ask git.
  }
  const email = userEmail(repo);
  const includes = files.some((f) => {
    try {
      return INCLUDE.test(readFileSync(f, 'utf8'));
    } catch {
      return false;
    }
  });
  // The key is taken before git reads the files: one changed meanwhile is read again next time.
  if (!includes)
    try {
      writeFileAtomic(cacheFile, `${JSON.stringify({ key, email })}\n`, 0o644, false);
    } catch {
      // A cache that cannot be written costs the next change a process.
    }
  return email;
}
