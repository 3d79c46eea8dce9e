// The command line end to end: parse against the command table (src/cli/), read texts from
// standard input or files, run the command, print its output — and the one place errors become
// exit codes.

import type { Context } from '../app/context.js';
import { unexplainedFsFailure } from '../app/failure.js';
import type { Io, Output } from '../commands/output.js';
import { redactSecrets, scanSecrets } from '../core/secrets.js';
import { exitCodeOf, GitSessionError, usageError } from '../model/errors.js';
import { ENV } from '../model/hook-contract.js';
import { clip } from '../model/text.js';
import { colorWanted, makeStyle, safeLine } from '../render/term.js';
import { COMMANDS } from './commands.js';
import { commandHelp, overview } from './help.js';
import { pageName } from './man.js';
import { openManual } from './manual.js';
import { findCommand, parseCli } from './parse.js';
import type { CommandSpec, Place } from './spec.js';
import { readStdinSync, resolveTexts } from './texts.js';
import type { RawValue } from './values.js';
import { Values } from './values.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface Streams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Standard input, for texts given as `-` (default: the process's, read synchronously). */
  stdin?: { read(limit: number): Buffer; isTTY?: boolean };
}

const MAX_ERROR = 1000;

/**
 * An error can quote what was typed (an unknown id, a branch git refused): whatever a secret rule
 * finds in it is replaced by `[secret: <rule>]`, so a token never reaches a terminal, a log or a
 * transcript through an error.
 */
const redacted = (text: string): string => redactSecrets(text, scanSecrets(text));

function printError(e: unknown, json: boolean, streams: Streams, env: NodeJS.ProcessEnv): number {
  const debug = env[ENV.debug] === '1';
  if (e instanceof GitSessionError) {
    const message = redacted(e.message);
    const hint = e.hint ? redacted(e.hint) : null;
    // One readable line whatever the user typed: a 1 MB name is not echoed back whole.
    const msg = safeLine(clip(message, MAX_ERROR));
    streams.stderr.write(`git-session: ${msg}${hint ? ` — ${safeLine(clip(hint, MAX_ERROR))}` : ''}\n`);
    if (json) streams.stdout.write(`${JSON.stringify({ error: { code: e.code, message, hint } })}\n`);
  } else if (unexplainedFsFailure(e)) {
    // A read-only or full store met where no code named it: still one line with the way out.
    return printError(unexplainedFsFailure(e), json, streams, env);
  } else {
    const msg = redacted(e instanceof Error ? e.message : String(e));
    streams.stderr.write(
      `git-session: internal error: ${safeLine(clip(msg, MAX_ERROR))} — rerun with ${ENV.debug}=1 for details, and please report it\n`,
    );
    if (json) streams.stdout.write(`${JSON.stringify({ error: { code: 'internal', message: msg, hint: null } })}\n`);
  }
  if (debug && e instanceof Error && e.stack) streams.stderr.write(`${e.stack}\n`);
  return exitCodeOf(e);
}

/** `--json` anywhere before `--`: known even when parsing fails, so the error comes as JSON too. */
function wantsJson(args: readonly string[]): boolean {
  const dashes = args.indexOf('--');
  return (dashes < 0 ? args : args.slice(0, dashes)).includes('--json');
}

function showHelp(command: CommandSpec | null, manual: boolean, streams: Streams, env: NodeJS.ProcessEnv): number {
  const text = command ? commandHelp(COMMANDS, command) : overview(COMMANDS, VERSION);
  if (!manual) {
    streams.stdout.write(`${text}\n`);
    return 0;
  }
  return openManual(command ? pageName(command) : 'git-session', text, streams, env);
}

/** `git session help [<command> [<action>]]`: the manual page, as `git help` opens git's. */
function helpTarget(words: readonly string[]): CommandSpec | null {
  if (words.length === 0) return null;
  const top = COMMANDS.find((c) => c.path.length === 1 && (c.path[0] === words[0] || c.aliases?.includes(words[0]!)));
  if (!top || top.hidden)
    throw usageError(`no manual page for '${clip(words.join(' '), 60)}'`, 'the commands: git session -h');
  return top;
}

export async function run(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  streams: Streams,
): Promise<number> {
  const args = argv.slice(2);
  // What the hooks run goes straight to its handler: every millisecond counts on a branch switch.
  if (args[0] === 'hook' && args.length === 2 && !args[1]!.startsWith('-')) {
    const hook = findCommand(COMMANDS, ['hook'])!;
    return execute(hook, new Values({ name: [args[1]!] }), false, cwd, env, streams);
  }
  const json = wantsJson(args);
  try {
    const req = parseCli(args, COMMANDS);
    if (req.kind === 'version') {
      streams.stdout.write(`git-session version ${VERSION}\n`);
      return 0;
    }
    if (req.kind === 'help') {
      const code = showHelp(req.command, req.manual, streams, env);
      return req.exitCode !== 0 ? req.exitCode : code;
    }
    if (req.command.path[0] === 'help' && req.command.path.length === 1) {
      const words = (req.values.command ?? []).map(String);
      return showHelp(helpTarget(words), true, streams, env);
    }
    const values = resolveTexts(req.command, req.values as Record<string, RawValue[]>, {
      cwd,
      readStdin: (limit) => (streams.stdin ? streams.stdin.read(limit) : readStdinSync(limit)),
      stdinIsTTY: () => (streams.stdin ? streams.stdin.isTTY === true : process.stdin.isTTY === true),
      notice: (m) => streams.stderr.write(`git-session: ${m}\n`),
    });
    return await execute(req.command, values, req.json, cwd, env, streams);
  } catch (e) {
    return printError(e, json, streams, env);
  }
}

const contextFor = async (
  place: Place,
  cwd: string,
  env: NodeJS.ProcessEnv,
  warn: (m: string) => void,
): Promise<Context> => {
  if (place === 'anywhere') return null as unknown as Context;
  const { createContext } = await import('../app/context.js');
  return createContext(cwd, env, warn, { fromHook: place === 'hook' });
};

/** Commands that merge fetched session refs themselves (or must not touch them). */
const OWN_MERGE = new Set(['init', 'sync', 'doctor', 'hooks', 'help']);

async function execute(
  command: CommandSpec,
  values: Values,
  json: boolean,
  cwd: string,
  env: NodeJS.ProcessEnv,
  streams: Streams,
): Promise<number> {
  const place = command.place ?? 'repo';
  try {
    if (!command.run) throw new Error(`${command.path.join(' ')} has nothing to run`);
    const warn =
      place === 'completion' ? () => {} : (m: string) => streams.stderr.write(`git-session: warning: ${safeLine(m)}\n`);
    const ctx = await contextFor(place, cwd, env, warn);
    // Every command reads the configuration first, so a key it does not know is warned about on
    // every command. A wrong value stops the commands that use the configuration (they await it
    // again and fail); the others finish and warn about it.
    const configProblem =
      place === 'repo'
        ? await ctx.config().then(
            () => null,
            (e: unknown) => e,
          )
        : null;
    const { createProgress } = await import('../render/progress.js');
    const io: Io = {
      json,
      style: makeStyle(!json && colorWanted(env, () => streams.stdout.isTTY === true)),
      stderrIsTTY: () => streams.stderr.isTTY === true,
      stderr: (chunk) => streams.stderr.write(chunk),
      progress: (title) => createProgress(title, streams.stderr, { now: Date.now }),
    };
    // What a plain `git fetch` or `git pull` brought is merged first (docs/sync.md); a stamp
    // check when nothing did. `init` and `sync` merge on their own.
    if (place === 'repo' && configProblem === null && !OWN_MERGE.has(command.path[0]!)) {
      const { mergeIfArrived } = await import('../app/sync/stamp.js');
      await mergeIfArrived(ctx);
    }
    const out: Output = await command.run(values, ctx, io);
    if (configProblem instanceof GitSessionError)
      warn(`${configProblem.message}${configProblem.hint ? ` — ${configProblem.hint}` : ''}`);
    for (const note of out.notes ?? []) streams.stderr.write(`${note}\n`);
    if (json) streams.stdout.write(`${JSON.stringify(out.json, null, 2)}\n`);
    else if (out.text !== '') streams.stdout.write(`${out.text}\n`);
    return out.exitCode ?? 0;
  } catch (e) {
    if (place === 'completion') return 0;
    if (place === 'hook') {
      if (env[ENV.debug] === '1' && e instanceof Error) streams.stderr.write(`${e.stack}\n`);
      streams.stderr.write(
        `git-session: ${safeLine(redacted(e instanceof Error ? e.message : String(e)))} (the git command was not affected)\n`,
      );
      return 0;
    }
    return printError(e, json, streams, env);
  }
}
