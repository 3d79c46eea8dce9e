// Issue 15, Why #8, #9, #11 and part of #13, and issue 9's ended sessions: nothing recorded here may
// miss the history without the user knowing. Items whose carrying commit left the branch are
// carried again; status says what no commit on the branch holds yet; a clone without the commit
// hooks says so; a --no-verify editor commit joins its session; a kill between the journal append
// and the trailer plan loses no decision; an ended session no longer captures commits, and `end`
// says what is not in the history and how to put it there. A clone is the judge of what reached
// the history.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDecision,
  events,
  gsLines,
  hookToolsOnlyPath,
  recorded,
  script,
  sessionDir,
  sessionRepo,
  startSession,
  values,
} from '../helpers/hooks.js';
import { baseEnv, cleanupAll, makeRepo, TestRepo as Repo, ROOT, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const KILL_AFTER_APPEND = join(ROOT, 'test', 'reliability', 'fixtures', 'kill-after-append.cjs');

/** Every Decisions value in the commits of `range`, as git's parser reads them. */
function decisionsIn(r: TestRepo, range: string): string[] {
  return r
    .git(['log', '--format=%(trailers:key=Decisions,valueonly,unfold)', range])
    .stdout.split('\n')
    .filter((l) => l !== '');
}

/** The decision texts a fresh clone of `r`'s branch rebuilds from the history alone. */
function cloneDecisions(r: TestRepo, branch: string, sessionId: string): string[] {
  const dir = join(tempDir('gs-clone-'), 'clone');
  r.git(['clone', '-q', '--branch', branch, r.dir, dir]);
  const clone = new Repo(dir, baseEnv(join(tempDir('gs-home-'), 'home')));
  clone.ok(['rebuild']);
  return (clone.json(['show', sessionId]).decisions as { text: string }[]).map((d) => d.text).sort();
}

function unpublished(r: TestRepo): string[] {
  return r.json(['status']).unpublished as string[];
}

describe('items whose carrying commit left the branch are carried again (Why #8)', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/rewrites'));
    r.commit('base', { 'base.txt': 'base\n' });
  });

  it('reset --hard HEAD~1: the dropped decision rides on the next commit, and a clone has it', () => {
    const d = addDecision(r, 'carried by a commit that is reset away');
    r.commit('to be reset', { 'reset.txt': '1\n' });
    expect(unpublished(r)).toEqual([]);
    r.git(['reset', '-q', '--hard', 'HEAD~1']);
    expect(unpublished(r)).toEqual([`Decisions: ${d} carried by a commit that is reset away`]);
    r.commit('after the reset', { 'after.txt': '1\n' });
    expect(values(r, 'Decisions')).toEqual([`${d} carried by a commit that is reset away`]);
    r.commit('and not again', { 'again.txt': '1\n' });
    expect(values(r, 'Decisions')).toEqual([]);
    expect(unpublished(r)).toEqual([]);
    expect(cloneDecisions(r, 'feature/rewrites', id)).toContain('carried by a commit that is reset away');
  });

  it('reset --soft HEAD~2 && commit: one commit carries what the two carried', () => {
    const d1 = addDecision(r, 'first of two squashed by a soft reset');
    r.commit('one', { 'one.txt': '1\n' });
    const d2 = addDecision(r, 'second of two squashed by a soft reset');
    r.commit('two', { 'two.txt': '2\n' });
    r.git(['reset', '-q', '--soft', 'HEAD~2']);
    r.git(['commit', '-q', '-m', 'both at once']);
    const carried = values(r, 'Decisions');
    expect(carried).toContain(`${d1} first of two squashed by a soft reset`);
    expect(carried).toContain(`${d2} second of two squashed by a soft reset`);
    expect(unpublished(r)).toEqual([]);
  });

  it('rebase -i dropping a commit in the middle: its items come back on the next commit', () => {
    const d1 = addDecision(r, 'kept by the first pick');
    r.commit('pick one', { 'p1.txt': '1\n' });
    const d2 = addDecision(r, 'carried by the dropped pick');
    r.commit('pick two', { 'p2.txt': '1\n' });
    const d3 = addDecision(r, 'kept by the last pick');
    r.commit('pick three', { 'p3.txt': '1\n' });
    r.git(['rebase', '-q', '-i', 'HEAD~3'], { env: { GIT_SEQUENCE_EDITOR: script('sed -i \'2s/^pick/drop/\' "$1"') } });
    expect(r.git(['log', '--format=%s', '-3']).stdout).toBe('pick three\npick one\nboth at once\n');
    expect(decisionsIn(r, 'HEAD~2..HEAD')).not.toContain(`${d2} carried by the dropped pick`);
    expect(unpublished(r)).toContain(`Decisions: ${d2} carried by the dropped pick`);
    r.commit('after the drop', { 'drop.txt': '1\n' });
    expect(values(r, 'Decisions')).toContain(`${d2} carried by the dropped pick`);
    // What the branch still held is not repeated before the hole; d3 (after it) may ride again.
    expect(values(r, 'Decisions')).not.toContain(`${d1} kept by the first pick`);
    expect(unpublished(r)).toEqual([]);
    expect(cloneDecisions(r, 'feature/rewrites', id)).toEqual(
      expect.arrayContaining(['kept by the first pick', 'carried by the dropped pick', 'kept by the last pick']),
    );
    expect(d3).toBeTruthy();
  });

  it('commit --amend -m: status shows the dropped item until the next commit carries it', () => {
    const d = addDecision(r, 'dropped by an amend -m');
    r.git(['commit', '-q', '--allow-empty', '-m', 'first message']);
    r.git(['commit', '-q', '--allow-empty', '--amend', '-m', 'replaced message']);
    expect(unpublished(r)).toEqual([`Decisions: ${d} dropped by an amend -m`]);
    const text = r.ok(['status']).stdout;
    expect(text).toContain('Not in any commit on feature/rewrites yet: 1 decision');
    r.git(['commit', '-q', '--allow-empty', '-m', 'carries it']);
    expect(values(r, 'Decisions')).toEqual([`${d} dropped by an amend -m`]);
    expect(unpublished(r)).toEqual([]);
  });

  it('--fixup then rebase --autosquash: status shows what the discarded message carried', () => {
    r.commit('fixup target', { 'fx.txt': '1\n' });
    const d = addDecision(r, 'recorded in a fixup commit');
    r.write('fx.txt', '2\n');
    r.git(['add', 'fx.txt']);
    r.git(['commit', '-q', '--fixup=HEAD']);
    r.git(['rebase', '-q', '-i', '--autosquash', 'HEAD~2'], { env: { GIT_SEQUENCE_EDITOR: ':' } });
    expect(unpublished(r)).toEqual([`Decisions: ${d} recorded in a fixup commit`]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the autosquash']);
    expect(unpublished(r)).toEqual([]);
    expect(cloneDecisions(r, 'feature/rewrites', id)).toContain('recorded in a fixup commit');
  });
});

describe('a clone whose hooks are missing says so (Why #9)', () => {
  it('once per command that records something, with the command that fixes it', () => {
    const { r, id } = sessionRepo('feature/clone-hooks');
    r.commit('carried', { 'c.txt': '1\n' });
    const dir = join(tempDir('gs-clone-'), 'clone');
    r.git(['clone', '-q', '--branch', 'feature/clone-hooks', r.dir, dir]);
    const clone = new Repo(dir, baseEnv(join(tempDir('gs-home-'), 'home')));
    clone.ok(['rebuild']);
    const rec = clone.gs(['decisions', 'add', 'recorded in a clone without hooks']);
    expect(rec.code).toBe(0);
    const warned = gsLines(rec.stderr).filter((l) => l.includes('hooks'));
    expect(warned).toEqual([
      'git-session: warning: the git hooks are not installed in this repository, so commits will not carry what is recorded here; run: git session hooks install',
    ]);
    // One line even when one command records several things.
    const many = clone.gs(['log', '--progress', 'one', '--next', 'two']);
    expect(gsLines(many.stderr).filter((l) => l.includes('hooks'))).toHaveLength(1);
    // Read commands stay quiet; once installed, nothing is said.
    expect(clone.gs(['status']).stderr).toBe('');
    clone.ok(['hooks', 'install']);
    expect(gsLines(clone.gs(['decisions', 'add', 'after install']).stderr)).toEqual([]);
    clone.commit('carries both', { 'd.txt': '1\n' });
    expect(values(clone, 'Decisions').map((v) => v.replace(/^dec-\w+ /, ''))).toEqual([
      'recorded in a clone without hooks',
      'after install',
    ]);
    expect(id).toBeTruthy();
  });
});

describe('a --no-verify commit through the editor (Why #13)', () => {
  it('joins the session’s commit list; the items it did not carry stay pending and are shown', () => {
    const { r, id } = sessionRepo('feature/no-verify');
    r.commit('base');
    const d = addDecision(r, 'not carried by a --no-verify editor commit');
    const editor = script(`printf 'written in the editor\\n' > "$1"`);
    r.git(['commit', '-q', '--allow-empty', '--no-verify'], { env: { GIT_EDITOR: editor } });
    expect(r.git(['log', '-1', '--format=%B']).stdout).toBe('written in the editor\n\n');
    expect(recorded(r, id)).toContain(r.head());
    expect(r.json(['status']).commits.map((c: { sha: string }) => c.sha)).toContain(r.head());
    expect(unpublished(r)).toEqual([`Decisions: ${d} not carried by a --no-verify editor commit`]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'next']);
    expect(values(r, 'Decisions')).toEqual([`${d} not carried by a --no-verify editor commit`]);
  });
});

describe('a kill between the journal append and the trailer plan (Why #11)', () => {
  it('the next commit carries the decision all the same', () => {
    const { r, id } = sessionRepo('feature/kill-window');
    r.commit('base');
    const killed = r.gs(['decisions', 'add', 'appended, then killed'], {
      env: { NODE_OPTIONS: `--require ${KILL_AFTER_APPEND}` },
    });
    expect(killed.code).not.toBe(0);
    // The journal has it; the plan the hooks read does not.
    expect(events(r, id).some((e) => e.text === 'appended, then killed')).toBe(true);
    const dir = sessionDir(r, id);
    expect(readFileSync(join(dir, 'trailers'), 'utf8')).not.toContain('appended, then killed');
    expect(existsSync(join(dir, 'stale'))).toBe(true);
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'after the kill']);
    expect(out.stderr).toBe('');
    expect(values(r, 'Decisions').map((v) => v.replace(/^dec-\w+ /, ''))).toEqual(['appended, then killed']);
    expect(existsSync(join(dir, 'stale'))).toBe(false);
    r.git(['commit', '-q', '--allow-empty', '-m', 'not again']);
    expect(values(r, 'Decisions')).toEqual([]);
  });

  it('doctor after the kill derives the plan again and leaves no marker', () => {
    const { r, id } = sessionRepo('feature/kill-doctor');
    r.gs(['decisions', 'add', 'killed, then doctor'], { env: { NODE_OPTIONS: `--require ${KILL_AFTER_APPEND}` } });
    const dir = sessionDir(r, id);
    expect(existsSync(join(dir, 'stale'))).toBe(true);
    r.ok(['doctor']);
    expect(existsSync(join(dir, 'stale'))).toBe(false);
    expect(readFileSync(join(dir, 'trailers'), 'utf8')).toContain('killed, then doctor');
  });

  it('without Node for the hook: one warning, the commit goes on, the decision stays pending', () => {
    const { r, id } = sessionRepo('feature/kill-no-node');
    r.commit('base');
    r.gs(['decisions', 'add', 'killed, no node'], { env: { NODE_OPTIONS: `--require ${KILL_AFTER_APPEND}` } });
    const hooks = join(r.dir, '.git/sessions/hooks');
    const node = readFileSync(join(hooks, 'node'), 'utf8');
    // Neither the noted Node nor git-session on PATH.
    writeFileSync(join(hooks, 'node'), '/nonexistent/node\n');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'no node'], { env: { PATH: hookToolsOnlyPath() } });
    expect(gsLines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toContain('git session doctor');
    writeFileSync(join(hooks, 'node'), node);
    expect(unpublished(r)).toEqual([expect.stringContaining('killed, no node')]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'node is back']);
    expect(values(r, 'Decisions').map((v) => v.replace(/^dec-\w+ /, ''))).toEqual(['killed, no node']);
    expect(id).toBeTruthy();
  });
});

describe('an ended session never captures later commits (issue 9, point 4)', () => {
  it('start main → end --abandon → a later commit on main carries nothing and does not count', () => {
    const r = makeRepo();
    r.ok(['init']);
    const id = startSession(r, 'main', ['an objective']);
    const d = addDecision(r, 'recorded before the end');
    const ended = r.gs(['end', '--abandon', '--reason', 'not needed']);
    expect(ended.code).toBe(0);
    // One line says what the history lacks and how to put it there.
    expect(ended.stderr).toContain(
      "Not in any commit on main yet: the end, the session's details, 1 objective and 1 decision; commits there no longer carry this session. Put it in the history with: git session end --commit",
    );
    r.commit('an unrelated commit', { 'u.txt': '1\n' });
    expect(r.git(['log', '-1', '--format=%B']).stdout.trim()).toBe('an unrelated commit');
    expect(recorded(r, id)).not.toContain(r.head());
    expect(r.json(['show', id]).commits).toEqual([]);
    // Nothing was lost: `end --commit` puts the end and the pending items in the history now.
    const pub = r.gs(['end', '--commit']);
    expect(pub.code).toBe(0);
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Decisions')).toEqual([`${d} recorded before the end`]);
    expect(values(r, 'Session-Info')).toContain('status abandoned; reason: not needed');
    const again = r.gs(['end', '--commit']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already abandoned and its history holds all of it');
    r.commit('later still', { 'v.txt': '1\n' });
    expect(r.git(['log', '-1', '--format=%B']).stdout.trim()).toBe('later still');
  });

  it('end --commit carries the end at once; reopen brings the capture back', () => {
    const { r, id } = sessionRepo('feature/end-commit');
    const d = addDecision(r, 'carried by end --commit');
    r.ok(['end', '--summary', 'done', '--commit']);
    expect(values(r, 'Decisions')).toEqual([`${d} carried by end --commit`]);
    expect(values(r, 'Session-Info')).toContain('status completed; summary: done');
    r.commit('after the end', { 'a.txt': '1\n' });
    expect(values(r, 'Session')).toEqual([]);
    r.ok(['reopen', id]);
    r.commit('after the reopen', { 'b.txt': '1\n' });
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Session-Info')).toContain('status reopened');
  });
});

describe('a server-side squash of a session branch (GitHub "Squash and merge")', () => {
  it('corrupts nothing; a clone recovers everything while the original commits are reachable, the last block after', () => {
    const { r, id } = sessionRepo('feature/pr');
    const subjects: string[] = [];
    for (const n of [1, 2, 3]) {
      addDecision(r, `decision of commit ${n}`);
      r.commit(`commit ${n}`, { [`pr${n}.txt`]: `${n}\n` });
      subjects.push(`commit ${n}`);
    }
    const bare = join(tempDir('gs-origin-'), 'origin.git');
    r.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    r.git(['push', '-q', bare, 'main', 'feature/pr']);
    // What the server writes: the PR title, then each commit's subject and message, concatenated;
    // only the last commit's trailer block is still a trailer block.
    const parts = r
      .git(['log', '--reverse', '--format=%x1e%s%n%n%b', 'main..feature/pr'])
      .stdout.split('\x1e')
      .filter((p) => p.trim() !== '')
      .map((p) => `* ${p.trim()}`);
    const message = `Add the PR (#12)\n\n${parts.join('\n\n')}\n`;
    const tree = r.git(['rev-parse', 'feature/pr^{tree}']).stdout.trim();
    const squash = r.git(['commit-tree', tree, '-p', 'main'], { input: message }).stdout.trim();
    r.git(['push', '-q', bare, `${squash}:refs/heads/main`]);

    const cloneOf = (): TestRepo => {
      const dir = join(tempDir('gs-clone-'), 'clone');
      r.git(['clone', '-q', bare, dir]);
      const c = new Repo(dir, baseEnv(join(tempDir('gs-home-'), 'home')));
      const rebuilt = c.gs(['rebuild']);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      return c;
    };
    const texts = (c: TestRepo) => (c.json(['show', id]).decisions as { text: string }[]).map((d) => d.text).sort();

    // The PR branch is still on the server: rebuild reads the original commits.
    expect(texts(cloneOf())).toEqual(['decision of commit 1', 'decision of commit 2', 'decision of commit 3']);
    // Deleted after the merge: only the squash commit's last trailer block is a trailer block…
    r.git(['push', '-q', bare, 'feature/pr:refs/pull/12/head']);
    r.git(['push', '-q', bare, '--delete', 'feature/pr']);
    const late = cloneOf();
    expect(texts(late)).toEqual(['decision of commit 3']);
    // Nothing written in the body is read as an item, a session or a status; the session reads whole.
    const shown = late.json(['show', id]);
    expect(shown.status).toBe('paused');
    expect(shown.commits.map((c: { sha: string }) => c.sha)).toEqual([squash]);
    expect(late.gs(['list', '--all']).code).toBe(0);
    // …unless the pull request's commits are fetched (GitHub keeps them as refs/pull/<n>/head).
    late.git(['fetch', '-q', 'origin', '+refs/pull/*/head:refs/remotes/origin/pr/*']);
    late.ok(['rebuild']);
    expect(texts(late)).toEqual(['decision of commit 1', 'decision of commit 2', 'decision of commit 3']);
  });
});
