// What is left when a session ends, for people: the open work as an issue to paste into a tracker
// (title and Markdown body), then decisions not yet in ADR files and unmet acceptance criteria.
// Pure.

import type { SessionState } from '../core/fold.js';
import { type Leftovers, nothingOpen } from '../core/leftovers.js';
import { mdBlock, mdCode } from './markdown.js';
import { type Style, safeLine } from './term.js';
import { day } from './time.js';

export interface Issue {
  /** One line of plain text. */
  title: string;
  /** Markdown: user text in it stays text (render/markdown.ts). */
  body: string;
}

/** The open work as an issue, or null when nothing is open. */
export function leftoverIssue(s: SessionState, l: Leftovers, now: string): Issue | null {
  if (nothingOpen(l)) return null;
  const title = `Remaining work from ${s.name}${s.title ? `: ${s.title.split(/\r?\n|\r/)[0]}` : ''}`;
  const out = [
    `Left open when session ${mdCode(s.name)}${s.branch ? ` (branch ${mdCode(s.branch)})` : ''} ended on ${day(now)}.`,
  ];
  if (l.objectives.length > 0) {
    out.push('', '## Objectives', '');
    for (const o of l.objectives)
      out.push(`- [ ] ${mdBlock(o.text, '      ')}${o.status === 'in-progress' ? ' (in progress)' : ''}`);
  }
  if (l.next.length > 0) {
    out.push('', '## Next steps', '');
    for (const n of l.next) out.push(`- [ ] ${mdBlock(n, '      ')}`);
  }
  if (l.blockers.length > 0) {
    out.push('', '## Open blockers', '');
    for (const b of l.blockers) out.push(`- ${mdBlock(b.text, '  ')}`);
  }
  if (l.criteria.length > 0) {
    out.push('', '## Acceptance criteria not met', '');
    for (const c of l.criteria)
      out.push(
        `- [ ] ${mdBlock(c.text, '      ')} (${c.status}${c.check !== null ? `; check: ${mdCode(c.check)}` : ''})`,
      );
  }
  out.push('', `Session ${mdCode(s.id)}: ${mdCode(`git session show ${s.id}`)}`);
  return { title: title.replace(/\s+/g, ' ').trim(), body: `${out.join('\n')}\n` };
}

/** The lines `end` prints after the session ended. */
export function leftoversText(s: SessionState, l: Leftovers, issue: Issue | null, st: Style): string[] {
  const out: string[] = [];
  if (issue) {
    out.push('', st.bold('What is left') + st.dim(' — paste into your issue tracker:'), '');
    out.push(`  ${safeLine(issue.title)}`, '');
    for (const line of issue.body.replace(/\n$/, '').split('\n')) out.push(line === '' ? '' : `  ${safeLine(line)}`);
  }
  const n = l.decisions.length;
  if (n > 0 && l.adrDir === null)
    out.push(
      '',
      `${n === 1 ? '1 decision is' : `${n} decisions are`} not kept as ADR files ${st.dim('— to keep them: set adr.dir in .session/config.yaml (e.g. docs/decisions), then git session decisions adr')}`,
    );
  else if (n > 0) {
    out.push(
      '',
      st.bold(`Decisions not yet in ${safeLine(l.adrDir!)}`) +
        st.dim(` — write them: git session decisions adr --session ${safeLine(s.name)}`),
    );
    for (const d of l.decisions.slice(0, 20)) out.push(`  ${st.dim(d.id)}  ${safeLine(d.text)}`);
    if (n > 20) out.push(st.dim(`  … ${n - 20} more`));
  }
  if (l.criteria.length > 0 && !issue) {
    out.push('', st.bold('Acceptance criteria not met'));
    for (const c of l.criteria) out.push(`  ${st.dim(c.id)}  ${safeLine(c.text)} (${c.status})`);
  }
  if (out.length === 0)
    out.push(
      '',
      st.dim(
        'Nothing is left: every objective done, no open next step or blocker, every decision in an ADR file, every criterion passed.',
      ),
    );
  return out;
}
