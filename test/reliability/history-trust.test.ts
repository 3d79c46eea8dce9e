// The trust model for history (docs/reliability.md, "Trust model"), attacked end to end: a
// teammate or upstream writes commits by hand (hooks off, any date, anyone's session and item
// ids) and pushes them; the victim and a third clone fetch and rebuild. Each test reproduces a
// failure of issue 15 ("Why" #3, #4, #5, #10, #13) against real repositories and a bare remote.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { baseEnv, cleanupAll, makeRepo, TestRepo, tempDir } from '../helpers/repo.js';
import { journalLines } from './support.js';

afterAll(cleanupAll);

const EVIL = {
  GIT_AUTHOR_NAME: 'Mallory',
  GIT_AUTHOR_EMAIL: 'mallory@example.com',
  GIT_COMMITTER_NAME: 'Mallory',
  GIT_COMMITTER_EMAIL: 'mallory@example.com',
  // No hooks of ours: a commit written by hand.
  GIT_SESSION: '0',
};

/** A commit made by hand with any message and any date (hooks off, as `--no-verify` and a bare git). */
function forge(r: TestRepo, message: string, date = '2026-01-06T12:00:00Z'): string {
  const file = join(tempDir('gs-msg-'), 'msg');
  writeFileSync(file, message);
  r.git(['commit', '-q', '--allow-empty', '--no-verify', '--no-gpg-sign', '-F', file], {
    env: { ...EVIL, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  return r.head();
}

function cloneOf(origin: string, email: string, extra: string[] = []): TestRepo {
  const dir = join(tempDir(), 'clone');
  mkdirSync(dir);
  const r = new TestRepo(dir, baseEnv(join(tempDir(), 'home')));
  r.git(['clone', '-q', ...extra, origin, '.']);
  r.git(['config', 'user.email', email]);
  r.git(['config', 'user.name', email.split('@')[0]!]);
  r.ok(['init']);
  return r;
}

/** Bytes of every file under a directory. */
function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    n += st.isDirectory() ? bytesUnder(p) : st.size;
  }
  return n;
}

describe('forged trailers cannot rewrite someone else’s session (Why #3)', () => {
  let victim: TestRepo;
  let mallory: TestRepo;
  let bare: string;
  let sid: string;
  let dec: string;
  let blk: string;
  let blk2: string;
  let obj: string;

  beforeAll(() => {
    victim = makeRepo();
    bare = join(tempDir(), 'origin.git');
    victim.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    victim.git(['remote', 'add', 'origin', bare]);
    victim.ok(['init']);
    victim.git(['add', '.session']);
    victim.commit('chore: session context');
    const s = victim.json(['start', 'feature/login', '-o', 'Login form']);
    sid = s.id;
    obj = s.objectives[0].id;
    dec = victim.json(['decisions', 'add', 'Hash passwords with bcrypt', '--rationale', 'slow on purpose']).id;
    blk = victim.json(['blockers', 'add', 'Waiting on the security review']).id;
    blk2 = victim.json(['blockers', 'add', 'Waiting on API keys']).id;
    victim.commit('feat: login form', { 'login.ts': 'export {}\n' });
    victim.git(['push', '-q', 'origin', 'main', 'feature/login']);

    // Mallory reads the public ids from the history and writes commits by hand on top of it.
    mallory = cloneOf(bare, 'mallory@example.com');
    mallory.git(['switch', '-q', 'feature/login']);
    forge(
      mallory,
      [
        'chore: tidy',
        '',
        `Session: ${sid}`,
        `Decisions: ${dec} Store passwords in plain text; rationale: simpler`,
        `Session-Blockers: [x] ${blk} Review skipped; resolution: not needed`,
        `Session-Blockers: [x] ${blk2} Waiting on API keys; resolution: forged keys`,
      ].join('\n'),
      '1990-01-01T00:00:00Z',
    );
    forge(
      mallory,
      [
        'chore: more tidying',
        '',
        `Session: ${sid}`,
        'Session-Info: status abandoned; reason: forged',
        'Session-Info: title Forged title',
        `Session-Objectives: [x] ${obj} Login form`,
      ].join('\n'),
      '2030-01-01T00:00:00Z',
    );
    mallory.git(['push', '-q', 'origin', 'feature/login']);

    victim.git(['pull', '-q', '--ff-only', 'origin', 'feature/login']);
  });

  it('a commit backdated to 1990 reusing a decision id does not replace its text or rationale: both are kept and shown', () => {
    const r = victim.gs(['rebuild', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.conflicts).toContainEqual(
      expect.objectContaining({
        item: dec,
        reason: 'text',
        kept: expect.objectContaining({ text: 'Hash passwords with bcrypt' }),
        other: expect.objectContaining({ text: 'Store passwords in plain text', author: 'mallory@example.com' }),
      }),
    );
    const text = victim.gs(['rebuild', '--full']);
    expect(text.stderr).toMatch(
      new RegExp(`Conflict: ${dec} .*"Hash passwords with bcrypt".*"Store passwords in plain text".*both kept`),
    );
    const show = victim.json(['show', sid]);
    expect(show.decisions).toMatchObject([
      { id: dec, text: 'Hash passwords with bcrypt', rationale: 'slow on purpose' },
    ]);
    expect(show.conflicts).toContainEqual(
      expect.objectContaining({ item: dec, other: expect.objectContaining({ rationale: 'simpler' }) }),
    );
    const human = victim.gs(['show', sid]).stdout;
    expect(human).toContain('Conflicts');
    expect(human).toContain('Store passwords in plain text');
  });

  it('a forged line with another text does not resolve the victim’s blocker; one with its text is a resolution by its author, shown as such', () => {
    const show = victim.json(['show', sid]);
    const review = show.blockers.find((b: any) => b.id === blk);
    expect(review).toMatchObject({ status: 'open', text: 'Waiting on the security review' });
    expect(show.conflicts).toContainEqual(
      expect.objectContaining({
        item: blk,
        other: expect.objectContaining({ text: 'Review skipped', status: 'resolved' }),
      }),
    );
    const keys = show.blockers.find((b: any) => b.id === blk2);
    expect(keys.resolutions).toMatchObject([{ note: 'forged keys', author: 'mallory@example.com' }]);
  });

  it('a 2030 date orders nothing: reopen, edit and objectives reopen made here take effect, and stay in effect', () => {
    const before = victim.json(['show', sid]);
    // The forged commit descends from the victim's: it is later in the graph, so it counts…
    expect(before.status).toBe('abandoned');
    expect(before.title).toBe('Forged title');
    // …until someone here changes it again, whatever date the forgery claimed.
    expect(victim.gs(['reopen', sid]).code).toBe(0);
    victim.ok(['edit', '--session', sid, '--title', 'Login, for real']);
    victim.ok(['objectives', 'reopen', obj, '--session', sid]);
    const after = victim.json(['show', sid]);
    expect(after.status).not.toBe('abandoned');
    expect(after.title).toBe('Login, for real');
    expect(after.objectives[0].status).toBe('open');
    // A full rebuild reads the forgery again and changes nothing of that.
    victim.ok(['rebuild', '--full']);
    const again = victim.json(['show', sid]);
    expect([again.status === 'abandoned', again.title, again.objectives[0].status]).toEqual([
      false,
      'Login, for real',
      'open',
    ]);
    // The next commit carries the changes; a fresh clone reads them after the forgery.
    victim.git(['switch', '-q', 'feature/login']);
    victim.commit('feat: reopen the work', { 'login2.ts': 'export {}\n' });
    victim.git(['push', '-q', 'origin', 'feature/login']);
    const third = cloneOf(bare, 'third@example.com');
    third.ok(['rebuild']);
    const there = third.json(['show', sid]);
    expect([there.status === 'abandoned', there.title, there.objectives[0].status]).toEqual([
      false,
      'Login, for real',
      'open',
    ]);
    expect(there.decisions[0].text).toBe('Hash passwords with bcrypt');
  });
});

describe('a forged commit cannot claim a branch (Why #4)', () => {
  it('Session-Info: branch main on another branch links nothing; the session’s own branch is linked', () => {
    const a = makeRepo();
    const bare = join(tempDir(), 'origin.git');
    a.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    a.git(['remote', 'add', 'origin', bare]);
    a.ok(['init']);
    a.git(['add', '.session']);
    a.commit('chore: session context');
    const real = a.json(['start', 'feature/real', '-o', 'Real work']).id;
    a.commit('feat: real', { 'r.ts': 'x\n' });
    a.git(['switch', '-q', '-c', 'innocent', 'main']);
    const evil = '01936b2c-7f3e-7abc-9def-00000000e411';
    forge(
      a,
      ['feat: harmless', '', `Session: ${evil}`, 'Session-Info: name evil', 'Session-Info: branch main'].join('\n'),
    );
    a.git(['push', '-q', 'origin', 'main', 'feature/real', 'innocent']);

    // init reads the history (docs/sync.md, "The clone path"): the real session's branch is linked.
    const c = cloneOf(bare, 'c@example.com');
    c.git(['switch', '-q', 'feature/real']);
    expect(c.json(['status']).id).toBe(real);
    c.git(['switch', '-q', 'main']);
    // The session exists (its commit is history), but main is not its branch.
    expect(c.json(['show', evil]).branch).toBe('main');
    expect(c.gs(['status']).stdout).toContain("No session on branch 'main'");
    c.commit('docs: on main', { 'm.md': 'm\n' });
    expect(c.trailers()).not.toContain('Session:');
  });
});

describe('bounded against strangers (Why #5)', () => {
  let c: TestRepo;
  let sid: string;
  let messageBytes: number;
  let result: any;

  beforeAll(() => {
    const a = initRepo();
    sid = a.json(['start', 'feature/x', '-o', 'X']).id;
    a.ok(['decisions', 'add', 'Kept']);
    a.commit('feat: x', { 'x.ts': 'x\n' });
    // 10,000 sessions in one 1 MB trailer block, each with an item…
    const lines = ['chore: many', ''];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`Session: 01936b2c-7f3e-7abc-9def-${String(i).padStart(12, '0')}`);
      lines.push(`Session-Log: progress step ${i}`);
    }
    forge(a, lines.join('\n'));
    // …and an 8 MB trailer value for the real session.
    forge(a, ['chore: huge', '', `Session: ${sid}`, `Decisions: dec-k3m9 ${'x'.repeat(8 * 1024 * 1024)}`].join('\n'));
    messageBytes =
      Number(a.git(['cat-file', '-s', 'HEAD~1']).stdout) + Number(a.git(['cat-file', '-s', 'HEAD']).stdout);
    c = cloneOf(a.dir, 'c@example.com');
    // init read the history already (docs/sync.md, "The clone path"): --full reads it again, reporting.
    const out = c.gs(['rebuild', '--full', '--json']);
    expect(out.code).toBe(0);
    result = JSON.parse(out.stdout);
  });

  it('what rebuild writes stays within a small multiple of the history read', () => {
    const written = bytesUnder(join(c.dir, '.git', 'sessions', 'history'));
    // Before: every session's cache got the whole 1 MB record (11 GB). Now each gets its own part.
    expect(written).toBeLessThan(messageBytes / 2);
    expect(result.skipped.sessions).toBe(10_000 - 100);
  });

  it('a trailer value beyond the typed-text limit is reported and skipped; the rest of the session is read', () => {
    expect(result.skipped.tooLong).toBe(1);
    const show = c.json(['show', sid]);
    expect(show.decisions.map((d: any) => d.text)).toEqual(['Kept']);
    const text = c.gs(['rebuild', '--full']);
    expect(text.stderr).toContain('Skipped 1 trailer value longer than 16 KiB');
    expect(text.stderr).toContain('Skipped 9900 sessions and 0 items beyond what one commit may carry');
  });

  it('list shows at most the sessions one commit may speak for, each with its own item only', () => {
    const list = c.json(['list', '--all']);
    expect(list.length).toBe(101);
    const one = c.json(['show', '01936b2c-7f3e-7abc-9def-000000000007']);
    expect(one.log.map((e: any) => e.text)).toEqual(['step 7']);
  });
});

describe('self-healing: history gives back what the journal lost (Why #10)', () => {
  it('doctor sets a damaged line aside and restores the decision a commit holds; rebuild --full does the same', () => {
    const a = initRepo();
    const sid = a.json(['start', 'feature/heal', '-o', 'Heal']).id;
    const dec = a.json(['decisions', 'add', 'Keep the cache derivable', '--rationale', 'rebuild gives it back']).id;
    a.commit('feat: heal', { 'h.ts': 'h\n' });
    a.ok(['log', '--progress', 'after the commit']);
    // Damage the decision's line in the middle of the journal.
    const file = join(a.dir, '.git', 'sessions', sid, 'events.jsonl');
    const lines = journalLines(a, sid);
    const i = lines.findIndex((l) => l.includes('"decision.recorded"'));
    lines[i] = `${lines[i]!.slice(0, 40)}<garbage>`;
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(a.gs(['status']).stderr).toContain('damaged event');

    const doc = a.gs(['doctor']);
    expect(doc.code).toBe(0);
    expect(doc.stdout).toContain(`restored ${sid}: ${dec} from the history`);
    const show = a.json(['show', sid]);
    expect(show.decisions).toMatchObject([
      { id: dec, text: 'Keep the cache derivable', rationale: 'rebuild gives it back' },
    ]);
    expect(show.log.map((e: any) => e.text)).toContain('after the commit');

    // The same after a set-aside by an older doctor (0.1): the line is gone, rebuild --full brings it back.
    const b = initRepo();
    const sid2 = b.json(['start', 'feature/heal2', '-o', 'Heal']).id;
    const dec2 = b.json(['decisions', 'add', 'Second decision']).id;
    b.commit('feat: heal2', { 'h.ts': 'h\n' });
    b.ok(['rebuild']);
    const journal = join(b.dir, '.git', 'sessions', sid2, 'events.jsonl');
    const kept = journalLines(b, sid2).filter((l) => !l.includes('"decision.recorded"'));
    writeFileSync(journal, `${kept.join('\n')}\n`);
    // An old cache (0.1) skipped the commits the journal had recorded: it had nothing to give back.
    rmHistory(b);
    expect(b.json(['show', sid2]).decisions).toEqual([]);
    b.ok(['rebuild', '--full']);
    expect(b.json(['show', sid2]).decisions.map((d: any) => d.id)).toEqual([dec2]);
  });
});

function rmHistory(r: TestRepo): void {
  const dir = join(r.dir, '.git', 'sessions', 'history');
  renameSync(dir, `${dir}.old`);
}

describe('text stays text, two people stay two (Why #13)', () => {
  let a: TestRepo;
  let bob: TestRepo;
  let bare: string;
  let sid: string;
  let blk: string;

  beforeAll(() => {
    a = makeRepo();
    bare = join(tempDir(), 'origin.git');
    a.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    a.git(['remote', 'add', 'origin', bare]);
    a.ok(['init']);
    a.git(['add', '.session']);
    a.commit('chore: session context');
    sid = a.json(['start', 'feature/team', '-o', 'Team work']).id;
    blk = a.json(['blockers', 'add', 'Waiting on the staging database']).id;
    a.ok(['log', '--progress', 'ran the tests', '--progress', 'ran the tests']);
    a.commit('feat: team', { 't.ts': 't\n' });
    a.git(['push', '-q', 'origin', 'main', 'feature/team']);
    // Bob picks the session up on his clone before Alice resolves the blocker.
    bob = cloneOf(bare, 'bob@example.com');
    bob.ok(['rebuild']);
    bob.git(['switch', '-q', 'feature/team']);
  });

  it('two identical --progress entries in one commit are two entries on every clone', () => {
    const logs = a.git(['log', '-1', '--format=%(trailers:key=Session-Log,valueonly)']).stdout.trim().split('\n');
    expect(logs).toHaveLength(2);
    expect(logs.every((l) => l.startsWith('progress ran the tests; id: log-'))).toBe(true);
    expect(bob.json(['show', sid]).log.map((e: any) => e.text)).toEqual(['ran the tests', 'ran the tests']);
    // Read back on the clone that made them: still two, not four.
    a.ok(['rebuild']);
    expect(a.json(['show', sid]).log).toHaveLength(2);
  });

  it('two teammates resolving one blocker with different notes keep both notes', () => {
    bob.ok(['blockers', 'resolve', blk, '--note', 'used a local database']);
    bob.commit('fix: local db', { 'b.ts': 'b\n' });
    a.ok(['blockers', 'resolve', blk, '--note', 'staging is back']);
    a.commit('fix: staging', { 'a.ts': 'a\n' });
    a.git(['push', '-q', 'origin', 'feature/team']);
    bob.git(['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'feature/team']);
    bob.git(['push', '-q', 'origin', 'feature/team']);
    const third = cloneOf(bare, 'third@example.com');
    third.ok(['rebuild']);
    const b = third.json(['show', sid]).blockers[0];
    expect(b.status).toBe('resolved');
    expect(b.resolutions.map((r: any) => r.note).sort()).toEqual(['staging is back', 'used a local database']);
    expect(third.gs(['show', sid]).stdout).toMatch(/also resolved by \S+@example\.com:/);
  });

  it('identical ids from two people are a conflict, shown, not a silent win; old short ids still work', () => {
    // Two people made dec-k3m9 (0.1 ids had 20 bits) with different texts, on two branches.
    a.git(['switch', '-q', '-c', 'left', 'feature/team']);
    forge(a, ['feat: left', '', `Session: ${sid}`, 'Decisions: dec-k3m9 Use Postgres'].join('\n'));
    a.git(['switch', '-q', '-c', 'right', 'feature/team']);
    forge(a, ['feat: right', '', `Session: ${sid}`, 'Decisions: dec-k3m9 Use SQLite'].join('\n'));
    a.git(['push', '-q', 'origin', 'left', 'right']);
    const c = cloneOf(bare, 'c@example.com');
    const r = c.json(['rebuild', '--full']);
    expect(r.conflicts).toContainEqual(expect.objectContaining({ item: 'dec-k3m9', reason: 'text' }));
    const show = c.json(['show', sid]);
    expect(show.decisions.filter((d: any) => d.id === 'dec-k3m9')).toHaveLength(1);
    const texts = [
      show.decisions.find((d: any) => d.id === 'dec-k3m9').text,
      show.conflicts.find((x: any) => x.item === 'dec-k3m9').other.text,
    ];
    expect(texts.sort()).toEqual(['Use Postgres', 'Use SQLite']);
    expect(c.gs(['status', '--session', sid]).stdout).toMatch(/Conflicts {2}1, both versions kept/);
    // The 4-character id of 0.1 names its item everywhere.
    c.git(['switch', '-q', 'feature/team']);
    expect(c.json(['decisions', 'list']).map((d: any) => d.id)).toContain('dec-k3m9');
  });

  it('a shallow clone, once unshallowed, is read again in full (not "Up to date")', () => {
    const s = cloneOf(`file://${bare}`, 's@example.com', ['--depth', '1', '--branch', 'feature/team']);
    const first = s.json(['rebuild']);
    expect(first.full).toBe(true);
    s.git(['fetch', '-q', '--unshallow']);
    const again = s.json(['rebuild']);
    expect(again.upToDate).toBe(false);
    expect(again.full).toBe(true);
    expect(again.scanned).toBeGreaterThan(first.scanned);
  });
});

describe('the pause note travels with the next commit (issue 9 point 6)', () => {
  it('a clone has state.pauseNote', () => {
    const a = initRepo();
    const sid = a.json(['start', 'feature/p', '-o', 'P']).id;
    a.ok(['pause', '--note', 'waiting for the design review; do not merge']);
    a.commit('wip: paused', { 'p.ts': 'p\n' });
    expect(a.trailers()).toContain('Session-Info: note waiting for the design review\\; do not merge');
    const c = cloneOf(a.dir, 'c@example.com');
    c.ok(['rebuild']);
    expect(c.json(['show', sid]).pauseNote).toBe('waiting for the design review; do not merge');
  });
});

const sshKeygen = spawnSync('ssh-keygen', ['-?'], { encoding: 'utf8' }).error === undefined;

describe.skipIf(!sshKeygen)('trust: signed (a real ssh signing key)', () => {
  it('counts only commits whose signature git verifies with the user’s allowed signers', () => {
    const keys = tempDir('gs-keys-');
    const key = join(keys, 'id');
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev@example.com', '-f', key]);
    expect(made.status).toBe(0);
    const signers = join(keys, 'allowed_signers');
    writeFileSync(signers, `dev@example.com ${readFileSync(`${key}.pub`, 'utf8')}`);

    const a = makeRepo();
    a.git(['config', 'gpg.format', 'ssh']);
    a.git(['config', 'user.signingkey', key]);
    a.git(['config', 'commit.gpgsign', 'true']);
    a.ok(['init']);
    const sid = a.json(['start', 'feature/signed', '-o', 'Signed work']).id;
    const dec = a.json(['decisions', 'add', 'Sign every commit']).id;
    a.commit('feat: signed', { 's.ts': 's\n' });
    expect(a.git(['cat-file', 'commit', 'HEAD']).stdout).toContain('-----BEGIN SSH SIGNATURE-----');
    // Mallory's unsigned commit on the same branch.
    forge(
      a,
      [
        'chore: unsigned',
        '',
        `Session: ${sid}`,
        `Decisions: ${dec} Never sign anything`,
        'Decisions: dec-7777 Unsigned',
      ].join('\n'),
    );

    const c = cloneOf(a.dir, 'c@example.com');
    c.git(['config', 'gpg.ssh.allowedSignersFile', signers]);
    const all = c.json(['rebuild']);
    expect(all.trust).toBe('all');
    expect(c.json(['show', sid]).decisions.map((d: any) => d.id)).toContain('dec-7777');

    c.git(['config', 'session.trust', 'signed']);
    const signed = c.json(['rebuild']);
    // The trust changed: everything is read again, the unsigned commit is not counted.
    expect(signed).toMatchObject({ trust: 'signed', full: true, upToDate: false });
    expect(signed.skipped.unsigned).toBeGreaterThanOrEqual(1);
    const show = c.json(['show', sid]);
    expect(show.decisions.map((d: any) => d.text)).toEqual(['Sign every commit']);
    expect(show.conflicts).toEqual([]);
    expect(c.gs(['rebuild', '--full']).stderr).toContain('whose signature git does not verify (trust: signed)');
    // A tracked config cannot turn off what the user asked for.
    c.write('.session/config.yaml', 'trust: all\n');
    expect(c.json(['rebuild', '--full']).trust).toBe('signed');
  });
});
