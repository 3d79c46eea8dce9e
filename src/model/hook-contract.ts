// Every name the sh hooks and the TypeScript share, in one place: trailer keys, store and worktree
// file names and headers, the checks the hooks make with builtins (session id, branch name), the
// `interpret-trailers` flags, the event lines the hooks append, and the environment between them.
// The build renders it as hooks/contract.sh and hooks/contract.awk (src/install/contract-files.ts),
// which the hook runtime sources; no hook file spells one of these itself. Pure data, no imports:
// a change here is a change of the formats in docs/storage.md and docs/trailers.md.

/** The trailer keys git-session writes (matched without regard to case, as git does). */
export const TRAILER_KEYS = {
  session: 'Session',
  info: 'Session-Info',
  objectives: 'Session-Objectives',
  decisions: 'Decisions',
  blockers: 'Session-Blockers',
  log: 'Session-Log',
  checkpoint: 'Session-Checkpoint',
} as const;

/**
 * A `Key: value` line of ours, as the hooks and the store recognise one (an ERE): our keys, and any
 * `Session-…` key a newer version may add, so that no line of ours is ever taken for the user's.
 */
export const OUR_LINE_ERE = '^(Session-[A-Za-z]+|Decisions): ';

/** The clock a commit claims with its items: `Session-Info: clock N`, 1 ≤ N ≤ 2^49. */
export const CLOCK_CLAIM_PREFIX = `${TRAILER_KEYS.info}: clock `;
export const MAX_CLOCK_CLAIM = 2 ** 49;

/**
 * How the hooks have git place a trailer: explicit placement and conflict rules, so that a user's
 * `trailer.*` settings change nothing, and no `---` divider (a commit message has none).
 */
export const INTERPRET_TRAILERS_ARGS = [
  'interpret-trailers',
  '--no-divider',
  '--where',
  'end',
  '--if-exists',
  'add',
  '--if-missing',
  'add',
] as const;

/** The marker trailer git places where our lines go (hooks/place.awk). */
export const PLACE_MARKER_KEY = 'Git-Session-Place';

/** The store: `<git common dir>/sessions/`. */
export const STORE_DIR = 'sessions';
export const STORE_FORMAT = 1;
export const STORE_FORMAT_HEADER = 'git-session-store';

/** Files and folders at the top of the store. */
export const STORE_FILES = {
  format: 'format',
  lock: 'lock',
  branches: 'branches',
  hooks: 'hooks',
  rewrites: 'rewrites',
  history: 'history',
  /** A random id of this clone (16 hex digits), written by the CLI: pause and resume events carry it. */
  machine: 'machine',
  /** Present while `session_file.enabled`: a branch switch has the CLI rewrite SESSION.md, in the background. */
  sessionFile: 'session-file',
  /** What the last background run after a branch switch printed (overwritten by the next). */
  backgroundLog: 'background.log',
  /** Team sync's state (docs/sync.md): what was exported, merged and pushed. */
  sync: 'sync',
} as const;

/**
 * Files in `sessions/sync/` the pre-push hook reads with builtins: a push has nothing of ours to do
 * when no journal changed since the refs were last written (`changed` is absent), the refs have
 * not changed since they were last pushed to that remote (`pushed/<remote>` holds `version`), and
 * sync is not turned off (`off`). Anything else starts the CLI.
 */
export const SYNC_FILES = {
  /** Present when a journal was appended to since the session refs were last written. */
  changed: 'changed',
  /** A number that changes whenever a local session ref changes. */
  version: 'version',
  /** `pushed/<remote>`: the `version` last pushed to that remote in full. */
  pushed: 'pushed',
  /** Present while the configuration turns pushing off (`sync.push: false`). */
  off: 'off',
} as const;

/** Remote names the pre-push hook looks up in `pushed/` (others always start the CLI). */
export const REMOTE_NAME_GLOB_REFUSED = ['', '.*', '*[!A-Za-z0-9._-]*'] as const;

/** The machine id's length: 16 hex digits (64 random bits). */
export const MACHINE_ID_LENGTH = 16;

/** Files in a session's folder, `sessions/<session id>/`. */
export const SESSION_FILES = {
  journal: 'events.jsonl',
  damaged: 'damaged.jsonl',
  trailers: 'trailers',
  committed: 'committed',
  stale: 'stale',
  carry: 'carry',
  /** What a branch switch needs, precomputed by the CLI: status, name, the brief (docs/storage.md). */
  switchState: 'switch',
  /** The status (and pause note) post-checkout left since `switch` was written. */
  switched: 'switched',
  /** What other clones recorded, as the session's ref holds it: `peers/<machine id>.jsonl` (docs/sync.md). */
  peers: 'peers',
} as const;

/** The sh runtime, copied into `sessions/hooks/`, and the files the CLI keeps next to it. */
export const HOOK_NAMES = [
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'post-merge',
  'post-checkout',
  'post-rewrite',
  'pre-push',
] as const;
export type HookName = (typeof HOOK_NAMES)[number];
export const RUNTIME_LIBRARIES = [
  'contract.sh',
  'contract.awk',
  'lib.sh',
  'switch.sh',
  'place.awk',
  'held.awk',
  'safe.awk',
] as const;
export const RUNTIME_FILES = [...RUNTIME_LIBRARIES, ...HOOK_NAMES] as const;
export const RUNTIME_META = { node: 'node', cli: 'cli', version: 'VERSION', installed: 'installed.json' } as const;

/** Files of one worktree, in its git dir (the main worktree's is the common dir). */
export const WORKTREE_FILES = {
  current: 'git-session-current',
  applied: 'git-session-applied',
  message: 'git-session-message',
  warned: 'git-session-warned',
  tmp: 'git-session-tmp',
} as const;

/** The `trailers` plan file: its header (then ` <session id>`) and the words that start its lines. */
export const TRAILER_FILE_HEADER = 'git-session-trailers 1';
export const PLAN_ALWAYS = 'always';
export const PLAN_HELD = 'held';
/**
 * The plan of an open session whose commits carry nothing (config `trailers: off`): its branch's
 * commits still join the session (post-commit records them) and add no line.
 */
export const PLAN_RECORD = 'record';

/** The `switch` file: its header (then ` <session id> <token>`). */
export const SWITCH_FILE_HEADER = 'git-session-switch 1';
/**
 * The records of the `switch` file (`<record> <text>` per line): the session's status and pause
 * note; the lines a switch prints on leaving it (`left`, `left-color`) and on entering it
 * ended (`ended`, with ENDED_BRANCH where the branch goes); its brief without and with colour, with
 * `plain-note`/`color-note` where the pause note goes (the text before it); the switch events the
 * file includes (`seen`). `switched` lines are `<token> status <status>` and `<token> note <note>`.
 */
export const SWITCH_RECORDS = {
  status: 'status',
  note: 'note',
  left: 'left',
  leftColor: 'left-color',
  ended: 'ended',
  plain: 'plain',
  plainNote: 'plain-note',
  color: 'color',
  colorNote: 'color-note',
  seen: 'seen',
} as const;
export const ENDED_BRANCH = '{branch}';
/** The statuses a `switch` file names (src/core/events.ts SessionStatus). */
export const SWITCH_STATUSES = {
  active: 'active',
  paused: 'paused',
  completed: 'completed',
  abandoned: 'abandoned',
} as const;
/**
 * `switched` holds the state the hooks left (two lines, rewritten by each switch); a file with more
 * lines than this is not theirs, and post-checkout leaves the switch to the CLI, which removes it.
 */
export const MAX_SWITCHED_RECORDS = 8;
/** How many of the latest switch events the `switch` file lists as included (`seen`). */
export const SWITCH_SEEN = 8;

/**
 * A session id as the hooks accept one: a UUIDv7, lower-case (src/core/ids.ts makes them). The
 * ERE is TypeScript's and awk's check; the glob and the character set are the sh `case` check.
 */
export const SESSION_ID_ERE = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
export const SESSION_ID_GLOB = '????????-????-7???-[89ab]???-????????????';
export const SESSION_ID_CHARS = '0-9a-f-';

/**
 * Branch names the hooks refuse to look up (sh `case` globs): they would lead out of `branches/`.
 * git itself forbids them; src/store/paths.ts checks git's whole rule set.
 */
export const BRANCH_REFUSED_GLOBS = ['', '/*', '*/', '*..*', '*//*', '-*', '.*', '*/.*'] as const;

/** `"v":1` of every journal line. */
export const EVENT_VERSION = 1;
/** The events the hooks append to a journal. */
export const HOOK_EVENT_TYPES = {
  commit: 'commit.recorded',
  paused: 'session.paused',
  resumed: 'session.resumed',
} as const;
/** Ids of the events the hooks append: `commit:<session>:<sha>`, `switch:<unique>`. */
export const HOOK_EVENT_ID = { commit: 'commit:', switch: 'switch:' } as const;
/** The note of a pause a branch switch makes: where the worktree went. */
export const SWITCH_NOTE = { toBranch: 'switched to ', detached: 'detached HEAD' } as const;

/** Environment variables between git, the hooks and the CLI. */
export const ENV = {
  /** `0`: the hooks stand aside (the CLI sets it when it runs git itself). */
  disable: 'GIT_SESSION',
  debug: 'GIT_SESSION_DEBUG',
  hookGitDir: 'GIT_SESSION_HOOK_GIT_DIR',
  hookCommonDir: 'GIT_SESSION_HOOK_COMMON_DIR',
  hookEmail: 'GIT_SESSION_HOOK_EMAIL',
  /** pre-push: the remote's name (or its URL when none) and the URL git pushes to. */
  hookRemote: 'GIT_SESSION_HOOK_REMOTE',
  hookUrl: 'GIT_SESSION_HOOK_URL',
} as const;

/** What a hook asks of `git-session hook <command>`. */
export const HOOK_COMMANDS = {
  /** A commit found the plan stale: derive it again. */
  plan: 'plan',
  /** A branch switch the sh runtime cannot make alone (no precomputed state): make it in full. */
  postCheckout: 'post-checkout',
  /** After a branch switch, in the background: what only the CLI writes (SESSION.md). */
  switched: 'switched',
  /** Before a push that has session refs to carry: write and push them (docs/sync.md). */
  prePush: 'pre-push',
} as const;

/** Environment variables coding agents set: their output is read by a program, no colour. */
export const AGENT_ENV_VARS = [
  'CLAUDECODE',
  'CLAUDE_CODE_ENTRYPOINT',
  'CODEX_SANDBOX',
  'CODEX_CI',
  'GEMINI_CLI',
  'CURSOR_AGENT',
  'AIDER_MODEL',
  'AI_AGENT',
] as const;

/**
 * Code points that text printed for people shows as `\u{hex}` rather than raw (C0 and C1 controls
 * but tab and newline, DEL, line and paragraph separators, bidi overrides and isolates): what
 * src/render/term.ts escapes, and hooks/safe.awk for the names a branch switch prints.
 */
export const UNSAFE_TEXT_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
