// `git session why PATH[:LINE[-LINE]]`: which commits touched the path (git log --follow, or git
// blame for lines), and through them which sessions, objectives and decisions are behind it
// (core/why.ts). The path is what the user typed, relative to where they are.

import { lstatSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { splitLineRange, type TouchingCommit, type Why, whyOf } from '../core/why.js';
import { blameCommits, pathCommits, topoOrdered } from '../git/commits.js';
import { run } from '../git/run.js';
import { userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import type { Context } from './context.js';
import { loadAllSessions } from './sessions.js';

/** At most this many commits that touched a path are read (the newest). */
export const MAX_WHY_COMMITS = 1000;
/** A line range longer than this is refused: ask for the file. */
const MAX_WHY_LINES = 100_000;

export interface WhyResult extends Why {
  /** The path relative to the top of the work tree, `/`-separated. */
  path: string;
  lines: { from: number; to: number } | null;
  /** Lines of the range not committed yet (git blame's "Not Committed Yet"). */
  uncommitted: number;
  /** More commits touched the path than were read. */
  truncated: boolean;
}

function lstat(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The path inside the work tree, `/`-separated ('' for its top); refused outside it and in `.git`. */
function inRepo(ctx: Context, typed: string, abs: string): string {
  const rel = relative(ctx.repo.top, abs);
  if (rel.split(sep).some((part) => part.toLowerCase() === '.git'))
    throw userError(
      'outside-repository',
      `'${clip(typed)}' is in git's own folder, not the work tree`,
      'ask for a file of the work tree',
    );
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw userError(
      'outside-repository',
      `'${clip(typed)}' is outside the repository`,
      `the work tree is ${ctx.repo.top}`,
    );
  return rel.split(sep).join('/');
}

/** What `why` is asked about: a path, and lines of it when the argument ends in `:N` or `:N-M`. */
function target(
  ctx: Context,
  typed: string,
): { rel: string; lines: { from: number; to: number } | null; stat: Stats | null } {
  if (typed.trim() === '') throw userError('empty-path', 'no path given', 'git session why src/app.ts[:10-20]');
  const whole = resolve(ctx.cwd, typed);
  const st = lstat(whole);
  const range = st ? null : splitLineRange(typed);
  if (!range) return { rel: inRepo(ctx, typed, whole), lines: null, stat: st };
  const abs = resolve(ctx.cwd, range.path);
  const stat = lstat(abs);
  if (range.from < 1 || range.to < range.from)
    throw userError(
      'bad-lines',
      `'${clip(typed)}': lines are numbered from 1, as FROM-TO with FROM ≤ TO`,
      'git session why src/app.ts:10-20',
    );
  if (range.to - range.from + 1 > MAX_WHY_LINES)
    throw userError(
      'bad-lines',
      `'${clip(typed)}' asks for more than ${MAX_WHY_LINES} lines`,
      `ask for the whole file: git session why ${range.path}`,
    );
  if (!stat?.isFile())
    throw userError(
      'unknown-path',
      `${clip(range.path)} is not a file of the work tree, and lines are read as they are there`,
      `ask for the whole path: git session why ${range.path}`,
    );
  return { rel: inRepo(ctx, range.path, abs), lines: { from: range.from, to: range.to }, stat };
}

/** At most this many groups of commits of the same second are put in graph order (one git process each). */
const MAX_TIE_GROUPS = 16;

/**
 * Blame's commits, newest first by time — and those of the same second, children before parents,
 * as git's graph says: commits made in one second (scripts, agents, a rebase) have no order by time.
 */
function tiesInGraphOrder(ctx: Context, commits: readonly TouchingCommit[]): TouchingCommit[] {
  const bySecond = new Map<string, TouchingCommit[]>();
  for (const c of commits) bySecond.set(c.at, [...(bySecond.get(c.at) ?? []), c]);
  const out: TouchingCommit[] = [];
  let asked = 0;
  for (const [at, group] of bySecond) {
    if (group.length < 2 || asked++ >= MAX_TIE_GROUPS) {
      out.push(...group);
      continue;
    }
    const order = run(
      ctx.repo,
      topoOrdered(
        group.map((c) => c.sha),
        Date.parse(at) / 1000 - 1,
      ),
    );
    const rank = new Map(order.map((sha, i) => [sha, i]));
    out.push(...[...group].sort((a, b) => rank.get(a.sha)! - rank.get(b.sha)!));
  }
  return out;
}

/** The sessions, objectives and decisions behind the path (newest first). */
export function why(ctx: Context, typed: string): WhyResult {
  const { rel, lines, stat } = target(ctx, typed);
  let touching: TouchingCommit[];
  let uncommitted = 0;
  let truncated = false;
  if (lines) {
    const blame = run(ctx.repo, blameCommits(rel, lines.from, lines.to));
    touching = tiesInGraphOrder(ctx, blame.commits);
    uncommitted = blame.uncommitted;
  } else {
    // A file is followed through renames; a folder (or the whole tree) is not a single file's story.
    const follow = stat === null || stat.isFile() || stat.isSymbolicLink();
    touching = run(
      ctx.repo,
      pathCommits(rel === '' ? '.' : rel, { follow: follow && rel !== '', max: MAX_WHY_COMMITS + 1 }),
    );
    truncated = touching.length > MAX_WHY_COMMITS;
    if (truncated) touching = touching.slice(0, MAX_WHY_COMMITS);
    if (touching.length === 0 && stat === null)
      throw userError(
        'unknown-path',
        `no file or folder '${clip(typed)}' in the work tree or its history`,
        'check the path (it is relative to where you are)',
      );
  }
  const states = loadAllSessions(ctx).map((l) => l.state);
  return { ...whyOf(states, touching), path: rel, lines, uncommitted, truncated };
}
