// The manual pages, written as roff from the command table by the build (scripts/build.mjs):
// git-session(1) and one page per command, git-session-<command>(1), as git has git-commit(1).
// `git help session`, `git session --help` and `git session <command> --help` open them.

import { argsSynopsis, optionLabel } from './help.js';
import { actionsOf, fileVariant, GLOBAL_OPTIONS, isText, optionsOf } from './parse.js';
import { type CommandSpec, commandName, GROUP_TITLES, type Group, type OptionSpec } from './spec.js';

export interface ManPage {
  /** File name without the section: `git-session-objectives`. */
  name: string;
  roff: string;
}

const NAMED: Record<string, string> = {
  '—': '\\(em',
  '–': '\\(en',
  '…': '.\\|.\\|.',
  '→': '\\(->',
  '‘': '\\(oq',
  '’': '\\(cq',
  '“': '\\(lq',
  '”': '\\(rq',
};

/**
 * Text safe in roff: backslashes escaped, no line read as a request, and only ASCII in the file
 * (other characters as roff escapes, which groff and mandoc both read whatever the locale).
 */
export function roffText(s: string): string {
  return s
    .replace(/\\/g, '\\e')
    .replace(
      /[^\x00-\x7f]/gu,
      (ch) => NAMED[ch] ?? `\\[u${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
    )
    .split('\n')
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join('\n');
}

/** Literal text where every hyphen is a real minus (option names, commands to type). */
const lit = (s: string): string => roffText(s).replace(/-/g, '\\-');
const B = (s: string): string => `\\fB${lit(s)}\\fR`;
const I = (s: string): string => `\\fI${lit(s)}\\fR`;

/** Prose with `code` spans set in bold. */
function prose(s: string): string {
  return roffText(s).replace(/`([^`]+)`/g, (_m, code: string) => `\\fB${code.replace(/-/g, '\\-')}\\fR`);
}

export const pageName = (c: CommandSpec): string => `git-session-${c.path[0]}`;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function header(name: string, version: string): string[] {
  return [
    `.TH "${lit(name.toUpperCase())}" "1" "" "git\\-session ${lit(version)}" "git\\-session manual"`,
    '.nh',
    '.ad l',
  ];
}

function synopsisLine(c: CommandSpec): string {
  const args = argsSynopsis(c)
    .split(' ')
    .filter(Boolean)
    .map((a) => a.replace(/<([^>]+)>/, (_m, n: string) => I(n)))
    .join(' ');
  return `${B(`git session ${commandName(c)}`)}${(c.options?.length ?? 0) > 0 ? ` [${I('options')}]` : ''}${args ? ` ${args}` : ''}`;
}

function optionItem(o: OptionSpec): string[] {
  const label = optionLabel(o)
    .split(', ')
    .map((part) => {
      const m = /^(--?[\w-]+)(.*)$/.exec(part)!;
      const value = m[2]!.replace(/<([^>]+)>/g, (_x, n: string) => I(n));
      return `${B(m[1]!)}${value}`;
    })
    .join(', ');
  const extra = isText(o)
    ? ` The text can also come from standard input (${B('-')}) or a file (${B(`--${fileVariant(o)}`)} ${I('file')}).`
    : '';
  return ['.TP', label, `${prose(cap(o.description))}.${extra}`];
}

const TEXT_CONTRACT = [
  'Every text — objectives, blockers, decisions and their rationale and alternatives, journal entries, notes, summaries — is kept exactly as typed: quotes, `#`, colons, newlines, tabs, unicode, a leading `-` or `--`, `Key: value` lines. git-session never drops or changes a word: what it cannot keep as typed it refuses with exit status 2 and one line saying why.',
  'A text that starts with `-` is given after `--`, which ends the options as in git: `git session objectives add -- "-x flag"`. An option that takes a text takes the next word whatever it looks like: `--rationale "-v is verbose"`.',
  'A text given as `-` is read from standard input; `-F` FILE (or `--file` FILE) reads the main text of a command from a file, and every text option `--X` has `--X-file` FILE. Standard input can be read once per command. From a file or standard input, the final newlines and a UTF-8 byte order mark are dropped; the file must be UTF-8.',
  'An empty or blank text is refused, and so is a text over 16 KiB (16,384 bytes): put the long version in a file of the repository and refer to it.',
];

function commandPage(table: readonly CommandSpec[], c: CommandSpec, version: string): ManPage {
  const actions = actionsOf(table, c);
  const runnable = [...(c.run ? [c] : []), ...actions];
  const out = [...header(pageName(c), version)];
  out.push('.SH NAME', `${lit(pageName(c))} \\- ${roffText(c.summary)}`);
  out.push('.SH SYNOPSIS', '.nf');
  for (const r of runnable) {
    out.push(synopsisLine(r));
    if (r.fileText) out.push(`${B(`git session ${commandName(r)}`)} [${I('options')}] ${B('-F')} ${I('file')}`);
  }
  out.push('.fi');
  out.push('.SH DESCRIPTION', `${prose(cap(c.summary))}.`);
  for (const p of c.description ?? []) out.push('.PP', prose(p));
  if (c.aliases?.length) out.push('.PP', `Also written ${c.aliases.map((a) => B(`git session ${a}`)).join(', ')}.`);
  if (actions.length > 0) {
    out.push('.SH ACTIONS');
    for (const a of actions) {
      const args = argsSynopsis(a);
      out.push(
        '.TP',
        `${B(a.path[a.path.length - 1]!)}${args ? ` ${args.replace(/<([^>]+)>/g, (_m, n: string) => I(n))}` : ''}`,
      );
      out.push(
        `${prose(cap(a.summary))}.${a.path[a.path.length - 1] === c.defaultAction ? ' The action when none is given.' : ''}`,
      );
      for (const p of a.description ?? []) out.push('.IP', prose(p));
    }
  }
  const seen = new Set<string>();
  const options: OptionSpec[] = [];
  for (const r of runnable)
    for (const o of optionsOf(r))
      if (!seen.has(o.long)) {
        seen.add(o.long);
        options.push(o);
      }
  if (options.length === 0) for (const o of GLOBAL_OPTIONS) options.push(o);
  out.push('.SH OPTIONS');
  for (const o of options) out.push(...optionItem(o));
  const hasText = runnable.some(
    (r) => (r.args ?? []).some((a) => a.value.type === 'text') || optionsOf(r).some(isText),
  );
  if (hasText) {
    out.push('.SH TEXTS');
    for (const p of TEXT_CONTRACT) out.push('.PP', prose(p));
  }
  const examples = runnable.flatMap((r) => r.examples ?? []);
  if (examples.length > 0) {
    out.push('.SH EXAMPLES');
    for (const e of examples) out.push('.PP', '.RS 4', '.nf', lit(e), '.fi', '.RE');
  }
  out.push('.SH SEE ALSO', `${B('git-session')}(1), ${B('git')}(1)`);
  return { name: pageName(c), roff: `${out.join('\n')}\n` };
}

// Long: the main page's sections in the order man prints them, each a few roff lines.
function mainPage(table: readonly CommandSpec[], version: string): ManPage {
  const out = [...header('git-session', version)];
  out.push('.SH NAME', 'git\\-session \\- keep the context of a piece of work tied to the git branch it happens on');
  out.push(
    '.SH SYNOPSIS',
    '.nf',
    `${B('git session')} [${B('--version')}] [${B('-h')} | ${B('--help')}] ${I('command')} [${I('args')}]`,
    '.fi',
  );
  out.push(
    '.SH DESCRIPTION',
    prose(
      'git-session keeps the context of a piece of work — its objectives, the decisions taken and why, blockers, progress, next steps — tied to the git branch it happens on, for developers who switch between tasks and for coding agents that lose their memory between conversations.',
    ),
    '.PP',
    prose(
      'You link a branch to a session once (`git session start`); after that you use git. An ordinary `git commit` gains `Session:`, `Session-Objectives:` and `Decisions:` trailers; `git switch` pauses the session you leave and resumes the one you enter; and because the history carries the trailers, any clone rebuilds every session from `git log` alone (`git session rebuild`).',
    ),
  );
  out.push('.SH COMMANDS');
  const tops = table.filter((c) => c.path.length === 1 && !c.hidden && c.group);
  for (const group of Object.keys(GROUP_TITLES) as Group[]) {
    const members = tops.filter((c) => c.group === group);
    if (members.length === 0) continue;
    const title = GROUP_TITLES[group];
    out.push(`.SS "${roffText(cap(title))}"`);
    for (const c of members) {
      out.push(
        '.TP',
        `${B(pageName(c))}(1)${c.aliases?.length ? ` (also ${c.aliases.map((a) => B(a)).join(', ')})` : ''}`,
      );
      out.push(`${prose(cap(c.summary))}.`);
    }
  }
  out.push('.SH TEXTS');
  for (const p of TEXT_CONTRACT) out.push('.PP', prose(p));
  out.push(
    '.SH SESSIONS AND ITEMS',
    prose(
      'A session is named by its id, any unique prefix of the id, its short name, or its branch. Commands act on the session of the checked-out branch unless `--session` names another; during a rebase, merge, cherry-pick, revert or bisect, that is the session of the branch being worked on.',
    ),
    '.PP',
    prose(
      'Objectives, blockers and decisions are named by their number in the list (`1`, `2`, …, also written `obj-1`), by their id (`obj-k3m9`), by a unique prefix of the id, or — objectives — by their exact text. Every list shows the numbers.',
    ),
  );
  out.push(
    '.SH OUTPUT',
    prose(
      'Output for people goes to standard output, messages and warnings to standard error. Every command takes `--json` and then prints exactly one JSON value on standard output (docs/json.md). Colours appear only on a terminal, never with `NO_COLOR`, `--json`, or under a coding agent.',
    ),
    '.SH EXIT STATUS',
    '.TP',
    B('0'),
    'Success.',
    '.TP',
    B('1'),
    prose(
      'A mistake the user can fix (an unknown session or item, no session on this branch), or a problem of git or of the store. One line on standard error says what and how to go on.',
    ),
    '.TP',
    B('2'),
    prose(
      'A wrong command line: an unknown command or option, a missing or extra argument, a text that cannot be kept as typed.',
    ),
  );
  out.push(
    '.SH ENVIRONMENT',
    '.TP',
    B('GIT_SESSION=0'),
    'Switches every git-session hook off.',
    '.TP',
    B('GIT_SESSION_DEBUG=1'),
    'Traces the hooks, and prints the stack trace of an error.',
    '.TP',
    B('GIT_SESSION_NOW'),
    'Pins the clock to an ISO time (demos, tests).',
    '.TP',
    B('NO_COLOR'),
    'No colours.',
    '.SH FILES',
    '.TP',
    B('.session/'),
    prose('Shared context, tracked: `config.yaml`, `architecture.md`, `conventions.md`, `decisions.md`.'),
    '.TP',
    B('$(git rev-parse --git-common-dir)/sessions/'),
    prose('The local store: one journal of events per session, the branch links, the hook runtime (docs/storage.md).'),
    '.SH SHELL COMPLETION',
    prose(
      '`./install.sh` installs completion for bash (git\'s own completion calls `_git_session`) and zsh (`_git-session`). By hand: `eval "$(git session completion bash)"` in `~/.bashrc` after git\'s completion; for zsh, save `git session completion zsh` as `_git-session` in a directory of `fpath`.',
    ),
    '.SH SEE ALSO',
    `${tops.map((c) => `${B(pageName(c))}(1)`).join(', ')}, ${B('git')}(1), ${B('git-interpret-trailers')}(1), ${B('githooks')}(5)`,
  );
  return { name: 'git-session', roff: `${out.join('\n')}\n` };
}

/** Every page: git-session(1) first, then one per visible command. */
export function manPages(table: readonly CommandSpec[], version: string): ManPage[] {
  const tops = table.filter((c) => c.path.length === 1 && !c.hidden);
  return [mainPage(table, version), ...tops.map((c) => commandPage(table, c, version))];
}
