// The hooks under the two hook managers git-session supports: husky v9 (.husky/<hook>, run from
// core.hooksPath=.husky/_) and lefthook (a git-session command per hook in lefthook-local.yml).
// Both are devDependencies of this package, so the real tools are used.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_NAMES } from '../../src/model/hook-contract.js';
import { addDecision, parsed, recorded, sessionDir, startSession, values } from '../helpers/hooks.js';
import { cleanupAll, makeRepo, ROOT, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const HOOKS = HOOK_NAMES;

type Json = any;

function states(st: Json): Record<string, string> {
  return Object.fromEntries(st.hooks.map((h: { hook: string; state: string }) => [h.hook, h.state]));
}

describe('husky v9', () => {
  const huskyBin = join(ROOT, 'node_modules', 'husky', 'bin.js');
  let r: TestRepo;
  let id: string;
  const userHook = 'echo "husky user hook: $1" >> "$(git rev-parse --git-dir)/husky-ran"\n';
  const husky = () => {
    const out = spawnSync(process.execPath, [huskyBin], { cwd: r.dir, env: r.env, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
  };

  beforeAll(() => {
    r = makeRepo();
    r.write('package.json', '{ "name": "t", "private": true }\n');
    husky();
    r.write('.husky/commit-msg', userHook);
    r.git(['add', 'package.json', '.husky/commit-msg']);
    r.git(['commit', '-q', '-m', 'husky set up']);
  });

  it('husky itself is set up (core.hooksPath = .husky/_)', () => {
    expect(r.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
    expect(existsSync(join(r.dir, '.husky/_/h'))).toBe(true);
  });

  let initOut = '';
  it('git session init writes .husky/<hook>; a user husky hook keeps its lines; commits gain trailers', () => {
    initOut = r.ok(['init']).stderr;
    const st = r.json(['hooks', 'status']);
    expect(st.manager).toBe('husky');
    expect(st.installed).toBe(true);
    expect(states(st)).toEqual(Object.fromEntries(HOOKS.map((h) => [h, 'installed'])));
    for (const h of HOOKS) expect(readFileSync(join(r.dir, '.husky', h), 'utf8')).toContain('# >>> git-session >>>');
    expect(readFileSync(join(r.dir, '.husky/commit-msg'), 'utf8').endsWith(userHook)).toBe(true);
    // nothing of ours in the generated .husky/_ (husky rewrites it on every install)
    for (const h of HOOKS) expect(readFileSync(join(r.dir, '.husky/_', h), 'utf8')).not.toContain('git-session');

    id = startSession(r, 'feature/husky', ['husky objective']);
    const d = addDecision(r, 'via husky');
    r.git(['commit', '-q', '--allow-empty', '-m', 'Husky -m']);
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Decisions')).toEqual([`${d} via husky`]);
    expect(recorded(r, id)).toContain(r.head());
    expect(readFileSync(join(r.dir, '.git/husky-ran'), 'utf8')).toMatch(/^husky user hook: /);
    // editor flow: commit-msg through husky
    const d2 = addDecision(r, 'via husky commit-msg');
    const ed = join(tempDir(), 'ed.sh');
    writeFileSync(ed, '#!/bin/sh\nprintf "Husky editor\\n" > "$1"\n', { mode: 0o755 });
    r.git(['commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: ed } });
    expect(parsed(r)).toEqual([
      `Session: ${id}`,
      `Decisions: ${d2} via husky commit-msg`,
      expect.stringMatching(/^Session-Info: clock [1-9][0-9]*$/),
    ]);
    // post-rewrite through husky
    const old = r.head();
    r.git(['commit', '-q', '--allow-empty', '--amend', '--no-edit']);
    expect(readFileSync(join(r.dir, '.git/sessions/rewrites'), 'utf8')).toContain(`${old} ${r.head()}\n`);
  });

  it('init does not claim a non-executable .husky/<hook> will not run (husky runs it with sh)', () => {
    expect(initOut).not.toMatch(/commit-msg is not executable/);
  });

  it('.husky/_ removed: status reports the hooks bypassed, with a fix', () => {
    rmSync(join(r.dir, '.husky/_'), { recursive: true });
    const st = r.json(['hooks', 'status']);
    expect(st.manager).toBe('husky');
    expect(st.installed).toBe(false);
    expect(states(st)).toEqual(Object.fromEntries(HOOKS.map((h) => [h, 'bypassed'])));
    expect(st.problems).toHaveLength(1);
    expect(st.problems[0].message).toContain('.husky/_');
    expect(st.problems[0].fix).toMatch(/husky/);
    const text = r.gs(['hooks', 'status']);
    expect(text.stdout).toMatch(/problem: .*husky/);
    // git itself goes on (no hook runs at all)
    addDecision(r, 'while husky is broken');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'No husky']);
    expect(out.code).toBe(0);
    expect(parsed(r)).toEqual([]);
    // the fix works
    husky();
    expect(r.json(['hooks', 'status']).installed).toBe(true);
  });

  it('uninstall removes the files it created and only its block from the user hook', () => {
    r.ok(['hooks', 'uninstall']);
    for (const h of HOOKS.filter((x) => x !== 'commit-msg')) expect(existsSync(join(r.dir, '.husky', h))).toBe(false);
    expect(readFileSync(join(r.dir, '.husky/commit-msg'), 'utf8')).toBe(userHook);
    expect(r.git(['status', '--porcelain', '--', '.husky']).stdout).toBe('');
    expect(states(r.json(['hooks', 'status']))).toEqual(Object.fromEntries(HOOKS.map((h) => [h, 'missing'])));
  });
});

describe('lefthook', () => {
  const exe = createRequire(join(ROOT, 'package.json'))('lefthook/get-exe').getExePath() as string;
  let bin: string;
  beforeAll(() => {
    bin = tempDir('gs-lefthook-');
    symlinkSync(exe, join(bin, 'lefthook'));
  });

  function lefthookRepo(local?: string): TestRepo {
    const r = makeRepo();
    r.env.PATH = `${bin}:${r.env.PATH}`;
    r.write('lefthook.yml', 'pre-commit:\n  commands:\n    hello:\n      run: echo hello-from-lefthook\n');
    if (local !== undefined) r.write('lefthook-local.yml', local);
    r.git(['add', 'lefthook.yml']);
    r.git(['commit', '-q', '-m', 'lefthook config']);
    const out = spawnSync('lefthook', ['install'], { cwd: r.dir, env: r.env, encoding: 'utf8' });
    expect(out.status, out.stderr + out.stdout).toBe(0);
    return r;
  }

  it('init adds git-session commands to lefthook-local.yml, runs lefthook install; commits gain trailers', () => {
    const r = lefthookRepo();
    const committed = readFileSync(join(r.dir, 'lefthook.yml'), 'utf8');
    r.ok(['init']);
    expect(readFileSync(join(r.dir, 'lefthook.yml'), 'utf8')).toBe(committed);
    const local = readFileSync(join(r.dir, 'lefthook-local.yml'), 'utf8');
    for (const h of HOOKS) expect(local).toContain(`${h}:`);
    expect(local.match(/git-session:/g)).toHaveLength(7);
    // lefthook wrote its own scripts for the newly configured hooks
    for (const h of HOOKS) expect(readFileSync(join(r.dir, '.git/hooks', h), 'utf8')).toContain('lefthook');
    const st = r.json(['hooks', 'status']);
    expect(st.manager).toBe('lefthook');
    expect(st.installed).toBe(true);
    // idempotent
    const again = r.json(['hooks', 'install']);
    expect(again.changes).toEqual([]);
    expect(readFileSync(join(r.dir, 'lefthook-local.yml'), 'utf8')).toBe(local);

    const id = startSession(r, 'feature/lefthook', ['lefthook objective']);
    const d = addDecision(r, 'via lefthook');
    const out = r.git(['commit', '-q', '--allow-empty', '-m', 'Lefthook -m']);
    expect(out.stdout + out.stderr).toContain('hello'); // the team's own pre-commit still runs
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Decisions')).toEqual([`${d} via lefthook`]);
    expect(recorded(r, id)).toContain(r.head());
    // post-rewrite gets git's stdin through lefthook (use_stdin)
    const d2 = addDecision(r, 'dropped through lefthook');
    r.git(['commit', '-q', '--allow-empty', '-m', 'to drop']);
    const old = r.head();
    r.git(['commit', '-q', '--allow-empty', '--amend', '-m', 'dropped']);
    expect(readFileSync(join(r.dir, '.git/sessions/rewrites'), 'utf8')).toContain(`${old} ${r.head()}\n`);
    expect(readFileSync(join(sessionDir(r, id), 'carry'), 'utf8')).toContain(
      `Decisions: ${d2} dropped through lefthook`,
    );
    // post-checkout through lefthook
    const sw = r.git(['switch', 'main']);
    expect(sw.stderr).toMatch(/paused 'lefthook'/);
    expect(r.json(['show', id]).status).toBe('paused');

    r.ok(['hooks', 'uninstall']);
    expect(existsSync(join(r.dir, 'lefthook-local.yml'))).toBe(false);
    expect(states(r.json(['hooks', 'status']))).toEqual(Object.fromEntries(HOOKS.map((h) => [h, 'missing'])));
  });

  it('an existing lefthook-local.yml keeps the user’s commands; uninstall gives back the same text', () => {
    const userLocal =
      '# my local overrides\ncommit-msg:\n  commands:\n    mine:\n      run: echo mine >> "$(git rev-parse --git-dir)/mine-ran"\n';
    const r = lefthookRepo(userLocal);
    r.ok(['init']);
    const local = readFileSync(join(r.dir, 'lefthook-local.yml'), 'utf8');
    expect(local).toContain('# my local overrides');
    expect(local).toContain('mine:');
    expect(local.match(/git-session:/g)).toHaveLength(7);
    const id = startSession(r, 'feature/lh-local');
    const d = addDecision(r, 'alongside a local command');
    r.git(['commit', '-q', '--allow-empty', '-m', 'Local']);
    expect(existsSync(join(r.dir, '.git/mine-ran'))).toBe(true);
    expect(values(r, 'Session')).toEqual([id]);
    expect(values(r, 'Decisions')).toEqual([`${d} alongside a local command`]);
    r.ok(['hooks', 'uninstall']);
    expect(readFileSync(join(r.dir, 'lefthook-local.yml'), 'utf8')).toBe(userLocal);
  });

  it('lefthook scripts missing for our hooks: status says bypassed and how to fix it', () => {
    const r = lefthookRepo();
    r.ok(['init']);
    rmSync(join(r.dir, '.git/hooks/commit-msg'));
    const st = r.json(['hooks', 'status']);
    expect(st.installed).toBe(false);
    expect(states(st)['commit-msg']).toBe('bypassed');
    expect(st.problems.map((p: { fix: string }) => p.fix)).toContain('run: lefthook install');
  });
});
