// `-h`: short usage, as git prints it — derived from the command table. `--help` opens the manual
// page (man.ts, manual.ts); this text is also what it falls back to where `man` is missing.

import { actionsOf, fileVariant, GLOBAL_OPTIONS, isText } from './parse.js';
import { type CommandSpec, commandName, GROUP_TITLES, type Group, type OptionSpec, placeholderOf } from './spec.js';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `<decision>`, `[<session>]`, `<objective>...` */
export function argsSynopsis(c: CommandSpec): string {
  return (c.args ?? [])
    .map((a) => {
      const name = `<${a.name}>${a.variadic ? '...' : ''}`;
      return a.required ? name : `[${name}]`;
    })
    .join(' ');
}

export function optionLabel(o: OptionSpec): string {
  const value = o.value ? (o.optionalValue ? `[=<${placeholderOf(o)}>]` : ` <${placeholderOf(o)}>`) : '';
  const names = [...(o.short ? [`-${o.short}`] : []), `--${o.long}`].join(', ');
  return `${names}${value}`;
}

/** The usage lines of one runnable command. */
export function usageOf(c: CommandSpec): string[] {
  const head = `git session ${commandName(c)}${(c.options?.length ?? 0) > 0 ? ' [<options>]' : ''}`;
  const args = argsSynopsis(c);
  const lines = [`${head}${args ? ` ${args}` : ''}`];
  if (c.fileText) {
    const withoutText = (c.args ?? [])
      .filter((a) => a.name !== c.fileText)
      .map((a) => (a.required ? `<${a.name}>` : `[<${a.name}>]`))
      .join(' ');
    lines.push(`${head}${withoutText ? ` ${withoutText}` : ''} -F <file>`);
  }
  return lines;
}

function usageBlock(lines: string[]): string[] {
  return lines.map((l, i) => `${i === 0 ? 'usage: ' : '   or: '}${l}`);
}

function optionRows(options: readonly OptionSpec[]): string[] {
  const rows = options.filter((o) => !o.quiet).map((o) => [optionLabel(o), o.description] as const);
  const width = Math.min(30, Math.max(...rows.map(([l]) => l.length)) + 2);
  return rows.map(([l, d]) => `    ${l.padEnd(width)}${l.length >= width ? `\n    ${' '.repeat(width)}` : ''}${d}`);
}

/** What `git session <command> -h` prints. */
export function commandHelp(table: readonly CommandSpec[], c: CommandSpec): string {
  const actions = actionsOf(table, c);
  const out: string[] = [];
  if (actions.length > 0) {
    const lines = [
      ...(c.run ? usageOf(c) : []),
      ...(c.defaultAction ? [`git session ${commandName(c)} [${c.defaultAction}]`] : []),
      ...actions.filter((a) => a.path[a.path.length - 1] !== c.defaultAction).flatMap(usageOf),
    ];
    out.push(...usageBlock(lines), '', `${cap(c.summary)}.`);
    if (c.description) out.push('', ...c.description);
    out.push('', 'actions:');
    const width = Math.max(...actions.map((a) => a.path[a.path.length - 1]!.length)) + 2;
    for (const a of actions) out.push(`    ${a.path[a.path.length - 1]!.padEnd(width)}${a.summary}`);
    if (c.run && (c.options?.length ?? 0) > 0) out.push('', ...optionRows([...(c.options ?? [])]));
    out.push(
      '',
      `'git session ${commandName(c)} <action> -h' shows an action's options; 'git session ${c.path[0]} --help' the manual page.`,
    );
    return out.join('\n');
  }
  out.push(...usageBlock(usageOf(c)), '', `${cap(c.summary)}.`);
  const file: OptionSpec[] = c.fileText
    ? [
        {
          long: 'file',
          short: 'F',
          value: { type: 'path' },
          placeholder: 'file',
          description: `read the <${c.fileText}> from a file ('-': standard input)`,
        },
      ]
    : [];
  out.push('', ...optionRows([...(c.options ?? []), ...file, ...GLOBAL_OPTIONS.filter((o) => o.long === 'json')]));
  const texts = [
    ...(c.args ?? []).filter((a) => a.value.type === 'text').map((a) => `<${a.name}>`),
    ...(c.options ?? []).filter(isText).map((o) => `--${o.long}`),
  ];
  if (texts.length > 0) {
    const files = (c.options ?? []).filter(isText).map((o) => `--${fileVariant(o)}`);
    out.push(
      '',
      `Texts are kept exactly as typed. '-' as a text reads it from standard input${files.length > 0 ? `; ${files.join(', ')} <file> read${files.length === 1 ? 's' : ''} ${files.length === 1 ? 'that text' : 'those texts'} from a file` : ''}. A text that starts with '-' goes after --.`,
    );
  }
  if (c.examples && c.examples.length > 0) out.push('', 'examples:', ...c.examples.map((e) => `    ${e}`));
  out.push('', `The manual page: git session ${c.path[0]} --help`);
  return out.join('\n');
}

/** What `git session -h` (or `git session` alone) prints: the commands, grouped as git groups its own. */
export function overview(table: readonly CommandSpec[], version: string): string {
  const tops = table.filter((c) => c.path.length === 1 && !c.hidden && c.group);
  const width = Math.max(...tops.map((c) => c.path[0]!.length)) + 3;
  const out = [
    'usage: git session [--version] [-h | --help] <command> [<args>]',
    '',
    `git-session ${version} keeps the context of a piece of work — objectives, decisions, blockers,`,
    'progress, next steps — tied to the git branch it happens on. The commands:',
  ];
  for (const group of Object.keys(GROUP_TITLES) as Group[]) {
    const members = tops.filter((c) => c.group === group);
    if (members.length === 0) continue;
    out.push('', GROUP_TITLES[group]);
    for (const c of members) {
      const alias = c.aliases?.length ? ` (also: ${c.aliases.join(', ')})` : '';
      out.push(`   ${c.path[0]!.padEnd(width)}${c.summary}${alias}`);
    }
  }
  out.push(
    '',
    "'git session <command> -h' shows a command's usage; 'git session help <command>' or",
    "'git session <command> --help' opens its manual page, and 'git session help' this tool's.",
  );
  return out.join('\n');
}
