import type { Context } from '../app/context.js';
import type { Io, Output } from './output.js';

/** Move damaged journal lines aside (kept verbatim in damaged.jsonl) so every session loads again. */
export async function repair(ctx: Context, _io: Io): Promise<Output> {
  const moved: { session: string; lines: number[]; file: string }[] = [];
  ctx.store.lock(() => {
    for (const id of ctx.store.sessionIds()) {
      const read = ctx.store.readJournal(id);
      if (read.damaged.length === 0) continue;
      const file = ctx.store.setAsideDamaged(id, read, ctx.now());
      moved.push({ session: id, lines: read.damaged.map((d) => d.line), file });
    }
  });
  const text =
    moved.length === 0
      ? 'Nothing to repair: every journal reads cleanly.'
      : moved
          .map((m) => `${m.session}: moved line${m.lines.length > 1 ? 's' : ''} ${m.lines.join(', ')} to ${m.file}`)
          .join('\n');
  return { json: { repaired: moved }, text };
}
