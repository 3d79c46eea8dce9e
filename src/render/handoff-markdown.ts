// The handoff as Markdown: a document someone can act on without asking anything. Every piece of
// user text goes through the Markdown helpers (markdown.ts): it stays text.

import type { Handoff } from '../core/handoff.js';
import { continueLines } from './brief-markdown.js';
import { mdBlock, mdCode, mdLine, mdStrong } from './markdown.js';
import { objectiveMark } from './marks.js';
import { day, duration, stamp } from './time.js';
import { plural } from './words.js';

/** A `## title` section of items, or nothing when there are none. */
function section<T>(title: string, items: readonly T[], lines: (item: T) => string[]): string[] {
  return items.length === 0 ? [] : ['', `## ${title}`, '', ...items.flatMap(lines)];
}

function head(h: Handoff, now: string): string[] {
  const s = h.session;
  const out = [
    `# Handoff: ${mdLine(s.title || s.name)}`,
    '',
    `${mdCode(s.name)} on branch ${mdCode(s.branch || '(none)')} · ${s.status} · written ${stamp(now)} UTC`,
    `Session id: ${s.id}`,
    '',
    '## Continue',
    '',
    ...continueLines(h.continue, h.branch),
  ];
  if (h.now.task) out.push('', `**Now**: ${mdBlock(h.now.task, '')}`);
  const parent = h.now.parent;
  if (parent)
    out.push(
      '',
      `Spawned by ${mdCode(parent.name ?? parent.id)}${parent.agent ? ` as ${mdLine(parent.agent)}` : ''}${parent.waitingFor.length > 0 ? `; waiting for ${parent.waitingFor.map(mdCode).join(', ')}` : ''}`,
    );
  if (s.summary) out.push('', '## Summary', '', mdBlock(s.summary, ''));
  if (s.endReason) out.push('', '## Why it was abandoned', '', mdBlock(s.endReason, ''));
  out.push(
    ...section('Notes for the next session', h.notes, (n) => [
      mdBlock(n.text, ''),
      '',
      `— ${mdLine(n.author)}, ${stamp(n.at)}`,
      '',
    ]),
  );
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
  return out;
}

function nextSteps(h: Handoff): string[] {
  const out = ['', '## Next steps', ''];
  if (h.next.length === 0 && h.open.length === 0) out.push('None recorded.');
  for (const [i, n] of h.next.entries()) out.push(`${i + 1}. ${mdBlock(n, '   ')}`);
  if (h.next.length === 0)
    for (const [i, o] of h.open.entries())
      out.push(`${i + 1}. ${o.status === 'in-progress' ? 'Continue' : 'Start'} ${o.id}: ${mdLine(o.text)}`);
  return out;
}

export function renderHandoffMarkdown(h: Handoff, now: string): string {
  const out = [
    ...head(h, now),
    ...section('What was done', h.journal, (e) => [
      `- ${stamp(e.at)} ${e.kind === 'done' ? 'done: ' : ''}${mdBlock(e.text, '  ')}`,
    ]),
    ...section('Completed objectives', h.completed, (o) => [
      `- [x] ${o.id} ${mdBlock(o.text, '  ')}${o.completedAt ? ` (${day(o.completedAt)})` : ''}`,
    ]),
    ...section('Still open', h.open, (o) => [`- ${objectiveMark(o.status)} ${o.id} ${mdBlock(o.text, '  ')}`]),
    ...section('Spawned agents', h.children, (c) => [
      `- **${c.status}** ${mdCode(c.name)}${c.agent && c.agent !== c.name ? ` (${mdLine(c.agent)})` : ''}: ${mdBlock(c.task, '  ')}${c.branch ? ` — branch ${mdCode(c.branch)}` : ''}${c.waitingFor.length > 0 ? `, waiting for ${c.waitingFor.map(mdCode).join(', ')}` : ''}`,
      ...(c.summary
        ? [`  - ${c.status === 'abandoned' ? 'abandoned' : 'summary'}: ${mdBlock(c.summary, '    ')}`]
        : []),
    ]),
    ...section('Decisions', h.decisions, (d) => [
      `- ${mdStrong(d.text, '  ')} (${d.id}, ${day(d.at)})`,
      ...(d.rationale ? [`  - why: ${mdBlock(d.rationale, '    ')}`] : []),
      ...(d.alternatives ? [`  - instead of: ${mdBlock(d.alternatives, '    ')}`] : []),
    ]),
    ...section('Active blockers', h.blockers, (b) => [
      `- ${b.id}: ${mdBlock(b.text, '  ')} (since ${day(b.openedAt)})`,
    ]),
    ...section('Blockers resolved', h.resolvedBlockers, (b) => [
      `- ${b.id}: ${mdBlock(b.text, '  ')}${b.resolvedAt ? ` (${day(b.resolvedAt)})` : ''}`,
      ...(b.note ? [`  - how: ${mdBlock(b.note, '    ')}`] : []),
    ]),
    ...nextSteps(h),
    ...section('Discoveries', h.discoveries, (d) => [`- ${mdBlock(d.text, '  ')}`]),
    ...section('Key files', h.keyFiles, (f) => [
      `- ${mdCode(f.path)}${f.commits > 1 ? ` (${f.commits} commits)` : ''}`,
    ]),
    ...section('Context to update', h.staleContext, (c) => [
      `- ${mdCode(c.path)}: ${plural(c.commitsSince, 'commit')} changed the code since it last changed${c.lastChanged ? ` (${day(c.lastChanged)})` : ''}`,
    ]),
    ...section('Not committed', h.uncommitted, (u) => [`- ${mdCode(u.path)} (${u.status})`]),
  ];
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
