// The checkpoint commit message, in seed 004's format:
//
//   checkpoint: Phase 3 In Progress - Endpoints implemented
//
//   Phase: 3
//   Status: In Progress
//   Session: Implemented GET and POST endpoints
//
//   Files Changed:
//   - src/routes/tasks.ts (modified)
//
//   Next: Implement PATCH /api/tasks/:id
//
// The session trailers follow (added by git). Pure.

export interface CheckpointMessageInput {
  /** Short description: -m MESSAGE, else the label, else the note. */
  description: string;
  phase: string | null;
  phaseStatus: string | null;
  /** The stage of the phase in progress (the plan's, docs/phases.md), when the phase is the plan's. */
  stage?: string | null;
  /** What was accomplished in this stretch of the session. */
  accomplished: string | null;
  files: { path: string; status: string }[];
  next: string | null;
}

import type { SessionState } from './fold.js';
import { openNextSteps } from './next-steps.js';

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * What the session recorded after `since` (the previous checkpoint, or the start): objectives
 * completed, decisions, blockers added and resolved, progress and discoveries — null when nothing.
 */
export function accomplishedSince(s: SessionState, since: string): string | null {
  const after = (at: string | null) => at !== null && at > since;
  const parts = [
    ...s.objectives.filter((o) => after(o.completedAt)).map((o) => `completed ${o.text}`),
    ...s.decisions.filter((d) => after(d.at)).map((d) => `decided ${d.text}`),
    ...s.blockers.filter((b) => after(b.openedAt)).map((b) => `blocked by ${b.text}`),
    ...s.blockers.filter((b) => after(b.resolvedAt)).map((b) => `resolved ${b.text}${b.note ? ` (${b.note})` : ''}`),
    ...s.log
      .filter((e) => (e.kind === 'progress' || e.kind === 'discovery' || e.kind === 'done') && after(e.at))
      .map((e) => (e.kind === 'discovery' ? `found ${e.text}` : e.text)),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}

/** The next thing to do: the newest open next step, else the objective in progress or the first open one. */
export function nextAction(s: SessionState): string | null {
  const step = openNextSteps(s.log, s.objectives)[0];
  if (step !== undefined) return step;
  const current = s.objectives.find((o) => o.status === 'in-progress') ?? s.objectives.find((o) => o.status === 'open');
  return current ? current.text : null;
}

export function checkpointMessage(i: CheckpointMessageInput): string {
  const status = i.phaseStatus ?? 'In Progress';
  // Seed 004 names the phase by its number in the subject and by number and name in the body.
  const number = i.phase ? (/^(\d+) - ./.exec(oneLine(i.phase))?.[1] ?? oneLine(i.phase)) : null;
  const subject = number
    ? `checkpoint: Phase ${number} ${oneLine(status)} - ${oneLine(i.description)}`
    : `checkpoint: ${oneLine(i.description)}`;
  const lines = [subject, ''];
  if (i.phase) lines.push(`Phase: ${oneLine(i.phase)}`);
  lines.push(`Status: ${oneLine(status)}`);
  if (i.stage) lines.push(`Stage: ${oneLine(i.stage)}`);
  lines.push(`Session: ${i.accomplished ? oneLine(i.accomplished) : '(nothing recorded since the last checkpoint)'}`);
  lines.push('', 'Files Changed:');
  if (i.files.length === 0) lines.push('- (none: an empty checkpoint)');
  for (const f of i.files.slice(0, 50)) lines.push(`- ${f.path} (${f.status})`);
  if (i.files.length > 50) lines.push(`- … ${i.files.length - 50} more`);
  lines.push('', `Next: ${i.next ? oneLine(i.next) : '(none recorded)'}`);
  return `${lines.join('\n')}\n`;
}
