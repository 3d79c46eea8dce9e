// `git session rebuild`: every session that reached the history, read back from its trailers.
// One streaming git log; a cache of the ref tips already read, so a re-run reads only commits
// that are new. Results go to sessions/history/ (derivable); local journals are never touched,
// and commits the local journal already recorded are skipped (their items are local events).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionEvent } from '../core/events.js';
import { finalSha, isOpen } from '../core/fold.js';
import { importCommit } from '../core/history-import.js';
import { git } from '../git/git.js';
import { refTips, streamSessionCommits } from '../git/log-stream.js';
import { appendLines, writeFileAtomic } from '../store/atomic.js';
import { readRewrites } from '../store/rewrites.js';
import type { Context } from './context.js';
import { forgetHistoryCache, historyFile } from './history-cache.js';
import { writeDerived } from './mutate.js';
import { loadAllSessions } from './sessions.js';

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

export async function rebuild(ctx: Context, options: { full: boolean }): Promise<RebuildResult> {
  const started = Date.now();
  ctx.store.ensure();
  const run = (args: string[]) => git(args, { cwd: ctx.repo.top });
  const tips = refTips(run);
  const previous = options.full ? null : readState(ctx);
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
  };
  if (previous && previous.tips.length === tips.length && previous.tips.every((t, i) => t === tips[i])) {
    result.upToDate = true;
    result.ms = Date.now() - started;
    return result;
  }

  const known = knownCommits(ctx);
  const before = new Set(loadAllSessions(ctx).map((l) => l.state.id));
  const bySession = new Map<string, SessionEvent[]>();
  const commitsPerSession = new Map<string, number>();
  let position = 0;
  result.scanned = await streamSessionCommits(ctx.repo, tips, previous?.tips ?? [], (c) => {
    // git log emits every commit before its parents: the position is a topological rank.
    const imported = importCommit(c, position++);
    if (imported.sessions.length === 0) return;
    result.sessionCommits++;
    result.rejected.push(...imported.rejected);
    for (const s of imported.sessions) commitsPerSession.set(s, (commitsPerSession.get(s) ?? 0) + 1);
    if (known.has(c.sha)) {
      result.known++;
      return;
    }
    for (const e of imported.events) {
      let list = bySession.get(e.session);
      if (!list) {
        list = [];
        bySession.set(e.session, list);
      }
      list.push(e);
    }
  });

  const config = await ctx.config();
  ctx.store.lock(() => {
    for (const [id, events] of bySession) {
      const lines = events.map((e) => JSON.stringify(e));
      if (result.full) writeFileAtomic(historyFile(ctx, id), `${lines.join('\n')}\n`);
      else appendLines(historyFile(ctx, id), lines);
      result.events += events.length;
    }
    if (result.full) {
      // Sessions no longer in any reachable commit keep nothing in the cache.
      for (const l of loadAllSessions(ctx)) {
        if (!bySession.has(l.state.id) && !l.state.local) writeFileAtomic(historyFile(ctx, l.state.id), '');
      }
    }
    forgetHistoryCache(ctx);
    const all = loadAllSessions(ctx);
    for (const l of all) {
      if (!bySession.has(l.state.id) && !commitsPerSession.has(l.state.id)) continue;
      // The hooks need the session's files to put `Session:` on further commits of its branch.
      writeDerived(ctx, l, config.trailers);
      const branch = l.state.branch;
      if (branch && ctx.store.branchSession(branch) === null && isOpen(l.state)) {
        try {
          ctx.store.setBranchSession(branch, l.state.id);
          result.mapped.push({ branch, session: l.state.id });
        } catch {
          // A branch name git would refuse: leave it unmapped.
        }
      }
      result.sessions.push({
        id: l.state.id,
        name: l.state.name,
        commits: commitsPerSession.get(l.state.id) ?? 0,
        isNew: !before.has(l.state.id),
      });
    }
    writeFileAtomic(statePath(ctx), `${JSON.stringify({ version: 1, tips } satisfies CacheState)}\n`);
  });
  result.ms = Date.now() - started;
  return result;
}
