// The brief as Markdown for a person or an agent, fitted to a number of lines. When it is too long,
// blocks shrink in a fixed order (SHRINK_ORDER, documented in docs/brief.md): the shared context
// text first, then other sessions' decisions, files, commits, completed objectives, discoveries,
// this session's decisions, TODOs, uncommitted files. What we are building, what is next and the
// open blockers are never cut.

import type { Brief } from '../core/brief.js';
import { estimateTokens, utf8Length } from '../model/text.js';
import { type Block, cutToBytes, type Fitted, fitBlocks, fixed } from './fit.js';
import { closeOpenFence, mdBlock, mdCode, mdLine, mdStrong } from './markdown.js';
import { objectiveMark } from './marks.js';
import { visibleUnsafe } from './term.js';
import { day, duration, stamp } from './time.js';
import { plural } from './words.js';

/** Blocks that may shrink, first to shrink first. */
export const SHRINK_ORDER = [
  'architecture',
  'conventions',
  'other-decisions',
  'context-files',
  'files',
  'commits',
  'resolved-blockers',
  'done',
  'progress',
  'discoveries',
  'decisions',
  'todos',
  'uncommitted',
  'stale-context',
  'children',
  'conflicts',
] as const;

/**
 * A Markdown file placed under a level-3 heading: HTML comments and its own top title go, its
 * headings move down three levels (not inside code fences), a fence it leaves open is closed.
 */
function nestedMarkdown(text: string): string[] {
  const lines = visibleUnsafe(text.replace(/<!--[\s\S]*?-->\n?/g, '').trim())
    .replace(/\t/g, '    ')
    .split(/\r?\n|\r/);
  if (lines[0]?.startsWith('# ')) lines.shift();
  while (lines[0]?.trim() === '') lines.shift();
  let fenced = false;
  return closeOpenFence(
    lines.map((l) => {
      if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
      return fenced ? l : l.replace(/^(#{1,3}) /, '###$1 ');
    }),
  );
}
const bullet = (text: string, indent = '  ') => `- ${mdBlock(text, indent)}`;

const heading = (key: string, title: string): Block => fixed(key, ['', title, '']);

function headerBlock(b: Brief): Block {
  const s = b.session;
  const facts = [
    `${mdCode(s.name)} on branch ${mdCode(s.branch || '(none)')}`,
    s.status,
    `started ${day(s.createdAt)}`,
    `active ${duration(s.activeMs)}`,
    plural(s.commits, 'commit'),
  ];
  if (s.pauses > 0) facts.push(plural(s.pauses, 'pause'));
  if (s.compactions > 0) facts.push(plural(s.compactions, 'compaction'));
  if (s.tasks.length > 0) facts.push(`tasks: ${s.tasks.map(mdLine).join(', ')}`);
  return fixed('header', [
    `# Session brief: ${mdLine(s.title || s.name)}`,
    '',
    facts.join(' · '),
    `Session id: ${s.id}`,
    ...(s.summary ? ['', `**Summary**: ${mdBlock(s.summary, '')}`] : []),
    ...(s.endReason ? ['', `**Abandoned because**: ${mdBlock(s.endReason, '')}`] : []),
  ]);
}

function handoffBlocks(b: Brief): Block[] {
  const [latest, ...older] = b.handoffNotes;
  if (!latest) return [];
  return [
    {
      key: 'handoff',
      head: ['', `## Handoff notes (${stamp(latest.at)}, ${mdLine(latest.author)})`, ''],
      items: [
        mdBlock(latest.text, '').split('\n'),
        ...older.map((n) => [`- earlier (${stamp(n.at)}): ${mdLine(n.text)}`]),
      ],
      more: (n) => `… ${plural(n, 'earlier note')} (git session show)`,
      min: 1,
    },
  ];
}

function buildingBlocks(b: Brief): Block[] {
  return [
    heading('building-heading', '## What we are building'),
    fixed(
      'building',
      b.building.objectives.length === 0 ? ['No objectives yet: add one with `git session objectives add "…"`.'] : [],
      b.building.objectives.map((o) => [`- ${objectiveMark(o.status)} ${o.id} ${mdBlock(o.text, '  ')}`]),
    ),
  ];
}

function nextBlocks(b: Brief): Block[] {
  const items: string[][] = [
    ...b.next.steps.map((t) => [bullet(t)]),
    ...(b.next.pauseNote ? [[`- (left off at the last pause) ${mdBlock(b.next.pauseNote, '  ')}`]] : []),
    ...b.next.openObjectives.map((o) => [
      `- ${o.status === 'in-progress' ? 'continue' : 'start'} ${o.id}: ${mdBlock(o.text, '  ')}`,
    ]),
  ];
  return [
    heading('next-heading', '## What is next'),
    fixed(
      'next',
      items.length === 0 ? ['Nothing recorded: add next steps with `git session log --next "…"`.'] : [],
      items,
    ),
  ];
}

/** A list under one line of "What to watch": `min` items at least, else one line for all of them. */
function watchList(
  key: string,
  title: string,
  items: string[][],
  more: (n: number) => string,
  min: number,
  collapsed?: string,
): Block[] {
  if (items.length === 0) return [];
  return [{ key, head: [title], items, more, min, ...(collapsed !== undefined ? { collapsed } : {}) }];
}

function watchBlocks(b: Brief): Block[] {
  const w = b.watch;
  if (w.blockers.length + w.conflicts.length + w.todos.length + w.uncommitted.length + w.staleContext.length === 0)
    return [];
  return [
    heading('watch-heading', '## What to watch'),
    fixed(
      'blockers',
      [],
      w.blockers.map((x) => [`- Blocker ${x.id} (since ${day(x.openedAt)}): ${mdBlock(x.text, '  ')}`]),
    ),
    ...watchList(
      'conflicts',
      '- Item ids with two versions (both kept; the first is the one shown above):',
      w.conflicts.map((c) => [
        c.reason === 'session'
          ? `  - ${c.item}: also used by ${mdLine(c.from)}`
          : `  - ${c.item}: ${mdLine(c.shown)} — and: ${mdLine(c.other)} (from ${mdLine(c.from.slice(0, 12))})`,
      ]),
      (n) => `  - … ${n} more (git session show)`,
      3,
      `- ${plural(w.conflicts.length, 'item id')} with two versions (git session show)`,
    ),
    ...watchList(
      'uncommitted',
      '- Uncommitted changes not expected between sessions:',
      w.uncommitted.map((u) => [`  - ${mdCode(u.path)} (${u.status})`]),
      (n) => `  - … ${n} more (git status)`,
      3,
      `- ${plural(w.uncommitted.length, 'uncommitted change')} not expected between sessions (git status)`,
    ),
    ...watchList(
      'stale-context',
      '- Context that may no longer match the code (update it, or confirm it still holds):',
      w.staleContext.map((c) => [
        `  - ${mdCode(c.path)}: ${plural(c.commitsSince, 'commit')} changed the code since it last changed${c.lastChanged ? ` (${day(c.lastChanged)})` : ''}`,
      ]),
      (n) => `  - … ${n} more (git session brief --format json)`,
      2,
    ),
    ...watchList(
      'todos',
      '- TODO/FIXME lines this session added:',
      w.todos.map((t) => [`  - ${mdCode(`${t.file}:${t.line}`)} — ${mdLine(t.text)} (${t.sha.slice(0, 7)})`]),
      (n) => `  - … ${n} more`,
      3,
      `- ${plural(w.todos.length, 'TODO/FIXME line')} added by this session (git session brief --format json)`,
    ),
  ];
}

function decisionsBlock(h: Brief['how']): Block {
  return {
    key: 'decisions',
    head: [h.decisions.length + h.replaced > 0 ? '### Decisions' : 'No decisions recorded in this session yet.'],
    items: [
      ...h.decisions.map((d) => {
        const lines = [`- ${mdStrong(d.text, '  ')} (${d.id}, ${day(d.at)})`];
        if (d.rationale) lines.push(`  - why: ${mdBlock(d.rationale, '    ')}`);
        if (d.alternatives) lines.push(`  - instead of: ${mdBlock(d.alternatives, '    ')}`);
        if (d.supersedes)
          lines.push(
            `  - replaces ${d.supersedes.id}${d.supersedes.text !== null ? `: ${mdLine(d.supersedes.text)}` : ''}`,
          );
        return lines;
      }),
      ...(h.replaced > 0 ? [[`- (${plural(h.replaced, 'decision')} replaced since: git session decisions list)`]] : []),
    ],
    more: (n) => `- … ${plural(n, 'older decision')} (git session decisions list)`,
    min: 3,
    collapsed: `${plural(h.decisions.length, 'decision')} in this session: git session decisions list`,
  };
}

function projectBlocks(h: Brief['how']): Block[] {
  const out: Block[] = [];
  if (h.project.architecture !== null || h.project.patterns.length > 0)
    out.push(
      fixed('project', [
        '',
        '### Architecture and patterns (.session/config.yaml)',
        '',
        ...(h.project.architecture !== null ? [`- Architecture: ${mdLine(h.project.architecture)}`] : []),
        ...(h.project.patterns.length > 0
          ? [`- Patterns to follow: ${h.project.patterns.map(mdLine).join(', ')}`]
          : []),
      ]),
    );
  if (h.unfilled.length > 0)
    out.push(
      fixed('unfilled', [
        '',
        `Not filled in yet (still the starter text of git session init): ${h.unfilled.map(mdCode).join(', ')}.`,
      ]),
    );
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
  return out;
}

function howBlocks(b: Brief): Block[] {
  const h = b.how;
  const out: Block[] = [heading('how-heading', '## How we build it'), decisionsBlock(h)];
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
        const lines = [`- ${mdStrong(d.text, '  ')} (${mdLine(d.session.name)}, ${day(d.at)})`];
        if (d.rationale) lines.push(`  - why: ${mdBlock(d.rationale, '    ')}`);
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
      items: h.contextFiles.map((p) => [`- ${mdCode(p)}`]),
      more: (n) => `- … ${n} more`,
      min: 3,
      collapsed: `Context files near this session's changes: ${h.contextFiles.slice(0, 3).map(mdCode).join(', ')}${h.contextFiles.length > 3 ? ', …' : ''}`,
    });
  return [...out, ...projectBlocks(h)];
}

function commitsBlock(d: Brief['done']): Block {
  const items: string[][] = [];
  for (const g of d.commits) {
    items.push(['', `### ${g.title} (${g.commits.length})`]);
    for (const c of g.commits)
      items.push([
        `- ${c.sha.slice(0, 7)} ${c.scope ? `**${mdLine(c.scope)}:** ` : ''}${mdLine(c.subject)}${c.breaking ? ' ⚠ breaking' : ''}`,
      ]);
  }
  const commits = d.commits.reduce((n, g) => n + g.commits.length, 0);
  return {
    key: 'commits',
    head: [],
    items,
    more: (n) => `- … ${plural(n, 'more line')} of commits (git session show)`,
    min: 0,
    collapsed: `- ${plural(commits, 'commit')}: ${d.commits.map((g) => `${g.commits.length} ${g.title.toLowerCase()}`).join(', ')} (git session show)`,
  };
}

function doneBlocks(b: Brief): Block[] {
  const d = b.done;
  if (d.objectives.length + d.commits.length + d.progress.length + d.resolvedBlockers.length === 0) return [];
  const out: Block[] = [heading('done-heading', '## What is done')];
  if (d.objectives.length > 0)
    out.push({
      key: 'done',
      head: [],
      items: d.objectives.map((o) => [
        `- [x] ${o.id} ${mdBlock(o.text, '  ')}${o.completedAt ? ` (${day(o.completedAt)})` : ''}`,
      ]),
      more: (n) => `- … ${n} more completed`,
      min: 3,
      collapsed: `- ${plural(d.objectives.length, 'objective')} completed (git session objectives list)`,
    });
  if (d.progress.length > 0)
    out.push({
      key: 'progress',
      head: ['', '### Progress'],
      items: d.progress.map((e) => [`- ${stamp(e.at)} ${e.kind === 'done' ? 'done: ' : ''}${mdBlock(e.text, '  ')}`]),
      more: (n) => `- … ${plural(n, 'earlier entry')} (git session show)`,
      min: 3,
      collapsed: `${plural(d.progress.length, 'progress entry')}: git session show`,
    });
  if (d.resolvedBlockers.length > 0)
    out.push({
      key: 'resolved-blockers',
      head: ['', '### Blockers resolved'],
      items: d.resolvedBlockers.map((x) => {
        const lines = [`- ${x.id} ${mdBlock(x.text, '  ')}${x.resolvedAt ? ` (${day(x.resolvedAt)})` : ''}`];
        if (x.note) lines.push(`  - how: ${mdBlock(x.note, '    ')}`);
        return lines;
      }),
      more: (n) => `- … ${n} more (git session blockers list)`,
      min: 2,
      collapsed: `${plural(d.resolvedBlockers.length, 'blocker')} resolved: git session blockers list`,
    });
  return [...out, commitsBlock(d)];
}

function filesBlocks(b: Brief): Block[] {
  if (b.files.total === 0) return [];
  return [
    {
      key: 'files',
      head: ['', `## Files changed (${b.files.total})`, ''],
      items: b.files.files.map((f) => [`- ${mdCode(f.path)}${f.commits > 1 ? ` (${f.commits} commits)` : ''}`]),
      more: (n) => `- … ${plural(n, 'more file')}`,
      min: 5,
      collapsed: `\n## Files changed (${b.files.total}): git session show`,
    },
  ];
}

/** The current task first; a spawned session's parent and whom it still waits for. */
function nowBlocks(b: Brief): Block[] {
  const lines: string[] = [];
  if (b.now.task) lines.push(`**Now**: ${mdBlock(b.now.task, '')}`);
  const p = b.now.parent;
  if (p) {
    const by = p.name ? mdCode(p.name) : mdCode(p.id);
    lines.push(`Spawned by ${by}${p.agent ? ` as ${mdLine(p.agent)}` : ''}${p.task ? ` to: ${mdLine(p.task)}` : ''}`);
    if (p.waitingFor.length > 0)
      lines.push(
        `**Waiting** for ${p.waitingFor.map(mdCode).join(', ')} to end: start once they have (\`git session resume\`).`,
      );
    else if (p.after.length > 0 && b.session.status === 'paused')
      lines.push(`${p.after.map(mdCode).join(', ')} ended: it can start (\`git session resume\`).`);
  }
  return lines.length > 0 ? [fixed('now', ['', ...lines])] : [];
}

/** The agents this session spawned: status, who, what for, where, and how it ended. */
function childrenBlocks(b: Brief): Block[] {
  if (b.children.length === 0) return [];
  const ended = b.children.filter((c) => c.status === 'completed' || c.status === 'abandoned').length;
  return [
    heading('children-heading', `## Spawned agents (${ended}/${b.children.length} ended)`),
    {
      key: 'children',
      head: [],
      items: b.children.map((c) => {
        const who = c.agent && c.agent !== c.name ? `${mdCode(c.name)} (${mdLine(c.agent)})` : mdCode(c.name);
        const where = [
          c.branch ? `branch ${mdCode(c.branch)}` : null,
          c.worktree ? `in ${mdCode(c.worktree)}` : null,
          c.waitingFor.length > 0 ? `waiting for ${c.waitingFor.map(mdCode).join(', ')}` : null,
        ].filter((x) => x !== null);
        const lines = [
          `- **${c.status}** ${who}: ${mdBlock(c.task, '  ')}${where.length > 0 ? ` — ${where.join(', ')}` : ''}`,
        ];
        if (c.summary)
          lines.push(`  - ${c.status === 'abandoned' ? 'abandoned' : 'summary'}: ${mdBlock(c.summary, '    ')}`);
        return lines;
      }),
      more: (n) => `- … ${plural(n, 'more agent')} (git session status)`,
      min: 5,
      collapsed: `${plural(b.children.length, 'spawned agent')}, ${ended} ended: git session status`,
    },
  ];
}

/** The brief's blocks, in the order they are printed: one builder per section. */
export function briefBlocks(b: Brief): Block[] {
  return [
    headerBlock(b),
    ...nowBlocks(b),
    fixed('continue', ['', '## Continue', ''], continueItems(b)),
    ...handoffBlocks(b),
    ...buildingBlocks(b),
    ...childrenBlocks(b),
    ...nextBlocks(b),
    ...watchBlocks(b),
    ...howBlocks(b),
    ...doneBlocks(b),
    ...filesBlocks(b),
  ];
}

/** How to pick the session up: the commands, where the branch stands, how to check the work. */
function continueItems(b: Brief): string[][] {
  return continueLines(b.continue, b.branch).map((l) => [l]);
}

/** The "Continue" lines of the brief and the handoff. */
export function continueLines(c: Brief['continue'], br: Brief['branch']): string[] {
  const items: string[] = [];
  if (c.commands.length > 0)
    items.push(`- ${c.commands.map(mdCode).join(', then ')}${c.note ? ` (${mdLine(c.note)})` : ''}`);
  else if (c.note) items.push(`- ${mdLine(c.note)}`);
  if (br) {
    const where: string[] = [];
    if (br.ref === null) where.push('not in this clone or on any remote');
    else if (br.ref !== br.name) where.push(`only as ${mdCode(br.ref)} here`);
    if (br.upstream)
      where.push(
        br.upstream.gone
          ? `its upstream ${mdCode(br.upstream.name)} is gone`
          : br.upstream.ahead + br.upstream.behind === 0
            ? `up to date with ${mdCode(br.upstream.name)}`
            : `${br.upstream.ahead} ahead of and ${br.upstream.behind} behind ${mdCode(br.upstream.name)}${br.upstream.ahead > 0 ? ' (push it)' : ''}`,
      );
    else if (br.ref === br.name) where.push('not pushed (no upstream)');
    if (br.base)
      where.push(
        br.base.merged
          ? `merged into ${mdCode(br.base.name)}`
          : `${plural(br.base.ahead, 'commit')} not in ${mdCode(br.base.name)}, ${br.base.behind} behind it`,
      );
    if (where.length > 0) items.push(`- Branch ${mdCode(br.name)}: ${where.join('; ')}`);
  }
  items.push(
    c.test
      ? `- Check the work with ${mdCode(c.test.command)} (from ${mdLine(c.test.source)})`
      : '- No test command found: set commands.test in .session/config.yaml',
  );
  return items;
}

export interface RenderedBrief {
  text: string;
  lines: number;
  /** Its size in estimated tokens (UTF-8 bytes ÷ 4: model/text.ts estimateTokens). */
  tokens: number;
  /** Blocks that were cut, with how many items each kept. */
  cut: Fitted['cut'];
  /**
   * The token budget was smaller than what is never cut (the header, objectives, next steps, open
   * blockers): the text was cut at its end to fit, with a line saying so.
   */
  truncated: boolean;
}

/**
 * The brief fitted to `maxLines`, and to `maxTokens` when given: blocks shrink in SHRINK_ORDER
 * until both fit; should the parts that are never cut still exceed the token budget, the text is
 * cut at its end, so that a hook's output never exceeds what its host takes.
 */
export function renderBriefMarkdown(brief: Brief, maxLines: number, maxTokens?: number): RenderedBrief {
  const maxBytes = maxTokens === undefined ? undefined : maxTokens * 4;
  const { lines, cut } = fitBlocks(
    briefBlocks(brief),
    SHRINK_ORDER,
    maxBytes === undefined ? maxLines : { lines: maxLines, bytes: maxBytes },
  );
  let text = `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  let truncated = false;
  if (maxBytes !== undefined && utf8Length(text) > maxBytes) {
    text = `${cutToBytes(text.trimEnd(), maxBytes - 1, `… (cut to fit ${maxTokens} tokens: \`git session brief\` shows it all)`)}\n`;
    truncated = true;
  }
  return { text, lines: text.split('\n').length - 1, tokens: estimateTokens(text), cut, truncated };
}
