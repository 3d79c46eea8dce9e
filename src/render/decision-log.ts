// `.session/decisions.md`: one ADR-like entry per decision — date, session, decision, rationale,
// alternatives — appended as decisions are recorded, so they show up in code review.

import type { Decision, SessionState } from '../core/fold.js';
import { mdBlock, mdCode, mdLine } from './markdown.js';
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

export function renderDecisionEntry(d: Decision, s: SessionState): string {
  const lines = [
    '',
    `## ${day(d.at)} — ${mdLine(d.text.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '')} (${d.id})`,
    '',
    `- **Session**: ${mdLine(s.name)} (\`${s.id}\`)${s.branch ? `, branch ${mdCode(s.branch)}` : ''}`,
    `- **Decision**: ${mdBlock(d.text, '  ')}`,
    `- **Rationale**: ${d.rationale ? mdBlock(d.rationale, '  ') : '—'}`,
    `- **Alternatives**: ${d.alternatives ? mdBlock(d.alternatives, '  ') : '—'}`,
    ...(d.supersedes ? [`- **Replaces**: ${d.supersedes}`] : []),
    `- **By**: ${mdLine(d.author)}`,
    '',
  ];
  return lines.join('\n');
}
