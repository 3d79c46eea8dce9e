// Issue 9, points 1–3, end to end against the built binary: nothing typed is lost, texts from
// standard input and files, git's conventions (-h, --help and the manual pages, git help session),
// and shell completion through git's own completion.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { bashCompletion, zshCompletion } from '../../src/cli/completion.js';
import { events, sessionRepo, which } from '../helpers/hooks.js';
import { BIN, cleanupAll, ROOT, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const DIST = join(ROOT, 'dist');
const MAN = join(DIST, 'man');

let r: TestRepo;
let id: string;
beforeAll(() => {
  ({ r, id } = sessionRepo('feature/cli', ['first objective']));
});

const texts = (kind: string) =>
  events(r, id)
    .filter((e) => e.type === kind)
    .map((e) => e.text as string);

describe('nothing typed is lost', () => {
  // The cases of issue 9, as typed there: each was exit 0 with nothing recorded, or an odd error.
  const LOST: [string[], string][] = [
    [['decisions', 'add'], '-verbose logging everywhere'],
    [['objectives', 'add'], '-x flag-like objective'],
    [['blockers', 'add'], '-v'],
    [['objectives', 'add'], '---\nthe first line is three dashes'],
    [['next'], '-n note2'],
    [['objectives', 'add'], '--z double-dash text'],
  ];

  it('a text that starts with - is refused with exit 2 and the way to give it; after -- it is kept exactly', () => {
    for (const [args, text] of LOST) {
      const before = events(r, id).length;
      const out = r.gs([...args, text]);
      expect(out.code, text).toBe(2);
      expect(out.stdout, text).toBe('');
      expect(out.stderr.split('\n').filter(Boolean), text).toHaveLength(1);
      expect(out.stderr, text).toContain('put it after --');
      expect(events(r, id).length, text).toBe(before);
      expect(r.gs([...args, '--', text]).code, text).toBe(0);
    }
    expect(texts('decision.recorded')).toContain('-verbose logging everywhere');
    expect(texts('objective.added')).toEqual(
      expect.arrayContaining(['-x flag-like objective', '---\nthe first line is three dashes', '--z double-dash text']),
    );
    expect(texts('blocker.added')).toContain('-v');
    expect(texts('handoff.noted')).toContain('-n note2');
  });

  it('decisions add -- "- text" records "- text"; an option value may start with a dash', () => {
    r.ok(['decisions', 'add', '--rationale', '-x is faster', '--alternatives', '--json', '--', '- text']);
    const d = events(r, id).findLast((e) => e.type === 'decision.recorded');
    expect(d).toMatchObject({ text: '- text', rationale: '-x is faster', alternatives: '--json' });
  });

  it('a leading U+0001 is kept (the old argv shield stripped it)', () => {
    r.ok(['objectives', 'add', '\u0001starts with U+0001', '\u00011234']);
    expect(texts('objective.added')).toEqual(expect.arrayContaining(['\u0001starts with U+0001', '\u00011234']));
  });

  it('empty and blank texts exit 2, for every text-taking command', () => {
    for (const args of [
      ['objectives', 'add', ''],
      ['blockers', 'add', '  '],
      ['decisions', 'add', '\t'],
      ['decisions', 'add', 'x', '--rationale', ''],
      ['next', '\n'],
      ['log', '--progress', ''],
      ['pause', '--note', ' '],
      ['end', ' '],
      ['checkpoint', '--no-commit', '--note', ''],
    ]) {
      const out = r.gs(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(/^git-session: the \S+ is empty — /);
    }
    expect(r.json(['status']).status).toBe('active');
  });

  it('several words for a one-text command are refused, not joined', () => {
    const out = r.gs(['next', 'two', 'words']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('quote it: git session next "two words"');
  });
});

describe('texts from standard input and files', () => {
  it('next - reads standard input; its final newlines go, everything else stays', () => {
    const note = '# Handoff\n\n- step one\r\n- step two\twith a tab\n';
    r.ok(['next', '-'], { input: `${note}\n\n` } as never);
    expect(texts('handoff.noted').at(-1)).toBe(note.replace(/\n$/, ''));
  });

  it('-F and --<option>-file read files; - for one of them reads standard input', () => {
    const dir = tempDir('gs-texts-');
    writeFileSync(join(dir, 'decision.md'), 'Use PKCE\nfor every client\n');
    writeFileSync(join(dir, 'why.md'), '\ufeffprotects the code exchange\n');
    const out = r.gs(
      [
        'decisions',
        'add',
        '-F',
        join(dir, 'decision.md'),
        '--rationale-file',
        join(dir, 'why.md'),
        '--alternatives',
        '-',
        '--json',
      ],
      {
        input: 'implicit flow: deprecated\n',
      } as never,
    );
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      text: 'Use PKCE\nfor every client',
      rationale: 'protects the code exchange',
      alternatives: 'implicit flow: deprecated',
    });
    // A path is relative to where the command is typed.
    mkdirSync(join(r.dir, 'sub'), { recursive: true });
    writeFileSync(join(r.dir, 'sub', 'p.txt'), 'progress from a file\n');
    expect(r.gs(['log', '--progress-file', 'p.txt'], { cwd: join(r.dir, 'sub') }).code).toBe(0);
    expect(events(r, id).findLast((e) => e.type === 'journal.added')?.text).toBe('progress from a file');
  });

  it('refuses what cannot be kept: missing file, directory, not UTF-8, empty input, over the limit, stdin twice', () => {
    const dir = tempDir('gs-bad-');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(20_000));
    writeFileSync(join(dir, 'blank.txt'), '\n \n');
    const before = events(r, id).length;
    const cases: [string[], RegExp, string?][] = [
      [['next', '-F', join(dir, 'missing.md')], /cannot read the note from .*missing\.md: no such file/],
      [['next', '-F', dir], /it is a directory/],
      [['next', '-F', join(dir, 'latin1.txt')], /latin1\.txt is not UTF-8 text/],
      [['next', '-F', join(dir, 'blank.txt')], /the note in .*blank\.txt is empty/],
      [['next', '-F', join(dir, 'big.txt')], /note is 20000 bytes; the limit is 16384/],
      [['next', '-'], /the note read from standard input is empty/, ''],
      [['next', '-'], /note is more than \d+ bytes; the limit is 16384/, 'y'.repeat(40_000)],
      [['decisions', 'add', '-', '--rationale', '-'], /standard input can be read only once/, 'x'],
    ];
    for (const [args, message, input] of cases) {
      const out = r.gs(args, { input: input ?? '' } as never);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(message);
      expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
    expect(events(r, id).length).toBe(before);
  });
});

describe("git's conventions", () => {
  it('unknown options and commands exit 2 with a suggestion, and every hint names a help that works', () => {
    const opt = r.gs(['log', '--progres', 'x']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toBe("git-session: unknown option '--progres' for git session log — did you mean --progress?\n");
    const cmd = r.gs(['stauts']);
    expect(cmd.stderr).toBe("git-session: unknown command 'stauts' — did you mean 'git session status'?\n");
    expect(r.gs(['decisions', 'add']).stderr).toBe(
      'git-session: missing <decision> — usage: git session decisions add [<options>] <decision> (or -F <file>)\n',
    );
    for (const args of [['status', '--frob'], ['frobnicate'], ['objectives', 'frob']]) {
      const hint = /(git session [a-z ]*-h)\b/.exec(r.gs(args).stderr)?.[1];
      expect(hint, args.join(' ')).toBeDefined();
      const help = r.gs(hint!.split(' ').slice(2));
      expect(help.code, hint).toBe(0);
      expect(help.stdout, hint).toMatch(/^usage: git session/);
    }
  });

  it('-h: grouped like git, internal commands hidden; every command and action has its usage', () => {
    const top = r.gs(['-h']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^usage: git session \[--version\] \[-h \| --help\] <command> \[<args>\]/);
    for (const title of ['start, switch and end sessions', 'record the work', 'see where things stand'])
      expect(top.stdout).toContain(`\n${title}\n`);
    expect(top.stdout).not.toMatch(/^\s+hook\b/m);
    expect(top.stdout).not.toContain('__complete');
    // `git session` alone: the same overview, exit 1 as git.
    const bare = r.gs([]);
    expect([bare.code, bare.stdout]).toEqual([1, top.stdout]);
    for (const c of COMMANDS.filter((x) => !x.hidden && x.path[0] !== 'help')) {
      const out = r.gs([...c.path, '-h']);
      expect(out.code, c.path.join(' ')).toBe(0);
      expect(out.stdout, c.path.join(' ')).toMatch(new RegExp(`^usage: git session ${c.path.join(' ')}`));
    }
  });

  // Without man (a minimal container), --help falls back to the usage: the next test checks that.
  const HAVE_MAN = which('man') !== null;

  it.skipIf(!HAVE_MAN)('--help, git session <command> --help and git help session open the manual page', () => {
    const env = { MANPATH: `${MAN}:`, MANWIDTH: '80' };
    const page = r.gs(['objectives', '--help'], { env });
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/GIT-SESSION-OBJECTIVES\(1\)/);
    expect(page.stdout).toContain('SYNOPSIS');
    expect(r.gs(['help', 'close'], { env }).stdout).toMatch(/GIT-SESSION-END\(1\)/);
    expect(r.gs(['decisions', 'add', 'x', '--help'], { env }).stdout).toMatch(/GIT-SESSION-DECISIONS\(1\)/);
    // git itself turns `git session --help` into `git help session`, which runs man.
    for (const args of [
      ['help', 'session'],
      ['session', '--help'],
    ]) {
      const out = r.git(args, { env });
      expect(out.stdout, args.join(' ')).toMatch(/GIT-SESSION\(1\)/);
      expect(out.stdout).toContain('git-session-objectives(1)');
    }
  });

  it('where man is missing, --help prints the short usage and says why', () => {
    const bin = tempDir('gs-noman-');
    for (const tool of ['git', 'sh']) symlinkSync(which(tool)!, join(bin, tool));
    const out = spawnSync(process.execPath, [BIN, 'objectives', 'add', '--help'], {
      cwd: r.dir,
      env: { ...r.env, PATH: bin },
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^usage: git session objectives add/);
    expect(out.stderr).toMatch(/^git-session: man is not installed; this is the short usage/);
  });

  it('every manual page is clean roff, and package.json installs each of them', () => {
    const pages = readdirSync(join(MAN, 'man1')).sort();
    expect(pages).toContain('git-session.1');
    expect(pages.length).toBe(1 + COMMANDS.filter((c) => c.path.length === 1 && !c.hidden).length);
    if (which('groff'))
      for (const p of pages) {
        const out = spawnSync('groff', ['-man', '-ww', '-z', join(MAN, 'man1', p)], { encoding: 'utf8' });
        expect(out.stderr, p).toBe('');
      }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect([...pkg.man].sort()).toEqual(pages.map((p) => `./dist/man/man1/${p}`));
  });

  it('install-extras.sh puts the pages where man finds them from PATH, and the completion scripts', () => {
    const prefix = tempDir('gs-prefix-');
    const home = join(prefix, 'home');
    mkdirSync(join(prefix, 'bin'));
    symlinkSync(BIN, join(prefix, 'bin', 'git-session'));
    const out = spawnSync('sh', [join(ROOT, 'scripts', 'install-extras.sh'), ROOT, join(prefix, 'bin')], {
      env: { ...r.env, HOME: home, XDG_DATA_HOME: '' },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    expect(existsSync(join(prefix, 'share', 'man', 'man1', 'git-session-log.1'))).toBe(true);
    expect(readFileSync(join(home, '.local/share/bash-completion/completions/git-session'), 'utf8')).toBe(
      readFileSync(join(DIST, 'completion', 'git-session.bash'), 'utf8'),
    );
    expect(existsSync(join(home, '.local/share/zsh/site-functions/_git-session'))).toBe(true);
    if (!HAVE_MAN) return;
    // No MANPATH: man derives <bin>/../share/man from PATH, as for any program installed there.
    const help = spawnSync('git', ['help', 'session'], {
      cwd: r.dir,
      env: { ...r.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, MANPATH: '' },
      encoding: 'utf8',
    });
    expect(help.stdout).toMatch(/GIT-SESSION\(1\)/);
  });
});

describe('shell completion', () => {
  const GIT_BASH = '/usr/share/bash-completion/completions/git';

  /** What bash completes for `line` (its last word is the one completed), through git's completion. */
  function bash(line: string, opts: { lazy?: boolean } = {}): string[] {
    const script = `
      ${opts.lazy ? `_completion_loader () { [ "$1" = git-session ] && . '${join(DIST, 'completion', 'git-session.bash')}'; }` : ''}
      . '${GIT_BASH}'
      ${opts.lazy ? '' : `. '${join(DIST, 'completion', 'git-session.bash')}'`}
      line=$1
      read -ra COMP_WORDS <<< "$line"
      case "$line" in *' ') COMP_WORDS+=("") ;; esac
      COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMP_POINT=\${#line}
      if [ "\${COMP_WORDS[0]}" = git ]; then __git_wrap__git_main; else __git_wrap_git_session; fi
      printf '%s\\n' "\${COMPREPLY[@]}"`;
    const out = spawnSync('bash', ['-c', script, 'bash', line], { cwd: r.dir, env: r.env, encoding: 'utf8' });
    return out.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
  }

  it.skipIf(!existsSync(GIT_BASH))(
    'bash, through git’s completion: commands, actions, options, sessions, item ids, branches',
    () => {
      const objectives = r.json(['objectives', 'list']) as { id: string; status: string }[];
      expect(bash('git session ob')).toEqual(['objectives']);
      expect(bash('git session objectives ')).toEqual(['add', 'complete', 'list', 'reopen', 'start']);
      expect(bash('git session objectives complete ')).toEqual(
        objectives
          .filter((o) => o.status !== 'done')
          .map((o) => o.id)
          .sort(),
      );
      expect(bash('git session decisions add --ra')).toEqual(['--rationale', '--rationale-file']);
      expect(bash('git session resume ')).toEqual(['cli']);
      expect(bash('git session view ')).toEqual(['cli', 'list']);
      expect(bash('git session end --merge-to ')).toEqual(['feature/cli', 'main']);
      expect(bash('git session report --format ')).toEqual(['html', 'json', 'markdown']);
      expect(bash('git session c')).toEqual(['checkpoint', 'close', 'compare', 'completion', 'criteria']);
      expect(bash('git session hoo')).toEqual(['hooks']);
      // `git-session` typed directly, and bash-completion loading the file when git asks for it.
      expect(bash('git-session st')).toEqual(['start', 'status']);
      expect(bash('git session bl', { lazy: true })).toEqual(['blockers']);
    },
  );

  it('`completion bash|zsh` prints the scripts the build installed, and bash’s is clean for shellcheck', () => {
    expect(`${r.ok(['completion', 'bash']).stdout}`).toBe(
      readFileSync(join(DIST, 'completion', 'git-session.bash'), 'utf8'),
    );
    expect(readFileSync(join(DIST, 'completion', 'git-session.bash'), 'utf8')).toBe(bashCompletion(COMMANDS));
    expect(readFileSync(join(DIST, 'completion', '_git-session'), 'utf8')).toBe(zshCompletion(COMMANDS));
    if (which('shellcheck')) {
      const sc = spawnSync('shellcheck', ['--shell=bash', join(DIST, 'completion', 'git-session.bash')], {
        encoding: 'utf8',
      });
      expect(sc.stdout + sc.stderr).toBe('');
    }
  });

  it.skipIf(!which('zsh'))('zsh: _git-session completes commands, actions, item ids and sessions', () => {
    // The completion system's builtins are stood in for, so the function's logic is what is tested.
    const zsh = (...words: string[]) =>
      spawnSync(
        'zsh',
        [
          '-c',
          `_describe () { while [[ $1 == -* ]]; do shift 2; done; shift; local n; for n in "$@"; do print -rl -- "\${(@P)n}"; done; }
           compadd () { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
           _files () { print -- '<files>'; }
           _message () { print -- "<message $*>"; }
           . '${join(DIST, 'completion', '_git-session')}'
           words=("$@"); CURRENT=$#words; _git-session`,
          'zsh',
          ...words,
        ],
        { cwd: r.dir, env: r.env, encoding: 'utf8' },
      )
        .stdout.split('\n')
        .filter(Boolean);
    expect(zsh('session', 'objectives', '')).toContain('complete:mark an objective done');
    expect(zsh('git-session', 'objectives', 'complete', '').join('\n')).toMatch(/^obj-\S+:first objective$/m);
    expect(zsh('git-session', 'resume', '')).toEqual([expect.stringMatching(/^cli:active, feature\/cli — /)]);
    expect(zsh('git-session', 'next', '')).toEqual(['<message text>']);
    expect(zsh('git-session', 'demo', '')).toEqual(['<files>']);
  });
});

describe('--since and --until take what git takes', () => {
  it('yesterday, 2.weeks.ago and dates, relative to git-session’s clock', () => {
    const names = (...args: string[]) => {
      const out = r.gs(['history', ...args, '--json']);
      expect(out.code, out.stderr).toBe(0);
      return JSON.parse(out.stdout).map((s: { name: string }) => s.name);
    };
    expect(names('--since', 'yesterday')).toEqual(['cli']);
    expect(names('--since', '2.weeks.ago', '--until', 'now')).toEqual(['cli']);
    expect(names('--until', '2.weeks.ago')).toEqual([]);
    expect(names('--until', 'last year')).toEqual([]);
    const bad = r.gs(['history', '--since', 'no such day']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since 'no such day' is not a date");
  });
});

describe('start-up', () => {
  it('the code cache is made again after each command it has not seen, and only then', () => {
    // A copy of the binary and its bundle: the cache sits next to the bundle, and the tests running
    // beside this one use the worktree's.
    const root = tempDir('gs-cache-');
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'bin', 'git-session.cjs'), readFileSync(BIN));
    writeFileSync(join(root, 'dist', 'git-session.cjs'), readFileSync(join(DIST, 'git-session.cjs')));
    const gs = (...args: string[]) => {
      const out = spawnSync(process.execPath, [join(root, 'bin', 'git-session.cjs'), ...args], {
        cwd: r.dir,
        env: r.env,
        encoding: 'utf8',
      });
      expect(out.status, `${args.join(' ')}: ${out.stderr}`).toBe(0);
      return out.stdout;
    };
    const cacheFiles = () => readdirSync(join(root, 'dist')).filter((f) => f.startsWith('.cache-'));
    const seen = () => {
      const list = cacheFiles().find((f) => f.endsWith('.commands'));
      return list
        ? readFileSync(join(root, 'dist', list), 'utf8')
            .split('\n')
            .filter(Boolean)
        : [];
    };
    const cache = () => statSync(join(root, 'dist', cacheFiles().find((f) => f.endsWith('.bin'))!));

    expect(gs('--version')).toMatch(/\d+\.\d+/);
    expect(cacheFiles().filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(seen()).toEqual([]);
    const first = cache();
    gs('status');
    // Free text and options are not commands: `decisions add <text>` counts as `decisions add`.
    gs('decisions', 'add', '--', 'cache test decision');
    gs('decisions', 'list', '--json');
    expect(seen()).toEqual(['status', 'decisions add', 'decisions list']);
    // Each later cache holds what the earlier ones compiled, and more.
    const grown = cache();
    expect(grown.size).toBeGreaterThan(first.size);
    gs('status');
    gs('decisions', 'add', 'cache test decision two');
    expect(seen()).toEqual(['status', 'decisions add', 'decisions list']);
    expect(cache().mtimeMs).toBe(grown.mtimeMs);
  });
});
