// The shape of the command table (src/cli/commands.ts). Everything about the command line is
// declared once here — names, arguments, options, help, what completion offers — and parsing,
// `-h`, the manual pages and the bash/zsh completion are all derived from it.

import type { Context } from '../app/context.js';
import type { Io, Output } from '../commands/output.js';
import type { Values } from './values.js';

/**
 * What a value is, for completion and for the placeholder shown in help. `text` is free text under
 * the input contract: `-` reads it from standard input, it must not be empty, and it is kept
 * byte for byte.
 */
export type ValueKind =
  | { type: 'text' }
  | { type: 'name' }
  | { type: 'branch' }
  | { type: 'commit' }
  | { type: 'session' }
  | { type: 'item'; item: 'objective' | 'blocker' | 'decision' | 'criterion'; states?: readonly string[] }
  | { type: 'path' }
  | { type: 'date' }
  | { type: 'task' }
  | { type: 'int'; min: number }
  | { type: 'choice'; choices: readonly string[] }
  | { type: 'command' };

export interface OptionSpec {
  /** Long name without dashes; also the key of its value. */
  long: string;
  short?: string;
  /** What the option takes; absent for a flag. */
  value?: ValueKind;
  /** The placeholder in help (`<text>`); default: from the kind. */
  placeholder?: string;
  /** `--write[=<path>]`: the value is optional and only given with `=`. */
  optionalValue?: boolean;
  repeatable?: boolean;
  /** A comma-separated list (`--task A,B` is two tasks); implies repeatable. */
  list?: boolean;
  /** Other long names for the same option (seed vocabulary: `--goal` for `--objective`). */
  aliases?: readonly string[];
  description: string;
  /** Left out of `-h` (still parsed, completed and in the manual). */
  quiet?: boolean;
}

export interface ArgSpec {
  name: string;
  value: ValueKind;
  required?: boolean;
  /** Takes every remaining argument (only the last one). */
  variadic?: boolean;
  description?: string;
}

export type Group = 'session' | 'record' | 'look' | 'history' | 'setup';

export const GROUP_TITLES: Record<Group, string> = {
  session: 'start, switch and end sessions',
  record: 'record the work',
  look: 'see where things stand',
  history: 'history, analysis and reports',
  setup: 'set up, repair and the rest',
};

/**
 * How a command runs: in a repository (most); without one (help, demo); for a git hook (a failure
 * is one warning line and exit 0); for shell completion (a failure prints nothing at all).
 */
export type Place = 'repo' | 'anywhere' | 'hook' | 'completion';

export type Handler = (v: Values, ctx: Context, io: Io) => Promise<Output>;

export interface CommandSpec {
  /** `['objectives', 'add']`: multi-word commands are entries of their own. */
  path: readonly string[];
  /** One line, lower case, no full stop: help, manual, completion descriptions. */
  summary: string;
  /** Paragraphs for the manual page. */
  description?: readonly string[];
  /** Top-level commands only: the group of the overview (`git session -h`). */
  group?: Group;
  /** Internal (run by hooks or completion): left out of help, completion and suggestions. */
  hidden?: boolean;
  /** Other names of a top-level command (`close` for `end`). */
  aliases?: readonly string[];
  args?: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  /** Which text `-F FILE` / `--file FILE` supplies (an argument or option name). */
  fileText?: string;
  /** A command whose first argument names an action: the action used when none is given. */
  defaultAction?: string;
  examples?: readonly string[];
  /** Hints for words users of other session tools type here: option name -> hint. */
  seedOptions?: Readonly<Record<string, string>>;
  place?: Place;
  /** Absent on a command that only groups actions. */
  run?: Handler;
}

export const NEEDS_VALUE: Record<ValueKind['type'], string> = {
  text: 'text',
  name: 'name',
  branch: 'branch',
  commit: 'commit',
  session: 'session',
  item: 'id',
  path: 'path',
  date: 'date',
  task: 'task',
  int: 'n',
  choice: 'value',
  command: 'command',
};

export function placeholderOf(o: { value?: ValueKind; placeholder?: string }): string {
  if (o.placeholder) return o.placeholder;
  const v = o.value;
  if (!v) return '';
  if (v.type === 'item') return v.item;
  if (v.type === 'choice') return v.choices.join('|');
  return NEEDS_VALUE[v.type];
}

/** The name a command is typed as. */
export const commandName = (c: CommandSpec): string => c.path.join(' ');
