import type { Context } from '../app/context.js';
import { mutate } from '../app/mutate.js';
import { targetSession } from '../app/sessions.js';
import { findItem } from '../core/items.js';
import { isOpenNextStep } from '../core/next-steps.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import type { EventPayload, JournalKind } from '../model/events.js';
import { newItemId } from '../model/ids.js';
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

  const target = targetSession(ctx, o.session);
  const m = await mutate(ctx, target.state.id, (cur) => {
    const state = cur!.state;
    const events: EventPayload[] = [];
    const completed: string[] = [];
    const unmatched: string[] = [];
    for (const [kind, text] of entries) {
      if (kind !== 'done') {
        events.push({ type: 'journal.added', kind, text });
        continue;
      }
      let objective: string | null = null;
      try {
        objective = findItem(state.objectives, text, 'objective', { byText: true, prefix: false }).id;
      } catch {
        // A done entry may finish a next step instead (see core/next-steps.ts).
        if (!isOpenNextStep(state.log, text)) unmatched.push(text);
      }
      const obj = state.objectives.find((x) => x.id === objective);
      // `--done obj-k3m9` journals what was done — the objective's text — not its id; any other
      // text is journalled as typed.
      events.push({ type: 'journal.added', kind, text: obj && obj.id === text.trim() ? obj.text : text });
      if (obj && obj.status !== 'done') {
        events.push({ type: 'objective.completed', objective: obj.id });
        completed.push(obj.id);
      }
    }
    const decisionIds = new Set(state.decisions.map((d) => d.id));
    for (const text of o.decision) {
      const decision = newItemId('decision', ctx.random, decisionIds);
      decisionIds.add(decision);
      events.push({
        type: 'decision.recorded',
        decision,
        text,
        ...(o.rationale !== undefined ? { rationale: o.rationale } : {}),
        ...(o.alternatives !== undefined ? { alternatives: o.alternatives } : {}),
      });
    }
    const blockerIds = new Set(state.blockers.map((b) => b.id));
    for (const text of o.blocker) {
      const blocker = newItemId('blocker', ctx.random, blockerIds);
      blockerIds.add(blocker);
      events.push({ type: 'blocker.added', blocker, text });
    }
    return { events, result: { completed, unmatched } };
  });
  const lines = m.appended.map((e) => {
    switch (e.type) {
      case 'journal.added':
        return `Logged ${e.kind}: ${safeBlock(e.text, '  ')}`;
      case 'objective.completed':
        return `Completed ${e.objective}`;
      case 'decision.recorded':
        return `Recorded ${e.decision}: ${safeBlock(e.text, '  ')}`;
      case 'blocker.added':
        return `Added ${e.blocker}: ${safeBlock(e.text, '  ')}`;
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
