// The edit reminder: what a coding agent about to edit a file is told of the decisions in force
// behind it (core/why.ts activeDecisions) — at most 5, in at most 600 characters, as plain facts
// rather than instructions (Claude Code reads text framed as system commands with suspicion). The
// text is the repository's: it is quoted on one line each, never allowed to add lines of its own.
// Pure.

import type { ActiveDecision } from '../core/why.js';

export const REMINDER_MAX_DECISIONS = 5;
export const REMINDER_MAX_CHARS = 600;

/** One line, controls shown as spaces: a decision's text cannot shape the reminder around it. */
const oneLine = (text: string): string =>
  text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Code points, so that a cut never splits a character. */
const cut = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
};

const length = (text: string): number => [...text].length;

/** The reminder for `path`, or null when no decision is in force behind it. */
export function editReminder(path: string, decisions: readonly ActiveDecision[]): string | null {
  const shown = decisions.slice(0, REMINDER_MAX_DECISIONS);
  if (shown.length === 0) return null;
  const head = cut(`git-session: decisions in force behind ${oneLine(path)}, newest first:`, 200);
  const lines = [head];
  let used = length(head);
  for (const d of shown) {
    const line = `- ${oneLine(d.text)}${d.rationale ? ` (why: ${oneLine(d.rationale)})` : ''} [${d.id}, session ${oneLine(d.session)}]`;
    const room = REMINDER_MAX_CHARS - used - 1;
    if (room < 20) break;
    const fitted = cut(line, room);
    lines.push(fitted);
    used += 1 + length(fitted);
    if (fitted !== line) break;
  }
  return lines.join('\n');
}
