import type { Context } from '../app/context.js';
import { rebuild as runRebuild } from '../app/rebuild.js';
import { safeLine } from '../render/term.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

/** Rebuild every session that reached the history, from the trailers of all reachable commits. */
export async function rebuild(ctx: Context, io: Io, o: { full: boolean }): Promise<Output> {
  const progress = io.progress?.('Reading history');
  let r: Awaited<ReturnType<typeof runRebuild>>;
  try {
    r = await runRebuild(ctx, { ...o, progress: (n) => progress?.tick(n) });
  } finally {
    progress?.end();
  }
  const st = io.style;
  if (r.upToDate) return { json: r, text: `Up to date: no new commits since the last rebuild (${r.ms} ms).` };
  const lines = [
    `Read ${plural(r.scanned, 'commit')} that may carry trailers in ${r.ms} ms${r.full ? ' (full rebuild)' : ' (new commits only)'}: ${r.sessionCommits} belong to sessions${r.known > 0 ? `, ${r.known} of them already recorded here` : ''}.`,
  ];
  for (const s of r.sessions)
    lines.push(
      `  ${s.isNew ? st.green('new') : 'upd'}  ${safeLine(s.name).padEnd(24)} ${st.dim(s.id)}  ${plural(s.commits, 'commit')}`,
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
          `Ignored ${plural(r.rejected.length, 'malformed session trailer')} (hand-written or damaged), e.g. ${safeLine(r.rejected[0]!.slice(0, 100))}`,
        ]
      : [];
  notes.push(...malformed);
  return { json: r, text: lines.join('\n'), notes };
}
