// The journal's entries — progress, discoveries, next steps, what was done — and the checkpoints
// and notes for whoever continues. `log` also completes the objective a `--done` names and records
// decisions and blockers (items.ts decides those).

import type { EventPayload, JournalKind } from '../../model/events.js';
import type { RandomBytes } from '../../model/ids.js';
import type { SessionState } from '../fold.js';
import { findItem } from '../items.js';
import { isOpenNextStep } from '../next-steps.js';
import { decideAdd, type ItemDetails } from './items.js';
import { accept, type Outcome } from './outcome.js';

export interface LogRequest {
  entries: readonly (readonly [JournalKind, string])[];
  decisions: readonly string[];
  /** For the one decision, when there is one. */
  details: ItemDetails;
  blockers: readonly string[];
}

export interface Logged {
  /** Objectives a `--done` completed. */
  completed: string[];
  /** `--done` texts that name no objective and no open next step. */
  unmatched: string[];
}

/** The objective a `--done` text names (by id or exact text, never a prefix of free text). */
function namedObjective(s: SessionState, text: string) {
  try {
    return findItem(s.objectives, text, 'objective', { byText: true, prefix: false });
  } catch {
    return null;
  }
}

export function decideLog(s: SessionState, r: LogRequest, random: RandomBytes): Outcome<Logged> {
  const events: EventPayload[] = [];
  const completed: string[] = [];
  const unmatched: string[] = [];
  for (const [kind, text] of r.entries) {
    if (kind !== 'done') {
      events.push({ type: 'journal.added', kind, text });
      continue;
    }
    const obj = namedObjective(s, text);
    // A done entry may finish a next step instead (see core/next-steps.ts).
    if (!obj && !isOpenNextStep(s.log, text)) unmatched.push(text);
    // `--done obj-k3m9` journals what was done — the objective's text — not its id; any other
    // text is journalled as typed.
    events.push({ type: 'journal.added', kind, text: obj && obj.id === text.trim() ? obj.text : text });
    if (obj && obj.status !== 'done') {
      events.push({ type: 'objective.completed', objective: obj.id });
      completed.push(obj.id);
    }
  }
  for (const [kind, texts, details] of [
    ['decision', r.decisions, r.details],
    ['blocker', r.blockers, {}],
  ] as const) {
    // One at a time, as typed: each new id is checked against the ones drawn before it.
    const added = decideAdd(s, kind, texts, details, random);
    if (!added.refused) events.push(...added.events);
  }
  return accept(events, { completed, unmatched });
}

export interface CheckpointRequest {
  label: string;
  note?: string;
  phase?: string;
  phaseStatus?: string;
  /** A decision recorded with the checkpoint (seed 004), and why. */
  decision?: string;
  rationale?: string;
}

/** A checkpoint, after the decision it records when there is one. */
export function decideCheckpoint(s: SessionState, r: CheckpointRequest, random: RandomBytes): Outcome<null> {
  const events: EventPayload[] = [];
  if (r.decision !== undefined) {
    const added = decideAdd(s, 'decision', [r.decision], { rationale: r.rationale }, random);
    if (!added.refused) events.push(...added.events);
  }
  events.push({
    type: 'checkpoint.recorded',
    label: r.label,
    ...(r.note !== undefined ? { note: r.note } : {}),
    ...(r.phase !== undefined ? { phase: r.phase } : {}),
    ...(r.phaseStatus !== undefined ? { phaseStatus: r.phaseStatus } : {}),
  });
  return accept(events, null);
}

/** A context compaction of a coding agent: counted, and a checkpoint says where it happened. */
export function decideCompaction(s: SessionState | null, trigger: string): Outcome<null> {
  return accept(
    [
      { type: 'agent.compacted' },
      {
        type: 'checkpoint.recorded',
        label: `compaction ${(s?.compactions ?? 0) + 1}`,
        note: `before a context compaction (${trigger})`,
      },
    ],
    null,
  );
}

/** A note for whoever continues (`git session next`). */
export const decideHandoffNote = (text: string): Outcome<null> => accept([{ type: 'handoff.noted', text }], null);
