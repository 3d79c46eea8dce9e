// Hostile and odd input: control characters and terminal escape sequences, NUL and invalid UTF-8,
// 1 MB arguments, shell metacharacters, branch names and session references that look like paths,
// Session lines forged in message bodies, hostile .session/config.yaml files.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  addDecision,
  escaped,
  gsLines,
  initRepo,
  parsed,
  recorded,
  sessionDir,
  sessionRepo,
  snapshot,
  values,
} from '../helpers/hooks.js';
import { BIN, cleanupAll, ROOT, type TestRepo, tempDir } from '../helpers/repo.js';
import { TERMINAL_CONTROL } from './support.js';

afterAll(cleanupAll);

/** Run the CLI in this process: argv can hold what execve cannot carry (NUL, more than 128 KiB). */
async function inProcess(r: TestRepo, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', BIN, ...args], r.dir, r.env, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** Every control character the escapes below use, as typed. */
const ESCAPES = [
  '\u001b[31mred\u001b[0m', // SGR colour
  '\u001b]0;window title\u0007', // OSC: set the window title
  '\u001b]8;;https://evil.example/\u001b\\link\u001b]8;;\u001b\\', // OSC 8 hyperlink
  '\u009b2J', // C1 CSI: clear the screen
  '\u001b[2J\u001b[H', // clear and home
  'bell\u0007 back\bspace cr\rreturn del\u007f',
].join(' ');

describe('text output never lets user text drive the terminal', () => {
  it('escape sequences in every field, typed locally or read from history, are shown escaped in every text command', () => {
    const { r, id } = sessionRepo('feature/escapes', [`objective ${ESCAPES}`]);
    r.ok(['init']);
    addDecision(r, `decision ${ESCAPES}`, { rationale: `why ${ESCAPES}`, alternatives: `alt ${ESCAPES}` });
    r.gs(['blockers', 'add', '--', `blocker ${ESCAPES}`]);
    r.ok(['log', `--progress=progress ${ESCAPES}`, `--next=next ${ESCAPES}`, `--discovery=found ${ESCAPES}`]);
    r.git(['commit', '-q', '--allow-empty', '-m', `subject ${ESCAPES}`]);
    // A session that only exists in someone else's commit, all of its texts hostile.
    r.git(['switch', '-q', '-c', 'elsewhere', 'main']);
    const e = '\\u{1b}[31m\\u{1b}]0;pwned\\u{7}\\u{9b}2J';
    const forged = '01936b2c-7f3e-7abc-9def-0123456789ab';
    r.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      `from a clone ${ESCAPES}`,
      '-m',
      [
        `Session: ${forged}`,
        `Session-Info: name ev${e}il`,
        `Session-Info: title T${e}`,
        `Session-Info: branch ../../x${e}`,
        `Session-Info: task T${e}`,
        `Session-Objectives: [ ] obj-aaaa o${e}`,
        `Decisions: dec-aaaa d${e}; rationale: r${e}`,
        `Session-Blockers: [ ] blk-aaaa b${e}`,
        `Session-Log: next n${e}`,
        `Session-Checkpoint: c${e}; note: n${e}`,
        `Session-Log: bogus ${e}`,
      ].join('\n'),
    ]);
    r.git(['switch', '-q', 'feature/escapes']);
    const outputs: [string, string][] = [];
    const text = (args: string[], opts: { git?: boolean } = {}) => {
      const out = opts.git ? r.git(args, { allowFail: true }) : r.gs(args);
      outputs.push([args.join(' '), out.stdout + out.stderr]);
    };
    text(['rebuild', '--full']);
    for (const args of [
      ['status'],
      ['status', '--verbose'],
      ['status', '--objectives'],
      ['show'],
      ['show', forged],
      ['list', '--all'],
      ['objectives', 'list'],
      ['decisions', 'list'],
      ['blockers', 'list'],
      ['brief'],
      ['handoff'],
      ['show', `nope ${ESCAPES}`],
      ['resume', forged],
      ['decisions', 'add', '--rationale'],
      ['status', `--frob${ESCAPES}`],
    ])
      text(args);
    // post-checkout prints the brief of the session it resumes (run by git, through the hook)
    text(['switch', 'main'], { git: true });
    text(['switch', 'feature/escapes'], { git: true });
    expect(outputs.length).toBeGreaterThan(15);
    for (const [cmd, out] of outputs) expect(TERMINAL_CONTROL.test(out), `${cmd}:\n${JSON.stringify(out)}`).toBe(false);
    const all = outputs.map(([, o]) => o).join('\n');
    // what was typed is still visible, escaped
    expect(all).toContain('\\u{1b}[31mred');
    expect(all).toContain('\\u{9b}2J');
    expect(all).toContain('ev\\u{1b}[31m');
    // --json keeps the exact text (JSON escapes it)
    expect(r.json(['status']).objectives[0].text).toBe(`objective ${ESCAPES}`);
    expect(id).toBeTruthy();
  });

  // Known gap, left to the owner of src/commands/log.ts: the note for a `--done` text that names
  // no objective prints the text raw. When fixed (safeLine), this test fails: drop `.fails`.
  it('log --done with escape sequences that name no objective: the note escapes them', () => {
    const { r } = sessionRepo('feature/done-note');
    const out = r.gs(['log', `--done=${ESCAPES}`]);
    expect(out.code).toBe(0);
    expect(TERMINAL_CONTROL.test(out.stdout + out.stderr)).toBe(false);
  });
});

describe('NUL, invalid UTF-8 and control characters in arguments', () => {
  it('NUL and every C0/C1 control in a text: stored exactly, escaped in the trailer, the commit message clean', async () => {
    const { r, id } = sessionRepo('feature/nul');
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    const c1 = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i)).join('');
    const text = `nul\u0000 ${controls} ${c1} end`;
    const out = await inProcess(r, ['decisions', 'add', '--json', '--', text]);
    expect(out.code, out.stderr).toBe(0);
    const d = JSON.parse(out.stdout).id as string;
    expect(r.json(['decisions', 'list'])[0].text).toBe(text);
    r.git(['commit', '-q', '--allow-empty', '-m', 'carries a NUL']);
    const raw = r.git(['cat-file', 'commit', 'HEAD']).stdout;
    expect(TERMINAL_CONTROL.test(raw)).toBe(false);
    expect(raw).not.toContain('\u0000');
    const [value] = values(r, 'Decisions');
    expect(value).toContain(`${d} nul\\u{0} \\u{0}\\u{1}`);
    expect(recorded(r, id)).toEqual([r.head()]);
  });

  it('Unicode noncharacters (U+FFFE, U+FDD0, U+10FFFF) in a text: the commit is valid UTF-8 and a clone reads the exact text back', () => {
    const { r, id } = sessionRepo('feature/nonchar');
    const text = 'non \ufffe char \ufdd0 and \u{10ffff} end';
    const d = addDecision(r, text);
    const c = r.git(['commit', '-q', '--allow-empty', '-m', 'noncharacters']);
    // git re-encodes a message it finds invalid as Latin-1 and warns: neither may happen
    expect(c.stderr).toBe('');
    expect(values(r, 'Decisions')).toEqual([`${d} non \\u{fffe} char \\u{fdd0} and \\u{10ffff} end`]);
    const clone = join(tempDir('gs-clone-'), 'c');
    r.git(['clone', '-q', r.dir, clone]);
    expect(r.gs(['rebuild'], { cwd: clone }).code).toBe(0);
    expect(r.json(['show', id], { cwd: clone }).decisions[0].text).toBe(text);
  });

  it('invalid UTF-8 bytes in an argument: replaced by U+FFFD, stored and committed, never a crash', () => {
    const { r } = sessionRepo('feature/utf8');
    const p = spawnSync(
      'sh',
      ['-c', `"$0" "$1" decisions add "$(printf 'bad \\377\\376 bytes \\300\\200')"`, process.execPath, BIN],
      {
        cwd: r.dir,
        env: r.env,
        encoding: 'utf8',
      },
    );
    expect(p.status, p.stderr).toBe(0);
    expect(r.json(['decisions', 'list'])[0].text).toBe('bad \ufffd\ufffd bytes \ufffd\ufffd');
    r.git(['commit', '-q', '--allow-empty', '-m', 'after invalid UTF-8']);
    expect(values(r, 'Decisions')[0]).toContain('bad \ufffd\ufffd bytes');
  });

  it('invalid UTF-8 and NUL-free garbage in someone else’s trailer block: rebuild reads the rest and reports the line', () => {
    const r = initRepo();
    const sid = '01936b2c-7f3e-7abc-9def-0123456789ab';
    const msgFile = join(tempDir('gs-msg-'), 'msg');
    writeFileSync(
      msgFile,
      Buffer.concat([
        Buffer.from(`binary\n\nSession: ${sid}\nDecisions: dec-aaaa fine\nDecisions: dec-bbbb `),
        Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
        Buffer.from('\nSession-Log: next \\q unknown escape\n'),
      ]),
    );
    r.git(['commit', '-q', '--allow-empty', '-F', msgFile]);
    const out = r.gs(['rebuild', '--full', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const decisions = r.json(['show', sid]).decisions.map((d: { id: string; text: string }) => [d.id, d.text]);
    expect(decisions[0]).toEqual(['dec-aaaa', 'fine']);
    expect(JSON.parse(out.stdout).rejected).toContain('Session-Log: next \\q unknown escape');
  });
});

describe('1 MB arguments', () => {
  it('a 1 MB text, branch, name or reference: a clear one-line error with the limit (exit 2 for a text, 1 for a name), nothing stored', async () => {
    const { r, id } = sessionRepo('feature/big');
    const before = snapshot(join(r.dir, '.git/sessions'));
    const mb = 'x'.repeat(1024 * 1024);
    const cases: [string[], RegExp, number][] = [
      [['decisions', 'add', mb], /decision is 1048576 bytes; the limit is 16384/, 2],
      [['decisions', 'add', 'short', '--rationale', mb], /rationale is 1048576 bytes; the limit is 16384/, 2],
      [['objectives', 'add', mb], /objective is 1048576 bytes; the limit is 16384/, 2],
      [['log', '--progress', mb], /is 1048576 bytes; the limit is 16384/, 2],
      [['start', 'feature/ok', '--name', mb], /is not a usable session name/, 1],
      [['start', `feature/${mb}`], /is not a valid branch name: it is longer than 200 bytes/, 1],
      [['show', mb], /no session matches/, 1],
    ];
    for (const [args, message, code] of cases) {
      const out = await inProcess(r, args);
      expect(out.code, args[0]).toBe(code);
      expect(out.stderr.split('\n').filter(Boolean), args[0]).toHaveLength(1);
      expect(out.stderr, args[0]).toMatch(message);
    }
    expect(snapshot(join(r.dir, '.git/sessions'))).toEqual(before);
    expect(r.json(['show', id]).decisions).toEqual([]);
  });

  it('a 1 MB text or name is not echoed back in the error line', async () => {
    const { r } = sessionRepo('feature/big-echo');
    const mb = 'x'.repeat(1024 * 1024);
    for (const args of [
      ['decisions', 'add', mb],
      ['start', 'feature/ok', '--name', mb],
    ]) {
      const out = await inProcess(r, args);
      expect(out.stderr.length, args.join(' ').slice(0, 40)).toBeLessThan(1024);
    }
  });

  // Known gap, left to the owners of src/commands/start.ts and src/app/sessions.ts: the branch
  // name of `start` and the reference of `show` are quoted back whole (1 MB on stderr). Clip them
  // with clip() from src/core/text.ts; then this test fails: drop `.fails`.
  it('a 1 MB branch name or session reference is not echoed back in the error line', async () => {
    const { r } = sessionRepo('feature/big-echo-gap');
    const mb = 'x'.repeat(1024 * 1024);
    for (const args of [
      ['start', `feature/${mb}`],
      ['show', mb],
    ]) {
      const out = await inProcess(r, args);
      expect(out.stderr.length).toBeLessThan(1024);
    }
  });

  it('the largest argument the OS passes (128 KiB) through the real binary: the same clear error', () => {
    const { r } = sessionRepo('feature/big-os');
    const out = r.gs(['decisions', 'add', 'y'.repeat(128 * 1024 - 1)]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'git-session: decision is 131071 bytes; the limit is 16384 — keep it short here and put the long version in a file of the repository\n',
    );
  });
});

describe('names that look like paths never escape the store', () => {
  it('branch names with .., absolute paths, leading dashes, control characters are refused before anything is written', () => {
    const r = initRepo();
    // Every command first reads (and caches) the configuration: that derived cache is not a write.
    r.ok(['status']);
    const top = join(r.dir, '..');
    const outside = () => readdirSync(top).sort();
    const before = { store: snapshot(join(r.dir, '.git/sessions')), outside: outside() };
    for (const branch of [
      '..',
      '../../escape',
      'a/../../escape',
      '/tmp/abs',
      '-x',
      '--exec=touch',
      'a//b',
      '.hidden',
      'x.lock',
      'tab\there',
      'esc\u001b[2J',
      'a b',
      'HEAD',
      '@',
    ]) {
      const out = r.gs(['start', '--', branch]);
      expect(out.code, branch).not.toBe(0);
      expect(out.stderr, branch).toMatch(/git-session: .*not a valid branch name|git-session: /);
      expect(TERMINAL_CONTROL.test(out.stderr), branch).toBe(false);
    }
    expect(snapshot(join(r.dir, '.git/sessions'))).toEqual(before.store);
    expect(outside()).toEqual(before.outside);
    expect(r.git(['branch', '--list']).stdout.trim()).toBe('* main');
  });

  it('branch names with slashes and unicode map to nested files inside branches/, and round-trip', () => {
    const r = initRepo();
    for (const branch of ['feature/deep/er/name', 'fix/ünïcødé-日本', 'v1.2/x_y-z']) {
      const s = r.json(['start', branch]);
      expect(readFileSync(join(r.dir, '.git/sessions/branches', ...branch.split('/')), 'utf8')).toBe(`${s.id}\n`);
      expect(r.json(['status']).branch).toBe(branch);
      r.git(['switch', '-q', 'main']);
    }
  });

  it('session references that look like paths (show, resume, --session) never resolve through a file outside branches/', () => {
    const { r, id } = sessionRepo('feature/target');
    r.git(['switch', '-q', 'main']);
    // Decoys holding a real session id where a traversal out of branches/ would land.
    writeFileSync(join(r.dir, '.git/sessions/decoy'), `${id}\n`);
    writeFileSync(join(r.dir, '.git/decoy'), `${id}\n`);
    writeFileSync(join(tempDir('gs-decoy-'), 'decoy'), `${id}\n`);
    for (const ref of [
      '../decoy',
      '../../decoy',
      'feature/../../decoy',
      '/etc/passwd',
      `../${id}`,
      `./${id}`,
      '..',
      '.',
    ]) {
      for (const args of [
        ['show', ref],
        ['resume', ref],
        ['decisions', 'list', '--session', ref],
      ]) {
        const out = r.gs(args);
        expect(out.code, `${args.join(' ')}`).toBe(1);
        expect(out.stderr, `${args.join(' ')}`).toMatch(/no session matches|matches more than one/);
      }
    }
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('main');
  });

  it('the hooks refuse branch names that leave branches/ (sh: gs_session_for)', () => {
    const store = join(tempDir('gs-sh-'), 'sessions');
    const id = '01936b2c-7f3e-7abc-9def-0123456789ab';
    spawnSync('mkdir', ['-p', join(store, 'branches/feature')]);
    writeFileSync(join(store, 'decoy'), `${id}\n`);
    writeFileSync(join(store, 'branches/feature/ok'), `${id}\n`);
    const lookup = (branch: string) =>
      spawnSync(
        'sh',
        [
          '-c',
          `gs_dir="$0/hooks"; . "$gs_dir/lib.sh"; gs_store=$1; gs_session_for "$2"; printf %s "$gs_sid"`,
          ROOT,
          store,
          branch,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout;
    expect(lookup('feature/ok')).toBe(id);
    for (const branch of ['../decoy', 'feature/../../decoy', `${store}/decoy`, '-x', '', 'feature//ok'])
      expect(lookup(branch), branch).toBe('');
  });
});

describe('nothing read from a repository is evaluated as code', () => {
  it('shell metacharacters in a branch name, item texts and commit messages are never run by the hooks', () => {
    const r = initRepo();
    const marker = (n: string) => `pwned-${n}`;
    const branch = `feature/$(touch\${IFS}${marker('branch')})\`touch\${IFS}${marker('tick')}\``;
    const s = r.json(['start', branch, '-o', `$(touch ${marker('objective')})`]);
    addDecision(r, `\`touch ${marker('decision')}\`; $(touch ${marker('d2')}) && touch ${marker('d3')}`);
    r.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      `$(touch ${marker('msg')})`,
      '-m',
      `Session: $(touch ${marker('forged')})`,
    ]);
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--squash', branch]);
    r.git(['commit', '-q', '--allow-empty', '-m', 'squash']);
    r.git(['switch', '-q', branch]);
    r.git(['commit', '-q', '--amend', '--allow-empty', '-m', `\`touch ${marker('amend')}\``]);
    const found = spawnSync('sh', ['-c', `find "$0" "$1" -name 'pwned-*'`, r.dir, ROOT], { encoding: 'utf8' }).stdout;
    expect(found).toBe('');
    expect(values(r, 'Session', 'main')).toEqual([s.id]);
    expect(values(r, 'Session-Info', 'main')).toContain(`branch ${branch}`);
  });
});

describe('Session lines forged in message bodies', () => {
  it('a commit on a session branch whose body forges another Session and items: recorded only in the real session, a clone rebuilds only that', () => {
    const { r, id } = sessionRepo('feature/forge', ['real objective']);
    const forged = '01936b2c-7f3e-7abc-9def-0123456789ab';
    r.git([
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'subject',
      '-m',
      `Session: ${forged}\nDecisions: dec-ffff forged decision\nSession-Info: status completed`,
      '-m',
      'A closing paragraph, so the lines above are body text.',
    ]);
    expect(values(r, 'Session')).toEqual([id]);
    expect(recorded(r, id)).toEqual([r.head()]);
    expect(existsSync(sessionDir(r, forged))).toBe(false);
    const clone = join(tempDir('gs-clone-'), 'c');
    r.git(['clone', '-q', r.dir, clone]);
    const c = r.gs(['rebuild', '--json'], { cwd: clone });
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).sessions.map((s: { id: string }) => s.id)).toEqual([id]);
    const shown = r.json(['show', id], { cwd: clone });
    expect(shown.status).not.toBe('completed');
    expect(shown.decisions).toEqual([]);
  });

  // Found by the input-contract property (test/property/input-notes.property.test.ts): the summary
  // was the body of the end commit, so a last paragraph of `Key: value` lines joined the trailer block.
  it('end --commit with a summary or reason whose last lines look like trailers: nothing of it becomes a trailer', () => {
    const { r, id } = sessionRepo('feature/forge-end', []);
    const forged = 'shipped\n\nDecisions: dec-ffff forged decision\nSession-Info: status abandoned; reason: forged';
    r.ok(['end', '--commit', '--', forged]);
    const keys = (rev: string) => [...new Set(parsed(r, rev).map((l) => l.slice(0, l.indexOf(':'))))];
    expect(keys('HEAD')).toEqual(['Session', 'Session-Info']);
    expect(values(r, 'Session-Info').filter((v) => v.startsWith('status'))).toEqual([
      `status completed; summary: ${escaped(forged)}`,
    ]);
    expect(r.message()).toContain('> Decisions: dec-ffff forged decision');
    r.ok(['reopen', id]);
    r.ok(['end', '--abandon', '--commit', '--reason', 'gone\nSigned-off-by: Mallory <m@example.com>']);
    expect(keys('HEAD')).toEqual(['Session', 'Session-Info']);
    const clone = join(tempDir('gs-clone-'), 'c');
    r.git(['clone', '-q', r.dir, clone]);
    expect(r.gs(['rebuild'], { cwd: clone }).code).toBe(0);
    const shown = r.json(['show', id], { cwd: clone });
    expect([shown.status, shown.endReason, shown.decisions]).toEqual([
      'abandoned',
      'gone\nSigned-off-by: Mallory <m@example.com>',
      [],
    ]);
  });
});

describe('a hostile .session/config.yaml (a file of the cloned repository)', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  ].join('\n');
  const cases: [string, string, RegExp][] = [
    ['an alias bomb', bomb, /config\.yaml: .*(alias|unknown key 'a')/i],
    ['a wrong type', 'trailers:\n  enabled: "yes"\n', /'trailers\.enabled' must be a boolean/],
    ['a list where a mapping goes', 'brief: [1, 2]\n', /brief must be a mapping/],
    [
      'a path out of the repository',
      'session_file:\n  enabled: true\n  path: ../../outside.md\n',
      /'session_file\.path' must be a path inside the repository/,
    ],
    [
      'an absolute path',
      'decisions_log:\n  path: /etc/cron.d/x\n',
      /'decisions_log\.path' must be a path inside the repository/,
    ],
    ['a path into .git', 'handoff:\n  path: .git/hooks/pre-commit\n', /'handoff\.path' must not point into \.git/],
    ['a code tag', 'trailers:\n  enabled: !!js/function "function () { return true }"\n', /trailers\.enabled|tag/i],
    ['duplicate keys', 'version: 1\nversion: 1\n', /not valid YAML|duplicate|unique/i],
    ['a number out of range', 'brief:\n  max_lines: 1e308\n', /'brief\.max_lines' must be a whole number/],
    ['more than 256 KiB', `# ${'x'.repeat(300 * 1024)}\nversion: 1\n`, /larger than 256 KiB/],
    ['not YAML', 'trailers: [\n', /not valid YAML/],
  ];

  it.each(cases)('%s: commands stop with an error naming the key; commits still go through', (_name, yaml, message) => {
    const { r, id } = sessionRepo('feature/config');
    writeFileSync(join(r.dir, '.session/config.yaml'), yaml);
    const out = r.gs(['decisions', 'add', 'needs the config']);
    expect(out.code).toBe(1);
    expect(gsLines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toContain('.session/config.yaml');
    const c = r.git(['commit', '-q', '--allow-empty', '-m', 'commits ignore the config']);
    expect(c.code).toBe(0);
    expect(values(r, 'Session')).toEqual([id]);
    expect(existsSync(join(r.dir, '..', '..', 'outside.md'))).toBe(false);
  });

  it('unknown keys are one warning line on every command, never an error; a wrong value warns commands that do not read it', () => {
    const { r } = sessionRepo('feature/config-keys');
    const path = join(r.dir, '.session/config.yaml');
    writeFileSync(path, 'trailers:\n  enabled: true\n  jurnal: false\nfoo: {bar: 1}\n');
    for (const args of [['decisions', 'add', 'still recorded'], ['status'], ['list'], ['doctor'], ['brief']]) {
      const out = r.gs(args);
      expect(out.code, args.join(' ')).toBe(0);
      expect(gsLines(out.stderr), args.join(' ')).toEqual([
        expect.stringMatching(
          /config\.yaml: unknown key 'trailers\.jurnal' ignored \(did you mean 'trailers\.journal'\?\); unknown key 'foo' ignored$/,
        ),
      ]);
    }
    writeFileSync(path, 'trailers:\n  enabled: "yes"\n');
    const status = r.gs(['status']);
    expect(status.code).toBe(0);
    expect(gsLines(status.stderr)).toEqual([expect.stringMatching(/warning: .*'trailers\.enabled' must be a boolean/)]);
    const add = r.gs(['decisions', 'add', 'needs the config']);
    expect(add.code).toBe(1);
    expect(gsLines(add.stderr)).toEqual([
      expect.stringMatching(/^git-session: .*'trailers\.enabled' must be a boolean/),
    ]);
  });

  // A malformed .claude/settings.json is refused and never overwritten: test/e2e/agent.test.ts.
  // Unit tests of the same parser: test/codec/config.test.ts.
});

describe('config paths that lead out of the work tree', () => {
  it('a symlinked folder in a cloned repository cannot make SESSION.md, the handoff or the decision log overwrite a file outside it', () => {
    const { r } = sessionRepo('feature/links');
    const outside = tempDir('gs-victim-');
    writeFileSync(join(outside, '.bashrc'), '# mine\n');
    symlinkSync(outside, join(r.dir, 'home'));
    writeFileSync(
      join(r.dir, '.session', 'config.yaml'),
      'version: 1\nsession_file:\n  enabled: true\n  path: home/.bashrc\nhandoff:\n  path: home/NEXT.md\ndecisions_log:\n  path: home/decisions.md\n',
    );
    const log = r.gs(['decisions', 'add', 'Use links', '--rationale', 'why not']);
    expect(log.code).toBe(0);
    expect(log.stderr).toContain('leads outside the repository through a symbolic link');
    const handoff = r.gs(['handoff', '--write']);
    expect(handoff.code).toBe(1);
    expect(handoff.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(outside, '.bashrc'), 'utf8')).toBe('# mine\n');
    expect(readdirSync(outside)).toEqual(['.bashrc']);
  });

  it('./.git and a symlink into .git are refused as well', () => {
    const { r } = sessionRepo('feature/dotgit');
    const config = readFileSync(join(r.dir, '.git', 'config'), 'utf8');
    writeFileSync(join(r.dir, '.session', 'config.yaml'), 'version: 1\nhandoff:\n  path: ./.git/config\n');
    expect(r.gs(['handoff', '--write']).stderr).toContain("'handoff.path' must not point into .git");
    symlinkSync(join(r.dir, '.git'), join(r.dir, 'g'));
    writeFileSync(join(r.dir, '.session', 'config.yaml'), 'version: 1\nhandoff:\n  path: g/config\n');
    expect(r.gs(['handoff', '--write']).stderr).toContain('leads into .git through a symbolic link');
    expect(readFileSync(join(r.dir, '.git', 'config'), 'utf8')).toBe(config);
  });

  it("a nested repository's .git and a broken symlink are refused too", () => {
    const { r } = sessionRepo('feature/nested');
    r.git(['init', '-q', 'nested']);
    const config = readFileSync(join(r.dir, 'nested/.git/config'), 'utf8');
    expect(r.gs(['handoff', '--write', 'nested/.git/config']).stderr).toContain('points into .git');
    expect(readFileSync(join(r.dir, 'nested/.git/config'), 'utf8')).toBe(config);
    symlinkSync('nowhere/dir', join(r.dir, 'dangling'));
    const out = r.gs(['handoff', '--write', 'dangling/x.md']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('goes through a broken symbolic link');
    expect(out.stderr).not.toContain('internal error');
  });

  it('the exclude line for SESSION.md matches exactly that file, whatever characters its path has', () => {
    const { r } = sessionRepo('feature/exclude');
    for (const [path, file] of [
      ['a//S[1].md', 'a/S[1].md'],
      ['b/./*.md', 'b/*.md'],
      ['SESSION.md', 'SESSION.md'],
    ]) {
      writeFileSync(
        join(r.dir, '.session', 'config.yaml'),
        `version: 1\nsession_file:\n  enabled: true\n  path: "${path}"\n`,
      );
      r.ok(['log', '--progress', `with ${path}`]);
      r.write('b/other.md', 'mine\n');
      const status = r.git(['status', '--porcelain', '--untracked-files=all']).stdout;
      expect(status, path).toContain('b/other.md');
      expect(existsSync(join(r.dir, file!)), path).toBe(true);
      expect(status.split('\n'), path).not.toContain(`?? ${file}`);
    }
    const exclude = readFileSync(join(r.dir, '.git/info/exclude'), 'utf8');
    expect(exclude.match(/git-session: the living session file/g)).toHaveLength(1);
    expect(exclude).toContain('/SESSION.md');
  });
});
