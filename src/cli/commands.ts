// The command table: every command, argument and option of git-session, declared once. Parsing
// (parse.ts), `-h` (help.ts), the manual pages (man.ts) and bash/zsh completion (completion.ts)
// are derived from it. Each entry's `run` loads its command module only when it runs, so
// `git session status` does not pay for yaml or the report renderer.

import { SEARCH_KINDS } from '../core/search.js';
import { usageError } from '../model/errors.js';
import type { CommandSpec, OptionSpec } from './spec.js';
import type { Values } from './values.js';

const text = { type: 'text' } as const;

const SESSION: OptionSpec = {
  long: 'session',
  value: { type: 'session' },
  placeholder: 'ref',
  description: 'act on this session (id, id prefix, name or branch) instead of the current one',
};

const NEW_SESSION_OPTIONS: readonly OptionSpec[] = [
  {
    long: 'objective',
    short: 'o',
    value: text,
    repeatable: true,
    aliases: ['goal'],
    description: 'an objective of the session (repeatable; --goal is the same)',
  },
  { long: 'name', value: { type: 'name' }, description: 'short name (default: from the branch)' },
  { long: 'title', value: text, description: 'title (default: the first objective)' },
  {
    long: 'task',
    value: { type: 'task' },
    list: true,
    aliases: ['tasks'],
    placeholder: 'id',
    description: 'link a task or issue key (repeatable; --task A,B links two)',
  },
  {
    long: 'from',
    value: { type: 'commit' },
    placeholder: 'ref',
    description: 'create the new branch from this branch, tag or commit (default: HEAD)',
  },
];

const NEW_SESSION_SEEDS = {
  resume: 'to pick a session up again: git session resume [<branch>]',
  tdd: 'git-session has no TDD mode; git session analyze --patterns finds red-green cycles in any session',
};

const newSession = (v: Values, branch: string) => ({
  branch,
  objectives: v.strs('objective'),
  name: v.str('name'),
  title: v.str('title'),
  tasks: v.strs('task'),
  from: v.str('from'),
});

const itemCommand =
  (noun: 'objectives' | 'blockers' | 'decisions', action: string) =>
  async (v: Values, ctx: import('../app/context.js').Context, io: import('../commands/output.js').Io) => {
    const items = await import('../commands/items.js');
    const args = [...v.strs(noun.slice(0, -1)), ...v.strs('item')];
    const options = {
      session: v.str('session'),
      note: v.str('note'),
      rationale: v.str('rationale'),
      alternatives: v.str('alternatives'),
    };
    return items.items(ctx, io, noun, action, args, options);
  };

const ITEM_REF_TEXT =
  'An item is named by its number in the list (1, 2, …; `obj-1` too), its id (`obj-k3m9`), a unique prefix of the id, or — for objectives — its exact text.';

export const COMMANDS: readonly CommandSpec[] = [
  // ---- start, switch and end sessions
  {
    path: ['init'],
    group: 'setup',
    summary: 'create .session/ and the local store, and install the git hooks',
    description: [
      'Creates the shared context in the tracked .session/ folder (config.yaml, architecture.md, conventions.md; never overwritten), the local store under the git common directory, and installs the git hooks (plain, core.hooksPath, husky v9 or lefthook). Safe to run again.',
    ],
    run: async (_v, ctx, io) => (await import('../commands/init.js')).init(ctx, io),
  },
  {
    path: ['start'],
    group: 'session',
    summary: 'start a session on a branch (created if missing) and switch to it',
    description: [
      'Links a branch to a new session and checks the branch out, creating it from HEAD (or --from) when it does not exist. Without a branch, the session starts on the branch checked out now. From then on every commit on the branch carries the session in its trailers.',
    ],
    args: [{ name: 'branch', value: { type: 'branch' }, description: 'the branch (default: the current one)' }],
    options: [...NEW_SESSION_OPTIONS],
    seedOptions: NEW_SESSION_SEEDS,
    examples: [
      'git session start feature/oauth -o "Google login" -o "GitHub login" --task JIRA-12',
      'git session start --goal "Fix the flaky login test" --tasks BUG-7,BUG-9',
    ],
    run: async (v, ctx, io) => {
      const { requireBranch } = await import('../app/git-state.js');
      const branch = v.str('branch') ?? requireBranch(ctx, 'start a session on');
      return (await import('../commands/start.js')).start(ctx, io, newSession(v, branch));
    },
  },
  {
    path: ['switch'],
    group: 'session',
    summary: "pause the current session and switch to the branch's session, or start one there",
    description: [
      'Pauses the session of the current branch, checks out <branch>, and resumes its open session — or, when it has none, starts one there with the options given (as git session start). Options for a new session are refused when the branch already has one.',
    ],
    args: [{ name: 'branch', value: { type: 'branch' }, required: true }],
    options: [...NEW_SESSION_OPTIONS],
    seedOptions: NEW_SESSION_SEEDS,
    examples: ['git session switch hotfix/login-crash -o "Stop the crash on empty passwords"'],
    run: async (v, ctx, io) =>
      (await import('../commands/lifecycle.js')).switchTo(ctx, io, newSession(v, v.str('branch')!)),
  },
  {
    path: ['pause'],
    group: 'session',
    summary: 'pause the current session, with a note on where you stopped',
    args: [{ name: 'text', value: text, description: 'where you stopped (the same as --note)' }],
    options: [{ long: 'note', value: text, description: 'where you stopped' }, SESSION],
    fileText: 'text',
    run: async (v, ctx, io) => {
      const note = one(v, 'note', 'text', 'note');
      return (await import('../commands/lifecycle.js')).pause(ctx, io, { note, session: v.str('session') });
    },
  },
  {
    path: ['resume'],
    group: 'session',
    summary: "resume a session and switch to its branch (default: this branch's, else the latest paused)",
    description: [
      "Checks out the session's branch, marks the session active and prints where it stands. Without a reference: the session of the current branch, or else the open session touched last. With --list: the sessions there are to resume.",
    ],
    args: [{ name: 'session', value: { type: 'session' }, description: 'id, id prefix, name or branch' }],
    options: [{ long: 'list', description: 'list the sessions that can be resumed (active and paused)' }],
    run: async (v, ctx, io) => {
      if (v.flag('list')) {
        if (v.has('session')) throw usageError('--list takes no session', 'git session resume --list');
        return (await import('../commands/list.js')).list(ctx, io, { all: false });
      }
      return (await import('../commands/lifecycle.js')).resume(ctx, io, v.str('session'));
    },
  },
  {
    path: ['end'],
    aliases: ['close'],
    group: 'session',
    summary: 'end the current session: completed (with a summary) or abandoned (with a reason)',
    description: [
      'Marks the session completed — or abandoned with --abandon and a reason. The text given as an argument (or with -F) is the summary, or with --abandon the reason. The end is recorded locally and carried into history by the next commit on the branch; --commit makes that commit now.',
      'It refuses while an acceptance criterion is failed or unverified (git session verify, criteria confirm); --force --reason "…" completes it anyway and records why. Then it prints what is left — open objectives, next steps and blockers as an issue to paste into a tracker, decisions without an ADR file, criteria not met — and --json gives the same under "left".',
      "--merge-to BRANCH ends the session with a commit, switches to BRANCH and merges the session's branch with git merge --no-ff. It refuses to start when tracked files have uncommitted changes; when the merge stops on conflicts, git's usual state is left for you to resolve (or git merge --abort).",
    ],
    args: [{ name: 'text', value: text, description: 'the summary; with --abandon, the reason' }],
    options: [
      { long: 'summary', value: text, description: 'what was accomplished' },
      { long: 'complete', description: 'mark it completed (the default)' },
      { long: 'abandon', description: 'mark it abandoned instead of completed' },
      { long: 'reason', value: text, description: 'why it was abandoned, or why --force' },
      {
        long: 'force',
        description: 'complete it although acceptance criteria are failed or unverified (needs --reason; recorded)',
      },
      { long: 'commit', description: 'also commit (empty if nothing is staged), so the end reaches the history now' },
      { long: 'handoff', description: 'also write the handoff document (NEXT_SESSION.md) and print it' },
      {
        long: 'merge-to',
        value: { type: 'branch' },
        description: 'end with a commit, switch to this branch and merge the session branch (--no-ff)',
      },
      SESSION,
    ],
    fileText: 'text',
    examples: [
      'git session end "Login works with Google and GitHub"',
      'git session close --abandon --reason "requirements changed"',
      'git session end --merge-to main',
    ],
    run: async (v, ctx, io) => {
      const abandon = v.flag('abandon');
      if (abandon && v.flag('complete'))
        throw usageError('--complete and --abandon exclude each other', 'git session end --abandon --reason "…"');
      const summary = abandon ? v.str('summary') : one(v, 'summary', 'text', 'summary');
      const reason = abandon ? one(v, 'reason', 'text', 'reason') : v.str('reason');
      const options = {
        summary,
        reason,
        abandon,
        force: v.flag('force'),
        session: v.str('session'),
        commit: v.flag('commit'),
        handoff: v.flag('handoff'),
      };
      const mergeTo = v.str('merge-to');
      if (mergeTo !== undefined)
        return (await import('../commands/merge-to.js')).endAndMerge(ctx, io, options, mergeTo);
      return (await import('../commands/lifecycle.js')).end(ctx, io, options);
    },
  },
  {
    path: ['reopen'],
    group: 'session',
    summary: 'reopen a completed or abandoned session',
    args: [{ name: 'session', value: { type: 'session' }, required: true }],
    run: async (v, ctx, io) => (await import('../commands/lifecycle.js')).reopen(ctx, io, v.str('session')!),
  },
  {
    path: ['edit'],
    group: 'session',
    summary: "change the session's title, short name or task links",
    description: ['The change is carried by the next commit, so other clones see it after a rebuild.'],
    options: [
      { long: 'title', value: text, description: 'new title' },
      { long: 'name', value: { type: 'name' }, description: 'new short name' },
      {
        long: 'task',
        value: { type: 'task' },
        list: true,
        aliases: ['tasks'],
        placeholder: 'id',
        description: 'link another task or issue key (repeatable; --task A,B links two)',
      },
      SESSION,
    ],
    examples: ['git session edit --title "OAuth login (Google only)" --task JIRA-13'],
    run: async (v, ctx, io) =>
      (await import('../commands/edit.js')).edit(ctx, io, {
        title: v.str('title'),
        name: v.str('name'),
        tasks: v.strs('task'),
        session: v.str('session'),
      }),
  },

  // ---- record the work
  {
    path: ['objectives'],
    group: 'record',
    summary: 'what the session is for: add, start, complete, reopen, list',
    description: [ITEM_REF_TEXT],
    defaultAction: 'list',
  },
  {
    path: ['objectives', 'add'],
    summary: 'add objectives (one per argument)',
    args: [{ name: 'objective', value: text, required: true, variadic: true }],
    options: [SESSION],
    fileText: 'objective',
    examples: ['git session objectives add "Implement OAuth2 login" "Remember me"'],
    run: itemCommand('objectives', 'add'),
  },
  ...(['start', 'complete', 'reopen'] as const).map(
    (action): CommandSpec => ({
      path: ['objectives', action],
      summary:
        action === 'start'
          ? 'mark an objective in progress'
          : action === 'complete'
            ? 'mark an objective done'
            : 'open a done objective again',
      args: [
        {
          name: 'item',
          value: {
            type: 'item',
            item: 'objective',
            states: action === 'start' ? ['open'] : action === 'complete' ? ['open', 'in-progress'] : ['done'],
          },
          required: true,
          description: 'number in the list, id, id prefix or exact text',
        },
      ],
      options: [SESSION],
      examples:
        action === 'complete' ? ['git session objectives complete 1', 'git session objectives complete obj-k3m9'] : [],
      run: itemCommand('objectives', action),
    }),
  ),
  {
    path: ['objectives', 'list'],
    summary: 'the objectives, numbered',
    options: [SESSION],
    run: itemCommand('objectives', 'list'),
  },
  {
    path: ['blockers'],
    group: 'record',
    summary: 'what is in the way: add, resolve, list',
    description: [ITEM_REF_TEXT],
    defaultAction: 'list',
  },
  {
    path: ['blockers', 'add'],
    summary: 'add blockers (one per argument)',
    args: [{ name: 'blocker', value: text, required: true, variadic: true }],
    options: [SESSION],
    fileText: 'blocker',
    examples: ['git session blockers add "Waiting on API keys"'],
    run: itemCommand('blockers', 'add'),
  },
  {
    path: ['blockers', 'resolve'],
    summary: 'mark a blocker resolved, with how',
    args: [
      {
        name: 'item',
        value: { type: 'item', item: 'blocker', states: ['open'] },
        required: true,
        description: 'number in the list, id or id prefix',
      },
    ],
    options: [{ long: 'note', value: text, description: 'how it was resolved' }, SESSION],
    fileText: 'note',
    examples: ['git session blockers resolve 1 --note "the keys arrived"'],
    run: itemCommand('blockers', 'resolve'),
  },
  {
    path: ['blockers', 'list'],
    summary: 'the blockers, numbered',
    options: [SESSION],
    run: itemCommand('blockers', 'list'),
  },
  {
    path: ['decisions'],
    group: 'record',
    summary: 'what was decided and why: add, supersede, list',
    description: [
      'Decisions are carried by the next commit in a Decisions: trailer and appended to the tracked .session/decisions.md, so they show up in code review.',
      'A decision is never edited: decisions supersede records a new one that replaces it. The old one stays in the history and in decisions list, marked as replaced; the brief, git session why and the edit reminder show only decisions nobody replaced.',
    ],
    defaultAction: 'list',
  },
  {
    path: ['decisions', 'add'],
    summary: 'record a decision, with why and what else was considered',
    args: [{ name: 'decision', value: text, required: true }],
    options: [
      { long: 'rationale', value: text, description: 'why' },
      { long: 'alternatives', value: text, description: 'what else was considered, and why not' },
      SESSION,
    ],
    fileText: 'decision',
    examples: [
      'git session decisions add "Repository pattern for data access" --rationale "Keeps domain logic apart" --alternatives "Active Record: too coupled"',
      'git session decisions add "Use PKCE" --rationale-file why.md',
    ],
    run: itemCommand('decisions', 'add'),
  },
  {
    path: ['decisions', 'adr'],
    summary: 'write the ADR files (adr.dir) of the decisions that have none yet',
    description: [
      'With adr.dir set in .session/config.yaml, every decision recorded is also written as a numbered MADR file there. This writes the files of decisions that have none: recorded before adr.dir was set, or on another clone. Files are only created, never replaced.',
    ],
    args: [
      {
        name: 'item',
        value: { type: 'item', item: 'decision' },
        variadic: true,
        description: 'only these decisions (number, id or id prefix)',
      },
    ],
    options: [SESSION],
    run: async (v, ctx, io) =>
      (await import('../commands/adr.js')).decisionsAdr(ctx, io, v.strs('item'), { session: v.str('session') }),
  },
  {
    path: ['decisions', 'supersede'],
    summary: 'record a decision that replaces an earlier one (of this session or another)',
    description: [
      'The decision replaced is named by its number in decisions list, its id or a unique prefix of the id; a decision of another session (an ended one too) by its id or a prefix of at least four characters. The next commit carries the new decision with a supersedes field, so every clone agrees. A decision already replaced is refused: replace its replacement.',
    ],
    args: [
      {
        name: 'decision',
        value: { type: 'item', item: 'decision' },
        required: true,
        description: 'the decision replaced',
      },
      { name: 'text', value: text, required: true, description: 'the new decision' },
    ],
    options: [
      { long: 'rationale', value: text, description: 'why' },
      { long: 'alternatives', value: text, description: 'what else was considered, and why not' },
      SESSION,
    ],
    fileText: 'text',
    examples: [
      'git session decisions supersede 2 "Sessions in signed cookies" --rationale "JWT revocation was needed"',
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/items.js')).supersede(ctx, io, {
        ref: v.str('decision')!,
        text: v.str('text')!,
        rationale: v.str('rationale'),
        alternatives: v.str('alternatives'),
        session: v.str('session'),
      }),
  },
  {
    path: ['decisions', 'list'],
    summary: 'the decisions, numbered, with why',
    options: [SESSION],
    run: itemCommand('decisions', 'list'),
  },
  {
    path: ['criteria'],
    group: 'record',
    summary: 'acceptance criteria, each verified by a check or by hand: add, list, remove, confirm',
    description: [
      'What must hold before the session ends. A criterion with --check is verified by running that line of shell in the repository root (git session verify); one without is confirmed by hand (criteria confirm). end refuses while one is failed or unverified (end --force --reason overrides, and says so in the history).',
      'Each result — passed or failed, exit code, duration, when, at which commit — is carried by the next commit, so every clone sees it. A check typed on this clone is approved by typing it; one that came with the repository runs only after verify --approve.',
    ],
    defaultAction: 'list',
  },
  {
    path: ['criteria', 'add'],
    summary: 'add acceptance criteria (one per argument), with the check that verifies one',
    args: [{ name: 'criterion', value: text, required: true, variadic: true }],
    options: [
      {
        long: 'check',
        value: text,
        placeholder: 'cmd',
        description: 'a line of shell that verifies it (exit 0: passed), run by git session verify',
      },
      SESSION,
    ],
    fileText: 'criterion',
    examples: [
      'git session criteria add "Tests pass" --check "npm test"',
      'git session criteria add "The design review signed it off"',
    ],
    run: async (v, ctx) =>
      (await import('../commands/criteria.js')).criteriaAdd(ctx, v.strs('criterion'), {
        check: v.str('check'),
        session: v.str('session'),
      }),
  },
  {
    path: ['criteria', 'list'],
    summary: 'the acceptance criteria, numbered, with how each last ran',
    options: [SESSION],
    run: async (v, ctx, io) =>
      (await import('../commands/criteria.js')).criteriaList(ctx, io, { session: v.str('session') }),
  },
  {
    path: ['criteria', 'remove'],
    summary: 'remove an acceptance criterion',
    args: [
      {
        name: 'item',
        value: { type: 'item', item: 'criterion' },
        required: true,
        description: 'number in the list, id, id prefix or exact text',
      },
    ],
    options: [SESSION],
    run: async (v, ctx) =>
      (await import('../commands/criteria.js')).criteriaRemove(ctx, v.strs('item'), { session: v.str('session') }),
  },
  {
    path: ['criteria', 'confirm'],
    summary: 'confirm by hand a criterion without a check (at the commit checked out)',
    args: [
      {
        name: 'item',
        value: { type: 'item', item: 'criterion', states: ['unverified', 'failed'] },
        required: true,
        description: 'number in the list, id, id prefix or exact text',
      },
    ],
    options: [SESSION],
    run: async (v, ctx, io) =>
      (await import('../commands/criteria.js')).criteriaConfirm(ctx, io, v.strs('item'), { session: v.str('session') }),
  },
  {
    path: ['verify'],
    group: 'record',
    summary: "run the checks of the session's acceptance criteria and record what each found",
    description: [
      "Runs each criterion's check (all of them, or the ones named) with /bin/sh in the repository root, one after the other, saying what it runs first. A check that runs longer than --timeout (checks.timeout, 600 s) is stopped with its whole process group; only the last 4 KiB of what it prints is kept. Each result — passed or failed, exit code, duration, when, at which commit — is recorded and carried by the next commit. Exits 1 when a check fails. Checks run only when asked, never from a hook.",
      'A check this clone has not approved — it came with a commit or a fetched session, not typed here — is not run: verify shows it and stops. Read it; --approve runs it and remembers it. Criteria without a check are listed for criteria confirm.',
    ],
    args: [
      { name: 'item', value: { type: 'item', item: 'criterion' }, variadic: true, description: 'only these criteria' },
    ],
    options: [
      { long: 'approve', description: 'also run checks this clone has not approved (shown first), and approve them' },
      {
        long: 'timeout',
        value: { type: 'int', min: 1 },
        placeholder: 'seconds',
        description: 'stop a check after this long (default: checks.timeout, 600)',
      },
      { long: 'verbose', description: 'show what each check prints as it runs (on stderr)' },
      SESSION,
    ],
    examples: ['git session verify', 'git session verify 2 --timeout 60', 'git session verify --approve'],
    run: async (v, ctx, io) =>
      (await import('../commands/criteria.js')).verify(ctx, io, v.strs('item'), {
        session: v.str('session'),
        approve: v.flag('approve'),
        timeout: v.int('timeout'),
        verbose: v.flag('verbose'),
      }),
  },
  {
    path: ['phase'],
    group: 'record',
    summary: "the repository's phases (seed 004), shared by every session: add, list, start, stage, complete",
    description: [
      "Phases are units of work that span sessions, each with verification criteria: a text, or a check (a line of shell) that git session phase complete runs. The plan is the repository's, not one session's: it is kept in the tracked file .session/phases.yaml (phases.path), so every session on the branch reads the same plan, it merges with the code, and a clone has it with its checkout. git-session changes only the values that change; comments and hand edits stay.",
      'A phase is pending, in progress (in a stage: implementation, verification or debugging) or complete. Checkpoints and SESSION.md show the current phase and stage.',
    ],
    defaultAction: 'list',
  },
  {
    path: ['phase', 'add'],
    summary: 'add a phase at the end of the plan, with its criteria and checks',
    args: [{ name: 'name', value: text, required: true }],
    options: [
      {
        long: 'criterion',
        value: text,
        repeatable: true,
        description: 'a criterion in words (repeatable): confirmed by whoever completes the phase',
      },
      {
        long: 'check',
        value: text,
        repeatable: true,
        placeholder: 'cmd',
        description: 'a line of shell that must exit 0 for the phase to complete (repeatable)',
      },
    ],
    examples: ['git session phase add "Tasks API" --criterion "PATCH and DELETE work" --check "npm test -- tasks"'],
    run: async (v, ctx) =>
      (await import('../commands/phase.js')).phaseAdd(ctx, v.str('name')!, v.strs('criterion'), v.strs('check')),
  },
  {
    path: ['phase', 'list'],
    summary: 'the phases, with their status, stage and criteria',
    run: async (_v, ctx, io) => (await import('../commands/phase.js')).phaseList(ctx, io),
  },
  {
    path: ['phase', 'start'],
    summary: 'start a phase (its stage: implementation); a complete one opens again',
    args: [{ name: 'phase', value: { type: 'name' }, required: true, description: 'its number, or its name' }],
    run: async (v, ctx) => (await import('../commands/phase.js')).phaseStart(ctx, v.str('phase')!),
  },
  {
    path: ['phase', 'stage'],
    summary: 'set the stage of the phase in progress: implementation, verification or debugging',
    args: [
      {
        name: 'stage',
        value: { type: 'choice', choices: ['implementation', 'verification', 'debugging'] },
        required: true,
      },
    ],
    options: [
      {
        long: 'phase',
        value: { type: 'name' },
        placeholder: 'n',
        description: 'the phase (default: the one in progress)',
      },
    ],
    run: async (v, ctx) => (await import('../commands/phase.js')).phaseStage(ctx, v.str('stage')!, v.str('phase')),
  },
  {
    path: ['phase', 'complete'],
    summary: "run the phase's checks; complete it when every one passes",
    description: [
      'Runs each check of the phase in the repository root (as git session verify does: a timeout, the whole process group stopped, a bounded output tail, checks this clone has not approved only with --approve) and writes each result into the plan. When one fails, the phase is not completed and the command exits 1. When all pass, the criteria without a check count as confirmed by you, and the phase is complete at the commit checked out; the session of the branch notes it in its journal.',
    ],
    args: [{ name: 'phase', value: { type: 'name' }, required: true, description: 'its number, or its name' }],
    options: [
      { long: 'approve', description: 'also run checks this clone has not approved (shown first), and approve them' },
      {
        long: 'timeout',
        value: { type: 'int', min: 1 },
        placeholder: 'seconds',
        description: 'stop a check after this long (default: checks.timeout, 600)',
      },
      { long: 'verbose', description: 'show what each check prints as it runs (on stderr)' },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/phase.js')).phaseComplete(ctx, io, v.str('phase')!, {
        approve: v.flag('approve'),
        timeout: v.int('timeout'),
        verbose: v.flag('verbose'),
      }),
  },
  {
    path: ['log'],
    group: 'record',
    summary: 'journal entries: progress, discoveries, next steps, done; decisions and blockers too',
    description: [
      "--done completes the objective it names by id or exact text (and journals the objective's text), or finishes the open next step with that text. Every option can be repeated; each text can also be read from a file with --<option>-file FILE, or from standard input as -.",
    ],
    options: [
      { long: 'progress', value: text, repeatable: true, description: 'what got done or moved' },
      { long: 'discovery', value: text, repeatable: true, description: 'something learned on the way' },
      { long: 'next', value: text, repeatable: true, description: 'a next step' },
      {
        long: 'done',
        value: text,
        repeatable: true,
        description: 'done: completes the objective or next step it names',
      },
      { long: 'decision', value: text, repeatable: true, description: 'record a decision (see decisions add)' },
      { long: 'rationale', value: text, description: 'rationale of the --decision' },
      { long: 'alternatives', value: text, description: 'alternatives to the --decision' },
      { long: 'blocker', value: text, repeatable: true, description: 'record a blocker' },
      SESSION,
    ],
    examples: [
      'git session log --progress "Fee estimation works" --next "Add unit tests"',
      'git session log --decision "Use a mutex" --rationale "simpler than channels"',
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/log.js')).log(ctx, io, {
        progress: v.strs('progress'),
        discovery: v.strs('discovery'),
        next: v.strs('next'),
        done: v.strs('done'),
        decision: v.strs('decision'),
        rationale: v.str('rationale'),
        alternatives: v.str('alternatives'),
        blocker: v.strs('blocker'),
        session: v.str('session'),
      }),
  },
  {
    path: ['next'],
    group: 'record',
    summary: 'handoff notes for whoever continues: shown first by the next resume and brief',
    args: [{ name: 'note', value: text, required: true }],
    options: [SESSION],
    fileText: 'note',
    examples: [
      'git session next "Start from the failing test in auth.test.ts; the fixture is half done"',
      'git session next -F notes.md',
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/handoff.js')).next(ctx, io, v.str('note')!, { session: v.str('session') }),
  },
  {
    path: ['now'],
    group: 'record',
    summary: 'the current task: what is being worked on right now, shown first by the brief',
    description: [
      'With a text, sets the current task of the session; the next commit carries it, so other clones see it too. Without one, prints it. --clear takes it away.',
    ],
    args: [{ name: 'text', value: text, description: 'what is being worked on now' }],
    options: [{ long: 'clear', description: 'no current task any more' }, SESSION],
    fileText: 'text',
    examples: ['git session now "Wire the fallback into ForecastService"', 'git session now --clear'],
    run: async (v, ctx, io) =>
      (await import('../commands/swarm.js')).now(ctx, io, {
        text: v.str('text'),
        clear: v.flag('clear'),
        session: v.str('session'),
      }),
  },
  {
    path: ['spawn'],
    group: 'session',
    summary: 'spawn an agent: a child session on its own branch, in a new linked worktree',
    description: [
      "Creates a branch (default: <parent branch>-<name>, from the parent branch's tip or --from) checked out in a new linked worktree (default: next to this one, <this worktree>-<name>), and a session on it linked to the current session: the child. The task is the child's current task and title. The parent's status, brief and handoff list its children with their status and, once they end, their summary.",
      '--after NAME makes the child wait for another child (or any session) to end: it shows as waiting and stays paused until you resume it. Commits carry the links, so a rebuild on another clone restores them.',
    ],
    args: [{ name: 'name', value: { type: 'name' }, required: true, description: "the child session's short name" }],
    options: [
      { long: 'task', value: text, description: 'what the agent is to do (required)' },
      { long: 'agent', value: text, placeholder: 'kind', description: 'the kind of agent, e.g. backend-dev' },
      {
        long: 'after',
        value: { type: 'session' },
        list: true,
        placeholder: 'name',
        description: 'wait for this child (or session) to end first (repeatable; --after a,b)',
      },
      {
        long: 'branch',
        value: { type: 'branch' },
        description: "the child's branch (default: <parent branch>-<name>)",
      },
      {
        long: 'worktree',
        value: { type: 'path' },
        description: 'where its worktree goes (default: <this worktree>-<name>)',
      },
      {
        long: 'from',
        value: { type: 'commit' },
        placeholder: 'ref',
        description: "start the new branch here (default: the parent branch's tip)",
      },
      {
        long: 'objective',
        short: 'o',
        value: text,
        repeatable: true,
        description: 'an objective of the child (repeatable)',
      },
      { long: 'title', value: text, description: "the child's title (default: the task's first line)" },
      {
        long: 'session',
        value: { type: 'session' },
        placeholder: 'ref',
        description: 'the parent session (default: the current one)',
      },
    ],
    fileText: 'task',
    examples: [
      'git session spawn api --task "Add the Met Office client" --agent backend-dev',
      'git session spawn rollout --task "Feature flag and dashboard" --after api --after tests',
    ],
    run: async (v, ctx, io) => {
      const task = v.str('task');
      if (task === undefined)
        throw usageError('spawn needs --task', `git session spawn ${v.str('name') ?? '<name>'} --task "…"`);
      return (await import('../commands/swarm.js')).spawn(ctx, io, {
        name: v.str('name')!,
        task,
        agent: v.str('agent'),
        after: v.strs('after'),
        branch: v.str('branch'),
        worktree: v.str('worktree'),
        from: v.str('from'),
        objectives: v.strs('objective'),
        title: v.str('title'),
        session: v.str('session'),
      });
    },
  },
  {
    path: ['import'],
    group: 'setup',
    summary: 'bring in the session files of other tools (.sessions/, .agents/sessions/, SESSION.md, …)',
    description: [
      "Reads the session files the other session tools keep — seed 003's .sessions/active|archive/ with their journals, seed 002's .agents/sessions/*.md, SESSION.md, codemap's .codemap/sessions/ and the session-management skill's .git/sessions/<branch>/ — and makes each a session with its title, status, objectives, decisions, discoveries, blockers, next steps, journal and times. Without a path it looks in every one of those places; a path may be a file or a folder.",
      'Importing again adds only what changed in the files: every event has an id made from what the file holds. What cannot be read is reported as file:line: message, never guessed.',
    ],
    args: [{ name: 'path', value: { type: 'path' }, variadic: true, description: 'files or folders to read' }],
    options: [
      { long: 'dry-run', description: 'say what would be imported, and change nothing' },
      { long: 'verbose', description: 'also list the files left alone, and why' },
    ],
    examples: [
      'git session import',
      'git session import --dry-run .agents/sessions',
      'git session import ~/old/SESSION.md',
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/import.js')).importSessions(ctx, io, {
        paths: v.strs('path'),
        dryRun: v.flag('dry-run'),
        verbose: v.flag('verbose'),
      }),
  },
  {
    path: ['checkpoint'],
    group: 'record',
    summary: 'commit what is staged as a checkpoint (seed 004 format) with the session trailers',
    description: [
      "The commit message follows seed 004's checkpoint format (checkpoint: Phase N Status - description; Phase, Status, Session, Files Changed, Next) and carries the session trailers. --no-commit only records the checkpoint; the next commit carries it. -F reads the --note from a file.",
    ],
    options: [
      { long: 'label', value: text, description: 'name of the checkpoint' },
      { long: 'note', value: text, description: 'what was accomplished' },
      { long: 'message', short: 'm', value: text, description: 'short description for the subject line' },
      { long: 'decision', value: text, description: 'record this decision with the checkpoint' },
      { long: 'rationale', value: text, description: 'rationale of the --decision' },
      { long: 'all', description: 'commit every tracked change, not only what is staged' },
      { long: 'allow-empty', description: 'commit even when nothing changed' },
      { long: 'no-commit', description: 'only record the checkpoint; the next commit carries it' },
      {
        long: 'phase',
        value: text,
        placeholder: 'n',
        description: "phase number or name (default: the plan's phase in progress, docs/phases.md)",
      },
      {
        long: 'phase-status',
        value: text,
        placeholder: 'status',
        description: 'phase status (Complete, In Progress, Paused, Blocked)',
      },
      SESSION,
    ],
    fileText: 'note',
    examples: ['git session checkpoint --label api-complete --phase 3 --phase-status Complete --all'],
    run: async (v, ctx, io) =>
      (await import('../commands/checkpoint.js')).checkpoint(ctx, io, undefined, {
        label: v.str('label'),
        decision: v.str('decision'),
        rationale: v.str('rationale'),
        note: v.str('note'),
        message: v.str('message'),
        all: v.flag('all'),
        allowEmpty: v.flag('allow-empty'),
        commit: !v.flag('no-commit'),
        phase: v.str('phase'),
        phaseStatus: v.str('phase-status'),
        session: v.str('session'),
      }),
  },
  {
    path: ['checkpoint', 'list'],
    summary: 'the checkpoints of the session',
    options: [SESSION],
    run: async (v, ctx, io) =>
      (await import('../commands/checkpoint.js')).checkpoint(ctx, io, 'list', {
        all: false,
        allowEmpty: false,
        commit: true,
        session: v.str('session'),
      }),
  },

  // ---- see where things stand
  {
    path: ['status'],
    group: 'look',
    summary: 'the session of the checked-out branch: objectives, blockers, decisions, journal, next steps',
    description: [
      'During a rebase, merge, cherry-pick, revert or bisect, the session is the one of the branch being worked on, and status says what is in progress.',
    ],
    options: [
      { long: 'objectives', description: 'only the objectives' },
      { long: 'verbose', description: 'everything: all decisions and entries, commits and files' },
      SESSION,
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/status.js')).status(ctx, io, {
        objectives: v.flag('objectives'),
        verbose: v.flag('verbose'),
        session: v.str('session'),
      }),
  },
  {
    path: ['view'],
    group: 'look',
    summary: 'a session, whole or by section (--progress, --decisions, …); view list: all sessions',
    description: [
      'Without a section option, everything about the session (as show). Section options combine: --progress shows the objectives and the progress entries, --decisions the decisions with why, and so on. git session view list lists every session.',
    ],
    args: [
      {
        name: 'session',
        value: { type: 'session' },
        description: 'id, id prefix, name or branch (default: the current one)',
      },
    ],
    options: [
      { long: 'objectives', description: 'the objectives' },
      { long: 'progress', description: 'objectives and progress entries' },
      { long: 'decisions', description: 'decisions, with why and what else was considered' },
      { long: 'blockers', description: 'blockers, open and resolved' },
      { long: 'discoveries', description: 'discoveries' },
      { long: 'journal', description: 'every journal entry' },
      { long: 'next', description: 'next steps and handoff notes' },
      { long: 'checkpoints', description: 'checkpoints' },
      { long: 'commits', description: 'commits and the files they changed' },
    ],
    examples: ['git session view --progress', 'git session view oauth --decisions'],
    run: async (v, ctx, io) => {
      const { view, VIEW_SECTIONS } = await import('../commands/view.js');
      return view(
        ctx,
        io,
        v.str('session'),
        VIEW_SECTIONS.filter((s) => v.flag(s)),
      );
    },
  },
  {
    path: ['view', 'list'],
    summary: 'every session (as list --all)',
    run: async (_v, ctx, io) => (await import('../commands/list.js')).list(ctx, io, { all: true }),
  },
  {
    path: ['show'],
    group: 'look',
    summary: 'everything about a session (default: the current one)',
    args: [{ name: 'session', value: { type: 'session' } }],
    run: async (v, ctx, io) => (await import('../commands/show.js')).show(ctx, io, v.str('session')),
  },
  {
    path: ['list'],
    group: 'look',
    summary: 'sessions, most recent first (default: active and paused)',
    options: [
      { long: 'all', description: 'include completed and abandoned sessions' },
      {
        long: 'status',
        value: { type: 'choice', choices: ['active', 'paused', 'completed', 'abandoned'] },
        list: true,
        placeholder: 'status',
        description: 'only these statuses (repeatable; --status active,paused gives two)',
      },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/list.js')).list(ctx, io, {
        all: v.flag('all'),
        status: v.has('status') ? v.strs('status').join(',') : undefined,
      }),
  },
  {
    path: ['brief'],
    group: 'look',
    summary: 'the onboarding brief: what we build, how, what is done, what is next, what to watch',
    description: [
      'When the brief is longer than --max-lines (or --max-tokens), its sections shrink in a documented order: first what a newcomer can look up elsewhere, last what only this session knows (docs/brief.md). What is being built, what is next and the open blockers are never shrunk; under a token budget too small even for them, the text is cut at its end with a line saying so.',
      'Tokens are estimated as UTF-8 bytes / 4, the rule of thumb Anthropic and OpenAI publish for English: real counts differ by model (current Claude tokenizers count about 30% more than earlier ones) and by content (code and hashes count more). The agent hooks and the MCP brief tool give the brief within brief.agent_max_tokens (default 2,000).',
    ],
    options: [
      SESSION,
      {
        long: 'format',
        value: { type: 'choice', choices: ['markdown', 'json'] },
        description: 'markdown (default) or json',
      },
      {
        long: 'max-lines',
        value: { type: 'int', min: 20 },
        description: 'fit the Markdown into this many lines (default: brief.max_lines, 200)',
      },
      {
        long: 'max-tokens',
        value: { type: 'int', min: 100 },
        description: 'also fit it into this many tokens, estimated as UTF-8 bytes / 4 (docs/brief.md)',
      },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/brief.js')).brief(ctx, io, {
        session: v.str('session'),
        format: v.str('format'),
        maxLines: v.int('max-lines'),
        maxTokens: v.int('max-tokens'),
      }),
  },
  {
    path: ['why'],
    group: 'look',
    summary: 'the sessions, decisions and objectives behind a file, a folder or some lines',
    description: [
      'Reads the commits that touched the path — git log --follow for a file (through renames), git log for a folder, git blame for PATH:LINE or PATH:FROM-TO — and the sessions those commits belong to, newest first: each with its commits, its decisions (the ones a commit that touched the path carried are marked) and its objectives. A decision another one replaced (decisions supersede) is shown with what replaced it. The path is relative to where you are; at most the newest 1,000 commits of a path are read.',
      'The sessions are what this clone knows: on a fresh clone, git session rebuild reads them from the history first.',
    ],
    args: [{ name: 'path', value: { type: 'path' }, required: true, description: 'PATH, PATH:LINE or PATH:FROM-TO' }],
    examples: [
      'git session why src/auth/session.ts',
      'git session why src/auth/session.ts:40-60',
      'git session why src/auth/',
    ],
    run: async (v, ctx, io) => (await import('../commands/why.js')).why(ctx, io, v.str('path')!),
  },
  {
    path: ['search'],
    group: 'look',
    summary: 'find objectives, decisions, blockers, journal entries and handoff notes of every session',
    description: [
      "Every term must appear (case aside) in one entry: its text, or a decision's rationale or alternatives, a blocker's resolution, a checkpoint's note, a session's title or end summary. Every session is searched, ended ones too; each hit names its session and the commit that first carried it, newest first. Exits 1 when nothing matches, as git grep does.",
    ],
    args: [{ name: 'term', value: text, required: true, variadic: true }],
    options: [
      {
        long: 'kind',
        value: {
          type: 'choice',
          choices: SEARCH_KINDS,
        },
        list: true,
        placeholder: 'kind',
        description: `only entries of these kinds: ${SEARCH_KINDS.join(', ')} (repeatable; --kind decision,objective)`,
      },
      {
        long: 'max-count',
        short: 'n',
        value: { type: 'int', min: 1 },
        description: 'show at most this many (the newest)',
      },
    ],
    examples: ['git session search jwt', 'git session search "signed cookie" --kind decision'],
    run: async (v, ctx, io) =>
      (await import('../commands/search.js')).search(ctx, io, {
        terms: v.strs('term'),
        kinds: v.strs('kind'),
        maxCount: v.int('max-count'),
      }),
  },
  {
    path: ['handoff'],
    group: 'look',
    summary: 'the handoff document: done, decided, blocked, progress, next steps, key files',
    description: [
      '--write puts it in NEXT_SESSION.md (handoff.path in .session/config.yaml), or in the path given (--write=PATH, or --write PATH), and records that it was written. Handoff notes are written with git session next.',
    ],
    args: [{ name: 'path', value: { type: 'path' }, description: 'with --write: where to write it' }],
    options: [
      {
        long: 'write',
        value: { type: 'path' },
        optionalValue: true,
        description: 'write it to NEXT_SESSION.md or PATH, and record it',
      },
      SESSION,
    ],
    run: async (v, ctx, io) => {
      const given = v.raw.write?.[0];
      const path = v.str('path');
      if (path !== undefined && given === undefined)
        throw usageError(
          `unexpected argument '${path}'`,
          `to write the handoff there: git session handoff --write ${path}`,
        );
      if (path !== undefined && typeof given === 'string')
        throw usageError('give the path once', `git session handoff --write ${given}`);
      const write = given === undefined ? false : typeof given === 'string' ? given : (path ?? true);
      return (await import('../commands/handoff.js')).handoff(ctx, io, { write, session: v.str('session') });
    },
  },

  // ---- history, analysis and reports
  {
    path: ['history'],
    group: 'history',
    summary: 'sessions newest first, with duration, activity, commits, lines, objectives, decisions, blockers',
    description: [
      '--since and --until take what git takes: a date (YYYY-MM-DD, midnight UTC), a time with its zone, or git\'s approximate dates such as yesterday, 2.weeks.ago, "last monday".',
    ],
    options: [
      { long: 'count', value: { type: 'int', min: 1 }, description: 'at most this many sessions' },
      { long: 'metrics', description: 'all the figures, not only the summary line' },
      { long: 'since', value: { type: 'date' }, description: 'only sessions active since this date' },
      { long: 'until', value: { type: 'date' }, description: 'only sessions started before this date' },
      {
        long: 'author',
        value: { type: 'name' },
        placeholder: 'email',
        description: 'only sessions this person worked in',
      },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/history.js')).history(ctx, io, {
        count: v.int('count'),
        metrics: v.flag('metrics'),
        since: v.str('since'),
        until: v.str('until'),
        author: v.str('author'),
      }),
  },
  {
    path: ['analyze'],
    group: 'history',
    summary: 'velocity and patterns (untested changes, TDD cycles, long pauses, stuck blockers, reopened objectives)',
    options: [
      SESSION,
      { long: 'velocity', description: 'only velocity' },
      { long: 'patterns', description: 'only patterns' },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/analyze.js')).analyze(ctx, io, {
        session: v.str('session'),
        velocity: v.flag('velocity'),
        patterns: v.flag('patterns'),
      }),
  },
  {
    path: ['compare'],
    group: 'history',
    summary: 'two sessions side by side (one given: against the current session)',
    args: [
      { name: 'a', value: { type: 'session' }, required: true },
      { name: 'b', value: { type: 'session' }, description: 'default: the current session' },
    ],
    run: async (v, ctx, io) => (await import('../commands/compare.js')).compare(ctx, io, v.str('a')!, v.str('b')),
  },
  {
    path: ['report'],
    group: 'history',
    summary: 'a weekly or project report: markdown, json or a self-contained html page with a timeline',
    options: [
      { long: 'weekly', description: 'the week of --week (default: the current week)' },
      { long: 'week', value: { type: 'name' }, placeholder: 'YYYY-Www', description: 'ISO week, e.g. 2026-W47' },
      { long: 'project', description: 'the whole project' },
      {
        long: 'format',
        value: { type: 'choice', choices: ['markdown', 'json', 'html'] },
        description: 'markdown (default), json or html',
      },
      { long: 'output', value: { type: 'path' }, description: 'write to this file instead of stdout' },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/report.js')).report(ctx, io, {
        weekly: v.flag('weekly'),
        week: v.str('week'),
        project: v.flag('project'),
        format: v.str('format'),
        output: v.str('output'),
      }),
  },

  // ---- set up, repair and the rest
  {
    path: ['hooks'],
    group: 'setup',
    summary: 'the git hooks: install, uninstall, status',
    defaultAction: 'status',
  },
  ...(['install', 'uninstall', 'status'] as const).map(
    (action): CommandSpec => ({
      path: ['hooks', action],
      summary:
        action === 'install'
          ? 'install the hooks (plain, core.hooksPath, husky v9, lefthook)'
          : action === 'uninstall'
            ? 'remove exactly what install added'
            : 'whether every hook is installed and reached',
      run: async (_v, ctx, io) => (await import('../commands/hooks.js')).hooks(ctx, io, action, []),
    }),
  ),
  {
    path: ['agent'],
    group: 'setup',
    summary: 'coding agents: hooks of Claude Code, Cursor, Codex, Gemini CLI; MCP configs; AGENTS.md',
    defaultAction: 'status',
  },
  ...(['install', 'uninstall'] as const).map(
    (action): CommandSpec => ({
      path: ['agent', action],
      summary:
        action === 'install'
          ? "add git-session to coding agents' own files (hooks, MCP servers, AGENTS.md)"
          : 'remove it, giving back each file as it was',
      description: [
        "claude, cursor, codex and gemini: the agent's hooks (.claude/settings.json, .cursor/hooks.json, .codex/hooks.json, .gemini/settings.json) give it the brief when a conversation starts, the decisions behind a file it edits, a checkpoint note before a compaction and a reminder to leave a handoff. opencode: the git-session MCP server in opencode.json (OpenCode has no hooks git-session uses). mcp --for <client>: the MCP server (git session mcp) in that client's project configuration. agents-md: a section of AGENTS.md.",
        "Only git-session's entries are added; everything else in a file stays byte for byte, a malformed file is refused, and uninstall gives back the bytes from before.",
      ],
      args: [
        {
          name: 'target',
          value: { type: 'choice', choices: ['claude', 'cursor', 'codex', 'gemini', 'opencode', 'agents-md', 'mcp'] },
          required: true,
          variadic: true,
        },
      ],
      options: [
        {
          long: 'for',
          value: { type: 'choice', choices: ['claude', 'cursor', 'codex', 'gemini', 'opencode'] },
          list: true,
          placeholder: 'client',
          description: 'with mcp: the clients whose MCP configuration to write (repeatable; --for cursor,codex)',
        },
      ],
      examples:
        action === 'install'
          ? ['git session agent install claude agents-md', 'git session agent install cursor mcp --for cursor,claude']
          : [],
      run: async (v, ctx, io) =>
        (await import('../commands/agent.js')).agent(ctx, io, action, v.strs('target'), { clients: v.strs('for') }),
    }),
  ),
  {
    path: ['agent', 'status'],
    summary: 'what is installed for each coding agent',
    description: [
      'Every target, or those named (mcp: each client, or those of --for). Exits 1, after the listing, when a file could not be read.',
    ],
    args: [
      {
        name: 'target',
        value: { type: 'choice', choices: ['claude', 'cursor', 'codex', 'gemini', 'opencode', 'agents-md', 'mcp'] },
        variadic: true,
      },
    ],
    options: [
      {
        long: 'for',
        value: { type: 'choice', choices: ['claude', 'cursor', 'codex', 'gemini', 'opencode'] },
        list: true,
        placeholder: 'client',
        description: 'with mcp: the clients whose MCP configuration to show',
      },
    ],
    run: async (v, ctx, io) =>
      (await import('../commands/agent.js')).agent(ctx, io, 'status', v.strs('target'), { clients: v.strs('for') }),
  },
  {
    path: ['agent', 'hook'],
    hidden: true,
    summary: 'run by the installed agent hooks',
    args: [
      { name: 'event', value: { type: 'name' }, required: true },
      { name: 'role', value: { type: 'name' } },
    ],
    // The repository is found by the handler, which stays silent outside one: an agent hook
    // never fails the agent.
    place: 'anywhere',
    run: async (v) => {
      const { agentHook } = await import('../commands/agent.js');
      const { hookContext } = await import('../app/agent-context.js');
      const args = [v.str('event')!, ...(v.str('role') !== undefined ? [v.str('role')!] : [])];
      return agentHook(args, hookContext);
    },
  },
  {
    path: ['sync'],
    group: 'setup',
    summary: "fetch, merge and push the session refs (every remote's, or one's) and say what moved",
    description: [
      "Fetches every remote's session refs (refs/sessions/*, or the branch namespace sync.refs names) into refs/session-remotes/<remote>/, merges them into the local ones, writes what this clone recorded since the last push, reads the new commits' trailers, and pushes to each remote what it lacks, fast-forward only. A plain git push does the same for the remote pushed to (the pre-push hook), and a plain git fetch or git pull brings them (git session init adds the fetch refspec); the next command merges them.",
      'Exits 1 when a remote could not be fetched or refused the refs, saying which and why.',
    ],
    args: [{ name: 'remote', value: { type: 'name' }, description: 'only this remote (default: every remote)' }],
    examples: ['git session sync', 'git session sync origin'],
    run: async (v, ctx, io) => (await import('../commands/sync.js')).sync(ctx, io, v.str('remote')),
  },
  {
    path: ['mcp'],
    group: 'setup',
    summary: 'an MCP server on standard input and output, for coding agents',
    description: [
      "Serves the Model Context Protocol over stdio (the official TypeScript SDK) with six tools: brief, status, record (objectives, decisions, blockers, progress, discoveries, next steps, done, resolve), handoff, why and search. Each call runs the git-session command it stands for, in the repository of its cwd argument, else --cwd, else CLAUDE_PROJECT_DIR, else the directory the server started in; with the same checks, errors and store lock as the command line. A failure is the tool call's error result, never the end of the server; it runs until the client closes its standard input.",
      'An agent starts it from its MCP configuration, e.g. {"mcpServers": {"git-session": {"command": "git", "args": ["session", "mcp"]}}} in Claude Code\'s .mcp.json.',
    ],
    options: [
      {
        long: 'cwd',
        value: { type: 'path' },
        placeholder: 'dir',
        description: 'the repository of calls that name none (default: CLAUDE_PROJECT_DIR, else here)',
      },
    ],
    place: 'anywhere',
    run: async (v) => {
      const { loadBundle } = await import('./bundle.js');
      // The server's own bundle (src/mcp/main.ts): its type is written here, so nothing of it is bundled into this one.
      const { serve } = loadBundle<{
        serve(o: { cwd?: string; env: NodeJS.ProcessEnv; stderr(s: string): void }): Promise<void>;
      }>('mcp.cjs');
      await serve({ cwd: v.str('cwd'), env: process.env, stderr: (s) => process.stderr.write(s) });
      return { json: null, text: '' };
    },
  },
  {
    path: ['rebuild'],
    group: 'setup',
    summary: 'rebuild every session from the trailers in the history (all branches, remotes and tags)',
    options: [{ long: 'full', description: 'read the whole history again instead of only new commits' }],
    run: async (v, ctx, io) => (await import('../commands/rebuild.js')).rebuild(ctx, io, { full: v.flag('full') }),
  },
  {
    path: ['doctor'],
    aliases: ['repair'],
    group: 'setup',
    summary: 'check the store and the hooks; set damaged journal lines aside (kept), rewrite derived files',
    run: async (_v, ctx, io) => (await import('../commands/doctor.js')).doctor(ctx, io),
  },
  {
    path: ['demo'],
    group: 'setup',
    summary: 'watch git-session work: a scripted session in a throwaway repository',
    args: [
      { name: 'dir', value: { type: 'path' }, description: 'a new or empty directory (default: a temporary one)' },
    ],
    place: 'anywhere',
    run: async (v, ctx, io) => (await import('../commands/demo.js')).demo(ctx, io, v.str('dir')),
  },
  {
    path: ['completion'],
    group: 'setup',
    summary: 'print the bash or zsh completion script',
    description: [
      './install.sh installs both. To load one by hand: eval "$(git session completion bash)" in ~/.bashrc (after git\'s own completion), or save git session completion zsh as _git-session in a directory of your fpath.',
    ],
    args: [{ name: 'shell', value: { type: 'choice', choices: ['bash', 'zsh'] }, required: true }],
    place: 'anywhere',
    run: async (v) => {
      const { COMMANDS: table } = await import('./commands.js');
      const { bashCompletion, zshCompletion } = await import('./completion.js');
      const script = v.str('shell') === 'bash' ? bashCompletion(table) : zshCompletion(table);
      return { json: { shell: v.str('shell'), script }, text: script.trimEnd() };
    },
  },
  {
    path: ['help'],
    group: 'setup',
    summary: 'the manual page of git-session or of a command',
    args: [{ name: 'command', value: { type: 'command' }, variadic: true }],
    place: 'anywhere',
  },
  {
    path: ['hook'],
    hidden: true,
    summary: 'run by the installed git hooks',
    args: [{ name: 'name', value: { type: 'name' }, required: true }],
    place: 'hook',
    run: async (v, ctx, io) => (await import('../commands/hook-handler.js')).hook(ctx, io, v.str('name')),
  },
  {
    path: ['__complete'],
    hidden: true,
    summary: 'candidates for shell completion',
    args: [
      {
        name: 'kind',
        value: { type: 'choice', choices: ['sessions', 'objective', 'blocker', 'decision', 'criterion'] },
        required: true,
      },
      { name: 'states', value: { type: 'name' } },
    ],
    options: [SESSION],
    place: 'completion',
    run: async (v, ctx) =>
      (await import('../commands/complete.js')).complete(ctx, v.str('kind')!, v.str('states'), v.str('session')),
  },
];

/**
 * A text that can come as an argument or as an option (`pause NOTE` / `pause --note NOTE`): one of
 * them, never both, so nothing typed is silently dropped.
 */
function one(v: Values, option: string, arg: string, label = option): string | undefined {
  const a = v.str(arg);
  const o = v.str(option);
  if (a !== undefined && o !== undefined && arg !== option)
    throw usageError(`the ${label} was given twice (as an argument and as --${option})`, 'give it once');
  return o ?? a;
}
