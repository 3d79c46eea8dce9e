// Gathering what history, analyze, compare and report compute from: the sessions (local journal
// plus history), their commits' facts from git (one streamed `git log --numstat` for all of them),
// and the journal clock's active intervals. The analytics themselves are pure (src/analytics/).

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { journalIntervals } from '../analytics/activity.js';
import type { CommitFacts, SessionInput } from '../analytics/model.js';
import { copyCandidates } from '../analytics/squash-copies.js';
import { parseHeader } from '../codec/conventional.js';
import { diffOf, patchId } from '../git/commits.js';
import { run } from '../git/run.js';
import { type CommitStat, streamCommitStats } from '../git/stats.js';
import { storeError } from '../model/errors.js';
import { unionEvents } from '../model/events.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Context } from './context.js';
import { historyEventsOf } from './history-cache.js';
import type { Loaded } from './sessions.js';

// Only a subject that looks conventional goes through the parser (most history does not).
const LOOKS_CONVENTIONAL = /^\w+(\([^()]*\))?!?: /;

export function conventionalType(subject: string): string | null {
  return LOOKS_CONVENTIONAL.test(subject) ? parseHeader(subject).type : null;
}

function facts(c: CommitStat): CommitFacts {
  return {
    sha: c.sha,
    at: c.at,
    author: c.author,
    subject: c.subject,
    type: conventionalType(c.subject),
    files: c.files,
  };
}

/** The inputs of the given sessions. Commits git no longer has are left out. */
export async function sessionInputs(
  ctx: Context,
  loaded: readonly Loaded[],
  now: string,
  progress?: (done: number, total: number) => void,
): Promise<SessionInput[]> {
  const wanted = new Set<string>();
  for (const l of loaded) for (const c of l.state.commits) wanted.add(c.sha);
  const known = new Map<string, CommitFacts>();
  await streamCommitStats(ctx.repo, wanted, (c) => {
    known.set(c.sha, facts(c));
    progress?.(known.size, wanted.size);
  });
  const budget = { left: MAX_COPY_CHECKS_PER_RUN };
  return loaded.map((l) => {
    const commits = l.state.commits.flatMap((c) => {
      const f = known.get(c.sha);
      return f ? [f] : [];
    });
    commits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const copies = restated(ctx, commits, budget);
    // Lifecycle events (starts, pauses, resumes) exist only in a journal; history carries ends.
    const lifecycle = unionEvents(
      l.local.filter((e) => e.type.startsWith('session.')),
      historyEventsOf(ctx, l.state.id).filter((e) => e.type.startsWith('session.')),
    );
    return {
      state: l.state,
      commits: copies.size === 0 ? commits : commits.filter((c) => !copies.has(c.sha)),
      journal: journalIntervals(lifecycle, now),
    };
  });
}

/** Candidates git's patch-id is asked about per session, and per run (each costs a few git processes). */
const MAX_COPY_CHECKS = 20;
const MAX_COPY_CHECKS_PER_RUN = 100;

/**
 * The session's commits that restate others of it — a squash merge of its branch while the branch
 * still exists, a cherry-picked copy — as git's stable patch-id tells (issue 10 point 6): counted
 * once, by the originals. Once the originals are gone (the branch deleted), the copy counts.
 */
function restated(ctx: Context, commits: readonly CommitFacts[], budget: { left: number }): Set<string> {
  const out = new Set<string>();
  const patchOf = (from: string, to: string): string | null => {
    const diff = run(ctx.repo, diffOf(from, to));
    return diff === null ? null : run(ctx.repo, patchId(diff));
  };
  for (const c of copyCandidates(commits).slice(0, MAX_COPY_CHECKS)) {
    if (c.of.some((sha) => out.has(sha))) continue;
    if (budget.left-- <= 0) break;
    const mine = patchOf(`${c.copy}^`, c.copy);
    if (mine === null) continue;
    // The earlier commits as one change (one line of history: a squash), or one of them (a pick).
    const together = patchOf(`${c.of[0]}^`, c.of[c.of.length - 1]!);
    if (together === mine || (c.of.length > 1 && c.of.some((sha) => patchOf(`${sha}^`, sha) === mine))) out.add(c.copy);
  }
  return out;
}

/** True when this clone has never read the history (a fresh clone before `git session rebuild`). */
export function historyNeverRead(ctx: Context): boolean {
  return !existsSync(join(ctx.store.paths.history, 'state.json'));
}

/** A report written where `--output` says (relative to where it was typed); its absolute path. */
export function writeReport(ctx: Context, output: string, text: string): string {
  const path = resolve(ctx.cwd, output);
  try {
    writeFileAtomic(path, text, 0o644, false);
  } catch (e) {
    const message = (e as Error).message;
    throw storeError(
      message.startsWith('cannot write') ? message : `cannot write ${path}: ${message}`,
      'choose a writable path with --output',
    );
  }
  return path;
}
