// The command line of issue 2, end to end: the built binary against real temporary repositories.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { BIN, cleanupAll, makeRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('init', () => {
  it('creates .session/ and the store, says what it created, and is idempotent', () => {
    const r = makeRepo();
    const first = r.ok(['init']);
    expect(first.stdout).toContain('.session/config.yaml');
    for (const f of ['config.yaml', 'architecture.md', 'conventions.md'])
      expect(existsSync(join(r.dir, '.session', f))).toBe(true);
    expect(readFileSync(join(r.dir, '.git/sessions/format'), 'utf8')).toBe('git-session-store 1\n');
    writeFileSync(join(r.dir, '.session/architecture.md'), 'mine');
    const second = r.json<{ created: string[] }>(['init']);
    expect(second.created).toEqual([]);
    expect(readFileSync(join(r.dir, '.session/architecture.md'), 'utf8')).toBe('mine');
  });

  it('fails clearly outside a repository', () => {
    const dir = tempDir();
    const r = makeRepo();
    const out = r.gs(['status'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^git-session: not a git repository — /);
    expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('start and status', () => {
  it('creates the branch from HEAD, switches to it and links a session (JSON contract)', () => {
    const r = makeRepo();
    const s = r.json([
      'start',
      'feature/oauth',
      '-o',
      'Google login',
      '-o',
      'GitHub login',
      '--task',
      '007',
      '--task',
      'JIRA-12',
      '--title',
      'OAuth',
    ]);
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/oauth');
    expect(s).toMatchObject({
      name: 'oauth',
      title: 'OAuth',
      branch: 'feature/oauth',
      status: 'active',
      tasks: ['007', 'JIRA-12'],
    });
    expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(s.objectives.map((o: { text: string; status: string }) => [o.text, o.status])).toEqual([
      ['Google login', 'open'],
      ['GitHub login', 'open'],
    ]);
    for (const key of ['decisions', 'blockers', 'log', 'commits']) expect(s[key]).toEqual([]);
    const status = r.json(['status']);
    expect(status.id).toBe(s.id);
  });

  it('links the current or an existing branch without creating one', () => {
    const r = makeRepo();
    r.git(['branch', 'existing']);
    expect(r.json(['start', 'main']).branch).toBe('main');
    expect(r.json(['start', 'existing', '--name', 'ex']).name).toBe('ex');
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('existing');
  });

  it('refuses a second session on a branch and points at resume', () => {
    const r = makeRepo();
    r.ok(['start', 'feature/x']);
    const out = r.gs(['start', 'feature/x']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("branch 'feature/x' already has an active session");
    expect(out.stderr).toContain('git session resume feature/x');
  });

  it('refuses an invalid branch name and a taken short name', () => {
    const r = makeRepo();
    expect(r.gs(['start', 'bad..name']).code).toBe(1);
    expect(r.gs(['start', '--', '-leading']).stderr).toMatch(/not a valid branch name/);
    r.ok(['start', 'a', '--name', 'same']);
    expect(r.gs(['start', 'b', '--name', 'same']).stderr).toContain("a session named 'same' already exists");
  });

  it('says so on a branch without a session, exit 0', () => {
    const r = makeRepo();
    const out = r.gs(['status']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("No session on branch 'main'");
    expect(r.json(['status'])).toBeNull();
  });

  it('shows objectives, blockers, decisions, journal and next steps', () => {
    const r = makeRepo();
    r.ok(['start', 'f', '-o', 'first']);
    r.ok(['blockers', 'add', 'waiting on keys']);
    r.ok(['decisions', 'add', 'Use JWT', '--rationale', 'stateless']);
    r.ok(['log', '--progress', 'half way', '--next', 'write tests']);
    const text = r.ok(['status']).stdout;
    for (const piece of [
      '[ ] obj-',
      'first',
      'waiting on keys',
      'Use JWT',
      'why: stateless',
      'half way',
      '→ write tests',
    ])
      expect(text).toContain(piece);
    expect(r.ok(['status', '--objectives']).stdout).not.toContain('Use JWT');
  });
});

describe('objectives, blockers, decisions, log', () => {
  it('log --done with the text of a next step finishes it: status and brief stop listing it', () => {
    const r = makeRepo();
    r.ok(['start', 'f', '-o', 'Ship it']);
    r.ok(['log', '--next', 'Write the parser', '--next', 'Wire the CLI']);
    expect(r.json(['status']).next).toEqual(['Wire the CLI', 'Write the parser']);
    const out = r.gs(['log', '--done', 'write the parser']);
    expect(out.stderr).not.toContain('names no objective');
    expect(r.json(['status']).next).toEqual(['Wire the CLI']);
    expect(r.json(['brief']).next.steps).toEqual(['Wire the CLI']);
    expect(r.gs(['log', '--done', 'something else']).stderr).toContain('names no objective or next step');
  });

  it('moves objectives through their states by id, prefix and text', () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const a = r.json(['objectives', 'add', 'Write the parser']);
    const [b, c] = r.json(['objectives', 'add', 'Second', 'Third']);
    expect(a.status).toBe('open');
    expect(r.json(['objectives', 'start', a.id.slice(4)]).status).toBe('in-progress');
    expect(r.json(['objectives', 'complete', a.id]).status).toBe('done');
    expect(r.json(['objectives', 'complete', 'Second']).id).toBe(b.id);
    expect(r.json(['objectives', 'reopen', b.id]).status).toBe('open');
    const list = r.json(['objectives', 'list']);
    expect(list.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [a.id, 'done'],
      [b.id, 'open'],
      [c.id, 'open'],
    ]);
  });

  it('explains unknown ids, missing actions and unknown actions', () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const unknown = r.gs(['objectives', 'complete', 'obj-zzzz']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('git session objectives list');
    // A noun alone runs its list, as `git remote` and `git branch` do.
    expect(r.gs(['objectives']).stdout).toContain('Objectives  0/0 done');
    const bad = r.gs(['objectives', 'frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown objectives action 'frobnicate'");
    expect(r.gs(['objectives', '--session', 'f']).stderr).toContain('needs an action first');
    expect(r.gs(['blockers', 'resolve']).code).toBe(2);
  });

  it('resolves blockers with a note', () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const b = r.json(['blockers', 'add', 'keys']);
    const resolved = r.json(['blockers', 'resolve', b.id, '--note', 'they came']);
    expect(resolved).toMatchObject({ id: b.id, status: 'resolved', note: 'they came' });
    expect(r.gs(['blockers', 'resolve', b.id]).stderr).toContain('already resolved');
    expect(r.json(['status']).blockers).toEqual([expect.objectContaining({ id: b.id, status: 'resolved' })]);
  });

  it('stores any text exactly: quotes, #, colons, unicode, newlines, dashes, numbers', () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const text = 'Use "PKCE" #1: safer — 日本語 🚀\nSigned-off-by: nobody\n  indented';
    const d = r.json([
      'decisions',
      'add',
      text,
      '--rationale',
      '-starts with a dash; has a semicolon',
      '--alternatives',
      '0x10',
    ]);
    expect(d).toMatchObject({ text, rationale: '-starts with a dash; has a semicolon', alternatives: '0x10' });
    expect(r.json(['decisions', 'list'])[0]).toMatchObject({ text, rationale: d.rationale, alternatives: '0x10' });
    const o = r.gs(['objectives', 'add', '--json', '--', '-x', '42', '--json']);
    expect(JSON.parse(o.stdout).map((x: { text: string }) => x.text)).toEqual(['-x', '42', '--json']);
  });

  it('refuses empty text and oversized text with the limit', () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const blank = r.gs(['decisions', 'add', '  ']);
    expect(blank.stderr).toContain('decision is empty');
    expect(blank.code).toBe(2);
    const big = r.gs(['decisions', 'add', 'x'.repeat(20000)]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('the limit is 16384');
  });

  it('logs journal entries; --done completes the objective it names by id or exact text', () => {
    const r = makeRepo();
    r.ok(['start', 'f', '-o', 'Parser', '-o', 'Lexer']);
    const [parser, lexer] = r.json(['objectives', 'list']);
    const out = r.json([
      'log',
      '--progress',
      'p',
      '--discovery',
      'd',
      '--next',
      'n',
      '--done',
      'Parser',
      '--done',
      lexer.id,
    ]);
    expect(out.completed.sort()).toEqual([parser.id, lexer.id].sort());
    const s = r.json(['status']);
    expect(s.log.map((e: { kind: string }) => e.kind)).toEqual(['progress', 'discovery', 'next', 'done', 'done']);
    expect(s.next).toEqual(['n']);
    expect(s.objectives.every((o: { status: string }) => o.status === 'done')).toBe(true);
    const unmatched = r.gs(['log', '--done', 'something else']);
    expect(unmatched.code).toBe(0);
    expect(unmatched.stderr).toContain('names no objective');
    expect(r.gs(['log']).code).toBe(2);
  });
});

describe('lifecycle', () => {
  it('handoff --write PATH is relative to the directory it is typed in, and stays in the repository', () => {
    const r = makeRepo();
    r.json(['start', 'feature/h', '-o', 'H']);
    r.write('sub/deep/.keep', '');
    r.ok(['handoff', '--write', 'here.md'], { cwd: join(r.dir, 'sub/deep') });
    expect(existsSync(join(r.dir, 'sub/deep/here.md'))).toBe(true);
    const out = r.gs(['handoff', '--write', '../../../x.md'], { cwd: join(r.dir, 'sub/deep') });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('is not a path inside the repository');
  });

  it('list points out open sessions untouched for weeks and sessions whose branch is gone', () => {
    const r = makeRepo();
    const t0 = { GIT_SESSION_NOW: '2026-01-05T09:00:00Z' };
    r.json(['start', 'feature/old', '-o', 'Old work'], { env: t0 });
    r.json(['start', 'feature/gone', '-o', 'Gone work'], { env: t0 });
    r.git(['switch', '-q', 'main']);
    r.git(['branch', '-D', 'feature/gone']);
    const later = { GIT_SESSION_NOW: '2026-01-26T09:00:00Z' };
    const rows = r.json(['list'], { env: later });
    expect(Object.fromEntries(rows.map((x: any) => [x.name, x.attention]))).toEqual({
      old: ['stale: untouched for 21 days'],
      gone: ['stale: untouched for 21 days', 'branch gone'],
    });
    expect(r.json(['list'], { env: t0 }).find((x: any) => x.name === 'old').attention).toEqual([]);
    // A tag of the same name does not hide the branch.
    r.git(['tag', 'feature/old']);
    expect(r.json(['list'], { env: t0 }).find((x: any) => x.name === 'old').attention).toEqual([]);
    expect(r.ok(['list'], { env: later }).stdout).toMatch(/gone .*\(stale: untouched for 21 days, branch gone\)/);
  });

  it('edit changes title, name and task links; the next commit carries them', () => {
    const r = initRepo();
    r.json(['start', 'feature/e', '-o', 'Ship it', '--task', 'A-1']);
    r.commit('feat: first');
    const v = r.json(['edit', '--title', 'Ship it well', '--name', 'ship', '--task', 'A-2']);
    expect(v).toMatchObject({ title: 'Ship it well', name: 'ship', tasks: ['A-1', 'A-2'] });
    r.commit('feat: second');
    const info = r.git(['log', '-1', '--format=%(trailers:key=Session-Info,valueonly)']).stdout;
    expect(info).toContain('title Ship it well');
    expect(info).toContain('name ship');
    expect(info).toContain('task A-2');
    expect(r.gs(['edit']).code).toBe(2);
    r.json(['start', 'feature/f']);
    expect(r.gs(['edit', '--name', 'ship']).stderr).toContain("a session named 'ship' already exists");
  });

  it('start with a broken config.yaml fails before touching any branch', () => {
    const r = initRepo();
    writeFileSync(join(r.dir, '.session', 'config.yaml'), 'version: 1\ntrailers:\n  enabled: "yes"\n');
    const out = r.gs(['start', 'feature/new', '-o', 'N']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("'trailers.enabled' must be a boolean");
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('main');
    expect(r.git(['branch', '--list', 'feature/new']).stdout).toBe('');
  });

  it('start and switch --from place a new branch on the given ref, not on the current branch', () => {
    const r = makeRepo();
    const main = r.head();
    r.json(['start', 'feature/a', '-o', 'A1']);
    r.commit('feat: on a', { 'a.txt': 'a\n' });
    r.json(['switch', 'hotfix/crash', '--from', 'main', '-o', 'Fix the crash']);
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('hotfix/crash');
    expect(r.head()).toBe(main);
    expect(r.json(['start', 'docs/x', '--from', 'feature/a']).branch).toBe('docs/x');
    expect(r.git(['rev-parse', 'HEAD^{tree}']).stdout).toBe(r.git(['rev-parse', 'feature/a^{tree}']).stdout);
    for (const bad of ['nope', '-x', 'main..feature/a']) {
      const out = r.gs(['start', 'y', '--from', bad]);
      expect(out.code, bad).toBe(1);
      expect(out.stderr).toContain('names no commit');
    }
    expect(r.gs(['start', 'feature/a', '--from', 'main']).stderr).toMatch(
      /already has|--from only places a new branch/,
    );
  });

  it('pauses, resumes with a brief, switches, ends, abandons and reopens', () => {
    const r = makeRepo();
    const a = r.json(['start', 'feature/a', '-o', 'A1']);
    r.ok(['log', '--next', 'continue A']);
    expect(r.json(['pause', '--note', 'lunch'])).toMatchObject({ status: 'paused', pauseNote: 'lunch' });
    expect(r.ok(['pause']).stdout).toContain('already paused');

    const b = r.json(['switch', 'feature/b', '-o', 'B1']);
    expect(b.status).toBe('active');
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/b');

    const resumed = r.ok(['resume', 'feature/a']);
    expect(resumed.stdout).toContain('Resumed a');
    expect(resumed.stdout).toContain('next: continue A');
    expect(resumed.stderr).toContain("Paused 'b'");
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/a');
    expect(r.json(['show', b.id]).status).toBe('paused');

    expect(r.json(['switch', 'feature/b']).status).toBe('active');
    expect(r.json(['show', a.id]).status).toBe('paused');

    const ended = r.json(['end', '--summary', 'B shipped']);
    expect(ended).toMatchObject({ status: 'completed', summary: 'B shipped' });
    expect(r.gs(['end']).stderr).toContain('already completed');
    const abandoned = r.json(['close', '--abandon', '--reason', 'not needed', '--session', 'a']);
    expect(abandoned).toMatchObject({ status: 'abandoned', endReason: 'not needed' });
    expect(r.gs(['end', '--abandon']).code).toBe(2);

    expect(r.json(['list'])).toEqual([]);
    const all = r.json(['list', '--all']);
    expect(all.map((s: { name: string; status: string }) => [s.name, s.status]).sort()).toEqual([
      ['a', 'abandoned'],
      ['b', 'completed'],
    ]);
    expect(r.json(['list', '--status', 'abandoned']).map((s: { name: string }) => s.name)).toEqual(['a']);
    expect(r.gs(['list', '--status', 'weird']).code).toBe(2);

    const reopened = r.json(['reopen', 'b']);
    expect(reopened.status).toBe('active');
    expect(r.json(['reopen', a.id.slice(0, 20)]).status).toBe('paused');
  });

  it('resume with no argument picks the latest paused session', () => {
    const r = makeRepo();
    r.ok(['start', 'one']);
    r.ok(['switch', 'two']);
    r.git(['switch', '-q', 'main']);
    const out = r.json(['resume']);
    expect(out.name).toBe('two');
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('two');
  });

  it('resolves sessions by unique id prefix and refuses ambiguous ones', () => {
    const r = makeRepo();
    const a = r.json(['start', 'x1']);
    r.ok(['start', 'x2']);
    expect(r.json(['show', a.id.slice(0, 23)]).id).toBe(a.id);
    expect(r.json(['show', 'x1']).id).toBe(a.id);
    const amb = r.gs(['show', a.id.slice(0, 2)]);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toContain('matches more than one session');
    expect(r.gs(['show', 'nope']).stderr).toContain("no session matches 'nope'");
  });

  it('reports a dirty worktree that blocks a switch, and changes nothing', () => {
    const r = makeRepo();
    r.ok(['start', 'a']);
    r.commit('a file', { 'f.txt': 'a\n' });
    r.git(['switch', '-q', 'main']);
    r.ok(['start', 'b']);
    r.write('f.txt', 'local change\n');
    r.git(['add', 'f.txt']);
    const out = r.gs(['resume', 'a']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("git could not switch to 'a'");
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('b');
    expect(r.json(['status']).status).toBe('active');
  });
});

describe('command line', () => {
  it('rejects unknown commands and options with exit 2 and one line', () => {
    const r = makeRepo();
    const cmd = r.gs(['frobnicate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toBe("git-session: unknown command 'frobnicate' — see the commands: git session -h\n");
    const opt = r.gs(['status', '--frob']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toBe(
      "git-session: unknown option '--frob' for git session status — see: git session status -h\n",
    );
    for (const o of [cmd, opt]) expect(o.stderr).not.toContain('    at ');
  });

  it('prints JSON errors on stdout with --json', () => {
    const r = makeRepo();
    const out = r.gs(['objectives', 'list', '--json']);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({
      error: { code: 'no-session', message: "no session on branch 'main'", hint: expect.any(String) },
    });
  });

  it('has short usage (-h) for every command', () => {
    const r = makeRepo();
    for (const c of [
      'init',
      'start',
      'status',
      'objectives',
      'blockers',
      'decisions',
      'log',
      'pause',
      'resume',
      'switch',
      'end',
      'reopen',
      'list',
      'show',
      'repair',
    ]) {
      const out = r.gs([c, '-h']);
      expect(out.code, c).toBe(0);
      expect(out.stdout, c).toMatch(new RegExp(`^usage: git session ${c === 'repair' ? 'doctor' : c}`));
    }
  });

  it('works as `git session` through git', () => {
    const r = makeRepo();
    const out = r.git(['session', 'start', 'feature/via-git', '-o', 'x']);
    expect(out.stderr).toContain("Started session 'via-git'");
    expect(r.git(['session', '--version']).stdout).toMatch(/^git-session version \d+\.\d+\.\d+\n$/);
  });
});

describe('concurrency and damage', () => {
  function spawnGs(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
    return new Promise((res) => {
      const p = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: 'ignore' });
      p.on('close', (code) => res(code ?? 1));
    });
  }

  it('loses no event when many commands write at the same moment', async () => {
    const r = makeRepo();
    r.ok(['start', 'f']);
    const codes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => spawnGs(r.dir, r.env, ['decisions', 'add', `decision ${i}`])),
    );
    expect(codes).toEqual(Array(8).fill(0));
    const texts = r
      .json(['decisions', 'list'])
      .map((d: { text: string }) => d.text)
      .sort();
    expect(texts).toEqual(Array.from({ length: 8 }, (_, i) => `decision ${i}`).sort());
    const journal = readFileSync(join(r.dir, '.git/sessions', r.json(['status']).id, 'events.jsonl'), 'utf8');
    const seqs = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('sets an interrupted last line aside with a warning, keeping everything readable', () => {
    const r = makeRepo();
    const s = r.json(['start', 'f', '-o', 'keep me']);
    const journal = join(r.dir, '.git/sessions', s.id, 'events.jsonl');
    writeFileSync(journal, `${readFileSync(journal, 'utf8')}{"v":1,"id":"half`);
    const out = r.gs(['status', '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('an interrupted write left an incomplete last line');
    expect(JSON.parse(out.stdout).objectives[0].text).toBe('keep me');
    expect(readFileSync(join(r.dir, '.git/sessions', s.id, 'damaged.jsonl'), 'utf8')).toContain(
      '{\\"v\\":1,\\"id\\":\\"half',
    );
    expect(r.gs(['status']).stderr).toBe('');
  });

  it('stops on damage inside the journal, naming the file, line and the way out; repair sets it aside', () => {
    const r = makeRepo();
    const s = r.json(['start', 'f', '-o', 'keep me']);
    const journal = join(r.dir, '.git/sessions', s.id, 'events.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines.splice(1, 0, 'garbage');
    writeFileSync(journal, lines.join('\n'));
    const out = r.gs(['status']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${journal}:2: damaged event`);
    expect(out.stderr).toContain('git session doctor');
    expect(r.json(['repair']).repaired[0].lines).toEqual([2]);
    expect(r.json(['status']).objectives[0].text).toBe('keep me');
  });
});
