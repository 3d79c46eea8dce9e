// Repository files are input from a stranger (issue 15): what a clone brings — .session/config.yaml,
// the context documents, .claude/settings.json, AGENTS.md, symlinked folders, tracked programs —
// can neither make git-session read without end or wait forever, nor write outside the work tree,
// nor replace a file that is not git-session's own. And the store side: a read-only store, and the
// leftovers of killed runs. docs/reliability.md lists each with what users get.

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OWNED_LINES } from '../../src/codec/owned-marker.js';
import { gsLines, initRepo, sessionDir, sessionRepo, snapshot, which } from '../helpers/hooks.js';
import { BIN, cleanupAll, makeRepo, type Run, type TestRepo, tempDir } from '../helpers/repo.js';
import { faultEnv, storeState } from './support.js';

afterAll(cleanupAll);

/**
 * Run a command with its memory and time bounded, the processes it starts included (`timeout`
 * signals the whole process group): a regression that reads /dev/zero fails the test instead of
 * taking the machine's memory, and one that waits on a FIFO fails instead of hanging the suite.
 */
function bounded(r: TestRepo, command: string[], seconds = 20): Run {
  const p = spawnSync(
    'timeout',
    ['-s', 'KILL', String(seconds), 'sh', '-c', 'ulimit -v 3000000 && exec "$@"', 'sh', ...command],
    { cwd: r.dir, env: r.env, encoding: 'utf8' },
  );
  return { code: p.status ?? 137, stdout: p.stdout, stderr: p.stderr };
}

const gsBounded = (r: TestRepo, args: string[], seconds?: number) =>
  bounded(r, [process.execPath, BIN, ...args], seconds);

function config(r: TestRepo, yaml: string): void {
  writeFileSync(join(r.dir, '.session', 'config.yaml'), `version: 1\n${yaml}`);
}

function decisionTexts(r: TestRepo): string[] {
  return r.json(['decisions', 'list']).map((d: { text: string }) => d.text);
}

function mkfifo(path: string): void {
  const p = spawnSync('mkfifo', [path]);
  if (p.status !== 0) throw new Error(`mkfifo ${path} failed`);
}

describe('config paths choose only files git-session owns (Why #2)', () => {
  it('session_file.path: README.md and decisions_log.path: package.json leave both byte for byte; the decision is recorded, one warning each names the key and the file', () => {
    const { r } = sessionRepo('feature/owned');
    r.commit('a package', { 'package.json': '{"name":"x"}\n' });
    r.write('README.md', '# test\nmy uncommitted edit\n');
    config(r, 'session_file:\n  enabled: true\n  path: README.md\ndecisions_log:\n  path: package.json\n');
    const out = r.gs(['decisions', 'add', 'Use X', '--rationale', 'because']);
    expect(out.code).toBe(0);
    expect(gsLines(out.stderr)).toEqual([
      expect.stringContaining(
        "the decision log was not updated: decisions_log.path 'package.json' is a file git-session did not write",
      ),
      expect.stringContaining(
        "SESSION.md was not updated: session_file.path 'README.md' is a file git-session did not write",
      ),
    ]);
    expect(out.stderr).toContain('set session_file.path in .session/config.yaml to a new file');
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toBe('# test\nmy uncommitted edit\n');
    expect(readFileSync(join(r.dir, 'package.json'), 'utf8')).toBe('{"name":"x"}\n');
    expect(decisionTexts(r)).toEqual(['Use X']);
    // Refused before the exclude line: README.md stays visible to git.
    expect(r.git(['status', '--porcelain', '--', 'README.md']).stdout).toBe(' M README.md\n');
  });

  it('a tracked source file, an ignored .env and a hand-written note are refused too, as handoff.path and as typed paths', () => {
    const { r } = sessionRepo('feature/notes');
    r.commit('source', { 'src/index.ts': 'export {};\n', '.gitignore': '.env\n' });
    r.write('.env', 'SECRET=1\n');
    r.write('notes.md', 'my notes\n');
    config(r, 'handoff:\n  path: .env\n');
    const byConfig = r.gs(['handoff', '--write']);
    expect(byConfig.code).toBe(1);
    expect(gsLines(byConfig.stderr)).toEqual([
      expect.stringMatching(
        /^git-session: handoff\.path '\.env' is a file git-session did not write .*nothing was written — /,
      ),
    ]);
    for (const path of ['src/index.ts', 'notes.md']) {
      const typed = r.gs(['handoff', '--write', path]);
      expect(typed.code, path).toBe(1);
      expect(typed.stderr, path).toContain(`the handoff path '${path}' is a file git-session did not write`);
    }
    expect(readFileSync(join(r.dir, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(readFileSync(join(r.dir, 'src/index.ts'), 'utf8')).toBe('export {};\n');
    expect(readFileSync(join(r.dir, 'notes.md'), 'utf8')).toBe('my notes\n');
    // Two keys at one file: git-session's decision log is not a handoff to replace.
    r.ok(['decisions', 'add', 'kept']);
    const log = readFileSync(join(r.dir, '.session/decisions.md'), 'utf8');
    config(r, 'handoff:\n  path: .session/decisions.md\n');
    const same = r.gs(['handoff', '--write']);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain(
      "handoff.path '.session/decisions.md' is git-session's decision log, not a handoff; nothing was written",
    );
    expect(readFileSync(join(r.dir, '.session/decisions.md'), 'utf8')).toBe(log);
    expect(r.json(['show']).handoffs).toEqual([]);
  });

  it("a tracked file a cloned repository marked as git-session's is not replaced while it holds uncommitted work", () => {
    const { r } = sessionRepo('feature/marked');
    r.commit('a marked readme', { 'README.md': `${OWNED_LINES['session-file']}\n# Project\n` });
    config(r, 'session_file:\n  enabled: true\n  path: README.md\n');
    r.write('README.md', `${OWNED_LINES['session-file']}\n# Project\nmy edit\n`);
    const out = r.gs(['log', '--progress', 'step']);
    expect(out.code).toBe(0);
    expect(gsLines(out.stderr)).toEqual([
      expect.stringContaining("session_file.path 'README.md' has uncommitted changes git-session did not make"),
    ]);
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toContain('my edit');
    // Without uncommitted work it is git-session's to rewrite: what it replaces is in git.
    r.git(['restore', 'README.md']);
    expect(r.gs(['log', '--progress', 'another']).stderr).toBe('');
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toContain('# Session State');
  });

  it("git-session's own files: new ones carry the mark; rewritten, also when tracked and rewritten twice before a commit; a hand edit of a tracked one is kept; files of older versions are recognised", () => {
    const { r } = sessionRepo('feature/mine');
    r.ok(['handoff', '--write']);
    const file = join(r.dir, 'NEXT_SESSION.md');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(OWNED_LINES.handoff);
    r.ok(['handoff', '--write']);
    r.git(['add', 'NEXT_SESSION.md']);
    r.git(['commit', '-q', '-m', 'handoff']);
    r.ok(['handoff', '--write']);
    r.ok(['handoff', '--write']);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nmy note\n`);
    const edited = r.gs(['handoff', '--write']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("handoff.path 'NEXT_SESSION.md' has uncommitted changes git-session did not make");
    expect(edited.stderr).toContain('git restore -- NEXT_SESSION.md');
    expect(readFileSync(file, 'utf8')).toContain('my note');
    r.git(['restore', 'NEXT_SESSION.md']);
    r.ok(['handoff', '--write']);
    // A handoff and a decision log written before the mark existed.
    const id = r.json(['show']).id as string;
    const old = join(r.dir, 'old-handoff.md');
    writeFileSync(
      old,
      `# Handoff: old\n\n\`x\` on branch \`feature/mine\`\nSession id: ${id} — continue with \`git session resume x\`, then \`git session brief\`.\n`,
    );
    writeFileSync(
      join(r.dir, '.session/decisions.md'),
      '# Decision log\n\nDecisions recorded with git-session (`git session decisions add`), oldest first. Entries are\nappended.\n',
    );
    const d = r.gs(['decisions', 'add', 'kept in the old log']);
    expect(d.stderr).toBe('');
    expect(readFileSync(join(r.dir, '.session/decisions.md'), 'utf8')).toContain('kept in the old log');
    r.ok(['handoff', '--write', 'old-handoff.md']);
    expect(readFileSync(old, 'utf8').split('\n')[0]).toBe(OWNED_LINES.handoff);
    // The temp file a write killed before its rename left next to the file is cleaned by the next one.
    writeFileSync(join(r.dir, '.NEXT_SESSION.md.999999.0badc0de.tmp'), 'half');
    r.ok(['handoff', '--write']);
    expect(existsSync(join(r.dir, '.NEXT_SESSION.md.999999.0badc0de.tmp'))).toBe(false);
  });
});

describe('special files in a cloned repository are never read without end, nor waited on (Why #6)', () => {
  it('.session/config.yaml as a symlink to /dev/zero: start, a command and git switch (post-checkout) give one line each, in bounded memory; no branch is touched', () => {
    const { r } = sessionRepo('feature/zero');
    r.git(['switch', '-q', '-c', 'other']);
    r.git(['switch', '-q', 'feature/zero']);
    config(r, 'session_file:\n  enabled: true\n');
    r.ok(['log', '--progress', 'SESSION.md on']);
    rmSync(join(r.dir, '.session/config.yaml'));
    symlinkSync('/dev/zero', join(r.dir, '.session/config.yaml'));
    const start = gsBounded(r, ['start', 'feature/new', '-o', 'x']);
    expect(start.code).toBe(1);
    expect(gsLines(start.stderr)).toEqual([
      expect.stringContaining(".session/config.yaml' leads outside the repository through a symbolic link"),
    ]);
    expect(r.git(['branch', '--list', 'feature/new']).stdout).toBe('');
    const add = gsBounded(r, ['decisions', 'add', 'needs the config']);
    expect(add.code).toBe(1);
    expect(gsLines(add.stderr)).toHaveLength(1);
    const sw = bounded(r, ['git', 'switch', '-q', 'other']);
    expect(sw.code).toBe(0);
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('other');
    expect(sw.stderr).not.toContain('internal error');
  });

  it('.session/config.yaml as a FIFO and as a symlink to /dev/stdin: refused at once, never waited on', () => {
    const { r } = sessionRepo('feature/fifo');
    const path = join(r.dir, '.session/config.yaml');
    rmSync(path);
    mkfifo(path);
    const fifo = gsBounded(r, ['decisions', 'add', 'needs the config']);
    expect(fifo.code).toBe(1);
    expect(gsLines(fifo.stderr)).toEqual([
      expect.stringMatching(/config\.yaml is a FIFO \(named pipe\); git-session reads only regular files/),
    ]);
    rmSync(path);
    symlinkSync('/dev/stdin', path);
    const stdin = gsBounded(r, ['decisions', 'add', 'needs the config']);
    expect(stdin.code).toBe(1);
    expect(gsLines(stdin.stderr)).toHaveLength(1);
    // A symlink to a regular file inside the repository is still read.
    writeFileSync(join(r.dir, 'shared.yaml'), 'version: 1\ntrailers:\n  journal: false\n');
    rmSync(path);
    symlinkSync('../shared.yaml', path);
    expect(r.gs(['decisions', 'add', 'config through a link']).code).toBe(0);
  });

  it('architecture.md as /dev/zero or a FIFO: the brief goes on without it, one warning; conventions.md is still read', () => {
    const { r } = sessionRepo('feature/brief');
    writeFileSync(join(r.dir, '.session/conventions.md'), '# Conventions\n\nTabs, not spaces.\n');
    const path = join(r.dir, '.session/architecture.md');
    for (const make of [() => symlinkSync('/dev/zero', path), () => mkfifo(path)]) {
      rmSync(path, { force: true });
      make();
      const out = gsBounded(r, ['brief']);
      expect(out.code).toBe(0);
      expect(gsLines(out.stderr)).toEqual([expect.stringContaining('the brief goes on without it')]);
      expect(out.stdout).toContain('Tabs, not spaces.');
    }
  });

  it('.claude/settings.json and AGENTS.md as /dev/zero or a FIFO: agent install refuses with one line, nothing written', () => {
    const r = initRepo();
    mkdirSync(join(r.dir, '.claude'));
    for (const [target, rel] of [
      ['claude', '.claude/settings.json'],
      ['agents-md', 'AGENTS.md'],
    ] as const) {
      const path = join(r.dir, rel);
      for (const make of [() => symlinkSync('/dev/zero', path), () => mkfifo(path)]) {
        rmSync(path, { force: true });
        make();
        const out = gsBounded(r, ['agent', 'install', target]);
        expect(out.code, rel).toBe(1);
        expect(gsLines(out.stderr), rel).toHaveLength(1);
        expect(out.stderr, rel).toMatch(/symbolic link|FIFO/);
        expect(gsBounded(r, ['agent', 'status']).code).toBe(1);
      }
      rmSync(path);
    }
    expect(readdirSync(join(r.dir, '.claude'))).toEqual([]);
  });
});

describe('no write follows a symlinked folder out of the work tree (Why #7)', () => {
  it('.claude/ symlinked out of the repository: agent install and uninstall refuse; the outside folder is untouched', () => {
    const r = initRepo();
    const outside = tempDir('gs-victim-');
    writeFileSync(join(outside, 'settings.json'), '{"mine": true}\n');
    symlinkSync(outside, join(r.dir, '.claude'));
    for (const verb of ['install', 'uninstall']) {
      const out = r.gs(['agent', verb, 'claude']);
      expect(out.code, verb).toBe(1);
      expect(gsLines(out.stderr), verb).toEqual([
        expect.stringContaining(
          "'.claude/settings.json' leads outside the repository through a symbolic link; nothing was written — git-session does not follow the symbolic link .claude",
        ),
      ]);
    }
    expect(snapshot(outside)).toEqual({ 'settings.json': { kind: 'file', mode: 0o644, content: '{"mine": true}\n' } });
  });

  it('.session/ symlinked out of the repository: init refuses, nothing is written there; later commands do not read the config there', () => {
    const r = makeRepo();
    const outside = tempDir('gs-victim-');
    symlinkSync(outside, join(r.dir, '.session'));
    const init = r.gs(['init']);
    expect(init.code).toBe(1);
    expect(gsLines(init.stderr)).toEqual([
      expect.stringContaining(
        "the shared context folder '.session' leads outside the repository through a symbolic link",
      ),
    ]);
    expect(readdirSync(outside)).toEqual([]);
    // The link arriving after init: the config is not read there, no decision log is written there.
    rmSync(join(r.dir, '.session'));
    r.ok(['init']);
    r.ok(['start', 'feature/link', '-o', 'x']);
    rmSync(join(r.dir, '.session'), { recursive: true });
    writeFileSync(join(outside, 'config.yaml'), 'version: 1\n');
    symlinkSync(outside, join(r.dir, '.session'));
    const add = r.gs(['decisions', 'add', 'not outside']);
    expect(add.code).toBe(1);
    expect(gsLines(add.stderr)).toEqual([
      expect.stringContaining(
        "the config file '.session/config.yaml' leads outside the repository through a symbolic link",
      ),
    ]);
    expect(readdirSync(outside)).toEqual(['config.yaml']);
  });

  it('core.hooksPath naming a folder of the work tree that a symlink leads out of: hooks install refuses, nothing written outside', () => {
    const r = makeRepo();
    const outside = tempDir('gs-victim-');
    symlinkSync(outside, join(r.dir, '.githooks'));
    r.git(['config', 'core.hooksPath', '.githooks']);
    const out = r.gs(['init']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('leads outside the repository through a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a tracked node_modules/.bin/lefthook is never run by hooks install', () => {
    const r = makeRepo();
    const ran = join(r.dir, '..', 'lefthook-ran');
    r.commit('lefthook', {
      'lefthook.yml': 'pre-commit:\n  commands: {}\n',
      'node_modules/.bin/lefthook': `#!/bin/sh\ntouch '${ran}'\n`,
    });
    chmodSync(join(r.dir, 'node_modules/.bin/lefthook'), 0o755);
    const out = r.gs(['init']);
    expect(existsSync(ran)).toBe(false);
    expect(out.stderr).toContain('lefthook could not be run');
  });
});

/** Whether this process may make a private mount namespace (root on Linux): a real read-only mount. */
function canMount(): boolean {
  return process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
}

/** Run git-session with `store` mounted read-only, in a mount namespace that ends with it. */
function readOnly(r: TestRepo, store: string, args: string[]): Run {
  const p = spawnSync(
    'unshare',
    [
      '-m',
      'sh',
      '-c',
      'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"',
      'sh',
      store,
      process.execPath,
      BIN,
      ...args,
    ],
    { cwd: r.dir, env: r.env, encoding: 'utf8' },
  );
  return { code: p.status ?? 1, stdout: p.stdout, stderr: p.stderr };
}

describe('a read-only store (Why #13)', () => {
  it('rebuild, doctor, handoff --write and a change on a read-only store: one clear line each, exit 1, nothing changed, no file written', () => {
    const { r } = sessionRepo('feature/ro');
    const store = join(r.dir, '.git/sessions');
    const before = storeState(r);
    // A real read-only mount where one can be made; elsewhere EROFS from every change (fault-fs.cjs).
    const run = canMount()
      ? (args: string[]) => readOnly(r, store, args)
      : (args: string[]) => r.gs(args, { env: faultEnv(store, 'EROFS', 1) });
    // init read the history already: a rebuild with nothing new has nothing to write, and says so.
    expect(run(['rebuild']).code).toBe(0);
    for (const args of [['rebuild', '--full'], ['doctor'], ['handoff', '--write'], ['decisions', 'add', 'x']]) {
      const out = run(args);
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr, args.join(' ')).not.toContain('internal error');
      expect(out.stderr + out.stdout, args.join(' ')).toMatch(/read-only/);
    }
    const doctor = run(['doctor']);
    expect(doctor.stdout).toMatch(/^error .*read-only.*nothing was (repaired|changed)/m);
    expect(existsSync(join(r.dir, 'NEXT_SESSION.md'))).toBe(false);
    expect(storeState(r)).toEqual(before);
  });

  it('doctor as a user who may not write the store: reports it, exits 1', (ctx) => {
    const root = process.getuid?.() === 0;
    const setpriv = root ? which('setpriv') : null;
    if (root && !setpriv) ctx.skip();
    const { r } = sessionRepo('feature/perm');
    const store = join(r.dir, '.git/sessions');
    const before = snapshot(store);
    let out: Run;
    if (setpriv) {
      spawnSync('chmod', ['-R', 'a+rX,go-w', join(r.dir, '..')]);
      const p = spawnSync(
        setpriv,
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'doctor'],
        { cwd: r.dir, encoding: 'utf8', env: { ...r.env, GIT_CONFIG_PARAMETERS: "'safe.directory'='*'" } },
      );
      out = { code: p.status ?? 1, stdout: p.stdout, stderr: p.stderr };
    } else {
      chmodSync(store, 0o555);
      out = r.gs(['doctor']);
      chmodSync(store, 0o755);
    }
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(
      /^error the session store cannot be written: .*sessions \(permission denied\); nothing was repaired — check the owner and mode of /m,
    );
    expect(snapshot(store)).toEqual(before);
  });
});

describe('leftovers of killed runs (Why #13)', () => {
  /** A pid no process has: a child that has exited. */
  function deadPid(): number {
    return Number(spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim());
  }

  it('the next command holding the lock removes what a killed run left, everywhere in the store after a stale lock; a live process’s temp files stay', () => {
    const { r, id } = sessionRepo('feature/killed');
    const dead = deadPid();
    const store = join(r.dir, '.git/sessions');
    const dir = sessionDir(r, id);
    const left = [
      join(dir, `.trailers.${dead}.undo`),
      join(dir, `.events.jsonl.${dead}.0badc0de.tmp`),
      join(store, `branches/feature/.killed.${dead}.0badc0de.tmp`),
      join(store, `.config-cache.json.${dead}.0badc0de.tmp`),
      join(r.dir, `.git/.git-session-current.${dead}.undo`),
      join(r.dir, `.git/info/.exclude.${dead}.0badc0de.tmp`),
    ];
    const live = [join(dir, `.trailers.${process.pid}.0badc0de.tmp`), join(store, `branches/.x.${process.pid}.undo`)];
    mkdirSync(join(r.dir, '.git/info'), { recursive: true });
    for (const f of [...left, ...live]) writeFileSync(f, 'left');
    // Without a stale lock: the store's top and the folders the command writes (the session's).
    r.ok(['log', '--progress', 'after the kill']);
    expect(left.slice(0, 2).filter(existsSync)).toEqual([]);
    expect(existsSync(left[3]!)).toBe(false);
    expect([left[2], left[4], left[5]].filter((f) => existsSync(f!))).toEqual([left[2], left[4], left[5]]);
    // The lock of the killed run: everything it may have left goes.
    writeFileSync(
      join(store, 'lock'),
      JSON.stringify({ pid: Number(dead), host: hostname(), at: new Date().toISOString() }),
    );
    r.ok(['log', '--progress', 'after the stale lock']);
    expect(left.filter(existsSync)).toEqual([]);
    expect(live.filter(existsSync)).toEqual(live);
    expect(r.json(['show', id]).log.map((j: { text: string }) => j.text)).toEqual([
      'after the kill',
      'after the stale lock',
    ]);
  });

  it('doctor removes them and says so; a doctor run leaves no temp file or undo copy behind', () => {
    const { r, id } = sessionRepo('feature/doctor');
    const dead = deadPid();
    const dir = sessionDir(r, id);
    writeFileSync(join(dir, `.trailers.${dead}.undo`), 'left');
    writeFileSync(join(r.dir, '.git/sessions', `.format.${dead}.0badc0de.tmp`), 'left');
    const out = r.ok(['doctor']);
    expect(out.stdout).toContain('removed 2 leftover files of interrupted runs');
    const json = r.json(['doctor']);
    expect(json.leftovers).toEqual([]);
    expect(json.problems).toEqual([]);
    const dots = Object.keys(snapshot(join(r.dir, '.git/sessions'))).filter((p) =>
      /(^|\/)\.[^/]+\.(tmp|undo)$/.test(p),
    );
    expect(dots).toEqual([]);
    expect(readdirSync(join(r.dir, '.git')).filter((n) => /\.(tmp|undo)$/.test(n))).toEqual([]);
  });
});
