import type { Context } from '../app/context.js';
import { type ReportedConflict, rebuild as runRebuild } from '../app/rebuild.js';
import { MAX_ITEMS_PER_COMMIT, MAX_SESSIONS_PER_COMMIT } from '../core/history-import.js';
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
  if (r.malformed > 0)
    notes.push(
      `Ignored ${plural(r.malformed, 'malformed session trailer')} (hand-written or damaged), e.g. ${safeLine(r.rejected[0]!.slice(0, 100))}`,
    );
  if (r.skipped.tooLong > 0)
    notes.push(`Skipped ${plural(r.skipped.tooLong, 'trailer value')} longer than 16 KiB (the limit of typed text)`);
  if (r.skipped.sessions > 0 || r.skipped.items > 0)
    notes.push(
      `Skipped ${plural(r.skipped.sessions, 'session')} and ${plural(r.skipped.items, 'item')} beyond what one commit may carry (${MAX_SESSIONS_PER_COMMIT} sessions, ${MAX_ITEMS_PER_COMMIT} items)`,
    );
  if (r.skipped.unsigned > 0)
    notes.push(`Skipped ${plural(r.skipped.unsigned, 'commit')} whose signature git does not verify (trust: signed)`);
  for (const c of r.conflicts) notes.push(conflictLine(c));
  if (r.conflictCount > r.conflicts.length) notes.push(`… and ${r.conflictCount - r.conflicts.length} more conflicts`);
  return { json: r, text: lines.join('\n'), notes };
}

/** One line per conflict: both versions are kept; this says where the other one came from. */
export function conflictLine(c: ReportedConflict): string {
  const where = (v: ReportedConflict['kept']) =>
    `${v.commit ? `commit ${v.commit.slice(0, 12)}` : 'this clone'}, ${safeLine(v.author)}`;
  const text = (t: string) => `"${safeLine(t.length > 60 ? `${t.slice(0, 60)}…` : t)}"`;
  return c.reason === 'session'
    ? `Conflict: ${c.item} of session ${c.session.slice(0, 13)} is also used by session ${c.other.session.slice(0, 13)} (${where(c.other)}); both kept`
    : `Conflict: ${c.item} in session ${c.session.slice(0, 13)} says ${text(c.kept.text)} (${where(c.kept)}) and ${text(c.other.text)} (${where(c.other)}); both kept`;
}
