// What a session leaves behind when it ends (issue 11.5, seed 002's knowledge-extraction
// checklist): work still open — objectives, next steps, blockers — to carry into an issue tracker,
// decisions not yet kept as ADR files, and acceptance criteria that were not met. Pure.

import { type CriterionStatus, unmetCriteria } from './criteria.js';
import type { SessionState } from './fold.js';
import { openNextSteps } from './next-steps.js';

export interface Leftovers {
  objectives: { id: string; text: string; status: string }[];
  next: string[];
  blockers: { id: string; text: string }[];
  /** Decisions without an ADR file in `adrDir` (every decision when there is no such folder). */
  decisions: { id: string; text: string; rationale: string | null; alternatives: string | null }[];
  adrDir: string | null;
  criteria: { id: string; text: string; check: string | null; status: CriterionStatus }[];
}

export function leftovers(s: SessionState, adr: { dir: string | null; has: (id: string) => boolean }): Leftovers {
  return {
    objectives: s.objectives
      .filter((o) => o.status !== 'done')
      .map((o) => ({ id: o.id, text: o.text, status: o.status })),
    next: openNextSteps(s.log, s.objectives),
    blockers: s.blockers.filter((b) => b.status === 'open').map((b) => ({ id: b.id, text: b.text })),
    decisions: s.decisions
      .filter((d) => adr.dir === null || !adr.has(d.id))
      .map((d) => ({ id: d.id, text: d.text, rationale: d.rationale, alternatives: d.alternatives })),
    adrDir: adr.dir,
    criteria: unmetCriteria(s.criteria).map((c) => ({ id: c.id, text: c.text, check: c.check, status: c.status })),
  };
}

/** Whether the work is all done: nothing for an issue tracker. */
export const nothingOpen = (l: Leftovers): boolean =>
  l.objectives.length === 0 && l.next.length === 0 && l.blockers.length === 0 && l.criteria.length === 0;
