// Team sync (issue 10, docs/sync.md): sessions travel between clones of a real bare remote through
// session refs, using only `git push`, `git fetch`/`git pull` and `git session sync`. Each describe
// is one team's story, its tests steps in order (they share the clones).

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cleanupAll, type Run, TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

function person(email: string): NodeJS.ProcessEnv {
  const home = join(tempDir(), 'home');
  mkdirSync(home);
  return baseEnv(home, {
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_EMAIL: email,
  });
}

/** A bare remote with one commit on main and the team's .session/ (as a project that uses git-session). */
function remote(): { url: string; a: TestRepo } {
  const url = join(tempDir(), 'origin.git');
  const a = new TestRepo(join(tempDir(), 'a'), person('alice@example.com'));
  mkdirSync(a.dir);
  a.git(['init', '-q', '--bare', '--initial-branch=main', url]);
  a.git(['init', '-q', '-b', 'main']);
  a.git(['config', 'user.email', 'alice@example.com']);
  a.git(['config', 'user.name', 'Alice']);
  a.git(['remote', 'add', 'origin', url]);
  a.commit('init', { 'README.md': '# team\n' });
  a.ok(['init']);
  a.git(['add', '.session']);
  a.commit('chore: session context');
  a.git(['push', '-q', '-u', 'origin', 'main']);
  return { url, a };
}

/** A teammate's fresh clone, with `git session init` run in it. */
function clone(url: string, email: string): { r: TestRepo; init: Run } {
  const r = new TestRepo(join(tempDir(), 'clone'), person(email));
  mkdirSync(r.dir);
  // --no-local: objects come over the wire, as from a real host (a local clone copies every object).
  r.git(['clone', '-q', '--no-local', url, '.']);
  r.git(['config', 'user.email', email]);
  const init = r.ok(['init']);
  return { r, init };
}

const sessionRefs = (r: TestRepo, url: string, pattern = 'refs/sessions/*') =>
  r.git(['ls-remote', url, pattern]).stdout.trim();

/** What every clone must agree on (status: active/paused is each clone's own). */
function shared(s: any) {
  return {
    title: s.title,
    status: s.status === 'active' ? 'paused' : s.status,
    objectives: s.objectives.map((o: any) => [o.id, o.text, o.status]),
    decisions: s.decisions.map((d: any) => [d.id, d.text, d.rationale]),
    log: s.log.map((e: any) => [e.kind, e.text]).sort(),
    next: [...s.next].sort(),
  };
}

describe('two clones of one remote: a plain push carries the session, the teammate resumes it', () => {
  let url: string;
  let a: TestRepo;
  let b: TestRepo;
  let id: string;

  beforeAll(() => {
    ({ url, a } = remote());
    id = a.json(['start', 'feature/auth', '-o', 'Login form', '-o', 'Remember me']).id;
    a.commit('feat: form', { 'login.js': 'export const login = 1;\n' });
    // Recorded after the last commit: no commit carries these yet.
    a.ok(['decisions', 'add', 'Keep sessions in signed cookies', '--rationale', 'no server-side state']);
    a.ok(['log', '--next', 'Write the remember-me test']);
    a.ok(['next', 'Start from the cookie parser test']);
    // A check whose output is not for the remote (a CI log printing a token).
    a.ok(['criteria', 'add', 'the build passes', '--check', 'echo build log TOKEN=local-only-$((4700 + 11))']);
    a.ok(['verify']);
    a.ok(['pause', '--note', 'stopped in the cookie parser']);
  });

  it('a plain git push of the branch carries its session ref', () => {
    const pushed = a.git(['push', '-u', 'origin', 'feature/auth']);
    expect(pushed.stderr).not.toMatch(/git-session/);
    expect(sessionRefs(a, url)).toContain(`refs/sessions/${id}`);
    // The pushed ref holds this clone's journal as one file named after its machine id.
    const machine = readFileSync(join(a.dir, '.git/sessions/machine'), 'utf8').trim();
    const files = a.git(['ls-tree', '--name-only', `refs/sessions/${id}`]).stdout.trim();
    expect(files).toBe(`${machine}.jsonl`);
    // The output tail of a check stays on this clone: the journal has it, the ref does not.
    const carried = a.git(['cat-file', 'blob', `refs/sessions/${id}:${machine}.jsonl`]).stdout;
    expect(carried).toContain('"type":"criterion.verified"');
    expect(carried).not.toContain('local-only-4711');
    expect(a.json(['status']).criteria[0].output).toContain('local-only-4711');
    // Nothing more to push: the hook decides so with builtins (no Node: a second push is quick).
    expect(readFileSync(join(a.dir, '.git/sessions/sync/pushed/origin'), 'utf8')).toBe(
      readFileSync(join(a.dir, '.git/sessions/sync/version'), 'utf8'),
    );
  });

  it('a fresh clone gets everything with init: uncommitted decisions with rationale, next steps, the pause note', () => {
    const c = clone(url, 'bob@example.com');
    b = c.r;
    expect(c.init.stdout).toContain('Fetched the sessions of origin: 1.');
    expect(b.git(['config', '--get-all', 'remote.origin.fetch']).stdout).toContain(
      '+refs/sessions/*:refs/session-remotes/origin/*',
    );
    const s = b.json(['show', 'auth']);
    expect(s.decisions.map((d: any) => [d.text, d.rationale])).toEqual([
      ['Keep sessions in signed cookies', 'no server-side state'],
    ]);
    expect(s.next).toEqual(['Write the remember-me test']);
    expect(s.handoffNotes.map((h: any) => h.text)).toEqual(['Start from the cookie parser test']);
    expect(s.pauseNote).toBe('stopped in the cookie parser');
    expect(s.criteria[0]).toMatchObject({ text: 'the build passes', status: 'passed', exitCode: 0, output: null });
    expect(s.commits).toHaveLength(1);
    expect(s.presence).toEqual([
      expect.objectContaining({ author: 'alice@example.com', status: 'paused', here: false }),
    ]);
    expect(b.gs(['brief', '--session', 'auth']).stdout).toContain('Keep sessions in signed cookies');
  });

  it('the teammate resumes from the remote-only branch: made here tracking it, as git switch does', () => {
    expect(b.git(['branch', '--list', 'feature/auth']).stdout).toBe('');
    const r = b.ok(['resume', 'auth']);
    expect(r.stdout).toContain('Resumed auth');
    expect(b.git(['rev-parse', '--abbrev-ref', 'HEAD']).stdout.trim()).toBe('feature/auth');
    expect(b.git(['rev-parse', '--abbrev-ref', '@{upstream}']).stdout.trim()).toBe('origin/feature/auth');
    expect(b.json(['status']).status).toBe('active');
  });

  it('both edit offline and converge to the same union, each item once', () => {
    a.ok(['resume', 'auth']);
    a.ok(['objectives', 'complete', '1']);
    a.ok(['decisions', 'add', 'Rotate the cookie key monthly']);
    b.ok(['decisions', 'add', 'Remember me for 30 days', '--rationale', 'product asked']);
    b.ok(['log', '--progress', 'cookie parser handles the expiry']);
    b.commit('test: remember me', { 'remember.test.js': 'test();\n' });
    // Bob pushes first; Alice's push then finds a newer ref, fetches, merges, and pushes again.
    b.git(['push']);
    // Alice's branch is behind: she pulls (which fetches the session ref too), then pushes.
    a.git(['pull', '-q', '--ff-only']);
    const pushed = a.git(['push']);
    expect(pushed.stderr).not.toMatch(/not pushed|refused/);
    // Bob gets Alice's with a plain fetch; his next command merges it.
    b.git(['fetch', '-q']);
    const onA = a.json(['show', 'auth']);
    const onB = b.json(['show', 'auth']);
    expect(shared(onB)).toEqual(shared(onA));
    expect(onA.decisions.map((d: any) => d.text).sort()).toEqual([
      'Keep sessions in signed cookies',
      'Remember me for 30 days',
      'Rotate the cookie key monthly',
    ]);
    expect(onA.objectives[0].status).toBe('done');
    expect(onA.log.map((e: any) => e.text)).toContain('cookie parser handles the expiry');
    // Both commits, once each, on both clones.
    expect(onB.commits.map((c: any) => c.sha).sort()).toEqual(onA.commits.map((c: any) => c.sha).sort());
    expect(onA.commits).toHaveLength(2);
  });

  it('presence: each clone sees where the other works; list and resume say so in one line', () => {
    // Alice resumed above and is active; Bob too. Each sees the other.
    const onB = b.json(['show', 'auth']);
    expect(onB.presence.find((p: any) => p.here)).toMatchObject({ author: 'bob@example.com', status: 'active' });
    expect(onB.presence.find((p: any) => !p.here)).toMatchObject({ author: 'alice@example.com', status: 'active' });
    expect(b.gs(['list']).stdout).toMatch(/active on another clone \(alice@example\.com/);
    b.git(['switch', '-q', 'main']);
    const resumed = b.ok(['resume', 'auth']);
    expect(resumed.stderr).toMatch(/^'auth' is active on another clone too \(alice@example\.com/m);
    expect(b.git(['rev-parse', '--abbrev-ref', 'HEAD']).stdout.trim()).toBe('feature/auth');
  });
});

describe('three clones: concurrent changes, git session sync says what moved', () => {
  let url: string;
  let a: TestRepo;
  let b: TestRepo;
  let c: TestRepo;

  beforeAll(() => {
    ({ url, a } = remote());
    a.ok(['start', 'feature/pay', '-o', 'Card form', '--title', 'Payments']);
    a.git(['push', '-q', '-u', 'origin', 'feature/pay']);
    b = clone(url, 'bob@example.com').r;
    c = clone(url, 'carol@example.com').r;
  });

  it('sync fetches, merges, pushes and says what moved; every clone ends with the same session', () => {
    a.ok(['objectives', 'add', 'Refunds']);
    b.ok(['decisions', 'add', 'Use the provider SDK', '--session', 'pay']);
    c.ok(['edit', '--title', 'Payments v2', '--session', 'pay']);
    c.ok(['blockers', 'add', 'Waiting for API keys', '--session', 'pay']);
    const sa = a.gs(['sync']);
    expect(sa.code).toBe(0);
    expect(sa.stdout).toMatch(/^origin: sent 1 session \(pay\)$/m);
    const sb = b.gs(['sync', 'origin']);
    expect(sb.stdout).toMatch(/^origin: received 1 session \(pay\); sent 1 session \(pay\)$/m);
    const sc = c.gs(['sync']);
    expect(sc.stdout).toMatch(/received 1 session \(pay\); sent 1 session \(pay\)/);
    a.ok(['sync']);
    b.ok(['sync']);
    const [onA, onB, onC] = [a, b, c].map((r) => shared(r.json(['show', 'pay']))) as any[];
    expect(onB).toEqual(onA);
    expect(onC).toEqual(onA);
    expect(onA.title).toBe('Payments v2');
    expect(onA.objectives.map((o: any[]) => o[1])).toEqual(['Card form', 'Refunds']);
    expect(onA.decisions.map((d: any[]) => d[1])).toEqual(['Use the provider SDK']);
    expect(a.json(['show', 'pay']).blockers.map((x: any) => x.text)).toEqual(['Waiting for API keys']);
    // Nothing left to move.
    expect(a.gs(['sync']).stdout.trim()).toBe('origin: up to date');
  });

  it('complete on one clone and reopen on another: the later change wins on every clone', () => {
    a.ok(['end', 'done for now', '--session', 'pay']);
    a.ok(['sync']);
    b.ok(['sync']);
    // Bob saw the end; his reopen comes after it.
    expect(b.json(['show', 'pay']).status).toBe('completed');
    b.ok(['reopen', 'pay']);
    b.ok(['sync']);
    a.ok(['sync']);
    c.ok(['sync']);
    for (const r of [a, b, c]) expect(r.json(['show', 'pay']).status).toBe('paused');
  });

  it('a session started on one clone is new on the others, with its branch made on resume', () => {
    c.ok(['start', 'fix/typo', '-o', 'Fix the typo']);
    c.git(['push', '-q', '-u', 'origin', 'fix/typo']);
    // A plain fetch brings the branch and the session ref; the next command (sync here) merges it.
    a.git(['fetch', '-q']);
    const sa = a.gs(['sync']);
    expect(sa.stdout).toMatch(/^New here: typo$/m);
    expect(a.json(['list']).map((s: any) => s.name)).toContain('typo');
    a.ok(['resume', 'typo']);
    expect(a.git(['rev-parse', '--abbrev-ref', 'HEAD']).stdout.trim()).toBe('fix/typo');
    // `switch <branch>` finds the session by its branch (linked when it arrived), and tracks the remote's.
    b.git(['fetch', '-q']);
    const switched = b.ok(['switch', 'fix/typo']);
    expect(switched.stdout).toContain('Resumed typo');
    expect(b.git(['rev-parse', '--abbrev-ref', '@{upstream}']).stdout.trim()).toBe('origin/fix/typo');
    expect(b.json(['list']).filter((s: any) => s.name.startsWith('typo'))).toHaveLength(1);
  });

  it("a fresh clone's init leaves an arrived session's derived files to its first use: a plain git switch, a commit", () => {
    const d = clone(url, 'dave@example.com').r;
    const id = d.json(['show', 'pay']).id;
    const dir = join(d.dir, '.git', 'sessions', id);
    // Not written at init: the `stale` marker has the hooks leave the first switch and commit to the CLI.
    expect(existsSync(join(dir, 'stale'))).toBe(true);
    expect(existsSync(join(dir, 'trailers'))).toBe(false);
    expect(existsSync(join(dir, 'switch'))).toBe(false);
    expect(readFileSync(join(d.dir, '.git', 'sessions', 'branches', 'feature', 'pay'), 'utf8')).toBe(`${id}\n`);
    d.git(['switch', '-q', 'feature/pay']);
    expect(d.json(['status']).status).toBe('active');
    expect(existsSync(join(dir, 'stale'))).toBe(false);
    expect(existsSync(join(dir, 'switch'))).toBe(true);
    d.commit('feat: card form', { 'card.js': 'export {};\n' });
    const carried = d.git(['log', '-1', '--format=%(trailers:key=Session,valueonly)']).stdout.trim();
    expect(carried).toBe(id);
  });
});

describe('a remote whose pre-receive hook refuses refs/sessions/*', () => {
  let url: string;
  let a: TestRepo;
  let id: string;

  beforeAll(() => {
    ({ url, a } = remote());
    const hook = join(url, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case $ref in refs/sessions/*) echo "custom refs are not allowed" >&2; exit 1;; esac; done\n',
    );
    chmodSync(hook, 0o755);
    id = a.json(['start', 'feature/hosted', '-o', 'Hosted']).id;
    a.ok(['decisions', 'add', 'Only branches here']);
  });

  it('the branch still arrives, with one warning line saying why and how to choose a fallback', () => {
    const pushed = a.git(['push', '-u', 'origin', 'feature/hosted']);
    expect(a.git(['ls-remote', url, 'refs/heads/feature/hosted']).stdout).toContain('feature/hosted');
    expect(sessionRefs(a, url)).toBe('');
    const ours = pushed.stderr.split('\n').filter((l) => l.startsWith('git-session:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/origin refused refs\/sessions\/\* \(custom refs are not allowed\)/);
    expect(ours[0]).toContain("'sync: {refs: refs/heads/git-session}'");
    // git session sync says the same, and exits 1.
    const s = a.gs(['sync']);
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(/refused refs\/sessions\/\*/);
  });

  it('with sync.refs set to a branch namespace, pushes and fetches go through it', () => {
    const config = join(a.dir, '.session', 'config.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('  refs: refs/sessions\n', '  refs: refs/heads/git-session\n'),
    );
    a.git(['commit', '-qam', 'chore: sessions in a branch namespace']);
    const pushed = a.git(['push']);
    expect(pushed.stderr).not.toMatch(/git-session:/);
    expect(sessionRefs(a, url, 'refs/heads/git-session/*')).toContain(`refs/heads/git-session/${id}`);
    expect(a.git(['config', '--get-all', 'remote.origin.fetch']).stdout).toContain(
      '+refs/heads/git-session/*:refs/session-remotes/origin/*',
    );
    const b = clone(url, 'bob@example.com').r;
    expect(b.json(['show', 'hosted']).decisions.map((d: any) => d.text)).toEqual(['Only branches here']);
  });
});

describe('a squash merge, then the branch deleted', () => {
  let url: string;
  let a: TestRepo;
  let whileBranch: any;

  beforeAll(() => {
    ({ url, a } = remote());
    a.ok(['start', 'feature/sq', '-o', 'Squash me', '-o', 'Second goal']);
    a.commit('feat: one', { 'one.txt': '1\n' });
    a.ok(['decisions', 'add', 'Squash when done', '--rationale', 'one commit on main']);
    a.ok(['log', '--progress', 'first half done']);
    a.commit('feat: two', { 'two.txt': '2\n' });
    a.ok(['objectives', 'complete', '1']);
    a.ok(['log', '--discovery', 'the API paginates']);
    a.git(['push', '-q', '-u', 'origin', 'feature/sq']);
    a.git(['switch', '-q', 'main']);
    a.git(['merge', '-q', '--squash', 'feature/sq']);
    a.git(['commit', '-q', '-m', 'feat: squash (#1)']);
    // While the branch exists the squash commit restates its two commits: counted once (patch-id).
    whileBranch = a.json(['history']).find((s: any) => s.name === 'sq');
    a.git(['push', '-q', 'origin', 'main', ':feature/sq']);
    a.git(['branch', '-q', '-D', 'feature/sq']);
  });

  it('a fresh clone shows the whole session: objectives, decisions, journal, its commits', () => {
    expect(a.git(['ls-remote', url, 'refs/heads/feature/sq']).stdout).toBe('');
    const { r: d } = clone(url, 'dan@example.com');
    const s = d.json(['show', 'sq']);
    expect(s.objectives.map((o: any) => [o.text, o.status])).toEqual([
      ['Squash me', 'done'],
      ['Second goal', 'open'],
    ]);
    expect(s.decisions.map((x: any) => [x.text, x.rationale])).toEqual([['Squash when done', 'one commit on main']]);
    expect(s.log.map((e: any) => e.text)).toEqual(['first half done', 'the API paginates']);
    // The two commits of the deleted branch (known by their ref only) and the squash commit on main.
    expect(s.commits).toHaveLength(3);
    expect(s.commits.filter((c: any) => c.subject === null)).toHaveLength(2);
    // Counted once: while the branch existed, by its two commits; now, by the squash alone.
    expect(whileBranch).toMatchObject({ commits: 2, linesAdded: 2 });
    expect(d.json(['history']).find((x: any) => x.name === 'sq')).toMatchObject({ commits: 1, linesAdded: 2 });
  });
});

describe("a hostile remote: its session refs are a stranger's input (docs/reliability.md)", () => {
  it('a ref speaks only for its own session, bad lines and names are not read, nothing is written outside the store', () => {
    const { url, a } = remote();
    const victim = a.json(['start', 'feature/v', '-o', 'Victim']).id;
    a.ok(['decisions', 'add', 'The real decision']);
    a.git(['push', '-q', '-u', 'origin', 'feature/v']);
    const fake = '01936b2c-7f3e-7abc-9def-00000000beef';
    const ev = (n: number, session: string, extra: object) =>
      JSON.stringify({
        v: 1,
        id: `01936b2c-0000-7000-8000-${String(n).padStart(12, '0')}`,
        at: '2026-01-05T10:00:00.000Z',
        author: 'mallory@example.com',
        session,
        lc: n,
        ...extra,
      });
    const file = [
      ev(1, fake, { type: 'session.started', name: 'bait', title: 'Bait', branch: 'feature/bait', tasks: [] }),
      // Speaks for another session: refused (the victim's decisions stay its own).
      ev(2, victim, { type: 'decision.recorded', decision: 'dec-e7e7', text: 'Injected' }),
      // A clock that would starve every later change; a 300 KiB line.
      ev(3, fake, { type: 'session.info', title: 'Clock', lc: 2 ** 50 }),
      ev(4, fake, { type: 'journal.added', kind: 'progress', text: 'x'.repeat(300 * 1024) }),
      ev(5, fake, { type: 'decision.recorded', decision: 'dec-k3m9', text: 'Kept' }),
    ].join('\n');
    const git = (args: string[], input?: string) => a.git(args, { cwd: url, input }).stdout.trim();
    const blob = git(['hash-object', '-w', '--stdin'], `${file}\n`);
    const script = git(['hash-object', '-w', '--stdin'], '#!/bin/sh\ntouch /tmp/pwned\n');
    const tree = git(
      ['mktree'],
      `100644 blob ${blob}\tffffffffffffffff.jsonl\n100755 blob ${script}\tpost-checkout\n100644 blob ${blob}\tHEAD.jsonl\n`,
    );
    const commit = git(['commit-tree', tree, '-m', 'evil'], undefined);
    git(['update-ref', `refs/sessions/${fake}`, commit]);
    git(['update-ref', 'refs/sessions/not-a-session', commit]);
    // A fresh clone: init fetches them all and says what it did not read.
    const { r: d, init } = clone(url, 'dan@example.com');
    expect(init.stdout).toMatch(
      /^Not read: session 01936b2c-7f3e: 3 lines of clone ffffffffffffffff \(line 2: speaks for session/m,
    );
    expect(d.json(['show', 'v']).decisions.map((x: any) => x.text)).toEqual(['The real decision']);
    const bait = d.json(['show', 'bait']);
    expect(bait.title).toBe('Bait');
    expect(bait.decisions.map((x: any) => x.text)).toEqual(['Kept']);
    expect(bait.log).toEqual([]);
    // Only the machine-id file was copied, under the session's own folder; no hook, no other name.
    const peers = d.git(['ls-files', '--others', '--exclude-standard']).stdout;
    expect(peers).toBe('');
    expect(readdirSync(join(d.dir, '.git/sessions', fake, 'peers'))).toEqual(['ffffffffffffffff.jsonl']);
    expect(
      readdirSync(join(d.dir, '.git/hooks'))
        .filter((h) => !h.endsWith('.sample'))
        .sort(),
    ).toEqual(
      readdirSync(join(a.dir, '.git/hooks'))
        .filter((h) => !h.endsWith('.sample'))
        .sort(),
    );
    expect(d.git(['for-each-ref', '--format=%(refname)', 'refs/sessions/']).stdout).not.toContain('not-a-session');
  });
});

describe('trailer modes: commits carry only the id, or nothing, and the refs carry the rest', () => {
  let url: string;
  let a: TestRepo;

  beforeAll(() => {
    ({ url, a } = remote());
  });

  it('trailers: id — commits carry Session: <id> alone', () => {
    const config = join(a.dir, '.session', 'config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  mode: full', '  mode: id'));
    a.git(['commit', '-qam', 'chore: trailers id']);
    const id = a.json(['start', 'feature/quiet', '-o', 'Quiet']).id;
    a.ok(['decisions', 'add', 'Keep commits clean']);
    a.commit('feat: quiet', { 'q.txt': 'q\n' });
    expect(a.trailers()).toBe(`Session: ${id}`);
    a.git(['push', '-q', '-u', 'origin', 'feature/quiet']);
  });

  it('trailers: off — commits carry nothing and still join the session', () => {
    a.git(['switch', '-q', 'main']);
    const config = join(a.dir, '.session', 'config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  mode: id', '  mode: off'));
    a.git(['commit', '-qam', 'chore: trailers off']);
    a.ok(['start', 'feature/silent', '-o', 'Silent']);
    a.ok(['decisions', 'add', 'Nothing in messages']);
    a.commit('feat: silent', { 's.txt': 's\n' });
    expect(a.trailers()).toBe('');
    expect(a.json(['show']).commits.map((c: any) => c.subject)).toEqual(['feat: silent']);
    a.git(['push', '-q', '-u', 'origin', 'main', 'feature/silent']);
  });

  it("the teammate's fresh clone reads both sessions whole: decisions from the refs, commits from both sources", () => {
    const { r: b } = clone(url, 'bob@example.com');
    const quiet = b.json(['show', 'quiet']);
    expect(quiet.decisions.map((d: any) => d.text)).toEqual(['Keep commits clean']);
    expect(quiet.commits.map((c: any) => c.subject)).toEqual(['feat: quiet']);
    const silent = b.json(['show', 'silent']);
    expect(silent.decisions.map((d: any) => d.text)).toEqual(['Nothing in messages']);
    expect(silent.commits.map((c: any) => c.subject)).toEqual(['feat: silent']);
  });
});
