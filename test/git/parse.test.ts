// What git prints, read (src/git/parse.ts) — on output captured from git 2.39 runs, byte for byte —
// and the queries' command lines as values (src/git/*.ts): no repository, no process.

import { describe, expect, it } from 'vitest';
import { changesToCommit, hasUncommittedChanges, worktreeStatus } from '../../src/git/changes.js';
import {
  addedLines,
  commitInfo,
  countCommits,
  goodSignatures,
  lastChange,
  withTrailers,
} from '../../src/git/commits.js';
import { dateOf } from '../../src/git/config.js';
import {
  firstGitMessage,
  parseAddedLines,
  parseBranchTips,
  parseCommitInfo,
  parseFirstSessionIds,
  parseGoodSignatures,
  parseLastChange,
  parseLeftRight,
  parseNameStatus,
  parsePorcelainStatus,
  parseRefRecords,
  parseRepoDirs,
  parseTips,
  parseTrack,
  parseWorktreeList,
} from '../../src/git/parse.js';
import { branchExists, branchRefs, commitsSince, refTips } from '../../src/git/refs.js';
import { headSha, repoDirs } from '../../src/git/repo.js';
import { commitMessage, mergeNoFastForward, switchTo } from '../../src/git/write.js';

const A = '84bf740a28bd5d31f949c49cbf9321d64a70e21e';
const B = '071e4a6043957012b3cbf6597f2c8e1d63f283cc';
const ok = (stdout: string) => ({ status: 0, stdout, stderr: '' });
const failed = (stderr: string, status = 128) => ({ status, stdout: '', stderr });

describe('parsers on captured output', () => {
  it('firstGitMessage: the fatal or error line, without hints', () => {
    expect(firstGitMessage('hint: try this\nfatal: not a git repository (or any parent)\n')).toBe(
      'not a git repository (or any parent)',
    );
    expect(firstGitMessage('error: pathspec did not match\nhint: x\n')).toBe('pathspec did not match');
    expect(firstGitMessage('Your local changes would be overwritten\n')).toBe(
      'Your local changes would be overwritten',
    );
    expect(firstGitMessage('')).toBe('');
  });

  it('git status --porcelain=v1 -z: modified, added, untracked; a rename gives its new path', () => {
    expect(parsePorcelainStatus(' M a.txt\0A  c.txt\0?? u.txt\0')).toEqual([
      { path: 'a.txt', status: 'modified' },
      { path: 'c.txt', status: 'added' },
      { path: 'u.txt', status: 'untracked' },
    ]);
    expect(parsePorcelainStatus('R  new.txt\0old.txt\0UU both.txt\0 D gone.txt\0')).toEqual([
      { path: 'new.txt', status: 'renamed' },
      { path: 'both.txt', status: 'conflicted' },
      { path: 'gone.txt', status: 'deleted' },
    ]);
  });

  it('git diff --name-status -z: each path in words', () => {
    expect(parseNameStatus('A\0c.txt\0M\0a.txt\0D\0old\0T\0link\0X\0odd\0')).toEqual([
      { status: 'added', path: 'c.txt' },
      { status: 'modified', path: 'a.txt' },
      { status: 'deleted', path: 'old' },
      { status: 'type changed', path: 'link' },
      { status: 'changed', path: 'odd' },
    ]);
  });

  it('git worktree list --porcelain: branch → worktree (detached ones have none)', () => {
    const out = `worktree /tmp/cap/r\nHEAD ${A}\nbranch refs/heads/main\n\nworktree /tmp/cap/wt\nHEAD ${A}\nbranch refs/heads/side\n\nworktree /tmp/cap/d\nHEAD ${A}\ndetached\n\n`;
    expect(parseWorktreeList(out)).toEqual(
      new Map([
        ['main', '/tmp/cap/r'],
        ['side', '/tmp/cap/wt'],
      ]),
    );
  });

  it('git log -z --name-only --format=COMMIT_INFO_FORMAT: subject, author, time, files', () => {
    const out = `\x1e${A}\x1fadd b\x1fdev@example.com\x1f2026-01-05T10:00:00+00:00\0\nb.ts\0\x1e${B}\x1ffeat: first\x1fdev@example.com\x1f2026-01-05T10:00:00+00:00\0\na.txt\0`;
    const info = parseCommitInfo(out);
    expect(info.get(A)).toEqual({
      sha: A,
      subject: 'add b',
      author: 'dev@example.com',
      at: '2026-01-05T10:00:00.000Z',
      files: ['b.ts'],
    });
    expect(info.get(B)?.files).toEqual(['a.txt']);
  });

  it('git log -p -U0: the added lines that match, with file and line', () => {
    const out = `\x1e${A}\n\ndiff --git a/b.ts b/b.ts\nnew file mode 100644\nindex 0000000..d90260f\n--- /dev/null\n+++ b/b.ts\n@@ -0,0 +1,2 @@\n+x\n+// TODO: later\n`;
    expect(parseAddedLines(out, /TODO/, 10)).toEqual([{ sha: A, file: 'b.ts', line: 2, text: '// TODO: later' }]);
    expect(parseAddedLines(out, /x|TODO/, 1)).toHaveLength(1);
  });

  it('for-each-ref: positions, tips (annotated tags peeled), branch names with their tips', () => {
    expect(
      parseRefRecords(
        'refs/heads/main\0\0origin/main\0ahead 2, behind 1\nrefs/remotes/origin/HEAD\0refs/remotes/origin/main\0\0\n',
      ),
    ).toEqual(
      new Map([
        ['refs/heads/main', { symref: '', upstream: 'origin/main', track: 'ahead 2, behind 1' }],
        ['refs/remotes/origin/HEAD', { symref: 'refs/remotes/origin/main', upstream: '', track: '' }],
      ]),
    );
    expect(parseTrack('ahead 2, behind 1')).toEqual({ ahead: 2, behind: 1, gone: false });
    expect(parseTrack('gone')).toEqual({ ahead: 0, behind: 0, gone: true });
    expect(
      parseTips(`commit ${A}  \ncommit ${A}  \ntag 7f919afe756820fa51c8d5283d711b0e51d5e5d0 commit ${B}\n`),
    ).toEqual([B, A]);
    expect(
      parseBranchTips(`${A} refs/heads/main\n${B} refs/remotes/origin/main\n${B} refs/remotes/origin/HEAD\n`),
    ).toEqual(new Map([['main', [A, B]]]));
  });

  it('signatures, the nearest Session ids, the last change, counts, the repository directories', () => {
    expect(parseGoodSignatures(`${A} G\n${B} N\n`)).toEqual(new Set([A]));
    expect(parseFirstSessionIds('\0\n01936b2c-7f3e-7abc-9def-0123456789ab\x1dnot-an-id\0')).toEqual([
      '01936b2c-7f3e-7abc-9def-0123456789ab',
    ]);
    expect(parseFirstSessionIds('\0\n')).toEqual([]);
    expect(parseLastChange(`${A}\u00002026-01-05T11:00:00+01:00\n`)).toEqual({
      sha: A,
      at: '2026-01-05T10:00:00.000Z',
    });
    expect(parseLastChange('')).toBeNull();
    expect(parseLeftRight('3\t5\n')).toEqual({ left: 3, right: 5 });
    expect(parseRepoDirs('/r/.git\n/r/.git\n/r\n')).toEqual({ gitDir: '/r/.git', commonDir: '/r/.git', top: '/r' });
    expect(parseRepoDirs('/r/.git\n')).toBeNull();
  });
});

describe('queries as values', () => {
  it('command lines, as git gets them', () => {
    expect(headSha.argv).toEqual(['rev-parse', '--verify', '--quiet', 'HEAD']);
    expect(repoDirs.argv).toEqual([
      'rev-parse',
      '--path-format=absolute',
      '--git-dir',
      '--git-common-dir',
      '--show-toplevel',
    ]);
    expect(branchExists('feature/x').argv).toEqual(['show-ref', '--verify', '--quiet', 'refs/heads/feature/x']);
    expect(worktreeStatus.argv).toEqual(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
    expect(changesToCommit(true).argv).toEqual(['diff', 'HEAD', '--name-status', '-z', '--no-renames']);
    expect(hasUncommittedChanges('a b.txt').argv.at(-1)).toBe(':(literal)a b.txt');
    expect(countCommits(`${A}..HEAD`, ['src'], 1000).argv).toEqual([
      'rev-list',
      '--count',
      '--max-count=1000',
      `${A}..HEAD`,
      '--',
      'src',
    ]);
    expect(refTips.argv.slice(0, 1)).toEqual(['for-each-ref']);
    expect(branchRefs('x').argv).toContain('refs/remotes/*/x');
    expect(switchTo('x', true, A)).toMatchObject({ argv: ['switch', '--create', 'x', A], quietHooks: true });
    expect(mergeNoFastForward('feature/x', 'dev').argv).toEqual([
      'merge',
      '--no-ff',
      '--no-edit',
      '-m',
      "Merge branch 'feature/x' into dev",
      'refs/heads/feature/x',
    ]);
    expect(mergeNoFastForward('feature/x', 'main').argv[4]).toBe("Merge branch 'feature/x'");
    expect(commitMessage('m', { allowEmpty: true, all: false })).toMatchObject({
      argv: ['commit', '--quiet', '--cleanup=whitespace', '--file=-', '--allow-empty'],
      input: 'm',
      quietHooks: true,
    });
  });

  it('revisions and messages go through standard input, never the command line', () => {
    expect(commitsSince(A, B)).toMatchObject({
      argv: ['rev-list', '--ignore-missing', '--stdin'],
      input: `${A}\n^${B}^@\n`,
    });
    expect(commitInfo([A, 'not-a-sha', A]).input).toBe(`${A}\n`);
    expect(withTrailers('subject', ['Session: x']).input).toBe('subject\n');
    expect(withTrailers('subject', ['Session: x']).argv.slice(-2)).toEqual(['--trailer', 'Session: x']);
    expect(dateOf('yesterday', 1_700_000_000_000)).toMatchObject({ env: { GIT_TEST_DATE_NOW: '1700000000' } });
  });

  it('nothing to ask: no command line, and the answer without a process', () => {
    expect(commitInfo([]).argv).toEqual([]);
    expect(addedLines([], /TODO/).argv).toEqual([]);
    expect(goodSignatures([]).argv).toEqual([]);
  });

  it('what a failure means, per query', () => {
    expect(headSha.parse(failed(''))).toBeNull();
    expect(branchExists('x').parse(failed('', 1))).toBe(false);
    expect(hasUncommittedChanges('x').parse(failed('fatal: x'))).toBe(true);
    expect(lastChange('x').parse(failed('fatal: bad'))).toBeNull();
    expect(() => refTips.parse(failed('fatal: bad object'))).toThrow('bad object');
    expect(() => repoDirs.parse(failed('fatal: this operation must be run in a work tree'))).toThrow(
      'this is a bare repository',
    );
    expect(() => repoDirs.parse(failed('fatal: not a git repository'))).toThrow('not a git repository');
    expect(() => switchTo('x', false).parse(failed('error: Your local changes would be overwritten', 1))).toThrow(
      "git could not switch to 'x': Your local changes would be overwritten",
    );
    expect(() =>
      commitMessage('m', { allowEmpty: false, all: false }).parse({
        status: 1,
        stdout: 'nothing to commit',
        stderr: '',
      }),
    ).toThrow('nothing is staged to commit');
    expect(mergeNoFastForward('x', null).parse({ status: 1, stdout: 'CONFLICT (content)', stderr: '' })).toEqual({
      ok: false,
      message: 'CONFLICT (content)',
    });
    expect(refTips.parse(ok(`commit ${A}  \n`))).toEqual([A]);
  });
});
