# git-session hook library (POSIX sh), sourced by the hook scripts next to it.
#
# The commit path never starts Node: these functions read the store the CLI keeps precomputed
# (docs/storage.md) with shell builtins, and call git itself only where git must do the work.
# Everything fails open: a problem prints one `git-session:` line and the git command goes on.
# Nothing read from the repository or the store is ever evaluated as shell code.
#
# shellcheck disable=SC2034 # the gs_* variables set here are read by the hook scripts sourcing this file

# The runtime's directory (set by the hook script that sources this file): the contract and the
# awk programs live there. contract.sh (generated from src/model/hook-contract.ts) names every
# trailer key, store file and format this file uses.
: "${gs_dir:=${0%/*}}"
if [ -f "$gs_dir/contract.sh" ]; then
  # shellcheck source=hooks/contract.sh
  . "$gs_dir/contract.sh"
fi

gs_warn() {
  printf 'git-session: %s\n' "$*" >&2
}

# gs_warn_once MESSAGE: warn unless a hook of this commit attempt already did (prepare-commit-msg
# starts each attempt afresh), so one problem is one line, not one per hook.
gs_warn_once() {
  [ -s "$gs_git/$gs_w_warned" ] && return 0
  gs_warn "$*"
  printf '1\n' >"$gs_git/$gs_w_warned" 2>/dev/null || :
}

# gs_begin: common start of every hook. Returns 1 when the hook has nothing to do.
gs_begin() {
  # husky runs hooks with `sh -e`; our failures are handled, never fatal.
  set +e
  # Without the contract (contract.sh missing or damaged) nothing here can be read safely.
  command -v gs_locate >/dev/null 2>&1 || return 1
  gs_disabled && return 1
  gs_debugging && set -x
  # gs_locate (contract.sh) finds the store as the installed hook blocks do.
  gs_locate || return 1
  [ -f "$gs_store/$gs_f_format" ] || return 1
  return 0
}

# gs_branch: the checked-out branch (gs_b), empty when HEAD is detached.
gs_branch() {
  gs_b=
  [ -f "$gs_git/HEAD" ] || return 0
  IFS= read -r gs_line <"$gs_git/HEAD" || :
  case $gs_line in "ref: refs/heads/"*) gs_b=${gs_line#ref: refs/heads/} ;; esac
}

# gs_session_for BRANCH: the session linked to BRANCH (gs_sid), or empty.
gs_session_for() {
  gs_sid=
  # git forbids these in branch names; refusing them keeps every path inside the store.
  gs_branch_refused "$1" && return 0
  [ -f "$gs_store/$gs_f_branches/$1" ] || return 0
  IFS= read -r gs_sid <"$gs_store/$gs_f_branches/$1" || :
  gs_valid_sid "$gs_sid" || gs_sid=
}

# gs_our_line LINE: a `Key: value` line of ours other than `Session:` (OUR_LINE_ERE of the contract).
gs_our_line() {
  case $1 in
    "$gs_k_decisions: "*) return 0 ;;
    "$gs_k_session-"?*": "*) ;;
    *) return 1 ;;
  esac
  gs_o=${1#"$gs_k_session-"}
  gs_o=${gs_o%%": "*}
  case $gs_o in *[!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz]*) return 1 ;; esac
  return 0
}

# gs_replaying: git is replaying existing commits (rebase, cherry-pick); they keep their own
# trailers, and post-rewrite maps rebased ones.
gs_replaying() {
  [ -d "$gs_git/rebase-merge" ] || [ -d "$gs_git/rebase-apply" ] || [ -f "$gs_git/CHERRY_PICK_HEAD" ]
}

gs_rebasing() {
  [ -d "$gs_git/rebase-merge" ] || [ -d "$gs_git/rebase-apply" ]
}

# gs_comment_char FILE: the comment character git uses in FILE (gs_cc). With core.commentChar=auto
# git picks one per message; the scissors line, or else the last line of its help text, shows which.
gs_comment_char() {
  gs_cc=$(git config --get core.commentChar 2>/dev/null) || gs_cc='#'
  [ -n "$gs_cc" ] || gs_cc='#'
  [ "$gs_cc" = auto ] || return 0
  gs_cc=$(awk '
    / ------------------------ >8 ------------------------$/ && length($0) == 54 { print substr($0, 1, 1); found = 1; exit }
    /[^ \t\r]/ { last = $0 }
    END { if (!found) print (last ~ /^[#;@!$%^&|:]/ ? substr(last, 1, 1) : "#") }' "$1" 2>/dev/null) || gs_cc='#'
  case $gs_cc in ?) ;; *) gs_cc='#' ;; esac
  return 0
}

# gs_message_state FILE [ADDED]: does the message have text of the user's own (gs_text=1): a line
# before any scissors line that is not blank, not a comment (gs_cc; none when empty) and not one of
# the lines the hooks added in this attempt (ADDED: the attempt's record, whose lines after the first
# are those lines in the order they were added). A line that merely looks like ours — a subject
# `Session: fix cookie expiry` — is the user's text. gs_ours=1 when lines we added are there.
# Reading stops at the first line of text: linear, and short for every real message (the shell's
# `read` takes a system call per byte). The added lines are matched in order, never searched.
gs_message_state() {
  gs_text=0
  gs_ours=0
  gs_added=${2-}
  { [ -n "$gs_added" ] && [ -f "$gs_added" ]; } || gs_added=/dev/null
  {
    IFS= read -r gs_want <&3 || :
    gs_more=1
    IFS= read -r gs_want <&3 || gs_more=0
    while IFS= read -r gs_line || [ -n "$gs_line" ]; do
      case $gs_line in
        ?" ------------------------ >8 ------------------------") break ;;
        *[![:space:]]*) ;;
        *) continue ;;
      esac
      if [ -n "$gs_cc" ]; then
        case $gs_line in "$gs_cc"*) continue ;; esac
      fi
      while [ "$gs_more" = 1 ] && [ "$gs_line" != "$gs_want" ]; do
        IFS= read -r gs_want <&3 || gs_more=0
      done
      if [ "$gs_more" = 0 ]; then
        gs_text=1
        break
      fi
      gs_ours=1
      IFS= read -r gs_want <&3 || gs_more=0
    done <"$1"
  } 3<"$gs_added"
  return 0
}

# gs_node_find: the Node and CLI that `hooks install` noted (a GUI client may have neither on
# PATH) in gs_node and gs_cli, else gs_node empty and git-session on PATH; 1 when there is none.
gs_node_find() {
  gs_node=
  gs_cli=
  if [ -f "$gs_store/$gs_f_hooks/node" ]; then IFS= read -r gs_node <"$gs_store/$gs_f_hooks/node" || :; fi
  if [ -f "$gs_store/$gs_f_hooks/cli" ]; then IFS= read -r gs_cli <"$gs_store/$gs_f_hooks/cli" || :; fi
  if [ -x "$gs_node" ] && [ -f "$gs_cli" ]; then return 0; fi
  gs_node=
  command -v git-session >/dev/null 2>&1
}

# gs_node_run ARGS…: `git-session hook ARGS…` (see gs_node_find); 127 when there is none.
gs_node_run() {
  gs_node_find || return 127
  if [ -n "$gs_node" ]; then
    gs_hook_env "$gs_node" "$gs_cli" hook "$@"
  else
    gs_hook_env git-session hook "$@"
  fi
}

# gs_plan_state: check session gs_sid's trailer plan (gs_dir_s/trailers) before a commit reads it.
# gs_capturing=1 when it starts with the `always Session:` line: the session is open and its
# branch's commits carry it (an ended session's plan is empty: its branch's commits are no longer
# its). A `stale` marker says a command was stopped between appending to the journal and rewriting
# the plan (or is between the two right now): the CLI derives the plan again first — the only time
# a commit starts Node, and only after such an interruption. Returns 1 (having warned) when the plan
# cannot be used.
gs_plan_state() {
  gs_capturing=0
  gs_dir_s=$gs_store/$gs_sid
  if [ -e "$gs_dir_s/$gs_s_stale" ]; then
    gs_node_run "$gs_c_plan" >/dev/null 2>&1
    [ -e "$gs_dir_s/$gs_s_stale" ] &&
      gs_warn_once "the trailer plan in $gs_dir_s may lag behind its journal (a command was interrupted); this commit carries what the plan lists (run: git session doctor)"
  fi
  if [ ! -f "$gs_dir_s/$gs_s_trailers" ]; then
    gs_warn_once "no $gs_s_trailers file in $gs_dir_s; commit left without session trailers (run: git session doctor)"
    return 1
  fi
  gs_header=
  gs_line=
  {
    IFS= read -r gs_header || :
    IFS= read -r gs_line || :
  } <"$gs_dir_s/$gs_s_trailers"
  if [ "$gs_header" != "$gs_trailers_header $gs_sid" ]; then
    gs_warn_once "$gs_dir_s/$gs_s_trailers is damaged; commit left without session trailers (run: git session doctor)"
    return 1
  fi
  [ "$gs_line" = "$gs_plan_always $gs_k_session: $gs_sid" ] && gs_capturing=1
  # `trailers: off`: the commit carries nothing, and still joins the session.
  [ "$gs_line" = "$gs_plan_record $gs_k_session: $gs_sid" ] && gs_capturing=1
  return 0
}

# gs_mark_changed: a journal was appended to; the next push writes the session refs again
# (docs/sync.md). Only once sync has written them: before that, every push looks anyway.
gs_mark_changed() {
  [ -d "$gs_store/$gs_f_sync" ] || return 0
  [ -e "$gs_store/$gs_f_sync/$gs_y_changed" ] && return 0
  : >"$gs_store/$gs_f_sync/$gs_y_changed" 2>/dev/null || :
}

# gs_base: the seq up to which every item of session gs_sid is in a commit that HEAD (gs_sha)
# contains (gs_base); the next commit carries every planned line above it. `committed` holds the
# highest mark and the commit that recorded it, which contains everything up to that mark: when
# it is HEAD — every commit on a branch after the first — that is the answer, without a process.
# Otherwise (reset, rebase, amend, a commit dropped) the carrying commits are checked with one
# `git rev-list` from HEAD down to the first carrier's parents (hooks/held.awk reads the journal):
# items whose carrier left the branch are carried again. Bounded: two awk and one git process,
# linear in the session's journal.
gs_base() {
  gs_base=0
  gs_committed=
  gs_anchor=
  if [ -f "$gs_dir_s/$gs_s_committed" ]; then IFS=' ' read -r gs_committed gs_anchor <"$gs_dir_s/$gs_s_committed" || :; fi
  case $gs_committed in '' | *[!0-9]* | 0) return 0 ;; esac
  if [ -n "$gs_anchor" ] && [ "$gs_anchor" = "$gs_sha" ]; then
    gs_base=$gs_committed
    return 0
  fi
  [ -f "$gs_dir_s/$gs_s_journal" ] || return 0
  gs_awk_journal=$gs_dir_s/$gs_s_journal
  gs_awk_rewrites=$gs_store/$gs_f_rewrites
  [ -f "$gs_awk_rewrites" ] || gs_awk_rewrites=/dev/null
  export gs_awk_journal gs_awk_rewrites
  gs_oldest=$(awk -v mode=oldest -f "$gs_dir/contract.awk" -f "$gs_dir/held.awk" 2>/dev/null) || gs_oldest=
  case $gs_oldest in '' | *[!0-9a-f]*) return 0 ;; esac
  # An unborn HEAD or a failing git gives no commits: everything is carried again, nothing lost.
  gs_base=$(printf 'HEAD\n^%s^@\n' "$gs_oldest" | git rev-list --ignore-missing --stdin 2>/dev/null |
    awk -f "$gs_dir/contract.awk" -f "$gs_dir/held.awk" 2>/dev/null) || gs_base=0
  case $gs_base in '' | *[!0-9]*) gs_base=0 ;; esac
  return 0
}

# gs_place FILE: give the message in FILE its session trailers in one pass whatever their number
# (hooks/place.awk says what and where). git decides where the trailer block is:
# `interpret-trailers` adds one marker trailer, with explicit --where/--if-exists/--if-missing so
# that trailer.* settings change nothing; awk puts the lines where the marker is. The gs_awk_*
# variables name the inputs. Returns 0 when FILE holds the lines, 4 when there was nothing to add,
# else failure with FILE as it was.
gs_place() {
  gs_awk_msg=$1
  gs_awk_copy=$gs_git/$gs_w_message
  gs_awk_place="gs-$$-place"
  export gs_awk_msg gs_awk_copy gs_awk_place gs_awk_plan gs_awk_sid gs_awk_base gs_awk_carry gs_awk_squash \
    gs_awk_lines gs_awk_record gs_awk_head
  gs_retry=
  while :; do
    # shellcheck disable=SC2086 # gs_interpret is the flag list, one word each
    set -- $gs_interpret --trailer "$gs_place_key: $gs_awk_place"
    # Only commit-msg knows the comment character of an `auto` message; elsewhere git reads its config.
    [ -n "${gs_cc_message-}" ] && set -- -c "core.commentChar=$gs_cc_message" "$@"
    # Through a file rather than a pipe: two plain child processes, no forked pipeline.
    if git "$@" <"$gs_awk_msg" >"$gs_awk_copy" 2>/dev/null; then
      awk -f "$gs_dir/contract.awk" -f "$gs_dir/place.awk" <"$gs_awk_copy" 2>/dev/null
      gs_rc=$?
    else
      gs_rc=1
    fi
    if [ "$gs_rc" != 5 ] || [ -n "$gs_retry" ]; then break; fi
    gs_retry=1
    IFS= read -r gs_cc_message <"$gs_awk_copy" || gs_cc_message=
    case $gs_cc_message in ?) ;; *) break ;; esac
  done
  case $gs_rc in
    0) return 0 ;;
    # The message write failed half-way: the complete copy takes its place (a rename needs no space).
    6) mv -f "$gs_awk_copy" "$gs_awk_msg" 2>/dev/null && return 0 ;;
  esac
  : >"$gs_awk_copy" 2>/dev/null
  [ "$gs_rc" = 4 ] && return 4
  [ "$gs_rc" = 7 ] && gs_warn_once "$gs_awk_plan is damaged; commit left without session trailers (run: git session doctor)"
  return 1
}

# gs_squash_lines: for `git merge --squash`, the trailer lines of the squashed commits, oldest
# commit first, into $gs_tmp.squash (SQUASH_MSG lists them as "commit <sha>", newest first).
gs_squash_lines() {
  gs_awk_squash=
  [ -f "$gs_git/SQUASH_MSG" ] || return 0
  awk '/^commit [0-9a-f]+$/ { s[++n] = $2 } END { for (i = n; i >= 1; i--) print s[i] }' \
    "$gs_git/SQUASH_MSG" >"$gs_tmp.shas" 2>/dev/null || return 0
  [ -s "$gs_tmp.shas" ] || return 0
  git log --no-walk=unsorted --stdin --format="%(trailers:$gs_keys,unfold)" \
    <"$gs_tmp.shas" >"$gs_tmp.squash" 2>/dev/null || return 0
  gs_awk_squash=$gs_tmp.squash
}

# gs_apply FILE: give the message in FILE the trailers of this commit — session gs_sid's planned
# lines above gs_base (gs_sid empty: none), the lines a rewrite dropped, a squash's sessions — and
# note in the attempt's record what was applied, for commit-msg and post-commit. Never fails the
# commit: trouble is one warning, the message as it was.
gs_apply() {
  gs_tmp=$gs_git/$gs_w_tmp
  gs_awk_sid=$gs_sid
  gs_awk_base=$gs_base
  gs_awk_plan=
  gs_awk_carry=
  gs_awk_lines=
  gs_awk_record=$gs_git/$gs_w_applied
  gs_awk_head=${gs_sha:--}
  if [ -n "$gs_sid" ]; then
    gs_awk_plan=$gs_dir_s/$gs_s_trailers
    [ -f "$gs_dir_s/$gs_s_carry" ] && gs_awk_carry=$gs_dir_s/$gs_s_carry
  fi
  if [ -n "$gs_sid" ] && [ ! -f "$gs_git/SQUASH_MSG" ] && gs_place_subject "$1"; then return 0; fi
  gs_squash_lines
  gs_place "$1"
  case $? in
    0) ;;
    4) [ -s "$gs_awk_record" ] || gs_intent ;;
    *)
      gs_warn_once "could not add session trailers; the commit goes on without them"
      gs_intent
      ;;
  esac
  if [ -e "$gs_tmp.shas" ] || [ -e "$gs_tmp.squash" ]; then rm -f "$gs_tmp.shas" "$gs_tmp.squash" 2>/dev/null; fi
  return 0
}

# gs_place_subject FILE: the common `git commit -m "subject"` without a process. A message that is
# one line is its title, and git never takes a message's first paragraph for a trailer block (the
# block "must be preceded by one or more empty lines"): the trailers go in a paragraph of their own
# after it, which is what gs_place gives such a message too (the git differential property checks
# both). Session gs_sid's pending lines are read with builtins, so only a short plan takes this
# way, with no held section to read. Returns 1, having written nothing, when the message or the
# plan is not of that kind.
gs_place_subject() {
  gs_subject=
  gs_rest=
  {
    IFS= read -r gs_subject || [ -n "$gs_subject" ] || return 1
    ! IFS= read -r gs_rest && [ -z "$gs_rest" ] || return 1
  } <"$1"
  # A line git could take for a comment or a scissors line, or with edge blanks: gs_place decides.
  case $gs_subject in '' | [[:space:]]* | *[[:space:]] | ['#;@!$%^&|:']* | *[[:cntrl:]]*) return 1 ;; esac
  gs_mark=$gs_base
  gs_out=
  gs_n=0
  {
    IFS= read -r gs_line || :
    while IFS= read -r gs_line; do
      gs_seq=${gs_line%% *}
      case $gs_seq in
        "$gs_plan_always") ;;
        "$gs_plan_held")
          [ "$gs_base" -ge "${gs_line#"$gs_plan_held "}" ] 2>/dev/null || return 1
          break
          ;;
        '' | *[!0-9]*) continue ;;
        *)
          [ "$gs_seq" -gt "$gs_base" ] 2>/dev/null || continue
          [ "$gs_seq" -gt "$gs_mark" ] && gs_mark=$gs_seq
          ;;
      esac
      gs_line=${gs_line#* }
      case $gs_line in "$gs_k_session: "*) ;; *) gs_our_line "$gs_line" || continue ;; esac
      gs_n=$((gs_n + 1))
      [ "$gs_n" -le 24 ] || return 1
      gs_out="$gs_out$gs_line
"
    done
  } <"$gs_dir_s/$gs_s_trailers"
  # Lines a rewrite dropped go right after the Session line: a short plan only, as above.
  case $gs_out in "$gs_k_session: $gs_sid"*) ;; *) return 1 ;; esac
  [ -s "$gs_dir_s/$gs_s_carry" ] && return 1
  gs_awk_copy=$gs_git/$gs_w_message
  if ! printf '%s\n\n%s' "$gs_subject" "$gs_out" >"$gs_awk_copy" 2>/dev/null; then
    : >"$gs_awk_copy" 2>/dev/null
    return 1
  fi
  printf '1 %s %s %s %s\n%s' "$gs_mark" "$gs_base" "${gs_sha:--}" "$gs_sid" "$gs_out" >"$gs_git/$gs_w_applied" 2>/dev/null || return 1
  printf '%s\n\n%s' "$gs_subject" "$gs_out" >"$1" 2>/dev/null && return 0
  # Cut half-way: the complete copy takes its place (a rename needs no space)…
  mv -f "$gs_awk_copy" "$1" 2>/dev/null && return 0
  # …or the message is put back as it was, and nothing counts as applied.
  printf '%s\n' "$gs_subject" >"$1" 2>/dev/null
  : >"$gs_git/$gs_w_applied" 2>/dev/null
  return 1
}

# gs_intent: note that this commit attempt is on session gs_sid with nothing applied (yet): an
# editor or `--no-verify` commit still joins the session's commit list, carrying no items.
gs_intent() {
  if [ -n "$gs_sid" ] && [ "$gs_capturing" = 1 ]; then
    printf '0 %s %s %s %s\n' "$gs_base" "$gs_base" "${gs_sha:--}" "$gs_sid" >"$gs_git/$gs_w_applied" 2>/dev/null || :
  else
    : >"$gs_git/$gs_w_applied" 2>/dev/null || :
  fi
}

# gs_head_sha: the commit HEAD points at (gs_sha), read from the ref file; git only when the ref is
# packed or stored another way.
gs_head_sha() {
  gs_sha=
  gs_line=
  IFS= read -r gs_line <"$gs_git/HEAD" || :
  case $gs_line in
    "ref: refs/"*)
      gs_ref=${gs_line#ref: }
      case $gs_ref in *..*) gs_ref= ;; esac
      if [ -n "$gs_ref" ] && [ -f "$gs_common/$gs_ref" ]; then IFS= read -r gs_sha <"$gs_common/$gs_ref" || :; fi
      ;;
    *) gs_sha=$gs_line ;;
  esac
  case $gs_sha in *[!0-9a-f]* | '') gs_sha=$(git rev-parse --verify --quiet HEAD 2>/dev/null) || gs_sha= ;; esac
}

# gs_pad2 VALUE: two digits.
gs_pad2() {
  case $1 in ?) gs_p=0$1 ;; *) gs_p=$1 ;; esac
}

# gs_iso EPOCH: YYYY-MM-DDTHH:MM:SSZ in UTC (gs_at), with shell arithmetic only (days to civil
# date, after Howard Hinnant's algorithm), so recording a commit needs no `date` process.
gs_iso() {
  gs_days=$(($1 / 86400))
  gs_rem=$(($1 % 86400))
  gs_z=$((gs_days + 719468))
  gs_era=$((gs_z / 146097))
  gs_doe=$((gs_z - gs_era * 146097))
  gs_yoe=$(((gs_doe - gs_doe / 1460 + gs_doe / 36524 - gs_doe / 146096) / 365))
  gs_y=$((gs_yoe + gs_era * 400))
  gs_doy=$((gs_doe - (365 * gs_yoe + gs_yoe / 4 - gs_yoe / 100)))
  gs_mp=$(((5 * gs_doy + 2) / 153))
  gs_d=$((gs_doy - (153 * gs_mp + 2) / 5 + 1))
  if [ "$gs_mp" -lt 10 ]; then gs_mo=$((gs_mp + 3)); else gs_mo=$((gs_mp - 9)); fi
  [ "$gs_mo" -le 2 ] && gs_y=$((gs_y + 1))
  gs_pad2 "$gs_mo"
  gs_at="$gs_y-$gs_p"
  gs_pad2 "$gs_d"
  gs_at="$gs_at-${gs_p}T"
  gs_pad2 $((gs_rem / 3600))
  gs_at="$gs_at$gs_p:"
  gs_pad2 $((gs_rem % 3600 / 60))
  gs_at="$gs_at$gs_p:"
  gs_pad2 $((gs_rem % 60))
  gs_at="$gs_at${gs_p}Z"
}

# gs_record_commit [merge]: after a commit (post-commit) or a merge commit (post-merge), record it
# in the sessions this attempt's record names (written by prepare-commit-msg / commit-msg, also
# when nothing was applied: an editor commit with --no-verify still joins its session), and note
# in `committed` the mark it carried and the commit itself, which now holds everything up to that
# mark. One JSON line per session, appended (O_APPEND). No git process in the common case: the
# commit comes from the branch's ref file, its time and author from the GIT_AUTHOR_* variables git
# sets for hooks. A merge's record must come from that merge (its first parent is the HEAD the
# record names); a fast-forward, which runs no commit hooks, never consumes an old record.
gs_record_commit() {
  gs_applied=$gs_git/$gs_w_applied
  [ -s "$gs_applied" ] || return 0
  gs_flag=
  gs_mark=
  gs_base=
  gs_parent=
  gs_first=
  gs_others=
  IFS=' ' read -r gs_flag gs_mark gs_base gs_parent gs_first gs_others <"$gs_applied" || :
  : >"$gs_applied"
  [ -f "$gs_git/$gs_w_message" ] && : >"$gs_git/$gs_w_message"
  gs_replaying && return 0
  case $gs_mark$gs_base in *[!0-9]* | '') return 0 ;; esac
  case $gs_flag in 0 | 1) ;; *) return 0 ;; esac
  if [ "${1-}" = merge ]; then
    gs_line=$(git rev-parse -q --verify HEAD^2 >/dev/null 2>&1 && git rev-parse -q --verify HEAD^1 2>/dev/null) || return 0
    [ "$gs_line" = "$gs_parent" ] || return 0
  fi
  gs_head_sha
  gs_at=
  case ${GIT_AUTHOR_DATE-} in
    @[0-9]*)
      gs_epoch=${GIT_AUTHOR_DATE#@}
      gs_epoch=${gs_epoch%% *}
      case $gs_epoch in *[!0-9]*) ;; *) gs_iso "$gs_epoch" ;; esac
      ;;
  esac
  gs_email=${GIT_AUTHOR_EMAIL-}
  if [ -z "$gs_sha" ] || [ -z "$gs_at" ] || [ -z "$gs_email" ]; then
    gs_info=$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format='%H %cd %ae' HEAD 2>/dev/null) || return 0
    gs_sha=${gs_info%% *}
    gs_info=${gs_info#* }
    gs_at=${gs_info%% *}
    gs_email=${gs_info#* }
  fi
  case $gs_sha in *[!0-9a-f]* | '') return 0 ;; esac
  case $gs_at in ????-??-??T??:??:??Z) ;; *) return 0 ;; esac
  case $gs_email in *[\"\\]*) gs_email=unknown ;; esac
  for gs_s in $gs_first $gs_others; do
    gs_valid_sid "$gs_s" || continue
    [ -d "$gs_store/$gs_s" ] || continue
    gs_journal=$gs_store/$gs_s/$gs_s_journal
    if [ -e "$gs_journal" ] && [ ! -f "$gs_journal" ]; then
      gs_warn_once "$gs_journal is not a file; commit $gs_sha not recorded (run: git session doctor)"
      continue
    fi
    gs_m=
    [ "$gs_s" = "$gs_first" ] && gs_m=",$gs_j_mark$gs_mark,$gs_j_base$gs_base"
    # The redirection's own error goes to /dev/null: our one warning line says it. The format is
    # the contract's (contract.sh).
    # shellcheck disable=SC2059
    if ! printf "$gs_fmt_commit" "$gs_s" "$gs_sha" "$gs_at" "$gs_email" "$gs_s" "$gs_sha" "$gs_m" 2>/dev/null >>"$gs_journal"; then
      gs_warn_once "could not record commit $gs_sha in $gs_journal"
      continue
    fi
    gs_mark_changed
    if [ "$gs_s" = "$gs_first" ]; then
      printf '%s %s\n' "$gs_mark" "$gs_sha" 2>/dev/null >"$gs_store/$gs_s/$gs_s_committed" || :
      [ "$gs_flag" = 1 ] && [ -s "$gs_store/$gs_s/$gs_s_carry" ] && : >"$gs_store/$gs_s/$gs_s_carry"
    fi
  done
  return 0
}


