// The command line, parsed against the command table: pure, no I/O, unit-tested on its own
// (test/cli/parse.test.ts). node:util's parseArgs splits the words (`--x=v`, `-ov`, `--`, short
// groups); this file adds what git's option parser does and parseArgs does not: an option that
// takes a value takes the next word whatever it looks like (`--rationale "-x is faster"`),
// multi-word commands, unknown options with a suggestion, an option given twice refused, texts from
// standard input or files, and nothing typed ever dropped.

import { parseArgs } from 'node:util';
import { type GitSessionError, usageError } from '../model/errors.js';
import { type CommandSpec, commandName, type OptionSpec, placeholderOf, type ValueKind } from './spec.js';
import { suggest } from './suggest.js';
import type { RawValue, TextSource } from './values.js';

export type CliRequest =
  | { kind: 'run'; command: CommandSpec; values: Record<string, RawValue[]>; json: boolean }
  /** `-h`: short usage; `--help` (manual: true): the manual page. `command` null: git-session itself. */
  | { kind: 'help'; command: CommandSpec | null; manual: boolean; exitCode: number }
  | { kind: 'version' };

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { long: 'json', description: 'print one JSON value on stdout (docs/json.md)' },
  { long: 'help', short: 'h', description: '-h: short usage; --help: the manual page' },
];

const FILE_OPTION: OptionSpec = {
  long: 'file',
  short: 'F',
  value: { type: 'path' },
  placeholder: 'file',
  description: "read the text from a file ('-': standard input)",
};

/** `--rationale` has `--rationale-file FILE`: every text option can be read from a file. */
export const fileVariant = (o: OptionSpec): string => `${o.long}-file`;

export const isText = (o: { value?: { type: string } }): boolean => o.value?.type === 'text';

/** Options a command accepts, as the parser sees them. */
export function optionsOf(c: CommandSpec): OptionSpec[] {
  return [...(c.options ?? []), ...(c.fileText ? [FILE_OPTION] : []), ...GLOBAL_OPTIONS];
}

/** Top-level names (with aliases) of the visible commands: what suggestions may offer. */
export function topNames(table: readonly CommandSpec[]): string[] {
  return table.filter((c) => c.path.length === 1 && !c.hidden).flatMap((c) => [c.path[0]!, ...(c.aliases ?? [])]);
}

export function findCommand(table: readonly CommandSpec[], path: readonly string[]): CommandSpec | undefined {
  return table.find((c) => c.path.length === path.length && c.path.every((p, i) => p === path[i]));
}

/**
 * The actions of a command that has them (`objectives` -> add, start, complete, reopen, list);
 * internal ones (`agent hook`) only when asked, for dispatch.
 */
export function actionsOf(table: readonly CommandSpec[], parent: CommandSpec, withHidden = false): CommandSpec[] {
  return table.filter(
    (c) =>
      c.path.length === parent.path.length + 1 &&
      parent.path.every((p, i) => c.path[i] === p) &&
      (withHidden || !c.hidden),
  );
}

function top(table: readonly CommandSpec[], word: string): CommandSpec | undefined {
  return table.find((c) => c.path.length === 1 && (c.path[0] === word || c.aliases?.includes(word)));
}

/** Words other session tools use for their commands, and the git-session command for each. */
const SEED_COMMANDS: Record<string, string> = {
  'session-start': 'start',
  'session-init': 'start',
  'session-list': 'list',
  'session-read': 'show',
  'session-view': 'view',
  'session-reopen': 'reopen',
  'session-resume': 'resume',
  'session-log': 'log',
  'session-checkpoint': 'checkpoint',
  'session-pause': 'pause',
  'session-close': 'close',
  'next-session': 'next',
  complete: 'objectives complete',
  add: 'objectives add',
  resolve: 'blockers resolve',
  archive: 'end',
  finish: 'end',
  stop: 'pause',
  continue: 'resume',
  info: 'status',
  current: 'status',
};

const quote = (s: string): string => (s.length > 60 ? `'${s.slice(0, 60)}…'` : `'${s}'`);

/** An argument that looks like an option is usually a text that starts with `-`. */
function textHint(c: CommandSpec, raw: string): string | undefined {
  const textArg = (c.args ?? []).find((a) => a.value.type === 'text');
  if (!textArg) return undefined;
  return `to give a text that starts with '-', put it after --: git session ${commandName(c)} -- ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}`;
}

function unknownOption(c: CommandSpec, raw: string): GitSessionError {
  const name = raw.split('=')[0]!;
  const opts = optionsOf(c);
  const seed = c.seedOptions?.[name.replace(/^-+/, '')];
  if (seed) return usageError(`git session ${commandName(c)} has no ${name}`, seed);
  // Only a long name is worth a suggestion; `-v` or `-x flag-like text` is text put before --.
  const looksLikeText = /\s/.test(raw) || !/^--[A-Za-z0-9][A-Za-z0-9-]*(=.*)?$/s.test(raw);
  const names = opts.flatMap((o) => [
    `--${o.long}`,
    ...(o.aliases ?? []).map((a) => `--${a}`),
    ...(o.short ? [`-${o.short}`] : []),
  ]);
  const near = looksLikeText ? [] : suggest(name, names);
  const hint =
    near.length > 0
      ? `did you mean ${near.join(' or ')}?`
      : (textHint(c, raw) ?? `see: git session ${commandName(c)} -h`);
  return usageError(`unknown option ${quote(raw)} for git session ${commandName(c)}`, hint);
}

interface Found {
  command: CommandSpec;
  /** Index in argv of the first word after the command's name. */
  rest: number;
}

function findTarget(table: readonly CommandSpec[], argv: readonly string[], start: number): Found | CliRequest {
  const word = argv[start]!;
  const cmd = top(table, word);
  if (!cmd) {
    const seed = SEED_COMMANDS[word.replace(/^\//, '')];
    const near = suggest(word, topNames(table));
    throw usageError(
      `unknown command ${quote(word)}`,
      seed
        ? `in git-session: git session ${seed}`
        : near.length > 0
          ? `did you mean ${near.map((n) => `'git session ${n}'`).join(' or ')}?`
          : 'see the commands: git session -h',
    );
  }
  const actions = actionsOf(table, cmd);
  if (actions.length === 0) return { command: cmd, rest: start + 1 };
  const next = argv[start + 1];
  const action =
    next === undefined ? undefined : actionsOf(table, cmd, true).find((a) => a.path[a.path.length - 1] === next);
  if (action) return { command: action, rest: start + 2 };
  // `objectives -h`: the usage of every action.
  if (next === '-h' || next === '--help') return { kind: 'help', command: cmd, manual: next === '--help', exitCode: 0 };
  if (cmd.run) return { command: cmd, rest: start + 1 };
  const fallback = cmd.defaultAction ? actions.find((a) => a.path[a.path.length - 1] === cmd.defaultAction) : undefined;
  if (next === undefined || next.startsWith('-')) {
    if (fallback && next === undefined) return { command: fallback, rest: start + 1 };
    throw usageError(
      `git session ${cmd.path[0]} needs an action first`,
      `one of: ${actions.map((a) => a.path[a.path.length - 1]).join(', ')} (git session ${cmd.path[0]} -h)`,
    );
  }
  const near = suggest(
    next,
    actions.map((a) => a.path[a.path.length - 1]!),
  );
  throw usageError(
    `unknown ${cmd.path[0]} action ${quote(next)}`,
    near.length > 0
      ? `did you mean 'git session ${cmd.path[0]} ${near[0]}'?`
      : `use one of: ${actions.map((a) => a.path[a.path.length - 1]).join(', ')} (git session ${cmd.path[0]} -h)`,
  );
}

interface Lookup {
  option: OptionSpec;
  /** `--rationale-file`: the text comes from a file. */
  fromFile: boolean;
}

function lookupTable(c: CommandSpec): Map<string, Lookup> {
  const map = new Map<string, Lookup>();
  for (const o of optionsOf(c)) {
    for (const n of [o.long, ...(o.aliases ?? [])]) map.set(n, { option: o, fromFile: false });
    if (o.short) map.set(o.short, { option: o, fromFile: false });
    if (isText(o)) map.set(fileVariant(o), { option: o, fromFile: true });
  }
  return map;
}

type Collected = Map<string, RawValue[]>;

function textSource(text: string): TextSource {
  return text === '-' ? { from: 'stdin' } : { from: 'arg', text };
}

function splitList(o: OptionSpec, value: string): string[] {
  if (!o.list) return [value];
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => p === ''))
    throw usageError(
      `--${o.long} ${quote(value)} has an empty entry`,
      `give them separated by commas: --${o.long} A,B`,
    );
  return parts;
}

/** Values of a closed set or numbers are checked here, so a command never sees a wrong one. */
function checkValue(v: ValueKind | undefined, shown: string, value: string): void {
  if (!v) return;
  if (v.type === 'choice' && !v.choices.includes(value))
    throw shown.startsWith('-')
      ? usageError(
          `${shown} ${quote(value)} is not one of ${v.choices.join(', ')}`,
          `for example ${shown} ${v.choices[0]}`,
        )
      : usageError(`unknown ${shown} ${quote(value)}`, `use one of: ${v.choices.join(', ')}`);
  if (v.type === 'int') {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < v.min)
      throw usageError(
        `${shown} must be a whole number of at least ${v.min}`,
        `for example ${shown} ${Math.max(v.min, 10)}`,
      );
  }
}

function optionValue(hit: Lookup, value: string): RawValue[] {
  const o = hit.option;
  if (hit.fromFile || o === FILE_OPTION) return [{ from: 'file', path: value }];
  if (isText(o)) return [textSource(value)];
  const parts = splitList(o, value);
  for (const p of parts) checkValue(o.value, `--${o.long}`, p);
  return parts;
}

/**
 * Parse the words after `git session`. Throws a usage error (exit 2) for anything that cannot be
 * taken exactly as typed.
 */
export function parseCli(argv: readonly string[], table: readonly CommandSpec[]): CliRequest {
  let i = 0;
  let json = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--version' || a === '-v') return { kind: 'version' };
    if (a === '-h' || a === '--help') return { kind: 'help', command: null, manual: a === '--help', exitCode: 0 };
    if (a === '--json') json = true;
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a !== '-') {
      const word = a.replace(/^-+/, '').split('=')[0]!;
      const near = top(table, word) ? [word] : suggest(a, ['--version', '--help', '--json']);
      throw usageError(
        `unknown option ${quote(a)}`,
        near[0] === word
          ? `the command is written without dashes: git session ${word}`
          : near.length > 0
            ? `did you mean ${near.join(' or ')}?`
            : 'usage: git session [--version] [-h | --help] <command> [<args>]',
      );
    } else break;
  }
  if (i >= argv.length) return { kind: 'help', command: null, manual: false, exitCode: 1 };
  const found = findTarget(table, argv, i);
  if ('kind' in found) return found;
  return parseCommand(found.command, argv.slice(found.rest), json);
}

type Tokens = ReturnType<typeof parseArgs>['tokens'] & {};

/** node:util parseArgs over the command's own options, as tokens (the table's rules are applied after). */
function tokenize(words: readonly string[], lookup: Map<string, Lookup>): Tokens {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, hit] of lookup) {
    if (name.length === 1) continue;
    const takes = hit.fromFile || (hit.option.value !== undefined && !hit.option.optionalValue);
    config[name] = { type: takes ? 'string' : 'boolean' };
    if (hit.option.short && name === hit.option.long) config[name].short = hit.option.short;
  }
  return parseArgs({ args: [...words], options: config, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/**
 * Help first: `decisions add -h` prints the usage whatever else is on the line. Only a word that
 * is exactly -h or --help: parseArgs also finds an `h` inside `-verbose logging everywhere`.
 */
function helpAsked(c: CommandSpec, words: readonly string[], tokens: Tokens): CliRequest | null {
  for (const t of tokens) {
    if (t.kind === 'option-terminator' && words[t.index] === '--') break;
    const raw = words[t.index];
    if (t.kind === 'option' && t.name === 'help' && (raw === '-h' || raw === '--help'))
      return { kind: 'help', command: c, manual: raw === '--help', exitCode: 0 };
  }
  return null;
}

/** Each option's values and the positional words, as the table reads the tokens. */
function collect(
  c: CommandSpec,
  words: readonly string[],
  tokens: Tokens,
  lookup: Map<string, Lookup>,
): { collected: Collected; positionals: { value: string; afterDashes: boolean }[] } {
  const collected: Collected = new Map();
  const positionals: { value: string; afterDashes: boolean }[] = [];
  let afterDashes = false;
  const add = (key: string, value: RawValue) => {
    const list = collected.get(key) ?? [];
    list.push(value);
    collected.set(key, list);
  };
  for (const t of tokens) {
    const raw = words[t.index] ?? '';
    if (t.kind === 'option-terminator') {
      // parseArgs expands a short group such as `-x a-b` letter by letter, and its `-` turns into
      // a terminator: only a real `--` ends the options.
      if (raw !== '--') throw unknownOption(c, raw);
      afterDashes = true;
      continue;
    }
    if (t.kind === 'positional') {
      if (t.value !== raw) throw unknownOption(c, raw);
      positionals.push({ value: t.value, afterDashes });
      continue;
    }
    const hit = lookup.get(t.name);
    // A short group is only fine when every letter is a known option (`-x flag-like` is not).
    if (!hit || (t.rawName.length === 2 && raw.length > 2 && !raw.startsWith('--') && !groupIsKnown(raw, lookup)))
      throw unknownOption(c, raw);
    for (const v of optionValues(hit, t)) add(hit.option.long, v);
  }
  return { collected, positionals };
}

/** What one option token gives: its value(s), nothing for --json, or the error in its use. */
function optionValues(hit: Lookup, t: Extract<Tokens[number], { kind: 'option' }>): RawValue[] {
  const o = hit.option;
  const shown = t.rawName.startsWith('--') ? t.rawName : `-${o.short}`;
  const takesValue = hit.fromFile || (o.value !== undefined && !o.optionalValue);
  if (o.optionalValue) return [t.value ?? true];
  if (!takesValue) {
    if (t.inlineValue) throw usageError(`option ${shown} takes no value`, `give it alone: ${shown}`);
    return o.long === 'json' ? [] : [true];
  }
  if (t.value === undefined) {
    const what = hit.fromFile ? 'file' : placeholderOf(o);
    throw usageError(`option ${shown} needs a value`, `${shown} ${what === 'text' ? '"…"' : `<${what}>`}`);
  }
  return optionValue(hit, t.value);
}

function parseCommand(c: CommandSpec, words: readonly string[], jsonBefore: boolean): CliRequest {
  const lookup = lookupTable(c);
  const tokens = tokenize(words, lookup);
  const help = helpAsked(c, words, tokens);
  if (help) return help;
  const { collected, positionals } = collect(c, words, tokens, lookup);
  const json =
    jsonBefore || tokens.some((t) => t.kind === 'option' && t.name === 'json' && words[t.index] === '--json');
  const values: Record<string, RawValue[]> = {};
  for (const o of optionsOf(c)) {
    const got = collected.get(o.long);
    if (!got) continue;
    if (!o.repeatable && !o.list && o.value !== undefined && got.length > 1)
      throw usageError(
        `option ${o === FILE_OPTION ? '-F/--file' : `--${o.long}`} was given more than once`,
        'give it once',
      );
    values[o.long] = got;
  }
  assignPositionals(c, positionals, values);
  checkStdin(values);
  values.json = [json];
  return { kind: 'run', command: c, values, json };
}

function groupIsKnown(raw: string, lookup: Map<string, Lookup>): boolean {
  const first = lookup.get(raw[1]!);
  // `-ovalue`: a short option that takes a value swallows the rest.
  if (first && first.option.value !== undefined) return true;
  return [...raw.slice(1)].every((ch) => {
    const hit = lookup.get(ch);
    return hit !== undefined && hit.option.short === ch && hit.option.value === undefined;
  });
}

function usageLine(c: CommandSpec): string {
  const args = (c.args ?? []).map((a) => {
    const name = `<${a.name}>${a.variadic ? '...' : ''}`;
    return a.required ? name : `[${name}]`;
  });
  return `git session ${commandName(c)}${(c.options?.length ?? 0) > 0 ? ' [<options>]' : ''}${args.length ? ` ${args.join(' ')}` : ''}`;
}

function assignPositionals(
  c: CommandSpec,
  positionals: { value: string; afterDashes: boolean }[],
  values: Record<string, RawValue[]>,
): void {
  const specs = c.args ?? [];
  const fileTarget = c.fileText !== undefined ? specs.find((a) => a.name === c.fileText) : undefined;
  const fromFile = values.file;
  let k = 0;
  for (const spec of specs) {
    const take = spec.variadic ? positionals.slice(k) : positionals.slice(k, k + 1);
    k += take.length;
    if (take.length === 0) continue;
    if (spec === fileTarget && fromFile)
      throw usageError(
        `give the ${spec.name} as an argument or with -F, not both`,
        `git session ${commandName(c)} -F <file>`,
      );
    values[spec.name] = take.map((p) => {
      if (spec.value.type === 'text') return textSource(p.value);
      checkValue(spec.value, `${c.path[0]} ${spec.name}`, p.value);
      return p.value;
    });
  }
  if (k < positionals.length) {
    const optionLike = positionals.slice(k).find((p) => p.afterDashes && /^--?[A-Za-z]/.test(p.value));
    if (optionLike)
      throw usageError(
        `${quote(optionLike.value)} comes after --, where every word is text, and there is no room for it`,
        `options go before --: git session ${commandName(c)} ${optionLike.value.split('=')[0]} … -- <text>`,
      );
    const extra = positionals.slice(k).map((p) => p.value);
    const textArg = specs.find((a) => a.value.type === 'text' && !a.variadic);
    throw usageError(
      textArg && values[textArg.name]
        ? `git session ${commandName(c)} takes one ${textArg.name}, got ${extra.length + 1} words`
        : `unexpected argument ${quote(extra[0]!)}`,
      textArg && values[textArg.name]
        ? `quote it: git session ${commandName(c)} "${[...(values[textArg.name] as TextSource[]).map((t) => (t.from === 'arg' ? t.text : '-')), ...extra].join(' ').slice(0, 60)}"`
        : `usage: ${usageLine(c)}`,
    );
  }
  if (fromFile) {
    if (fileTarget) values[fileTarget.name] = fromFile;
    else if (c.fileText) {
      const target = c.fileText;
      if (values[target])
        throw usageError(`give --${target} or -F, not both`, `git session ${commandName(c)} -F <file>`);
      values[target] = fromFile;
    }
    delete values.file;
  }
  for (const spec of specs)
    if (spec.required && !values[spec.name])
      throw usageError(
        `missing <${spec.name}>`,
        `usage: ${usageLine(c)}${fileTarget === spec ? ` (or -F <file>)` : ''}`,
      );
}

function checkStdin(values: Record<string, RawValue[]>): void {
  const readers = Object.values(values)
    .flat()
    .filter((v) => typeof v === 'object' && (v.from === 'stdin' || (v.from === 'file' && v.path === '-')));
  if (readers.length > 1)
    throw usageError(
      'standard input can be read only once',
      "give one text as '-' and the others as arguments or files (-F FILE, --<option>-file FILE)",
    );
}
