// The handoff as Markdown: a document someone can act on without asking anything. Every piece of
// user text goes through the Markdown helpers (markdown.ts): it stays text.

import type { Handoff } from '../core/handoff.js';
import { continueLines } from './brief-markdown.js';
import { mdBlock, mdCode, mdLine, mdStrong } from './markdown.js';
import { objectiveMark } from './marks.js';
import { day, duration, stamp } from './time.js';
import { plural } from './words.js';

export function renderHandoffMarkdown(h: Handoff, now: string): string {
  const s = h.session;
  const out: string[] = [
    `# Handoff: ${mdLine(s.title || s.name)}`,
    '',
    `${mdCode(s.name)} on branch ${mdCode(s.branch || '(none)')} · ${s.status} · written ${stamp(now)} UTC`,
    `Session id: ${s.id}`,
    '',
    '## Continue',
    '',
    ...continueLines(h.continue, h.branch),
  ];
  if (s.summary) out.push('', '## Summary', '', mdBlock(s.summary, ''));
  if (s.endReason) out.push('', '## Why it was abandoned', '', mdBlock(s.endReason, ''));
  if (h.notes.length > 0) {
    out.push('', '## Notes for the next session', '');
    for (const n of h.notes) out.push(mdBlock(n.text, ''), '', `— ${mdLine(n.author)}, ${stamp(n.at)}`, '');
  }
  if (h.pauseNote) out.push('', '## Where it was left', '', mdBlock(h.pauseNote, ''));
  const p = h.progress;
  out.push(
    '',
    '## Progress',
    '',
    `- Objectives: ${p.objectivesDone}/${p.objectivesTotal} done`,
    `- ${plural(p.commits, 'commit')} · ${plural(p.filesChanged, 'file')} changed`,
    `- Active time: ${duration(p.activeMs)} · ${plural(p.pauses, 'pause')}`,
    `- Open blockers: ${p.openBlockers}`,
  );
  if (h.journal.length > 0) {
    out.push('', '## What was done', '');
    for (const e of h.journal)
      out.push(`- ${stamp(e.at)} ${e.kind === 'done' ? 'done: ' : ''}${mdBlock(e.text, '  ')}`);
  }
  if (h.completed.length > 0) {
    out.push('', '## Completed objectives', '');
    for (const o of h.completed)
      out.push(`- [x] ${o.id} ${mdBlock(o.text, '  ')}${o.completedAt ? ` (${day(o.completedAt)})` : ''}`);
  }
  if (h.open.length > 0) {
    out.push('', '## Still open', '');
    for (const o of h.open) out.push(`- ${objectiveMark(o.status)} ${o.id} ${mdBlock(o.text, '  ')}`);
  }
  if (h.decisions.length > 0) {
    out.push('', '## Decisions', '');
    for (const d of h.decisions) {
      out.push(`- ${mdStrong(d.text, '  ')} (${d.id}, ${day(d.at)})`);
      if (d.rationale) out.push(`  - why: ${mdBlock(d.rationale, '    ')}`);
      if (d.alternatives) out.push(`  - instead of: ${mdBlock(d.alternatives, '    ')}`);
    }
  }
  if (h.blockers.length > 0) {
    out.push('', '## Active blockers', '');
    for (const b of h.blockers) out.push(`- ${b.id}: ${mdBlock(b.text, '  ')} (since ${day(b.openedAt)})`);
  }
  if (h.resolvedBlockers.length > 0) {
    out.push('', '## Blockers resolved', '');
    for (const b of h.resolvedBlockers) {
      out.push(`- ${b.id}: ${mdBlock(b.text, '  ')}${b.resolvedAt ? ` (${day(b.resolvedAt)})` : ''}`);
      if (b.note) out.push(`  - how: ${mdBlock(b.note, '    ')}`);
    }
  }
  out.push('', '## Next steps', '');
  if (h.next.length === 0 && h.open.length === 0) out.push('None recorded.');
  for (const [i, n] of h.next.entries()) out.push(`${i + 1}. ${mdBlock(n, '   ')}`);
  if (h.next.length === 0)
    for (const [i, o] of h.open.entries())
      out.push(`${i + 1}. ${o.status === 'in-progress' ? 'Continue' : 'Start'} ${o.id}: ${mdLine(o.text)}`);
  if (h.discoveries.length > 0) {
    out.push('', '## Discoveries', '');
    for (const d of h.discoveries) out.push(`- ${mdBlock(d.text, '  ')}`);
  }
  if (h.keyFiles.length > 0) {
    out.push('', '## Key files', '');
    for (const f of h.keyFiles) out.push(`- ${mdCode(f.path)}${f.commits > 1 ? ` (${f.commits} commits)` : ''}`);
  }
  if (h.staleContext.length > 0) {
    out.push('', '## Context to update', '');
    for (const c of h.staleContext)
      out.push(
        `- ${mdCode(c.path)}: ${plural(c.commitsSince, 'commit')} changed the code since it last changed${c.lastChanged ? ` (${day(c.lastChanged)})` : ''}`,
      );
  }
  if (h.uncommitted.length > 0) {
    out.push('', '## Not committed', '');
    for (const u of h.uncommitted) out.push(`- ${mdCode(u.path)} (${u.status})`);
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
