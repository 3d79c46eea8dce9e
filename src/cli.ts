// The command registry (cac) and the one place errors become exit codes. Each command module is
// loaded only when its command runs, so `git session status` does not pay for yaml or the report
// renderer.

import { cac } from 'cac';
import type { Context } from './app/context.js';
import { shieldArgv, unshield } from './argv.js';
import { optFlag, optInt, optString, optStrings, type Raw } from './commands/args.js';
import type { Io, Output } from './commands/output.js';
import { clip } from './core/text.js';
import { exitCodeOf, GitSessionError, usageError } from './errors.js';
import { colorWanted, makeStyle, safeLine } from './render/term.js';
import { unexplainedFsFailure } from './store/atomic.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

type Options = Record<string, Raw>;
type Handler = (ctx: Context, io: Io) => Promise<Output>;

export interface Streams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

const SESSION_OPTION = [
  '--session <ref>',
  'Act on this session (id, id prefix, name or branch) instead of the current one',
] as const;

interface Chosen {
  options: Options;
  handler: Handler;
  /** Run by git hooks: any failure is one warning line and exit 0, never a failed git command. */
  failOpen: boolean;
  /** Needs no repository (it makes its own, like demo). */
  standalone: boolean;
}

interface Wiring {
  failOpen?: boolean;
  standalone?: boolean;
}

function buildCli(choose: (c: Chosen) => void) {
  const cli = cac('git-session');
  const on =
    (handler: (args: string[], o: Options) => Handler, wiring: Wiring = {}) =>
    (...params: unknown[]) => {
      const o = params[params.length - 1] as Options;
      const positional = params
        .slice(0, -1)
        .flatMap((p) => (p === undefined ? [] : Array.isArray(p) ? p.map(String) : [String(p)]));
      choose({
        options: o,
        handler: handler(positional, o),
        failOpen: wiring.failOpen ?? false,
        standalone: wiring.standalone ?? false,
      });
    };

  cli
    .command('init', 'Create .session/ (shared context) and the local store, and install the git hooks')
    .action(on(() => async (ctx, io) => (await import('./commands/init.js')).init(ctx, io)));

  const startOptions = (c: ReturnType<typeof cli.command>) =>
    c
      .option('-o, --objective <text>', 'An objective (repeatable)')
      .option('--name <name>', 'Short name (default: from the branch)')
      .option('--title <text>', 'Title (default: the first objective)')
      .option('--task <id>', 'Link a task or issue key (repeatable)')
      .option('--from <ref>', 'Create the new branch from this branch, tag or commit (default: HEAD)');
  const newSession = (args: string[], o: Options) => ({
    branch: args[0] ?? '',
    objectives: optStrings(o.objective, '--objective'),
    name: optString(o.name, '--name'),
    title: optString(o.title, '--title'),
    tasks: optStrings(o.task, '--task'),
    from: optString(o.from, '--from'),
  });

  startOptions(
    cli.command('start <branch>', 'Start a session on a branch (created from HEAD if missing) and switch to it'),
  )
    .example('git session start feature/oauth -o "Google login" -o "GitHub login" --task JIRA-12')
    .action(
      on((args, o) => async (ctx, io) => (await import('./commands/start.js')).start(ctx, io, newSession(args, o))),
    );

  cli
    .command('status', 'The session of the checked-out branch: objectives, blockers, decisions, journal, next steps')
    .option('--objectives', 'Only the objectives')
    .option('--verbose', 'Everything: all decisions and entries, commits and files')
    .option(...SESSION_OPTION)
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/status.js')).status(ctx, io, {
            objectives: optFlag(o.objectives),
            verbose: optFlag(o.verbose),
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command('objectives [action] [...args]', 'Objectives: add TEXT... | start ID | complete ID | reopen ID | list')
    .option(...SESSION_OPTION)
    .example('git session objectives add "Implement OAuth2 login"')
    .example('git session objectives complete obj-k3m9')
    .action(
      on(
        (args, o) => async (ctx, io) =>
          (await import('./commands/items.js')).objectives(ctx, io, args[0], args.slice(1), {
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command('blockers [action] [...args]', 'Blockers: add TEXT... | resolve ID [--note TEXT] | list')
    .option('--note <text>', 'How it was resolved')
    .option(...SESSION_OPTION)
    .action(
      on(
        (args, o) => async (ctx, io) =>
          (await import('./commands/items.js')).blockers(ctx, io, args[0], args.slice(1), {
            session: optString(o.session, '--session'),
            note: optString(o.note, '--note'),
          }),
      ),
    );

  cli
    .command('decisions [action] [...args]', 'Decisions: add TEXT [--rationale TEXT] [--alternatives TEXT] | list')
    .option('--rationale <text>', 'Why')
    .option('--alternatives <text>', 'What else was considered, and why not')
    .option(...SESSION_OPTION)
    .example(
      'git session decisions add "Repository pattern for data access" --rationale "Keeps domain logic apart" --alternatives "Active Record: too coupled"',
    )
    .action(
      on(
        (args, o) => async (ctx, io) =>
          (await import('./commands/items.js')).decisions(ctx, io, args[0], args.slice(1), {
            session: optString(o.session, '--session'),
            rationale: optString(o.rationale, '--rationale'),
            alternatives: optString(o.alternatives, '--alternatives'),
          }),
      ),
    );

  cli
    .command('log', 'Journal entries: --progress | --discovery | --next | --done TEXT (each repeatable)')
    .option('--progress <text>', 'What got done or moved')
    .option('--discovery <text>', 'Something learned on the way')
    .option('--next <text>', 'A next step')
    .option('--done <text>', 'Done; completes the objective it names by id or exact text')
    .option('--decision <text>', 'Record a decision (see decisions add)')
    .option('--rationale <text>', 'Rationale of the --decision')
    .option('--alternatives <text>', 'Alternatives to the --decision')
    .option('--blocker <text>', 'Record a blocker')
    .option(...SESSION_OPTION)
    .action(
      on((args, o) => {
        if (args.length > 0) throw usageError(`unexpected argument '${args[0]}'`, 'git session log --progress "…"');
        return async (ctx, io) =>
          (await import('./commands/log.js')).log(ctx, io, {
            progress: optStrings(o.progress, '--progress'),
            discovery: optStrings(o.discovery, '--discovery'),
            next: optStrings(o.next, '--next'),
            done: optStrings(o.done, '--done'),
            decision: optStrings(o.decision, '--decision'),
            rationale: optString(o.rationale, '--rationale'),
            alternatives: optString(o.alternatives, '--alternatives'),
            blocker: optStrings(o.blocker, '--blocker'),
            session: optString(o.session, '--session'),
          });
      }),
    );

  cli
    .command('pause', 'Pause the current session')
    .option('--note <text>', 'Where you stopped')
    .option(...SESSION_OPTION)
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/lifecycle.js')).pause(ctx, io, {
            note: optString(o.note, '--note'),
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command(
      'resume [ref]',
      "Resume a session (branch, id or name; default: this branch's, else the latest paused) and switch to its branch",
    )
    .action(on((args) => async (ctx, io) => (await import('./commands/lifecycle.js')).resume(ctx, io, args[0])));

  startOptions(
    cli.command('switch <branch>', "Pause the current session and switch to the branch's session, or start one there"),
  ).action(
    on(
      (args, o) => async (ctx, io) => (await import('./commands/lifecycle.js')).switchTo(ctx, io, newSession(args, o)),
    ),
  );

  cli
    .command('end', 'End the current session: completed, or abandoned with --abandon --reason')
    .alias('close')
    .option('--summary <text>', 'What was accomplished')
    .option('--abandon', 'Mark it abandoned instead of completed')
    .option('--reason <text>', 'Why it was abandoned')
    .option('--commit', 'Also commit (empty if nothing is staged), so the end reaches the history now')
    .option('--handoff', 'Also write the handoff document (NEXT_SESSION.md) and print it')
    .option(...SESSION_OPTION)
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/lifecycle.js')).end(ctx, io, {
            summary: optString(o.summary, '--summary'),
            abandon: optFlag(o.abandon),
            reason: optString(o.reason, '--reason'),
            session: optString(o.session, '--session'),
            commit: optFlag(o.commit),
            handoff: optFlag(o.handoff),
          }),
      ),
    );

  cli
    .command('reopen <ref>', 'Reopen a completed or abandoned session')
    .action(on((args) => async (ctx, io) => (await import('./commands/lifecycle.js')).reopen(ctx, io, args[0]!)));

  // ---- briefs, handoffs, checkpoints and agents
  cli
    .command('brief', 'The onboarding brief: what we build, how, what is done, what is next, what to watch')
    .option(...SESSION_OPTION)
    .option('--format <format>', 'markdown (default) or json')
    .option('--max-lines <n>', 'Fit the Markdown into this many lines (default: brief.max_lines, 200)')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/brief.js')).brief(ctx, io, {
            session: optString(o.session, '--session'),
            format: optString(o.format, '--format'),
            maxLines: optInt(o.maxLines, '--max-lines', 20),
          }),
      ),
    );

  cli
    .command('handoff', 'The handoff document: done, decided, blocked, progress, next steps, key files')
    .option('--write [path]', 'Write it to NEXT_SESSION.md (handoff.path) or PATH, and record it')
    .option(...SESSION_OPTION)
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/handoff.js')).handoff(ctx, io, {
            write:
              o.write === undefined || o.write === false
                ? false
                : o.write === true || o.write === ''
                  ? true
                  : String(o.write),
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command('next [...text]', 'Notes for whoever continues: shown first by the next resume and brief')
    .option(...SESSION_OPTION)
    .example('git session next "Start from the failing test in auth.test.ts; the fixture is half done"')
    .action(
      on((args, o) => {
        if (args.length === 0)
          throw usageError('missing the notes', 'git session next "what the next session should know"');
        return async (ctx, io) =>
          (await import('./commands/handoff.js')).next(ctx, io, args.join(' '), {
            session: optString(o.session, '--session'),
          });
      }),
    );

  cli
    .command(
      'checkpoint [action]',
      'Commit what is staged as a checkpoint (seed 004 format) with the session trailers; or: checkpoint list',
    )
    .option('--label <label>', 'Name of the checkpoint')
    .option('--decision <text>', 'Record this decision with the checkpoint')
    .option('--rationale <text>', 'Rationale of the --decision')
    .option('--note <text>', 'What was accomplished')
    .option('-m, --message <text>', 'Short description for the subject line')
    .option('--all', 'Commit every tracked change, not only what is staged')
    .option('--allow-empty', 'Commit even when nothing changed')
    .option('--no-commit', 'Only record the checkpoint; the next commit carries it')
    .option('--phase <n>', 'Phase number or name')
    .option('--phase-status <status>', 'Phase status (Complete, In Progress, Paused, Blocked)')
    .option(...SESSION_OPTION)
    .example('git session checkpoint --label api-complete --phase 3 --phase-status Complete --all')
    .action(
      on(
        (args, o) => async (ctx, io) =>
          (await import('./commands/checkpoint.js')).checkpoint(ctx, io, args[0], {
            label: optString(o.label, '--label'),
            decision: optString(o.decision, '--decision'),
            rationale: optString(o.rationale, '--rationale'),
            note: optString(o.note, '--note'),
            message: optString(o.message, '--message'),
            all: optFlag(o.all),
            allowEmpty: optFlag(o.allowEmpty),
            commit: o.commit !== false,
            phase: optString(o.phase, '--phase'),
            phaseStatus: optString(o.phaseStatus, '--phase-status'),
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command('agent [action] [...args]', 'Coding agents: install | uninstall | status  claude | agents-md')
    .allowUnknownOptions()
    .example('git session agent install claude agents-md')
    .action(
      on((args) => async (ctx, io) => (await import('./commands/agent.js')).agent(ctx, io, args[0], args.slice(1))),
    );

  cli
    .command('list', 'Sessions, most recent first (default: active and paused)')
    .option('--all', 'Include completed and abandoned sessions')
    .option('--status <status>', 'Only these statuses (comma-separated)')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/list.js')).list(ctx, io, {
            all: optFlag(o.all),
            status: optString(o.status, '--status'),
          }),
      ),
    );

  cli
    .command('edit', "Change the session's title, short name or task links")
    .option('--title <text>', 'New title')
    .option('--name <name>', 'New short name')
    .option('--task <id>', 'Link another task or issue key (repeatable)')
    .option(...SESSION_OPTION)
    .example('git session edit --title "OAuth login (Google only)" --task JIRA-13')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/edit.js')).edit(ctx, io, {
            title: optString(o.title, '--title'),
            name: optString(o.name, '--name'),
            tasks: optStrings(o.task, '--task'),
            session: optString(o.session, '--session'),
          }),
      ),
    );

  cli
    .command('show [ref]', 'Everything about a session (default: the current one)')
    .action(on((args) => async (ctx, io) => (await import('./commands/show.js')).show(ctx, io, args[0])));

  cli
    .command('rebuild', 'Rebuild every session from the trailers in the history (all branches, remotes and tags)')
    .option('--full', 'Read the whole history again instead of only new commits')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/rebuild.js')).rebuild(ctx, io, { full: optFlag(o.full) }),
      ),
    );

  // ---- history, analytics and reports (src/analytics/, commands/{history,analyze,compare,report}.ts)
  cli
    .command(
      'history',
      'Sessions newest first, with duration, activity, commits, lines, objectives, decisions, blockers',
    )
    .option('--count <n>', 'At most this many sessions')
    .option('--metrics', 'All the figures, not only the summary line')
    .option('--since <date>', 'Only sessions active since this date (YYYY-MM-DD)')
    .option('--author <email>', 'Only sessions this person worked in')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/history.js')).history(ctx, io, {
            count: optInt(o.count, '--count'),
            metrics: optFlag(o.metrics),
            since: optString(o.since, '--since'),
            author: optString(o.author, '--author'),
          }),
      ),
    );

  cli
    .command(
      'analyze',
      'Velocity and patterns (untested source changes, TDD cycles, long pauses, stuck blockers, reopened objectives)',
    )
    .option(...SESSION_OPTION)
    .option('--velocity', 'Only velocity')
    .option('--patterns', 'Only patterns')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/analyze.js')).analyze(ctx, io, {
            session: optString(o.session, '--session'),
            velocity: optFlag(o.velocity),
            patterns: optFlag(o.patterns),
          }),
      ),
    );

  cli
    .command('compare <a> <b>', 'Two sessions side by side')
    .action(
      on((args) => async (ctx, io) => (await import('./commands/compare.js')).compare(ctx, io, args[0]!, args[1]!)),
    );

  cli
    .command('report', 'A weekly or project report: markdown, json or a self-contained html page with a timeline')
    .option('--weekly', 'The week of --week (default: the current week)')
    .option('--week <week>', 'ISO week, e.g. 2026-W47')
    .option('--project', 'The whole project')
    .option('--format <format>', 'markdown (default), json or html')
    .option('--output <path>', 'Write to this file instead of stdout')
    .action(
      on(
        (_a, o) => async (ctx, io) =>
          (await import('./commands/report.js')).report(ctx, io, {
            weekly: optFlag(o.weekly),
            week: optString(o.week, '--week'),
            project: optFlag(o.project),
            format: optString(o.format, '--format'),
            output: optString(o.output, '--output'),
          }),
      ),
    );

  cli.command('demo [dir]', 'Watch git-session work: a scripted session in a throwaway repository').action(
    on((args) => async (ctx, io) => (await import('./commands/demo.js')).demo(ctx, io, args[0]), {
      standalone: true,
    }),
  );

  cli
    .command('hooks [action] [...args]', 'Git hooks: install | uninstall | status (default)')
    .action(
      on((args) => async (ctx, io) => (await import('./commands/hooks.js')).hooks(ctx, io, args[0], args.slice(1))),
    );

  cli
    .command('hook <name> [...args]', 'Run by the installed git hooks (not for direct use)')
    .allowUnknownOptions()
    .action(
      on((args) => async (ctx, io) => (await import('./commands/hook.js')).hook(ctx, io, args[0]), { failOpen: true }),
    );

  cli
    .command('doctor', 'Check the store and the hooks; move damaged journal lines aside (kept), rewrite derived files')
    .alias('repair')
    .action(on(() => async (ctx, io) => (await import('./commands/doctor.js')).doctor(ctx, io)));

  cli.option('--json', 'Print one JSON value on stdout');
  cli.help();
  cli.version(VERSION);
  return cli;
}

function valueOptions(cli: ReturnType<typeof cac>): { names: string[] }[] {
  return [cli.globalCommand, ...cli.commands].flatMap((c) =>
    c.options.filter((o) => o.required === true).map((o) => ({ names: o.names })),
  );
}

const MAX_ERROR = 1000;

function printError(e: unknown, json: boolean, streams: Streams, env: NodeJS.ProcessEnv): number {
  const debug = env.GIT_SESSION_DEBUG === '1';
  if (e instanceof GitSessionError) {
    // One readable line whatever the user typed: a 1 MB name is not echoed back whole.
    const msg = safeLine(clip(e.message, MAX_ERROR));
    streams.stderr.write(`git-session: ${msg}${e.hint ? ` — ${safeLine(clip(e.hint, MAX_ERROR))}` : ''}\n`);
    if (json)
      streams.stdout.write(
        `${JSON.stringify({ error: { code: e.code, message: e.message, hint: e.hint ?? null } })}\n`,
      );
  } else if (unexplainedFsFailure(e)) {
    // A read-only or full store met where no code named it: still one line with the way out.
    return printError(unexplainedFsFailure(e), json, streams, env);
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    streams.stderr.write(
      `git-session: internal error: ${safeLine(clip(msg, MAX_ERROR))} — rerun with GIT_SESSION_DEBUG=1 for details, and please report it\n`,
    );
    if (json) streams.stdout.write(`${JSON.stringify({ error: { code: 'internal', message: msg, hint: null } })}\n`);
  }
  if (debug && e instanceof Error && e.stack) streams.stderr.write(`${e.stack}\n`);
  return exitCodeOf(e);
}

export async function run(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  streams: Streams,
): Promise<number> {
  // What the hooks run goes straight to its handler: every millisecond counts on a branch switch.
  if (argv[2] === 'hook' && argv.length === 4 && !argv[3]!.startsWith('-')) {
    const name = argv[3];
    const handler: Handler = async (ctx, io) => (await import('./commands/hook.js')).hook(ctx, io, name);
    return execute({ options: {}, handler, failOpen: true, standalone: false }, false, cwd, env, streams);
  }
  let chosen: Chosen | undefined;
  const cli = buildCli((c) => {
    chosen = c;
  });
  // `help` and `help <command>` as git's own commands have them.
  const given = argv.slice(2);
  const userArgs = given[0] === 'help' ? [...given.slice(1, 2), '--help'] : given;
  const dashes = userArgs.indexOf('--');
  const json = (dashes < 0 ? userArgs : userArgs.slice(0, dashes)).includes('--json');
  try {
    // cac prints help and version through console.info; route it to our stdout.
    const info = console.info;
    console.info = (...a: unknown[]) => streams.stdout.write(`${a.join(' ')}\n`);
    let parsed: ReturnType<typeof cli.parse>;
    try {
      parsed = cli.parse([argv[0] ?? 'node', argv[1] ?? 'git-session', ...shieldArgv(userArgs, valueOptions(cli))], {
        run: false,
      });
    } finally {
      console.info = info;
    }
    const opts = parsed.options as Options;
    if (opts.help || opts.version) return 0;
    if (!cli.matchedCommand) {
      const first = unshield(cli.args[0]);
      if (first !== undefined) {
        const names = cli.commands.map((c) => c.name);
        const near = names.filter((n) => n.slice(0, 3) === first.slice(0, 3));
        throw usageError(
          `unknown command '${first}'`,
          near.length > 0 ? `did you mean ${near.join(' or ')}?` : `the commands are: ${names.join(', ')}`,
        );
      }
      console.info = (...a: unknown[]) => streams.stdout.write(`${a.join(' ')}\n`);
      try {
        cli.outputHelp();
      } finally {
        console.info = info;
      }
      return 0;
    }
    // Arguments after `--` are positional whatever they look like (`objectives add -- -x`).
    cli.args = [...unshield(cli.args), ...((cli.options['--'] as string[] | undefined) ?? []).map(String)];
    cli.options = { ...unshield(cli.options), '--': [] };
    await cli.runMatchedCommand();
  } catch (e) {
    if (e instanceof Error && e.name === 'CACError')
      return printError(usageError(e.message.replace(/`/g, "'"), 'see git session --help'), json, streams, env);
    return printError(e, json, streams, env);
  }
  if (!chosen) return 0;
  return execute(chosen, json, cwd, env, streams);
}

async function execute(
  picked: Chosen,
  json: boolean,
  cwd: string,
  env: NodeJS.ProcessEnv,
  streams: Streams,
): Promise<number> {
  try {
    const { createContext } = await import('./app/context.js');
    const warn = (m: string) => streams.stderr.write(`git-session: warning: ${safeLine(m)}\n`);
    const ctx = picked.standalone
      ? (null as unknown as Context)
      : createContext(cwd, env, warn, { fromHook: picked.failOpen });
    // Every command reads the configuration first, so a key it does not know is warned about on
    // every command. A wrong value stops the commands that use the configuration (they await it
    // again and fail); the others finish and warn about it.
    const configProblem =
      picked.standalone || picked.failOpen
        ? null
        : await ctx.config().then(
            () => null,
            (e: unknown) => e,
          );
    const { createProgress } = await import('./render/progress.js');
    const io: Io = {
      json,
      style: makeStyle(!json && colorWanted(env, streams.stdout.isTTY === true)),
      progress: (title) => createProgress(title, streams.stderr),
    };
    const out = await picked.handler(ctx, io);
    if (configProblem instanceof GitSessionError)
      warn(`${configProblem.message}${configProblem.hint ? ` — ${configProblem.hint}` : ''}`);
    for (const note of out.notes ?? []) streams.stderr.write(`${note}\n`);
    if (json) streams.stdout.write(`${JSON.stringify(out.json, null, 2)}\n`);
    else if (out.text !== '') streams.stdout.write(`${out.text}\n`);
    return out.exitCode ?? 0;
  } catch (e) {
    if (picked.failOpen) {
      if (env.GIT_SESSION_DEBUG === '1' && e instanceof Error) streams.stderr.write(`${e.stack}\n`);
      streams.stderr.write(
        `git-session: ${safeLine(e instanceof Error ? e.message : String(e))} (the git command was not affected)\n`,
      );
      return 0;
    }
    return printError(e, json, streams, env);
  }
}
