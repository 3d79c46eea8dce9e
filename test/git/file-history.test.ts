// The commits behind a path, read from captured git output (git 2.39): `git log` records and
// `git blame --porcelain` (a boundary commit, a commit's second group without headers, a line not
// committed yet), and the queries' command lines: the path taken literally, after `--`.

import { describe, expect, it } from 'vitest';
import { blameCommits, pathCommits, topoOrdered } from '../../src/git/commits.js';
import { parseBlameCommits, parsePathCommits } from '../../src/git/parse.js';

const FIRST = '3149fe4794e3a4d8226499223bd806fc5d7e8d51';
const SECOND = '1a41d77abb081bf64b9168be8fd4d4cc98e94607';

const BLAME = `${FIRST} 1 1 1
author A
author-mail <a@b.c>
author-time 1796149049
author-tz +0000
committer A
committer-mail <a@b.c>
committer-time 1767607200
committer-tz +0000
summary first: add f
boundary
filename f
\ta
${SECOND} 2 2 2
author A
author-mail <a@b.c>
author-time 1796149049
author-tz +0000
committer A
committer-mail <a@b.c>
committer-time 1767693600
committer-tz +0000
summary second
previous ${FIRST} f
filename f
\tB
${SECOND} 3 3
\tc
0000000000000000000000000000000000000000 4 4 1
author Not Committed Yet
author-mail <not.committed.yet>
author-time 1796149049
author-tz +0000
committer Not Committed Yet
committer-mail <not.committed.yet>
committer-time 1796149049
committer-tz +0000
summary Version of f from f
previous ${SECOND} f
filename f
\td
`;

describe('the commits behind a path', () => {
  it('parseBlameCommits: each commit once, newest first, with its lines; uncommitted lines counted', () => {
    expect(parseBlameCommits(BLAME)).toEqual({
      commits: [
        { sha: SECOND, at: '2026-01-06T10:00:00.000Z', subject: 'second', lines: 2 },
        { sha: FIRST, at: '2026-01-05T10:00:00.000Z', subject: 'first: add f', lines: 1 },
      ],
      uncommitted: 1,
    });
    // A line of the file that looks like a header is a line (it follows a tab).
    expect(parseBlameCommits(`${FIRST} 1 1 1\nsummary s\n\t${SECOND} 2 2 2\n`).commits).toHaveLength(1);
  });

  it('parsePathCommits: git log records, newest first', () => {
    const out = `\x1e${SECOND}\x1f1767693600\x1fsecond\n\x1e${FIRST}\x1f1767607200\x1ffirst: add f\n`;
    expect(parsePathCommits(out)).toEqual([
      { sha: SECOND, at: '2026-01-06T10:00:00.000Z', subject: 'second' },
      { sha: FIRST, at: '2026-01-05T10:00:00.000Z', subject: 'first: add f' },
    ]);
    expect(parsePathCommits('')).toEqual([]);
  });

  it('the queries take the path literally, after --, and follow renames only when asked', () => {
    expect(pathCommits(':(glob)**', { follow: true, max: 10 }).argv).toEqual([
      '--literal-pathspecs',
      'log',
      '--follow',
      '--max-count=10',
      '--format=%x1e%H%x1f%ct%x1f%s',
      'HEAD',
      '--',
      ':(glob)**',
    ]);
    expect(pathCommits('src', { follow: false, max: 5 }).argv).not.toContain('--follow');
    expect(blameCommits('-x', 2, 9).argv).toEqual([
      '--literal-pathspecs',
      'blame',
      '--porcelain',
      '-L',
      '2,9',
      '--',
      '-x',
    ]);
    expect(() =>
      blameCommits('f', 9, 9).parse({ status: 128, stdout: '', stderr: 'fatal: file f has only 4 lines\n' }),
    ).toThrow('file f has only 4 lines');
  });

  it('commits of one second are put in graph order by one bounded rev-list; the ones it does not reach keep their place, last', () => {
    const q = topoOrdered([FIRST, SECOND, 'not-a-sha'], 1767225599.5);
    expect(q.argv).toEqual(['rev-list', '--topo-order', '--since=@1767225599', '--stdin']);
    expect(q.input).toBe(`${FIRST}\n${SECOND}\n`);
    expect(q.parse({ status: 0, stdout: `${'f'.repeat(40)}\n${SECOND}\n`, stderr: '' })).toEqual([SECOND, FIRST]);
    expect(q.parse({ status: 128, stdout: '', stderr: 'fatal' })).toEqual([FIRST, SECOND]);
    expect(topoOrdered([FIRST], 0).argv).toEqual([]);
  });
});
