// `git session doctor` (alias repair): put right what can be put right without losing anything —
// leftovers of killed runs removed, damaged journal lines moved aside verbatim, derived files
// rewritten from the journals, branch links to missing sessions removed, items a commit still
// holds read back from the history — and say what could not be (commands/doctor.ts prints it).

import { relative } from 'node:path';
import type { Config } from '../codec/config.js';
import { GitSessionError } from '../model/errors.js';
import type { Context } from './context.js';
import { hooksStatus, type StatusReport } from './hook-install.js';
import { writeDerived } from './mutate.js';
import { loadSession } from './sessions.js';

export interface Problem {
  message: string;
  hint: string | null;
}

function problemOf(e: unknown): Problem {
  if (e instanceof GitSessionError) return { message: e.message, hint: e.hint ?? null };
  return { message: e instanceof Error ? e.message : String(e), hint: null };
}

export interface Repair {
  problems: Problem[];
  /** Damaged journal lines moved aside, per session. */
  repaired: { session: string; lines: number[]; file: string }[];
  /** Branch links whose session no longer exists. */
  unlinked: string[];
  /** Sessions whose derived files were rewritten. */
  regenerated: number;
  /** Leftover files of interrupted runs, removed (relative to the store). */
  leftovers: string[];
  /** Items the history gave back that the journal had lost. */
  restored: { session: string; items: string[] }[];
  /** What the history read found. */
  history: { upToDate: boolean; scanned: number };
  /** Whether the store could be written at all (a read-only store: nothing was repaired). */
  writable: boolean;
  /** Whether the configuration could be read (the derived files depend on it). */
  configured: boolean;
  hooks: StatusReport;
}

export async function repair(ctx: Context): Promise<Repair> {
  const problems: Problem[] = [];
  let config: Config | null = null;
  try {
    config = await ctx.config();
  } catch (e) {
    // The derived files depend on the config: they are left as they are until it can be read.
    problems.push(problemOf(e));
  }
  const repaired: { session: string; lines: number[]; file: string }[] = [];
  const unlinked: string[] = [];
  let regenerated = 0;
  // A store that cannot be written is said so up front: nothing below could be repaired.
  const readOnly = ctx.store.exists() ? ctx.store.writeProblem() : null;
  if (readOnly) problems.push({ ...problemOf(readOnly), message: `${readOnly.message}; nothing was repaired` });
  else {
    try {
      ctx.store.ensure();
      ctx.store.lock(() => {
        ctx.store.sweepAll();
        for (const id of ctx.store.sessionIds()) {
          try {
            const read = ctx.store.readJournal(id);
            if (read.damaged.length > 0) {
              const file = ctx.store.setAsideDamaged(id, read, ctx.now());
              repaired.push({ session: id, lines: read.damaged.map((d) => d.line), file });
            }
            const loaded = loadSession(ctx, id);
            if (loaded && config) {
              writeDerived(ctx, loaded, config.trailers);
              regenerated++;
            }
          } catch (e) {
            problems.push(problemOf(e));
          }
        }
        for (const [branch, id] of ctx.store.branchEntries()) {
          if (!ctx.store.sessionDirExists(id)) {
            ctx.store.removeBranchSession(branch);
            unlinked.push(branch);
          }
        }
      });
    } catch (e) {
      problems.push(problemOf(e));
    }
  }
  const leftovers = ctx.store.removedLeftovers.map((p) => relative(ctx.store.paths.root, p) || p);
  // Whatever a commit still holds comes back: read the history (new commits, or all of it when the
  // cache is from an older version or another trust), then name what it gave back.
  const restored: { session: string; items: string[] }[] = [];
  let history: { upToDate: boolean; scanned: number } = { upToDate: true, scanned: 0 };
  if (!readOnly && config) {
    try {
      const { backFromHistory, rebuild } = await import('./rebuild.js');
      history = await rebuild(ctx, { full: false });
      for (const session of ctx.store.sessionIds()) {
        const items = backFromHistory(ctx, session);
        if (items.length > 0) restored.push({ session, items });
      }
    } catch (e) {
      problems.push(problemOf(e));
    }
  }
  return {
    problems,
    repaired,
    unlinked,
    regenerated,
    leftovers,
    restored,
    history,
    writable: !readOnly,
    configured: config !== null,
    hooks: hooksStatus(ctx),
  };
}
