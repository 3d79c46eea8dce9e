// Secrets kept out (issue 12.5), through the built binary on a real repository: one sample of
// every rule's format (made at test time), typed into every kind of text a command stores, is
// refused with exit 1 naming the rule and the position; afterwards the secret is nowhere — not in
// the store, a commit, a ref, SESSION.md, any output, nor what the agent hooks print. Texts that
// only look alike pass; config `secrets.allow` lets a named false positive through.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../src/core/secrets.js';
import { sessionRepo, spawnAsync } from '../helpers/hooks.js';
import { BIN, cleanupAll, type Run, type TestRepo } from '../helpers/repo.js';
import { r as random, SAMPLES } from '../helpers/secret-samples.js';

afterAll(cleanupAll);

/** Every file under `dir`, as text (binary files too: a secret is searched for as bytes). */
function filesUnder(dir: string, skip: (path: string) => boolean): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skip(path)) continue;
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path, skip));
    else if (st.isFile()) out.push({ path, text: readFileSync(path, 'latin1') });
  }
  return out;
}

/** Everything a secret could have reached: the work tree, the store, history and refs. */
function everywhere(r: TestRepo): { path: string; text: string }[] {
  const git = (args: string[]) => r.git(args).stdout;
  return [
    ...filesUnder(r.dir, (p) => p === join(r.dir, '.git', 'objects')),
    { path: 'git log --all', text: git(['log', '--all', '--format=%H%n%B%n%(trailers:unfold)']) },
    { path: 'refs', text: git(['for-each-ref', '--format=%(refname)']) },
    { path: 'objects', text: git(['rev-list', '--all', '--objects']) },
  ];
}

/** The middle of a secret: what must never be found (its prefix alone, `ghp_`, is not a leak). */
const core = (secret: string) => secret.slice(Math.floor(secret.length / 3), Math.floor(secret.length / 3) + 12);

const gs = (r: TestRepo, args: string[]): Promise<Run> => spawnAsync(process.execPath, [BIN, ...args], r);

/** The binary with `input` on stdin, without waiting. */
const gsInput = (r: TestRepo, args: string[], input: string): Promise<Run> =>
  spawnAsync(process.execPath, [BIN, ...args], r, { input });

/** Each kind of text a command stores, with the secret in it. */
const PLACES: ((s: string) => string[])[] = [
  (s) => ['decisions', 'add', `Deploy with ${s} for now`],
  (s) => ['decisions', 'add', 'Use the staging cluster', '--rationale', `its key is ${s}`],
  (s) => ['decisions', 'add', 'Use the staging cluster', '--alternatives', s],
  (s) => ['objectives', 'add', `Rotate ${s}`],
  (s) => ['blockers', 'add', `CI fails with ${s}`],
  (s) => ['log', '--progress', `tried ${s}`],
  (s) => ['log', '--discovery', s],
  (s) => ['log', '--next', `set TOKEN=${s} in CI`],
  (s) => ['next', `the key: ${s}`],
  (s) => ['pause', '--note', s],
  (s) => ['checkpoint', '--no-commit', '--label', 'login', '--note', s],
  (s) => ['edit', '--title', s],
  (s) => ['end', '--summary', `done; key ${s}`],
  (s) => ['start', 'feature/other', '-o', s],
  (s) => ['decisions', 'add', '-', `multi-line\n\n${s}\n`],
];

describe('a secret typed into any text', () => {
  const { r, id } = sessionRepo('feature/secrets', ['Keep tokens out']);
  // SESSION.md is written on every change: where a stored secret would show first.
  writeFileSync(join(r.dir, '.session', 'config.yaml'), 'session_file:\n  enabled: true\n');
  r.ok(['decisions', 'add', 'Use OAuth', '--rationale', 'the team knows it']);
  r.commit('first work', { 'a.txt': 'a\n' });

  const secrets = SECRET_RULES.map((rule) => ({ rule: rule.id, secret: SAMPLES[rule.id]!() }));

  it('is refused for every rule, naming the rule and where, never echoing it', { timeout: 60_000 }, async () => {
    const runs: { rule: string; secret: string; args: string[]; out: Run }[] = [];
    // Four at a time: each is refused before anything is written, so they cannot disturb each other.
    for (let i = 0; i < secrets.length; i += 4) {
      const batch = secrets.slice(i, i + 4).map(async ({ rule, secret }, j) => {
        const place = PLACES[(i + j) % PLACES.length]!(secret);
        // A text given as `-` comes on stdin.
        const stdin = place[2] === '-' ? place.pop()! : undefined;
        const out = stdin ? await gsInput(r, place, stdin) : await gs(r, place);
        runs.push({ rule, secret, args: place, out });
      });
      await Promise.all(batch);
    }
    expect(runs).toHaveLength(SECRET_RULES.length);
    for (const { rule, secret, args, out } of runs) {
      const what = `${rule} via ${args.slice(0, 2).join(' ')}`;
      expect(out.code, `${what}: ${out.stderr}`).toBe(1);
      const lines = out.stderr.trim().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(
        new RegExp(`^git-session: the .+ holds .+ \\(rule ${rule}\\) at line \\d+, column \\d+`),
      );
      expect(lines[0], what).toContain('nothing was recorded');
      expect(out.stdout + out.stderr, what).not.toContain(core(secret));
    }
  });

  it('is nowhere afterwards: store, work tree, SESSION.md, commits, refs, agent hook output', async () => {
    // What the session's next commit, its brief and the agent hooks carry.
    r.commit('more work', { 'b.txt': 'b\n' });
    const outputs = [
      r.ok(['brief']).stdout,
      r.ok(['status', '--json']).stdout,
      r.ok(['show', id, '--json']).stdout,
      r.gs(['agent', 'hook', 'session-start'], { input: '{}' }).stdout,
      r.gs(['agent', 'hook', 'user-prompt'], { input: JSON.stringify({ prompt: 'continue', session_id: 'c1' }) })
        .stdout,
    ];
    expect(readFileSync(join(r.dir, 'SESSION.md'), 'utf8')).toContain('Use OAuth');
    const places = [...everywhere(r), ...outputs.map((text, i) => ({ path: `output ${i}`, text }))];
    for (const { rule, secret } of secrets)
      for (const { path, text } of places) expect(text.includes(core(secret)), `${rule} in ${path}`).toBe(false);
    // The refusals left the session as it was, and no branch was made.
    expect(r.git(['branch', '--list', 'feature/other']).stdout).toBe('');
    expect(r.json(['decisions', 'list']).map((d: { text: string }) => d.text)).toEqual(['Use OAuth']);
  });

  it('a branch or a checkpoint subject holding one makes no branch and no commit', () => {
    const token = SAMPLES['gitlab-pat']!();
    const branch = r.gs(['start', `fix/${token}`, '-o', 'Rotate the key']);
    expect(branch.code).toBe(1);
    expect(branch.stderr).toMatch(
      /^git-session: the branch name holds a GitLab personal access token \(rule gitlab-pat\) at line 1, column 5; nothing was recorded/,
    );
    expect(r.git(['for-each-ref', '--format=%(refname)']).stdout).not.toContain(core(token));
    const before = r.head();
    r.write('c.txt', 'c\n');
    r.git(['add', 'c.txt']);
    const out = r.gs(['checkpoint', '--label', 'form', '-m', `wire ${SAMPLES['github-pat']!()}`]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/the commit message holds .*nothing was recorded or committed/);
    expect(r.head()).toBe(before);
    expect(r.json(['checkpoint', 'list'])).toEqual([]);
  });

  it('spawn, now and handoff --write refuse one before git or the disk is touched', () => {
    const token = SAMPLES['github-pat']!();
    const refs = () => r.git(['for-each-ref', '--format=%(refname)']).stdout;
    const worktrees = () => r.git(['worktree', 'list', '--porcelain']).stdout;
    const [refsBefore, treesBefore] = [refs(), worktrees()];
    for (const [args, label] of [
      [['spawn', 'kid', '--task', 'ok', '--branch', `kid/${token}`], 'branch name'],
      [['spawn', 'kid', '--task', `deploy with ${token}`], 'task'],
      [['now', `deploy with ${token}`], 'current task'],
      [['handoff', '--write', `notes-${token}.md`], 'handoff path'],
    ] as const) {
      const out = r.gs([...args]);
      expect(out.code, args.join(' ')).toBe(1);
      expect(out.stderr).toMatch(new RegExp(`^git-session: the ${label} holds a GitHub .*\\(rule github-pat\\)`));
      expect(out.stderr).not.toContain(core(token));
    }
    expect(refs()).toBe(refsBefore);
    expect(worktrees()).toBe(treesBefore);
    expect(readdirSync(r.dir).some((f) => f.includes(core(token)))).toBe(false);
    const store = filesUnder(join(r.dir, '.git', 'sessions'), () => false);
    for (const { path, text } of store) expect(text.includes(core(token)), path).toBe(false);
  });

  it('a check that prints one is still recorded, the secret hidden in its output tail', () => {
    const token = SAMPLES['github-pat']!();
    // The check prints the token from a file, so the check's own text holds none.
    r.write('leak.txt', `log line\n${token}\n`);
    r.ok(['criteria', 'add', 'Prints its config', '--check', 'cat leak.txt; exit 1']);
    const out = r.gs(['verify']);
    expect(out.code, out.stderr).toBe(1);
    const [criterion] = r.json(['criteria', 'list']) as { status: string; output: string }[];
    expect(criterion!.status).toBe('failed');
    expect(criterion!.output).toBe('log line\n[secret: github-pat]\n');
    const store = filesUnder(join(r.dir, '.git', 'sessions'), () => false);
    for (const { path, text } of store) expect(text.includes(core(token)), path).toBe(false);
  });

  it('an error that quotes what was typed shows the rule, not the secret', () => {
    const token = SAMPLES['github-pat']!();
    for (const args of [
      ['show', token],
      ['decisions', 'add', 'x', '--session', token],
      ['resume', token],
    ]) {
      const out = r.gs(args);
      expect(out.code, args[0]).toBe(1);
      expect(out.stderr, args[0]).toContain('[secret: github-pat]');
      expect(out.stderr, args[0]).not.toContain(core(token));
      const json = r.gs([...args, '--json']);
      expect(json.stdout).not.toContain(core(token));
    }
  });
});

describe('texts that only look like secrets', () => {
  it('are recorded and carried as typed', async () => {
    const { r } = sessionRepo('feature/secrets', ['Keep tokens out']);
    const sha = random(40, '0123456789abcdef');
    const misses = [
      `ghp_${'x'.repeat(36)}`,
      'password: see the vault entry',
      'password=hunter2',
      'api_key = os.environ["API_KEY"]',
      'Decision: switch auth to OAuth; credential rotation weekly',
      `Reverted ${sha}`,
      '-----BEGIN PUBLIC KEY----- is what the server sends',
      'secret_name = prod_database_password',
    ];
    const outs = await Promise.all(misses.map((m) => gs(r, ['log', '--discovery', m])));
    for (const [i, out] of outs.entries()) expect(out.code, `${misses[i]}: ${out.stderr}`).toBe(0);
    r.commit('notes', { 'n.txt': 'n\n' });
    const carried = r.git(['log', '-1', '--format=%(trailers:key=Session-Log,valueonly,unfold)']).stdout;
    // As the trailer writes them (a `;` inside a text is escaped).
    for (const m of misses) expect(carried, m).toContain(m.replace(/;/g, '\\;'));
  });
});

describe('secrets.allow', () => {
  it('lets a named false positive through; a bad pattern is an error naming it', () => {
    const { r } = sessionRepo('feature/secrets', ['Keep tokens out']);
    const key = SAMPLES['gcp-api-key']!();
    const config = join(r.dir, '.session', 'config.yaml');
    expect(r.gs(['decisions', 'add', `Maps key ${key} is public`]).code).toBe(1);
    writeFileSync(config, `secrets:\n  allow: ['^${key.slice(0, 16)}']\n`);
    expect(r.ok(['decisions', 'add', `Maps key ${key} is public`]).stdout).toMatch(/^Recorded dec-/);
    // Another secret in the same text is still refused.
    const token = SAMPLES['github-pat']!();
    const out = r.gs(['decisions', 'add', `Maps key ${key}, deploy token ${token}`]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('(rule github-pat)');

    writeFileSync(config, "secrets:\n  allow: ['^ok$', '(unclosed']\n");
    const bad = r.gs(['decisions', 'add', 'anything']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/config\.yaml: 'secrets\.allow' pattern 2 is not a valid regular expression/);
    writeFileSync(config, 'secrets:\n  allow: [1, 2]\n');
    expect(r.gs(['decisions', 'add', 'anything']).stderr).toContain("'secrets.allow' must be a list of strings");
  });
});
