// The hook contract: the sh runtime and the TypeScript read the same names and make the same
// checks. Each check runs the real sh (hooks/contract.sh, lib.sh, switch.sh, the awk programs, as
// the build generated and copies them) against the TypeScript it stands for.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../../src/codec/event-json.js';
import { contractFiles, hookRefusesBranch, withoutIntervals } from '../../src/install/contract-files.js';
import {
  HOOK_EVENT_ID,
  INTERPRET_TRAILERS_ARGS,
  OUR_LINE_ERE,
  SESSION_FILES,
  SESSION_ID_ERE,
  STORE_FILES,
  SWITCH_FILE_HEADER,
  TRAILER_FILE_HEADER,
  TRAILER_KEYS,
  WORKTREE_FILES,
} from '../../src/model/hook-contract.js';
import { isSessionId } from '../../src/model/ids.js';
import { safeLine } from '../../src/render/term.js';
import { branchNameProblem } from '../../src/store/paths.js';
import { cleanupAll, makeRepo, ROOT, tempDir } from '../helpers/repo.js';

const HOOKS = join(ROOT, 'hooks');

afterAll(cleanupAll);

/** Run sh with the runtime sourced; `args` are "$1"…; returns stdout. */
function sh(script: string, args: string[] = [], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(
    'sh',
    ['-c', `gs_dir='${HOOKS}'; . "$gs_dir/lib.sh"; . "$gs_dir/switch.sh"; ${script}`, 'sh', ...args],
    { encoding: 'utf8', cwd: opts.cwd, env: opts.env ?? process.env },
  );
  if (r.status !== 0) throw new Error(`sh failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** One `yes`/`no` per argument: the sh predicate FN applied to each. */
function predicate(fn: string, inputs: string[]): boolean[] {
  const out = sh(`for a; do if ${fn} "$a"; then echo yes; else echo no; fi; done`, inputs);
  return out
    .split('\n')
    .slice(0, -1)
    .map((l) => l === 'yes');
}

describe('hooks/contract.sh and contract.awk', () => {
  it('are what the build generates from the contract module', () => {
    for (const [name, text] of contractFiles()) expect(readFileSync(join(HOOKS, name), 'utf8'), name).toBe(text);
  });

  it('name every key, file and format as the TypeScript does', () => {
    const names: Record<string, string> = {
      gs_keys: Object.values(TRAILER_KEYS)
        .map((k) => `key=${k}`)
        .join(','),
      gs_interpret: INTERPRET_TRAILERS_ARGS.join(' '),
      gs_trailers_header: TRAILER_FILE_HEADER,
      gs_switch_header: SWITCH_FILE_HEADER,
      gs_id_commit: HOOK_EVENT_ID.commit,
      gs_id_switch: HOOK_EVENT_ID.switch,
    };
    for (const [k, v] of Object.entries(TRAILER_KEYS)) names[`gs_k_${k}`] = v;
    for (const [k, v] of Object.entries(STORE_FILES)) names[`gs_f_${k}`] = v;
    for (const [k, v] of Object.entries(SESSION_FILES)) names[`gs_s_${k}`] = v;
    for (const [k, v] of Object.entries(WORKTREE_FILES)) names[`gs_w_${k}`] = v;
    const vars = Object.keys(names);
    const out = sh(`for v in ${vars.join(' ')}; do eval "printf '%s\\n' \\"\\$$v\\""; done`);
    expect(
      Object.fromEntries(
        out
          .split('\n')
          .slice(0, -1)
          .map((v, i) => [vars[i], v]),
      ),
    ).toEqual(names);
  });

  it('no hook file spells a trailer key, a store file name, a header or the interpret-trailers flags itself', () => {
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const spelled = [
      ...Object.values(TRAILER_KEYS).map((k) => `${k}:`),
      ...Object.values(TRAILER_KEYS).map((k) => `"${k}"`),
      ...[...Object.values(STORE_FILES), ...Object.values(SESSION_FILES), ...Object.values(WORKTREE_FILES)].map(
        (f) => `/${f}(?![\\w.-])`,
      ),
      TRAILER_FILE_HEADER,
      SWITCH_FILE_HEADER,
      '--no-divider',
      '--if-exists',
      'commit.recorded',
      'session.paused',
      'GIT_SESSION',
    ].map((s) => (s.includes('(?!') ? new RegExp(s) : new RegExp(literal(s))));
    const files = readdirSync(HOOKS).filter((f) => !f.startsWith('contract.'));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const lines = readFileSync(join(HOOKS, f), 'utf8').split('\n');
      lines.forEach((l, i) => {
        if (/^\s*#/.test(l)) return;
        const code = l.replace(/\s#\s.*$/, '');
        for (const re of spelled) expect(re.test(code), `${f}:${i + 1}: ${l} (${re.source})`).toBe(false);
      });
    }
  });
});

describe('the checks the hooks make, against the TypeScript', () => {
  const ids = [
    '01936b2c-7f3e-7abc-9def-0123456789ab',
    '01936b2c-7f3e-7abc-8def-0123456789ab',
    '01936b2c-7f3e-4abc-9def-0123456789ab', // v4: not a session id
    '01936b2c-7f3e-7abc-cdef-0123456789ab', // variant bits
    '01936B2C-7F3E-7ABC-9DEF-0123456789AB',
    '01936b2c-7f3e-7abc-9def-0123456789a',
    '01936b2c-7f3e-7abc-9def-0123456789abc',
    '01936b2c7f3e-7abc-9def-0123456789ab-',
    '01936b2c-7f3e-7abc-9def-01234567 9ab',
    '01936b2c-7f3e-7abc-9def-0123456789ag',
    '../01936b2c-7f3e-7abc-9def-012345678',
    '',
    '-',
  ];

  it('gs_valid_sid and the awk SID_RE accept exactly the session ids isSessionId accepts (UUIDv7)', () => {
    const random = fc.sample(fc.uuid({ version: [4, 7] }), 60);
    const inputs = [...ids, ...random, ...random.map((u) => u.toUpperCase())];
    const want = inputs.map(isSessionId);
    expect(want.filter(Boolean).length).toBeGreaterThan(10);
    expect(predicate('gs_valid_sid', inputs)).toEqual(want);
    const program = join(tempDir('gs-awk-'), 'check.awk');
    writeFileSync(
      program,
      'BEGIN { for (i = 1; i < ARGC; i++) print (ENVIRON[ARGV[i]] ~ SID_RE ? "yes" : "no"); exit }\n',
    );
    const awk = spawnSync(
      'awk',
      ['-f', join(HOOKS, 'contract.awk'), '-f', program, ...inputs.map((_, i) => `in${i}`)],
      {
        env: { ...process.env, ...Object.fromEntries(inputs.map((v, i) => [`in${i}`, v])) },
        encoding: 'utf8',
      },
    );
    expect(awk.stdout.split('\n').slice(0, -1)).toEqual(want.map((w) => (w ? 'yes' : 'no')));
    expect(withoutIntervals(SESSION_ID_ERE)).not.toMatch(/\{\d+\}/);
  });

  it('gs_branch_refused: what the sh refuses is what hookRefusesBranch says; every name git-session accepts passes', () => {
    const names = [
      'main',
      'feature/x',
      'feature/ünïcode',
      'a.b',
      'x..y',
      '../escape',
      '/abs',
      'trailing/',
      'a//b',
      '-dash',
      '.hidden',
      'a/.hidden',
      'a/b.c/d',
      '',
      'feat"quote',
      "it's",
      'a b',
      'x*y',
      '[x]',
      'x\\y',
    ];
    const random = fc.sample(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), 150);
    const inputs = [...names, ...random];
    const refused = predicate('gs_branch_refused', inputs);
    inputs.forEach((n, i) => {
      expect(refused[i], JSON.stringify(n)).toBe(hookRefusesBranch(n));
      if (branchNameProblem(n) === null) expect(refused[i], JSON.stringify(n)).toBe(false);
      // What passes stays inside branches/: no component of `..` or `.`, not absolute.
      if (!refused[i]) expect(n.split('/').some((c) => c === '..' || c === '.' || c === '') || n === '').toBe(false);
    });
  });

  it('gs_our_line matches the contract ERE the awk programs and the store use', () => {
    const re = new RegExp(OUR_LINE_ERE);
    const lines = [
      'Decisions: dec-1 x',
      'Session-Info: clock 3',
      'Session-Log: next x',
      'Session-X-Y: no',
      'Session-: no',
      'Session: 0193',
      'Decisions:x',
      'decisions: lower',
      'Session-Objectives:  two spaces',
      'Signed-off-by: me',
      'Session-Info',
      'Session-Info: ',
    ];
    const random = fc.sample(
      fc.tuple(fc.constantFrom('Session-', 'Decisions', 'Session'), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
      80,
    );
    const inputs = [...lines, ...random].filter((l) => !l.includes('\n'));
    expect(predicate('gs_our_line', inputs)).toEqual(inputs.map((l) => re.test(l) && !l.startsWith('Session: ')));
  });

  it('gs_json_string escapes as JSON does, and refuses control characters', () => {
    const texts = [
      'plain',
      'feat"quote',
      'back\\slash',
      '"\\"',
      'ünïcode ✓',
      ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 10 }), 60),
    ].filter((t) => !t.includes('\u0000'));
    const out = sh(
      'for a; do if gs_json_string "$a"; then printf "%s\\n" "$gs_json"; else printf "REFUSED\\n"; fi; done',
      texts,
    );
    const got = out.split('\n').slice(0, -1);
    // A newline in the text is one more output line for the sh side: compare those without.
    texts.forEach((t, i) => {
      if (/[\u0000-\u001f\u007f]/.test(t)) return;
      expect(got[i], JSON.stringify(t)).toBe(JSON.stringify(t).slice(1, -1));
    });
    expect(predicate('gs_json_string', ['a\tb', 'a\u001bb'])).toEqual([false, false]);
  });

  it('gs_safe_line shows any bytes as safeLine shows them once Node decodes them (invalid UTF-8 included)', () => {
    const dir = tempDir('gs-safe-');
    const inputs: Buffer[] = [
      Buffer.from('feature/plain-ascii_1.2'),
      Buffer.from('feature/ünïcode'),
      Buffer.from('bidi \u202e override \u2066 isolate'),
      Buffer.from('c1 \u009b2J and \u0085 and line \u2028 sep'),
      Buffer.from('tab\there'),
      Buffer.from([0x66, 0xc3, 0x28, 0x41]), // invalid continuation
      Buffer.from([0xe2, 0x80, 0x41]), // truncated three-byte sequence
      Buffer.from([0xf0, 0x80, 0x80, 0x80]), // overlong
      Buffer.from([0xed, 0xa0, 0x80]), // a surrogate
      Buffer.from([0xff, 0xfe, 0x41, 0xc0, 0xaf]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80, 0xe0]),
      Buffer.from('😀 emoji and \u{10ffff}'),
      Buffer.from('esc \u001b[31m red'),
    ];
    const bytes = fc
      .uint8Array({ minLength: 1, maxLength: 12 })
      .map((a) => Buffer.from(a.filter((b) => b !== 0 && b !== 10)));
    inputs.push(...fc.sample(bytes, 120).filter((b) => b.length > 0));
    mkdirSync(join(dir, 'in'));
    for (const [i, b] of inputs.entries()) writeFileSync(join(dir, 'in', String(i)), b);
    const out = spawnSync(
      'sh',
      [
        '-c',
        `gs_dir='${HOOKS}'; . "$gs_dir/lib.sh"; . "$gs_dir/switch.sh"
         i=0; while [ -f "$1/in/$i" ]; do
           IFS= read -r a <"$1/in/$i" || :
           if gs_safe_line "$a"; then printf '%s\\n' "$gs_safe"; else printf 'FAILED\\n'; fi
           i=$((i + 1))
         done`,
        'sh',
        dir,
      ],
      { encoding: 'buffer' },
    );
    const got = out.stdout.toString('utf8').split('\n').slice(0, -1);
    expect(got).toHaveLength(inputs.length);
    inputs.forEach((b, i) => {
      expect(got[i], `${b.toString('hex')}`).toBe(safeLine(b.toString('utf8')));
    });
  });
});

describe('gs_locate finds the git dir, the common dir and the store as git does', () => {
  it('in a repository, a linked worktree, a submodule-style .git file, with GIT_DIR, and with a .git file git must read', () => {
    const r = makeRepo();
    const locate = (cwd: string, env: NodeJS.ProcessEnv = {}) =>
      sh('gs_locate; printf "%s\\n%s\\n%s\\n" "$gs_git" "$gs_common" "$gs_store"', [], {
        cwd,
        env: { ...r.env, ...env },
      }).split('\n');
    const git = (cwd: string, ...args: string[]) => r.git(args, { cwd }).stdout.trim();
    const expectLike = (cwd: string, env: NodeJS.ProcessEnv = {}) => {
      const [gitDir, common, store] = locate(cwd, env);
      const real = (p: string) => spawnSync('realpath', [p]).stdout.toString().trim();
      expect(real(gitDir!)).toBe(real(git(cwd, 'rev-parse', '--absolute-git-dir')));
      expect(real(common!)).toBe(real(git(cwd, 'rev-parse', '--path-format=absolute', '--git-common-dir')));
      expect(store).toBe(`${common}/sessions`);
    };
    expectLike(r.dir);
    const wt = join(tempDir('gs-wt-'), 'linked');
    r.git(['worktree', 'add', '-q', '-b', 'linked', wt]);
    // git sets GIT_DIR for hooks in linked worktrees, but not for post-checkout of `worktree add`.
    expectLike(wt);
    expectLike(wt, { GIT_DIR: git(wt, 'rev-parse', '--absolute-git-dir') });
    // A submodule-style checkout: `.git` is a file with a relative path.
    const outer = tempDir('gs-sub-');
    const moved = join(outer, 'modules', 'inner');
    const inner = join(outer, 'inner');
    mkdirSync(join(outer, 'modules'), { recursive: true });
    spawnSync('git', ['init', '-q', '--separate-git-dir', moved, inner], { env: r.env });
    writeFileSync(join(inner, '.git'), 'gitdir: ../modules/inner\n');
    expectLike(inner);
    // A .git file written with CRLF (by a Windows tool): git strips the CR; the hooks ask git.
    writeFileSync(join(inner, '.git'), 'gitdir: ../modules/inner\r\n');
    expectLike(inner);
  });
});

describe('the journal lines the hooks append', () => {
  it('gs_fmt_switch and gs_fmt_commit lines are events the CLI reads, with the fields the contract names', () => {
    const sid = '01936b2c-7f3e-7abc-9def-0123456789ab';
    const out = sh(
      [
        'gs_id=7b0c8f1e-0000-4000-8000-000000000001; gs_at=2026-01-05T10:00:00Z; gs_author=dev@example.com',
        `printf "$gs_fmt_switch" "$gs_id" "$gs_type_paused" "$gs_at" "$gs_author" '${sid}' "$gs_j_note\\"switched to feat\\\\\\"q\\"" "$gs_j_machine\\"0123456789abcdef\\""`,
        `printf "$gs_fmt_switch" "$gs_id-2" "$gs_type_resumed" "$gs_at" "$gs_author" '${sid}' '' ''`,
        `printf "$gs_fmt_commit" '${sid}' abc123 "$gs_at" "$gs_author" '${sid}' abc123 ",$gs_j_mark\${1:-4},$gs_j_base\${2:-2}"`,
      ].join('\n'),
    );
    const [paused, resumed, commit] = out
      .split('\n')
      .slice(0, -1)
      .map((l) => {
        const p = parseEventLine(l);
        if (!p.ok) throw new Error(`${l}: ${p.reason}`);
        return p.event;
      });
    expect(paused).toMatchObject({
      v: 1,
      id: `${HOOK_EVENT_ID.switch}7b0c8f1e-0000-4000-8000-000000000001`,
      type: 'session.paused',
      at: '2026-01-05T10:00:00.000Z',
      author: 'dev@example.com',
      session: sid,
      note: 'switched to feat"q',
      machine: '0123456789abcdef',
    });
    expect(resumed).toEqual({
      v: 1,
      id: `${HOOK_EVENT_ID.switch}7b0c8f1e-0000-4000-8000-000000000001-2`,
      type: 'session.resumed',
      at: '2026-01-05T10:00:00.000Z',
      author: 'dev@example.com',
      session: sid,
    });
    expect(commit).toMatchObject({
      id: `${HOOK_EVENT_ID.commit}${sid}:abc123`,
      type: 'commit.recorded',
      mark: 4,
      base: 2,
    });
  });
});
