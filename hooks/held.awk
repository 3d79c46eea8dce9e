# What a branch's history holds of a session (hooks/lib.sh gs_base; src/core/coverage.ts is the
# same in TypeScript). ENVIRON: gs_awk_journal (the session's journal), gs_awk_rewrites (the
# amend/rebase map). With -v mode=oldest: prints the first carrying commit (followed through the
# rewrites). Otherwise: reads on stdin the commits HEAD contains since that commit's parents and
# prints the seq up to which every item is in one of them.
#
# A carrying commit is a `commit.recorded` journal line with a mark (the highest item seq it
# carried) and a base (the seq up to which the history already held everything when it was made;
# records written before `base` existed continue the previous mark): it holds (base, mark]. A line
# is a record only if `"type":"commit.recorded"` appears raw in it, which JSON escaping makes
# impossible inside a string. Run after contract.awk, which names the record's fields.

function carriers(   journal, rewrites, line, p, sha, mark, base, prev, n, guard, lm, ls, lb) {
  journal = ENVIRON["gs_awk_journal"]; rewrites = ENVIRON["gs_awk_rewrites"]
  while ((getline line < rewrites) > 0)
    if (split(line, p, " ") == 2 && p[1] ~ /^[0-9a-f]+$/ && p[2] ~ /^[0-9a-f]+$/) rw[p[1]] = p[2]
  close(rewrites)
  n = 0; prev = 0
  lm = length(MARK_FIELD); ls = length(SHA_FIELD); lb = length(BASE_FIELD)
  while ((getline line < journal) > 0) {
    if (index(line, COMMIT_RECORD) == 0) continue
    if (!match(line, MARK_FIELD "[0-9]+")) continue
    mark = substr(line, RSTART + lm, RLENGTH - lm) + 0
    if (!match(line, SHA_FIELD "\"[0-9a-f]+\"")) continue
    sha = substr(line, RSTART + ls + 1, RLENGTH - ls - 2)
    base = match(line, BASE_FIELD "[0-9]+") ? substr(line, RSTART + lb, RLENGTH - lb) + 0 : prev
    for (guard = 0; (sha in rw) && guard < 100000; guard++) sha = rw[sha]
    n++; csha[n] = sha; cmark[n] = mark; cbase[n] = base
    if (mark > prev) prev = mark
  }
  close(journal)
  return n
}

BEGIN {
  if (mode == "oldest") {
    if (carriers() > 0) print csha[1]
    exit
  }
}

{ onbranch[$0] = 1 }

END {
  if (mode == "oldest") exit
  n = carriers()
  for (i = 1; i <= n; i++)
    if ((csha[i] in onbranch) && cmark[i] > cbase[i] && (!(cbase[i] in top) || cmark[i] > top[cbase[i]]))
      top[cbase[i]] = cmark[i]
  # Everything up to e is held; a commit whose range starts at or below e extends it; a gap stops it.
  e = 0
  for (b = 0; b <= e; b++) if ((b in top) && top[b] > e) e = top[b]
  print e
}
