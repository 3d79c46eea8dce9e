// The hook contract (src/model/hook-contract.ts) as the sh runtime reads it: hooks/contract.sh,
// sourced by hooks/lib.sh, and hooks/contract.awk, loaded before each awk program. The build writes
// them (scripts/build.mjs); the installed hook blocks (blocks.ts) inline the same locate lines.
// Pure string work.

import {
  AGENT_ENV_VARS,
  BRANCH_REFUSED_GLOBS,
  CLOCK_CLAIM_PREFIX,
  ENDED_BRANCH,
  ENV,
  EVENT_VERSION,
  HOOK_COMMANDS,
  HOOK_EVENT_ID,
  HOOK_EVENT_TYPES,
  INTERPRET_TRAILERS_ARGS,
  MACHINE_ID_LENGTH,
  MAX_CLOCK_CLAIM,
  MAX_SWITCHED_RECORDS,
  OUR_LINE_ERE,
  PLACE_MARKER_KEY,
  PLAN_ALWAYS,
  PLAN_HELD,
  PLAN_RECORD,
  SESSION_FILES,
  SESSION_ID_CHARS,
  SESSION_ID_ERE,
  SESSION_ID_GLOB,
  STORE_DIR,
  STORE_FILES,
  SWITCH_FILE_HEADER,
  SWITCH_NOTE,
  SWITCH_RECORDS,
  SWITCH_STATUSES,
  SYNC_FILES,
  TRAILER_FILE_HEADER,
  TRAILER_KEYS,
  UNSAFE_TEXT_RANGES,
  WORKTREE_FILES,
} from '../model/hook-contract.js';

const GENERATED = 'Generated from src/model/hook-contract.ts by the build (scripts/build.mjs): do not edit.';

/** A value in single quotes for sh (a `'` inside closes, escapes and reopens). */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * An ERE without interval expressions (`[0-9a-f]{8}` spelled out): mawk, Debian's default awk,
 * does not know them.
 */
export function withoutIntervals(ere: string): string {
  return ere.replace(/(\[[^\]]*\]|.)\{(\d+)\}/g, (_m, atom: string, n: string) => atom.repeat(Number(n)));
}

/** A value as an awk string literal. */
function awkString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * How the hooks find this worktree's git dir (gs_git), the common dir (gs_common) and the store
 * (gs_store) — with builtins, as git does: GIT_DIR (set in linked worktrees and submodules), a
 * `.git` folder, or a `.git` file (`gitdir: <path>`, relative to the top of the worktree where
 * hooks run); only a layout none of these explains asks git itself. The same lines run in every
 * installed hook block and in the runtime (gs_locate), so both always find the same store.
 */
export function locateLines(): string[] {
  return [
    'gs_git=',
    'if [ -n "${GIT_DIR-}" ]; then gs_git=$GIT_DIR',
    'elif [ -d .git ]; then gs_git=.git',
    'elif [ -f .git ]; then',
    '  gs_l=',
    '  IFS= read -r gs_l <.git || :',
    '  case $gs_l in "gitdir: "?*) gs_git=${gs_l#gitdir: } ;; esac',
    '  if [ -n "$gs_git" ] && [ ! -d "$gs_git" ]; then gs_git=; fi',
    'fi',
    'if [ -z "$gs_git" ]; then gs_git=$(git rev-parse --git-dir 2>/dev/null) || gs_git=; fi',
    'case $gs_git in /*) ;; ?*) gs_git=$PWD/$gs_git ;; esac',
    'gs_common=$gs_git',
    'if [ -f "$gs_git/commondir" ]; then',
    '  gs_l=',
    '  IFS= read -r gs_l <"$gs_git/commondir" || :',
    '  case $gs_l in /*) gs_common=$gs_l ;; ?*) gs_common=$gs_git/$gs_l ;; esac',
    'fi',
    `gs_store=$gs_common/${STORE_DIR}`,
  ];
}

/** The branch-name check as a `case` pattern list (refused names). */
export function branchRefusedPattern(): string {
  return BRANCH_REFUSED_GLOBS.map((g) => (g === '' ? "''" : g)).join(' | ');
}

/** What the sh `case` check of BRANCH_REFUSED_GLOBS does, in TypeScript: the names it refuses. */
export function hookRefusesBranch(name: string): boolean {
  return BRANCH_REFUSED_GLOBS.some((g) => {
    if (g === '') return name === '';
    const re = new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*')}$`);
    return re.test(name);
  });
}

/** The fields of a commit record that hooks/held.awk reads (raw JSON: escaping cannot forge them). */
const FIELD = { sha: '"sha":', mark: '"mark":', base: '"base":' } as const;

const sh = (name: string, value: string | number) => `${name}=${shQuote(String(value))}`;

// Long: the generated contract.sh as one list of lines, so that it reads as the file it writes.
function contractSh(): string {
  const keys = Object.values(TRAILER_KEYS);
  const agents = AGENT_ENV_VARS.map((v) => `\${${v}-}`).join('');
  const lines = [
    '# shellcheck shell=sh disable=SC2034',
    `# ${GENERATED}`,
    '# The names the hook runtime shares with the CLI (docs/storage.md, docs/trailers.md).',
    '',
    "# Trailer keys, and the option list of git's %(trailers:…) for ours.",
    ...Object.entries(TRAILER_KEYS).map(([k, v]) => sh(`gs_k_${k}`, v)),
    sh('gs_keys', keys.map((k) => `key=${k}`).join(',')),
    sh('gs_place_key', PLACE_MARKER_KEY),
    sh('gs_clock_prefix', CLOCK_CLAIM_PREFIX),
    '# The flags of `git interpret-trailers` (one word each: split where used).',
    sh('gs_interpret', INTERPRET_TRAILERS_ARGS.join(' ')),
    '',
    '# The store and its files.',
    sh('gs_store_dir', STORE_DIR),
    ...Object.entries(STORE_FILES).map(([k, v]) => sh(`gs_f_${k}`, v)),
    ...Object.entries(SESSION_FILES).map(([k, v]) => sh(`gs_s_${k}`, v)),
    ...Object.entries(WORKTREE_FILES).map(([k, v]) => sh(`gs_w_${k}`, v)),
    ...Object.entries(SYNC_FILES).map(([k, v]) => sh(`gs_y_${k}`, v)),
    sh('gs_trailers_header', TRAILER_FILE_HEADER),
    sh('gs_plan_always', PLAN_ALWAYS),
    sh('gs_plan_held', PLAN_HELD),
    sh('gs_plan_record', PLAN_RECORD),
    sh('gs_switch_header', SWITCH_FILE_HEADER),
    ...Object.entries(SWITCH_RECORDS).map(([k, v]) => sh(`gs_r_${k}`, v)),
    ...Object.entries(SWITCH_STATUSES).map(([k, v]) => sh(`gs_st_${k}`, v)),
    sh('gs_ended_branch', ENDED_BRANCH),
    sh('gs_max_switched', MAX_SWITCHED_RECORDS),
    sh('gs_machine_length', MACHINE_ID_LENGTH),
    '',
    '# What the hooks ask of `git-session hook …`.',
    ...Object.entries(HOOK_COMMANDS).map(([k, v]) => sh(`gs_c_${k}`, v)),
    '',
    '# The journal lines the hooks append (docs/storage.md, events.jsonl), as printf formats.',
    sh('gs_id_commit', HOOK_EVENT_ID.commit),
    sh('gs_id_switch', HOOK_EVENT_ID.switch),
    sh(
      'gs_fmt_commit',
      `{"v":${EVENT_VERSION},"id":"${HOOK_EVENT_ID.commit}%s:%s","type":"${HOOK_EVENT_TYPES.commit}","at":"%s","author":"%s","session":"%s",${FIELD.sha}"%s"%s}\\n`,
    ),
    sh('gs_j_mark', FIELD.mark),
    sh('gs_j_base', FIELD.base),
    sh(
      'gs_fmt_switch',
      `{"v":${EVENT_VERSION},"id":"${HOOK_EVENT_ID.switch}%s","type":"%s","at":"%s","author":"%s","session":"%s"%s%s}\\n`,
    ),
    sh('gs_j_note', ',"note":'),
    sh('gs_j_machine', ',"machine":'),
    sh('gs_type_paused', HOOK_EVENT_TYPES.paused),
    sh('gs_type_resumed', HOOK_EVENT_TYPES.resumed),
    sh('gs_note_to', SWITCH_NOTE.toBranch),
    sh('gs_note_detached', SWITCH_NOTE.detached),
    '',
    '# gs_valid_sid ID: a session id (UUIDv7, lower case).',
    'gs_valid_sid() {',
    '  case $1 in',
    `    ${SESSION_ID_GLOB}) ;;`,
    '    *) return 1 ;;',
    '  esac',
    `  case $1 in *[!${SESSION_ID_CHARS}]*) return 1 ;; esac`,
    '  return 0',
    '}',
    '',
    '# gs_branch_refused NAME: a name that could lead out of branches/ (git forbids them all).',
    'gs_branch_refused() {',
    `  case $1 in ${branchRefusedPattern()}) return 0 ;; esac`,
    '  return 1',
    '}',
    '',
    "# gs_locate: this worktree's git dir (gs_git), the common dir (gs_common), the store (gs_store).",
    'gs_locate() {',
    ...locateLines().map((l) => `  ${l}`),
    '  [ -n "$gs_git" ]',
    '}',
    '',
    `# gs_disabled: ${ENV.disable}=0 (the CLI running git itself) turns the hooks off.`,
    'gs_disabled() {',
    `  [ "\${${ENV.disable}-}" = 0 ]`,
    '}',
    '',
    'gs_debugging() {',
    `  [ "\${${ENV.debug}-}" = 1 ]`,
    '}',
    '',
    '# gs_hook_env COMMAND…: run COMMAND with what the hook found (the CLI then skips finding it).',
    'gs_hook_env() {',
    `  ${ENV.hookGitDir}=$gs_git ${ENV.hookCommonDir}=$gs_common ${ENV.hookEmail}=\${gs_email-} "$@"`,
    '}',
    '',
    '# gs_push_env REMOTE URL: what pre-push hands the CLI (the remote and the URL git pushes to).',
    'gs_push_env() {',
    `  ${ENV.hookRemote}=$1`,
    `  ${ENV.hookUrl}=$2`,
    `  export ${ENV.hookRemote} ${ENV.hookUrl}`,
    '}',
    '',
    '# gs_color_wanted: colour for a person at a terminal (src/render/term.ts colorWanted).',
    'gs_color_wanted() {',
    '  [ -z "${NO_COLOR-}" ] || return 1',
    `  [ -z "${agents}" ] || return 1`,
    '  if [ -n "${FORCE_COLOR-}" ] && [ "$FORCE_COLOR" != 0 ]; then return 0; fi',
    '  [ -t 2 ] && [ "${TERM-}" != dumb ]',
    '}',
    '',
  ];
  return lines.join('\n');
}

function contractAwk(): string {
  const keys = Object.entries(TRAILER_KEYS).map(([k, v]) => `  K_${k.toUpperCase()} = ${awkString(v)}`);
  return [
    `# ${GENERATED}`,
    "# The names the hooks' awk programs share with the CLI; loaded first (awk -f contract.awk -f …).",
    'BEGIN {',
    ...keys,
    `  OUR_LINE = ${awkString(OUR_LINE_ERE)}`,
    `  SID_RE = ${awkString(withoutIntervals(SESSION_ID_ERE))}`,
    `  PLACE_KEY = ${awkString(PLACE_MARKER_KEY)}`,
    `  CLOCK_PREFIX = ${awkString(CLOCK_CLAIM_PREFIX)}`,
    `  MAX_CLOCK_CLAIM = ${MAX_CLOCK_CLAIM}`,
    `  TRAILERS_HEADER = ${awkString(TRAILER_FILE_HEADER)}`,
    `  PLAN_ALWAYS = ${awkString(PLAN_ALWAYS)}`,
    `  PLAN_HELD = ${awkString(PLAN_HELD)}`,
    `  COMMIT_RECORD = ${awkString(`"type":"${HOOK_EVENT_TYPES.commit}"`)}`,
    `  SHA_FIELD = ${awkString(FIELD.sha)}`,
    `  MARK_FIELD = ${awkString(FIELD.mark)}`,
    `  BASE_FIELD = ${awkString(FIELD.base)}`,
    `  UNSAFE_N = ${UNSAFE_TEXT_RANGES.length}`,
    ...UNSAFE_TEXT_RANGES.map(([a, b], i) => `  UNSAFE_LO[${i + 1}] = ${a}; UNSAFE_HI[${i + 1}] = ${b}`),
    '}',
    '',
  ].join('\n');
}

/** The generated runtime files, by name. */
export function contractFiles(): Map<string, string> {
  return new Map([
    ['contract.sh', contractSh()],
    ['contract.awk', contractAwk()],
  ]);
}
