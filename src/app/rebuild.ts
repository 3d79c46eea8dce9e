// `git session rebuild`: every session that reached the history, read back from its trailers.
// One streaming git log; a cache of the ref tips already read, so a re-run reads only commits
// that are new. Results go to sessions/history/ (derivable); local journals are never touched,
// and commits the local journal already recorded are skipped (their items are local events).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrailerLines } from '../codec/trailers.js';
import { finalSha, isOpen } from '../core/fold.js';
import { renderTrailerFile } from '../core/trailer-plan.js';
import { currentBranch, git, headSha, runGit } from '../git/git.js';
import { refTips, streamSessionCommits } from '../git/log-stream.js';
import { appendLines, makeDirs, writeFileAtomic } from '../store/atomic.js';
import { readRewrites } from '../store/rewrites.js';
import type { Context } from './context.js';
import { forgetHistoryCache, historyFile, historySessionIds, recordOf } from './history-cache.js';
import { writeDerived } from './mutate.js';
import { build } from './sessions.js';

export interface RebuildResult {
  upToDate: boolean;
  full: boolean;
  /** Commits git listed as possibly carrying trailers. */
  scanned: number;
  /** Commits whose trailer block names a session. */
  sessionCommits: number;
  /** Of those, commits the local journal already knew. */
  known: number;
  events: number;
  sessions: { id: string; name: string; commits: number; isNew: boolean }[];
  rejected: string[];
  mapped: { branch: string; session: string }[];
  ms: number;
  /** Milliseconds since the process started at each phase (GIT_SESSION_DEBUG=1 prints them). */
  phases: Record<string, number>;
}

interface CacheState {
  version: 1;
  tips: string[];
}

function statePath(ctx: Context): string {
  return join(ctx.store.paths.history, 'state.json');
}

function readState(ctx: Context): CacheState | null {
  try {
    const s = JSON.parse(readFileSync(statePath(ctx), 'utf8')) as CacheState;
    return s.version === 1 && Array.isArray(s.tips) ? s : null;
  } catch {
    return null;
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
function historyRewritten(ctx: Context, tips: readonly string[]): boolean {
  const before = readState(ctx)?.tips.filter((t) => !tips.includes(t)) ?? [];
  if (before.length === 0) return false;
  const r = runGit(['rev-list', '--max-count=1', ...before, '--not', ...tips, '--'], { cwd: ctx.repo.top });
  return r.status !== 0 || r.stdout.trim() !== '';
}

export async function rebuild(
  ctx: Context,
  options: { full: boolean; progress?: (commitsRead: number) => void },
): Promise<RebuildResult> {
  const started = Date.now();
  ctx.store.ensure();
  const run = (args: string[]) => git(args, { cwd: ctx.repo.top });
  // A checked-out branch is among the refs; only a detached HEAD adds a tip of its own.
  const tips = refTips(run, currentBranch(ctx.repo) === null ? headSha(ctx.repo) : null);
  // Loading the configuration (yaml) overlaps with git's walk below.
  const configLoaded = ctx.config();
  const previous = options.full || historyRewritten(ctx, tips) ? null : readState(ctx);
  const result: RebuildResult = {
    upToDate: false,
    full: previous === null,
    scanned: 0,
    sessionCommits: 0,
    known: 0,
    events: 0,
    sessions: [],
    rejected: [],
    mapped: [],
    ms: 0,
    phases: { start: Math.round(performance.now()) },
  };
  const phase = (name: string) => {
    result.phases[name] = Math.round(performance.now());
  };
  // A repository without commits has no history to read.
  if (
    tips.length === 0 ||
    (previous && previous.tips.length === tips.length && previous.tips.every((t, i) => t === tips[i]))
  ) {
    result.upToDate = true;
    result.ms = Date.now() - started;
    return result;
  }

  phase('tips');
  const known = knownCommits(ctx);
  const before = new Set([...ctx.store.sessionIds(), ...historySessionIds(ctx)]);
  const buckets = new Map<string, string[]>();
  const commitsPerSession = new Map<string, number>();
  // The walk is newest first: the first name, branch and status seen for a session are its latest.
  const latest = new Map<string, { name?: string; branch?: string; status?: string }>();
  let position = 0;
  makeDirs(ctx.store.paths.history);
  result.scanned = await streamSessionCommits(
    ctx.repo,
    tips,
    previous?.tips ?? [],
    (c) => {
      // git log emits every commit before its parents: the position is a topological rank.
      const pos = position++;
      options.progress?.(position);
      const { items, rejected } = parseTrailerLines(c.trailers.join('\n'));
      const sessions: string[] = [];
      let current: string | null = null;
      for (const item of items) {
        if (item.kind === 'session') {
          current = item.session;
          if (!sessions.includes(current)) sessions.push(current);
          continue;
        }
        if (current === null) continue;
        let meta = latest.get(current);
        if (!meta) {
          meta = {};
          latest.set(current, meta);
        }
        if (item.kind === 'info' && item.field === 'name') meta.name ??= item.value;
        if (item.kind === 'info' && item.field === 'branch') meta.branch ??= item.value;
        if (item.kind === 'status') meta.status ??= item.status;
      }
      if (sessions.length === 0) return;
      result.sessionCommits++;
      result.rejected.push(...rejected);
      for (const s of sessions) commitsPerSession.set(s, (commitsPerSession.get(s) ?? 0) + 1);
      if (known.has(c.sha)) {
        result.known++;
        return;
      }
      const line = JSON.stringify(recordOf(c, pos));
      for (const s of sessions) {
        const bucket = buckets.get(s);
        if (bucket) bucket.push(line);
        else buckets.set(s, [line]);
      }
    },
    ctx.store.paths.history,
  );

  phase('streamed');
  const config = await configLoaded;
  ctx.store.lock(() => {
    // The cache is derivable from history: whole lines by rename or append, no fsync needed.
    for (const [id, lines] of buckets) {
      if (result.full) writeFileAtomic(historyFile(ctx, id), `${lines.join('\n')}\n`, 0o644, false);
      else appendLines(historyFile(ctx, id), lines, false);
      result.events += lines.length;
    }
    if (result.full) {
      // Sessions no longer in any reachable commit keep nothing in the cache.
      for (const id of historySessionIds(ctx))
        if (!buckets.has(id)) writeFileAtomic(historyFile(ctx, id), '', 0o644, false);
    }
    forgetHistoryCache(ctx);
    const touched = [...new Set([...buckets.keys(), ...commitsPerSession.keys()])];
    const withJournal = touched.filter((id) => ctx.store.readJournal(id).events.length > 0);
    // Sessions with local events are folded in full; the others need only their latest metadata.
    const folded = build(ctx, withJournal, new Map(withJournal.map((id) => [id, ctx.store.readJournal(id).events])));
    for (const id of touched) {
      const l = folded.get(id);
      const meta = latest.get(id) ?? {};
      const open = l ? isOpen(l.state) : meta.status !== 'completed' && meta.status !== 'abandoned';
      const branch = l ? l.state.branch : (meta.branch ?? '');
      // The hooks need the session's files to put `Session:` on further commits of its branch.
      if (l) writeDerived(ctx, l, config.trailers);
      else {
        const plan = open && config.trailers.enabled ? [{ seq: 'always' as const, line: `Session: ${id}` }] : [];
        ctx.store.writeTrailers(id, renderTrailerFile(id, plan));
        ctx.store.writeCommitted(id, 0);
      }
      if (branch && open && ctx.store.branchSession(branch) === null) {
        try {
          ctx.store.setBranchSession(branch, id);
          result.mapped.push({ branch, session: id });
        } catch {
          // A branch name git would refuse: leave it unmapped.
        }
      }
      result.sessions.push({
        id,
        name: l ? l.state.name : (meta.name ?? id.slice(0, 8)),
        commits: commitsPerSession.get(id) ?? 0,
        isNew: !before.has(id),
      });
    }
    writeFileAtomic(statePath(ctx), `${JSON.stringify({ version: 1, tips } satisfies CacheState)}\n`);
  });
  phase('written');
  result.ms = Date.now() - started;
  return result;
}
