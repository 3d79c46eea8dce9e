// What git prints, read: pure functions from a command's output to values, each tested on output
// captured from real git runs (test/git/parse.test.ts). The queries that produce the output are in
// the other modules of this folder.

/** git's first real error line, without its `fatal:`/`error:` and without hints. */
export function firstGitMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'));
  const fatal = lines.find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? lines[0] ?? '').replace(/^(fatal|error): /, '');
}

/** Non-empty lines. */
export const lines = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '');

/** Non-empty fields of `-z` output. */
export const nulFields = (stdout: string): string[] => stdout.split('\0').filter((f) => f !== '');

/** `git worktree list --porcelain`: each checked-out branch and the worktree it is checked out in. */
export function parseWorktreeList(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let path = '';
  for (const line of stdout.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice(9);
    else if (line.startsWith('branch refs/heads/')) out.set(line.slice('branch refs/heads/'.length), path);
  }
  return out;
}

export interface CommitInfo {
  sha: string;
  subject: string;
  author: string;
  at: string;
  files: string[];
}

export const COMMIT_INFO_FORMAT = '%x1e%H%x1f%s%x1f%ae%x1f%aI';

/** `git log -z --name-only --format=COMMIT_INFO_FORMAT`: subject, author, time and files of each commit. */
export function parseCommitInfo(stdout: string): Map<string, CommitInfo> {
  const out = new Map<string, CommitInfo>();
  for (const record of stdout.split('\x1e')) {
    if (record === '') continue;
    const cut = record.indexOf('\n');
    const head = cut < 0 ? record : record.slice(0, cut);
    const rest = cut < 0 ? '' : record.slice(cut + 1);
    const [sha, subject, author, at] = head.split('\x1f');
    if (!sha || subject === undefined || author === undefined || !at) continue;
    const files = rest
      .split('\0')
      .map((f) => f.replace(/^\n/, ''))
      .filter((f) => f !== '');
    out.set(sha, { sha, subject, author, at: new Date(at).toISOString(), files });
  }
  return out;
}

export interface AddedLine {
  sha: string;
  file: string;
  line: number;
  text: string;
}

/**
 * `git log -p -U0 --format=%x1e%H`: the lines the commits added that match `pattern`, with file
 * and line number in the commit that added them, the first `limit` of them.
 */
export function parseAddedLines(stdout: string, pattern: RegExp, limit: number): AddedLine[] {
  const out: AddedLine[] = [];
  let sha = '';
  let file = '';
  let line = 0;
  for (const raw of stdout.split('\n')) {
    if (raw.startsWith('\x1e')) {
      sha = raw.slice(1);
      file = '';
    } else if (raw.startsWith('+++ ')) {
      file = raw.startsWith('+++ b/') ? raw.slice(6) : '';
    } else if (raw.startsWith('@@')) {
      const m = /\+(\d+)/.exec(raw);
      line = m ? Number(m[1]) : 0;
    } else if (raw.startsWith('+') && file) {
      const text = raw.slice(1);
      if (pattern.test(text)) {
        out.push({ sha, file, line, text: text.trim().slice(0, 200) });
        if (out.length >= limit) return out;
      }
      line++;
    }
  }
  return out;
}

export type StatusKind = 'modified' | 'added' | 'deleted' | 'renamed' | 'untracked' | 'conflicted';

/** `git status --porcelain=v1 -z`: one entry per path (a rename gives its new path). */
export function parsePorcelainStatus(stdout: string): { path: string; status: StatusKind }[] {
  const out: { path: string; status: StatusKind }[] = [];
  const parts = stdout.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const path = entry.slice(3);
    let status: StatusKind = 'modified';
    if (xy === '??') status = 'untracked';
    else if (xy.includes('U') || xy === 'AA' || xy === 'DD') status = 'conflicted';
    else if (xy.includes('R')) {
      status = 'renamed';
      i++; // the next field is the old path
    } else if (xy.includes('A')) status = 'added';
    else if (xy.includes('D')) status = 'deleted';
    out.push({ path, status });
  }
  return out;
}

const NAME_STATUS: Record<string, string> = { A: 'added', M: 'modified', D: 'deleted', T: 'type changed' };

/** `git diff --name-status -z --no-renames`: each path with what happened to it, in words. */
export function parseNameStatus(stdout: string): { path: string; status: string }[] {
  const parts = nulFields(stdout);
  const out: { path: string; status: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2)
    out.push({ status: NAME_STATUS[parts[i]![0]!] ?? 'changed', path: parts[i + 1]! });
  return out;
}

/** `ahead 2, behind 1` (git's %(upstream:track,nobracket)) as numbers. */
export function parseTrack(track: string): { ahead: number; behind: number; gone: boolean } {
  const ahead = /ahead (\d+)/.exec(track);
  const behind = /behind (\d+)/.exec(track);
  return { ahead: ahead ? Number(ahead[1]) : 0, behind: behind ? Number(behind[1]) : 0, gone: track === 'gone' };
}

export interface RefRecord {
  symref: string;
  upstream: string;
  track: string;
}

export const REF_RECORD_FORMAT = '%(refname)%00%(symref)%00%(upstream:short)%00%(upstream:track,nobracket)';

/** `git for-each-ref --format=REF_RECORD_FORMAT`: each ref with what it points at and its upstream. */
export function parseRefRecords(stdout: string): Map<string, RefRecord> {
  const refs = new Map<string, RefRecord>();
  for (const line of stdout.split('\n')) {
    const [name, symref = '', upstream = '', track = ''] = line.split('\0');
    if (name) refs.set(name, { symref, upstream, track });
  }
  return refs;
}

/** `git rev-list --left-right --count A...B`: commits only in A, and only in B. */
export function parseLeftRight(stdout: string): { left: number; right: number } | null {
  const m = /^(\d+)\s+(\d+)/.exec(stdout);
  return m ? { left: Number(m[1]), right: Number(m[2]) } : null;
}

export const TIP_FORMAT = '%(objecttype) %(objectname) %(*objecttype) %(*objectname)';

/** `git for-each-ref --format=TIP_FORMAT`: the commits the refs point at (annotated tags peeled), sorted. */
export function parseTips(stdout: string): string[] {
  const tips = new Set<string>();
  for (const line of stdout.split('\n')) {
    const [type, sha, peeledType, peeled] = line.split(' ');
    if (type === 'commit' && sha) tips.add(sha);
    else if (type === 'tag' && peeledType === 'commit' && peeled) tips.add(peeled);
  }
  return [...tips].sort();
}

/**
 * `git for-each-ref --format='%(objectname) %(refname)' refs/heads refs/remotes`: branch names
 * (local, and remote-tracking without their remote) with their tips.
 */
export function parseBranchTips(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const sha = line.slice(0, space);
    const ref = line.slice(space + 1);
    let name: string | null = null;
    if (ref.startsWith('refs/heads/')) name = ref.slice('refs/heads/'.length);
    else if (ref.startsWith('refs/remotes/')) {
      const rest = ref.slice('refs/remotes/'.length);
      const slash = rest.indexOf('/');
      name = slash < 0 ? null : rest.slice(slash + 1);
      if (name === 'HEAD') name = null;
    }
    if (name === null) continue;
    const list = out.get(name);
    if (list) list.push(sha);
    else out.set(name, [sha]);
  }
  return out;
}

/** `git log --format='%H %G?'`: the commits whose signature git verifies (G: good, a trusted key). */
export function parseGoodSignatures(stdout: string): Set<string> {
  const ok = new Set<string>();
  for (const line of stdout.split('\n')) {
    const [sha, status] = line.split(' ');
    if (sha && status === 'G') ok.add(sha);
  }
  return ok;
}

/**
 * `git log -z --format=%(trailers:key=Session,valueonly,separator=%x1d)`: the session ids of the
 * first record that names any (a value that is not a session id's shape is no session).
 */
export function parseFirstSessionIds(stdout: string): string[] {
  for (const rec of stdout.split('\0')) {
    const ids = rec
      .replace(/^\n/, '')
      .split('\x1d')
      .map((v) => v.trim())
      .filter((v) => /^[0-9a-f-]{36}$/.test(v));
    if (ids.length > 0) return ids;
  }
  return [];
}

/** `git log -1 --format=%H%x00%cI`: the commit and its committer time, or null. */
export function parseLastChange(stdout: string): { sha: string; at: string } | null {
  const [sha, at] = stdout.trim().split('\0');
  return sha && at ? { sha, at: new Date(at).toISOString() } : null;
}

/** `git rev-parse --path-format=absolute --git-dir --git-common-dir --show-toplevel`. */
export function parseRepoDirs(stdout: string): { gitDir: string; commonDir: string; top: string } | null {
  const [gitDir, commonDir, top] = stdout.split('\n');
  return gitDir && commonDir && top ? { gitDir, commonDir, top } : null;
}

// ---- session refs (team sync, docs/sync.md) -------------------------------------------------------

const OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** A ref with the commit it points at and that commit's tree. */
export interface RefTree {
  ref: string;
  commit: string;
  tree: string;
}

export const REF_TREE_FORMAT = '%(objectname) %(tree) %(refname)';

/** `git for-each-ref --format=REF_TREE_FORMAT`: refs to commits (a ref to anything else has no tree, and is left out). */
export function parseRefTrees(stdout: string): RefTree[] {
  const out: RefTree[] = [];
  for (const line of lines(stdout)) {
    const [commit = '', tree = '', ...ref] = line.split(' ');
    if (OID.test(commit) && OID.test(tree) && ref.length > 0) out.push({ ref: ref.join(' '), commit, tree });
  }
  return out;
}

/** A commit that touched a path: `PATH_COMMIT_FORMAT` records, or the commits `git blame` names. */
export interface PathCommit {
  sha: string;
  /** Committer time, ISO 8601 UTC. */
  at: string;
  subject: string;
}

export const PATH_COMMIT_FORMAT = '%x1e%H%x1f%ct%x1f%s';

const isoSeconds = (s: string): string => {
  const ms = Number(s) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : new Date(0).toISOString();
};

/** `git log --format=PATH_COMMIT_FORMAT`: the commits, newest first. */
export function parsePathCommits(stdout: string): PathCommit[] {
  const out: PathCommit[] = [];
  for (const record of stdout.split('\x1e')) {
    const [sha, time, subject] = record.replace(/\n+$/, '').split('\x1f');
    if (!sha || !/^[0-9a-f]{40,64}$/.test(sha) || time === undefined) continue;
    out.push({ sha, at: isoSeconds(time), subject: subject ?? '' });
  }
  return out;
}

/** One file of a tree, as `git diff-tree -r -z` lists it. */
export interface TreeEntry {
  name: string;
  mode: string;
  blob: string;
}

/**
 * `git diff-tree -r -z --stdin` fed `<empty tree> <tree>` lines: every file of each tree, by tree.
 * Each tree's records follow a `<empty tree> <tree>` line; a record is `:<modes> <shas> A` and its
 * path, NUL-terminated.
 */
export function parseTreeListing(stdout: string): Map<string, TreeEntry[]> {
  const out = new Map<string, TreeEntry[]>();
  const fields = stdout.split('\0');
  let current: TreeEntry[] | null = null;
  for (let i = 0; i < fields.length; i++) {
    let f = fields[i]!;
    if (!f.startsWith(':')) {
      // `<empty tree> <tree>` and a newline start each tree's records.
      const nl = f.indexOf('\n');
      if (nl < 0) continue;
      const tree = f.slice(0, nl).split(' ')[1] ?? '';
      current = OID.test(tree) ? (out.get(tree) ?? []) : null;
      if (current) out.set(tree, current);
      f = f.slice(nl + 1);
      if (!f.startsWith(':')) continue;
    }
    const path = fields[++i] ?? '';
    const [, mode = '', , blob = '', status = ''] = f.slice(1).split(' ');
    if (current && status === 'A' && OID.test(blob)) current.push({ name: path, mode, blob });
  }
  return out;
}

/** `git cat-file --batch-check='%(objectname) %(objecttype) %(objectsize)'`: each object's type and size. */
export function parseObjectSizes(stdout: string): Map<string, { type: string; size: number }> {
  const out = new Map<string, { type: string; size: number }>();
  for (const line of lines(stdout)) {
    const [sha = '', type = '', size = ''] = line.split(' ');
    if (OID.test(sha) && /^\d+$/.test(size)) out.set(sha, { type, size: Number(size) });
  }
  return out;
}

/** `git cat-file --batch` (bytes): each object's content, by name; missing ones are left out. */
export function parseObjectContents(bytes: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (at < bytes.length) {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0) break;
    const [sha = '', type = '', size = ''] = bytes.toString('latin1', at, nl).split(' ');
    at = nl + 1;
    if (type === 'missing' || !/^\d+$/.test(size)) continue;
    const n = Number(size);
    if (OID.test(sha)) out.set(sha, bytes.subarray(at, at + n));
    at += n + 1;
  }
  return out;
}

/** How a remote took one ref of a push (`git push --porcelain`). */
export interface PushedRef {
  /** The remote ref. */
  ref: string;
  /** `=` up to date, ` ` fast-forward, `*` new, `+` forced, `-` deleted, `!` rejected. */
  flag: string;
  /** git's summary: `[rejected]`, `[remote rejected]`, `[new reference]`, `old..new`… */
  summary: string;
  /** Why, when git says: `non-fast-forward`, `fetch first`, `pre-receive hook declined`… */
  reason: string;
}

/** `git push --porcelain`: one record per ref (`<flag>\t<src>:<dst>\t<summary> (<reason>)`). */
export function parsePushPorcelain(stdout: string): PushedRef[] {
  const out: PushedRef[] = [];
  for (const line of lines(stdout)) {
    const parts = line.split('\t');
    if (parts.length < 3 || parts[0]!.length !== 1) continue;
    const [flag = '', refs = '', rest = ''] = parts;
    const m = /^(.*?)(?: \((.*)\))?$/.exec(rest);
    out.push({
      ref: refs.slice(refs.lastIndexOf(':') + 1),
      flag,
      summary: m?.[1] ?? rest,
      reason: m?.[2] ?? '',
    });
  }
  return out;
}

/** A remote as the configuration names it. */
export interface RemoteConfig {
  name: string;
  url: string | null;
  fetch: string[];
}

/** `git config --get-regexp '^remote\..*\.(url|fetch)$'`: every remote with its URL and fetch refspecs. */
export function parseRemoteConfig(stdout: string): Map<string, RemoteConfig> {
  const out = new Map<string, RemoteConfig>();
  for (const line of lines(stdout)) {
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    const m = /^remote\.(.+)\.(url|fetch)$/.exec(key);
    if (!m) continue;
    const name = m[1]!;
    let r = out.get(name);
    if (!r) {
      r = { name, url: null, fetch: [] };
      out.set(name, r);
    }
    if (m[2] === 'url') r.url ??= value;
    else r.fetch.push(value);
  }
  return out;
}

/** What `git blame --porcelain` says of a range of lines: the commits, and the lines not committed yet. */
export interface BlameCommits {
  /** Newest first (by committer time), each with how many of the lines it gave. */
  commits: (PathCommit & { lines: number })[];
  uncommitted: number;
}

const NOT_COMMITTED = /^0{40}(0{24})?$/;

/**
 * `git blame --porcelain`: each line's group starts `<sha> <orig> <final> [<count>]`; the first
 * group of a commit is followed by its headers (`committer-time`, `summary`, …), every line of
 * the file by a tab and its text.
 */
export function parseBlameCommits(stdout: string): BlameCommits {
  const found = new Map<string, PathCommit & { lines: number }>();
  let uncommitted = 0;
  let current: (PathCommit & { lines: number }) | null = null;
  let pending = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('\t')) {
      if (pending && current) current.lines++;
      else if (pending) uncommitted++;
      pending = false;
      continue;
    }
    const head = /^([0-9a-f]{40,64}) \d+ \d+(?: \d+)?$/.exec(line);
    if (head) {
      pending = true;
      const sha = head[1]!;
      if (NOT_COMMITTED.test(sha)) {
        current = null;
        continue;
      }
      current = found.get(sha) ?? { sha, at: new Date(0).toISOString(), subject: '', lines: 0 };
      found.set(sha, current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('committer-time ')) current.at = isoSeconds(line.slice('committer-time '.length));
    else if (line.startsWith('summary ')) current.subject = line.slice('summary '.length);
  }
  const commits = [...found.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { commits, uncommitted };
}
