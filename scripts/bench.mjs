// npm run bench — the speed goals of issue 13 (and wave 1's scale rows), each measured against the
// same git command without git-session's hooks (or `node -e 0`, or a plain `git log`) in the same
// run: runs interleaved, medians compared. Timings are printed, never asserted by tests.
//
//   npm run bench                       the table
//   npm run bench -- --json[=FILE]      also the rows as JSON (on stdout, the table then on stderr)
//   npm run bench -- --only=GROUP,...   some groups: commit, switch, startup, mcp (with the edit reminder), scale, items,
//                                       history, load (4,000 items, squash), sync (session refs), rebuild, report
//
// GIT_SESSION_BENCH_RUNS sets the runs per measure (default 31), GIT_SESSION_BENCH_COMMITS the size
// of the rebuild history (default 100,000).
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'git-session.cjs');
const RUNS = Number(process.env.GIT_SESSION_BENCH_RUNS ?? 31);
const HISTORY = Number(process.env.GIT_SESSION_BENCH_COMMITS ?? 100_000);
const args = process.argv.slice(2);
const jsonArg = args.find((a) => a === '--json' || a.startsWith('--json='));
const jsonFile = jsonArg?.startsWith('--json=') ? jsonArg.slice('--json='.length) : null;
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (group) => !only || only.includes(group);
// With --json on stdout, the table goes to stderr.
const out = jsonArg && !jsonFile ? (s) => process.stderr.write(`${s}\n`) : (s) => process.stdout.write(`${s}\n`);

const work = mkdtempSync(join(tmpdir(), 'git-session-bench-'));
const shim = join(work, 'bin');
mkdirSync(shim);
symlinkSync(BIN, join(shim, 'git-session'));
const noHooks = join(work, 'no-hooks');
mkdirSync(noHooks);

// As a person's shell has it: identity from the repository's config, not the environment (the
// switch reads it through git), no colour.
const env = {
  ...process.env,
  PATH: `${shim}:${process.env.PATH}`,
  HOME: work,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_EDITOR: ':',
  NO_COLOR: '1',
};
for (const k of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_DIR'])
  delete env[k];
writeFileSync(join(work, '.gitconfig'), '[user]\n\tname = Bench\n\temail = bench@example.com\n[gc]\n\tauto = 0\n');

function run(cmd, argv, cwd, input) {
  const r = spawnSync(cmd, argv, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// The same hooks as empty sh scripts: what git itself costs to run them. Their names come from the
// built binary (`hooks status --json`), so the baseline follows the hooks git-session installs.
const emptyHooks = join(work, 'empty-hooks');
mkdirSync(emptyHooks);
const namesRepo = join(work, 'hook-names');
mkdirSync(namesRepo);
run('git', ['init', '-q'], namesRepo);
for (const { hook } of JSON.parse(run('node', [BIN, 'hooks', 'status', '--json'], namesRepo)).hooks) {
  writeFileSync(join(emptyHooks, hook), '#!/bin/sh\nexit 0\n');
  chmodSync(join(emptyHooks, hook), 0o755);
}

function time(cmd, argv, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed in ${cwd}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Alternate the measures `n` times; their medians. */
function interleaved(fns, n = RUNS) {
  const times = fns.map(() => []);
  for (let i = 0; i < n; i++) for (const [k, f] of fns.entries()) times[k].push(f());
  return times.map(median);
}

const gs = (argv, cwd) => time('node', [BIN, ...argv], cwd);
const git = (argv, cwd, hooks = null) =>
  time('git', [...(hooks ? ['-c', `core.hooksPath=${hooks}`] : []), ...argv], cwd);

// ---- the table ------------------------------------------------------------------------------------

const rows = [];
const fmt = (x) => (x === null ? '-' : x.toFixed(1)).padStart(9);
/**
 * A row. kind: `added` (ms over the baseline), `ratio` (× the baseline), `absolute` (ms), `info`.
 * For `scale` rows the baseline is the small case and `with` the large one.
 */
function report(group, name, base, withHooks, goal, kind, note = '') {
  const added = base === null ? null : withHooks - base;
  const ratio = base === null ? null : withHooks / base;
  let ok = true;
  if (kind === 'added') ok = added <= goal;
  else if (kind === 'ratio') ok = ratio <= goal;
  else if (kind === 'absolute') ok = withHooks <= goal;
  const goalText =
    kind === 'info' ? '-' : kind === 'added' ? `+${goal} ms` : kind === 'ratio' ? `${goal}x` : `${goal} ms`;
  rows.push({
    group,
    name,
    baseline: base,
    with: withHooks,
    added,
    ratio,
    goal: kind === 'info' ? null : { kind, value: goal },
    ok,
    note,
  });
  out(
    `${name.padEnd(58)} ${fmt(base)} ${fmt(withHooks)} ${fmt(added)} ${(ratio === null ? '-' : `${ratio.toFixed(2)}x`).padStart(7)}  ${goalText.padEnd(8)} ${kind === 'info' ? '' : ok ? 'ok' : 'MISSED'}${note ? `  ${note}` : ''}`,
  );
}

function section(title) {
  out(`\n${title}`);
}

// ---- repositories -----------------------------------------------------------------------------------

function repo(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], dir);
  run('git', ['commit', '-q', '--allow-empty', '-m', 'init'], dir);
  run('node', [BIN, 'init'], dir);
  return dir;
}

/** A copy of `dir` (the same state), for a baseline that must not share it. */
function twin(dir, name) {
  const copy = join(work, name);
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  return copy;
}

const twins = new Map();
/**
 * The copy of `dir` the baseline commits and switches in, made once: a commit the hooks did not see
 * would make the next one walk the branch, and a switch they did not see would leave them behind.
 */
function twinOf(dir) {
  if (!twins.has(dir)) twins.set(dir, twin(dir, `${dir.split('/').pop()}-twin`));
  return twins.get(dir);
}
/** A commit without hooks, in the twin of `dir`. */
const bareCommit = (dir) => {
  const copy = twinOf(dir);
  return () => git(['commit', '-q', '--allow-empty', '-m', 'x'], copy, noHooks);
};

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** An item id in git-session's format (13 characters of its base-32 alphabet). */
function itemId(prefix, n) {
  let body = '';
  for (let x = n, k = 0; k < 13; k++, x = Math.floor(x / 32)) body = ALPHABET[x % 32] + body;
  return `${prefix}-${body}`;
}
/** A session id (UUIDv7 form), distinct for each n. */
const sessionId = (n) => `01936b2c-7f3e-7abc-9def-${String(n).padStart(12, '0')}`;

/**
 * `count` sessions written as the CLI writes them — a start, an objective, `items` decisions — each
 * on its own branch (s/<n>), paused but the first, which is checked out and active; `doctor` then
 * derives every session's files once, as after any command.
 */
function withSessions(dir, count, items = 1) {
  const store = join(dir, '.git', 'sessions');
  const head = run('git', ['rev-parse', 'HEAD'], dir).trim();
  const refs = [];
  const t0 = Date.parse('2026-01-05T10:00:00.000Z');
  for (let n = 0; n < count; n++) {
    const id = sessionId(n);
    const branch = `s/${n}`;
    refs.push(`create refs/heads/${branch} ${head}`);
    mkdirSync(join(store, 'branches', 's'), { recursive: true });
    writeFileSync(join(store, 'branches', 's', String(n)), `${id}\n`);
    let seq = 0;
    const at = (k) => new Date(t0 + n * 60_000 + k).toISOString();
    const base = { v: 1, author: 'bench@example.com', session: id };
    const ev = (p) =>
      JSON.stringify({
        ...base,
        id: `${id.slice(0, 24)}${String(n * 10_000 + seq + 1).padStart(12, '0')}`,
        at: at(seq),
        seq: ++seq,
        lc: seq,
        ...p,
      });
    const lines = [
      ev({ type: 'session.started', name: `s${n}`, title: `session ${n}`, branch, tasks: [] }),
      ev({ type: 'objective.added', objective: itemId('obj', n), text: `objective of session ${n}` }),
    ];
    for (let k = 0; k < items; k++)
      lines.push(
        ev({
          type: 'decision.recorded',
          decision: itemId('dec', n * 10_000 + k),
          text: `decision ${k} of session ${n}`,
          rationale: `because ${k}`,
        }),
      );
    if (n > 0) lines.push(ev({ type: 'session.paused', note: `switched to s/${n + 1}` }));
    mkdirSync(join(store, id), { recursive: true });
    writeFileSync(join(store, id, 'events.jsonl'), `${lines.join('\n')}\n`);
  }
  run('git', ['update-ref', '--stdin'], dir, `${refs.join('\n')}\n`);
  run('git', ['switch', '-q', 's/0'], dir);
  writeFileSync(join(dir, '.git', 'git-session-current'), `${sessionId(0)}\n`);
  run('node', [BIN, 'doctor'], dir);
  return dir;
}

/** Switch back and forth between two branches; each call checks out the one not checked out. */
function toggler(dir, a, b, hooks = null) {
  let onA = false;
  return () => {
    onA = !onA;
    return git(['switch', '-q', onA ? a : b], dir, hooks);
  };
}

const header = () =>
  `${'measure'.padEnd(58)} ${'baseline'.padStart(9)} ${'with'.padStart(9)} ${'added'.padStart(9)} ${'ratio'.padStart(7)}  goal`;

const gitVersion = run('git', ['--version'], work).trim();
const load0 = loadavg();
out(
  `git-session bench — ${RUNS} runs per measure (fewer for the slow ones), medians in ms, runs interleaved\n` +
    `${cpus().length} cores, Node ${process.version}, ${gitVersion}; load average at the start ${load0.map((x) => x.toFixed(2)).join(' ')}`,
);

// ---- commits and checkouts (goals 1 and 2) -----------------------------------------------------------

if (wanted('commit')) {
  section(
    'Commits and checkouts (baseline: the same git command; "empty hooks": the hooks git-session installs, as empty sh scripts)',
  );
  out(header());
  const dir = repo('plain');
  run('git', ['branch', 'other'], dir);
  const [base, withHooks] = interleaved([
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], dir, emptyHooks),
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], dir),
  ]);
  report('commit', 'commit, branch without a session, over empty hooks', base, withHooks, 0.7, 'added');
  const twinDir = twin(dir, 'plain-twin');
  const hooked = toggler(dir, 'other', 'main');
  const bare = toggler(twinDir, 'other', 'main', emptyHooks);
  const [cb, cw] = interleaved([bare, hooked]);
  report('commit', 'checkout, branches without a session, over empty hooks', cb, cw, 0.7, 'added');
  const [nb, nw] = interleaved([
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], dir, noHooks),
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], dir, emptyHooks),
  ]);
  report('commit', 'floor: commit with its hooks as empty sh scripts, over none', nb, nw, 0, 'info');

  const sdir = repo('sessions');
  run('node', [BIN, 'start', 'feature/a', '-o', 'objective a'], sdir);
  let k = 0;
  // In one loop, so that both rows see the same load.
  const [pb, pw, aw] = interleaved([
    bareCommit(sdir),
    () => {
      // The measured commit carries one new decision (recorded first, untimed).
      k++;
      run('node', [BIN, 'decisions', 'add', `decision ${k}`, '--rationale', 'measured'], sdir);
      return git(['commit', '-q', '--allow-empty', '-m', 'x'], sdir);
    },
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], sdir),
  ]);
  report('commit', 'commit, active session, one pending decision', pb, pw, 8, 'added');
  report('commit', 'commit, active session, nothing pending', pb, aw, 8, 'added');
}

// ---- branch switches (goal 3) -----------------------------------------------------------------------

if (wanted('switch')) {
  section('Branch switches (baseline: the same switch without hooks, in an identical repository)');
  out(header());
  const dir = repo('switch');
  run('node', [BIN, 'start', 'feature/a', '-o', 'objective a'], dir);
  run('node', [BIN, 'decisions', 'add', 'a decision', '--rationale', 'why'], dir);
  run('git', ['switch', '-q', 'main'], dir);
  run('node', [BIN, 'start', 'feature/b', '-o', 'objective b'], dir);
  const twinDir = twin(dir, 'switch-twin');
  const hooked = toggler(dir, 'feature/a', 'feature/b');
  const bare = toggler(twinDir, 'feature/a', 'feature/b', noHooks);
  // Warm: both sessions switched once by the hooks.
  hooked();
  hooked();
  const [sb, sw] = interleaved([bare, hooked], RUNS % 2 === 0 ? RUNS + 1 : RUNS);
  const byCli = readFileSync(
    join(
      dir,
      '.git',
      'sessions',
      readFileSync(join(dir, '.git/sessions/branches/feature/a'), 'utf8').trim(),
      'events.jsonl',
    ),
    'utf8',
  )
    .split('\n')
    .filter((l) => l.includes('"seq"') && /session\.(paused|resumed)/.test(l)).length;
  report(
    'switch',
    'switch between two session branches',
    sb,
    sw,
    15,
    'added',
    byCli > 2 ? '(some made by the CLI)' : '',
  );
  // The old way, for comparison: the CLI makes the switch (no precomputed state).
  const cli = twin(dir, 'switch-cli');
  const store = join(cli, '.git', 'sessions');
  const ids = ['feature/a', 'feature/b'].map((b) => readFileSync(join(store, 'branches', b), 'utf8').trim());
  const viaCli = toggler(cli, 'feature/a', 'feature/b');
  const n = Math.max(5, Math.floor(RUNS / 3));
  const [cb, cw] = interleaved(
    [
      bare,
      () => {
        for (const id of ids) rmSync(join(store, id, 'switch'), { force: true });
        return viaCli();
      },
    ],
    n % 2 === 0 ? n + 1 : n,
  );
  report('switch', 'switch made by the CLI (as before; no precomputed state)', cb, cw, 0, 'info');
}

// ---- start-up (goals 4 and 5) -----------------------------------------------------------------------

if (wanted('startup')) {
  section('Commands (baseline: node -e 0)');
  out(header());
  const dir = repo('startup');
  run('node', [BIN, 'start', 'feature/a', '-o', 'objective a'], dir);
  let k = 0;
  const [nb, st, da] = interleaved([
    () => time('node', ['-e', '0'], dir),
    () => gs(['status', '--json'], dir),
    () => gs(['decisions', 'add', `decision ${k++}`], dir),
  ]);
  report('startup', 'status --json', nb, st, 1.25, 'ratio');
  report('startup', 'decisions add', nb, da, 1.3, 'ratio');
}

// ---- the MCP server (issue 12) ----------------------------------------------------------------------

/**
 * `git session mcp` as a client starts it: one JSON-RPC message a line on its standard input, the
 * answers read from its standard output. Standard input stays open until close(): the SDK's stdio
 * transport drops the answers of calls still running when it ends.
 */
function mcpServer(cwd) {
  const child = spawn('node', [BIN, 'mcp'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  let buffer = '';
  let next = 1;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const msg = JSON.parse(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      waiting.get(msg.id)?.(msg);
      waiting.delete(msg.id);
    }
  });
  const exited = new Promise((done) => child.on('exit', done));
  const send = (msg) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
  const request = (method, params) =>
    new Promise((done, fail) => {
      const id = next++;
      waiting.set(id, (msg) => (msg.error ? fail(new Error(`${method}: ${msg.error.message}`)) : done(msg.result)));
      send({ id, method, params });
    });
  return {
    async open() {
      await request('initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      });
      send({ method: 'notifications/initialized' });
      return request('tools/list', {});
    },
    async call(name, args = {}) {
      const result = await request('tools/call', { name, arguments: args });
      if (result.isError) throw new Error(`${name}: ${result.content[0].text}`);
      return result;
    },
    close() {
      child.stdin.end();
      return exited;
    },
  };
}

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

if (wanted('mcp')) {
  section(
    'The MCP server (start-up: spawned until tools/list is answered, baseline node -e 0; a call: baseline the same command run by the CLI)',
  );
  out(header());
  const dir = repo('mcp');
  run('node', [BIN, 'start', 'feature/a', '-o', 'objective a'], dir);
  for (let i = 0; i < 20; i++)
    run('node', [BIN, 'decisions', 'add', `decision ${i}`, '--rationale', `because ${i}`], dir);
  run('git', ['commit', '-q', '--allow-empty', '-m', 'carry the decisions'], dir);
  const nodeRuns = [];
  const startRuns = [];
  let listBytes = 0;
  // Once first: the build's code cache of dist/mcp.cjs is written by the first start.
  const first = mcpServer(dir);
  await first.open();
  await first.close();
  for (let i = 0; i < RUNS; i++) {
    nodeRuns.push(time('node', ['-e', '0'], dir));
    const t = process.hrtime.bigint();
    const server = mcpServer(dir);
    const list = await server.open();
    startRuns.push(ms(t));
    listBytes = Buffer.byteLength(JSON.stringify(list));
    await server.close();
  }
  report(
    'mcp',
    'mcp: start-up to tools/list answered',
    median(nodeRuns),
    median(startRuns),
    3,
    'ratio',
    `(tools/list ${(listBytes / 1024).toFixed(1)} KB)`,
  );
  const server = mcpServer(dir);
  await server.open();
  const cli = { brief: [], status: [] };
  const calls = { brief: [], status: [] };
  for (let i = 0; i < RUNS; i++)
    for (const name of ['brief', 'status']) {
      cli[name].push(gs([name], dir));
      const t = process.hrtime.bigint();
      await server.call(name);
      calls[name].push(ms(t));
    }
  await server.close();
  // A call runs the command in a process already started: never dearer than the command itself.
  report('mcp', 'mcp: a brief call (20 decisions)', median(cli.brief), median(calls.brief), 1, 'ratio');
  report('mcp', 'mcp: a status call', median(cli.status), median(calls.status), 1, 'ratio');
  // The edit reminder runs before every edit an agent makes: a file with decisions behind it, in a
  // new conversation each time (so the reminder is computed, not skipped as given).
  writeFileSync(join(dir, 'src.ts'), 'x\n');
  run('git', ['add', 'src.ts'], dir);
  run('git', ['commit', '-q', '-m', 'src'], dir);
  let conversation = 0;
  const preToolUse = () => {
    const input = JSON.stringify({
      session_id: `bench-${conversation++}`,
      tool_name: 'Edit',
      tool_input: { file_path: join(dir, 'src.ts') },
    });
    const t = process.hrtime.bigint();
    const r = spawnSync('node', [BIN, 'agent', 'hook', 'pre-tool-use'], { cwd: dir, env, input, encoding: 'utf8' });
    if (!r.stdout.includes('additionalContext')) throw new Error(`pre-tool-use gave nothing: ${r.stderr}`);
    return ms(t);
  };
  const [nb, hook] = interleaved([() => time('node', ['-e', '0'], dir), preToolUse]);
  report('mcp', 'agent hook pre-tool-use (the edit reminder)', nb, hook, 2.5, 'ratio');
}

// ---- 500 sessions vs 50 (goal 8) ------------------------------------------------------------------

if (wanted('scale')) {
  section('500 sessions vs 50 (baseline: 50 sessions, with: 500; commits and switches: the time added by the hooks)');
  out(header());
  const small = withSessions(repo('sessions-50'), 50);
  const large = withSessions(repo('sessions-500'), 500);
  const n = Math.max(9, Math.floor(RUNS / 2));
  for (const [name, argv] of [
    ['list', ['list']],
    ['status', ['status']],
    ['show', ['show']],
    ['brief', ['brief']],
  ]) {
    const [a, b] = interleaved([() => gs(argv, small), () => gs(argv, large)], n);
    report('scale', `${name}: 500 sessions vs 50`, a, b, 12, 'ratio');
  }
  // Commits: the time the hooks add, in each repository.
  const [c50b, c50, c500b, c500] = interleaved([
    bareCommit(small),
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], small),
    bareCommit(large),
    () => git(['commit', '-q', '--allow-empty', '-m', 'x'], large),
  ]);
  const floor = (x) => Math.max(1, x);
  report(
    'scale',
    'commit: 500 sessions vs 50 (added ms)',
    floor(c50 - c50b),
    floor(c500 - c500b),
    12,
    'ratio',
    `(+${(c50 - c50b).toFixed(1)} / +${(c500 - c500b).toFixed(1)} ms)`,
  );
  const toggles = [small, large].flatMap((d) => [toggler(twinOf(d), 's/0', 's/1', noHooks), toggler(d, 's/0', 's/1')]);
  for (const f of toggles) {
    f();
    f();
  }
  const [s50b, s50, s500b, s500] = interleaved(toggles, n % 2 === 0 ? n + 1 : n);
  report(
    'scale',
    'switch: 500 sessions vs 50 (added ms)',
    floor(s50 - s50b),
    floor(s500 - s500b),
    12,
    'ratio',
    `(+${(s50 - s50b).toFixed(1)} / +${(s500 - s500b).toFixed(1)} ms)`,
  );
}

// ---- a session with 2,000 decisions (vs 200) --------------------------------------------------------

if (wanted('items')) {
  section('A session with 2,000 decisions vs 200 (commits: the time added by the hooks)');
  out(header());
  const small = withSessions(repo('items-200'), 1, 200);
  const large = withSessions(repo('items-2000'), 1, 2000);
  const n = Math.max(9, Math.floor(RUNS / 2));
  for (const [name, argv] of [
    ['status', ['status']],
    ['show', ['show']],
    ['brief', ['brief']],
    ['decisions list', ['decisions', 'list']],
  ]) {
    const [a, b] = interleaved([() => gs(argv, small), () => gs(argv, large)], n);
    report('items', `${name}: 2,000 decisions vs 200`, a, b, 12, 'ratio');
  }
  let k = 0;
  const [a, b] = interleaved(
    [() => gs(['decisions', 'add', `more ${k++}`], small), () => gs(['decisions', 'add', `more ${k++}`], large)],
    n,
  );
  report('items', 'decisions add: 2,000 decisions vs 200', a, b, 12, 'ratio');
  const floor = (x) => Math.max(1, x);
  const [c1b, c1, c2b, c2] = interleaved(
    [
      bareCommit(small),
      () => {
        run('node', [BIN, 'decisions', 'add', `pending ${k++}`], small);
        return git(['commit', '-q', '--allow-empty', '-m', 'x'], small);
      },
      bareCommit(large),
      () => {
        run('node', [BIN, 'decisions', 'add', `pending ${k++}`], large);
        return git(['commit', '-q', '--allow-empty', '-m', 'x'], large);
      },
    ],
    n,
  );
  report(
    'items',
    'commit, one pending: 2,000 decisions vs 200 (added ms)',
    floor(c1 - c1b),
    floor(c2 - c2b),
    12,
    'ratio',
    `(+${(c1 - c1b).toFixed(1)} / +${(c2 - c2b).toFixed(1)} ms)`,
  );
}

// ---- a generated history ------------------------------------------------------------------------------

/**
 * A linear history of `commits` commits on main, `share` of them carrying a session's trailers (40
 * sessions, 250 commits each in turn, items now and then), and a branch at every session's last
 * commit (s/<n>), so that rebuild links them.
 */
function history(name, commits, share) {
  const dir = join(work, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], dir);
  const chunks = [];
  const t0 = 1_700_000_000;
  const last = new Map();
  const every = Math.round(1 / share);
  for (let i = 1; i <= commits; i++) {
    const s = Math.floor(i / 250) % 40;
    const withSession = i % every === 0;
    let msg = `commit ${i}\n\nSome body text for commit ${i}.\n`;
    if (withSession) {
      msg += `\nSession: ${sessionId(s)}\n`;
      if (!last.has(s)) msg += `Session-Info: name h${s}\nSession-Info: branch s/${s}\n`;
      if (i % 7 === 0) msg += `Session-Objectives: [x] ${itemId('obj', i)} objective ${i}\n`;
      if (i % 11 === 0) msg += `Decisions: ${itemId('dec', i)} decision ${i}; rationale: because ${i}\n`;
      if (i % 13 === 0) msg += `Session-Log: progress step ${i}\n`;
      last.set(s, i);
    }
    const content = `${i}\n`;
    chunks.push(
      `commit refs/heads/main\nmark :${i}\ncommitter Bench <bench@example.com> ${t0 + i} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}` +
        (i > 1 ? `from :${i - 1}\n` : '') +
        `M 644 inline f${i % 500}.txt\ndata ${content.length}\n${content}\n`,
    );
  }
  for (const [s, i] of last) chunks.push(`reset refs/heads/s/${s}\nfrom :${i}\n\n`);
  const t = Date.now();
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  run('git', ['reset', '-q', '--hard', 'main'], dir);
  return { dir, seconds: (Date.now() - t) / 1000 };
}

if (wanted('history')) {
  section('A 20,000-commit history vs 2,000 (25 % with trailers; commits and switches: the time added by the hooks)');
  out(header());
  const small = history('history-2000', 2_000, 0.25).dir;
  const large = history('history-20000', 20_000, 0.25).dir;
  for (const d of [small, large]) {
    run('node', [BIN, 'init'], d);
    run('node', [BIN, 'rebuild'], d);
    run('git', ['switch', '-q', 's/1'], d);
    // Two sessions of one's own next to the history ones (the switch measures what the hooks cost,
    // not git rewriting the work tree between distant commits).
    run('node', [BIN, 'start', 'x/a', '-o', 'mine', '--from', 's/1'], d);
    run('node', [BIN, 'start', 'x/b', '-o', 'mine too', '--from', 's/1'], d);
    run('git', ['switch', '-q', 's/1'], d);
  }
  const n = Math.max(9, Math.floor(RUNS / 2));
  for (const [name, argv] of [
    ['list', ['list']],
    ['status', ['status']],
    ['show', ['show']],
    ['brief', ['brief']],
    ['rebuild, nothing new', ['rebuild']],
    // A file 40 commits of 20,000 touched (4 of 2,000), its line, and the whole tree (every commit,
    // of which why reads the newest 1,000).
    ['why f1.txt', ['why', 'f1.txt']],
    ['why f1.txt:1', ['why', 'f1.txt:1']],
    ['why . (the whole tree)', ['why', '.']],
  ]) {
    const [a, b] = interleaved([() => gs(argv, small), () => gs(argv, large)], n);
    report('history', `${name}: 20,000 commits vs 2,000`, a, b, 12, 'ratio');
  }
  const floor = (x) => Math.max(1, x);
  const [c1b, c1, c2b, c2] = interleaved(
    [
      bareCommit(small),
      () => git(['commit', '-q', '--allow-empty', '-m', 'x'], small),
      bareCommit(large),
      () => git(['commit', '-q', '--allow-empty', '-m', 'x'], large),
    ],
    n,
  );
  report(
    'history',
    'commit: 20,000 commits vs 2,000 (added ms)',
    floor(c1 - c1b),
    floor(c2 - c2b),
    12,
    'ratio',
    `(+${(c1 - c1b).toFixed(1)} / +${(c2 - c2b).toFixed(1)} ms)`,
  );
  const toggles = [small, large].flatMap((d) => [toggler(twinOf(d), 'x/a', 'x/b', noHooks), toggler(d, 'x/a', 'x/b')]);
  for (const f of toggles) {
    f();
    f();
  }
  const m = n % 2 === 0 ? n + 1 : n;
  const [s1b, s1, s2b, s2] = interleaved(toggles, m);
  report(
    'history',
    'switch: 20,000 commits vs 2,000 (added ms)',
    floor(s1 - s1b),
    floor(s2 - s2b),
    12,
    'ratio',
    `(+${(s1 - s1b).toFixed(1)} / +${(s2 - s2b).toFixed(1)} ms)`,
  );
}

// ---- a commit carrying 4,000 pending items; a squash merge carrying 8,000 (wave 1) -------------------

if (wanted('load')) {
  section('Many items in one commit (absolute: the whole commit)');
  out(header());
  const dir = repo('load');
  run('node', [BIN, 'start', 'feature/many', '-o', 'many items'], dir);
  const sid = readFileSync(join(dir, '.git/sessions/branches/feature/many'), 'utf8').trim();
  const store = join(dir, '.git/sessions', sid);
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
    base.push(git(['commit', '-q', '--allow-empty', '-m', 'x'], dir, noHooks));
    restore();
    withHooks.push(git(['commit', '-q', '--allow-empty', '-m', 'x'], dir));
    restore();
  }
  // The measured commit does carry them (checked once, untimed).
  run('git', ['commit', '-q', '--allow-empty', '-m', 'x'], dir);
  const carried = run('git', ['log', '-1', '--format=%(trailers:key=Decisions,valueonly)'], dir).trim().split('\n');
  if (carried.length !== 4000) throw new Error(`the 4,000-item commit carried ${carried.length} decisions`);
  restore();
  report('load', 'commit carrying 4,000 pending items', median(base), median(withHooks), 1000, 'absolute');

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
    for (const [list, hooks] of [
      [sqBase, noHooks],
      [sqWith, null],
    ]) {
      run('git', ['merge', '-q', '--squash', 'squashed'], dir);
      list.push(git(['commit', '-q', '-m', 'squash'], dir, hooks));
      run('git', ['reset', '-q', '--hard', from], dir);
    }
  }
  run('git', ['merge', '-q', '--squash', 'squashed'], dir);
  run('git', ['commit', '-q', '-m', 'squash'], dir);
  const squashed = run('git', ['log', '-1', '--format=%(trailers:key=Decisions,valueonly)'], dir).trim().split('\n');
  if (squashed.length !== 8000) throw new Error(`the squash commit carried ${squashed.length} decisions`);
  run('git', ['reset', '-q', '--hard', from], dir);
  report('load', 'squash merge carrying 8,000 items', median(sqBase), median(sqWith), 2000, 'absolute');
}

// ---- team sync (issue 10, docs/sync.md) ------------------------------------------------------------

if (wanted('sync')) {
  section('Team sync: session refs over a bare remote, 200 sessions (baseline: the same git command without hooks)');
  out(header());
  const SESSIONS = 200;
  const origin = join(work, 'sync-origin.git');
  run('git', ['init', '-q', '--bare', '-b', 'main', origin], work);
  const dir = repo('sync-a');
  run('git', ['remote', 'add', 'origin', origin], dir);
  run('git', ['push', '-q', 'origin', 'main'], dir);
  for (let i = 0; i < SESSIONS; i++) run('node', [BIN, 'start', `feature/s${i}`, '-o', `goal ${i}`], dir);
  run('git', ['switch', '-q', 'main'], dir);
  run('node', [BIN, 'sync'], dir);
  const n = Math.max(5, Math.floor(RUNS / 3));
  // Nothing to push: the hook decides with builtins (no Node). git runs pre-push even when up to date.
  // Against no hooks, and against an empty sh pre-push (what git itself costs to run a hook).
  const push = (hooks) => () => git(['push', '-q', 'origin', 'main'], dir, hooks);
  const [pushNone, pushEmpty, pushWith] = interleaved([push(noHooks), push(emptyHooks), push(null)], n);
  report('sync', 'pre-push, nothing to push, over an empty hook', pushEmpty, pushWith, 5, 'added');
  report('sync', 'pre-push, nothing to push, over no hook', pushNone, pushWith, 0, 'info');
  // One session changed among 200: sync fetches, merges, writes and pushes that one.
  const syncTimes = [];
  const fetchTimes = [];
  for (let i = 0; i < Math.max(5, Math.floor(n / 2)); i++) {
    run('node', [BIN, 'decisions', 'add', `decision ${i}`, '--session', 's0'], dir);
    fetchTimes.push(git(['fetch', '-q', 'origin'], dir, noHooks));
    syncTimes.push(gs(['sync'], dir));
  }
  report('sync', `sync, ${SESSIONS} sessions, one changed`, median(fetchTimes), median(syncTimes), 0, 'info');
  // A teammate's fresh clone: init fetches the 200 refs, merges them and reads the history.
  const initTimes = [];
  const cloneTimes = [];
  for (let i = 0; i < 5; i++) {
    const clone = join(work, `sync-clone-${i}`);
    const t = process.hrtime.bigint();
    run('git', ['clone', '-q', '--no-local', origin, clone], work);
    cloneTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    initTimes.push(gs(['init'], clone));
    rmSync(clone, { recursive: true, force: true });
  }
  report(
    'sync',
    `init in a fresh clone, ${SESSIONS} sessions (baseline: git clone)`,
    median(cloneTimes),
    median(initTimes),
    0,
    'info',
  );
}

// ---- rebuild over a generated history (goals 6 and 7); report --project ----------------------------

if (wanted('rebuild') || wanted('report')) {
  section(
    `Rebuild over ${HISTORY.toLocaleString('en')} commits (25 % with trailers; baseline: git log --all --format=%H%x00%B)`,
  );
  out(header());
  const { dir, seconds } = history('rebuild', HISTORY, 0.25);
  out(`(generated in ${seconds.toFixed(1)} s)`);
  run('node', [BIN, 'init'], dir);
  const n = Math.max(5, Math.floor(RUNS / 6));
  const plainLog = () => time('sh', ['-c', 'git log --all --format=%H%x00%B >/dev/null'], dir);
  if (wanted('rebuild')) {
    const [logMs, rebuildMs] = interleaved([plainLog, () => gs(['rebuild', '--full'], dir)], n);
    report('rebuild', `rebuild --full, ${HISTORY.toLocaleString('en')} commits`, logMs, rebuildMs, 1.25, 'ratio');
    const [again] = interleaved([() => gs(['rebuild'], dir)], n);
    report('rebuild', 'rebuild again, nothing new', null, again, 100, 'absolute');
  }
  if (wanted('report')) {
    // Peak RSS from /usr/bin/time -v (the largest of node and the git processes it waits for).
    const file = join(work, 'report.html');
    const hasTime = spawnSync('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' }).status === 0;
    const reportRuns = [];
    const rss = [];
    const logRuns = [];
    for (let i = 0; i < Math.max(3, Math.floor(n / 2)); i++) {
      logRuns.push(plainLog());
      const argv = [BIN, 'report', '--project', '--format', 'html', '--output', file];
      if (hasTime) {
        const t = process.hrtime.bigint();
        const r = spawnSync('/usr/bin/time', ['-v', 'node', ...argv], { cwd: dir, env, encoding: 'utf8' });
        reportRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (r.status !== 0) throw new Error(`report --project failed: ${r.stderr}`);
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
        if (m) rss.push(Number(m[1]) / 1024);
      } else reportRuns.push(time('node', argv, dir));
    }
    report(
      'report',
      `report --project (html), ${HISTORY.toLocaleString('en')} commits`,
      median(logRuns),
      median(reportRuns),
      5000,
      'absolute',
      `${rss.length > 0 ? `peak RSS ${Math.max(...rss).toFixed(0)} MiB, ` : ''}HTML ${(statSync(file).size / 1024).toFixed(0)} KiB`,
    );
  }
}

rmSync(work, { recursive: true, force: true });
const load1 = loadavg();
out(`\nload average at the end ${load1.map((x) => x.toFixed(2)).join(' ')}`);
const missed = rows.filter((r) => !r.ok);
out(
  missed.length === 0 ? 'All goals met.' : `${missed.length} goal(s) missed: ${missed.map((r) => r.name).join('; ')}`,
);
if (jsonArg) {
  const data = {
    date: new Date().toISOString(),
    node: process.version,
    git: gitVersion,
    cores: cpus().length,
    runs: RUNS,
    load: { start: load0, end: load1 },
    rows,
  };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (jsonFile) writeFileSync(jsonFile, text);
  else process.stdout.write(text);
}
