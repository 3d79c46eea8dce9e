// Questions about commits: what they say, what they changed, who signed them.

import { gitError } from '../model/errors.js';
import { INTERPRET_TRAILERS_ARGS } from '../model/hook-contract.js';
import {
  type AddedLine,
  type BlameCommits,
  COMMIT_INFO_FORMAT,
  type CommitInfo,
  firstGitMessage,
  PATH_COMMIT_FORMAT,
  type PathCommit,
  parseAddedLines,
  parseBlameCommits,
  parseCommitInfo,
  parseFirstSessionIds,
  parseGoodSignatures,
  parseLastChange,
  parsePathCommits,
} from './parse.js';
import { type GitQuery, objectNames, stdoutOrThrow } from './query.js';

/**
 * `git log` over exactly the commits `shas` (read from standard input), missing ones skipped; no
 * git process when there are none, and `none` when git fails.
 */
function logOfCommits<T>(shas: Iterable<string>, args: string[], parse: (stdout: string) => T, none: T): GitQuery<T> {
  const wanted = objectNames(shas);
  return {
    argv: wanted.length === 0 ? [] : ['log', '--no-walk=unsorted', '--ignore-missing', '--stdin', ...args],
    input: `${wanted.join('\n')}\n`,
    parse: (out) => (out.status === 0 ? parse(out.stdout) : none),
  };
}

/**
 * Subject, author, time and changed files of the given commits, in one git process. Commits that
 * no longer exist (rewritten and collected) are simply absent from the result.
 */
export const commitInfo = (shas: Iterable<string>): GitQuery<Map<string, CommitInfo>> =>
  logOfCommits(
    shas,
    ['-z', '--name-only', '--no-renames', `--format=${COMMIT_INFO_FORMAT}`],
    parseCommitInfo,
    new Map(),
  );

/**
 * Lines the given commits added that match `pattern` (TODO, FIXME...), with file and line number
 * in the commit that added them. One git process; binary files and deletions are skipped.
 */
export const addedLines = (shas: Iterable<string>, pattern: RegExp, limit = 200): GitQuery<AddedLine[]> =>
  logOfCommits(
    shas,
    ['-p', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--format=%x1e%H'],
    (stdout) => parseAddedLines(stdout, pattern, limit),
    [],
  );

/** The commits among `shas` whose signature git verifies (`%G?` = G: good, and a key the user trusts). */
export const goodSignatures = (shas: readonly string[]): GitQuery<Set<string>> => ({
  argv: shas.length === 0 ? [] : ['log', '--no-walk=unsorted', '--stdin', '--format=%H %G?'],
  input: `${shas.join('\n')}\n`,
  parse: (out) => parseGoodSignatures(out.stdout),
});

/**
 * The sessions of the nearest of the last 100 commits on the first-parent line from `tip` that
 * names any. --grep narrows inside git; the trailer block decides (a body line matches the grep too).
 */
export const nearestSessionIds = (tip: string): GitQuery<string[]> => ({
  argv: [
    'log',
    '--first-parent',
    '--grep=^[Ss]ession',
    '-n',
    '100',
    '-z',
    '--format=%(trailers:key=Session,valueonly,separator=%x1d)',
    tip,
    '--',
  ],
  parse: (out) => parseFirstSessionIds(out.stdout),
});

/** The last commit that changed `path`, and when. */
export const lastChange = (path: string): GitQuery<{ sha: string; at: string } | null> => ({
  argv: ['log', '-1', '--format=%H%x00%cI', '--', path],
  parse: (out) => (out.status === 0 ? parseLastChange(out.stdout) : null),
});

/** How many commits of `range` (up to `max`) changed the paths `pathspecs` select. */
export const countCommits = (range: string, pathspecs: readonly string[], max: number): GitQuery<number> => ({
  argv: ['rev-list', '--count', `--max-count=${max}`, range, '--', ...pathspecs],
  parse: (out) => Number(out.stdout.trim()) || 0,
});

/** The committer time of `rev`, as git prints it (ISO 8601). */
export const committerTime = (rev: string): GitQuery<string> => ({
  argv: ['log', '-1', '--format=%cI', rev],
  parse: (out) => out.stdout.trim(),
});

/**
 * `message` with `lines` added as trailers by git's own interpret-trailers: git decides where the
 * trailer block is, and each line is added even when one like it is there.
 */
export const withTrailers = (message: string, lines: readonly string[]): GitQuery<string> => ({
  // The flags the hooks use too (model/hook-contract.ts): the same placement on every path.
  argv: [...INTERPRET_TRAILERS_ARGS, ...lines.flatMap((l) => ['--trailer', l])],
  input: message.endsWith('\n') ? message : `${message}\n`,
  parse(out) {
    if (out.status !== 0) throw gitError(`could not add the session trailers: ${firstGitMessage(out.stderr)}`);
    return out.stdout;
  },
});

/**
 * git's stable patch id of the change from `from` to `to` (`git diff from to | git patch-id
 * --stable`), or null (no change, or git could not tell): equal ids, equal changes.
 */
export const diffOf = (from: string, to: string): GitQuery<string | null> => ({
  argv: ['diff', '--no-color', '--no-ext-diff', '--full-index', from, to, '--'],
  parse: (out) => (out.status === 0 && out.stdout !== '' ? out.stdout : null),
});

export const patchId = (diff: string): GitQuery<string | null> => ({
  argv: ['patch-id', '--stable'],
  input: diff,
  parse: (out) => (out.status === 0 ? (/^([0-9a-f]{40,64}) /.exec(out.stdout)?.[1] ?? null) : null),
});

/**
 * The commits that changed `path` (a file, followed through renames, or a folder), newest first,
 * at most `max`. The path is taken literally (`--literal-pathspecs`): `:(glob)` or `*` in a typed
 * path is a file name, never pathspec magic.
 */
export const pathCommits = (path: string, o: { follow: boolean; max: number }): GitQuery<PathCommit[]> => ({
  argv: [
    '--literal-pathspecs',
    'log',
    ...(o.follow ? ['--follow'] : []),
    `--max-count=${o.max}`,
    `--format=${PATH_COMMIT_FORMAT}`,
    'HEAD',
    '--',
    path,
  ],
  parse: (out) => parsePathCommits(stdoutOrThrow(out, 'log')),
});

/** The commits that last changed lines `from`–`to` of `path` as it is in the work tree (`git blame`). */
export const blameCommits = (path: string, from: number, to: number): GitQuery<BlameCommits> => ({
  argv: ['--literal-pathspecs', 'blame', '--porcelain', '-L', `${from},${to}`, '--', path],
  parse: (out) => parseBlameCommits(stdoutOrThrow(out, 'blame')),
});

/**
 * `shas`, children before parents (`rev-list --topo-order`): for commits whose times tie to the
 * second, where a time cannot say which came first. The walk stops at commits older than `since`
 * (epoch seconds), so it stays among them. Commits git does not reach keep their given order, last.
 */
export function topoOrdered(shas: readonly string[], since: number): GitQuery<string[]> {
  const wanted = objectNames(shas);
  return {
    argv: wanted.length < 2 ? [] : ['rev-list', '--topo-order', `--since=@${Math.floor(since)}`, '--stdin'],
    input: `${wanted.join('\n')}\n`,
    parse: (out) => {
      const set = new Set(wanted);
      const reached = out.status === 0 ? out.stdout.split('\n').filter((l) => set.has(l)) : [];
      const seen = new Set(reached);
      return [...reached, ...wanted.filter((s) => !seen.has(s))];
    },
  };
}
