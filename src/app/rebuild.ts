// `git session rebuild`: every session that reached the history, read back from its trailers.
// One streaming git log over every commit (the parents give each commit its generation, the clock
// of the events it carries); a cache of the ref tips already read, so a re-run reads only commits
// that are new. Results go to sessions/history/ (derivable); local journals are never touched.
// Commits the local journal recorded are read too: an item the journal lost (a line doctor set
// aside) comes back from them.
//
// Everything read is a stranger's input (docs/reliability.md, "Trust model"): each session's cache
// gets only its part of a commit, what one commit may carry is bounded, text beyond the typed
// limit is skipped and reported, and a branch is linked to a session only when the branch's own
// history carries that session's commits.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, Trust } from '../codec/config.js';
import type { TrailerItem } from '../codec/trailers.js';
import { type Conflict, finalSha, isOpen } from '../core/fold.js';
import { type CommitSlices, importSlice, sliceCommit } from '../core/history-import.js';
import { renderTrailerFile } from '../core/trailer-plan.js';
import { goodSignatures, nearestSessionIds } from '../git/commits.js';
import { CommitGraph } from '../git/graph.js';
import { streamSessionCommits } from '../git/log-stream.js';
import { anyOutside, branchTipsByName, refTips } from '../git/refs.js';
import { configValue, currentBranch, headSha } from '../git/repo.js';
import { run } from '../git/run.js';
import type { SessionEvent } from '../model/events.js';
import { entryIdOf } from '../model/ids.js';
import { appendLines, makeDirs, writeFileAtomic } from '../store/atomic.js';
import { sha1 } from '../store/digest.js';
import { readRewrites } from '../store/rewrites.js';
import { hasPeers } from '../store/sync-state.js';
import type { Context } from './context.js';
import {
  forgetHistoryCache,
  historyEventsOf,
  historyFile,
  historySessionIds,
  loadedHistoryEvents,
  primeHistoryCache,
} from './history-cache.js';
import { writeLinks } from './links.js';
import { writeDerived } from './mutate.js';
import { build, type Loaded } from './sessions.js';

/** A conflict as rebuild reports it: which session, which item, the two versions in short. */
export interface ReportedConflict {
  session: string;
  item: string;
  kind: Conflict['kind'];
  reason: Conflict['reason'];
  kept: { text: string; session: string; commit: string | null; author: string };
  other: { text: string; session: string; commit: string | null; author: string };
}

export interface RebuildResult {
  upToDate: boolean;
  full: boolean;
  /** Which commits count: all, or only signed ones git verifies. */
  trust: Trust;
  /** Commits read. */
  scanned: number;
  /** Commits whose trailer block names a session. */
  sessionCommits: number;
  /** Of those, commits the local journal already knew. */
  known: number;
  /** Cache lines written (one per commit and session). */
  events: number;
  sessions: { id: string; name: string; commits: number; isNew: boolean }[];
  /** Lines of our keys that did not parse (hand-written or damaged): the first 100, cut to 200 characters. */
  rejected: string[];
  /** How many lines did not parse. */
  malformed: number;
  /** What was not read, and why. */
  skipped: {
    /** Trailer values longer than typed text may be (16 KiB). */
    tooLong: number;
    /** Sessions beyond the limit of one commit. */
    sessions: number;
    /** Items beyond the limit of one commit. */
    items: number;
    /** Commits whose signature git does not verify (trust: signed). */
    unsigned: number;
  };
  /** Item ids with two contents or in two sessions, both kept: the first 100. */
  conflicts: ReportedConflict[];
  /** How many conflicts there are. */
  conflictCount: number;
  mapped: { branch: string; session: string }[];
  ms: number;
  /** Milliseconds since the process started at each phase (GIT_SESSION_DEBUG=1 prints them). */
  phases: Record<string, number>;
}

/** What the last rebuild read: ref tips (with their generation), the shallow boundary, the trust. */
interface CacheState {
  version: 2;
  tips: [string, number][];
  shallow: string;
  trust: Trust;
}

function statePath(ctx: Context): string {
  return join(ctx.store.paths.history, 'state.json');
}

function readState(ctx: Context): CacheState | null {
  try {
    const s = JSON.parse(readFileSync(statePath(ctx), 'utf8')) as CacheState;
    const ok =
      s.version === 2 &&
      Array.isArray(s.tips) &&
      s.tips.every((t) => Array.isArray(t) && typeof t[0] === 'string' && typeof t[1] === 'number') &&
      typeof s.shallow === 'string';
    return ok ? s : null;
  } catch {
    return null;
  }
}

/**
 * The user's own git config `session.trust` decides first: the tracked config is what a stranger
 * can change, so it may ask for `signed` but cannot turn off what the user asked for.
 */
export function effectiveTrust(ctx: Context, configured: Trust | undefined): Trust {
  const own = run(ctx.repo, configValue('session.trust'));
  if (own === 'signed' || own === 'all') return own;
  return configured === 'signed' ? 'signed' : 'all';
}

/** Every ref's commit; a checked-out branch is among the refs, only a detached HEAD adds a tip of its own. */
function historyTips(ctx: Context): string[] {
  const tips = run(ctx.repo, refTips);
  const head = currentBranch(ctx.repo) === null ? run(ctx.repo, headSha) : null;
  return head && !tips.includes(head) ? [...tips, head].sort() : tips;
}

/** Replace a derived file unless it holds `text` already (a rebuild of an unchanged history writes nothing). */
function writeIfChanged(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) return;
  } catch {
    // Not there yet: written below.
  }
  writeFileAtomic(path, text, 0o644, false);
}

/**
 * Digest of the shallow boundary: a clone deepened or unshallowed reads everything again. Only a
 * shallow clone loads node:crypto (~5-15 ms of a rebuild's start-up).
 */
function shallowDigest(ctx: Context): string {
  let boundary: Buffer;
  try {
    boundary = readFileSync(join(ctx.repo.commonDir, 'shallow'));
  } catch {
    return '';
  }
  return sha1(boundary);
}

/** The session has events here: its journal, or other clones' through its ref (docs/sync.md). */
function hasJournal(ctx: Context, id: string): boolean {
  if (hasPeers(ctx.store.paths, id)) return true;
  try {
    return statSync(ctx.store.journalFile(id)).size > 0;
  } catch {
    return false;
  }
}

function knownCommits(ctx: Context): Set<string> {
  const rewrites = readRewrites(ctx.store.paths);
  const known = new Set<string>();
  for (const id of ctx.store.sessionIds()) {
    for (const e of ctx.store.readJournal(id).events) {
      if (e.type === 'commit.recorded') {
        known.add(e.sha);
        known.add(finalSha(rewrites, e.sha));
      }
    }
  }
  return known;
}

/**
 * Whether a ref tip read last time is no longer in the history of any current ref (a force-push,
 * a deleted branch, a rewrite fetched from elsewhere). Reading only the new commits would then keep
 * commits nobody can reach any more: such a rebuild reads everything again.
 */
function historyRewritten(ctx: Context, previous: readonly string[], tips: readonly string[]): boolean {
  const before = previous.filter((t) => !tips.includes(t));
  if (before.length === 0) return false;
  return run(ctx.repo, anyOutside(before, tips));
}

/**
 * A commit that names a session, digested while git still walks (its generation is known only at
 * the end): each session's cache line without the generation, and the little the rest needs.
 */
interface ReadCommit {
  sha: string;
  /** Its index in the walk's graph. */
  index: number;
  /** The clock its block claims (0: none). */
  claim: number;
  commitTime: number;
  authorEmail: string;
  /** Per session: the cache record after its generation (`,time,"email",[lines]]`). */
  tails: [string, string][];
  /** Name, branch and status claims, item definitions (for conflicts), per session. */
  claims: [string, TrailerItem][];
  /** Every item, for sessions with a journal here (they are folded at the end). */
  items: Map<string, TrailerItem[]> | null;
  rejected: CommitSlices['rejected'];
  droppedSessions: number;
  droppedItems: number;
}

/** One walk: every commit's parents (for generations and branch checks) and the commits with trailers. */
interface Walk {
  scanned: number;
  graph: CommitGraph;
  commits: ReadCommit[];
  /** Commits whose signature git verifies (trust: signed), else null: all count. */
  ok: Set<string> | null;
  /** Each commit's clock (core/clock.ts), by graph index. */
  gen: Float64Array;
  /** Parents outside the walk whose clock is not known. */
  unknown: string[];
}

async function walk(
  ctx: Context,
  tips: readonly string[],
  exclude: readonly string[],
  outside: (sha: string) => number | undefined,
  local: ReadonlySet<string>,
  trust: Trust,
  progress?: (commitsRead: number) => void,
): Promise<Walk> {
  const graph = new CommitGraph();
  const commits: ReadCommit[] = [];
  makeDirs(ctx.store.paths.history);
  const scratch = scratchDir(ctx);
  const scanned = await streamSessionCommits(
    ctx.repo,
    tips,
    exclude,
    (buf, a, b, c, d) => {
      // Progress on a terminal (render/progress.ts) every 1,024 commits: the count is all it needs.
      if ((graph.add(buf, a, b, c, d) & 1023) === 1023) progress?.(graph.size);
    },
    (c) => {
      const slices = sliceCommit(c.trailers);
      const tails: [string, string][] = [];
      const claims: [string, TrailerItem][] = [];
      let items: Map<string, TrailerItem[]> | null = null;
      for (const [session, list] of slices.items) {
        tails.push([session, JSON.stringify([c.commitTime, c.authorEmail, slices.lines.get(session)!]).slice(1)]);
        for (const item of list) if (claimed(item)) claims.push([session, item]);
        if (local.has(session)) {
          items ??= new Map();
          items.set(session, list);
        }
      }
      commits.push({
        sha: c.sha,
        // The graph got this commit just before (onGraph comes first for each record).
        index: graph.size - 1,
        claim: slices.claim,
        commitTime: c.commitTime,
        authorEmail: c.authorEmail,
        tails,
        claims,
        items,
        rejected: slices.rejected,
        droppedSessions: slices.droppedSessions,
        droppedItems: slices.droppedItems,
      });
    },
    scratch.dir,
  ).finally(scratch.done);
  // An unsigned commit's claim counts no more than its items (trust: signed).
  const ok = trust === 'signed' ? run(ctx.repo, goodSignatures(commits.map((c) => c.sha))) : null;
  const claims = new Map<number, number>();
  for (const c of commits) if (c.claim > 0 && (!ok || ok.has(c.sha))) claims.set(c.index, c.claim);
  const { gen, unknown } = graph.generations(outside, (i) => claims.get(i) ?? 0);
  return { scanned, graph, commits, ok, gen, unknown };
}

const SHM = '/dev/shm';
const SCRATCH_PREFIX = 'git-session-';

/** Directories of rebuilds that were killed (older than an hour, ours): memory given back. */
function sweepScratch(): void {
  const uid = process.getuid?.();
  for (const name of readdirSync(SHM)) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const path = join(SHM, name);
    try {
      const st = statSync(path);
      if (st.uid === uid && Date.now() - st.mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone meanwhile, or not ours to look at.
    }
  }
}

/**
 * Where git writes the walk (log-stream.ts): a private directory in memory when the system has one
 * (/dev/shm): over 100,000 commits the file is ~13 MB, and giving its pages back to a disk file
 * system costs ~60 ms more. Else the store's history folder.
 */
function scratchDir(ctx: Context): { dir: string; done: () => void } {
  try {
    sweepScratch();
    const dir = mkdtempSync(join(SHM, SCRATCH_PREFIX));
    return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return { dir: ctx.store.paths.history, done: () => {} };
  }
}

/** Items rebuild itself looks at: the latest name, branch and status, and definitions (conflicts). */
function claimed(item: TrailerItem): boolean {
  return (
    (item.kind === 'info' && (item.field === 'name' || item.field === 'branch')) ||
    item.kind === 'status' ||
    item.kind === 'parent' ||
    signature(item) !== null
  );
}

/**
 * The sessions of the nearest commit on the first-parent line from `tip` that names any session,
 * in the commits this walk read; undefined when the line leaves them first (an incremental walk).
 */
function nearestSessions(w: Walk, sessionsOf: Map<string, string[]>, tip: string, full: boolean): string[] | undefined {
  let i = w.graph.indexOf(tip);
  // Bounded by the walk itself: each step moves to a commit the walk read, towards a root.
  for (let steps = 0; i !== undefined && steps <= w.graph.size; steps++) {
    const here = sessionsOf.get(w.graph.nameOf(i));
    if (here) return here;
    const next = w.graph.firstParent(i);
    // A root, or a parent the walk did not read (a shallow boundary, or an earlier walk's).
    if (next === undefined) return full ? [] : undefined;
    i = next;
  }
  return full ? [] : undefined;
}

/** Asking git, for a line that leaves an incremental walk: the nearest commit naming a session. */
const nearestSessionsFromGit = (ctx: Context, tip: string): string[] => run(ctx.repo, nearestSessionIds(tip));

interface Meta {
  /** The generation and sha of the commit each latest value came from. */
  name?: { value: string; at: [number, string] };
  branch?: { value: string; at: [number, string] };
  status?: { value: string; at: [number, string] };
}

const later = (a: [number, string], b: [number, string] | undefined) =>
  b === undefined || a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** What an item definition says, to tell two versions apart. */
function signature(item: TrailerItem): { id: string; sig: string; text: string } | null {
  switch (item.kind) {
    case 'objective':
    case 'blocker':
      return { id: item.id, sig: item.text, text: item.text };
    case 'decision':
      return { id: item.id, sig: JSON.stringify([item.text, item.rationale, item.alternatives]), text: item.text };
    case 'log':
    case 'handoff':
      return item.id === null ? null : { id: item.id, sig: `${item.kind}:${item.text}`, text: item.text };
    case 'checkpoint':
      return item.id === null
        ? null
        : { id: item.id, sig: JSON.stringify([item.label, item.note, item.phase, item.phaseStatus]), text: item.label };
    default:
      return null;
  }
}

/** Lists in the result stop here (a crafted history can make them as long as it likes); counts go on. */
const LISTED = 100;

const KIND_OF: Record<string, Conflict['kind']> = {
  obj: 'objective',
  dec: 'decision',
  blk: 'blocker',
  log: 'entry',
  chk: 'checkpoint',
};

export interface RebuildOptions {
  /** Read everything again. */
  full: boolean;
  /**
   * Read only new commits, or nothing: when only a full read would do (history rewritten, new
   * commits on a commit that was not a tip), leave it to the next `rebuild`. The first read of a
   * clone is full still.
   */
  newOnly?: boolean;
  /** Commits read so far (a progress line on a terminal). */
  progress?: (commitsRead: number) => void;
}

/** What rebuild knows before it walks: the refs, the trust, the cache it may build on, the result so far. */
interface ReadPlan {
  tips: string[];
  config: Config;
  trust: Trust;
  shallow: string;
  stored: CacheState | null;
  previousTips: string[];
  usable: boolean;
  result: RebuildResult;
  started: number;
}

function emptyResult(trust: Trust): RebuildResult {
  return {
    upToDate: false,
    full: true,
    trust,
    scanned: 0,
    sessionCommits: 0,
    known: 0,
    events: 0,
    sessions: [],
    rejected: [],
    malformed: 0,
    skipped: { tooLong: 0, sessions: 0, items: 0, unsigned: 0 },
    conflicts: [],
    conflictCount: 0,
    mapped: [],
    ms: 0,
    phases: { start: Math.round(performance.now()) },
  };
}

async function planRead(ctx: Context): Promise<ReadPlan> {
  const started = Date.now();
  ctx.store.ensure();
  const tips = historyTips(ctx);
  // The configuration (cached, else yaml) decides the trust; the rest of it is used at the end.
  const config = await ctx.config();
  const trust = effectiveTrust(ctx, config.trust);
  const shallow = shallowDigest(ctx);
  const stored = readState(ctx);
  const previousTips = stored?.tips.map((t) => t[0]) ?? [];
  const usable = stored !== null && stored.trust === trust && stored.shallow === shallow;
  return { tips, config, trust, shallow, stored, previousTips, usable, result: emptyResult(trust), started };
}

const phase = (result: RebuildResult, name: string) => {
  result.phases[name] = Math.round(performance.now());
};

function finished(plan: ReadPlan, upToDate: boolean): RebuildResult {
  plan.result.upToDate = upToDate;
  plan.result.ms = Date.now() - plan.started;
  return plan.result;
}

export async function rebuild(ctx: Context, options: RebuildOptions): Promise<RebuildResult> {
  const plan = await planRead(ctx);
  const { tips, previousTips, stored } = plan;
  // A repository without commits has no history to read.
  const sameTips = previousTips.length === tips.length && previousTips.every((t, i) => t === tips[i]);
  if (tips.length === 0 || (!options.full && plan.usable && sameTips)) return finished(plan, true);
  phase(plan.result, 'tips');
  let full = options.full || !plan.usable || historyRewritten(ctx, previousTips, tips);
  if (full && options.newOnly && stored !== null) return finished(plan, true);
  const tipGen = new Map(full ? [] : (stored?.tips ?? []));
  // Sessions with a journal here are folded at the end: only theirs are turned into events.
  const local = new Set(ctx.store.sessionIds().filter((id) => hasJournal(ctx, id)));
  const before = new Set([...ctx.store.sessionIds(), ...historySessionIds(ctx)]);
  const walkFrom = (from: readonly string[], outside: (sha: string) => number | undefined) =>
    walk(ctx, tips, from, outside, local, plan.trust, options.progress);
  let w = await walkFrom(full ? [] : previousTips, (sha) => tipGen.get(sha));
  if (!full && w.unknown.length > 0) {
    if (options.newOnly) return finished(plan, true);
    // New commits grow from a commit that was not a tip last time: its clock is not known here,
    // so the whole history is read again.
    full = true;
    w = await walkFrom([], () => undefined);
  }
  plan.result.full = full;
  plan.result.scanned = w.scanned;
  phase(plan.result, 'streamed');
  const read = gather(ctx, w, plan.result);
  phase(plan.result, 'read');
  // What a change had loaded already (mutate.ts reads its session's history before it asks for the
  // new commits): with what was just read, it is the session's history — nothing is read again.
  const earlier = new Map<string, SessionEvent[]>();
  for (const id of local) {
    const loaded = full ? undefined : loadedHistoryEvents(ctx, id);
    if (loaded) earlier.set(id, loaded);
  }
  ctx.store.lock(() => {
    writeCache(ctx, read, full, plan.result);
    writeLinks(ctx, read.parents, full);
    const touched = [...new Set([...read.buckets.keys(), ...read.commitsPerSession.keys()])];
    const folded = foldTouched(ctx, touched, read, full ? null : earlier);
    reportConflicts(touched, read, folded, plan.result);
    const branches = new BranchLinks(ctx, w, read.sessionsOf, full);
    for (const id of touched) {
      const l = folded.get(id);
      const m = read.meta.get(id) ?? {};
      const open = l ? isOpen(l.state) : m.status?.value !== 'completed' && m.status?.value !== 'abandoned';
      writeSessionFiles(ctx, id, l, open, plan.config);
      const branch = l ? l.state.branch : (m.branch?.value ?? '');
      // Ended sessions keep their branch link too (a switch there says the session ended); a
      // branch already linked — to a newer session, say — keeps its link.
      if (branch && branches.link(branch, id)) plan.result.mapped.push({ branch, session: id });
      plan.result.sessions.push({
        id,
        name: l ? l.state.name : (m.name?.value ?? id.slice(0, 8)),
        commits: read.commitsPerSession.get(id) ?? 0,
        isNew: !before.has(id),
      });
    }
    writeState(ctx, plan, w, tipGen);
  });
  phase(plan.result, 'written');
  return finished(plan, false);
}

/** What the walk read, in graph order: each session's cache lines, its latest claims, the conflicts. */
interface Gathered {
  buckets: Map<string, string[]>;
  /** History events of the commits read, for sessions with a journal here. */
  fresh: Map<string, SessionEvent[]>;
  commitsPerSession: Map<string, number>;
  sessionsOf: Map<string, string[]>;
  meta: Map<string, Meta>;
  /** Conflicts in what history alone says; for sessions with a journal, the fold's replace them. */
  streamed: ReportedConflict[];
  /** child → parent, the latest `Session-Info: parent` of each session (links.ts). */
  parents: Map<string, string>;
}

/** In graph order (generation, then sha): the first version of an item is the one the fold shows. */
function gather(ctx: Context, w: Walk, result: RebuildResult): Gathered {
  const known = knownCommits(ctx);
  const g: Gathered = {
    buckets: new Map(),
    fresh: new Map(),
    commitsPerSession: new Map(),
    sessionsOf: new Map(),
    meta: new Map(),
    streamed: [],
    parents: new Map(),
  };
  const defs = new Map<string, Definition>();
  const ordered = w.commits
    .map((c) => ({ c, g: w.gen[c.index]! }))
    .sort((a, b) => a.g - b.g || (a.c.sha < b.c.sha ? -1 : 1));
  for (const { c, g: generation } of ordered) {
    if (w.ok && !w.ok.has(c.sha)) {
      result.skipped.unsigned++;
      continue;
    }
    for (const r of c.rejected) {
      if (r.reason === 'too-long') result.skipped.tooLong++;
      else if (result.malformed++ < LISTED) result.rejected.push(r.line);
    }
    result.skipped.sessions += c.droppedSessions;
    result.skipped.items += c.droppedItems;
    if (c.tails.length === 0) continue;
    result.sessionCommits++;
    if (known.has(c.sha)) result.known++;
    cacheLines(g, c, generation);
    if (c.items) importItems(g, c, generation);
    for (const [s, item] of c.claims)
      if (item.kind === 'parent') g.parents.set(s, item.parent);
      else claim(g, defs, s, item, c, [generation, c.sha]);
  }
  return g;
}

/** The commit's cache line for each session it names. */
function cacheLines(g: Gathered, c: ReadCommit, generation: number): void {
  const sessions: string[] = [];
  const prefix = `[2,"${c.sha}",${generation},`;
  for (const [s, tail] of c.tails) {
    sessions.push(s);
    g.commitsPerSession.set(s, (g.commitsPerSession.get(s) ?? 0) + 1);
    const bucket = g.buckets.get(s);
    if (bucket) bucket.push(prefix + tail);
    else g.buckets.set(s, [prefix + tail]);
  }
  g.sessionsOf.set(c.sha, sessions);
}

/** Events of a session with a journal here, made from the items just parsed (never parsed again). */
function importItems(g: Gathered, c: ReadCommit, generation: number): void {
  for (const [s, items] of c.items ?? []) {
    const events = importSlice(
      { sha: c.sha, generation, commitTime: c.commitTime, authorEmail: c.authorEmail },
      s,
      items,
    );
    const list = g.fresh.get(s);
    if (list) for (const e of events) list.push(e);
    else g.fresh.set(s, events);
  }
}

interface Definition {
  session: string;
  sig: string;
  text: string;
  commit: string;
  author: string;
}

/** The latest name, branch and status a session's commits claim; an item defined two ways, kept as a conflict. */
function claim(
  g: Gathered,
  defs: Map<string, Definition>,
  s: string,
  item: TrailerItem,
  c: ReadCommit,
  at: [number, string],
): void {
  let m = g.meta.get(s);
  if (!m) {
    m = {};
    g.meta.set(s, m);
  }
  if (item.kind === 'info' && item.field === 'name' && later(at, m.name?.at)) m.name = { value: item.value, at };
  if (item.kind === 'info' && item.field === 'branch' && later(at, m.branch?.at)) m.branch = { value: item.value, at };
  if (item.kind === 'status' && later(at, m.status?.at)) m.status = { value: item.status, at };
  const sig = signature(item);
  if (!sig) return;
  const first = defs.get(sig.id);
  if (!first) {
    defs.set(sig.id, { session: s, sig: sig.sig, text: sig.text, commit: c.sha, author: c.authorEmail });
    return;
  }
  if (first.session === s && first.sig === sig.sig) return;
  g.streamed.push({
    session: s,
    item: sig.id,
    kind: KIND_OF[sig.id.slice(0, 3)] ?? 'objective',
    reason: first.session === s ? 'text' : 'session',
    kept: { text: first.text, session: first.session, commit: first.commit, author: first.author },
    other: { text: sig.text, session: s, commit: c.sha, author: c.authorEmail },
  });
}

/**
 * The cache is derivable from history: whole lines by rename or append, no fsync needed; a file
 * that would be written as it is stays untouched. Caller holds the lock.
 */
function writeCache(ctx: Context, read: Gathered, full: boolean, result: RebuildResult): void {
  for (const [id, lines] of read.buckets) {
    if (full) writeIfChanged(historyFile(ctx, id), `${lines.join('\n')}\n`);
    else appendLines(historyFile(ctx, id), lines, false);
    result.events += lines.length;
  }
  // Sessions no longer in any reachable commit keep nothing in the cache.
  if (full)
    for (const id of historySessionIds(ctx)) if (!read.buckets.has(id)) writeIfChanged(historyFile(ctx, id), '');
}

/**
 * Sessions with local events, folded in full (the others need only their latest metadata). What
 * was just read is used as it is: the files written are not read back; after a partial read
 * (`earlier` given), the earlier commits come from what was loaded before, or from the file.
 */
function foldTouched(
  ctx: Context,
  touched: readonly string[],
  read: Gathered,
  earlier: Map<string, SessionEvent[]> | null,
): Map<string, Loaded> {
  const journals = new Map(touched.map((id) => [id, ctx.store.readJournal(id).events] as const));
  const withJournal = touched.filter((id) => journals.get(id)!.length > 0 || hasPeers(ctx.store.paths, id));
  forgetHistoryCache(ctx);
  for (const id of withJournal) {
    const before = earlier === null ? [] : earlier.get(id);
    if (before) primeHistoryCache(ctx, id, [...before, ...(read.fresh.get(id) ?? [])]);
  }
  return build(ctx, withJournal, journals);
}

/** Conflicts to report: between sessions from history, within one session from its fold. */
function reportConflicts(
  touched: readonly string[],
  read: Gathered,
  folded: Map<string, Loaded>,
  result: RebuildResult,
): void {
  const seen = new Set<string>();
  const report = (c: ReportedConflict) => {
    const key = `${c.session}\u0000${c.item}\u0000${c.other.text}\u0000${c.other.session}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.conflictCount++;
    if (result.conflicts.length < LISTED) result.conflicts.push(c);
  };
  for (const c of read.streamed) if (c.reason === 'session' || !folded.has(c.session)) report(c);
  for (const id of touched) {
    const l = folded.get(id);
    if (!l) continue;
    for (const c of l.state.conflicts)
      if (c.reason === 'text')
        report({
          session: id,
          item: c.item,
          kind: c.kind,
          reason: c.reason,
          kept: { text: c.kept.text, session: c.kept.session, commit: c.kept.commit, author: c.kept.author },
          other: { text: c.other.text, session: c.other.session, commit: c.other.commit, author: c.other.author },
        });
  }
}

/** The hooks need the session's files to put `Session:` on further commits of its branch. */
function writeSessionFiles(ctx: Context, id: string, l: Loaded | undefined, open: boolean, config: Config): void {
  if (l) writeDerived(ctx, l, config.trailers);
  else {
    // `trailers: off`: the branch's commits carry nothing and still join the session.
    const seq = config.trailers.mode === 'off' ? ('record' as const) : ('always' as const);
    const plan = open ? [{ seq, line: `Session: ${id}` }] : [];
    ctx.store.writeTrailers(id, renderTrailerFile(id, plan));
    ctx.store.writeCommitted(id, 0);
  }
}

/**
 * A branch is linked only when its own history carries the session: the nearest commit naming a
 * session on its first-parent line names this one. A claim alone links nothing.
 */
class BranchLinks {
  private branches: Map<string, string[]> | null = null;

  constructor(
    private readonly ctx: Context,
    private readonly w: Walk,
    private readonly sessionsOf: Map<string, string[]>,
    private readonly full: boolean,
  ) {}

  /** Link `branch` to session `id` when it is unlinked and carries it; whether it was linked. */
  link(branch: string, id: string): boolean {
    if (this.ctx.store.branchSession(branch) !== null) return false;
    this.branches ??= run(this.ctx.repo, branchTipsByName);
    const carried = (this.branches.get(branch) ?? []).some((tip) => {
      const near = nearestSessions(this.w, this.sessionsOf, tip, this.full) ?? nearestSessionsFromGit(this.ctx, tip);
      return near.includes(id);
    });
    if (!carried) return false;
    try {
      this.ctx.store.setBranchSession(branch, id);
      return true;
    } catch {
      // A branch name git would refuse: leave it unmapped.
      return false;
    }
  }
}

/** What was read, for the next rebuild: every tip with its clock, the shallow boundary, the trust. */
function writeState(ctx: Context, plan: ReadPlan, w: Walk, tipGen: Map<string, number>): void {
  const tipsWithGen: [string, number][] = plan.tips.map((t) => {
    const i = w.graph.indexOf(t);
    return [t, i === undefined ? (tipGen.get(t) ?? 0) : w.gen[i]!];
  });
  writeFileAtomic(
    statePath(ctx),
    `${JSON.stringify({ version: 2, tips: tipsWithGen, shallow: plan.shallow, trust: plan.trust } satisfies CacheState)}\n`,
  );
}

/**
 * Items a commit recorded in the session's journal carried, that the journal itself does not hold
 * (its line was set aside as damaged, or lost): what the history gives back.
 */
export function backFromHistory(ctx: Context, sessionId: string): string[] {
  const journal = ctx.store.readJournal(sessionId).events;
  if (journal.length === 0) return [];
  const rewrites = readRewrites(ctx.store.paths);
  const recorded = new Set<string>();
  const here = new Set<string>();
  for (const e of journal) {
    if (e.type === 'commit.recorded') recorded.add(finalSha(rewrites, e.sha)).add(e.sha);
    else if (e.type === 'objective.added') here.add(e.objective);
    else if (e.type === 'decision.recorded') here.add(e.decision);
    else if (e.type === 'blocker.added') here.add(e.blocker);
    else if (e.type === 'journal.added' || e.type === 'handoff.noted') here.add(e.entry ?? entryIdOf('log', e.id));
    else if (e.type === 'checkpoint.recorded') here.add(e.entry ?? entryIdOf('checkpoint', e.id));
  }
  const back = new Set<string>();
  for (const e of historyEventsOf(ctx, sessionId)) {
    if (e.origin === undefined || !recorded.has(e.origin)) continue;
    const id =
      e.type === 'objective.added'
        ? e.objective
        : e.type === 'decision.recorded'
          ? e.decision
          : e.type === 'blocker.added'
            ? e.blocker
            : e.type === 'journal.added' || e.type === 'handoff.noted' || e.type === 'checkpoint.recorded'
              ? (e.entry ?? null)
              : null;
    if (id !== null && !here.has(id)) back.add(id);
  }
  return [...back];
}

/**
 * Before a change of `sessionId` gets its clock: read the commits this clone made since the last
 * read, when the session's journal recorded one the history cache does not hold. A commit's clock
 * is at least that of every event it carried and one above its parents': the change must order
 * after it (core/clock.ts). Usually a few new commits; nothing when the cache holds them all.
 */
export async function readOwnCommits(ctx: Context, sessionId: string): Promise<void> {
  const journal = ctx.store.readJournal(sessionId).events;
  const recorded = journal.filter((e) => e.type === 'commit.recorded');
  if (recorded.length === 0) return;
  const cached = new Set(historyEventsOf(ctx, sessionId).map((e) => e.origin));
  const rewrites = readRewrites(ctx.store.paths);
  if (recorded.every((e) => e.type !== 'commit.recorded' || cached.has(finalSha(rewrites, e.sha)))) return;
  try {
    // Only new commits: after an amend or a rebase, a full read waits for the next `rebuild` (the
    // rewritten commit claims the clock it carried, so the change still orders after it).
    // The history cache stays loaded with what was read (rebuild primes it): nothing is read twice.
    await rebuild(ctx, { full: false, newOnly: true });
  } catch (e) {
    // The change still goes through; its clock then counts only what was read before.
    forgetHistoryCache(ctx);
    if (ctx.env.GIT_SESSION_DEBUG === '1') ctx.warn(`could not read the new commits: ${(e as Error).message}`);
  }
}
