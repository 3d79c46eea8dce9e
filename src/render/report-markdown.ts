// The weekly and project reports as Markdown, for pasting in a team channel. User text is made
// safe twice: terminal-unsafe characters shown (safeLine), Markdown syntax escaped.

import type { Report, ReportSession } from '../analytics/report.js';
import { mdLine as md } from './markdown.js';
import { objectiveMark } from './marks.js';
import { duration, stamp } from './time.js';
import { plural } from './words.js';

const short = (sha: string) => `\`${sha.slice(0, 8)}\``;
const LIST_LIMIT = 10;

function limited<T>(items: readonly T[], line: (t: T) => string, limit = LIST_LIMIT): string[] {
  const out = items.slice(0, limit).map(line);
  if (items.length > limit) out.push(`- … and ${items.length - limit} more`);
  return out;
}

function sessionSection(s: ReportSession): string[] {
  const lines = ['', `### ${md(s.name)}${s.title ? ` — ${md(s.title)}` : ''}`, ''];
  lines.push(
    `${s.status} · branch ${s.branch ? md(s.branch) : '(none)'} · ${duration(s.activeMs)} active · ${plural(s.commits, 'commit')} · +${s.linesAdded} −${s.linesRemoved} in ${plural(s.filesChanged, 'file')}`,
  );
  if (s.completed.length > 0) {
    lines.push('', 'Completed:');
    lines.push(...limited(s.completed, (o) => `- ${md(o.text)}`));
  }
  if (s.decided.length > 0) {
    lines.push('', 'Decided:');
    lines.push(...limited(s.decided, (d) => `- ${md(d.text)}${d.rationale ? ` — ${md(d.rationale)}` : ''}`));
  }
  if (s.openBlockers.length > 0) {
    lines.push('', 'Blocked on:');
    lines.push(...limited(s.openBlockers, (b) => `- ${md(b.text)} (since ${stamp(b.openedAt)})`));
  }
  if (s.openObjectives.length > 0) {
    lines.push('', 'Still open:');
    lines.push(...limited(s.openObjectives, (o) => `- ${objectiveMark(o.status)} ${md(o.text)}`));
  }
  if (s.next.length > 0) {
    lines.push('', 'Next:');
    lines.push(...limited(s.next, (n) => `- ${md(n)}`));
  }
  if (s.checkpointList.length > 0) {
    lines.push('', 'Checkpoints:');
    lines.push(
      ...limited(s.checkpointList, (c) => `- ${md(c.label)} (${stamp(c.at)}${c.commit ? `, ${short(c.commit)}` : ''})`),
    );
  }
  return lines;
}

export function renderReportMarkdown(r: Report): string {
  const t = r.totals;
  const title =
    r.kind === 'weekly'
      ? `# Week ${r.week} (${r.from.slice(0, 10)} to ${new Date(Date.parse(r.to) - 1).toISOString().slice(0, 10)})`
      : `# Project report (${r.from.slice(0, 10)} to ${r.to.slice(0, 10)})`;
  const lines = [
    title,
    '',
    `${plural(t.sessions, 'session')} · ${plural(t.commits, 'commit')} · +${t.linesAdded} −${t.linesRemoved} lines in ${plural(t.filesChanged, 'file')} · ${t.objectivesDone}/${t.objectivesTotal} objectives done · ${plural(t.decisions, 'decision')} · ${plural(t.blockersOpened, 'blocker')} opened, ${t.blockersResolved} resolved · ${duration(t.activeMs)} active`,
  ];
  if (r.sessions.length === 0) {
    lines.push('', 'No session was active in this period.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '',
    '| Session | Status | Active | Commits | Lines | Objectives | Decisions | Blockers (opened/resolved) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of r.sessions)
    lines.push(
      `| ${md(s.name)} | ${s.status} | ${duration(s.activeMs)} | ${s.commits} | +${s.linesAdded} −${s.linesRemoved} | ${s.objectivesDone}/${s.objectivesTotal} | ${s.decisions} | ${s.blockersOpened}/${s.blockersResolved} |`,
    );
  lines.push('', '## Sessions');
  for (const s of r.sessions) lines.push(...sessionSection(s));
  const v = r.velocity;
  lines.push(
    '',
    '## Velocity',
    '',
    `- ${v.commitsPerActiveHour ?? '—'} commits and ${v.objectivesPerActiveHour ?? '—'} objectives per active hour${v.commitsPerActiveHour === null ? ' (under 15 active minutes: no rate)' : ''}`,
    `- ${v.commitsPerDay ?? '—'} commits and ${v.objectivesPerDay ?? '—'} objectives per active day (${plural(v.activeDays, 'day')})`,
  );
  const p = r.patterns;
  lines.push(
    '',
    '## Patterns',
    '',
    `- Source changed without tests: ${p.untested.length} of ${plural(p.commits, 'commit')}${
      p.untested.length > 0
        ? ` (${p.untested
            .slice(0, LIST_LIMIT)
            .map((u) => short(u.sha))
            .join(', ')}${p.untested.length > LIST_LIMIT ? ', …' : ''})`
        : ''
    }`,
    `- TDD cycles: ${p.tddCycles.length}${
      p.tddCycles.length > 0
        ? ` (${p.tddCycles
            .slice(0, LIST_LIMIT)
            .map((c) => `${short(c.red)} → ${short(c.green)}`)
            .join(', ')}${p.tddCycles.length > LIST_LIMIT ? ', …' : ''})`
        : ''
    }`,
    `- Long pauses (over 2h): ${p.longPauses.length}${p.longPauses.length > 0 ? ` (longest ${duration(p.longPauses[0]!.ms)} in ${md(p.longPauses[0]!.session.name)})` : ''}`,
  );
  const worst = p.blockers[0];
  lines.push(
    `- Blocker open longest: ${worst ? `${md(worst.text)} (${duration(worst.openMs)}, ${worst.status}, ${md(worst.session.name)})` : 'none'}`,
    `- Objectives reopened: ${p.reopened.length}${
      p.reopened.length > 0
        ? ` (${p.reopened
            .slice(0, LIST_LIMIT)
            .map((o) => md(o.text))
            .join('; ')})`
        : ''
    }`,
  );
  return `${lines.join('\n')}\n`;
}
