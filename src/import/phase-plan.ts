// Seed 004's phases into the repository's phase plan (`.session/phases.yaml`, docs/phases.md): a
// SESSION.md at the top of the work tree is the project's plan, and git-session keeps that plan in
// the tracked file every session reads — not in one session's journal. A phase already in the plan
// (by name) is left as the plan has it: what `phase start` / `complete` changed since is never
// undone by a file that said otherwise, and a second import adds nothing. New phases come after the
// plan's, in the file's order, with their criteria (seed 004's Verification Progress: a checked box
// is confirmed by hand). Pure: the app layer writes the plan through its guarded, owned-file write.

import {
  MAX_PHASE_CRITERIA,
  MAX_PHASE_NAME,
  MAX_PHASES,
  newCriterion,
  type Phase,
  type PhasePlan,
  type PhaseStatus,
} from '../model/phases.js';
import type { ImportedPhase, ImportedSession } from './model.js';

/** The times and commits the plan file accepts (codec/phase-file.ts checks the same when it reads). */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const SHA = /^[0-9a-f]{7,64}$/;

const time = (t: string | null): string | null => (t !== null && ISO.test(t) ? t : null);

/** A phase name as the plan holds one: one line of at most MAX_PHASE_NAME characters. */
export function planPhaseName(name: string): string {
  const line = name.replace(/[\r\n\0]+/g, ' ').trim();
  return line.length <= MAX_PHASE_NAME ? line : `${line.slice(0, MAX_PHASE_NAME - 1)}…`;
}

/** Blocked is not a state of the plan: a phase blocked once started is in progress; else pending. */
function statusOf(p: ImportedPhase): PhaseStatus {
  if (p.status !== 'blocked') return p.status;
  return p.started !== null ? 'in-progress' : 'pending';
}

function phaseOf(s: ImportedSession, p: ImportedPhase): Phase {
  const status = statusOf(p);
  const completed = status === 'complete' ? time(p.completed) : null;
  const criteria = s.criteria
    .filter((c) => c.phase === p.number)
    .slice(0, MAX_PHASE_CRITERIA)
    .map((c) =>
      c.checked
        ? { ...newCriterion(c.text, null), result: 'passed' as const, by: 'hand' as const, at: completed }
        : newCriterion(c.text, null),
    );
  const stage = p.stage ?? (p.number === s.currentPhase ? s.currentStage : null);
  return {
    name: planPhaseName(p.name),
    status,
    stage: status === 'in-progress' ? (stage ?? 'implementation') : null,
    started: time(p.started),
    completed,
    commit: status === 'complete' && p.checkpoint !== null && SHA.test(p.checkpoint) ? p.checkpoint : null,
    criteria,
  };
}

/**
 * What one import may add to the plan, in characters of text: half the plan file's limit (256 KiB,
 * codec/phase-file.ts), so that what a stranger's SESSION.md adds never makes the plan unreadable.
 */
export const MAX_IMPORTED_PLAN_CHARS = 128 * 1024;
/** YAML keys, times and indentation around a phase's and a criterion's texts, generously. */
const PHASE_OVERHEAD = 300;
const CRITERION_OVERHEAD = 150;

const sizeOf = (p: Phase) =>
  PHASE_OVERHEAD + p.name.length + p.criteria.reduce((n, c) => n + CRITERION_OVERHEAD + c.text.length, 0);

/**
 * The plan with the session's phases it does not have yet; `added`: their names; `left`: phases
 * not added because the plan or this import would grow past its bounds.
 */
export function withImportedPhases(
  plan: PhasePlan,
  s: ImportedSession,
): { plan: PhasePlan; added: string[]; left: number } {
  const names = new Set(plan.phases.map((p) => p.name));
  const phases = [...plan.phases];
  const added: string[] = [];
  let budget = MAX_IMPORTED_PLAN_CHARS;
  let left = 0;
  for (const p of [...s.phases].sort((a, b) => a.number - b.number)) {
    const phase = phaseOf(s, p);
    if (phase.name === '' || names.has(phase.name)) continue;
    const size = sizeOf(phase);
    if (phases.length >= MAX_PHASES || size > budget) {
      left++;
      continue;
    }
    budget -= size;
    names.add(phase.name);
    phases.push(phase);
    added.push(phase.name);
  }
  return { plan: added.length === 0 ? plan : { phases }, added, left };
}

/** Whose phases fill the plan: a SESSION.md at the top of the work tree (a folder's SESSION.md is that folder's plan). */
export const fillsThePlan = (s: ImportedSession): boolean =>
  s.format === 'session-md' && s.key === 'SESSION.md' && s.phases.length > 0;
