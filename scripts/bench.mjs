// npm run bench — the speed goals, measured against the same git command without git-session's
// hooks in the same run (runs interleaved, medians compared). Timings are printed, never asserted
// by tests. GIT_SESSION_BENCH_RUNS sets the number of runs per measure (default 41).
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'git-session.cjs');
const RUNS = Number(process.env.GIT_SESSION_BENCH_RUNS ?? 41);
const HISTORY = Number(process.env.GIT_SESSION_BENCH_COMMITS ?? 100_000);
const work = mkdtempSync(join(tmpdir(), 'git-session-bench-'));
const shim = join(work, 'bin');
mkdirSync(shim);
symlinkSync(BIN, join(shim, 'git-session'));
const emptyHooks = join(work, 'no-hooks');
mkdirSync(emptyHooks);

const env = {
  ...process.env,
  PATH: `${shim}:${process.env.PATH}`,
  HOME: work,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_EDITOR: ':',
  NO_COLOR: '1',
};

function run(cmd, args, cwd, input) {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function time(cmd, args, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function repo(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], dir);
  run('git', ['config', 'gc.auto', '0'], dir);
  run('git', ['commit', '-q', '--allow-empty', '-m', 'init'], dir);
  run('node', [BIN, 'init'], dir);
  return dir;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** An item id in git-session's format (base-32 alphabet without i, l, o, u). */
function itemId(prefix, n) {
  let body = '';
  for (let x = n % 1_000_000, k = 0; k < 4; k++, x = Math.floor(x / 32)) body = ALPHABET[x % 32] + body;
  return `${prefix}-${body}`;
}

const rows = [];
function report(name, base, withHooks, goal, kind) {
  const added = withHooks - base;
  const ratio = withHooks / base;
  const ok =
    kind === 'info' || (kind === 'added' ? added <= goal : kind === 'ratio' ? ratio <= goal : withHooks <= goal);
  const goalText =
    kind === 'info' ? '(none)' : kind === 'added' ? `+${goal} ms` : kind === 'ratio' ? `${goal}x` : `${goal} ms`;
  rows.push({ name, base, withHooks, added, ratio, goalText, ok });
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(
    `${name.padEnd(46)} ${base === null ? '       -' : f(base)} ${f(withHooks)} ${base === null ? '       -' : f(added)} ${base === null ? '     -' : `${ratio.toFixed(2)}x`.padStart(6)}  goal ${goalText.padEnd(8)} ${ok ? 'ok' : 'MISSED'}`,
  );
}

/** Alternate the two commands RUNS times; return their medians. */
function paired(a, b) {
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    ta.push(a());
    tb.push(b());
  }
  return [median(ta), median(tb)];
}

console.log(
  `git-session bench — ${RUNS} runs per measure, medians in ms; baseline = same git command with hooks off\n`,
);
console.log(
  `${'measure'.padEnd(46)} ${'baseline'.padStart(8)} ${'with'.padStart(8)} ${'added'.padStart(8)} ${'ratio'.padStart(6)}`,
);

/** Switch back and forth between two branches; each call checks out the one not checked out. */
function toggler(dir, a, b) {
  let onA = false;
  return (extra = []) => {
    onA = !onA;
    return time('git', [...extra, 'switch', '-q', onA ? a : b], dir);
  };
}

// --- commit and checkout on branches without a session --------------------------------------
{
  const dir = repo('plain');
  run('git', ['branch', 'other'], dir);
  const [base, withHooks] = paired(
    () => time('git', ['-c', `core.hooksPath=${emptyHooks}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir),
    () => time('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir),
  );
  report('commit, branch without a session', base, withHooks, 3, 'added');
  const twin = repo('plain-twin');
  run('git', ['branch', 'other'], twin);
  const hooked = toggler(dir, 'other', 'main');
  const bare = toggler(twin, 'other', 'main');
  const [cb, cw] = paired(
    () => bare(['-c', `core.hooksPath=${emptyHooks}`]),
    () => hooked(),
  );
  report('checkout, branches without a session', cb, cw, 3, 'added');
}

// --- commit on a branch with an active session; checkout between two session branches -------
{
  const dir = repo('sessions');
  run('node', [BIN, 'start', 'feature/a', '-o', 'objective a'], dir);
  run('node', [BIN, 'start', 'feature/b', '-o', 'objective b'], dir);
  const [base, withHooks] = paired(
    () => time('git', ['-c', `core.hooksPath=${emptyHooks}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir),
    () => time('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir),
  );
  report('commit, active session', base, withHooks, 10, 'added');
  let k = 0;
  const [nb, nw] = paired(
    () => time('git', ['-c', `core.hooksPath=${emptyHooks}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir),
    () => {
      // Each measured commit carries a new decision (recorded first, untimed).
      k++;
      run('node', [BIN, 'decisions', 'add', `decision ${k}`, '--rationale', 'measured'], dir);
      return time('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir);
    },
  );
  report('commit, active session, items pending', nb, nw, 10, 'added');
  // Two identical repositories, so that every measured checkout really changes session.
  const twin = repo('sessions-twin');
  run('git', ['branch', 'feature/a'], twin);
  run('git', ['branch', 'feature/b'], twin);
  const hooked = toggler(dir, 'feature/a', 'feature/b');
  const bare = toggler(twin, 'feature/a', 'feature/b');
  const [cb, cw] = paired(
    () => bare(['-c', `core.hooksPath=${emptyHooks}`]),
    () => hooked(),
  );
  report('checkout between two session branches', cb, cw, 120, 'added');
}

// --- a commit carrying 4,000 pending items; a squash merge carrying 8,000 (issue 15, point 7) ------
{
  const dir = repo('scale');
  run('node', [BIN, 'start', 'feature/many', '-o', 'many items'], dir);
  const sid = readFileSync(join(dir, '.git/sessions/branches/feature/many'), 'utf8').trim();
  const store = join(dir, '.git/sessions', sid);
  // 4,000 decisions appended as the CLI writes them, then the plan derived once.
  const journal = join(store, 'events.jsonl');
  let seq = Math.max(
    ...readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq ?? 0),
  );
  const lines = [];
  for (let i = 0; i < 4000; i++)
    lines.push(
      JSON.stringify({
        v: 1,
        id: `01936b2c-7f3e-7abc-9def-${String(i).padStart(12, '0')}`,
        type: 'decision.recorded',
        at: '2026-01-05T10:00:00.000Z',
        author: 'bench@example.com',
        session: sid,
        seq: ++seq,
        decision: itemId('dec', i),
        text: `decision ${i} with a few words of text`,
        rationale: `because of reason ${i}`,
      }),
    );
  appendFileSync(journal, `${lines.join('\n')}\n`);
  run('node', [BIN, 'doctor'], dir);
  // Every measured commit finds the same 4,000 items pending: the store and the branch are put
  // back after it (untimed).
  const saved = ['events.jsonl', 'committed', 'trailers'].map((f) => [f, readFileSync(join(store, f))]);
  const head = run('git', ['rev-parse', 'HEAD'], dir).trim();
  const restore = () => {
    for (const [f, data] of saved) writeFileSync(join(store, f), data);
    run('git', ['update-ref', 'refs/heads/feature/many', head], dir);
  };
  const n = Math.max(5, Math.floor(RUNS / 4));
  const base = [];
  const withHooks = [];
  for (let i = 0; i < n; i++) {
    base.push(time('git', ['-c', `core.hooksPath=${emptyHooks}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir));
    restore();
    withHooks.push(time('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir));
    restore();
  }
  // The measured commit does carry them (checked once, untimed).
  run('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir);
  const carried = run('git', ['log', '-1', '--format=%(trailers:key=Decisions,valueonly)'], dir).trim().split('\n');
  if (carried.length !== 4000) throw new Error(`the 4,000-item commit carried ${carried.length} decisions`);
  restore();
  report('commit carrying 4,000 pending items', median(base), median(withHooks), 1000, 'absolute');

  // 400 commits of 20 decisions each on a branch, squash-merged into main and committed.
  const chunks = [];
  const from = run('git', ['rev-parse', 'main'], dir).trim();
  for (let c = 1, k = 0; c <= 400; c++) {
    const trailers = [`Session: ${sid}`];
    for (let j = 0; j < 20; j++, k++) trailers.push(`Decisions: ${itemId('dec', 500_000 + k)} squashed ${k}`);
    const msg = `squashed ${c}\n\n${trailers.join('\n')}\n`;
    const content = `${c}\n`;
    chunks.push(
      `commit refs/heads/squashed\nmark :${c}\ncommitter Bench <bench@example.com> ${1_700_000_000 + c} +0000\n` +
        `data ${Buffer.byteLength(msg)}\n${msg}from ${c === 1 ? from : `:${c - 1}`}\n` +
        `M 644 inline s${c}.txt\ndata ${content.length}\n${content}\n`,
    );
  }
  spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join('') });
  run('git', ['switch', '-q', 'main'], dir);
  const sqBase = [];
  const sqWith = [];
  for (let i = 0; i < n; i++) {
    for (const [list, extra] of [
      [sqBase, ['-c', `core.hooksPath=${emptyHooks}`]],
      [sqWith, []],
    ]) {
      run('git', ['merge', '-q', '--squash', 'squashed'], dir);
      list.push(time('git', [...extra, 'commit', '-q', '-m', 'squash'], dir));
      run('git', ['reset', '-q', '--hard', from], dir);
    }
  }
  run('git', ['merge', '-q', '--squash', 'squashed'], dir);
  run('git', ['commit', '-q', '-m', 'squash'], dir);
  const squashed = run('git', ['log', '-1', '--format=%(trailers:key=Decisions,valueonly)'], dir).trim().split('\n');
  if (squashed.length !== 8000) throw new Error(`the squash commit carried ${squashed.length} decisions`);
  run('git', ['reset', '-q', '--hard', from], dir);
  report('squash merge carrying 8,000 items', median(sqBase), median(sqWith), 2000, 'absolute');
}

// --- what three empty sh hooks cost here: the floor under the commit figures ----------------------
{
  const dir = repo('floor');
  const trivial = join(work, 'trivial-hooks');
  mkdirSync(trivial);
  for (const h of ['prepare-commit-msg', 'commit-msg', 'post-commit']) {
    writeFileSync(join(trivial, h), '#!/bin/sh\nexit 0\n');
    chmodSync(join(trivial, h), 0o755);
  }
  const [base, withHooks] = paired(
    () => time('git', ['-c', `core.hooksPath=${emptyHooks}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir),
    () => time('git', ['-c', `core.hooksPath=${trivial}`, 'commit', '-q', '--allow-empty', '-m', 'x'], dir),
  );
  // No goal: what any three hooks cost on this machine, the floor under "commit, branch without a session".
  report('floor: commit with three empty sh hooks', base, withHooks, 0, 'info');
}

// --- rebuild over a generated history ----------------------------------------------------------
{
  const dir = join(work, 'history');
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], dir);
  const sessions = Array.from({ length: 40 }, (_, i) => `01936b2c-7f3e-7abc-9def-${String(i).padStart(12, '0')}`);
  const chunks = [];
  const t0 = 1_700_000_000;
  for (let i = 1; i <= HISTORY; i++) {
    const s = sessions[Math.floor(i / 250) % sessions.length];
    const withSession = i % 10 < 3; // 30% of commits belong to a session
    let msg = `commit ${i}\n\nSome body text for commit ${i}.\n`;
    if (withSession) {
      msg += `\nSession: ${s}\n`;
      if (i % 7 === 0) msg += `Session-Objectives: [x] ${itemId('obj', i)} objective ${i}\n`;
      if (i % 11 === 0) msg += `Decisions: ${itemId('dec', i)} decision ${i}; rationale: because ${i}\n`;
      if (i % 13 === 0) msg += `Session-Log: progress step ${i}\n`;
    }
    const content = `${i}\n`;
    chunks.push(
      `commit refs/heads/main\nmark :${i}\ncommitter Bench <bench@example.com> ${t0 + i} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}` +
        (i > 1 ? `from :${i - 1}\n` : '') +
        `M 644 inline f${i % 500}.txt\ndata ${content.length}\n${content}\n`,
    );
    if (i % 5000 === 0) chunks.push(`reset refs/heads/b${i}\nfrom :${i}\n\n`);
  }
  const tGen = Date.now();
  spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  run('git', ['reset', '-q', '--hard', 'main'], dir);
  console.log(
    `\n(generated ${HISTORY} commits in ${((Date.now() - tGen) / 1000).toFixed(1)} s; 30% carry Session trailers)`,
  );
  run('node', [BIN, 'init'], dir);
  const n = Math.max(5, Math.floor(RUNS / 8));
  const logRuns = [];
  const rebuildRuns = [];
  for (let i = 0; i < n; i++) {
    logRuns.push(time('sh', ['-c', 'git log --branches --tags --format=%H%x00%B >/dev/null'], dir));
    rebuildRuns.push(time('node', [BIN, 'rebuild', '--full'], dir));
  }
  const logMs = median(logRuns);
  const rebuildMs = median(rebuildRuns);
  report(`rebuild --full, ${HISTORY} commits`, logMs, rebuildMs, 1.5, 'ratio');
  const again = [];
  for (let i = 0; i < n; i++) again.push(time('node', [BIN, 'rebuild'], dir));
  report('rebuild again, nothing new', null, median(again), 150, 'absolute');

  // --- report --project over the same history: time, peak memory, and against plain git log ----
  // Peak RSS comes from /usr/bin/time -v (the largest of node and the git processes it waits
  // for); without /usr/bin/time only the time is printed.
  const out = join(work, 'report.html');
  const hasTime = spawnSync('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' }).status === 0;
  const reportRuns = [];
  const rss = [];
  const logRuns2 = [];
  for (let i = 0; i < Math.max(3, Math.floor(n / 2)); i++) {
    logRuns2.push(time('sh', ['-c', 'git log --branches --tags --format=%H%x00%B >/dev/null'], dir));
    const args = [BIN, 'report', '--project', '--format', 'html', '--output', out];
    if (hasTime) {
      const t = process.hrtime.bigint();
      const r = spawnSync('/usr/bin/time', ['-v', 'node', ...args], { cwd: dir, env, encoding: 'utf8' });
      reportRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 0) throw new Error(`report --project failed: ${r.stderr}`);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
      if (m) rss.push(Number(m[1]) / 1024);
    } else reportRuns.push(time('node', args, dir));
  }
  const plainLog = median(logRuns2);
  report(`report --project (html), ${HISTORY} commits`, plainLog, median(reportRuns), 5000, 'absolute');
  const { size } = statSync(out);
  console.log(
    `  report --project: ${(median(reportRuns) / 1000).toFixed(2)} s, ${(median(reportRuns) / plainLog).toFixed(2)}x a plain \`git log --format=%H%x00%B\` (${plainLog.toFixed(0)} ms), ` +
      (rss.length > 0 ? `peak RSS ${Math.max(...rss).toFixed(0)} MiB` : 'peak RSS not measured (no /usr/bin/time)') +
      `, HTML ${(size / 1024).toFixed(0)} KiB`,
  );
}

rmSync(work, { recursive: true, force: true });
const missed = rows.filter((r) => !r.ok);
console.log(
  missed.length === 0
    ? '\nAll goals met.'
    : `\n${missed.length} goal(s) missed: ${missed.map((r) => r.name).join('; ')}`,
);
