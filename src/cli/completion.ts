// bash and zsh completion, generated from the command table: commands, actions, options, and the
// values they take — session names and item ids come from `git session __complete`, branches and
// commits from git's own completion helpers. The build writes both scripts to dist/completion/;
// `git session completion bash|zsh` prints them.

import { actionsOf, fileVariant, GLOBAL_OPTIONS, isText, optionsOf } from './parse.js';
import type { CommandSpec, OptionSpec, ValueKind } from './spec.js';

/** A value kind as the scripts name it: `session`, `branch`, `choice:a b`, `item:objective:open`. */
function kindWord(v: ValueKind | undefined): string {
  if (!v) return '';
  switch (v.type) {
    case 'session':
    case 'branch':
    case 'commit':
    case 'path':
    case 'command':
      return v.type;
    case 'choice':
      return `choice:${v.choices.join(' ')}`;
    case 'item':
      return `item:${v.item}:${(v.states ?? []).join(',')}`;
    default:
      return 'none';
  }
}

interface PathData {
  key: string;
  options: { names: string[]; description: string; kind: string }[];
  /** Kinds of the positional arguments; the last repeats when variadic. */
  args: string[];
  variadic: boolean;
  actions: { name: string; description: string }[];
}

function optionNames(o: OptionSpec): string[] {
  return [`--${o.long}`, ...(o.aliases ?? []).map((a) => `--${a}`), ...(o.short ? [`-${o.short}`] : [])];
}

function pathData(table: readonly CommandSpec[]): PathData[] {
  const out: PathData[] = [];
  for (const c of table) {
    if (c.hidden) continue;
    const options = optionsOf(c).flatMap((o) => {
      const main = {
        names: optionNames(o),
        description: o.description,
        kind: o.value && !o.optionalValue ? (isText(o) ? 'none' : kindWord(o.value)) : '',
      };
      const file = isText(o)
        ? [{ names: [`--${fileVariant(o)}`], description: `read --${o.long} from a file`, kind: 'path' }]
        : [];
      return [main, ...file];
    });
    out.push({
      key: c.path.join(' '),
      options: c.run || !c.defaultAction ? options : [],
      args: (c.args ?? []).map((a) => (a.value.type === 'text' ? 'none' : kindWord(a.value))),
      variadic: (c.args ?? []).some((a) => a.variadic),
      actions: actionsOf(table, c).map((a) => ({ name: a.path[a.path.length - 1]!, description: a.summary })),
    });
  }
  return out;
}

function topCommands(table: readonly CommandSpec[]): { name: string; description: string; target: string }[] {
  return table
    .filter((c) => c.path.length === 1 && !c.hidden)
    .flatMap((c) => [
      { name: c.path[0]!, description: c.summary, target: c.path[0]! },
      ...(c.aliases ?? []).map((a) => ({ name: a, description: `${c.summary} (as ${c.path[0]})`, target: c.path[0]! })),
    ]);
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The case arms shared by both shells: options, value kinds, argument kinds and actions per command. */
function dataFunctions(table: readonly CommandSpec[], indent: string): string[] {
  const data = pathData(table);
  const lines: string[] = [];
  const fn = (name: string, comment: string, arms: string[]) =>
    lines.push(
      `# ${comment}`,
      `__git_session_${name} () {`,
      `${indent}case "$1" in`,
      ...arms,
      `${indent}esac`,
      '}',
      '',
    );
  fn('aliases', 'The command an alias stands for.', [
    ...topCommands(table)
      .filter((c) => c.name !== c.target)
      .map((c) => `${indent}${c.name}) echo ${c.target} ;;`),
    `${indent}*) echo "$1" ;;`,
  ]);
  fn(
    'actions',
    'The actions of a command that has them.',
    data
      .filter((d) => d.actions.length > 0)
      .map((d) => `${indent}${sq(d.key)}) echo ${sq(d.actions.map((a) => a.name).join(' '))} ;;`),
  );
  fn(
    'options',
    'The long options of a command.',
    data
      .filter((d) => d.options.length > 0)
      .map(
        (d) =>
          `${indent}${sq(d.key)}) echo ${sq(d.options.flatMap((o) => o.names.filter((n) => n.startsWith('--'))).join(' '))} ;;`,
      ),
  );
  fn(
    'option_kind',
    'What "$1|$2" (command|option) takes: nothing (a flag), none (free text), or a kind of value.',
    data.flatMap((d) =>
      d.options
        .filter((o) => o.kind !== '')
        .map((o) => `${indent}${o.names.map((n) => sq(`${d.key}|${n}`)).join('|')}) echo ${sq(o.kind)} ;;`),
    ),
  );
  fn(
    'arg_kind',
    'The kind of the positional argument "$1|$2" (command|index).',
    data.flatMap((d) =>
      d.args.map(
        (k, i) =>
          `${indent}${sq(`${d.key}|${i}`)}${d.variadic && i === d.args.length - 1 ? `|${sq(`${d.key}|`)}*` : ''}) echo ${sq(k)} ;;`,
      ),
    ),
  );
  return lines;
}

// Long: the generated bash script as one template, so that it reads as the script it writes.
export function bashCompletion(table: readonly CommandSpec[]): string {
  const tops = topCommands(table);
  return `# bash completion for git-session — generated from its command table; do not edit.
# git's own completion calls _git_session for \`git session …\` (loading this file as
# completions/git-session when bash-completion is there); \`git-session …\` is wired at the end.

${dataFunctions(table, '\t').join('\n')}
__git_session_commands=${sq(tops.map((c) => c.name).join(' '))}

# Candidates for a value of kind "$1", for the word being completed.
__git_session_values () {
	local kind=$1 rest
	case "$kind" in
	session) __gitcomp_nl "$(git session __complete sessions 2>/dev/null | cut -f1)" ;;
	branch) __gitcomp_nl "$(__git_heads)" ;;
	commit) __git_complete_refs ;;
	command) __gitcomp "$__git_session_commands" ;;
	choice:*) __gitcomp "\${kind#choice:}" ;;
	item:*)
		rest=\${kind#item:}
		# shellcheck disable=SC2086 # $__git_session_ref is "--session <ref>" or empty
		__gitcomp_nl "$(git session __complete "\${rest%%:*}" "\${rest#*:}" $__git_session_ref 2>/dev/null | cut -f1)"
		;;
	path) COMPREPLY=() ; compopt -o default 2>/dev/null ;;
	*) COMPREPLY=() ;;
	esac
}

# shellcheck disable=SC2154 # words, cword and cur are set by git's completion (or __git_func_wrap)
_git_session () {
	local i w cmd="" npos=0 expect="" dashes="" __git_session_ref="" kind actions
	for (( i = \${__git_cmd_idx:-0} + 1; i < cword; i++ )); do
		w=\${words[i]}
		if [ -n "$expect" ]; then
			[ "$expect" = session ] && __git_session_ref="--session $w"
			expect=""
			continue
		fi
		if [ -z "$dashes" ]; then
			case "$w" in
			--) dashes=1; continue ;;
			--session=*) __git_session_ref="--session \${w#--session=}"; continue ;;
			-*=*) continue ;;
			-*)
				expect=$(__git_session_option_kind "$cmd|$w")
				[ "$w" = --session ] && expect=session
				continue ;;
			esac
		fi
		if [ -z "$cmd" ]; then
			cmd=$(__git_session_aliases "$w")
		elif [ "$npos" -eq 0 ] && [ "$cmd" = "\${cmd%% *}" ] && case " $(__git_session_actions "$cmd") " in *" $w "*) true ;; *) false ;; esac; then
			cmd="$cmd $w"
		else
			npos=$((npos + 1))
		fi
	done
	if [ -n "$expect" ]; then
		__git_session_values "$expect"
		return
	fi
	if [ -z "$cmd" ]; then
		case "$cur" in
		-*) __gitcomp "--version --help --json" ;;
		*) __gitcomp "$__git_session_commands" ;;
		esac
		return
	fi
	case "$cur" in
	--*=*) return ;;
	-*)
		if [ -z "$dashes" ]; then
			__gitcomp "$(__git_session_options "$cmd")"
			return
		fi ;;
	esac
	actions=$(__git_session_actions "$cmd")
	kind=$(__git_session_arg_kind "$cmd|$npos")
	if [ -n "$actions" ] && [ "$npos" -eq 0 ] && [ "$cmd" = "\${cmd%% *}" ]; then
		local -a values=()
		if [ -n "$kind" ]; then
			__git_session_values "$kind"
			values=("\${COMPREPLY[@]}")
		fi
		__gitcomp "$actions"
		COMPREPLY+=("\${values[@]}")
		return
	fi
	__git_session_values "$kind"
}

# \`git-session …\` typed directly: reuse git's completion machinery when it is loaded.
if ! declare -F __git_complete >/dev/null 2>&1 && declare -F _completion_loader >/dev/null 2>&1; then
	_completion_loader git >/dev/null 2>&1
fi
if declare -F __git_complete >/dev/null 2>&1; then
	__git_complete git-session _git_session
fi
`;
}

// Long: the generated zsh script as one template, so that it reads as the script it writes.
export function zshCompletion(table: readonly CommandSpec[]): string {
  const tops = topCommands(table);
  const data = pathData(table);
  const describe = (items: { name: string; description: string }[]) =>
    items.map((i) => sq(`${i.name.replace(/:/g, '\\:')}:${i.description}`)).join(' ');
  const optionDescriptions = data
    .filter((d) => d.options.length > 0)
    .map(
      (d) =>
        `    ${sq(d.key)}) opts=(${describe(d.options.flatMap((o) => o.names.filter((n) => n.startsWith('--')).map((n) => ({ name: n, description: o.description }))))}) ;;`,
    );
  const actionDescriptions = data
    .filter((d) => d.actions.length > 0)
    .map((d) => `    ${sq(d.key)}) acts=(${describe(d.actions)}) ;;`);
  return `#compdef git-session
#description keep the context of a piece of work tied to its git branch

# zsh completion for git-session — generated from its command table; do not edit.
# git's zsh completion (_git) calls _git-session for \`git session …\`; \`git-session …\` directly
# comes here through #compdef. Put this file, named _git-session, in a directory of your fpath.

${dataFunctions(table, '    ').join('\n')}
__git_session_values () {
  local kind=$1 rest
  local -a lines cands
  case "$kind" in
    session)
      lines=(\${(f)"$(git session __complete sessions 2>/dev/null)"})
      cands=("\${(@)lines/$'\\t'/:}")
      _describe -t sessions 'session' cands ;;
    branch)
      if (( $+functions[__git_branch_names] )); then __git_branch_names
      else compadd -- \${(f)"$(git for-each-ref --format='%(refname:short)' refs/heads 2>/dev/null)"}; fi ;;
    commit)
      if (( $+functions[__git_commits] )); then __git_commits
      else compadd -- \${(f)"$(git for-each-ref --format='%(refname:short)' refs/heads refs/tags 2>/dev/null)"}; fi ;;
    command) _describe -t commands 'command' __git_session_cmds ;;
    choice:*) compadd -- \${=kind#choice:} ;;
    item:*)
      rest=\${kind#item:}
      lines=(\${(f)"$(git session __complete "\${rest%%:*}" "\${rest#*:}" \${=__git_session_ref} 2>/dev/null)"})
      cands=("\${(@)lines/$'\\t'/:}")
      _describe -t items 'item' cands ;;
    path) _files ;;
    *) _message 'text' ;;
  esac
}

_git-session () {
  local -a __git_session_cmds opts acts
  __git_session_cmds=(${describe(tops)})
  local i w cmd="" npos=0 expect="" dashes="" __git_session_ref="" kind
  # words[1] is "git-session", or "session" when git's _git calls this.
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if [[ -n $expect ]]; then
      [[ $expect == session ]] && __git_session_ref="--session $w"
      expect=""
      continue
    fi
    if [[ -z $dashes ]]; then
      case $w in
        --) dashes=1; continue ;;
        --session=*) __git_session_ref="--session \${w#--session=}"; continue ;;
        -*=*) continue ;;
        -*) expect=$(__git_session_option_kind "$cmd|$w"); [[ $w == --session ]] && expect=session; continue ;;
      esac
    fi
    if [[ -z $cmd ]]; then
      cmd=$(__git_session_aliases "$w")
    elif (( npos == 0 )) && [[ $cmd != *' '* ]] && [[ " $(__git_session_actions "$cmd") " == *" $w "* ]]; then
      cmd="$cmd $w"
    else
      (( npos++ ))
    fi
  done
  local cur=\${words[CURRENT]}
  if [[ -n $expect ]]; then __git_session_values "$expect"; return; fi
  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then compadd -- --version --help --json
    else _describe -t commands 'git session command' __git_session_cmds; fi
    return
  fi
  if [[ $cur == -* && -z $dashes ]]; then
    case "$cmd" in
${optionDescriptions.join('\n')}
    esac
    _describe -t options 'option' opts
    return
  fi
  case "$cmd" in
${actionDescriptions.join('\n')}
  esac
  kind=$(__git_session_arg_kind "$cmd|$npos")
  if (( \${#acts} > 0 && npos == 0 )) && [[ $cmd != *' '* ]]; then
    _describe -t actions 'action' acts
    [[ -n $kind ]] && __git_session_values "$kind"
    return
  fi
  __git_session_values "$kind"
}

# Loaded by autoload for \`git-session\`, or sourced: define, then run when completing.
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _git-session "$@"
fi
`;
}

/** For tests and docs: every long option of every command, as the scripts offer them. */
export function allOptionNames(table: readonly CommandSpec[]): string[] {
  return [
    ...new Set(table.flatMap((c) => optionsOf(c).flatMap(optionNames)).concat(GLOBAL_OPTIONS.flatMap(optionNames))),
  ];
}
