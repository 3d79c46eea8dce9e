// Faults: a process killed in the middle of a write, a full disk, a read-only store, a lock left by
// a dead process, a store that is damaged or replaced under the hooks. Each test names what it
// attacks; docs/reliability.md lists them with what users get.

import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processStart, withLock } from '../../src/store/lock.js';
import {
  addDecision,
  events,
  gsLines,
  recorded,
  sessionDir,
  sessionRepo,
  snapshot,
  values,
  which,
} from '../helpers/hooks.js';
import { BIN, cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';
import { faultEnv, gsAsync, journalLines, storeState } from './support.js';

afterAll(cleanupAll);

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const p = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(p.stdout);
}

function decisionTexts(r: TestRepo, cwd?: string): string[] {
  return r.json(['decisions', 'list'], cwd ? { cwd } : {}).map((d: { text: string }) => d.text);
}

describe('a process killed in the middle of a write', () => {
  it('killed between temp write and rename: the journal, trailers and branch links are intact', () => {
    const { r, id } = sessionRepo('feature/kill', ['survive the kill']);
    const d = addDecision(r, 'written before the kill');
    const view = () => ({ ...r.json(['show', id]), activeMs: 0 });
    const before = view();
    const dir = sessionDir(r, id);
    const store = join(r.dir, '.git/sessions');
    const tmp = (path: string, content: string) => writeFileSync(path, content);
    // What every atomic write leaves when killed before its rename (atomic.ts names), and the
    // undo copies a command keeps while it holds the lock (store.ts).
    tmp(join(dir, '.events.jsonl.4242.0badc0de.tmp'), '{"v":1,"id":"cut-in-the-temp');
    tmp(join(dir, '.trailers.4242.0badc0de.tmp'), `git-session-trailers 1 ${id}\nalways Session: ${id}\n`);
    tmp(join(dir, '.trailers.4242.undo'), `git-session-trailers 1 ${id}\n1 Decisions: dec-zzzz from an undo copy\n`);
    tmp(join(dir, '.committed.4242.0badc0de.tmp'), '99');
    tmp(join(store, 'branches/feature/.kill.4242.0badc0de.tmp'), '01936b2c-7f3e-7abc-9def-0123456789ab\n');
    tmp(join(store, 'branches/.other.4242.0badc0de.tmp'), '01936b2c-7f3e-7abc-9def-0123456789ab\n');
    tmp(join(r.dir, '.git/.git-session-current.4242.0badc0de.tmp'), '');
    expect(view()).toEqual(before);
    expect(r.json(['list', '--all']).map((s: { id: string }) => s.id)).toEqual([id]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'after the kill']);
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Decisions')).toEqual([`${d} written before the kill`]);
    expect(recorded(r, id)).toEqual([r.head()]);
    expect(r.gs(['status']).stderr).toBe('');
  });

  // Cut points of the last line: one byte, half of it, all but its closing brace.
  for (const cut of ['one byte', 'half', 'all but the last byte'] as const) {
    it(`killed mid-append (${cut} of the line written): the cut line is reported once, set aside verbatim, the rest intact`, () => {
      const { r, id } = sessionRepo('feature/torn', ['before the cut']);
      addDecision(r, 'also before the cut');
      const journal = join(sessionDir(r, id), 'events.jsonl');
      const whole = readFileSync(journal, 'utf8');
      const lines = whole.trimEnd().split('\n');
      const last = lines.at(-1)!;
      const keep = cut === 'one byte' ? 1 : cut === 'half' ? Math.floor(last.length / 2) : last.length - 1;
      const torn = last.slice(0, keep);
      writeFileSync(journal, `${lines.slice(0, -1).join('\n')}\n${torn}`);
      const out = r.gs(['status', '--json']);
      expect(out.code).toBe(0);
      expect(gsLines(out.stderr)).toHaveLength(1);
      expect(out.stderr).toContain('an interrupted write left an incomplete last line');
      const st = JSON.parse(out.stdout);
      expect(st.objectives.map((o: { text: string }) => o.text)).toEqual(['before the cut']);
      const aside = readFileSync(join(sessionDir(r, id), 'damaged.jsonl'), 'utf8')
        .trim()
        .split('\n');
      expect(aside.map((l) => JSON.parse(l).text)).toEqual([torn]);
      expect(readFileSync(journal, 'utf8')).toBe(`${lines.slice(0, -1).join('\n')}\n`);
      expect(r.gs(['status']).stderr).toBe('');
    });
  }

  it('killed after the line but before its newline: the complete record is kept, nothing is set aside', () => {
    const { r, id } = sessionRepo('feature/no-newline', ['kept whole']);
    const journal = join(sessionDir(r, id), 'events.jsonl');
    writeFileSync(journal, readFileSync(journal, 'utf8').replace(/\n$/, ''));
    const d = addDecision(r, 'appended after the missing newline');
    expect(decisionTexts(r)).toEqual(['appended after the missing newline']);
    expect(journalLines(r, id).every((l) => JSON.parse(l).v === 1)).toBe(true);
    expect(existsSync(join(sessionDir(r, id), 'damaged.jsonl'))).toBe(false);
    expect(d).toMatch(/^dec-/);
  });

  it('a commit right after an interrupted write: the commit is recorded, the cut line set aside, nothing else lost', () => {
    const { r, id } = sessionRepo('feature/torn-commit', ['before the cut']);
    const d = addDecision(r, 'carried by the commit');
    const journal = join(sessionDir(r, id), 'events.jsonl');
    writeFileSync(journal, `${readFileSync(journal, 'utf8')}{"v":1,"id":"018f0000-cut-by-a-kill`);
    // post-commit appends its record without the lock and without looking at the last byte.
    const c = r.git(['commit', '-q', '--allow-empty', '-m', 'after the cut']);
    expect(c.stderr).toBe('');
    expect(values(r, 'Decisions')).toEqual([`${d} carried by the commit`]);
    const out = r.gs(['status', '--json']);
    expect(out.code).toBe(0);
    expect(gsLines(out.stderr)).toHaveLength(1);
    const st = JSON.parse(out.stdout);
    expect(st.commits.map((x: { sha: string }) => x.sha)).toEqual([r.head()]);
    expect(st.decisions.map((x: { id: string }) => x.id)).toEqual([d]);
    const aside = readFileSync(join(sessionDir(r, id), 'damaged.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(aside.map((l) => JSON.parse(l).text)).toEqual(['{"v":1,"id":"018f0000-cut-by-a-kill']);
    // the journal is whole again: one parseable record per line, the commit among them once
    expect(journalLines(r, id).map((l) => JSON.parse(l).type)).toContain('commit.recorded');
    expect(recorded(r, id)).toEqual([r.head()]);
    expect(r.gs(['status']).stderr).toBe('');
  });

  it('killed while holding the lock: the next command detects the dead owner and takes the lock over', () => {
    const { r } = sessionRepo('feature/stale');
    const lock = join(r.dir, '.git/sessions/lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), at: new Date().toISOString() }));
    addDecision(r, 'after a dead owner');
    expect(decisionTexts(r)).toEqual(['after a dead owner']);
    expect(existsSync(lock)).toBe(false);
  });

  it('a stale lock whose pid now belongs to another live process is taken over at once (Why #13)', async () => {
    const { r } = sessionRepo('feature/reused-pid');
    const lock = join(r.dir, '.git/sessions/lock');
    // A live process that is not git-session got the dead owner's pid.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const start = processStart(other.pid!);
      writeFileSync(
        lock,
        JSON.stringify({ pid: other.pid, host: hostname(), at: new Date().toISOString(), start: `${start}1` }),
      );
      const began = Date.now();
      addDecision(r, 'after a reused pid');
      expect(decisionTexts(r)).toEqual(['after a reused pid']);
      expect(existsSync(lock)).toBe(false);
      // A lock written by an older git-session (no start time), taken before that process started.
      writeFileSync(lock, JSON.stringify({ pid: other.pid, host: hostname(), at: '2000-01-01T00:00:00.000Z' }));
      addDecision(r, 'after an old lock with a reused pid');
      expect(existsSync(lock)).toBe(false);
      // Both were taken over at once, not after the 15 s a live owner is waited for.
      expect(Date.now() - began).toBeLessThan(10_000);
    } finally {
      other.kill();
    }
  });

  it('killed between creating the lock and writing its owner: an empty lock older than two seconds is taken over', () => {
    const { r } = sessionRepo('feature/empty-lock');
    const lock = join(r.dir, '.git/sessions/lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    addDecision(r, 'after an empty lock');
    expect(decisionTexts(r)).toEqual(['after an empty lock']);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the store lock (unit)', () => {
  const lockIn = () => join(tempDir('gs-lock-'), 'lock');

  it('a lock held by a live process is not taken over: the error names the owner', () => {
    const path = lockIn();
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    let ran = false;
    expect(() =>
      withLock(
        path,
        () => {
          ran = true;
        },
        { timeoutMs: 50 },
      ),
    ).toThrow(`the session store is locked by process ${process.pid} on ${hostname()}`);
    expect(ran).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
  });

  it('a live owner with its recorded start time keeps its lock; another start time does not', () => {
    const path = lockIn();
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const start = processStart(other.pid!);
      expect(start).toMatch(/^\d+$/);
      const owner = { pid: other.pid, host: hostname(), at: new Date().toISOString() };
      writeFileSync(path, JSON.stringify({ ...owner, start }));
      expect(() => withLock(path, () => 1, { timeoutMs: 50 })).toThrow(`locked by process ${other.pid}`);
      writeFileSync(path, JSON.stringify({ ...owner, start: '1' }));
      expect(withLock(path, () => 'ran', { timeoutMs: 50 })).toBe('ran');
    } finally {
      other.kill();
    }
  });

  it('the lock records its owner’s start time and boot', () => {
    const path = lockIn();
    withLock(path, () => {
      const owner = JSON.parse(readFileSync(path, 'utf8'));
      expect(owner.pid).toBe(process.pid);
      expect(owner.start).toBe(processStart(process.pid));
      expect(typeof owner.boot).toBe('string');
    });
  });

  it('a fresh empty lock (its owner is still writing it) is not taken over', () => {
    const path = lockIn();
    writeFileSync(path, '');
    expect(() => withLock(path, () => 1, { timeoutMs: 50 })).toThrow('locked by another process');
    expect(existsSync(path)).toBe(true);
  });

  it('a lock of another host is taken over only when it is old', () => {
    const path = lockIn();
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere', at: new Date().toISOString() }));
    expect(() => withLock(path, () => 1, { timeoutMs: 50 })).toThrow('on elsewhere');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere', at: '2000-01-01T00:00:00.000Z' }));
    expect(withLock(path, () => 'ran', { timeoutMs: 50 })).toBe('ran');
    expect(existsSync(path)).toBe(false);
  });

  it('a garbage lock file (torn JSON) counts as ownerless and is taken over once old', () => {
    const path = lockIn();
    writeFileSync(path, '{"pid":12');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(withLock(path, () => 'ran')).toBe('ran');
  });

  it('the lock is released when the locked operation throws', () => {
    const path = lockIn();
    expect(() =>
      withLock(path, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });
});

describe('disk full and read-only store', () => {
  it('ENOSPC at every write step of `decisions add`: one clear error, the store byte for byte unchanged', () => {
    const { r, id } = sessionRepo('feature/full', ['fill the disk']);
    addDecision(r, 'before the disk filled');
    const store = join(r.dir, '.git/sessions');
    const countFile = join(tempDir('gs-count-'), 'count');
    // A dry run counts the calls that need space (create, write, fsync, link, mkdir).
    const dry = r.gs(['decisions', 'add', 'counted'], { env: faultEnv(store, 'ENOSPC', 0, countFile) });
    expect(dry.code).toBe(0);
    const steps = Number(readFileSync(countFile, 'utf8'));
    expect(steps).toBeGreaterThanOrEqual(6);
    const before = storeState(r);
    for (let at = 1; at <= steps; at++) {
      const out = r.gs(['decisions', 'add', `lost at step ${at}`], { env: faultEnv(store, 'ENOSPC', at) });
      expect(out.code, `step ${at}: ${out.stderr}`).toBe(1);
      expect(out.stderr, `step ${at}`).toMatch(
        /^git-session: cannot .*: the disk is full; nothing was changed — free some space and retry\n$/,
      );
      expect(storeState(r), `step ${at}`).toEqual(before);
    }
    expect(decisionTexts(r)).toEqual(['before the disk filled', 'counted']);
    expect(r.gs(['status']).stderr).toBe('');
    expect(events(r, id).filter((e) => e.type === 'decision.recorded')).toHaveLength(2);
  });

  it('ENOSPC in the middle of a journal append (a short write): the partial line is cut off again', () => {
    const { r, id } = sessionRepo('feature/short-write');
    const store = join(r.dir, '.git/sessions');
    const journal = join(sessionDir(r, id), 'events.jsonl');
    const before = readFileSync(journal, 'utf8');
    const countFile = join(tempDir('gs-count-'), 'count');
    // Steps of `log`: lock create, lock write, the stale-plan marker, then the journal write (the
    // 4th) fails half-way.
    r.gs(['log', '--progress', 'counted'], { env: faultEnv(store, 'ENOSPC', 0, countFile) });
    const withCounted = readFileSync(journal, 'utf8');
    const out = r.gs(['log', '--progress', 'x'.repeat(4000)], { env: faultEnv(store, 'ENOSPC', 4) });
    expect(out.stderr).toMatch(/cannot append to .*events\.jsonl: the disk is full; nothing was changed/);
    expect(readFileSync(journal, 'utf8')).toBe(withCounted);
    expect(withCounted.startsWith(before)).toBe(true);
    expect(existsSync(join(sessionDir(r, id), 'damaged.jsonl'))).toBe(false);
  });

  it('read-only store (EROFS on every change) for item, journal and lifecycle commands: a clear error, nothing changed', () => {
    const { r, id } = sessionRepo('feature/ro', ['read only objective']);
    const store = join(r.dir, '.git/sessions');
    const before = storeState(r);
    const [obj] = r.json(['objectives', 'list']);
    for (const args of [
      ['decisions', 'add', 'refused'],
      ['objectives', 'complete', obj.id],
      ['log', '--next', 'refused'],
      ['pause', '--note', 'refused'],
    ]) {
      const out = r.gs(args, { env: faultEnv(store, 'EROFS', 1) });
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr, args.join(' ')).toMatch(
        /^git-session: cannot .*: the file system is read-only; nothing was changed — /,
      );
      expect(storeState(r), args.join(' ')).toEqual(before);
    }
    expect(r.json(['show', id]).status).toBe('active');
  });

  it('start and switch on a store that cannot be written fail before they touch a branch (Why #13)', () => {
    const { r } = sessionRepo('feature/ro-start');
    const store = join(r.dir, '.git/sessions');
    const before = storeState(r);
    for (const args of [
      ['start', 'feature/ro-new', '-o', 'never started'],
      ['switch', 'feature/ro-other', '-o', 'never started'],
    ]) {
      const out = r.gs(args, { env: faultEnv(store, 'EROFS', 1) });
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr).toMatch(/read-only; nothing was changed/);
      expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/ro-start');
      expect(r.git(['branch', '--list', 'feature/ro-*']).stdout.trim()).toBe('* feature/ro-start');
      expect(storeState(r)).toEqual(before);
    }
  });

  it('a store directory the user may not write (a real permission error, as a non-root user)', (ctx) => {
    const root = process.getuid?.() === 0;
    const setpriv = root ? which('setpriv') : null;
    if (root && !setpriv) ctx.skip();
    const { r } = sessionRepo('feature/perm');
    const store = join(r.dir, '.git/sessions');
    const before = snapshot(store);
    let out: { code: number; stderr: string };
    if (setpriv) {
      // As root, modes do not stop writes: run git-session as `nobody`, who may read everything
      // here and write nothing.
      const top = join(r.dir, '..');
      spawnSync('chmod', ['-R', 'a+rX,go-w', top]);
      const p = spawnSync(
        setpriv,
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'decisions', 'add', 'refused'],
        { cwd: r.dir, encoding: 'utf8', env: { ...r.env, GIT_CONFIG_PARAMETERS: "'safe.directory'='*'" } },
      );
      out = { code: p.status ?? 1, stderr: p.stderr };
    } else {
      chmodSync(store, 0o555);
      out = r.gs(['decisions', 'add', 'refused']);
      chmodSync(store, 0o755);
    }
    expect(out.stderr).toMatch(
      /^git-session: cannot .*: permission denied; nothing was changed — check the owner and mode of /,
    );
    expect(out.code).toBe(1);
    expect(snapshot(store)).toEqual(before);
  });

  it('the decision log cannot be written: the decision is recorded, one warning says the log was not updated', () => {
    const { r } = sessionRepo('feature/log-full');
    const out = r.gs(['decisions', 'add', 'recorded anyway'], {
      env: faultEnv(join(r.dir, '.session'), 'ENOSPC', 1),
    });
    expect(out.code).toBe(0);
    expect(gsLines(out.stderr)).toEqual([expect.stringContaining('the decision log was not updated')]);
    expect(decisionTexts(r)).toEqual(['recorded anyway']);
  });
});

describe('a damaged, missing or replaced store under the hooks', () => {
  // Missing trailers file, trailers replaced by a directory or garbage, branches/<b> a directory,
  // sessions/ replaced by a file, events.jsonl a directory, the hook runtime gone: see
  // test/e2e/hooks.test.ts › fault tolerance: a damaged store never fails a git command.

  /** Commit, switch away and back: every command exits 0 and prints at most one git-session line. */
  function survives(r: TestRepo, branch: string): string[] {
    const shown: string[] = [];
    const head = r.head();
    for (const args of [
      ['commit', '-q', '--allow-empty', '-m', 'on a replaced store'],
      ['switch', '-q', 'main'],
      ['switch', '-q', branch],
    ]) {
      const out = r.git(args, { allowFail: true });
      expect(out.code, `git ${args.join(' ')}: ${out.stderr}`).toBe(0);
      const lines = out.stderr.split('\n').filter((l) => l !== '' && !/^(Resumed | {2})/.test(l));
      expect(lines.length, `git ${args.join(' ')} printed:\n${out.stderr}`).toBeLessThanOrEqual(1);
      shown.push(...lines);
    }
    expect(r.head()).not.toBe(head);
    return shown;
  }

  it('a store written by a newer git-session (format 2): commit and checkout go through, with one warning at most', () => {
    const { r } = sessionRepo('feature/newer');
    writeFileSync(join(r.dir, '.git/sessions/format'), 'git-session-store 2\n');
    const shown = survives(r, 'feature/newer');
    expect(shown.every((l) => l.startsWith('git-session: '))).toBe(true);
    expect(r.gs(['status']).stderr).toContain('written by a newer git-session');
  });

  it('the hook runtime replaced by a directory, by garbage and by a failing script: commits and checkouts go through', () => {
    const { r } = sessionRepo('feature/runtime');
    const hooks = join(r.dir, '.git/sessions/hooks');
    rmSync(join(hooks, 'lib.sh'));
    mkdirSync(join(hooks, 'lib.sh'));
    survives(r, 'feature/runtime');
    rmSync(join(hooks, 'lib.sh'), { recursive: true });
    writeFileSync(join(hooks, 'lib.sh'), '\u0000\u0001 ( { not sh at all\n');
    survives(r, 'feature/runtime');
    for (const h of ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout'])
      writeFileSync(join(hooks, h), 'exit 7\n');
    expect(survives(r, 'feature/runtime')).toEqual([]);
  });

  it('sessions/ replaced by a symlink to a missing place: commits and checkouts go through', () => {
    const { r } = sessionRepo('feature/dangling');
    const store = join(r.dir, '.git/sessions');
    rmSync(store, { recursive: true });
    symlinkSync(join(tempDir('gs-gone-'), 'nowhere'), store);
    survives(r, 'feature/dangling');
  });

  it('a lock held by a live command does not hold up a commit: the hooks never take it', () => {
    const { r, id } = sessionRepo('feature/locked');
    const d = addDecision(r, 'pending while locked');
    const lock = join(r.dir, '.git/sessions/lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'while the store is locked']);
    expect(out.stderr).toBe('');
    expect(values(r, 'Decisions')).toEqual([`${d} pending while locked`]);
    rmSync(lock);
    expect(recorded(r, id)).toEqual([r.head()]);
    expect(statSync(join(r.dir, '.git/sessions')).isDirectory()).toBe(true);
  });

  it('a lock held by a live command during a checkout: the hooks never take it; the switch is made at once', () => {
    const { r, id } = sessionRepo('feature/held');
    r.git(['switch', '-q', 'main']);
    expect(r.json(['show', id]).status).toBe('paused');
    const lock = join(r.dir, '.git/sessions/lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    const out = r.git(['switch', 'feature/held']);
    rmSync(lock);
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/held');
    expect(gsLines(out.stderr)).toEqual([]);
    expect(out.stderr).toMatch(/^Resumed held /m);
    // The hooks' own append (one line, O_APPEND), as the next command reads it.
    expect(r.json(['show', id]).status).toBe('active');
    expect(existsSync(lock)).toBe(false);
  });

  it('a command failing half-way never leaves the lock behind for the next one', async () => {
    const { r } = sessionRepo('feature/no-leftover');
    const store = join(r.dir, '.git/sessions');
    // Fail at the lock's own owner write, then run two commands at once after it.
    const out = r.gs(['decisions', 'add', 'refused'], { env: faultEnv(store, 'ENOSPC', 2) });
    expect(out.stderr).toMatch(/cannot create the lock .*the disk is full/);
    expect(existsSync(join(store, 'lock'))).toBe(false);
    const runs = await Promise.all([gsAsync(r, ['decisions', 'add', 'one']), gsAsync(r, ['decisions', 'add', 'two'])]);
    expect(runs.map((x) => x.code)).toEqual([0, 0]);
    expect(decisionTexts(r).sort()).toEqual(['one', 'two']);
  });
});
