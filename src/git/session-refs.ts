// Session refs through git (docs/sync.md): listing them with their trees, reading the files of
// those trees in a fixed number of processes whatever the number of sessions, writing new commits
// for any number of sessions in one `git fast-import`, moving refs only from the value they were
// read at, and fetching and pushing them with a time limit.

import {
  firstGitMessage,
  type PushedRef,
  parseObjectContents,
  parseObjectSizes,
  parsePushPorcelain,
  parseRefTrees,
  parseRemoteConfig,
  parseTreeListing,
  REF_TREE_FORMAT,
  type RefTree,
  type RemoteConfig,
  type TreeEntry,
} from './parse.js';
import { type GitQuery, OBJECT_NAME, objectNames } from './query.js';

/** The empty tree, in each object format (SHA-1, SHA-256): what every listed tree is compared with. */
const EMPTY_TREE: Record<number, string> = {
  40: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  64: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/** Refs under the given prefixes (`refs/sessions`, `refs/session-remotes`) with their commits and trees. */
export const refTrees = (prefixes: readonly string[]): GitQuery<RefTree[]> => ({
  argv: ['for-each-ref', `--format=${REF_TREE_FORMAT}`, ...prefixes.map((p) => `${p}/`)],
  parse: (out) => (out.status === 0 ? parseRefTrees(out.stdout) : []),
});

/** Every file of each tree (recursively: a folder's files have a `/` in their name, which nothing reads). */
export const treeFiles = (trees: Iterable<string>): GitQuery<Map<string, TreeEntry[]>> => {
  const wanted = objectNames(trees);
  return {
    argv: wanted.length === 0 ? [] : ['diff-tree', '-r', '-z', '--no-renames', '--stdin'],
    input: wanted.map((t) => `${EMPTY_TREE[t.length] ?? EMPTY_TREE[40]} ${t}\n`).join(''),
    parse: (out) => (out.status === 0 ? parseTreeListing(out.stdout) : new Map()),
  };
};

/** Each object's type and size, without reading it (what is too large is never read). */
export const objectSizes = (shas: Iterable<string>): GitQuery<Map<string, { type: string; size: number }>> => {
  const wanted = objectNames(shas);
  return {
    argv: wanted.length === 0 ? [] : ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    input: `${wanted.join('\n')}\n`,
    parse: (out) => (out.status === 0 ? parseObjectSizes(out.stdout) : new Map()),
  };
};

/** The contents of the given blobs, as bytes (only ask for those whose size was checked). */
export const blobContents = (shas: Iterable<string>): GitQuery<Map<string, Buffer>> => {
  const wanted = objectNames(shas);
  return {
    argv: wanted.length === 0 ? [] : ['cat-file', '--batch'],
    input: `${wanted.join('\n')}\n`,
    bytes: true,
    parse: (out) => (out.status === 0 && out.stdoutBytes ? parseObjectContents(out.stdoutBytes) : new Map()),
  };
};

/** A commit of a session ref to write: its parents, and the files that change from the first one's tree. */
export interface RefCommit {
  ref: string;
  /** The first parent (none: a new ref, whose first commit this is). */
  from: string | null;
  /** A second parent (a merge). */
  merge?: string;
  message: string;
  /** Files written: inline content, or an existing blob. */
  files: { name: string; content?: string; blob?: string }[];
}

/** Who commits: `git-session <user email>`, at `time` (seconds). */
export interface Committer {
  name: string;
  email: string;
  time: number;
}

/** A value fast-import reads as one line: what would end or break it is taken out. */
const oneLine = (s: string) => s.replace(/[\n<>]/g, '');

/** The fast-import stream that makes these commits. */
export function fastImportStream(commits: readonly RefCommit[], who: Committer): string {
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (const c of commits) {
    chunks.push(
      `commit ${c.ref}\ncommitter ${oneLine(who.name)} <${oneLine(who.email)}> ${Math.floor(who.time)} +0000\n${data(c.message)}`,
    );
    if (c.from) chunks.push(`from ${c.from}\n`);
    if (c.merge) chunks.push(`merge ${c.merge}\n`);
    for (const f of c.files) {
      if (f.blob !== undefined) chunks.push(`M 100644 ${f.blob} ${f.name}\n`);
      else chunks.push(`M 100644 inline ${f.name}\n${data(f.content ?? '')}`);
    }
    chunks.push('\n');
  }
  chunks.push('done\n');
  return chunks.join('');
}

/**
 * Write the commits and move each ref to its new one, in one process. A ref that moved meanwhile
 * to a commit the new one does not contain is left alone (fast-import refuses to rewind it): the
 * refs refused are returned. File names are the caller's to check (machine ids).
 */
export const importCommits = (commits: readonly RefCommit[], who: Committer): GitQuery<{ refused: string[] }> => ({
  argv: commits.length === 0 ? [] : ['fast-import', '--quiet', '--done'],
  input: fastImportStream(commits, who),
  parse(out) {
    const refused = [...out.stderr.matchAll(/Not updating (\S+)/g)].map((m) => m[1]!);
    if (out.status !== 0 && refused.length === 0)
      throw new Error(`git fast-import failed: ${firstGitMessage(out.stderr) || `exit ${out.status}`}`);
    return { refused };
  },
});

/**
 * A ref moved from the value it was read at (`old`: null, it must not exist yet; undefined: from
 * whatever it is — a tracking ref, which only says what a remote has).
 */
export interface RefUpdate {
  ref: string;
  to: string;
  old?: string | null;
}

/** Move refs, all or none, each only from the value it was read at. */
export const updateRefs = (updates: readonly RefUpdate[]): GitQuery<boolean> => {
  const zero = (to: string) => '0'.repeat(to.length);
  const ok = updates.filter((u) => OBJECT_NAME.test(u.to) && (u.old == null || OBJECT_NAME.test(u.old)));
  const line = (u: RefUpdate) =>
    u.old === undefined ? `update ${u.ref} ${u.to}\n` : `update ${u.ref} ${u.to} ${u.old ?? zero(u.to)}\n`;
  return {
    argv: ok.length === 0 ? [] : ['update-ref', '--stdin'],
    input: ok.map(line).join(''),
    parse: (out) => out.status === 0,
  };
};

/** Environment for a network command that must never wait for a person: no password prompt. */
const UNATTENDED: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' };

export interface Transfer {
  ok: boolean;
  timedOut: boolean;
  /** git's first error line, when it failed. */
  message: string;
}

/**
 * Fetch `refspecs` from `remote` (a name or a URL), within `timeoutMs`. No tags, no FETCH_HEAD, no
 * automatic maintenance: only the refs asked for move.
 */
export const fetchRefs = (remote: string, refspecs: readonly string[], timeoutMs: number): GitQuery<Transfer> => ({
  argv: [
    '-c',
    'fetch.recurseSubmodules=false',
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    '--no-auto-maintenance',
    '--',
    remote,
    ...refspecs,
  ],
  env: UNATTENDED,
  timeoutMs,
  parse: (out) => ({
    ok: out.status === 0,
    timedOut: out.timedOut === true,
    message: out.status === 0 ? '' : firstGitMessage(out.stderr),
  }),
});

export interface Pushed extends Transfer {
  refs: PushedRef[];
  /** What the remote itself printed (a hook's words), first line. */
  remoteSays: string;
}

/**
 * Push `refspecs` to `remote` (a name or a URL), fast-forward only, within `timeoutMs`, with no
 * pre-push hook (ours would run again; the user's were run by the push this one goes with).
 */
export const pushRefs = (remote: string, refspecs: readonly string[], timeoutMs: number): GitQuery<Pushed> => ({
  argv: ['push', '--no-verify', '--porcelain', '--', remote, ...refspecs],
  env: UNATTENDED,
  timeoutMs,
  quietHooks: true,
  parse: (out) => {
    const refs = parsePushPorcelain(out.stdout);
    const remoteLine = out.stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('remote:') && l.length > 'remote:'.length);
    return {
      ok: out.status === 0,
      timedOut: out.timedOut === true,
      message: out.status === 0 ? '' : firstGitMessage(out.stderr.replace(/^remote:.*$/gm, '')),
      refs,
      remoteSays: remoteLine ? remoteLine.slice('remote:'.length).trim() : '',
    };
  },
});

/** Every remote with its URL and fetch refspecs. */
export const remotes: GitQuery<Map<string, RemoteConfig>> = {
  argv: ['config', '--get-regexp', '^remote\\..*\\.(url|fetch)$'],
  parse: (out) => (out.status === 0 ? parseRemoteConfig(out.stdout) : new Map()),
};

/** Add a fetch refspec to a remote's configuration. */
export const addFetchRefspec = (remote: string, refspec: string): GitQuery<boolean> => ({
  argv: ['config', '--add', `remote.${remote}.fetch`, refspec],
  parse: (out) => out.status === 0,
});

/** Take one fetch refspec (exactly this value) out of a remote's configuration. */
export const removeFetchRefspec = (remote: string, refspec: string): GitQuery<boolean> => ({
  argv: ['config', '--unset', '--fixed-value', `remote.${remote}.fetch`, refspec],
  parse: (out) => out.status === 0,
});

/** The remote-tracking refs of `branch` (`refs/remotes/<remote>/<branch>`), by remote name. */
export const remoteBranches = (branch: string, remoteNames: readonly string[]): GitQuery<Map<string, string>> => ({
  argv:
    remoteNames.length === 0
      ? []
      : ['for-each-ref', '--format=%(objectname) %(refname)', ...remoteNames.map((r) => `refs/remotes/${r}/${branch}`)],
  parse(out) {
    const found = new Map<string, string>();
    if (out.status !== 0) return found;
    for (const line of out.stdout.split('\n')) {
      const [sha = '', ref = ''] = line.split(' ');
      const remote = remoteNames.find((r) => ref === `refs/remotes/${r}/${branch}`);
      if (remote && OBJECT_NAME.test(sha)) found.set(remote, sha);
    }
    return found;
  },
});

/** A local branch made from a remote-tracking one, tracking it (as `git switch <branch>` does). */
export const trackBranch = (branch: string, remote: string): GitQuery<string | null> => ({
  argv: ['branch', '--quiet', '--track', '--', branch, `refs/remotes/${remote}/${branch}`],
  parse: (out) => (out.status === 0 ? null : firstGitMessage(out.stderr)),
});
