// Sessions as text for people. Every piece of user text goes through safeLine/safeBlock.

import { abbreviateIds } from '../core/ids.js';
import { type Style, safeBlock, safeLine } from './term.js';
import { ago, duration, stamp } from './time.js';
import type { SessionSummaryView, SessionView } from './views.js';

const OBJECTIVE_MARK: Record<string, string> = { open: '[ ]', 'in-progress': '[>]', done: '[x]' };

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

export interface SessionTextOptions {
  /** Only the objectives section. */
  objectivesOnly?: boolean;
  /** Everything: all decisions and journal entries, commits with files, checkpoints, handoffs. */
  full?: boolean;
  now: string;
}

function header(v: SessionView, st: Style, now: string): string[] {
  const lines = [
    `${st.bold(safeLine(v.name))}  ${statusBadge(v.status, st)}  ${st.cyan(safeLine(v.branch || '(no branch)'))}`,
  ];
  if (v.title) lines.push(safeLine(v.title));
  const facts = [`id ${v.id}`];
  if (v.tasks.length > 0) facts.push(`tasks ${v.tasks.map(safeLine).join(', ')}`);
  facts.push(`started ${ago(v.createdAt, now)}`, `active ${duration(v.activeMs)}`);
  if (v.commits.length > 0) facts.push(`${v.commits.length} commit${v.commits.length === 1 ? '' : 's'}`);
  lines.push(st.dim(facts.join(' · ')));
  if (v.status === 'paused' && v.pauseNote) lines.push(`paused: ${safeLine(v.pauseNote)}`);
  if (v.summary) lines.push(`summary: ${safeBlock(v.summary, '         ')}`);
  if (v.endReason) lines.push(`abandoned: ${safeBlock(v.endReason, '           ')}`);
  return lines;
}

/**
 * How a session's item ids are shown: the shortest unique prefix (at least 4 characters), as git
 * shows shas; any unique prefix finds the item again.
 */
export function shortIds(v: SessionView): (id: string) => string {
  const short = abbreviateIds([
    ...v.objectives.map((o) => o.id),
    ...v.decisions.map((d) => d.id),
    ...v.blockers.map((b) => b.id),
  ]);
  return (id) => short.get(id) ?? id;
}

export function objectivesText(v: SessionView, st: Style): string[] {
  const done = v.objectives.filter((o) => o.status === 'done').length;
  const lines = [st.bold('Objectives') + st.dim(`  ${done}/${v.objectives.length} done`)];
  if (v.objectives.length === 0) lines.push(st.dim('  none yet — add one: git session objectives add "…"'));
  const short = shortIds(v);
  for (const o of v.objectives) {
    const mark = OBJECTIVE_MARK[o.status] ?? '[?]';
    const id = short(o.id);
    const body = safeBlock(o.text, ' '.repeat(4 + 2 + id.length + 2));
    lines.push(
      `  ${o.status === 'done' ? st.green(mark) : o.status === 'in-progress' ? st.yellow(mark) : mark} ${st.dim(id)}  ${body}`,
    );
  }
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

export function sessionText(v: SessionView, st: Style, o: SessionTextOptions): string {
  if (o.objectivesOnly) return objectivesText(v, st).join('\n');
  const out: string[] = [...header(v, st, o.now), '', ...objectivesText(v, st)];
  const short = shortIds(v);

  const open = v.blockers.filter((b) => b.status === 'open');
  const shownBlockers = o.full ? v.blockers : open;
  if (shownBlockers.length > 0) {
    out.push('', st.bold('Blockers') + st.dim(`  ${open.length} open`));
    for (const b of shownBlockers) {
      const id = short(b.id);
      const pad = ' '.repeat(4 + 2 + id.length + 2);
      const mark = b.status === 'open' ? st.red('[!]') : st.dim('[x]');
      out.push(`  ${mark} ${st.dim(id)}  ${safeBlock(b.text, pad)}`);
      if (b.note) out.push(`${pad}${st.dim('resolved:')} ${safeBlock(b.note, pad)}`);
      // A second person's resolution with another note is kept and shown too.
      for (const r of b.resolutions.filter((x) => x.note !== b.note))
        out.push(
          `${pad}${st.dim(`also resolved by ${safeLine(r.author)}:`)} ${r.note === null ? st.dim('(no note)') : safeBlock(r.note, pad)}`,
        );
    }
  }

  const decisions = o.full ? v.decisions : v.decisions.slice(-3);
  if (decisions.length > 0) {
    out.push(
      '',
      st.bold('Decisions') + (o.full || v.decisions.length <= 3 ? '' : st.dim(`  last 3 of ${v.decisions.length}`)),
    );
    for (const d of decisions) {
      const id = short(d.id);
      const pad = ' '.repeat(2 + id.length + 2);
      out.push(`  ${st.dim(id)}  ${safeBlock(d.text, pad)}`);
      if (d.rationale) out.push(`${pad}${st.dim('why:')} ${safeBlock(d.rationale, `${pad}     `)}`);
      if (d.alternatives) out.push(`${pad}${st.dim('instead of:')} ${safeBlock(d.alternatives, `${pad}            `)}`);
    }
  }

  const journal = (o.full ? v.log : v.log.slice(-5)).filter((e) => o.full || e.kind !== 'next');
  if (journal.length > 0) {
    out.push('', st.bold('Journal'));
    for (const e of journal) {
      const pad = ' '.repeat(2 + 16 + 2 + 10);
      out.push(`  ${st.dim(stamp(e.at))}  ${e.kind.padEnd(10)}${safeBlock(e.text, pad)}`);
    }
  }

  if (v.handoffNotes.length > 0) {
    const last = v.handoffNotes[v.handoffNotes.length - 1]!;
    out.push('', st.bold('Handoff notes') + st.dim(`  ${stamp(last.at)}`), `  ${safeBlock(last.text, '  ')}`);
  }

  out.push(...conflictsText(v, st));

  if (v.next.length > 0) {
    out.push('', st.bold('Next'));
    for (const n of o.full ? v.next : v.next.slice(0, 3)) out.push(`  → ${safeBlock(n, '    ')}`);
  }

  if (o.full) {
    if (v.checkpoints.length > 0) {
      out.push('', st.bold('Checkpoints'));
      for (const c of v.checkpoints) {
        const extra = [c.commit ? c.commit.slice(0, 7) : null, c.note ? safeLine(c.note) : null]
          .filter(Boolean)
          .join(' — ');
        out.push(`  ${st.dim(stamp(c.at))}  ${safeLine(c.label)}${extra ? st.dim(`  ${extra}`) : ''}`);
      }
    }
    if (v.handoffs.length > 0) {
      out.push('', st.bold('Handoffs'));
      for (const h of v.handoffs) out.push(`  ${st.dim(stamp(h.at))}  ${safeLine(h.path)}`);
    }
    if (v.commits.length > 0) {
      out.push('', st.bold('Commits'));
      for (const c of v.commits) {
        out.push(
          `  ${st.yellow(c.sha.slice(0, 7))}  ${c.subject === null ? st.dim('(not in this repository)') : safeLine(c.subject)}`,
        );
        if (c.files) for (const f of c.files) out.push(st.dim(`           ${safeLine(f)}`));
      }
    }
  }
  return out.join('\n');
}

export function sessionListText(rows: SessionSummaryView[], st: Style, now: string): string {
  if (rows.length === 0) return st.dim('No sessions. Start one: git session start <branch> -o "…"');
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
    const items = remaining.slice(0, 3).map((o) => `${OBJECTIVE_MARK[o.status]} ${short(o.id)} ${safeLine(o.text)}`);
    out.push(
      `  objectives ${done}/${v.objectives.length}${items.length ? `: ${items.join(' · ')}` : ' — all done'}${remaining.length > 3 ? ' …' : ''}`,
    );
  }
  for (const b of v.blockers.filter((x) => x.status === 'open').slice(0, 3))
    out.push(`  ${st.red('blocker')} ${short(b.id)} ${safeLine(b.text)}`);
  if (v.conflicts.length > 0)
    out.push(
      `  ${st.yellow('conflicts')} ${v.conflicts.length} item id${v.conflicts.length === 1 ? '' : 's'} with two versions — see: git session show`,
    );
  if (v.next[0]) out.push(`  next: ${safeLine(v.next[0])}`);
  else if (v.status === 'paused' && v.pauseNote) out.push(`  paused with: ${safeLine(v.pauseNote)}`);
  return out.join('\n');
}
