// `.session/decisions.md`: one ADR-like entry per decision — date, session, decision, rationale,
// alternatives — appended as decisions are recorded, so they show up in code review.

import type { Decision, SessionState } from '../core/fold.js';
import { day } from './time.js';

export function renderDecisionLogHeader(): string {
  return [
    '# Decision log',
    '',
    'Decisions recorded with git-session (`git session decisions add`), oldest first. Entries are',
    'appended when a decision is recorded; edit them freely, git-session only adds new ones.',
    '',
  ].join('\n');
}

/** Multi-line text as a Markdown list item continuation; control characters shown, not kept. */
function block(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .split(/\r?\n/)
    .join('\n  ');
}

export function renderDecisionEntry(d: Decision, s: SessionState): string {
  const lines = [
    '',
    `## ${day(d.at)} — ${block(d.text).split('\n')[0]} (${d.id})`,
    '',
    `- **Session**: ${block(s.name)} (\`${s.id}\`)${s.branch ? `, branch \`${block(s.branch)}\`` : ''}`,
    `- **Decision**: ${block(d.text)}`,
    `- **Rationale**: ${d.rationale ? block(d.rationale) : '—'}`,
    `- **Alternatives**: ${d.alternatives ? block(d.alternatives) : '—'}`,
    `- **By**: ${block(d.author)}`,
    '',
  ];
  return lines.join('\n');
}
