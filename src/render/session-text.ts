// Sessions as text for people. Every piece of user text goes through safeLine/safeBlock.

import { shortIds } from '../core/short-ids.js';
import { childrenText, parentText } from './children-text.js';
import { blockerMark, objectiveMark } from './marks.js';
import { type Style, safeBlock, safeLine } from './term.js';
import { ago, duration, stamp } from './time.js';
import type { SessionSummaryView, SessionView } from './views.js';
import { plural } from './words.js';

export function statusBadge(status: string, st: Style): string {
  switch (status) {
    case 'active':
      return st.green('● active');
    case 'paused':
      return st.yellow('‖ paused');
    case 'completed':
      return st.cyan('✓ completed');
    default:
      return st.dim('✗ abandoned');
  }
}

/** The sections `view` can show on their own. */
export const VIEW_SECTIONS = [
  'objectives',
  'progress',
  'decisions',
  'blockers',
  'discoveries',
  'journal',
  'next',
  'checkpoints',
  'commits',
] as const;
export type ViewSection = (typeof VIEW_SECTIONS)[number];

export interface SessionTextOptions {
  /** Only the objectives section. */
  objectivesOnly?: boolean;
  /** Everything: all decisions and journal entries, commits with files, checkpoints, handoffs. */
  full?: boolean;
  /** Only these sections, each in full (`view --progress --decisions`). */
  sections?: readonly ViewSection[];
  now: string;
}

/** An item's number: its place in the whole list, which commands accept in place of its id. */
export const itemNumber = (i: number, count: number): string => `${i + 1}.`.padStart(`${count}.`.length);

function header(v: SessionView, st: Style, now: string): string[] {
  const lines = [
    `${st.bold(safeLine(v.name))}  ${statusBadge(v.status, st)}  ${st.cyan(safeLine(v.branch || '(no branch)'))}`,
  ];
  if (v.title) lines.push(safeLine(v.title));
  const facts = [`id ${v.id}`];
  if (v.tasks.length > 0) facts.push(`tasks ${v.tasks.map(safeLine).join(', ')}`);
  facts.push(`started ${ago(v.createdAt, now)}`, `active ${duration(v.activeMs)}`);
  if (v.commits.length > 0) facts.push(plural(v.commits.length, 'commit'));
  lines.push(st.dim(facts.join(' · ')));
  if (v.pauseNote && (v.status === 'paused' || v.status === 'active'))
    lines.push(`${v.status === 'paused' ? 'paused' : 'left off'}: ${safeLine(v.pauseNote)}`);
  if (v.summary) lines.push(`summary: ${safeBlock(v.summary, '         ')}`);
  if (v.endReason) lines.push(`abandoned: ${safeBlock(v.endReason, '           ')}`);
  const elsewhere = (v.presence ?? []).filter((p) => !p.here && p.status === 'active');
  if (elsewhere.length > 0 && (v.status === 'paused' || v.status === 'active'))
    lines.push(
      st.yellow(
        `active on another clone: ${elsewhere.map((p) => `${safeLine(p.author)} (${ago(p.at, now)})`).join(', ')}`,
      ),
    );
  return lines;
}

/**
 * How a session's item ids are shown: the shortest unique prefix (at least 4 characters), as git
 * shows shas; any unique prefix finds the item again.
 */
export function objectivesText(v: SessionView, st: Style): string[] {
  const done = v.objectives.filter((o) => o.status === 'done').length;
  const lines = [st.bold('Objectives') + st.dim(`  ${done}/${v.objectives.length} done`)];
  if (v.objectives.length === 0) lines.push(st.dim('  none yet — add one: git session objectives add "…"'));
  const short = shortIds(v);
  v.objectives.forEach((o, i) => {
    const mark = objectiveMark(o.status);
    const n = itemNumber(i, v.objectives.length);
    const id = short(o.id);
    const body = safeBlock(o.text, ' '.repeat(2 + n.length + 1 + 4 + id.length + 2));
    lines.push(
      `  ${st.dim(n)} ${o.status === 'done' ? st.green(mark) : o.status === 'in-progress' ? st.yellow(mark) : mark} ${st.dim(id)}  ${body}`,
    );
  });
  return lines;
}

/** Conflicts: both versions kept, where the other came from (docs/reliability.md, "Trust model"). */
export function conflictsText(v: SessionView, st: Style): string[] {
  if (v.conflicts.length === 0) return [];
  const out = ['', st.bold(st.yellow('Conflicts')) + st.dim(`  ${v.conflicts.length}, both versions kept`)];
  const from = (c: { commit: string | null; author: string }) =>
    c.commit ? `commit ${c.commit.slice(0, 12)} by ${safeLine(c.author)}` : `made here by ${safeLine(c.author)}`;
  const shown = v.conflicts.slice(0, 20);
  for (const c of shown) {
    if (c.reason === 'session')
      out.push(`  ${c.item}  also in session ${c.other.session.slice(0, 13)}: ${safeLine(c.other.text)}`);
    else {
      out.push(`  ${c.item}  shown: ${safeLine(c.kept.text)} ${st.dim(`(${from(c.kept)})`)}`);
      out.push(
        `  ${' '.repeat(c.item.length)}  other: ${safeLine(c.other.text)}${c.other.rationale ? ` — why: ${safeLine(c.other.rationale)}` : ''} ${st.dim(`(${from(c.other)})`)}`,
      );
    }
  }
  if (v.conflicts.length > shown.length)
    out.push(st.dim(`  … and ${v.conflicts.length - shown.length} more: git session show --json`));
  return out;
}

/** What one rendering shows: all of it, the default summary, or only some sections. */
interface Shown {
  st: Style;
  /** The sections asked for; null: the default view. */
  only: Set<ViewSection> | null;
  /** Everything of each section shown (`--verbose`, or a section view). */
  full: boolean;
  short: (id: string) => string;
  want(...names: ViewSection[]): boolean;
}

function blockersText(v: SessionView, sh: Shown): string[] {
  const { st, short } = sh;
  const open = v.blockers.filter((b) => b.status === 'open');
  const shown = sh.full ? v.blockers : open;
  if (!sh.want('blockers') || (shown.length === 0 && sh.only === null)) return [];
  const out = ['', st.bold('Blockers') + st.dim(`  ${open.length} open`)];
  if (shown.length === 0) out.push(st.dim('  none'));
  for (const b of shown) {
    const n = itemNumber(v.blockers.indexOf(b), v.blockers.length);
    const id = short(b.id);
    const pad = ' '.repeat(2 + n.length + 1 + 4 + id.length + 2);
    const mark = b.status === 'open' ? st.red(blockerMark(b.status)) : st.dim(blockerMark(b.status));
    out.push(`  ${st.dim(n)} ${mark} ${st.dim(id)}  ${safeBlock(b.text, pad)}`);
    if (b.note) out.push(`${pad}${st.dim('resolved:')} ${safeBlock(b.note, pad)}`);
    // A second person's resolution with another note is kept and shown too.
    for (const r of b.resolutions.filter((x) => x.note !== b.note))
      out.push(
        `${pad}${st.dim(`also resolved by ${safeLine(r.author)}:`)} ${r.note === null ? st.dim('(no note)') : safeBlock(r.note, pad)}`,
      );
  }
  return out;
}

function decisionsText(v: SessionView, sh: Shown): string[] {
  const { st, short } = sh;
  const decisions = sh.full ? v.decisions : v.decisions.slice(-3);
  if (!sh.want('decisions') || (decisions.length === 0 && sh.only === null)) return [];
  const out = [
    '',
    st.bold('Decisions') + (sh.full || v.decisions.length <= 3 ? '' : st.dim(`  last 3 of ${v.decisions.length}`)),
  ];
  if (decisions.length === 0) out.push(st.dim('  none'));
  for (const d of decisions) {
    const n = itemNumber(v.decisions.indexOf(d), v.decisions.length);
    const id = short(d.id);
    const pad = ' '.repeat(2 + n.length + 1 + id.length + 2);
    out.push(`  ${st.dim(n)} ${st.dim(id)}  ${safeBlock(d.text, pad)}`);
    if (d.supersededBy !== null) out.push(`${pad}${st.yellow('replaced by')} ${d.supersededBy}`);
    if (d.rationale) out.push(`${pad}${st.dim('why:')} ${safeBlock(d.rationale, `${pad}     `)}`);
    if (d.alternatives) out.push(`${pad}${st.dim('instead of:')} ${safeBlock(d.alternatives, `${pad}            `)}`);
  }
  return out;
}

function journalText(v: SessionView, sh: Shown): string[] {
  const { st, only } = sh;
  // In a section view, the journal holds only the kinds asked for.
  const kinds = new Set<string>();
  if (only?.has('journal')) for (const k of ['progress', 'discovery', 'next', 'done']) kinds.add(k);
  if (only?.has('progress')) for (const k of ['progress', 'done']) kinds.add(k);
  if (only?.has('discoveries')) kinds.add('discovery');
  const journal =
    only !== null
      ? v.log.filter((e) => kinds.has(e.kind))
      : (sh.full ? v.log : v.log.slice(-5)).filter((e) => sh.full || e.kind !== 'next');
  if (!sh.want('journal', 'progress', 'discoveries') || (journal.length === 0 && only === null)) return [];
  const out = [
    '',
    st.bold(only?.has('journal') || !only ? 'Journal' : only.has('progress') ? 'Progress' : 'Discoveries'),
  ];
  if (journal.length === 0) out.push(st.dim('  none'));
  for (const e of journal) {
    const pad = ' '.repeat(2 + 16 + 2 + 10);
    out.push(`  ${st.dim(stamp(e.at))}  ${e.kind.padEnd(10)}${safeBlock(e.text, pad)}`);
  }
  return out;
}

function nextText(v: SessionView, sh: Shown): string[] {
  const { st, only } = sh;
  const out: string[] = [];
  if (sh.want('next') && v.handoffNotes.length > 0) {
    const notes = only ? v.handoffNotes : v.handoffNotes.slice(-1);
    const last = notes[notes.length - 1]!;
    out.push('', st.bold('Handoff notes') + st.dim(`  ${stamp(last.at)}`));
    for (const n of notes) out.push(`  ${safeBlock(n.text, '  ')}`);
  }
  if (only === null) out.push(...conflictsText(v, st));
  if (sh.want('next') && (v.next.length > 0 || only !== null)) {
    out.push('', st.bold('Next'));
    if (v.next.length === 0) out.push(st.dim('  none'));
    for (const n of sh.full ? v.next : v.next.slice(0, 3)) out.push(`  → ${safeBlock(n, '    ')}`);
  }
  return out;
}

/** What only the full view shows: checkpoints, handoffs written, commits with their files. */
function fullOnlyText(v: SessionView, sh: Shown): string[] {
  const { st, only } = sh;
  const out: string[] = [];
  if (sh.want('checkpoints') && (v.checkpoints.length > 0 || only !== null)) {
    out.push('', st.bold('Checkpoints'));
    if (v.checkpoints.length === 0) out.push(st.dim('  none'));
    for (const c of v.checkpoints) {
      const extra = [c.commit ? c.commit.slice(0, 7) : null, c.note ? safeLine(c.note) : null]
        .filter(Boolean)
        .join(' — ');
      out.push(`  ${st.dim(stamp(c.at))}  ${safeLine(c.label)}${extra ? st.dim(`  ${extra}`) : ''}`);
    }
  }
  if (only === null && v.handoffs.length > 0) {
    out.push('', st.bold('Handoffs'));
    for (const h of v.handoffs) out.push(`  ${st.dim(stamp(h.at))}  ${safeLine(h.path)}`);
  }
  if (sh.want('commits') && (v.commits.length > 0 || only !== null)) {
    out.push('', st.bold('Commits'));
    if (v.commits.length === 0) out.push(st.dim('  none'));
    for (const c of v.commits) {
      out.push(
        `  ${st.yellow(c.sha.slice(0, 7))}  ${c.subject === null ? st.dim('(not in this repository)') : safeLine(c.subject)}`,
      );
      if (c.files) for (const f of c.files) out.push(st.dim(`           ${safeLine(f)}`));
    }
  }
  return out;
}

export function sessionText(v: SessionView, st: Style, o: SessionTextOptions): string {
  if (o.objectivesOnly) return objectivesText(v, st).join('\n');
  const only = o.sections && o.sections.length > 0 ? new Set<ViewSection>(o.sections) : null;
  const sh: Shown = {
    st,
    only,
    full: o.full === true || only !== null,
    short: shortIds(v),
    want: (...names) => only === null || names.some((n) => only.has(n)),
  };
  const out: string[] = only ? [header(v, st, o.now)[0]!] : [...header(v, st, o.now)];
  if (!only) out.push(...parentText(v.spawn, v.currentTask, v.status, st));
  if (sh.want('objectives', 'progress')) out.push('', ...objectivesText(v, st));
  if (!only) out.push(...childrenText(v.children, st));
  out.push(...blockersText(v, sh), ...decisionsText(v, sh), ...journalText(v, sh), ...nextText(v, sh));
  if (sh.full) out.push(...fullOnlyText(v, sh));
  return out.join('\n');
}

export function sessionListText(rows: SessionSummaryView[], st: Style, now: string, hidden = 0): string {
  if (rows.length === 0)
    return st.dim(
      hidden > 0
        ? `No open sessions; ${plural(hidden, 'ended session')}: git session list --all`
        : 'No sessions. Start one: git session start <branch> -o "…"',
    );
  const nameW = Math.min(28, Math.max(4, ...rows.map((r) => safeLine(r.name).length)));
  const branchW = Math.min(32, Math.max(6, ...rows.map((r) => safeLine(r.branch).length)));
  const lines = [
    st.dim(`${'NAME'.padEnd(nameW)}  ${'STATUS'.padEnd(11)}  ${'BRANCH'.padEnd(branchW)}  OBJ    UPDATED     TITLE`),
  ];
  for (const r of rows) {
    const badge = statusBadge(r.status, st);
    const visibleBadge = badge.replace(/\x1b\[[0-9;]*m/g, '');
    lines.push(
      [
        safeLine(r.name).padEnd(nameW),
        badge + ' '.repeat(Math.max(0, 11 - visibleBadge.length)),
        st.cyan(safeLine(r.branch).padEnd(branchW)),
        `${r.objectivesDone}/${r.objectivesTotal}`.padEnd(5),
        ago(r.updatedAt, now).padEnd(10),
        safeLine(r.title) + (r.attention.length > 0 ? st.yellow(`  (${r.attention.join(', ')})`) : ''),
      ].join('  '),
    );
  }
  return lines.join('\n');
}

/** A few lines for switching into a session: where it stands and what to do next. */
export function shortBrief(v: SessionView, st: Style, verb: string): string {
  const out = [
    `${st.bold(`${verb} ${safeLine(v.name)}`)} ${st.dim(`(${safeLine(v.branch)})`)}${v.title ? ` — ${safeLine(v.title)}` : ''}`,
  ];
  // What the previous person left for whoever continues comes first.
  const note = v.handoffNotes[v.handoffNotes.length - 1];
  if (note) out.push(`  ${st.bold('handoff:')} ${safeLine(note.text)}`);
  const remaining = v.objectives.filter((o) => o.status !== 'done');
  const done = v.objectives.length - remaining.length;
  const short = shortIds(v);
  if (v.objectives.length > 0) {
    const items = remaining
      .slice(0, 3)
      .map((o) => `${v.objectives.indexOf(o) + 1}. ${objectiveMark(o.status)} ${short(o.id)} ${safeLine(o.text)}`);
    out.push(
      `  objectives ${done}/${v.objectives.length}${items.length ? `: ${items.join(' · ')}` : ' — all done'}${remaining.length > 3 ? ' …' : ''}`,
    );
  }
  for (const b of v.blockers.filter((x) => x.status === 'open').slice(0, 3))
    out.push(`  ${st.red('blocker')} ${v.blockers.indexOf(b) + 1}. ${short(b.id)} ${safeLine(b.text)}`);
  if (v.conflicts.length > 0)
    out.push(
      `  ${st.yellow('conflicts')} ${plural(v.conflicts.length, 'item id')} with two versions — see: git session show`,
    );
  // The note left at the last pause says where work stopped; it is shown until the next pause.
  if (v.pauseNote && (v.status === 'paused' || v.status === 'active')) out.push(`  left off: ${safeLine(v.pauseNote)}`);
  if (v.next[0]) out.push(`  next: ${safeLine(v.next[0])}`);
  return out.join('\n');
}
