// `git session doctor` (alias repair): check the store and put right what can be put right
// without losing anything — damaged journal lines moved aside verbatim, derived files rewritten
// from the journals, branch links to missing sessions removed — and report the hooks' state.

import type { Context } from '../app/context.js';
import { hooksStatus } from '../app/hooks.js';
import { writeDerived } from '../app/mutate.js';
import { loadSession } from '../app/sessions.js';
import type { Io, Output } from './output.js';

export async function doctor(ctx: Context, io: Io): Promise<Output> {
  const config = await ctx.config();
  const repaired: { session: string; lines: number[]; file: string }[] = [];
  const unlinked: string[] = [];
  let regenerated = 0;
  ctx.store.ensure();
  ctx.store.lock(() => {
    for (const id of ctx.store.sessionIds()) {
      const read = ctx.store.readJournal(id);
      if (read.damaged.length > 0) {
        const file = ctx.store.setAsideDamaged(id, read, ctx.now());
        repaired.push({ session: id, lines: read.damaged.map((d) => d.line), file });
      }
      const loaded = loadSession(ctx, id);
      if (loaded) {
        writeDerived(ctx, loaded, config.trailers);
        regenerated++;
      }
    }
    for (const [branch, id] of ctx.store.branchEntries()) {
      if (!ctx.store.sessionDirExists(id)) {
        ctx.store.removeBranchSession(branch);
        unlinked.push(branch);
      }
    }
  });
  // Whatever a commit still holds comes back: read the history (new commits, or all of it when the
  // cache is from an older version or another trust), then name what it gave back.
  const { backFromHistory, rebuild } = await import('../app/rebuild.js');
  const history = await rebuild(ctx, { full: false });
  const restored = ctx.store
    .sessionIds()
    .map((session) => ({ session, items: backFromHistory(ctx, session) }))
    .filter((r) => r.items.length > 0);
  const hooks = hooksStatus(ctx);
  const st = io.style;
  const lines: string[] = [];
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
  lines.push(
    `${st.green('ok')} rewrote the trailers and marks the hooks read, for ${regenerated} session${regenerated === 1 ? '' : 's'}`,
  );
  if (hooks.problems.length === 0 && hooks.installed) lines.push(`${st.green('ok')} hooks installed and reached`);
  for (const p of hooks.problems) lines.push(`${st.yellow('hooks')} ${p.message} — ${p.fix}`);
  if (hooks.hooks.every((h) => h.state === 'missing'))
    lines.push(`${st.yellow('hooks')} not installed — run: git session hooks install`);
  return { json: { repaired, unlinked, regenerated, restored, hooks }, text: lines.join('\n') };
}
