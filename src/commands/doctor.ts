// `git session doctor` (alias repair): check the store and put right what can be put right
// without losing anything — leftovers of killed runs removed, damaged journal lines moved aside
// verbatim, derived files rewritten from the journals, branch links to missing sessions removed —
// and report the hooks' state. What it cannot put right (a read-only store, a config it cannot
// read, a file it cannot write) is reported, and the exit code is 1.

import { relative } from 'node:path';
import type { Context } from '../app/context.js';
import { hooksStatus } from '../app/hooks.js';
import { writeDerived } from '../app/mutate.js';
import { loadSession } from '../app/sessions.js';
import type { Config } from '../codec/config.js';
import { GitSessionError } from '../model/errors.js';
import type { Io, Output } from './output.js';

interface Problem {
  message: string;
  hint: string | null;
}

function problemOf(e: unknown): Problem {
  if (e instanceof GitSessionError) return { message: e.message, hint: e.hint ?? null };
  return { message: e instanceof Error ? e.message : String(e), hint: null };
}

export async function doctor(ctx: Context, io: Io): Promise<Output> {
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
      const { backFromHistory, rebuild } = await import('../app/rebuild.js');
      history = await rebuild(ctx, { full: false });
      for (const session of ctx.store.sessionIds()) {
        const items = backFromHistory(ctx, session);
        if (items.length > 0) restored.push({ session, items });
      }
    } catch (e) {
      problems.push(problemOf(e));
    }
  }
  const hooks = hooksStatus(ctx);
  const st = io.style;
  const lines: string[] = [];
  for (const p of problems) lines.push(`${st.red('error')} ${p.message}${p.hint ? ` — ${p.hint}` : ''}`);
  if (leftovers.length > 0)
    lines.push(
      `${st.yellow('removed')} ${leftovers.length} leftover file${leftovers.length === 1 ? '' : 's'} of interrupted runs: ${leftovers.join(', ')}`,
    );
  for (const r of repaired)
    lines.push(
      `${st.yellow('repaired')} ${r.session}: moved damaged line${r.lines.length > 1 ? 's' : ''} ${r.lines.join(', ')} to ${r.file}`,
    );
  for (const b of unlinked) lines.push(`${st.yellow('unlinked')} branch ${b}: its session no longer exists`);
  for (const r of restored)
    lines.push(
      `${st.green('restored')} ${r.session}: ${r.items.join(', ')} from the history (their journal lines are in damaged.jsonl)`,
    );
  if (!history.upToDate)
    lines.push(
      `${st.green('ok')} read ${history.scanned} new commit${history.scanned === 1 ? '' : 's'} of the history`,
    );
  if (!readOnly && config)
    lines.push(
      `${st.green('ok')} rewrote the trailers and marks the hooks read, for ${regenerated} session${regenerated === 1 ? '' : 's'}`,
    );
  if (hooks.problems.length === 0 && hooks.installed) lines.push(`${st.green('ok')} hooks installed and reached`);
  for (const p of hooks.problems) lines.push(`${st.yellow('hooks')} ${p.message} — ${p.fix}`);
  if (hooks.hooks.every((h) => h.state === 'missing'))
    lines.push(`${st.yellow('hooks')} not installed — run: git session hooks install`);
  return {
    json: { repaired, unlinked, regenerated, restored, leftovers, problems, hooks },
    text: lines.join('\n'),
    ...(problems.length > 0 ? { exitCode: 1 } : {}),
  };
}
