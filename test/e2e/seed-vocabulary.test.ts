// Issue 9, point 5: what users of the seed tools type works here too — view with sections, close
// with a summary, resume --list, start --goal, --task A,B, items by their number, compare against
// the current session, end --merge-to — end to end against the built binary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, initRepo } from '../helpers/hooks.js';
import { cleanupAll, makeRepo, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

let r: TestRepo;
let id: string;

beforeAll(() => {
  r = makeRepo();
  r.ok(['init']);
  // seed 003: /session-init --goal="…" --tasks=<id1,id2>
  const s = r.json(['start', 'feature/seed', '--goal', 'Find the race', '--tasks=BUG-7,BUG-9', '--task', 'OPS-1']);
  id = s.id;
});

describe('starting', () => {
  it('start --goal is an objective; --task A,B links two tasks', () => {
    const s = r.json(['show', id]);
    expect(s.objectives.map((o: { text: string }) => o.text)).toEqual(['Find the race']);
    expect(s.tasks).toEqual(['BUG-7', 'BUG-9', 'OPS-1']);
  });

  it('start without a branch starts on the checked-out one', () => {
    const other = makeRepo();
    other.git(['switch', '-q', '-c', 'already-here']);
    expect(other.json(['start', '-o', 'here']).branch).toBe('already-here');
  });
});

describe('items by their number', () => {
  it('every list shows the numbers, and commands take them (1, obj-1)', () => {
    r.ok(['objectives', 'add', 'Fix it', 'Write the test']);
    const list = r.gs(['objectives', 'list']).stdout.split('\n');
    expect(list[1]).toMatch(/^ {2}1\. \[ \] obj-\S+ {2}Find the race$/);
    expect(list[3]).toMatch(/^ {2}3\. \[ \] obj-\S+ {2}Write the test$/);
    r.ok(['objectives', 'complete', '1']);
    // Ids are random: one of the first two may begin with `3` too (1 in 16), and `obj-3` is then
    // ambiguous — said so, and the number alone still works.
    const ids = r.json(['objectives', 'list']).map((o: { id: string }) => o.id as string);
    if (ids.slice(0, 2).some((i: string) => i.startsWith('obj-3'))) {
      const both = r.gs(['objectives', 'start', 'obj-3']);
      expect(both.code).toBe(1);
      // Both named by their short ids, as the list shows them.
      const named = /'obj-3' is objective number 3 \((obj-\w+)\) and also the start of (obj-\w+)/.exec(both.stderr);
      expect(named, both.stderr).not.toBeNull();
      expect(ids[2].startsWith(named![1]!) && named![1]!.length < ids[2].length).toBe(true);
      r.ok(['objectives', 'start', '3']);
    } else r.ok(['objectives', 'start', 'obj-3']);
    const states = r.json(['objectives', 'list']).map((o: { status: string }) => o.status);
    expect(states).toEqual(['done', 'open', 'in-progress']);
    const none = r.gs(['objectives', 'complete', '9']);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'git-session: no objective number 9: there are 3 objectives — list them: git session objectives list\n',
    );
    r.ok(['blockers', 'add', 'Flaky CI', 'No access to prod logs']);
    r.ok(['blockers', 'resolve', '2', '--note', 'access granted']);
    expect(r.gs(['blockers', 'list']).stdout).toMatch(
      /^2\. \[x\] blk-\S+ {2}No access to prod logs — access granted$/m,
    );
    r.ok(['decisions', 'add', 'Lock before the check']);
    expect(r.gs(['decisions', 'list']).stdout).toMatch(/^1\. dec-\S+ {2}\S+ \S+ {2}Lock before the check$/m);
    const status = r.gs(['status']).stdout;
    expect(status).toMatch(/^ {2}2\. \[ \] obj-\S+ {2}Fix it$/m);
    expect(status).toMatch(/^ {2}1\. \[!\] blk-\S+ {2}Flaky CI$/m);
  });

  it('log --done with an id journals the objective’s text, not the id', () => {
    const fix = r.json(['objectives', 'list'])[1];
    r.ok(['log', '--done', fix.id]);
    const done = events(r, id).findLast((e) => e.type === 'journal.added' && e.kind === 'done');
    expect(done?.text).toBe('Fix it');
    expect(r.json(['objectives', 'list'])[1].status).toBe('done');
  });
});

describe('view', () => {
  it('whole, or by section: --progress, --decisions, combined; view list', () => {
    r.ok(['log', '--progress', 'Reproduced it', '--discovery', 'The lock is taken late']);
    const progress = r.gs(['view', '--progress']).stdout;
    expect(progress).toMatch(/^seed {2}● active {2}feature\/seed\n\nObjectives {2}2\/3 done\n/);
    expect(progress).toContain('\nProgress\n');
    expect(progress).toContain('Reproduced it');
    expect(progress).not.toContain('The lock is taken late');
    expect(progress).not.toContain('Decisions');
    const both = r.json(['view', 'seed', '--decisions', '--discoveries']);
    expect(Object.keys(both).sort()).toEqual(['branch', 'decisions', 'id', 'log', 'name', 'status', 'title']);
    expect(both.log.map((e: { text: string }) => e.text)).toEqual(['The lock is taken late']);
    const whole = r.gs(['view']).stdout;
    expect(whole).toContain('Decisions');
    expect(whole).toContain('Journal');
    expect(r.gs(['view', 'list']).stdout).toMatch(/^seed +● active/m);
  });
});

describe('resume --list and compare against the current session', () => {
  it('resume --list lists what can be resumed; compare A compares A with the current session', () => {
    r.ok(['switch', 'fix/other', '-o', 'Other work']);
    const resumable = r.json(['resume', '--list']).map((s: { name: string; status: string }) => [s.name, s.status]);
    expect(resumable.sort()).toEqual([
      ['other', 'active'],
      ['seed', 'paused'],
    ]);
    const cmp = r.json(['compare', 'seed']);
    expect([cmp.a.metrics.name, cmp.b.metrics.name]).toEqual(['seed', 'other']);
    const self = r.gs(['compare', 'other']);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain("'other' is the current session");
    // The brief of a resume numbers what it lists, too.
    const resumed = r.gs(['resume', 'seed']).stdout;
    expect(resumed).toMatch(/objectives 2\/3: 3\. \[>\] obj-\S+ Write the test/);
    expect(resumed).toMatch(/blocker 1\. blk-\S+ Flaky CI/);
    r.ok(['resume', 'other']);
  });
});

describe('close and end', () => {
  it('close "summary", close --complete SUMMARY, close --abandon --reason, end --abandon REASON', () => {
    r.ok(['close', 'Shipped the fix']);
    expect(r.json(['status'])).toMatchObject({ status: 'completed', summary: 'Shipped the fix' });
    r.ok(['reopen', 'other']);
    r.ok(['close', '--complete', 'Done again']);
    expect(r.json(['status'])).toMatchObject({ status: 'completed', summary: 'Done again' });
    r.ok(['reopen', 'other']);
    r.ok(['close', '--abandon', '--reason', 'Requirements changed']);
    expect(r.json(['status'])).toMatchObject({ status: 'abandoned', endReason: 'Requirements changed' });
    r.ok(['reopen', 'other']);
    r.ok(['end', '--abandon', 'Not needed after all']);
    expect(r.json(['status'])).toMatchObject({ status: 'abandoned', endReason: 'Not needed after all' });
    r.ok(['reopen', 'other']);
    for (const [args, message] of [
      [['close', '--complete', '--abandon', '--reason', 'x'], '--complete and --abandon exclude each other'],
      [['end', 'a', '--summary', 'b'], 'the summary was given twice'],
      [['end', '--abandon', 'a', '--reason', 'b'], 'the reason was given twice'],
    ] as const) {
      const out = r.gs([...args]);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toContain(message);
    }
  });
});

describe('end --merge-to BRANCH', () => {
  function mergeRepo(conflict: boolean) {
    const m = initRepo();
    m.commit('shared', { 'f.txt': 'base\n' });
    const sid = m.json(['start', 'feature/m', '-o', 'Merge me']).id as string;
    m.commit('feature: f', { 'f.txt': 'feature\n' });
    if (conflict) {
      m.git(['switch', '-q', 'main']);
      m.commit('main: f', { 'f.txt': 'main\n' });
      m.git(['switch', '-q', 'feature/m']);
    }
    return { m, sid };
  }

  it('ends with a commit that carries the end, switches and merges --no-ff', () => {
    const { m, sid } = mergeRepo(false);
    const out = m.gs(['end', '--merge-to', 'main', 'Merged the feature', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(m.git(['branch', '--show-current']).stdout.trim()).toBe('main');
    const parents = m.git(['log', '-1', '--format=%P']).stdout.trim().split(' ');
    expect(parents).toHaveLength(2);
    expect(m.git(['log', '-1', '--format=%s']).stdout.trim()).toBe("Merge branch 'feature/m'");
    expect(m.trailers('feature/m')).toContain('Session-Info: status completed; summary: Merged the feature');
    expect(JSON.parse(out.stdout).merge).toEqual({ into: 'main', status: 'merged', conflicts: [], commit: m.head() });
    expect(m.json(['show', sid]).status).toBe('completed');
    expect(out.stderr).toContain("Merged 'feature/m' into 'main'");
  });

  it('refuses on a dirty tree, before changing anything', () => {
    const { m, sid } = mergeRepo(false);
    m.write('f.txt', 'not committed\n');
    const head = m.head();
    const out = m.gs(['end', '--merge-to', 'main']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      'git-session: 1 tracked file has uncommitted changes (f.txt); nothing was changed — commit or stash them (git stash), then run it again\n',
    );
    expect([m.head(), m.git(['branch', '--show-current']).stdout.trim()]).toEqual([head, 'feature/m']);
    expect(m.json(['show', sid]).status).toBe('active');
    const missing = m.gs(['end', '--merge-to', 'nowhere']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining("branch 'nowhere' does not exist")]);
  });

  it('a conflict leaves git’s usual state and says so', () => {
    const { m, sid } = mergeRepo(true);
    const out = m.gs(['end', '--merge-to', 'main']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      "git-session: merging 'feature/m' into 'main' stopped on conflicts in f.txt — resolve them, git add and git commit (or git merge --abort); the session is ended either way",
    );
    expect(m.git(['rev-parse', '-q', '--verify', 'MERGE_HEAD']).code).toBe(0);
    expect(m.git(['status', '--porcelain']).stdout).toContain('UU f.txt');
    expect(m.gs(['status']).stdout).toMatch(/^Merge in progress on 'main'/);
    expect(m.json(['show', sid]).status).toBe('completed');
    m.git(['merge', '--abort']);
  });
});
