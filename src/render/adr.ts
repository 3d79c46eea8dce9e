// A decision as an architecture decision record (`adr.dir`, issue 11.4): a numbered MADR file,
// `0001-use-jwt.md` — front matter with the status, date and who decided; the context (the session
// and what it was working on), the decision and why, the options considered, and links to the
// session, the decision's id and the commit that carries it. A superseded decision's file keeps
// everything but its status line. Pure.

import { OWNED_MARK } from '../codec/owned-marker.js';
import type { Decision, Objective } from '../core/fold.js';
import { mdBlock, mdCode, mdLine } from './markdown.js';
import { day } from './time.js';

/** What an ADR file says besides the decision. */
export interface AdrContext {
  session: { id: string; name: string; title: string; branch: string };
  /** The objectives the session was working on when the decision was made. */
  workingOn: Pick<Objective, 'text'>[];
  /** The ADR this decision replaces (file name and number), when it supersedes one. */
  supersedes: { number: number; file: string } | null;
}

/** The ADR mark: git-session's, naming the decision, so the file is found again by id. */
export const adrMark = (decisionId: string): string =>
  `${OWNED_MARK}: an architecture decision record (${decisionId}). git-session updates its status line; edit the rest freely, but keep this line. -->`;

/** The decision id an ADR's mark names, or null. */
export function adrDecisionOf(text: string): string | null {
  const m = /<!-- Written by git-session: an architecture decision record \((dec-[0-9a-hjkmnp-tv-z]{4,16})\)/.exec(
    text.slice(0, 4096),
  );
  return m ? m[1]! : null;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** `0007-use-jwt-for-sessions.md`: the number, and the first line of the text made a file name. */
export function adrFileName(n: number, text: string): string {
  const first = text.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '';
  const slug = first
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${pad(n)}-${slug === '' ? 'decision' : slug}.md`;
}

/** The number an ADR file name starts with (`0007-…md`), or null. */
export function adrNumberOf(file: string): number | null {
  const m = /^(\d{1,6})-[^/]*\.md$/.exec(file);
  return m ? Number(m[1]) : null;
}

/** The front matter's status line of a superseded decision. */
export const supersededStatus = (by: { number: number; file: string }): string =>
  `status: superseded by [ADR-${pad(by.number)}](${by.file})`;

/** The ADR file's text. */
export function renderAdr(d: Decision, c: AdrContext): string {
  const title = mdLine(d.text.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? d.text);
  const s = c.session;
  const context = [
    `Decided in session ${mdCode(s.name)}${s.title ? ` — ${mdLine(s.title)}` : ''}${s.branch ? `, on branch ${mdCode(s.branch)}` : ''}.`,
  ];
  if (c.workingOn.length > 0) {
    context.push('', 'The session was working on:', '');
    for (const o of c.workingOn.slice(0, 10)) context.push(`* ${mdBlock(o.text, '  ')}`);
  }
  const lines = [
    '---',
    'status: accepted',
    `date: ${day(d.at)}`,
    `decision-makers: [${JSON.stringify(d.author)}]`,
    '---',
    adrMark(d.id),
    '',
    `# ${title}`,
    '',
    '## Context and Problem Statement',
    '',
    ...context,
    '',
    '## Decision Outcome',
    '',
    `Chosen option: ${mdBlock(d.text, '')}`,
    '',
    `Rationale: ${d.rationale ? mdBlock(d.rationale, '') : 'none recorded.'}`,
    '',
    '## Considered Options',
    '',
    `* ${mdBlock(d.text, '  ')} (chosen)`,
    ...(d.alternatives ? [`* ${mdBlock(d.alternatives, '  ')}`] : []),
    '',
    '## More Information',
    '',
    `* Decision ${mdCode(d.id)}, recorded ${day(d.at)} by ${mdLine(d.author)} with git-session.`,
    `* Session ${mdCode(s.name)} (${mdCode(s.id)}): ${mdCode(`git session show ${s.id}`)}.`,
    `* Commit: the one whose ${mdCode('Decisions:')} trailer carries it — ${mdCode(`git log --all --grep=${d.id}`)}.`,
  ];
  if (c.supersedes) lines.push(`* Supersedes [ADR-${pad(c.supersedes.number)}](${c.supersedes.file}).`);
  return `${lines.join('\n')}\n`;
}

/**
 * The file's text with its front matter's status replaced (everything else as it was), or null
 * when the file has no front matter status line git-session can find.
 */
export function withStatus(text: string, status: string): string | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text);
  if (!m) return null;
  const front = m[1]!;
  if (!/^status:.*$/m.test(front)) return null;
  const start = m[0].indexOf(front);
  return text.slice(0, start) + front.replace(/^status:.*$/m, status) + text.slice(start + front.length);
}
