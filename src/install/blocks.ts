// The text git-session puts into hook files: one marked block per hook, the same wherever it goes
// (our own hook file, an existing sh hook, a husky hook). Pure string work; no I/O. Every name in
// it comes from the hook contract (src/model/hook-contract.ts).

import {
  ENV,
  HOOK_NAMES,
  type HookName,
  REMOTE_NAME_GLOB_REFUSED,
  STORE_DIR,
  STORE_FILES,
  SYNC_FILES,
  WORKTREE_FILES,
} from '../model/hook-contract.js';
import { branchRefusedPattern, locateLines } from './contract-files.js';

export { HOOK_NAMES, type HookName };

const W = WORKTREE_FILES;
const F = STORE_FILES;
const Y = SYNC_FILES;

export const BEGIN = '# >>> git-session >>>';
export const END = '# <<< git-session <<<';

/**
 * When each hook has work, decided with shell builtins only (git spawns every hook on every commit,
 * so this check is what a branch without a session pays). Variables: gs_git (this worktree's git
 * dir), gs_store (the store), gs_b (the branch).
 */
const WORK: Record<HookName, string[]> = {
  'prepare-commit-msg': [
    // A new attempt: what an earlier, aborted attempt applied or warned about no longer counts.
    `  if [ -s "$gs_git/${W.applied}" ]; then : >"$gs_git/${W.applied}"; fi`,
    `  if [ -s "$gs_git/${W.message}" ]; then : >"$gs_git/${W.message}"; fi`,
    `  if [ -s "$gs_git/${W.warned}" ]; then : >"$gs_git/${W.warned}"; fi`,
    // Every commit of a session branch: trailers for -m/-F/-c/--amend, a note of the attempt for
    // the editor flows (so that a --no-verify commit, which skips commit-msg, joins its session).
    `  if [ -f "$gs_store/${F.branches}/$gs_b" ] || [ -f "$gs_git/SQUASH_MSG" ]; then gs_go=1; fi`,
  ],
  'commit-msg': [
    `  if [ -f "$gs_store/${F.branches}/$gs_b" ] || [ -f "$gs_git/SQUASH_MSG" ]; then gs_go=1; fi`,
    // prepare-commit-msg placed the trailers in this attempt (-m, -F, -c, --amend) and no editor
    // changed the message since: it is byte for byte the copy it kept, so there is nothing to do —
    // unless a line may be a comment git's cleanup removes (an editor's help text, a `#` subject):
    // then the hook looks whether anything of the user's is left. Compared line by line with
    // builtins; a long message is left to cmp (the shell reads a byte per system call), and without
    // cmp the hook simply runs.
    `  if [ -n "$gs_go" ] && [ -s "$gs_git/${W.message}" ] && [ -f "\${1-}" ]; then`,
    '    gs_same=1',
    '    gs_n=0',
    '    while [ "$gs_same" = 1 ]; do',
    '      gs_l=',
    '      gs_k=',
    '      gs_e=0',
    '      IFS= read -r gs_l <&3 || gs_e=1',
    '      IFS= read -r gs_k <&4 || gs_e=$((gs_e + 2))',
    '      if [ "$gs_l" != "$gs_k" ] || [ "$gs_e" = 1 ] || [ "$gs_e" = 2 ]; then gs_same=; fi',
    "      case $gs_l in ['#;@!$%^&|:']* | 'S '* | 'D '*) gs_same= ;; esac",
    '      if [ "$gs_e" = 3 ]; then break; fi',
    '      gs_n=$((gs_n + 1))',
    '      if [ "$gs_n" -ge 40 ] && [ -n "$gs_same" ]; then gs_same=long; fi',
    `    done 3<"$1" 4<"$gs_git/${W.message}"`,
    '    if [ "$gs_same" = long ]; then',
    `      if cmp -s "$1" "$gs_git/${W.message}" 2>/dev/null; then gs_same=1; else gs_same=; fi`,
    '    fi',
    '    if [ -n "$gs_same" ]; then gs_go=; fi',
    '  fi',
  ],
  'post-commit': [`  if [ -s "$gs_git/${W.applied}" ]; then gs_go=1; fi`],
  'post-merge': [`  if [ -s "$gs_git/${W.applied}" ] && [ "\${1-}" != 1 ]; then gs_go=1; fi`],
  'post-checkout': [
    `  if [ "\${3-}" = 1 ] && { [ -s "$gs_git/${W.current}" ] || [ -f "$gs_store/${F.branches}/$gs_b" ]; }; then gs_go=1; fi`,
  ],
  'post-rewrite': ['  gs_go=1'],
  // Nothing of ours to push (the usual push): no journal changed since the session refs were
  // written, and they were pushed to this remote as they are — or sync is off. Then no Node.
  'pre-push': [
    '  gs_go=1',
    `  gs_y=$gs_store/${F.sync}`,
    `  if [ -f "$gs_y/${Y.off}" ]; then gs_go=`,
    `  elif [ ! -e "$gs_y/${Y.changed}" ] && [ -f "$gs_y/${Y.version}" ]; then`,
    `    case \${1-} in ${REMOTE_NAME_GLOB_REFUSED.map((g) => (g === '' ? "''" : g)).join(' | ')}) ;; *)`,
    `      if [ -f "$gs_y/${Y.pushed}/$1" ]; then`,
    '        gs_v=',
    '        gs_p=',
    `        IFS= read -r gs_v <"$gs_y/${Y.version}" || :`,
    `        IFS= read -r gs_p <"$gs_y/${Y.pushed}/$1" || :`,
    '        if [ -n "$gs_v" ] && [ "$gs_v" = "$gs_p" ]; then gs_go=; fi',
    '      fi',
    '      ;;',
    '    esac',
    '  fi',
  ],
};

/**
 * The block: find the store as git finds its own directory (the contract's locate lines, which the
 * runtime runs too — never a path a repository's files could supply), decide with builtins
 * whether this hook has work, and only then run it from the store's runtime copy — in a subshell,
 * so nothing it does (an `exit`, a variable, a failure) reaches the hook around it, and with
 * `|| :` so it can never fail the git command. Every command that may fail is guarded, because
 * husky runs hooks with `sh -e`.
 */
export function hookBlock(hook: HookName): string {
  // Used only while the store exists, and not a name git allows: it names no branch's file.
  const none = '.none';
  return [
    BEGIN,
    '# Added by `git session hooks install`; `git session hooks uninstall` removes this block.',
    '# shellcheck disable=SC1090,SC2034 # the runtime path is computed; gs_dir is read by the runtime',
    `if [ "\${${ENV.disable}-}" != 0 ]; then`,
    '  gs_go=',
    ...locateLines().map((l) => `  ${l}`),
    '  gs_h=',
    '  if [ -f "$gs_git/HEAD" ]; then IFS= read -r gs_h <"$gs_git/HEAD" || :; fi',
    '  gs_b=${gs_h#ref: refs/heads/}',
    `  case $gs_b in ${branchRefusedPattern()}) gs_b=${none} ;; esac`,
    `  if [ -n "$gs_git" ] && [ -f "$gs_store/${F.format}" ]; then`,
    ...WORK[hook].map((l) => `  ${l}`),
    '  fi',
    `  if [ -n "$gs_go" ]; then`,
    `    if [ -f "$gs_store/${F.hooks}/${hook}" ]; then (set +e && gs_dir=$gs_store/${F.hooks} && . "$gs_store/${F.hooks}/${hook}") || :`,
    `    elif [ ! -s "$gs_git/${W.warned}" ]; then`,
    `      echo "git-session: the hook runtime is missing in $gs_store/${F.hooks}; run: git session hooks install" >&2`,
    `      echo 1 >"$gs_git/${W.warned}" 2>/dev/null || :`,
    '    fi',
    '  fi',
    'fi',
    END,
  ].join('\n');
}

/** A hook file of our own: a shebang and the block. */
export function stubFile(hook: HookName, shebang = true): string {
  return `${shebang ? '#!/bin/sh\n' : ''}${hookBlock(hook)}\n`;
}

export function hasBlock(text: string): boolean {
  return text.includes(BEGIN) && text.includes(END);
}

/** Shells our block runs in. Anything else (python, node, a binary) is not ours to edit. */
export function isShellScript(text: string): boolean {
  const first = text.split('\n', 1)[0] ?? '';
  return /^#!\s*(\/usr)?(\/local)?\/bin\/(env\s+)?(sh|bash|dash|ksh|zsh|busybox\s+sh)\b/.test(first);
}

/** The text with our block removed (and the blank line that separated it). */
export function removeBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return text;
  let after = end + END.length;
  if (text[after] === '\n') after++;
  if (text[after] === '\n' && (start === 0 || text[start - 1] === '\n')) after++;
  return text.slice(0, start) + text.slice(after);
}

/**
 * Put our block into an existing hook: replace an older copy in place, else insert it right after
 * the shebang (so it runs even when the rest of the hook ends with `exit`).
 */
export function insertBlock(text: string, hook: HookName): string {
  const block = hookBlock(hook);
  if (hasBlock(text)) {
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END) + END.length;
    return text.slice(0, start) + block + text.slice(end);
  }
  if (text.startsWith('#!')) {
    const nl = text.indexOf('\n');
    const head = nl < 0 ? `${text}\n` : text.slice(0, nl + 1);
    const rest = nl < 0 ? '' : text.slice(nl + 1);
    return `${head}${block}\n${rest.length > 0 ? '\n' : ''}${rest}`;
  }
  return `${block}\n${text.length > 0 ? '\n' : ''}${text}`;
}

/** True when removing our block leaves nothing but a shebang and blank lines. */
export function onlyOurs(text: string): boolean {
  return removeBlock(text)
    .split('\n')
    .every((l) => l.trim() === '' || l.startsWith('#!'));
}

/** What to paste into a hook git-session will not edit (not sh, or a symlink). */
export function pasteLine(hook: HookName): string {
  const args = hook === 'post-commit' ? '' : ' "$@"';
  return `sh "$(git rev-parse --git-common-dir)/${STORE_DIR}/${F.hooks}/${hook}"${args}`;
}

/** The lefthook command that runs one of our hooks with git's arguments. */
export function lefthookRun(hook: HookName): string {
  const args: Record<HookName, string> = {
    'prepare-commit-msg': ' {1} {2} {3}',
    'commit-msg': ' {1}',
    'post-commit': '',
    'post-merge': ' {1}',
    'post-checkout': ' {1} {2} {3}',
    'post-rewrite': ' {1}',
    'pre-push': ' {1} {2}',
  };
  return `gs="$(git rev-parse --git-common-dir)/${STORE_DIR}/${F.hooks}/${hook}"; [ ! -f "$gs" ] || sh "$gs"${args[hook]}`;
}
