// The text git-session puts into hook files: one marked block per hook, the same wherever it goes
// (our own hook file, an existing sh hook, a husky hook). Pure string work; no I/O.

export const HOOK_NAMES = ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout', 'post-rewrite'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export const BEGIN = '# >>> git-session >>>';
export const END = '# <<< git-session <<<';

/**
 * The block runs the hook from the store's runtime copy, in a subshell so that nothing it does —
 * an `exit`, a variable, a failure — reaches the hook around it, and `|| :` so it can never fail
 * the git command. The runtime is found from git's own directory (GIT_DIR in linked worktrees, the
 * .git directory otherwise), never from a path inside the working tree a repository could supply.
 */
export function hookBlock(hook: HookName): string {
  return [
    BEGIN,
    '# Added by `git session hooks install`; `git session hooks uninstall` removes this block.',
    '(',
    '  if [ -n "${GIT_DIR-}" ] && [ -f "$GIT_DIR/commondir" ]; then',
    '    IFS= read -r gs_c <"$GIT_DIR/commondir"',
    '    case $gs_c in /*) gs_dir=$gs_c ;; *) gs_dir=$GIT_DIR/$gs_c ;; esac',
    '  elif [ -n "${GIT_DIR-}" ]; then gs_dir=$GIT_DIR',
    '  elif [ -d .git ]; then gs_dir=.git',
    '  else gs_dir=$(git rev-parse --git-common-dir 2>/dev/null); fi',
    '  gs_dir=$gs_dir/sessions/hooks',
    `  if [ -f "$gs_dir/${hook}" ]; then . "$gs_dir/${hook}"`,
    '  elif [ -f "${gs_dir%/hooks}/format" ] && [ "${GIT_SESSION-}" != 0 ]; then',
    `    echo "git-session: the hook runtime is missing ($gs_dir); run: git session hooks install" >&2`,
    '  fi',
    ') || :',
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
  return `sh "$(git rev-parse --git-common-dir)/sessions/hooks/${hook}"${args}`;
}

/** The lefthook command that runs one of our hooks with git's arguments. */
export function lefthookRun(hook: HookName): string {
  const args: Record<HookName, string> = {
    'prepare-commit-msg': ' {1} {2} {3}',
    'commit-msg': ' {1}',
    'post-commit': '',
    'post-checkout': ' {1} {2} {3}',
    'post-rewrite': ' {1}',
  };
  return `gs="$(git rev-parse --git-common-dir)/sessions/hooks/${hook}"; [ ! -f "$gs" ] || sh "$gs"${args[hook]}`;
}
