// The handoff as Markdown: a document someone can act on without asking anything.

import type { Handoff } from '../core/handoff.js';
import { safeBlock, safeLine } from './term.js';
import { day, duration, stamp } from './time.js';

export function renderHandoffMarkdown(h: Handoff, now: string): string {
  const s = h.session;
  const out: string[] = [
    `# Handoff: ${safeLine(s.title || s.name)}`,
    '',
    `\`${safeLine(s.name)}\` on branch \`${safeLine(s.branch || '(none)')}\` · ${s.status} · written ${stamp(now)} UTC`,
    `Session id: ${s.id} — continue with \`git session ${s.status === 'completed' || s.status === 'abandoned' ? 'reopen' : 'resume'} ${safeLine(s.name)}\`, then \`git session brief\`.`,
  ];
  if (s.summary) out.push('', '## Summary', '', safeBlock(s.summary, ''));
  if (s.endReason) out.push('', '## Why it was abandoned', '', safeBlock(s.endReason, ''));
  if (h.notes.length > 0) {
    out.push('', '## Notes for the next session', '');
    for (const n of h.notes) out.push(`${safeBlock(n.text, '')}`, '', `— ${safeLine(n.author)}, ${stamp(n.at)}`, '');
  }
  const p = h.progress;
  out.push(
    '',
    '## Progress',
    '',
    `- Objectives: ${p.objectivesDone}/${p.objectivesTotal} done`,
    `- Commits: ${p.commits} · files changed: ${p.filesChanged}`,
    `- Active time: ${duration(p.activeMs)} · pauses: ${p.pauses}`,
    `- Open blockers: ${p.openBlockers}`,
  );
  if (h.completed.length > 0) {
    out.push('', '## Completed objectives', '');
    for (const o of h.completed)
      out.push(`- [x] ${o.id} ${safeBlock(o.text, '      ')}${o.completedAt ? ` (${day(o.completedAt)})` : ''}`);
  }
  if (h.open.length > 0) {
    out.push('', '## Still open', '');
    for (const o of h.open)
      out.push(`- ${o.status === 'in-progress' ? '[>]' : '[ ]'} ${o.id} ${safeBlock(o.text, '      ')}`);
  }
  if (h.decisions.length > 0) {
    out.push('', '## Decisions', '');
    for (const d of h.decisions) {
      out.push(`- **${safeBlock(d.text, '  ')}** (${d.id}, ${day(d.at)})`);
      if (d.rationale) out.push(`  - why: ${safeBlock(d.rationale, '    ')}`);
      if (d.alternatives) out.push(`  - instead of: ${safeBlock(d.alternatives, '    ')}`);
    }
  }
  if (h.blockers.length > 0) {
    out.push('', '## Active blockers', '');
    for (const b of h.blockers) out.push(`- ${b.id}: ${safeBlock(b.text, '  ')} (since ${day(b.openedAt)})`);
  }
  out.push('', '## Next steps', '');
  if (h.next.length === 0 && h.open.length === 0) out.push('None recorded.');
  for (const [i, n] of h.next.entries()) out.push(`${i + 1}. ${safeBlock(n, '   ')}`);
  if (h.next.length === 0)
    for (const [i, o] of h.open.entries())
      out.push(`${i + 1}. ${o.status === 'in-progress' ? 'Continue' : 'Start'} ${o.id}: ${safeLine(o.text)}`);
  if (h.discoveries.length > 0) {
    out.push('', '## Discoveries', '');
    for (const d of h.discoveries) out.push(`- ${safeBlock(d.text, '  ')}`);
  }
  if (h.keyFiles.length > 0) {
    out.push('', '## Key files', '');
    for (const f of h.keyFiles) out.push(`- \`${safeLine(f.path)}\`${f.commits > 1 ? ` (${f.commits} commits)` : ''}`);
  }
  if (h.staleContext.length > 0) {
    out.push('', '## Context to update', '');
    for (const c of h.staleContext)
      out.push(
        `- \`${safeLine(c.path)}\`: ${c.commitsSince} commits changed the code since it last changed${c.lastChanged ? ` (${day(c.lastChanged)})` : ''}`,
      );
  }
  if (h.uncommitted.length > 0) {
    out.push('', '## Not committed', '');
    for (const u of h.uncommitted) out.push(`- ${safeLine(u.path)} (${u.status})`);
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
