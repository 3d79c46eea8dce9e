import type { Context } from '../app/context.js';
import { rebuild as runRebuild } from '../app/rebuild.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

/** Rebuild every session that reached the history, from the trailers of all reachable commits. */
export async function rebuild(ctx: Context, io: Io, o: { full: boolean }): Promise<Output> {
  const r = await runRebuild(ctx, o);
  const st = io.style;
  if (r.upToDate) return { json: r, text: `Up to date: no new commits since the last rebuild (${r.ms} ms).` };
  const lines = [
    `Read ${r.scanned} commit${r.scanned === 1 ? '' : 's'} that may carry trailers in ${r.ms} ms${r.full ? ' (full rebuild)' : ' (new commits only)'}: ${r.sessionCommits} belong to sessions${r.known > 0 ? `, ${r.known} of them already recorded here` : ''}.`,
  ];
  for (const s of r.sessions)
    lines.push(
      `  ${s.isNew ? st.green('new') : 'upd'}  ${safeLine(s.name).padEnd(24)} ${st.dim(s.id)}  ${s.commits} commit${s.commits === 1 ? '' : 's'}`,
    );
  for (const m of r.mapped) lines.push(st.dim(`  linked branch ${safeLine(m.branch)} to its session`));
  const timings =
    ctx.env.GIT_SESSION_DEBUG === '1'
      ? [
          `timings (ms since process start): ${Object.entries(r.phases)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        ]
      : [];
  const notes = [...timings];
  const malformed =
    r.rejected.length > 0
      ? [
          `Ignored ${r.rejected.length} malformed session trailer${r.rejected.length === 1 ? '' : 's'} (hand-written or damaged), e.g. ${safeLine(r.rejected[0]!.slice(0, 100))}`,
        ]
      : [];
  notes.push(...malformed);
  return { json: r, text: lines.join('\n'), notes };
}
