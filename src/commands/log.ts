import { change, targetSessionId } from '../app/change.js';
import type { Context } from '../app/context.js';
import { decideLog } from '../core/decide/journal.js';
import { shortIds } from '../core/short-ids.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import type { JournalKind } from '../model/events.js';
import { clip } from '../model/text.js';
import { safeBlock, safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export interface LogOptions {
  progress: string[];
  discovery: string[];
  next: string[];
  done: string[];
  decision: string[];
  rationale?: string;
  alternatives?: string;
  blocker: string[];
  session?: string;
}

/**
 * Journal entries. `--done` also completes the objective it names (by id or exact text);
 * `--decision` and `--blocker` are shorthands for the decisions and blockers commands.
 */
export async function log(ctx: Context, _io: Io, o: LogOptions): Promise<Output> {
  const entries: [JournalKind, string][] = [
    ...o.progress.map((t) => ['progress', t] as [JournalKind, string]),
    ...o.discovery.map((t) => ['discovery', t] as [JournalKind, string]),
    ...o.next.map((t) => ['next', t] as [JournalKind, string]),
    ...o.done.map((t) => ['done', t] as [JournalKind, string]),
  ];
  if (entries.length === 0 && o.decision.length === 0 && o.blocker.length === 0)
    throw usageError('nothing to log', 'git session log --progress "…" | --discovery "…" | --next "…" | --done "…"');
  if ((o.rationale !== undefined || o.alternatives !== undefined) && o.decision.length !== 1)
    throw usageError(
      '--rationale and --alternatives go with exactly one --decision',
      'git session log --decision "…" --rationale "…"',
    );
  for (const [kind, text] of entries) checkText(`${kind} entry`, text);
  for (const t of o.decision) checkText('decision', t);
  for (const t of o.blocker) checkText('blocker', t);
  if (o.rationale !== undefined) checkText('rationale', o.rationale);
  if (o.alternatives !== undefined) checkText('alternatives', o.alternatives);

  const id = targetSessionId(ctx, o.session);
  const m = await change(ctx, id, (s) =>
    decideLog(
      s,
      {
        entries,
        decisions: o.decision,
        details: { rationale: o.rationale, alternatives: o.alternatives },
        blockers: o.blocker,
      },
      ctx.random,
    ),
  );
  const short = shortIds(m.loaded.state);
  const lines = m.appended.map((e) => {
    switch (e.type) {
      case 'journal.added':
        return `Logged ${e.kind}: ${safeBlock(e.text, '  ')}`;
      case 'objective.completed':
        return `Completed ${short(e.objective)}`;
      case 'decision.recorded':
        return `Recorded ${short(e.decision)}: ${safeBlock(e.text, '  ')}`;
      case 'blocker.added':
        return `Added ${short(e.blocker)}: ${safeBlock(e.text, '  ')}`;
      default:
        return '';
    }
  });
  const notes = m.result.unmatched.map(
    (t) => `--done "${safeLine(clip(t, 60))}" names no objective or next step; logged as a done entry only`,
  );
  return {
    json: {
      entries: m.appended
        .filter((e) => e.type === 'journal.added')
        .map((e) => ({ kind: (e as { kind: string }).kind, text: (e as { text: string }).text, at: e.at })),
      completed: m.result.completed,
      decisions: m.appended
        .filter((e) => e.type === 'decision.recorded')
        .map((e) => (e as { decision: string }).decision),
      blockers: m.appended.filter((e) => e.type === 'blocker.added').map((e) => (e as { blocker: string }).blocker),
    },
    text: lines.filter(Boolean).join('\n'),
    notes,
  };
}
