# Text for people, as src/render/term.ts safeLine shows it, for the names a branch switch prints
# (hooks/lib.sh gs_safe_line, only for text that is not plain ASCII). ENVIRON gs_awk_text: the
# bytes; run under LC_ALL=C after contract.awk (UNSAFE_*: the code points shown as \u{hex}).
# Decodes UTF-8 as Node does (WHATWG: each maximal invalid subpart becomes one U+FFFD), so that
# what is printed is what the CLI prints for the same bytes; a newline is shown as ` ⏎ `, a tab
# as `\t`. Linear in the text.
function unsafe(cp,   i) {
  for (i = 1; i <= UNSAFE_N; i++) if (cp >= UNSAFE_LO[i] && cp <= UNSAFE_HI[i]) return 1
  return 0
}
function put(cp, bytes) {
  if (cp == 10) out = out " \342\217\216 "
  else if (cp == 9) out = out "\\t"
  else if (unsafe(cp)) out = out "\\u{" sprintf("%x", cp) "}"
  else out = out bytes
}
function reset() { need = 0; lo = 128; hi = 191 }
BEGIN {
  for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
  s = ENVIRON["gs_awk_text"]; n = length(s); out = ""; bad = "\357\277\275"
  reset()
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1); b = ord[c]
    if (need == 0) {
      if (b < 128) put(b, c)
      else if (b >= 194 && b <= 223) { need = 1; cp = b - 192; got = 0; seq = c }
      else if (b >= 224 && b <= 239) {
        need = 2; cp = b - 224; got = 0; seq = c
        if (b == 224) lo = 160
        if (b == 237) hi = 159
      } else if (b >= 240 && b <= 244) {
        need = 3; cp = b - 240; got = 0; seq = c
        if (b == 240) lo = 144
        if (b == 244) hi = 143
      } else out = out bad
      continue
    }
    if (b < lo || b > hi) {
      # The sequence ends here: one U+FFFD for it, and this byte starts afresh.
      out = out bad; reset(); i--; continue
    }
    lo = 128; hi = 191; cp = cp * 64 + (b - 128); seq = seq c
    if (++got == need) { put(cp, seq); reset() }
  }
  if (need > 0) out = out bad
  printf "%s", out
}
