# The one pass that gives a message its trailers, in awk (hooks/lib.sh gs_place); linear in everything it
# reads. Input: git's output — the message with a marker line git placed as the last trailer of the
# final trailer block. ENVIRON (gs_awk_*): the original message; the session's plan, its id and
# `base` (what the branch's history holds); the lines a rewrite dropped (carry); the trailer lines
# of squashed commits; extra lines; the attempt's record and the copy of the result to write.
#   What is added: the Session line, the dropped lines, then the planned lines above base — held
#   ones first (older; read only when commits that held them left the branch) — then each squashed
#   session's group (a Session line with a valid id, then its items) and the highest clock the
#   squashed commits claimed. Each once, our keys only.
#   Where: at the marker. The marker's paragraph is the block git chose; a line it holds already is
#   not added again (once per copy: amending adds nothing twice, two equal entries stay two). Every
#   byte of the message stays the user's own: the block is taken from the message, not from git's
#   reprint of it (which turns `Key:value` into `Key: value` and drops CRs and comment lines).
# Writes the copy in full first, then the message itself (so a failed write leaves a complete copy).
# Exit: 0 written, 4 nothing to add (message untouched), 5 git missed the scissors line of a verbose
# message (its comment character is in the copy file: place again with it), other: failure.
# Run after contract.awk, which names the keys, the plan file's words and the session id check.
function ours(t) { return t ~ OUR_LINE }
function valid(v) { return v ~ SID_RE }
function want(t) { W[++n] = t }
function emit(t) { R[++nr] = t }
BEGIN {
  L = 0; f = ENVIRON["gs_awk_msg"]
  while ((getline line < f) > 0) O[++L] = line
  close(f)
  sid = ENVIRON["gs_awk_sid"]; base = ENVIRON["gs_awk_base"] + 0; mark = base; group = ""; sids = ""
  session_line = K_SESSION ": "; claim_digits = length(CLOCK_PREFIX) + 1
  f = ENVIRON["gs_awk_plan"]
  if (f != "" && sid != "") {
    if ((getline line < f) <= 0 || line != TRAILERS_HEADER " " sid) bad = 1
    held = 0
    while (!bad && (getline line < f) > 0) {
      sp = index(line, " "); if (sp < 2) continue
      seq = substr(line, 1, sp - 1); t = substr(line, sp + 1)
      if (seq == PLAN_HELD) { if (base >= t + 0) break; held = 1; continue }
      if (seq == PLAN_ALWAYS) { if (t == session_line sid) session = 1; continue }
      if (seq !~ /^[0-9]+$/ || seq + 0 <= base || !ours(t)) continue
      if (seq + 0 > mark) mark = seq + 0
      if (held) H[++nh] = t; else P[++np] = t
    }
    close(f)
    if (bad) exit 7
  }
  if (session) {
    want(session_line sid); group = sid; sids = sid
    f = ENVIRON["gs_awk_carry"]
    if (f != "") while ((getline line < f) > 0) if (ours(line) && !(line in seen)) { seen[line] = 1; want(line) }
    close(f)
    for (i = 1; i <= nh; i++) if (!(H[i] in seen)) want(H[i])
    for (i = 1; i <= np; i++) if (!(P[i] in seen)) want(P[i])
  }
  f = ENVIRON["gs_awk_squash"]
  if (f != "") {
    while ((getline line < f) > 0) {
      if (index(line, K_SESSION ":") == 1) {
        v = substr(line, length(K_SESSION) + 2); sub(/^ /, "", v); ok = valid(v)
        if (!ok) continue
        if (index(" " sids " ", " " v " ") == 0) sids = sids (sids == "" ? "" : " ") v
        # Consecutive commits of one session: one group under one Session line.
        if (v != group) want(line)
        group = v
      } else if (ok && index(line, CLOCK_PREFIX) == 1 && substr(line, claim_digits) ~ /^[1-9][0-9]*$/) {
        # Each squashed commit's clock claim: the squash claims the highest valid one, once (a
        # claim is the whole commit's; docs/trailers.md).
        c = substr(line, claim_digits) + 0
        if (length(line) < claim_digits + 16 && c <= MAX_CLOCK_CLAIM && c > claim) { claim = c; claimed = line }
      } else if (ok && ours(line)) want(line)
    }
    close(f)
    if (claimed != "") want(claimed)
  }
  f = ENVIRON["gs_awk_lines"]
  if (f != "") { while ((getline line < f) > 0) want(line); close(f) }
  if (n == 0) exit 4
}
{ G[++m] = $0 }
END {
  if (n == 0 || bad) exit (bad ? 7 : 4)
  msg = ENVIRON["gs_awk_msg"]; copy = ENVIRON["gs_awk_copy"]; rec = ENVIRON["gs_awk_record"]
  place = ENVIRON["gs_awk_place"]
  k = 0
  for (i = m; i >= 1; i--) if (index(G[i], PLACE_KEY) == 1 && index(G[i], place) > 0) { k = i; break }
  if (k == 0) exit 3
  # A verbose message whose scissors line git did not take for one (core.commentChar=auto): the
  # marker went below it, into what git cuts off. Say which character to place again with.
  for (i = 1; i < k; i++)
    if (G[i] ~ /^[#;@!$%^&|:] ------------------------ >8 ------------------------$/ && substr(G[i + 1], 1, 1) == substr(G[i], 1, 1)) {
      printf "%s\n", substr(G[i], 1, 1) > copy; close(copy); exit 5
    }
  # The block git chose is the marker's paragraph: ours already there are not added again.
  for (p = k; p > 1 && G[p - 1] !~ /^[ \t\r\f\v]*$/; p--) have[G[p - 1]]++
  # The marker in the first paragraph (no blank line before it): the message had no final newline
  # and git glued it to the subject, which is never a trailer block. The lines get a paragraph of
  # their own.
  glued = (p == 1)
  if (glued) split("", have)
  # git writes what precedes the block and what follows it (comments, blank lines, the scissors) as
  # they were, and reprints the block itself (it may drop lines of it, never add one): the user's
  # lines are O[1..a], the last of them where git put the marker. A new block comes after a blank
  # line git adds; an existing one gets our lines right after its last line.
  r = m - k; a = L - r
  ok = a >= 0
  for (i = 1; ok && i <= r; i++) if (O[a + i] != G[k + i]) ok = 0
  blank = (k - 1 == a + 1 && G[k - 1] == "")
  if (blank) for (i = 1; ok && i <= a; i++) { if (O[i] != G[i]) ok = 0 }
  else ok = ok && k - 1 <= a
  # Blank lines that end the message are no continuation of its last trailer: git drops them, and
  # ours go before them, where git puts its marker.
  cut = a
  if (ok && !blank && G[k - 1] !~ /^[ \t\r\f\v]*$/) while (cut > 0 && O[cut] ~ /^[ \t\r\f\v]*$/) cut--
  if (ok) { for (i = 1; i <= cut; i++) emit(O[i]); if (blank) emit("") }
  else for (i = 1; i < k; i++) emit(G[i])
  if (glued) emit("")
  added = 0
  for (j = 1; j <= n; j++) {
    if (have[W[j]] > 0) { have[W[j]]--; continue }
    emit(W[j]); A[++added] = W[j]
  }
  if (ok) for (i = cut + 1; i <= a; i++) emit(O[i])
  for (i = k + 1; i <= m; i++) emit(G[i])
  if (rec != "") {
    printf "1 %d %d %s %s %s\n", mark, base, ENVIRON["gs_awk_head"], (session ? sid : "-"), (session ? substr(sids, length(sid) + 2) : sids) > rec
    for (j = 1; j <= added; j++) print A[j] > rec
    if (close(rec) != 0) exit 2
  }
  if (added == 0) {
    # Nothing to add: the message stays as it is; the copy only when it is that message.
    if (!ok || glued || blank) exit 4
    for (i = 1; i <= L; i++) print O[i] > copy
    if (close(copy) != 0) exit 4
    exit 0
  }
  for (i = 1; i <= nr; i++) print R[i] > copy
  if (close(copy) != 0) exit 2
  for (i = 1; i <= nr; i++) print R[i] > msg
  if (close(msg) != 0) exit 6
  exit 0
}
