// `git session why` for people (and for the MCP `why` tool): each session behind the path, newest
// first, with the commits that touched it, its decisions — the ones those commits carried marked,
// replaced ones with what replaced them — and its objectives. Pure.

import type { WhySession } from '../core/why.js';
import { objectiveMark } from './marks.js';
import type { Style } from './term.js';
import { safeBlock, safeLine } from './term.js';
import { day } from './time.js';
import { plural } from './words.js';

export interface WhyView {
  path: string;
  lines: { from: number; to: number } | null;
  sessions: WhySession[];
  commits: number;
  withoutSession: number;
  uncommitted: number;
  truncated: boolean;
}

/** Shown per session; the rest is counted (JSON has everything). */
const SHOWN_COMMITS = 3;
const SHOWN_DECISIONS = 8;
const SHOWN_OBJECTIVES = 6;

function sessionText(s: WhySession, st: Style): string[] {
  const out = [
    '',
    `${st.bold(safeLine(s.session.name))} · ${safeLine(s.session.title || s.session.name)} · ${s.session.status}${s.session.branch ? ` · branch ${safeLine(s.session.branch)}` : ''}`,
  ];
  for (const c of s.commits.slice(0, SHOWN_COMMITS))
    out.push(`  ${st.dim(c.sha.slice(0, 7))} ${safeLine(c.subject)} ${st.dim(`(${day(c.at)})`)}`);
  if (s.commits.length > SHOWN_COMMITS)
    out.push(st.dim(`  … ${plural(s.commits.length - SHOWN_COMMITS, 'more commit')}`));
  if (s.decisions.length === 0) out.push(st.dim('  no decisions recorded'));
  for (const d of s.decisions.slice(0, SHOWN_DECISIONS)) {
    const mark = d.direct ? st.cyan('●') : '-';
    if (d.replacedBy) {
      const by =
        d.replacedBy.text === ''
          ? d.replacedBy.id
          : `${d.replacedBy.id}${d.replacedBy.session.id !== s.session.id ? ` (${safeLine(d.replacedBy.session.name)})` : ''}: ${safeLine(d.replacedBy.text)}`;
      out.push(`  ${mark} ${st.dim(`${safeLine(d.text)} (${d.id})`)} ${st.yellow('replaced by')} ${by}`);
      continue;
    }
    out.push(`  ${mark} ${safeBlock(d.text, '    ')} ${st.dim(`(${d.id}, ${day(d.at)})`)}`);
    if (d.rationale) out.push(`    ${st.dim('why:')} ${safeBlock(d.rationale, '         ')}`);
    if (d.alternatives) out.push(`    ${st.dim('instead of:')} ${safeBlock(d.alternatives, '                ')}`);
  }
  if (s.decisions.length > SHOWN_DECISIONS)
    out.push(st.dim(`  … ${plural(s.decisions.length - SHOWN_DECISIONS, 'more decision')} (--json)`));
  const objectives = s.objectives.slice(0, SHOWN_OBJECTIVES);
  if (objectives.length > 0)
    out.push(
      `  ${st.dim('objectives:')} ${objectives.map((o) => `${objectiveMark(o.status)} ${safeLine(o.text)}`).join('; ')}${s.objectives.length > SHOWN_OBJECTIVES ? ` … ${s.objectives.length - SHOWN_OBJECTIVES} more` : ''}`,
    );
  return out;
}

export function whyText(w: WhyView, st: Style): string {
  const what = `${safeLine(w.path || '.')}${w.lines ? `:${w.lines.from}${w.lines.to !== w.lines.from ? `-${w.lines.to}` : ''}` : ''}`;
  const counted = [
    `${plural(w.commits, 'commit')}${w.truncated ? ' (the newest)' : ''}`,
    ...(w.withoutSession > 0 ? [`${w.withoutSession} without a session`] : []),
    ...(w.uncommitted > 0 ? [`${plural(w.uncommitted, 'line')} not committed yet`] : []),
  ];
  if (w.sessions.length === 0)
    return `${what}: no session is behind it (${counted.join(', ')}).${w.commits > 0 && w.withoutSession === w.commits ? `\n${st.dim('On a fresh clone, git session rebuild reads the sessions from the history first.')}` : ''}`;
  const out = [`${what}: ${plural(w.sessions.length, 'session')} behind it, newest first (${counted.join(', ')})`];
  for (const s of w.sessions) out.push(...sessionText(s, st));
  out.push('', st.dim('● carried by a commit that touched it'));
  return out.join('\n');
}
