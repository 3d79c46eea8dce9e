# git-session hook library (POSIX sh), sourced by the hook scripts next to it.
#
# The commit path never starts Node: these functions read the store the CLI keeps precomputed
# (docs/storage.md) with shell builtins, and call git itself only where git must do the work.
# Everything fails open: a problem prints one `git-session:` line and the git command goes on.
# Nothing read from the repository or the store is ever evaluated as shell code.
#
# shellcheck disable=SC2034 # the gs_* variables set here are read by the hook scripts sourcing this file

gs_warn() {
  printf 'git-session: %s\n' "$*" >&2
}

# gs_warn_once MESSAGE: warn unless a hook of this commit attempt already did (prepare-commit-msg
# starts each attempt afresh), so one problem is one line, not one per hook.
gs_warn_once() {
  [ -s "$gs_git/git-session-warned" ] && return 0
  gs_warn "$*"
  printf '1\n' >"$gs_git/git-session-warned" 2>/dev/null || :
}

# gs_begin: common start of every hook. Returns 1 when the hook has nothing to do.
gs_begin() {
  # husky runs hooks with `sh -e`; our failures are handled, never fatal.
  set +e
  [ "${GIT_SESSION-}" = 0 ] && return 1
  [ "${GIT_SESSION_DEBUG-}" = 1 ] && set -x
  gs_locate || return 1
  [ -f "$gs_store/format" ] || return 1
  return 0
}

# gs_locate: this worktree's git dir (gs_git), the common dir (gs_common) and the store (gs_store),
# found with builtins only. Hooks run at the top of the worktree; git sets GIT_DIR in linked ones.
gs_locate() {
  if [ -n "${GIT_DIR-}" ]; then
    gs_git=$GIT_DIR
  elif [ -d .git ]; then
    gs_git=.git
  elif [ -f .git ]; then
    IFS= read -r gs_line <.git || return 1
    gs_git=${gs_line#gitdir: }
  else
    return 1
  fi
  case $gs_git in /*) ;; *) gs_git=$PWD/$gs_git ;; esac
  gs_common=$gs_git
  if [ -f "$gs_git/commondir" ]; then
    IFS= read -r gs_line <"$gs_git/commondir" || return 1
    case $gs_line in /*) gs_common=$gs_line ;; *) gs_common=$gs_git/$gs_line ;; esac
  fi
  gs_store=$gs_common/sessions
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
  case $1 in '' | /* | *..* | *//* | -*) return 0 ;; esac
  [ -f "$gs_store/branches/$1" ] || return 0
  IFS= read -r gs_sid <"$gs_store/branches/$1" || :
  gs_valid_sid "$gs_sid" || gs_sid=
}

gs_valid_sid() {
  case $1 in
    ????????-????-????-????-????????????) ;;
    *) return 1 ;;
  esac
  case $1 in *[!0-9a-f-]*) return 1 ;; esac
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
  gs_cc='#'
  gs_last=
  while IFS= read -r gs_line || [ -n "$gs_line" ]; do
    case $gs_line in
      ?" ------------------------ >8 ------------------------")
        gs_cc=${gs_line%"${gs_line#?}"}
        return 0
        ;;
      *[![:space:]]*) gs_last=$gs_line ;;
    esac
  done <"$1"
  case $gs_last in ['#;@!$%^&|:']*) gs_cc=${gs_last%"${gs_last#?}"} ;; esac
  return 0
}

# gs_message_state FILE: does the message have text of its own (gs_text=1) besides comments, blank
# lines and session trailers; does it hold session trailers (gs_ours=1); does it end with a newline
# (gs_eol=1); the comment character of a scissors line (gs_scissors), where reading stops as git's
# own cleanup does; and the first character of every line (gs_starts).
gs_message_state() {
  gs_text=0
  gs_ours=0
  gs_eol=1
  gs_scissors=
  gs_starts=
  while IFS= read -r gs_line || { [ -n "$gs_line" ] && gs_eol=0; }; do
    gs_starts=$gs_starts${gs_line%"${gs_line#?}"}
    case $gs_line in
      ?" ------------------------ >8 ------------------------")
        gs_scissors=${gs_line%"${gs_line#?}"}
        break
        ;;
    esac
    case $gs_line in
      "$gs_cc"*) ;;
      Session:* | Session-*:* | Decisions:*) gs_ours=1 ;;
      *[![:space:]]*) gs_text=1 ;;
    esac
    [ "$gs_eol" = 0 ] && break
  done <"$1"
}

# gs_apply FILE: add to the message in FILE the trailers of session gs_sid that no commit has
# carried yet (precomputed by the CLI, filtered by the committed mark), items a rewrite dropped
# (carry), and — for `git merge --squash` — the session items of the squashed commits. git places
# them: interpret-trailers with explicit --where/--if-exists/--if-missing, so trailer.* settings
# cannot change the result. Records what was applied, for post-commit.
gs_apply() {
  gs_file=$1
  set --
  gs_mark=0
  gs_sids=
  if [ -n "$gs_sid" ]; then
    gs_dir_s=$gs_store/$gs_sid
    if [ ! -f "$gs_dir_s/trailers" ]; then
      gs_warn_once "no trailers file in $gs_dir_s; commit left without session trailers (run: git session doctor)"
      return 0
    fi
    gs_committed=0
    if [ -f "$gs_dir_s/committed" ]; then IFS= read -r gs_committed <"$gs_dir_s/committed" || :; fi
    case $gs_committed in '' | *[!0-9]*) gs_committed=0 ;; esac
    gs_mark=$gs_committed
    gs_header=
    {
      IFS= read -r gs_header || :
      if [ "$gs_header" = "git-session-trailers 1 $gs_sid" ]; then
        while IFS= read -r gs_line; do
          gs_seq=${gs_line%% *}
          case $gs_seq in
            always) ;;
            '' | *[!0-9]*) continue ;;
            *)
              [ "$gs_seq" -gt "$gs_committed" ] || continue
              [ "$gs_seq" -gt "$gs_mark" ] && gs_mark=$gs_seq
              ;;
          esac
          set -- "$@" --trailer "${gs_line#* }"
          # Items a rewrite (commit --amend -m, rebase -i squash) dropped from history ride along
          # again, right after the Session line: they are older than the pending items that follow.
          case ${gs_line#* } in
            "Session: "*)
              if [ -f "$gs_dir_s/carry" ]; then
                while IFS= read -r gs_c <&3; do
                  case $gs_c in Session-*:* | Decisions:*) set -- "$@" --trailer "$gs_c" ;; esac
                done 3<"$gs_dir_s/carry"
              fi
              ;;
          esac
        done
      fi
    } <"$gs_dir_s/trailers"
    if [ "$gs_header" != "git-session-trailers 1 $gs_sid" ]; then
      gs_warn_once "$gs_dir_s/trailers is damaged; commit left without session trailers (run: git session doctor)"
      return 0
    fi
    gs_sids=$gs_sid
  fi
  if [ -f "$gs_git/SQUASH_MSG" ]; then
    # git merge --squash: SQUASH_MSG lists the squashed commits ("commit <sha>", newest first).
    gs_shas=
    while IFS= read -r gs_line; do
      case $gs_line in "commit "*) gs_shas="${gs_line#commit } $gs_shas" ;; esac
    done <"$gs_git/SQUASH_MSG"
    gs_items=
    if [ -n "$gs_shas" ]; then
      # shellcheck disable=SC2086 # a list of hex object names, split on purpose
      gs_items=$(git log --no-walk=unsorted \
        --format='%(trailers:key=Session,key=Session-Info,key=Session-Objectives,key=Decisions,key=Session-Blockers,key=Session-Log,key=Session-Checkpoint,unfold)' \
        $gs_shas 2>/dev/null) || gs_items=
    fi
    while IFS= read -r gs_line; do
      case $gs_line in
        Session:*)
          gs_s=${gs_line#Session:}
          gs_s=${gs_s# }
          gs_valid_sid "$gs_s" || continue
          case " $gs_sids " in *" $gs_s "*) ;; *) gs_sids="$gs_sids $gs_s" ;; esac
          ;;
        Session-*:* | Decisions:*) ;;
        *) continue ;;
      esac
      set -- "$@" --trailer "$gs_line"
    done <<GS_ITEMS
$gs_items
GS_ITEMS
  fi
  [ "$#" -gt 0 ] || return 0
  # A message without a final newline (MERGE_MSG) would get the trailers glued into its subject.
  [ "${gs_eol-1}" = 0 ] && printf '\n' >>"$gs_file"
  # Only commit-msg knows the comment character of an `auto` message; elsewhere git reads its config.
  # --where/--if-exists/--if-missing apply to the --trailer options after them.
  set -- interpret-trailers --in-place --no-divider --where end --if-exists addIfDifferent --if-missing add "$@" "$gs_file"
  [ -n "${gs_cc_message-}" ] && set -- -c "core.commentChar=$gs_cc_message" "$@"
  if git "$@"; then
    printf '%s %s\n' "$gs_mark" "${gs_sid:--}${gs_sids#"$gs_sid"}" >"$gs_git/git-session-applied"
  else
    gs_warn_once "could not add session trailers; the commit goes on without them"
  fi
  return 0
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

# gs_record_commit: after a commit (post-commit) or a merge commit (post-merge), record it in the
# sessions prepare-commit-msg / commit-msg gave trailers for in this attempt, and move the committed
# mark so the next commit carries only newer items. One JSON line per session, appended (O_APPEND).
# No git process in the common case: the commit comes from the branch's ref file, its time and
# author from the GIT_AUTHOR_* variables git sets for hooks.
gs_record_commit() {
  gs_applied=$gs_git/git-session-applied
  [ -s "$gs_applied" ] || return 0
  gs_mark=
  gs_first=
  gs_others=
  IFS=' ' read -r gs_mark gs_first gs_others <"$gs_applied" || :
  : >"$gs_applied"
  gs_rebasing && return 0
  case $gs_mark in '' | *[!0-9]*) return 0 ;; esac
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
    gs_journal=$gs_store/$gs_s/events.jsonl
    if [ -e "$gs_journal" ] && [ ! -f "$gs_journal" ]; then
      gs_warn_once "$gs_journal is not a file; commit $gs_sha not recorded (run: git session doctor)"
      continue
    fi
    gs_m=
    [ "$gs_s" = "$gs_first" ] && gs_m=",\"mark\":$gs_mark"
    # The redirection's own error goes to /dev/null: our one warning line says it.
    if ! printf '{"v":1,"id":"commit:%s:%s","type":"commit.recorded","at":"%s","author":"%s","session":"%s","sha":"%s"%s}\n' \
      "$gs_s" "$gs_sha" "$gs_at" "$gs_email" "$gs_s" "$gs_sha" "$gs_m" 2>/dev/null >>"$gs_journal"; then
      gs_warn_once "could not record commit $gs_sha in $gs_journal"
      continue
    fi
    if [ "$gs_s" = "$gs_first" ]; then
      printf '%s\n' "$gs_mark" 2>/dev/null >"$gs_store/$gs_s/committed" || :
      [ -s "$gs_store/$gs_s/carry" ] && : >"$gs_store/$gs_s/carry"
    fi
  done
  return 0
}
