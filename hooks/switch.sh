# shellcheck shell=sh disable=SC2154 # the contract (contract.sh) and lib.sh are sourced before this file
# git-session branch switches (POSIX sh), sourced by post-checkout after lib.sh.
#
# A switch that changes which session the worktree is in pauses the session left and resumes the
# one entered with builtins: the CLI keeps a `switch` file per session (its status, the lines a
# switch prints, the brief), written whenever the session changes; the hook appends its events to
# the journal (one write each, O_APPEND) and the status it leaves to `switched`, naming the
# `switch` file it applies to by its token (docs/storage.md, "switch"). One process (git, for the
# author and the time) and only when a session's status changes; none for the brief.

# Printable ASCII: text of these characters alone is printed as it is.
gs_printable=' !"#$%&'\''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'

# gs_safe_line TEXT: TEXT as the CLI shows it to people (gs_safe; src/render/term.ts safeLine):
# plain printable ASCII as it is, anything else through safe.awk (one process, for names with
# other characters). Returns 1 when awk fails.
gs_safe_line() {
  case $1 in
    *[!"$gs_printable"]*)
      gs_safe=$(gs_awk_text=$1 LC_ALL=C awk -f "$gs_dir/contract.awk" -f "$gs_dir/safe.awk" 2>/dev/null) || return 1
      ;;
    *) gs_safe=$1 ;;
  esac
  return 0
}

# gs_json_string TEXT: TEXT as the inside of a JSON string (gs_json): `\` and `"` escaped. Returns 1
# for text with a control character (never in a branch name: git refuses them).
gs_json_string() {
  gs_json=
  gs_rest=$1
  case $gs_rest in *[[:cntrl:]]*) return 1 ;; esac
  while :; do
    case $gs_rest in *[\\\"]*) ;; *) break ;; esac
    gs_head=${gs_rest%%[\\\"]*}
    gs_rest=${gs_rest#"$gs_head"}
    gs_json=$gs_json$gs_head\\${gs_rest%"${gs_rest#?}"}
    gs_rest=${gs_rest#?}
  done
  gs_json=$gs_json$gs_rest
  return 0
}

# gs_switch_read SID [brief]: session SID's `switch` file and the `switched` records that name it:
# gs_tok, gs_st (the status now), gs_note (the latest pause note, as printed), gs_left_line (what
# leaving it prints), gs_ended (what entering it prints when it has ended); with `brief`, the brief
# in the colour wanted (gs_before, then the note line when gs_slot, then gs_after). Returns 1 when
# the CLI must make the switch: no such file (a store of an older version, a session known only
# from history), another format, the `stale` marker (a command was stopped between its journal
# append and rewriting the file, or is between them now), a `switched` file that is not what the
# hooks write.
gs_switch_read() {
  gs_dir_s=$gs_store/$1
  gs_snap=$gs_dir_s/$gs_s_switchState
  [ -f "$gs_snap" ] && [ ! -e "$gs_dir_s/$gs_s_stale" ] || return 1
  gs_tok=
  gs_st=
  gs_note=
  gs_left_line=
  gs_ended=
  gs_before=
  gs_slot=
  gs_prefix=
  gs_after=
  if [ "$gs_color" = 1 ]; then
    gs_want=$gs_r_color gs_want_note=$gs_r_colorNote gs_left_rec=$gs_r_leftColor
  else
    gs_want=$gs_r_plain gs_want_note=$gs_r_plainNote gs_left_rec=$gs_r_left
  fi
  {
    IFS= read -r gs_line || return 1
    gs_tok=${gs_line#"$gs_switch_header $1 "}
    [ "$gs_tok" != "$gs_line" ] || return 1
    while IFS= read -r gs_line; do
      gs_rec=${gs_line%% *}
      gs_val=${gs_line#* }
      [ "$gs_rec" = "$gs_line" ] && gs_val=
      case $gs_rec in
        "$gs_r_status") gs_st=$gs_val ;;
        "$gs_r_note") gs_note=$gs_val ;;
        "$gs_left_rec") gs_left_line=$gs_val ;;
        "$gs_r_ended") gs_ended=$gs_val ;;
        "$gs_want")
          [ "${2-}" = brief ] || break
          if [ -n "$gs_slot" ]; then gs_after=$gs_after$gs_val$gs_nl; else gs_before=$gs_before$gs_val$gs_nl; fi
          ;;
        "$gs_want_note")
          [ "${2-}" = brief ] || break
          gs_slot=1
          gs_prefix=$gs_val
          ;;
        "$gs_r_seen") break ;;
        "$gs_r_left" | "$gs_r_leftColor") ;;
        # The other colour's brief: skipped, or the end of ours.
        *) [ -z "$gs_before" ] || break ;;
      esac
    done
  } <"$gs_snap"
  case $gs_tok in '' | *[!0-9a-f]*) return 1 ;; esac
  case $gs_st in "$gs_st_active" | "$gs_st_paused" | "$gs_st_completed" | "$gs_st_abandoned") ;; *) return 1 ;; esac
  [ -n "$gs_left_line" ] || return 1
  gs_n=0
  if [ -f "$gs_dir_s/$gs_s_switched" ]; then
    while IFS= read -r gs_line; do
      gs_n=$((gs_n + 1))
      [ "$gs_n" -le "$gs_max_switched" ] || return 1
      case $gs_line in "$gs_tok "*) ;; *) continue ;; esac
      gs_line=${gs_line#"$gs_tok "}
      # As the fold applies them (src/core/fold.ts): a pause or resume leaves an ended session ended.
      case $gs_line in
        "$gs_r_status $gs_st_paused")
          case $gs_st in "$gs_st_active" | "$gs_st_paused") gs_st=$gs_st_paused ;; esac
          ;;
        "$gs_r_status $gs_st_active")
          case $gs_st in "$gs_st_completed" | "$gs_st_abandoned") ;; *) gs_st=$gs_st_active ;; esac
          ;;
        "$gs_r_note "*) gs_note=${gs_line#"$gs_r_note "} ;;
      esac
    done <"$gs_dir_s/$gs_s_switched"
  fi
  return 0
}

# gs_event_context: what a switch event carries — the time (gs_at) and the author (gs_email,
# JSON-escaped in gs_author) from one `git var GIT_AUTHOR_IDENT`: the author a commit made now would
# have, which is the CLI's (GIT_AUTHOR_EMAIL, else user.email); else the time from `date` and
# user.email or `unknown` — and this clone's machine id (gs_machine, or empty). Returns 1 without a
# usable time.
gs_event_context() {
  gs_at=
  gs_email=
  if gs_ident=$(git var GIT_AUTHOR_IDENT 2>/dev/null); then
    gs_rest=${gs_ident##*<}
    gs_email=${gs_rest%%>*}
    gs_rest=${gs_rest#*> }
    gs_epoch=${gs_rest%% *}
    case $gs_epoch in '' | *[!0-9]*) ;; *) gs_iso "$gs_epoch" ;; esac
  fi
  if [ -z "$gs_at" ]; then
    gs_at=$(date -u +%Y-%m-%dT%H:%M:%SZ 2>/dev/null) || return 1
    gs_email=${GIT_AUTHOR_EMAIL-}
    if [ -z "$gs_email" ]; then gs_email=$(git config --get user.email 2>/dev/null) || gs_email=; fi
  fi
  case $gs_at in ????-??-??T??:??:??Z) ;; *) return 1 ;; esac
  [ -n "$gs_email" ] || gs_email=unknown
  gs_json_string "$gs_email" || gs_json=unknown
  gs_author=$gs_json
  gs_machine=
  if [ -f "$gs_store/$gs_f_machine" ]; then IFS= read -r gs_machine <"$gs_store/$gs_f_machine" || gs_machine=; fi
  case $gs_machine in *[!0-9a-f]*) gs_machine= ;; esac
  [ "${#gs_machine}" = "$gs_machine_length" ] || gs_machine=
  return 0
}

# gs_new_id: a new event id's unique part (gs_id): the kernel's random UUID where there is one,
# else this clone's machine id, the time, the pid and a counter.
gs_new_id() {
  gs_id=
  if [ -r /proc/sys/kernel/random/uuid ]; then IFS= read -r gs_id </proc/sys/kernel/random/uuid || gs_id=; fi
  case $gs_id in ????????-????-????-????-????????????) ;; *) gs_id= ;; esac
  case $gs_id in *[!0-9a-f-]*) gs_id= ;; esac
  if [ -z "$gs_id" ]; then
    gs_idn=$((${gs_idn:-0} + 1))
    gs_id=${gs_machine:-local}-$gs_at-$$-$gs_idn
  fi
}

# gs_switch_event SID TYPE EXTRA TOKEN STATE: append a TYPE event (EXTRA: more JSON fields) to
# session SID's journal, then write STATE — the `switched` lines for the status and note the
# session has now, without their token — under TOKEN, the token of the `switch` file read (one
# write, replacing what was there: only the latest state counts, so the file stays two lines). If
# the `switch` file was rewritten meanwhile and does not list the event as included (`seen`), the
# state goes under its new token: what the hook did is never lost to a CLI writing at the same
# time, nor applied over what the CLI wrote after it.
gs_switch_event() {
  gs_new_id
  gs_mpart=
  [ -n "$gs_machine" ] && gs_mpart="$gs_j_machine\"$gs_machine\""
  gs_journal=$gs_store/$1/$gs_s_journal
  if [ -e "$gs_journal" ] && [ ! -f "$gs_journal" ]; then
    gs_warn "$gs_journal is not a file; the session context was not switched (run: git session doctor)"
    return 1
  fi
  # The format is the contract's (contract.sh).
  # shellcheck disable=SC2059
  if ! printf "$gs_fmt_switch" "$gs_id" "$2" "$gs_at" "$gs_author" "$1" "$3" "$gs_mpart" 2>/dev/null >>"$gs_journal"; then
    gs_warn "could not write to $gs_journal; the session context was not switched"
    return 1
  fi
  gs_mark_changed
  gs_state=$5
  gs_switched=$gs_store/$1/$gs_s_switched
  gs_put_state "$4"
  gs_line=
  IFS= read -r gs_line <"$gs_store/$1/$gs_s_switchState" || :
  gs_tok2=${gs_line#"$gs_switch_header $1 "}
  if [ "$gs_tok2" = "$gs_line" ] || [ "$gs_tok2" = "$4" ]; then return 0; fi
  # Rewritten: unless the new file includes the event (`seen`), the state applies to it too.
  while IFS= read -r gs_line; do
    [ "$gs_line" = "$gs_r_seen $gs_id_switch$gs_id" ] && return 0
  done <"$gs_store/$1/$gs_s_switchState"
  gs_put_state "$gs_tok2"
  return 0
}

# gs_put_state TOKEN: gs_state (lines) into gs_switched, each after TOKEN, in one write.
gs_put_state() {
  gs_put=
  gs_rest=$gs_state
  while [ -n "$gs_rest" ]; do
    gs_put=$gs_put$1' '${gs_rest%%"$gs_nl"*}$gs_nl
    case $gs_rest in *"$gs_nl"*) gs_rest=${gs_rest#*"$gs_nl"} ;; *) gs_rest= ;; esac
  done
  printf '%s' "$gs_put" 2>/dev/null >"$gs_switched" || :
}

# gs_switch: the switch from session gs_left (or none) to gs_sid (or none) with builtins: pause
# the one left if it is active, resume the one entered if it is paused (each once, as
# src/app/lifecycle.ts enter() does), note the session now current in this worktree, and print
# what the CLI prints — a line for the session left, the brief of the one entered. Returns 1,
# having changed nothing, when the CLI must make the switch; 2 when it failed half-way (warned).
gs_switch() {
  gs_nl='
'
  gs_sp=' '
  gs_color=0
  gs_color_wanted && gs_color=1
  gs_pause=
  gs_resume=
  if [ -n "$gs_left" ] && [ -d "$gs_store/$gs_left" ]; then
    gs_switch_read "$gs_left" || return 1
    if [ "$gs_st" = "$gs_st_active" ]; then
      gs_pause=$gs_tok
      gs_left_print=$gs_left_line
    fi
  fi
  if [ -n "$gs_sid" ]; then
    gs_switch_read "$gs_sid" brief || return 1
    [ "$gs_st" = "$gs_st_paused" ] && gs_resume=$gs_tok
  fi
  if [ -n "$gs_pause$gs_resume" ]; then
    gs_event_context || return 1
  fi
  gs_entered_print=
  if [ -n "$gs_sid" ]; then
    case $gs_st in
      "$gs_st_completed" | "$gs_st_abandoned")
        gs_safe_line "$gs_b" || return 1
        gs_entered_print=${gs_ended%%"$gs_ended_branch"*}$gs_safe${gs_ended#*"$gs_ended_branch"}$gs_nl
        ;;
      *)
        gs_entered_print=$gs_before
        [ -n "$gs_slot" ] && [ -n "$gs_note" ] && gs_entered_print=$gs_entered_print$gs_prefix$gs_note$gs_nl
        gs_entered_print=$gs_entered_print$gs_after
        ;;
    esac
  fi
  if [ -n "$gs_pause" ]; then
    # The note says where the worktree went (src/app/lifecycle.ts enter()).
    if [ -n "$gs_b" ]; then gs_text=$gs_note_to$gs_b; else gs_text=$gs_note_detached; fi
    # A journal line is one printf, one write: a branch name of kilobytes (git allows them) is
    # left to the CLI.
    [ "${#gs_text}" -le 1024 ] || return 1
    gs_json_string "$gs_text" || return 1
    gs_safe_line "$gs_text" || return 1
    gs_switch_event "$gs_left" "$gs_type_paused" "$gs_j_note\"$gs_json\"" "$gs_pause" \
      "$gs_r_status $gs_st_paused$gs_nl$gs_r_note $gs_safe" || return 2
  fi
  if [ -n "$gs_resume" ]; then
    gs_state="$gs_r_status $gs_st_active"
    [ -n "$gs_note" ] && gs_state=$gs_state$gs_nl$gs_r_note$gs_sp$gs_note
    gs_switch_event "$gs_sid" "$gs_type_resumed" "" "$gs_resume" "$gs_state" || return 2
  fi
  if [ -n "$gs_sid" ]; then
    printf '%s\n' "$gs_sid" 2>/dev/null >"$gs_git/$gs_w_current" || gs_warn "could not write $gs_git/$gs_w_current"
  else
    : 2>/dev/null >"$gs_git/$gs_w_current" || gs_warn "could not write $gs_git/$gs_w_current"
  fi
  [ -n "$gs_pause" ] && printf '%s\n' "$gs_left_print" >&2
  printf '%s' "$gs_entered_print" >&2
  return 0
}

# gs_switch_by_cli: the switch made by the CLI (`git-session hook post-checkout`), for what the
# builtins cannot do alone (see gs_switch_read).
gs_switch_by_cli() {
  if [ -z "${gs_email-}" ]; then
    gs_email=${GIT_AUTHOR_EMAIL-}
    if [ -z "$gs_email" ]; then gs_email=$(git config --get user.email 2>/dev/null) || gs_email=; fi
  fi
  gs_node_run "$gs_c_postCheckout"
  case $? in
    0) ;;
    127) gs_warn "git-session is not on PATH; the session context was not switched (git session resume does it)" ;;
    *) gs_warn "could not switch the session context" ;;
  esac
}

# gs_switch_background: what only the CLI writes after a switch (SESSION.md, when the config keeps
# one: the store's session-file marker), in the background — detached, its output in the store's
# background.log — so that the checkout never waits for Node.
gs_switch_background() {
  [ -f "$gs_store/$gs_f_sessionFile" ] || return 0
  if ! gs_node_find; then
    gs_warn "git-session is not on PATH; SESSION.md was not updated"
    return 0
  fi
  gs_log=$gs_store/$gs_f_backgroundLog
  if [ -n "$gs_node" ]; then
    (gs_hook_env "$gs_node" "$gs_cli" hook "$gs_c_switched" </dev/null >"$gs_log" 2>&1 &)
  else
    (gs_hook_env git-session hook "$gs_c_switched" </dev/null >"$gs_log" 2>&1 &)
  fi
  return 0
}
