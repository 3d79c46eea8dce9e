// `git session import [PATH...]`: what was imported, session by session; every warning as
// `file:line: message` on stderr, as compilers print theirs.

import type { Context } from '../app/context.js';
import { type ImportReport, importSeeds } from '../app/import.js';
import { safeLine } from '../render/term.js';
import { noun, plural } from '../render/words.js';
import type { Io, Output } from './output.js';

/** Event types as the counts name them. */
const NOUNS: [string, string][] = [
  ['objective.added', 'objective'],
  ['decision.recorded', 'decision'],
  ['blocker.added', 'blocker'],
  ['journal.added', 'entry'],
  ['checkpoint.recorded', 'checkpoint'],
  ['child.spawned', 'agent'],
  ['handoff.noted', 'handoff'],
  ['agent.compacted', 'compaction'],
];

function what(added: Record<string, number>): string {
  const parts = NOUNS.filter(([t]) => (added[t] ?? 0) > 0).map(([t, word]) =>
    word === 'entry' ? `${added[t]} journal ${noun(added[t]!, word)}` : plural(added[t]!, word),
  );
  const moves =
    (added['objective.completed'] ?? 0) + (added['objective.started'] ?? 0) + (added['objective.reopened'] ?? 0);
  if (moves > 0) parts.push(plural(moves, 'objective change'));
  if ((added['blocker.resolved'] ?? 0) > 0 && !added['blocker.added'])
    parts.push(plural(added['blocker.resolved']!, 'resolution'));
  return parts.join(', ');
}

function text(r: ImportReport, verbose: boolean): string {
  if (r.sessions.length === 0)
    return r.refused.length > 0
      ? `Nothing imported: ${plural(r.refused.length, 'path')} could not be read.`
      : r.files === 0
        ? 'No session files found (.sessions/, .agents/sessions/, SESSION.md, .codemap/sessions/, .git/sessions/). Name them: git session import PATH...'
        : 'No sessions in the files read.';
  const verb = r.dryRun ? 'Would import' : 'Imported';
  const lines: string[] = [];
  for (const s of r.sessions) {
    const head = `${s.result.padEnd(9)} seed ${s.seed}  ${safeLine(s.name)}`;
    const detail =
      s.result === 'unchanged'
        ? 'nothing new'
        : `${plural(s.events, 'event')}${what(s.added) ? `: ${what(s.added)}` : ''}`;
    lines.push(`${head}  ${s.status}  ${detail}`);
    if (verbose) for (const f of s.sources) lines.push(`          ${safeLine(f)}`);
  }
  const changed = r.sessions.filter((s) => s.result !== 'unchanged').length;
  lines.push(
    `${verb} ${plural(changed, 'session')} from ${plural(r.files, 'file')}${changed < r.sessions.length ? `; ${r.sessions.length - changed} unchanged` : ''}.`,
  );
  for (const l of r.linked) lines.push(`Linked branch ${safeLine(l.branch)} to its imported session.`);
  return lines.join('\n');
}

export async function importSessions(
  ctx: Context,
  io: Io,
  o: { paths: string[]; dryRun: boolean; verbose: boolean },
): Promise<Output> {
  const report = await importSeeds(ctx, { paths: o.paths, dryRun: o.dryRun, progress: io.progress });
  const notes = report.warnings.map((w) => safeLine(`${w.file}${w.line !== null ? `:${w.line}` : ''}: ${w.message}`));
  if (o.verbose) for (const s of report.skipped) notes.push(safeLine(`${s.file}: skipped: ${s.reason}`));
  else if (report.skipped.length > 0)
    notes.push(`${plural(report.skipped.length, 'file')} left alone (--verbose lists them).`);
  return {
    json: report,
    text: text(report, o.verbose),
    notes,
    exitCode: report.refused.length > 0 ? 1 : 0,
  };
}
