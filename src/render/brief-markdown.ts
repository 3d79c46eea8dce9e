// The brief as Markdown for a person or an agent, fitted to a number of lines. When it is too long,
// blocks shrink in a fixed order (SHRINK_ORDER, documented in docs/brief.md): the shared context
// text first, then other sessions' decisions, files, commits, completed objectives, discoveries,
// this session's decisions, TODOs, uncommitted files. What we are building, what is next and the
// open blockers are never cut.

import type { Brief } from '../core/brief.js';
import { safeBlock, safeLine } from './term.js';
import { day, duration, stamp } from './time.js';

interface Block {
  key: string;
  /** Lines before the items (a heading). */
  head: string[];
  /** Each item is one or more lines; items at the end go first when shrinking. */
  items: string[][];
  /** What to say for the items cut. */
  more: (n: number) => string;
  /** Never cut below this many items (Infinity: never cut). */
  min: number;
  /** The one line that replaces the whole block when even its minimum does not fit. */
  collapsed?: string;
}

/** Blocks that may shrink, first to shrink first. */
export const SHRINK_ORDER = [
  'architecture',
  'conventions',
  'other-decisions',
  'context-files',
  'files',
  'commits',
  'done',
  'discoveries',
  'decisions',
  'todos',
  'uncommitted',
  'stale-context',
  'conflicts',
] as const;

const OBJECTIVE_MARK: Record<string, string> = { open: '[ ]', 'in-progress': '[>]', done: '[x]' };

/**
 * A Markdown file placed under a level-3 heading: HTML comments and its own top title go, its
 * headings move down three levels (not inside code fences).
 */
function nestedMarkdown(text: string): string[] {
  const lines = safeBlock(text.replace(/<!--[\s\S]*?-->\n?/g, '').trim(), '').split('\n');
  if (lines[0]?.startsWith('# ')) lines.shift();
  while (lines[0]?.trim() === '') lines.shift();
  let fenced = false;
  return lines.map((l) => {
    if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
    return fenced ? l : l.replace(/^(#{1,3}) /, '###$1 ');
  });
}
const bullet = (text: string, indent = '  ') => `- ${safeBlock(text, indent)}`;

const KEEP = Number.POSITIVE_INFINITY;
const heading = (key: string, title: string): Block => ({
  key,
  head: ['', title, ''],
  items: [],
  more: () => '',
  min: KEEP,
});
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function blocks(b: Brief): Block[] {
  const s = b.session;
  const out: Block[] = [];
  const facts = [
    `\`${safeLine(s.name)}\` on branch \`${safeLine(s.branch || '(none)')}\``,
    s.status,
    `started ${day(s.createdAt)}`,
    `active ${duration(s.activeMs)}`,
    plural(s.commits, 'commit'),
  ];
  if (s.pauses > 0) facts.push(plural(s.pauses, 'pause'));
  if (s.compactions > 0) facts.push(plural(s.compactions, 'compaction'));
  if (s.tasks.length > 0) facts.push(`tasks: ${s.tasks.map(safeLine).join(', ')}`);
  out.push({
    key: 'header',
    head: [
      `# Session brief: ${safeLine(s.title || s.name)}`,
      '',
      facts.join(' · '),
      `Session id: ${s.id}`,
      ...(s.summary ? ['', `**Summary**: ${safeLine(s.summary)}`] : []),
      ...(s.endReason ? ['', `**Abandoned because**: ${safeLine(s.endReason)}`] : []),
    ],
    items: [],
    more: () => '',
    min: KEEP,
  });
  if (b.handoffNotes.length > 0) {
    const [latest, ...older] = b.handoffNotes;
    out.push({
      key: 'handoff',
      head: ['', `## Handoff notes (${stamp(latest!.at)}, ${safeLine(latest!.author)})`, ''],
      items: [
        safeBlock(latest!.text, '').split('\n'),
        ...older.map((n) => [`> earlier (${stamp(n.at)}): ${safeLine(n.text)}`]),
      ],
      more: (n) => `… ${plural(n, 'earlier note')} (git session show)`,
      min: 1,
    });
  }
  out.push(heading('building-heading', '## What we are building'));
  out.push({
    key: 'building',
    head:
      b.building.objectives.length === 0 ? ['No objectives yet: add one with `git session objectives add "…"`.'] : [],
    items: b.building.objectives.map((o) => [
      `- ${OBJECTIVE_MARK[o.status] ?? '[?]'} ${o.id} ${safeBlock(o.text, '      ')}`,
    ]),
    more: () => '',
    min: KEEP,
  });
  const nextItems: string[][] = [
    ...b.next.steps.map((t) => [bullet(t)]),
    ...(b.next.pauseNote ? [[`- (paused with) ${safeBlock(b.next.pauseNote, '  ')}`]] : []),
    ...b.next.openObjectives.map((o) => [
      `- ${o.status === 'in-progress' ? 'continue' : 'start'} ${o.id}: ${safeBlock(o.text, '  ')}`,
    ]),
  ];
  out.push(heading('next-heading', '## What is next'));
  out.push({
    key: 'next',
    head: nextItems.length === 0 ? ['Nothing recorded: add next steps with `git session log --next "…"`.'] : [],
    items: nextItems,
    more: () => '',
    min: KEEP,
  });
  const w = b.watch;
  if (w.blockers.length + w.conflicts.length + w.todos.length + w.uncommitted.length + w.staleContext.length > 0) {
    out.push(heading('watch-heading', '## What to watch'));
    out.push({
      key: 'blockers',
      head: [],
      items: w.blockers.map((x) => [`- Blocker ${x.id} (since ${day(x.openedAt)}): ${safeBlock(x.text, '  ')}`]),
      more: () => '',
      min: KEEP,
    });
    if (w.conflicts.length > 0)
      out.push({
        key: 'conflicts',
        head: ['- Item ids with two versions (both kept; the first is the one shown above):'],
        items: w.conflicts.map((c) => [
          c.reason === 'session'
            ? `  - ${c.item}: also used by ${safeLine(c.from)}`
            : `  - ${c.item}: "${safeLine(c.shown)}" and "${safeLine(c.other)}" (from ${safeLine(c.from.slice(0, 12))})`,
        ]),
        more: (n) => `  - … ${n} more (git session show)`,
        min: 3,
        collapsed: `- ${plural(w.conflicts.length, 'item id')} with two versions (git session show)`,
      });
    if (w.uncommitted.length > 0)
      out.push({
        key: 'uncommitted',
        head: ['- Uncommitted changes not expected between sessions:'],
        items: w.uncommitted.map((u) => [`  - ${safeLine(u.path)} (${u.status})`]),
        more: (n) => `  - … ${n} more (git status)`,
        min: 3,
        collapsed: `- ${plural(w.uncommitted.length, 'uncommitted change')} not expected between sessions (git status)`,
      });
    if (w.staleContext.length > 0)
      out.push({
        key: 'stale-context',
        head: ['- Context that may no longer match the code (update it, or confirm it still holds):'],
        items: w.staleContext.map((c) => [
          `  - ${safeLine(c.path)}: ${plural(c.commitsSince, 'commit')} changed the code since it last changed${c.lastChanged ? ` (${day(c.lastChanged)})` : ''}`,
        ]),
        more: (n) => `  - … ${n} more (git session brief --format json)`,
        min: 2,
      });
    if (w.todos.length > 0)
      out.push({
        key: 'todos',
        head: ['- TODO/FIXME lines this session added:'],
        items: w.todos.map((t) => [`  - ${safeLine(t.file)}:${t.line} — ${safeLine(t.text)} (${t.sha.slice(0, 7)})`]),
        more: (n) => `  - … ${n} more`,
        min: 3,
        collapsed: `- ${plural(w.todos.length, 'TODO/FIXME line')} added by this session (git session brief --format json)`,
      });
  }
  const h = b.how;
  out.push(heading('how-heading', '## How we build it'));
  out.push({
    key: 'decisions',
    head: [h.decisions.length > 0 ? '### Decisions' : 'No decisions recorded in this session yet.'],
    items: h.decisions.map((d) => {
      const lines = [`- **${safeBlock(d.text, '  ')}** (${d.id}, ${day(d.at)})`];
      if (d.rationale) lines.push(`  - why: ${safeBlock(d.rationale, '    ')}`);
      if (d.alternatives) lines.push(`  - instead of: ${safeBlock(d.alternatives, '    ')}`);
      return lines;
    }),
    more: (n) => `- … ${plural(n, 'older decision')} (git session decisions list)`,
    min: 3,
    collapsed: `${plural(h.decisions.length, 'decision')} in this session: git session decisions list`,
  });
  if (h.discoveries.length > 0)
    out.push({
      key: 'discoveries',
      head: ['', '### Discoveries'],
      items: h.discoveries.map((d) => [bullet(d.text)]),
      more: (n) => `- … ${n} more (git session show)`,
      min: 2,
      collapsed: `${plural(h.discoveries.length, 'discovery')}: git session show`,
    });
  if (h.otherDecisions.length > 0)
    out.push({
      key: 'other-decisions',
      head: ['', '### Recent decisions in other sessions'],
      items: h.otherDecisions.map((d) => {
        const lines = [`- **${safeBlock(d.text, '  ')}** (${safeLine(d.session.name)}, ${day(d.at)})`];
        if (d.rationale) lines.push(`  - why: ${safeBlock(d.rationale, '    ')}`);
        return lines;
      }),
      more: (n) => `- … ${n} more`,
      min: 0,
      collapsed: `${plural(h.otherDecisions.length, 'recent decision')} in other sessions: git session list --all`,
    });
  if (h.contextFiles.length > 0)
    out.push({
      key: 'context-files',
      head: ['', '### Context files next to the code this session changed', ''],
      items: h.contextFiles.map((p) => [`- \`${safeLine(p)}\``]),
      more: (n) => `- … ${n} more`,
      min: 3,
      collapsed: `Context files near this session's changes: ${h.contextFiles.slice(0, 3).map(safeLine).join(', ')}${h.contextFiles.length > 3 ? ', …' : ''}`,
    });
  for (const [key, file] of [
    ['architecture', h.architecture],
    ['conventions', h.conventions],
  ] as const) {
    if (!file || file.text.trim() === '') continue;
    const title = key === 'architecture' ? 'Architecture' : 'Conventions';
    const lines = nestedMarkdown(file.text);
    out.push({
      key,
      head: ['', `### ${title} (${file.path})`, ''],
      items: lines.map((l) => [l]),
      more: (n) => `… ${plural(n, 'more line')} in ${file.path}`,
      min: 0,
      collapsed: `${title}: read ${file.path} (${plural(lines.length, 'line')})`,
    });
  }
  const d = b.done;
  if (d.objectives.length + d.commits.length > 0) {
    out.push(heading('done-heading', '## What is done'));
    if (d.objectives.length > 0)
      out.push({
        key: 'done',
        head: [],
        items: d.objectives.map((o) => [
          `- [x] ${o.id} ${safeBlock(o.text, '      ')}${o.completedAt ? ` (${day(o.completedAt)})` : ''}`,
        ]),
        more: (n) => `- … ${n} more completed`,
        min: 3,
        collapsed: `- ${plural(d.objectives.length, 'objective')} completed (git session objectives list)`,
      });
    const commitItems: string[][] = [];
    for (const g of d.commits) {
      commitItems.push(['', `### ${g.title} (${g.commits.length})`]);
      for (const c of g.commits)
        commitItems.push([
          `- ${c.sha.slice(0, 7)} ${c.scope ? `**${safeLine(c.scope)}:** ` : ''}${safeLine(c.subject)}${c.breaking ? ' ⚠ breaking' : ''}`,
        ]);
    }
    const commits = d.commits.reduce((n, g) => n + g.commits.length, 0);
    out.push({
      key: 'commits',
      head: [],
      items: commitItems,
      more: (n) => `- … ${plural(n, 'more line')} of commits (git session show)`,
      min: 0,
      collapsed: `- ${plural(commits, 'commit')}: ${d.commits.map((g) => `${g.commits.length} ${g.title.toLowerCase()}`).join(', ')} (git session show)`,
    });
  }
  if (b.files.total > 0)
    out.push({
      key: 'files',
      head: ['', `## Files changed (${b.files.total})`, ''],
      items: b.files.files.map((f) => [`- ${safeLine(f.path)}${f.commits > 1 ? ` (${f.commits} commits)` : ''}`]),
      more: (n) => `- … ${plural(n, 'more file')}`,
      min: 5,
      collapsed: `\n## Files changed (${b.files.total}): git session show`,
    });
  return out;
}

type Shape = { kind: 'full' } | { kind: 'partial'; kept: number } | { kind: 'collapsed' };

function size(b: Block, shape: Shape): number {
  if (shape.kind === 'collapsed') return b.collapsed!.split('\n').length;
  const kept = shape.kind === 'full' ? b.items.length : shape.kept;
  let n = b.head.length + (shape.kind === 'partial' ? 1 : 0);
  for (let i = 0; i < kept; i++) n += b.items[i]!.length;
  return n;
}

function total(bs: readonly Block[], shapes: Map<string, Shape>): number {
  return bs.reduce((n, b) => n + size(b, shapes.get(b.key) ?? { kind: 'full' }), 0);
}

export interface RenderedBrief {
  text: string;
  lines: number;
  /** Blocks that were cut, with how many items each kept. */
  cut: { block: string; kept: number; of: number }[];
}

export function renderBriefMarkdown(brief: Brief, maxLines: number): RenderedBrief {
  const bs = blocks(brief);
  const shapes = new Map<string, Shape>();
  const fits = () => total(bs, shapes) <= maxLines;
  // First each block in turn down to its minimum, keeping as many items as fit; then, still in the
  // same order, blocks collapse to one line. A cut is only made where it saves lines.
  for (const key of SHRINK_ORDER) {
    if (fits()) break;
    const b = bs.find((x) => x.key === key);
    if (!b) continue;
    const floor = Math.min(b.min, b.items.length);
    const full = size(b, { kind: 'full' });
    for (let kept = b.items.length - 1; kept >= floor; kept--) {
      const partial: Shape = { kind: 'partial', kept };
      if (size(b, partial) >= full) continue;
      shapes.set(key, partial);
      if (fits()) break;
    }
  }
  for (const key of SHRINK_ORDER) {
    if (fits()) break;
    const b = bs.find((x) => x.key === key);
    if (b?.collapsed && size(b, shapes.get(key) ?? { kind: 'full' }) > size(b, { kind: 'collapsed' }))
      shapes.set(key, { kind: 'collapsed' });
  }
  const out: string[] = [];
  const cut: RenderedBrief['cut'] = [];
  for (const b of bs) {
    const shape = shapes.get(b.key) ?? { kind: 'full' };
    if (shape.kind === 'collapsed') {
      out.push(b.collapsed!);
      cut.push({ block: b.key, kept: 0, of: b.items.length });
      continue;
    }
    const kept = shape.kind === 'full' ? b.items.length : shape.kept;
    out.push(...b.head);
    for (let i = 0; i < kept; i++) out.push(...b.items[i]!);
    if (shape.kind === 'partial') {
      out.push(b.more(b.items.length - kept));
      cut.push({ block: b.key, kept, of: b.items.length });
    }
  }
  const text = `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  return { text, lines: text.split('\n').length - 1, cut };
}
