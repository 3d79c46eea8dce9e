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
const BIN = process.env.BIN ?? join(root, 'bin', 'git-session.cjs');
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
function statSafe(p) { try { return statSync(p); } catch { return null; } }
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

// --- rebuild over a generated history ----------------------------------------------------------
{
  const dir = process.env.REPO_DIR ?? join(work, 'history');
  const fresh = !statSafe(join(dir, '.git'));
  if (fresh) { mkdirSync(dir, { recursive: true }); run('git', ['init', '-q', '-b', 'main'], dir); }
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
  if (fresh) {
  spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  run('git', ['reset', '-q', '--hard', 'main'], dir);
  }
  console.log(
    `\n(generated ${HISTORY} commits in ${((Date.now() - tGen) / 1000).toFixed(1)} s; 30% carry Session trailers)`,
  );
  if (fresh) run('node', [BIN, 'init'], dir);
  const BINS = (process.env.BINS ?? BIN).split(',');
  const n = Number(process.env.N ?? 7);
  const logRuns = [];
  const per = BINS.map(() => []);
  for (let i = 0; i < n; i++) {
    logRuns.push(time('sh', ['-c', 'git log --branches --tags --format=%H%x00%B >/dev/null'], dir));
    BINS.forEach((b, k) => per[k].push(time('node', [b, 'rebuild', '--full'], dir)));
  }
  BINS.forEach((b, k) => console.log(b, 'rebuild --full median', median(per[k]).toFixed(0), 'ratio', (median(per[k]) / median(logRuns)).toFixed(2)));
  const rebuildRuns = per[per.length - 1];
  const logMs = median(logRuns);
  const rebuildMs = median(rebuildRuns);
  report(`rebuild --full, ${HISTORY} commits`, logMs, rebuildMs, 1.5, 'ratio');
  const again = [];
  for (let i = 0; i < n; i++) again.push(time('node', [BIN, 'rebuild'], dir));
  report('rebuild again, nothing new', null, median(again), 150, 'absolute');


  console.log('dir', dir);
}
