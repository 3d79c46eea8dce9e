// The git hooks, end to end: real repositories, real `git commit` / merge / rebase / cherry-pick /
// checkout, the built CLI, and git's own trailer parser as the judge of every message.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBlocker,
  addDecision,
  addObjective,
  committedMark,
  escaped,
  events,
  fields,
  gitAsync,
  gsLines,
  hookToolsOnlyPath,
  keysOf,
  OUR_KEYS,
  paragraphs,
  parsed,
  recorded,
  type SessionRepo,
  script,
  sessionDir,
  sessionRepo,
  snapshot,
  startSession,
  subject,
  unescaped,
  values,
} from '../helpers/hooks.js';
import { cleanupAll, makeRepo, ROOT, type TestRepo, tempDir } from '../helpers/repo.js';

/** The session clock the commit claims with its items (docs/trailers.md, `Session-Info: clock`). */
const CLOCK_LINE = expect.stringMatching(/^Session-Info: clock [1-9][0-9]*$/);

afterAll(cleanupAll);

/** The message exactly as stored in the commit object. */
function raw(r: TestRepo, rev = 'HEAD'): string {
  const obj = r.git(['cat-file', 'commit', rev]).stdout;
  return obj.slice(obj.indexOf('\n\n') + 2);
}

/** The decision line of `id` in the commit's trailers (values only), if any. */
function decisionOf(r: TestRepo, id: string, rev = 'HEAD'): string[] {
  return values(r, 'Decisions', rev).filter((v) => v.startsWith(`${id} `));
}

/** Every value of `key` in the commits of `range`. */
function valuesIn(r: TestRepo, key: string, range: string): string[] {
  return r
    .git(['log', `--format=%(trailers:key=${key},valueonly,unfold)`, range])
    .stdout.split('\n')
    .filter((l) => l !== '');
}

/** An editor that puts `text` above what git gave it (the comments stay below). */
function prependEditor(text: string): string {
  const f = join(tempDir('gs-text-'), 'text');
  writeFileSync(f, text);
  return script(`cat '${f}' "$1" > "$1.gs" && mv "$1.gs" "$1"`);
}

/** An editor that runs a sed expression over the message. */
function sedEditor(expr: string): string {
  return script(`sed '${expr}' "$1" > "$1.gs" && mv "$1.gs" "$1"`);
}

/** An editor that deletes every line before the scissors that is not a comment (char `cc`). */
function emptyingEditor(cc = '#'): string {
  return script(`awk '/ >8 /{cut=1} cut || /^[${cc}]/' "$1" > "$1.gs" && mv "$1.gs" "$1"`);
}

/**
 * The commit at HEAD is a session commit done right: the subject as given, the session's id once,
 * the decision once, the trailers as git parses them forming the last paragraph (nothing after
 * it, not glued to the subject), no trailer twice, and post-commit recorded it.
 */
function expectSessionCommit(
  r: TestRepo,
  id: string,
  opts: { subject: string; decisions?: string[]; body?: string[] },
): void {
  const msg = r.message();
  expect(subject(r)).toBe(opts.subject);
  expect(values(r, 'Session')).toEqual([id]);
  for (const d of opts.decisions ?? []) expect(decisionOf(r, d)).toHaveLength(1);
  const trailers = parsed(r);
  const paras = paragraphs(msg);
  expect(paras.length).toBeGreaterThanOrEqual(2);
  expect(paras[0]).toEqual([opts.subject]);
  expect(paras.at(-1)).toEqual(trailers);
  expect(new Set(trailers).size).toBe(trailers.length);
  for (const b of opts.body ?? []) expect(paras.slice(1, -1).flat()).toContain(b);
  expect(recorded(r, id)).toContain(r.head());
}

describe('message sources on a session branch', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/msg'));
    r.commit('base', { 'base.txt': 'base\n' });
  });

  it('-m: trailers in their own paragraph after the body', () => {
    const d = addDecision(r, 'via -m', { rationale: 'simplest' });
    r.git(['commit', '-q', '--allow-empty', '-m', 'Subject m', '-m', 'Body m']);
    expectSessionCommit(r, id, { subject: 'Subject m', decisions: [d], body: ['Body m'] });
    expect(decisionOf(r, d)).toEqual([`${d} via -m; rationale: simplest`]);
  });

  it('-m from a subdirectory of the worktree', () => {
    const d = addDecision(r, 'from a subdirectory');
    r.write('sub/dir/file.txt', 'x\n');
    r.git(['add', 'sub']);
    r.git(['commit', '-q', '-m', 'From sub'], { cwd: join(r.dir, 'sub/dir') });
    expectSessionCommit(r, id, { subject: 'From sub', decisions: [d] });
  });

  it('-F file and -F - (stdin)', () => {
    const d = addDecision(r, 'via -F');
    const f = join(tempDir(), 'msg.txt');
    writeFileSync(f, 'Subject F\n\nBody F\n');
    r.git(['commit', '-q', '--allow-empty', '-F', f]);
    expectSessionCommit(r, id, { subject: 'Subject F', decisions: [d], body: ['Body F'] });
    const d2 = addDecision(r, 'via -F -');
    r.git(['commit', '-q', '--allow-empty', '-F', '-'], { input: 'Subject stdin\n\nBody stdin' });
    expectSessionCommit(r, id, { subject: 'Subject stdin', decisions: [d2], body: ['Body stdin'] });
  });

  it('commit.template edited in the editor', () => {
    const d = addDecision(r, 'via template');
    const tpl = join(tempDir(), 'template.txt');
    writeFileSync(tpl, 'Template subject\n\nTemplate body\n');
    const ed = sedEditor('s/^Template subject$/Edited subject/');
    r.git(['-c', `commit.template=${tpl}`, 'commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: ed } });
    expectSessionCommit(r, id, { subject: 'Edited subject', decisions: [d], body: ['Template body'] });
  });

  it('message written in the editor', () => {
    const d = addDecision(r, 'via editor');
    const ed = prependEditor('Editor subject\n\nEditor body\n');
    r.git(['commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: ed } });
    expectSessionCommit(r, id, { subject: 'Editor subject', decisions: [d], body: ['Editor body'] });
  });

  it('an editor that leaves only comments aborts the commit; nothing is recorded; items stay pending', () => {
    const d = addDecision(r, 'survives aborted commits');
    const head = r.head();
    const mark = committedMark(r, id);
    const count = recorded(r, id).length;
    // Plain editor flow: GIT_EDITOR=: leaves git's comment-only template.
    const plain = r.git(['commit', '--allow-empty'], { allowFail: true });
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toMatch(/empty commit message/);
    // -m … -e: prepare-commit-msg already added trailers; the user deletes the message.
    const edited = r.git(['commit', '--allow-empty', '-m', 'will be deleted', '-e'], {
      allowFail: true,
      env: { GIT_EDITOR: emptyingEditor() },
    });
    expect(edited.code).not.toBe(0);
    expect(edited.stderr).toMatch(/empty commit message/);
    expect(r.head()).toBe(head);
    expect(committedMark(r, id)).toBe(mark);
    expect(recorded(r, id)).toHaveLength(count);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the aborts']);
    expectSessionCommit(r, id, { subject: 'after the aborts', decisions: [d] });
  });

  it('--amend --no-edit keeps the message, adds new items, duplicates nothing; the rewrite is noted', () => {
    const d1 = addDecision(r, 'before the amend');
    r.commit('Amend me\n\nAmend body', { 'amend.txt': '1\n' });
    const old = r.head();
    const d2 = addDecision(r, 'added by the amend');
    r.write('amend.txt', '2\n');
    r.git(['add', 'amend.txt']);
    r.git(['commit', '-q', '--amend', '--no-edit']);
    expectSessionCommit(r, id, { subject: 'Amend me', decisions: [d1, d2], body: ['Amend body'] });
    expect(readFileSync(join(r.dir, '.git/sessions/rewrites'), 'utf8')).toContain(`${old} ${r.head()}\n`);
    // Amend again through the editor: prepare-commit-msg and commit-msg both run; still no duplicate.
    r.git(['commit', '-q', '--amend', '--allow-empty'], {
      env: { GIT_EDITOR: sedEditor('s/^Amend me$/Amended twice/') },
    });
    expectSessionCommit(r, id, { subject: 'Amended twice', decisions: [d1, d2], body: ['Amend body'] });
    expect(parsed(r).filter((t) => t.startsWith('Session:'))).toHaveLength(1);
    // the session's commit list follows the amends
    const shas = r.json(['status']).commits.map((c: { sha: string }) => c.sha);
    expect(shas).toContain(r.head());
    expect(shas).not.toContain(old);
  });

  it('--amend -m drops the items from history; the next commit carries them, once', () => {
    const d = addDecision(r, 'dropped by amend -m');
    const b = addBlocker(r, 'blocker dropped by amend -m');
    r.git(['commit', '-q', '--allow-empty', '-m', 'To be replaced']);
    expect(decisionOf(r, d)).toHaveLength(1);
    const base = r.git(['rev-parse', 'HEAD~1']).stdout.trim();
    r.git(['commit', '-q', '--allow-empty', '--amend', '-m', 'Replaced message']);
    expect(values(r, 'Session')).toEqual([id]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'After the replace']);
    const reachable = valuesIn(r, 'Decisions', `${base}..HEAD`);
    expect(reachable.filter((v) => v.startsWith(`${d} `))).toEqual([`${d} dropped by amend -m`]);
    expect(valuesIn(r, 'Session-Blockers', `${base}..HEAD`)).toEqual([`[ ] ${b} blocker dropped by amend -m`]);
    expectSessionCommit(r, id, { subject: 'After the replace' });
    r.git(['commit', '-q', '--allow-empty', '-m', 'Carried only once']);
    expect(decisionOf(r, d)).toEqual([]);
    expect(values(r, 'Session-Blockers')).toEqual([]);
  });

  it('reword in rebase -i keeps the commit’s own trailers and adds none of the current session', () => {
    const own = addDecision(r, 'belongs to the reword target');
    r.commit('Reword target', { 'reword.txt': '1\n' });
    r.commit('On top', { 'reword.txt': '2\n' });
    const before = parsed(r, 'HEAD~1');
    expect(before).toContain(`Decisions: ${own} belongs to the reword target`);
    const pending = addDecision(r, 'pending during the reword');
    r.git(['rebase', '-q', '-i', 'HEAD~2'], {
      env: {
        GIT_SEQUENCE_EDITOR: sedEditor('1s/^pick/reword/'),
        GIT_EDITOR: sedEditor('s/^Reword target$/Reworded target/'),
      },
    });
    expect(subject(r, 'HEAD~1')).toBe('Reworded target');
    expect(parsed(r, 'HEAD~1')).toEqual(before);
    expect(valuesIn(r, 'Decisions', 'HEAD~2..HEAD').filter((v) => v.startsWith(pending))).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'After the reword']);
    expectSessionCommit(r, id, { subject: 'After the reword', decisions: [pending] });
  });

  it('merge --no-ff: trailers are a separate paragraph, the subject is unchanged', () => {
    r.git(['branch', 'side', 'main']);
    r.git(['commit', '-q', '--allow-empty', '-m', 'side work'], { cwd: addWorktree(r, 'side') });
    const d = addDecision(r, 'decided before the merge');
    r.git(['merge', '-q', '--no-ff', '--no-edit', 'side']);
    const subj = "Merge branch 'side' into feature/msg";
    expect(r.git(['log', '-1', '--format=%s']).stdout).toBe(`${subj}\n`);
    expect(r.git(['rev-list', '--parents', '-1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    expect(paragraphs(r.message())[0]).toEqual([subj]);
    expect(values(r, 'Session')).toEqual([id]);
    expect(decisionOf(r, d)).toHaveLength(1);
    expect(paragraphs(r.message()).at(-1)).toEqual(parsed(r));
  });

  it('merge --no-ff: the merge commit is recorded in the session and the next commit does not repeat its items', () => {
    r.git(['commit', '-q', '--allow-empty', '-m', 'side work 2'], { cwd: addWorktree(r, 'side') });
    const d = addDecision(r, 'carried by the second merge');
    r.git(['merge', '-q', '--no-ff', '--no-edit', 'side']);
    const merge = r.head();
    expect(decisionOf(r, d)).toHaveLength(1);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the merge']);
    // git runs no post-commit for a merge: the hooks must still record it and move the mark.
    expect(decisionOf(r, d)).toEqual([]);
    expect(recorded(r, id)).toContain(merge);
    expect(r.json(['status']).commits.map((c: { sha: string }) => c.sha)).toContain(merge);
  });

  it('cherry-pick onto the session branch gains no trailers of the current session', () => {
    const wt = addWorktree(r, 'side');
    writeFileSync(join(wt, 'picked.txt'), 'picked\n');
    r.git(['add', 'picked.txt'], { cwd: wt });
    r.git(['commit', '-q', '-m', 'picked change'], { cwd: wt });
    const picked = r.git(['rev-parse', 'side']).stdout.trim();
    const d = addDecision(r, 'pending during the cherry-pick');
    r.git(['cherry-pick', picked]);
    expect(raw(r)).toBe('picked change\n');
    expect(parsed(r)).toEqual([]);
    // revert is new work: it does carry them
    r.git(['revert', '--no-edit', 'HEAD']);
    expectSessionCommit(r, id, {
      subject: 'Revert "picked change"',
      decisions: [d],
      body: [`This reverts commit ${r.git(['rev-parse', 'HEAD~1']).stdout.trim()}.`],
    });
  });

  it('a conflicted cherry-pick finished with git commit gains no trailers either', () => {
    const wt = addWorktree(r, 'side');
    writeFileSync(join(wt, 'conflict.txt'), 'theirs\n');
    r.git(['add', 'conflict.txt'], { cwd: wt });
    r.git(['commit', '-q', '-m', 'theirs'], { cwd: wt });
    r.commit('ours', { 'conflict.txt': 'ours\n' });
    const d = addDecision(r, 'pending during the conflicted pick');
    const pick = r.git(['cherry-pick', 'side'], { allowFail: true });
    expect(pick.code).not.toBe(0);
    r.write('conflict.txt', 'resolved\n');
    r.git(['add', 'conflict.txt']);
    r.git(['commit', '-q', '--no-edit']);
    expect(subject(r)).toBe('theirs');
    expect(keysOf(parsed(r)).filter((k) => OUR_KEYS.includes(k))).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the pick']);
    expectSessionCommit(r, id, { subject: 'after the pick', decisions: [d] });
  });

  it('a cherry-pick after an aborted commit does not swallow the pending items', () => {
    r.git(['commit', '-q', '--allow-empty', '-m', 'session commit to re-pick']);
    const again = r.head();
    r.git(['reset', '-q', '--hard', 'HEAD~1']);
    const d = addDecision(r, 'pending across an abort and a pick');
    const aborted = r.git(['commit', '--allow-empty', '-m', 'aborted', '-e'], {
      allowFail: true,
      env: { GIT_EDITOR: emptyingEditor() },
    });
    expect(aborted.code).not.toBe(0);
    r.git(['cherry-pick', '--allow-empty', again]);
    expect(decisionOf(r, d)).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'next real commit']);
    // The aborted commit never carried the decision; the next one must.
    expect(decisionOf(r, d)).toHaveLength(1);
  });
});

/** A linked worktree with `branch` checked out (made once per repo and branch). */
const worktrees = new Map<string, string>();
function addWorktree(r: TestRepo, branch: string): string {
  const key = `${r.dir}\0${branch}`;
  const known = worktrees.get(key);
  if (known) return known;
  const dir = join(tempDir('gs-wt-'), 'wt');
  r.git(['worktree', 'add', '-q', dir, branch]);
  worktrees.set(key, dir);
  return dir;
}

describe('merge --squash of a session branch', () => {
  it('the squash commit carries the squashed commits’ Session and item trailers (-m and editor)', () => {
    const { r, id } = sessionRepo('feature/sq', ['squash objective']);
    const d = addDecision(r, 'squashed decision', { rationale: 'r; with semicolon' });
    r.commit('sq one', { 'one.txt': '1\n' });
    const b = addBlocker(r, 'squashed blocker');
    r.commit('sq two', { 'two.txt': '2\n' });
    // Each squashed commit claimed the session's clock when it was made (a higher one the later).
    const claims = (rev: string) =>
      values(r, 'Session-Info', rev)
        .filter((v) => v.startsWith('clock '))
        .map((v) => Number(v.slice(6)));
    const squashed = [claims('HEAD~1'), claims('HEAD')];
    expect(squashed.map((c) => c.length)).toEqual([1, 1]);
    expect(squashed[1]![0]).toBeGreaterThan(squashed[0]![0]!);
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--squash', 'feature/sq']);
    r.git(['commit', '-q', '-m', 'Squash feature']);
    expect(subject(r)).toBe('Squash feature');
    expect(values(r, 'Session')).toEqual([id]);
    expect(decisionOf(r, d)).toEqual([`${d} squashed decision; rationale: r\\; with semicolon`]);
    expect(values(r, 'Session-Blockers')).toEqual([`[ ] ${b} squashed blocker`]);
    expect(values(r, 'Session-Objectives').some((v) => v.endsWith(' squash objective'))).toBe(true);
    // One claim for the squash commit: the highest of the squashed commits' (a claim is the commit's).
    expect(claims('HEAD')).toEqual([squashed[1]![0]]);
    expect(paragraphs(r.message()).at(-1)).toEqual(parsed(r));
    expect(recorded(r, id)).toContain(r.head());

    // Second round, message from SQUASH_MSG through the editor flow.
    r.git(['switch', '-q', 'feature/sq']);
    const d2 = addDecision(r, 'second squash decision');
    r.commit('sq three', { 'three.txt': '3\n' });
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--squash', 'feature/sq']);
    r.git(['commit', '-q']);
    expect(subject(r)).toBe('Squashed commit of the following:');
    expect(values(r, 'Session')).toEqual([id]);
    expect(decisionOf(r, d2)).toHaveLength(1);
    expect(paragraphs(r.message()).at(-1)).toEqual(parsed(r));

    // Claims written by hand: the highest valid one is taken, one beyond 2^49 is not.
    let tip = r.head();
    for (const [n, claim] of [
      [1, 5000],
      [2, 2 ** 49 + 1],
      [3, 4000],
    ] as const) {
      const message = `claim ${n}\n\nSession: ${id}\nDecisions: dec-k${n}zzzzzzzzzzz claim ${n}\nSession-Info: clock ${claim}\n`;
      tip = r.git(['commit-tree', `${tip}^{tree}`, '-p', tip], { input: message }).stdout.trim();
    }
    r.git(['branch', 'claims', tip]);
    r.git(['merge', '-q', '--squash', 'claims']);
    r.git(['commit', '-q', '--allow-empty', '-m', 'Squash claims']);
    expect(values(r, 'Decisions').filter((v) => v.includes(' claim '))).toHaveLength(3);
    expect(claims('HEAD')).toEqual([5000]);
  });
});

describe('rebase', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/rb', ['rebase objective']));
  });

  it('rebased commits keep exactly their trailers; the session stays current and active', () => {
    addDecision(r, 'rebased decision');
    r.commit('rb one', { 'rb1.txt': '1\n' });
    addBlocker(r, 'rebased blocker');
    r.commit('rb two', { 'rb2.txt': '2\n' });
    const before = [parsed(r, 'HEAD~1'), parsed(r, 'HEAD')];
    const old = [r.git(['rev-parse', 'HEAD~1']).stdout.trim(), r.head()];
    r.git(['commit', '-q', '--allow-empty', '-m', 'main moves'], { cwd: addWorktree(r, 'main') });
    const pending = addDecision(r, 'pending during the rebase');
    r.git(['rebase', '-q', 'main']);
    expect(r.git(['log', '--format=%s', 'main..HEAD']).stdout).toBe('rb two\nrb one\n');
    expect([parsed(r, 'HEAD~1'), parsed(r, 'HEAD')]).toEqual(before);
    const now = [r.git(['rev-parse', 'HEAD~1']).stdout.trim(), r.head()];
    const rewrites = readFileSync(join(r.dir, '.git/sessions/rewrites'), 'utf8');
    expect(rewrites).toContain(`${old[0]} ${now[0]}\n`);
    expect(rewrites).toContain(`${old[1]} ${now[1]}\n`);
    const st = r.json(['status']);
    expect(st.id).toBe(id);
    expect(st.status).toBe('active');
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the rebase']);
    expectSessionCommit(r, id, { subject: 'after the rebase', decisions: [pending] });
  });

  it('the session’s commit list follows the rebased commits (status --json shas all reachable)', () => {
    const st = r.json(['status']);
    const shas: string[] = st.commits.map((c: { sha: string }) => c.sha);
    expect(shas.length).toBeGreaterThanOrEqual(3);
    for (const sha of shas) {
      const reach = r.git(['merge-base', '--is-ancestor', sha, 'HEAD'], { allowFail: true });
      expect(reach.code, `${sha} is not reachable from HEAD`).toBe(0);
    }
    const subjects = st.commits.map((c: { subject: string }) => c.subject);
    for (const s of ['rb one', 'rb two', 'after the rebase']) expect(subjects).toContain(s);
  });

  it('rebase -i squash: the squashed-away commit’s items come back on the next commit', () => {
    const dA = addDecision(r, 'decision of the squashed-away commit');
    r.commit('sq a', { 'sqa.txt': 'a\n' });
    const bB = addBlocker(r, 'blocker of the surviving message');
    r.commit('sq b', { 'sqb.txt': 'b\n' });
    r.git(['rebase', '-q', '-i', 'HEAD~2'], { env: { GIT_SEQUENCE_EDITOR: sedEditor('2s/^pick/squash/') } });
    expect(r.git(['rev-list', '--count', 'HEAD~1..HEAD']).stdout.trim()).toBe('1');
    expect(subject(r)).toBe('sq a');
    // git reads only the last paragraph as trailers: the first commit's block is now body text.
    expect(values(r, 'Session-Blockers')).toEqual([`[ ] ${bB} blocker of the surviving message`]);
    expect(decisionOf(r, dA)).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the squash']);
    expect(decisionOf(r, dA)).toEqual([`${dA} decision of the squashed-away commit`]);
    expect(values(r, 'Session-Blockers')).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'and not again']);
    expect(decisionOf(r, dA)).toEqual([]);
  });
});

describe('fixup commits and rebase --autosquash', () => {
  it('items the discarded fixup message carried come back on the next commit', () => {
    const { r } = sessionRepo('feature/fixup');
    r.commit('target', { 'f.txt': '1\n' });
    r.commit('other', { 'g.txt': '1\n' });
    const d = addDecision(r, 'recorded in a fixup');
    r.write('f.txt', '2\n');
    r.git(['add', 'f.txt']);
    r.git(['commit', '-q', '--fixup=HEAD~1']);
    expect(subject(r)).toBe('fixup! target');
    expect(decisionOf(r, d)).toHaveLength(1);
    r.git(['rebase', '-q', '-i', '--autosquash', 'main'], { env: { GIT_SEQUENCE_EDITOR: ':' } });
    expect(r.git(['log', '--format=%s', 'main..HEAD']).stdout).toBe('other\ntarget\n');
    expect(valuesIn(r, 'Decisions', 'main..HEAD')).toEqual([]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the autosquash']);
    expect(decisionOf(r, d)).toEqual([`${d} recorded in a fixup`]);
  });
});

describe('trailers already in the message', () => {
  let s: SessionRepo;
  beforeAll(() => {
    s = sessionRepo('feature/signed');
    s.r.commit('base');
  });

  it('Signed-off-by / Co-authored-by at the end of -m stay, ours join the same block', () => {
    const { r, id } = s;
    const d = addDecision(r, 'alongside sign-offs');
    r.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'Signed subject',
      '-m',
      'Body text',
      '-m',
      'Signed-off-by: Ann <ann@example.com>\nCo-authored-by: Bob <bob@example.com>',
    ]);
    const t = parsed(r);
    expect(t.slice(0, 2)).toEqual(['Signed-off-by: Ann <ann@example.com>', 'Co-authored-by: Bob <bob@example.com>']);
    expect(t).toContain(`Session: ${id}`);
    expect(t).toContain(`Decisions: ${d} alongside sign-offs`);
    expect(paragraphs(r.message())).toEqual([['Signed subject'], ['Body text'], t]);
  });

  it('-s and --trailer add to the same block', () => {
    const { r, id } = s;
    const d = addDecision(r, 'with -s and --trailer');
    r.git(['commit', '-q', '--allow-empty', '-s', '--trailer', 'Reviewed-by: Cy <cy@example.com>', '-m', 'Sub']);
    const t = parsed(r);
    expect(t).toContain('Signed-off-by: Dev <dev@example.com>');
    expect(t).toContain('Reviewed-by: Cy <cy@example.com>');
    expect(t).toContain(`Session: ${id}`);
    expect(t).toContain(`Decisions: ${d} with -s and --trailer`);
    expect(paragraphs(r.message())).toEqual([['Sub'], t]);
  });

  it('trailer.* configuration does not move, replace or drop our trailers', () => {
    const { r, id } = s;
    const d1 = addDecision(r, 'config one');
    const d2 = addDecision(r, 'config two');
    r.git([
      '-c',
      'trailer.where=start',
      '-c',
      'trailer.ifexists=replace',
      '-c',
      'trailer.ifmissing=doNothing',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'Configured',
      '-m',
      'Acked-by: Al <al@example.com>',
    ]);
    expect(parsed(r)).toEqual([
      'Acked-by: Al <al@example.com>',
      `Session: ${id}`,
      `Decisions: ${d1} config one`,
      `Decisions: ${d2} config two`,
      CLOCK_LINE,
    ]);
  });
});

describe('comment characters and verbose commits', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/cc'));
    r.commit('base');
  });

  it('core.commentChar=; — lines starting with # are message text, trailers come after them', () => {
    const d = addDecision(r, 'semicolon comments');
    const ed = prependEditor('Semi subject\n\n# kept: not a comment here\n');
    r.git(['-c', 'core.commentChar=;', 'commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: ed } });
    expect(paragraphs(r.message())).toEqual([
      ['Semi subject'],
      ['# kept: not a comment here'],
      [`Session: ${id}`, `Decisions: ${d} semicolon comments`, CLOCK_LINE],
    ]);
  });

  it('core.commentChar=; with -m … -e: no duplicates, ; comments gone', () => {
    const d = addDecision(r, 'semicolon -m -e');
    r.git(['-c', 'core.commentChar=;', 'commit', '-q', '--allow-empty', '-m', 'Semi m', '-m', '# hash body', '-e'], {
      env: { GIT_EDITOR: ':' },
    });
    expect(paragraphs(r.message())).toEqual([
      ['Semi m'],
      ['# hash body'],
      [`Session: ${id}`, `Decisions: ${d} semicolon -m -e`, CLOCK_LINE],
    ]);
  });

  it('core.commentChar=auto — a template with # lines keeps them; trailers after them', () => {
    const d = addDecision(r, 'auto template');
    const tpl = join(tempDir(), 'tpl');
    writeFileSync(tpl, 'Auto subject\n\n# issue #7 stays\n');
    r.git(['-c', 'core.commentChar=auto', '-c', `commit.template=${tpl}`, 'commit', '-q', '--allow-empty'], {
      env: { GIT_EDITOR: sedEditor('s/^Auto subject$/Auto edited/') },
    });
    expect(paragraphs(r.message())).toEqual([
      ['Auto edited'],
      ['# issue #7 stays'],
      [`Session: ${id}`, `Decisions: ${d} auto template`, CLOCK_LINE],
    ]);
  });

  it('core.commentChar=auto — -m with a # paragraph, through the editor', () => {
    const d = addDecision(r, 'auto -m -e');
    r.git(['-c', 'core.commentChar=auto', 'commit', '-q', '--allow-empty', '-m', 'Auto m', '-m', '# hash', '-e'], {
      env: { GIT_EDITOR: sedEditor('s/^Auto m$/Auto m edited/') },
    });
    expect(paragraphs(r.message())).toEqual([
      ['Auto m edited'],
      ['# hash'],
      [`Session: ${id}`, `Decisions: ${d} auto -m -e`, CLOCK_LINE],
    ]);
  });

  it('-m whose last paragraph starts with # (an issue reference): placed as git places its own trailers', () => {
    const d = addDecision(r, 'issue reference');
    r.git(['commit', '-q', '--allow-empty', '-m', 'Fix the crash', '-m', '#42']);
    // git's own `--trailer` and `--signoff` put their trailers before a trailing comment-like
    // paragraph too, and git's parser skips that paragraph: the trailers are read either way.
    r.git(['commit', '-q', '--allow-empty', '-m', 'Fix the crash', '-m', '#42', '--trailer', 'Reviewed-by: X <x@y>'], {
      env: { GIT_SESSION: '0' },
    });
    const gitOwn = paragraphs(r.message());
    r.git(['reset', '-q', '--soft', 'HEAD~1']);
    expect(gitOwn.map((p) => (p[0]!.startsWith('Reviewed-by') ? 'TRAILERS' : p))).toEqual([
      ['Fix the crash'],
      'TRAILERS',
      ['#42'],
    ]);
    expect(paragraphs(r.message())).toEqual([
      ['Fix the crash'],
      [`Session: ${id}`, `Decisions: ${d} issue reference`, CLOCK_LINE],
      ['#42'],
    ]);
    expect(values(r, 'Decisions')).toEqual([`${d} issue reference`]);
  });

  it('commit.verbose=true — trailers land above the scissors, no diff in the message', () => {
    const d = addDecision(r, 'verbose editor');
    r.write('v.txt', 'one\n');
    r.git(['add', 'v.txt']);
    r.git(['-c', 'commit.verbose=true', 'commit', '-q'], {
      env: { GIT_EDITOR: prependEditor('Verbose subject\n\nVerbose body\n') },
    });
    const msg = r.message();
    expect(msg).not.toContain('diff --git');
    expect(paragraphs(msg)).toEqual([
      ['Verbose subject'],
      ['Verbose body'],
      [`Session: ${id}`, `Decisions: ${d} verbose editor`, CLOCK_LINE],
    ]);
    expect(recorded(r, id)).toContain(r.head());
  });

  it('commit.verbose=true — an emptied message still aborts (#, ; and auto comment chars)', () => {
    r.write('v.txt', 'two\n');
    r.git(['add', 'v.txt']);
    const head = r.head();
    const mark = committedMark(r, id);
    const pending = addDecision(r, 'pending through aborted verbose commits');
    const tries: { config: string[]; args: string[]; cc: string }[] = [
      { config: [], args: [], cc: '#' },
      { config: [], args: ['-m', 'deleted', '-e'], cc: '#' },
      { config: ['-c', 'core.commentChar=;'], args: [], cc: ';' },
      { config: ['-c', 'core.commentChar=;'], args: ['-m', 'deleted', '-e'], cc: ';' },
      { config: ['-c', 'core.commentChar=auto'], args: ['-m', 'deleted', '-m', '# hash', '-e'], cc: ';' },
    ];
    for (const { config, args, cc } of tries) {
      const out = r.git([...config, '-c', 'commit.verbose=true', 'commit', ...args], {
        allowFail: true,
        env: { GIT_EDITOR: emptyingEditor(cc) },
      });
      expect(out.code, `git ${config.join(' ')} commit ${args.join(' ')} should abort`).not.toBe(0);
      expect(out.stderr).toMatch(/empty commit message/);
      expect(r.head()).toBe(head);
    }
    expect(committedMark(r, id)).toBe(mark);
    r.git(['commit', '-q', '-m', 'After the aborts']);
    expect(decisionOf(r, pending)).toHaveLength(1);
  });

  it('commentChar=auto + verbose + -m … -e: one copy of each trailer, above the diff', () => {
    const d = addDecision(r, 'auto verbose');
    r.write('v.txt', 'three\n');
    r.git(['add', 'v.txt']);
    r.git(['-c', 'core.commentChar=auto', '-c', 'commit.verbose=true', 'commit', '-q', '-m', 'AV', '-m', '# h', '-e']);
    const msg = r.message();
    expect(msg).not.toContain('diff --git');
    expect(paragraphs(msg)).toEqual([['AV'], ['# h'], [`Session: ${id}`, `Decisions: ${d} auto verbose`, CLOCK_LINE]]);
  });
});

describe('hostile item text', () => {
  let r: TestRepo;
  let id: string;
  const nasty = '-lead; semi \\ back\nSigned-off-by: Evil <evil@example.com>\n---\n# hash\nKey: value\n ünï 😀 \ttab ';
  const rationale = ' two  spaces\nCo-authored-by: Mallory <m@example.com> ';
  const alternatives = '-dash; alt\r\n\u0007bell \u2028 sep \\n literal';
  const objective = 'first line\nsecond: line\n[x] obj-fake0 forged';
  const blocker = '# blocked\n---\nTrailer: injected\n\n\nthree blank';
  const progress = 'progress\n\nParagraph: two; and\tmore';
  let ids: { d: string; o: string; b: string };

  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/hostile'));
    r.commit('base');
    ids = {
      d: addDecision(r, nasty, { rationale, alternatives }),
      o: addObjective(r, objective),
      b: addBlocker(r, blocker),
    };
    r.ok(['log', `--progress=${progress}`]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'Hostile', '-m', 'Body.']);
  });

  it('git’s parser sees exactly our items: no extra key, nothing after the block', () => {
    const t = parsed(r);
    expect(t).toEqual([
      `Session: ${id}`,
      `Session-Objectives: [ ] ${ids.o} ${escaped(objective)}`,
      `Decisions: ${ids.d} ${escaped(nasty)}; rationale: ${escaped(rationale)}; alternatives: ${escaped(alternatives)}`,
      `Session-Blockers: [ ] ${ids.b} ${escaped(blocker)}`,
      // The entry's id, last: two identical entries stay two trailers.
      expect.stringMatching(
        new RegExp(
          `^${`Session-Log: progress ${escaped(progress)}`.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}; id: log-[0-9a-z]{13}$`,
        ),
      ),
      CLOCK_LINE,
    ]);
    const log = r.git(['log', '-1', '--format=%(trailers:only,unfold)']).stdout.split('\n').filter(Boolean);
    expect(keysOf(log)).toEqual([
      'Session',
      'Session-Objectives',
      'Decisions',
      'Session-Blockers',
      'Session-Log',
      'Session-Info',
    ]);
    expect(paragraphs(r.message())).toEqual([['Hostile'], ['Body.'], t]);
  });

  it('the decoded values round-trip to the exact texts', () => {
    const [dec] = values(r, 'Decisions');
    const f = fields(dec!);
    expect(unescaped(f.head.slice(ids.d.length + 1))).toBe(nasty);
    expect(unescaped(f.fields.rationale!)).toBe(rationale);
    expect(unescaped(f.fields.alternatives!)).toBe(alternatives);
    const [obj] = values(r, 'Session-Objectives');
    expect(unescaped(obj!.slice(`[ ] ${ids.o} `.length))).toBe(objective);
    const [blk] = values(r, 'Session-Blockers');
    expect(unescaped(fields(blk!).head.slice(`[ ] ${ids.b} `.length))).toBe(blocker);
    const [lg] = values(r, 'Session-Log');
    expect(unescaped(fields(lg!).head.slice('progress '.length))).toBe(progress);
    // what the CLI stored is what went in
    const st = r.json(['status']);
    expect(st.decisions.find((x: { id: string }) => x.id === ids.d).text).toBe(nasty);
  });

  it('a 5000-character text with trailer-like pieces stays one trailer', () => {
    const long = `${'Key: v; \\ #'.repeat(450)}${'é'.repeat(50)}`.slice(0, 5000);
    expect(long.length).toBe(5000);
    const d = addDecision(r, long, { rationale: long });
    r.git(['commit', '-q', '--allow-empty', '-m', 'Long']);
    const t = parsed(r);
    expect(t).toEqual([`Session: ${id}`, `Decisions: ${d} ${escaped(long)}; rationale: ${escaped(long)}`, CLOCK_LINE]);
    const f = fields(values(r, 'Decisions')[0]!);
    expect(unescaped(f.head.slice(d.length + 1))).toBe(long);
    expect(unescaped(f.fields.rationale!)).toBe(long);
  });
});

describe('branches: detached HEAD, names with slashes and unicode, no session', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/ünïcode', ['unicode objective']));
  });

  it('a branch named feature/ünïcode gets its session’s trailers', () => {
    const d = addDecision(r, 'on a unicode branch');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'Unicode branch commit']);
    expect(out.stderr).toBe('');
    expectSessionCommit(r, id, { subject: 'Unicode branch commit', decisions: [d] });
    expect(values(r, 'Session-Info')).toContain('branch feature/ünïcode');
  });

  it('detached HEAD: commits get no trailers and nothing is printed', () => {
    const d = addDecision(r, 'not for a detached commit');
    r.git(['switch', '-q', '--detach']);
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'Detached']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(raw(r)).toBe('Detached\n');
    expect(recorded(r, id)).not.toContain(r.head());
    r.git(['switch', '-q', 'feature/ünïcode']);
    r.git(['commit', '-q', '--allow-empty', '-m', 'Back on the branch']);
    expect(decisionOf(r, d)).toHaveLength(1);
  });

  it('a branch without a session: no trailers, no output at all (commit and checkout)', () => {
    r.git(['switch', '-q', 'main']);
    r.git(['branch', 'plain-two']);
    for (const args of [
      ['commit', '-q', '--allow-empty', '-m', 'Plain'],
      ['commit', '-q', '--allow-empty', '--amend', '-m', 'Plain amended'],
      ['switch', '-q', 'plain-two'],
      ['commit', '-q', '--allow-empty', '-m', 'Plain two'],
      ['switch', '-q', 'main'],
    ]) {
      const out = r.git(args);
      expect(out.stderr, `git ${args.join(' ')}`).toBe('');
      expect(out.stdout, `git ${args.join(' ')}`).toBe('');
    }
    expect(raw(r)).toBe('Plain amended\n');
    expect(raw(r, 'plain-two')).toBe('Plain two\n');
  });
});

describe('post-checkout', () => {
  it('switching between session branches pauses the left one, resumes the entered one, prints a brief', () => {
    const { r, id: a } = sessionRepo('feature/one', ['objective one']);
    r.git(['switch', '-q', 'main']);
    const b = startSession(r, 'feature/two', ['objective two']);
    expect(r.json(['show', a]).status).toBe('paused');
    const out = r.git(['switch', 'feature/one']);
    expect(out.stderr).toMatch(/paused 'two'/);
    expect(out.stderr).toMatch(/Resumed/);
    expect(out.stderr).toContain('objective one');
    expect(r.json(['show', a]).status).toBe('active');
    expect(r.json(['show', b]).status).toBe('paused');
    expect(readFileSync(join(r.dir, '.git/git-session-current'), 'utf8').trim()).toBe(a);
    // a file checkout (flag 0) does nothing
    const file = r.git(['checkout', '--', 'README.md']);
    expect(gsLines(file.stderr)).toEqual([]);
  });
});

describe('linked worktrees', () => {
  it('each worktree’s branch has its own active session; concurrent commits land in the right one', async () => {
    const { r, id: a } = sessionRepo('feature/wt-a', ['worktree a']);
    r.commit('a base');
    const wt = join(tempDir('gs-wt-'), 'b');
    r.git(['worktree', 'add', '-q', '-b', 'feature/wt-b', wt, 'main']);
    const b = r.json(['start', 'feature/wt-b', '-o', 'worktree b'], { cwd: wt }).id as string;
    r.git(['commit', '-q', '--allow-empty', '-m', 'b base'], { cwd: wt });
    expect(r.json(['status']).id).toBe(a);
    expect(r.json(['status'], { cwd: wt }).id).toBe(b);
    expect(r.json(['status']).status).toBe('active');
    expect(r.json(['status'], { cwd: wt }).status).toBe('active');

    for (let round = 0; round < 3; round++) {
      const da = addDecision(r, `a round ${round}`);
      const db = addDecision(r, `b round ${round}`, { cwd: wt });
      const [ra, rb] = await Promise.all([
        gitAsync(r, ['commit', '-q', '--allow-empty', '-m', `a ${round}`]),
        gitAsync(r, ['commit', '-q', '--allow-empty', '-m', `b ${round}`], { cwd: wt }),
      ]);
      expect([ra.code, rb.code, gsLines(ra.stderr + rb.stderr)]).toEqual([0, 0, []]);
      const shaA = r.head();
      const shaB = r.git(['rev-parse', 'HEAD'], { cwd: wt }).stdout.trim();
      expect(values(r, 'Session')).toEqual([a]);
      expect(values(r, 'Session', 'HEAD', wt)).toEqual([b]);
      expect(values(r, 'Decisions')).toEqual([`${da} a round ${round}`]);
      expect(values(r, 'Decisions', 'HEAD', wt)).toEqual([`${db} b round ${round}`]);
      expect(recorded(r, a)).toContain(shaA);
      expect(recorded(r, a)).not.toContain(shaB);
      expect(recorded(r, b)).toContain(shaB);
      expect(recorded(r, b)).not.toContain(shaA);
    }
    expect(r.json(['status']).commits).toHaveLength(4);
    expect(r.json(['status'], { cwd: wt }).commits).toHaveLength(4);
  });
});

describe('hook files in .git/hooks and core.hooksPath', () => {
  const paste = (hook: string) => `sh "$(git rev-parse --git-common-dir)/sessions/hooks/${hook}"`;

  it('uninstall after init leaves .git/hooks exactly as before', () => {
    const r = makeRepo();
    const before = snapshot(join(r.dir, '.git/hooks'));
    r.ok(['init']);
    expect(snapshot(join(r.dir, '.git/hooks'))).not.toEqual(before);
    expect(r.json(['hooks', 'status']).installed).toBe(true);
    r.ok(['hooks', 'uninstall']);
    expect(snapshot(join(r.dir, '.git/hooks'))).toEqual(before);
    const st = r.json(['hooks', 'status']);
    expect(st.hooks.map((h: { state: string }) => h.state)).toEqual(Array(7).fill('missing'));
  });

  it('an existing sh commit-msg hook: its lines still run, ours too; uninstall restores it byte for byte', () => {
    const r = makeRepo();
    const hook = join(r.dir, '.git/hooks/commit-msg');
    const text =
      '#!/bin/sh\n# the team hook\necho "user hook ran: $1" >> "$(git rev-parse --git-dir)/user-ran"\nexit 0\n';
    writeFileSync(hook, text);
    chmodSync(hook, 0o750);
    const before = snapshot(join(r.dir, '.git/hooks'));
    r.ok(['init']);
    const installed = readFileSync(hook, 'utf8');
    expect(installed.startsWith('#!/bin/sh\n# >>> git-session >>>\n')).toBe(true);
    expect(installed).toContain('# <<< git-session <<<');
    expect(installed.endsWith(text.slice('#!/bin/sh\n'.length))).toBe(true);
    expect(statSync(hook).mode & 0o777).toBe(0o750);
    const commitMsg = () => r.json(['hooks', 'status']).hooks.find((h: { hook: string }) => h.hook === 'commit-msg');
    expect(commitMsg().state).toBe('installed');
    const id = startSession(r, 'feature/team');
    const d = addDecision(r, 'with a team hook');
    // editor flow: only commit-msg adds trailers
    r.git(['commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: prependEditor('Team subject\n') } });
    expect(readFileSync(join(r.dir, '.git/user-ran'), 'utf8')).toMatch(/^user hook ran: /);
    expect(values(r, 'Session')).toEqual([id]);
    expect(decisionOf(r, d)).toHaveLength(1);
    const detail = commitMsg().detail;
    r.ok(['hooks', 'uninstall']);
    expect(readFileSync(hook, 'utf8')).toBe(text);
    expect(snapshot(join(r.dir, '.git/hooks'))).toEqual(before);
    // status tells the user's hook from a file of our own
    expect(detail).toBe('block in existing hook');
  });

  it('a Python hook and a symlinked hook are refused and left untouched; exit 1 with the line to paste', () => {
    const r = makeRepo();
    const py = join(r.dir, '.git/hooks/commit-msg');
    const pyText = '#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n';
    writeFileSync(py, pyText);
    chmodSync(py, 0o755);
    const target = join(tempDir(), 'shared-post-commit');
    writeFileSync(target, '#!/bin/sh\nexit 0\n');
    chmodSync(target, 0o755);
    symlinkSync(target, join(r.dir, '.git/hooks/post-commit'));
    const init = r.gs(['init']);
    expect(init.stderr).toContain(paste('commit-msg'));
    const out = r.gs(['hooks', 'install']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${paste('commit-msg')} "$@"`);
    expect(out.stderr).toContain(paste('post-commit'));
    expect(readFileSync(py, 'utf8')).toBe(pyText);
    expect(statSync(py).mode & 0o777).toBe(0o755);
    expect(readFileSync(target, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
    const st = r.json(['hooks', 'status']);
    const state = Object.fromEntries(st.hooks.map((h: { hook: string; state: string }) => [h.hook, h.state]));
    expect(state).toEqual({
      'prepare-commit-msg': 'installed',
      'commit-msg': 'missing',
      'post-commit': 'missing',
      'post-merge': 'installed',
      'post-checkout': 'installed',
      'post-rewrite': 'installed',
      'pre-push': 'installed',
    });
    expect(st.installed).toBe(false);
    r.ok(['hooks', 'uninstall']);
    expect(readFileSync(py, 'utf8')).toBe(pyText);
  });

  it('core.hooksPath set before init: hooks go there, commits get trailers, uninstall empties it again', () => {
    const r = makeRepo();
    r.git(['config', 'core.hooksPath', 'githooks']);
    mkdirSync(join(r.dir, 'githooks'));
    const gitHooks = snapshot(join(r.dir, '.git/hooks'));
    r.ok(['init']);
    const st = r.json(['hooks', 'status']);
    expect(st.hooksDir).toBe(join(r.dir, 'githooks'));
    expect(st.installed).toBe(true);
    expect(snapshot(join(r.dir, '.git/hooks'))).toEqual(gitHooks);
    expect(Object.keys(snapshot(join(r.dir, 'githooks'))).sort()).toEqual(
      [
        'commit-msg',
        'post-checkout',
        'post-commit',
        'post-merge',
        'post-rewrite',
        'pre-push',
        'prepare-commit-msg',
      ].sort(),
    );
    const id = startSession(r, 'feature/hp');
    const d = addDecision(r, 'through core.hooksPath');
    r.git(['commit', '-q', '--allow-empty', '-m', 'Hooks path']);
    expect(values(r, 'Session')).toEqual([id]);
    expect(decisionOf(r, d)).toHaveLength(1);
    r.ok(['hooks', 'uninstall']);
    expect(snapshot(join(r.dir, 'githooks'))).toEqual({});
  });

  describe('core.hooksPath pointed elsewhere after install', () => {
    let r: TestRepo;
    let other: string;
    beforeAll(() => {
      r = makeRepo();
      r.ok(['init']);
      startSession(r, 'feature/bypass');
      other = join(tempDir(), 'other-hooks');
      mkdirSync(other);
      r.git(['config', 'core.hooksPath', other]);
    });

    it('commits no longer get trailers; status says not installed, names core.hooksPath, gives a fix', () => {
      addDecision(r, 'bypassed');
      r.git(['commit', '-q', '--allow-empty', '-m', 'Bypassed']);
      expect(raw(r)).toBe('Bypassed\n');
      const st = r.json(['hooks', 'status']);
      expect(st.installed).toBe(false);
      expect(st.hooksDir).toBe(other);
      expect(st.hooks.every((h: { state: string }) => h.state !== 'installed')).toBe(true);
      expect(st.problems.length).toBeGreaterThan(0);
      expect(st.problems.some((p: { message: string }) => p.message.includes('core.hooksPath'))).toBe(true);
      expect(st.problems.some((p: { fix: string }) => p.fix.includes('git session hooks install'))).toBe(true);
    });

    it('status reports the installed hooks as "bypassed"', () => {
      const st = r.json(['hooks', 'status']);
      expect(st.hooks.map((h: { state: string }) => h.state)).toEqual(Array(7).fill('bypassed'));
    });
  });
});

describe('without node on PATH', () => {
  let r: TestRepo;
  let id: string;
  let bin: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/nonode'));
    bin = hookToolsOnlyPath();
    expect(existsSync(join(bin, 'node'))).toBe(false);
  });

  it('the sh hooks add trailers and post-commit records the commit', () => {
    const env = { PATH: bin };
    expect(r.git(['commit', '-q', '--allow-empty', '-m', 'probe'], { env: { PATH: bin } }).code).toBe(0);
    const d = addDecision(r, 'no node needed');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'No node'], { env });
    expect(gsLines(out.stderr)).toEqual([]);
    expectSessionCommit(r, id, { subject: 'No node', decisions: [d] });
    const rec = events(r, id).filter((e) => e.type === 'commit.recorded' && e.sha === r.head());
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ v: 1, session: id, author: 'dev@example.com' });
    expect(rec[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // post-rewrite (tr, awk) works too: amend -m drops the decision, it is carried
    const d2 = addDecision(r, 'carried without node');
    r.git(['commit', '-q', '--allow-empty', '-m', 'to drop'], { env });
    r.git(['commit', '-q', '--allow-empty', '--amend', '-m', 'dropped'], { env });
    expect(readFileSync(join(sessionDir(r, id), 'carry'), 'utf8')).toContain(`Decisions: ${d2} carried without node`);
    r.git(['commit', '-q', '--allow-empty', '-m', 'carrier'], { env });
    expect(decisionOf(r, d2)).toHaveLength(1);
  });

  it('post-checkout without node: the sh runtime pauses, resumes and prints the brief; only what needs the CLI warns, once', () => {
    r.git(['switch', '-q', 'main']);
    const other = startSession(r, 'feature/nonode-two');
    r.git(['switch', '-q', 'feature/nonode']);
    const nodeFile = join(r.dir, '.git/sessions/hooks/node');
    const saved = readFileSync(nodeFile, 'utf8');
    writeFileSync(nodeFile, '/nonexistent/node\n');
    const switchFile = join(sessionDir(r, other), 'switch');
    try {
      const out = r.git(['switch', '-q', 'feature/nonode-two'], { env: { PATH: bin } });
      expect(out.code).toBe(0);
      expect(out.stderr).toMatch(/^git-session: paused 'nonode'\nResumed nonode-two \(feature\/nonode-two\)/);
      expect(out.stderr).not.toMatch(/not on PATH/);
      expect(r.json(['show', id]).status).toBe('paused');
      expect(r.json(['show', other]).status).toBe('active');
      // A session whose precomputed state is missing (a store of an older version): the CLI must
      // make the switch, and without it the checkout goes on with one warning, the context unchanged.
      rmSync(switchFile);
      const back = r.git(['switch', '-q', 'feature/nonode'], { env: { PATH: bin } });
      expect(back.code).toBe(0);
      expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/nonode');
      expect(gsLines(back.stderr)).toHaveLength(1);
      expect(back.stderr).toMatch(/^git-session: .*not on PATH.*\n$/);
      expect(r.json(['show', other]).status).toBe('active');
      expect(r.json(['show', id]).status).toBe('paused');
    } finally {
      writeFileSync(nodeFile, saved);
    }
    // With the node path the store recorded (a GUI client's PATH), the CLI makes it without node on
    // PATH, and writes what the next switch reads.
    r.git(['switch', '-q', 'feature/nonode-two'], { env: { PATH: bin } });
    const again = r.git(['switch', '-q', 'feature/nonode'], { env: { PATH: bin } });
    expect(again.stderr).toMatch(/paused 'nonode-two'/);
    expect(again.stderr).toMatch(/Resumed nonode /);
    expect(existsSync(switchFile)).toBe(true);
    expect(r.json(['show', other]).status).toBe('paused');
    expect(r.json(['show', id]).status).toBe('active');
  });
});

describe('fault tolerance: a damaged store never fails a git command', () => {
  /** Commit, switch away and back: each exits 0 with at most one git-session line and nothing else. */
  function survives(r: TestRepo, branch: string): string[] {
    const shown: string[] = [];
    const head = r.head();
    const steps = [
      ['commit', '-q', '--allow-empty', '-m', 'on a damaged store'],
      ['switch', '-q', 'main'],
      ['switch', '-q', branch],
    ];
    for (const args of steps) {
      const out = r.git(args, { allowFail: true });
      expect(out.code, `git ${args.join(' ')}: ${out.stderr}`).toBe(0);
      // At most one warning line; the brief shown when a session resumes is output, not a warning.
      const lines = out.stderr.split('\n').filter((l) => l !== '' && !/^(Resumed | {2})/.test(l));
      expect(lines.length, `git ${args.join(' ')} printed:\n${out.stderr}`).toBeLessThanOrEqual(1);
      expect(
        gsLines(
          out.stderr
            .split('\n')
            .filter((l) => !/^(Resumed | {2})/.test(l))
            .join('\n'),
        ),
      ).toEqual(lines);
      shown.push(...lines);
    }
    expect(r.head()).not.toBe(head);
    expect(subject(r)).toBe('on a damaged store');
    return shown;
  }

  function damaged(damage: (r: TestRepo, dir: string, id: string) => void): { r: TestRepo; id: string } {
    const s = sessionRepo('feature/dmg');
    damage(s.r, sessionDir(s.r, s.id), s.id);
    return s;
  }

  it('trailers file deleted', () => {
    const { r } = damaged((_r, dir) => rmSync(join(dir, 'trailers')));
    survives(r, 'feature/dmg');
  });

  it('trailers file replaced by a directory', () => {
    const { r } = damaged((_r, dir) => {
      rmSync(join(dir, 'trailers'));
      mkdirSync(join(dir, 'trailers'));
    });
    survives(r, 'feature/dmg');
  });

  it('trailers file with a garbage header', () => {
    const { r, id } = damaged((_r, dir, sid) =>
      writeFileSync(join(dir, 'trailers'), `garbage\nalways Session: ${sid}\n1 Decisions: forged\n`),
    );
    survives(r, 'feature/dmg');
    expect(valuesIn(r, 'Decisions', 'main..feature/dmg')).not.toContain('forged');
    expect(id).toBeTruthy();
  });

  it('branches/<branch> is a directory', () => {
    const { r } = damaged((rr) => {
      const f = join(rr.dir, '.git/sessions/branches/feature/dmg');
      rmSync(f);
      mkdirSync(join(f, 'inner'), { recursive: true });
    });
    survives(r, 'feature/dmg');
    expect(parsed(r)).toEqual([]);
  });

  it('.git/sessions replaced by a file', () => {
    const { r } = damaged((rr) => {
      rmSync(join(rr.dir, '.git/sessions'), { recursive: true });
      writeFileSync(join(rr.dir, '.git/sessions'), 'not a directory\n');
    });
    survives(r, 'feature/dmg');
    expect(parsed(r)).toEqual([]);
  });

  it('events.jsonl is a directory (post-commit cannot record)', () => {
    const { r } = damaged((_r, dir) => {
      rmSync(join(dir, 'events.jsonl'));
      mkdirSync(join(dir, 'events.jsonl'));
    });
    survives(r, 'feature/dmg');
  });

  it('the hook runtime in the store is gone', () => {
    const { r } = damaged((rr) => rmSync(join(rr.dir, '.git/sessions/hooks'), { recursive: true }));
    const shown = survives(r, 'feature/dmg');
    expect(shown.join('\n')).toContain('git session hooks install');
  });

  it('warnings name a command that exists', () => {
    const { r } = damaged((_r, dir) => rmSync(join(dir, 'trailers')));
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'x']);
    const hint = /run: git session (\w+)/.exec(out.stderr);
    expect(hint).not.toBeNull();
    expect(r.gs([hint![1]!]).stderr).not.toMatch(/unknown command/);
  });
});

describe('GIT_SESSION=0 and GIT_SESSION_DEBUG=1', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/env'));
    r.commit('base');
  });

  it('GIT_SESSION=0: no trailers, nothing recorded, no context switch, items stay pending', () => {
    const d = addDecision(r, 'pending while disabled');
    const mark = committedMark(r, id);
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'Disabled'], { env: { GIT_SESSION: '0' } });
    expect(out.stderr).toBe('');
    expect(raw(r)).toBe('Disabled\n');
    expect(recorded(r, id)).not.toContain(r.head());
    expect(committedMark(r, id)).toBe(mark);
    const sw = r.git(['switch', '-q', 'main'], { env: { GIT_SESSION: '0' } });
    expect(sw.stderr).toBe('');
    expect(r.json(['show', id]).status).toBe('active');
    r.git(['switch', '-q', 'feature/env'], { env: { GIT_SESSION: '0' } });
    r.git(['commit', '-q', '--allow-empty', '-m', 'Enabled again']);
    expect(decisionOf(r, d)).toHaveLength(1);
  });

  it('GIT_SESSION_DEBUG=1: a shell trace on stderr, the commit is fine', () => {
    const d = addDecision(r, 'traced');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'Traced'], { env: { GIT_SESSION_DEBUG: '1' } });
    expect(out.stderr).toMatch(/^\+ /m);
    expect(out.stderr).toContain('gs_apply');
    expectSessionCommit(r, id, { subject: 'Traced', decisions: [d] });
  });
});

describe('upgrading git-session', () => {
  it('the next change brings an old hook runtime in the store up to date', () => {
    const { r } = sessionRepo('feature/upgrade');
    const store = join(r.dir, '.git/sessions/hooks');
    const lib = readFileSync(join(ROOT, 'hooks', 'lib.sh'), 'utf8');
    writeFileSync(join(store, 'lib.sh'), `${lib}\n# an older version\n`);
    writeFileSync(join(store, 'VERSION'), '0000000000000000\n');
    // A runtime from before the contract and the switch in sh had neither file.
    rmSync(join(store, 'contract.sh'));
    rmSync(join(store, 'switch.sh'));
    expect(
      r
        .json(['hooks', 'status'])
        .problems.map((p: any) => p.message)
        .join(),
    ).toContain('another git-session');
    r.ok(['log', '--progress', 'after the upgrade']);
    expect(readFileSync(join(store, 'lib.sh'), 'utf8')).toBe(lib);
    expect(existsSync(join(store, 'contract.sh'))).toBe(true);
    expect(existsSync(join(store, 'switch.sh'))).toBe(true);
    expect(r.json(['hooks', 'status']).problems).toEqual([]);
  });
});
