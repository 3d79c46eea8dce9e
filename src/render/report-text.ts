// history, analyze and compare for people at a terminal. User text goes through safeLine; colour
// comes from the Style (off for pipes, NO_COLOR and coding agents, see term.ts).

import type { Comparison } from '../analytics/compare.js';
import type { SessionMetrics } from '../analytics/metrics.js';
import type { Patterns } from '../analytics/patterns.js';
import type { Velocity } from '../analytics/velocity.js';
import { statusBadge } from './session-text.js';
import { type Style, safeLine } from './term.js';
import { duration, span, stamp } from './time.js';
import { plural } from './words.js';

const short = (sha: string) => sha.slice(0, 8);
/** A rate, or — when there is too little active time for one to mean anything (velocity.ts). */
const rate = (x: number | null) => (x === null ? '—' : String(x));

export function historyText(rows: readonly SessionMetrics[], st: Style, metrics: boolean, now: string): string {
  if (rows.length === 0) return st.dim('No sessions.');
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(
      [
        st.bold(safeLine(r.name)),
        statusBadge(r.status, st),
        st.dim(`${stamp(r.start)} → ${stamp(r.end)}`),
        `${span(r.start, r.end, now)} (active ${duration(r.activeMs)})`,
        plural(r.commits, 'commit'),
        `${st.green(`+${r.linesAdded}`)} ${st.red(`-${r.linesRemoved}`)}`,
        `objectives ${r.objectivesDone}/${r.objectivesTotal}`,
      ].join('  '),
    );
    if (metrics) {
      lines.push(
        st.dim(
          `    ${safeLine(r.branch || '(no branch)')} · ${plural(r.filesChanged, 'file')} changed · ${plural(r.decisions, 'decision')} · blockers ${r.blockersOpened} opened, ${r.blockersResolved} resolved · ${plural(r.checkpoints, 'checkpoint')} · ${plural(r.pauses, 'long pause')}`,
        ),
        st.dim(
          `    ${r.id} · by ${r.authors.map(safeLine).join(', ')} · active time from ${r.activeBasis === 'journal' ? 'the journal clock' : 'commit times (history only)'}`,
        ),
      );
    }
  }
  return lines.join('\n');
}

export function velocityLines(v: Omit<Velocity, 'daily'>): string {
  return `${duration(v.activeMs)} active over ${plural(v.activeDays, 'day')} · ${plural(v.commits, 'commit')} · ${plural(v.objectivesCompleted, 'objective')} completed · per active hour: ${rate(v.commitsPerActiveHour)} commits, ${rate(v.objectivesPerActiveHour)} objectives · per day: ${rate(v.commitsPerDay)} commits, ${rate(v.objectivesPerDay)} objectives`;
}

export function patternLines(p: Patterns, st: Style, limit = 20): string[] {
  const lines: string[] = [];
  const more = (n: number) => (n > limit ? [st.dim(`    … and ${n - limit} more (--json lists them all)`)] : []);
  const who = (s: { name: string }) => st.dim(`[${safeLine(s.name)}]`);
  lines.push(
    st.bold('Source changed without tests') +
      st.dim(`  ${p.untested.length} of ${plural(p.commits, 'commit')} (${p.testedChanges} changed source with tests)`),
  );
  for (const u of p.untested.slice(0, limit))
    lines.push(
      `    ${st.yellow(short(u.sha))} ${safeLine(u.subject)}  ${st.dim(u.sources.map(safeLine).join(', '))} ${who(u.session)}`,
    );
  lines.push(...more(p.untested.length));
  lines.push(st.bold('TDD cycles') + st.dim(`  ${p.tddCycles.length}`));
  for (const c of p.tddCycles.slice(0, limit))
    lines.push(
      `    ${st.red(`red ${short(c.red)}`)} → ${st.green(`green ${short(c.green)}`)}${c.refactor ? ` → refactor ${short(c.refactor)}` : ''}  ${st.dim(c.tests.map(safeLine).join(', '))} ${who(c.session)}`,
    );
  lines.push(...more(p.tddCycles.length));
  lines.push(st.bold('Long pauses') + st.dim(`  ${p.longPauses.length} (over 2h)`));
  for (const g of p.longPauses.slice(0, limit))
    lines.push(
      `    ${duration(g.ms)}  ${stamp(g.from)} → ${stamp(g.to)}  ${st.dim(`after ${g.before ? short(g.before) : '–'}, before ${g.after ? short(g.after) : '–'}`)} ${who(g.session)}`,
    );
  lines.push(...more(p.longPauses.length));
  lines.push(st.bold('Blockers open longest') + st.dim(`  ${p.blockers.length}`));
  for (const b of p.blockers.slice(0, Math.min(limit, 5)))
    lines.push(
      `    ${duration(b.openMs)}  ${st.dim(b.id)} ${safeLine(b.text)} ${b.status === 'open' ? st.red('(open)') : st.dim('(resolved)')}  ${st.dim(b.commits.map(short).join(' '))} ${who(b.session)}`,
    );
  lines.push(st.bold('Objectives reopened') + st.dim(`  ${p.reopened.length}`));
  for (const o of p.reopened.slice(0, limit))
    lines.push(
      `    ${st.dim(o.id)} ${safeLine(o.text)}  reopened ${o.reopened}×, now ${o.status}  ${st.dim(o.commits.map(short).join(' '))} ${who(o.session)}`,
    );
  lines.push(...more(p.reopened.length));
  return lines;
}

export function analyzeText(
  a: {
    session: { name: string } | null;
    sessions: number;
    velocity?: Velocity & { bySession: ({ name: string } & Omit<Velocity, 'daily'>)[] };
    patterns?: Patterns;
  },
  st: Style,
): string {
  if (a.sessions === 0) return st.dim('No sessions.');
  const scope = a.session ? `session ${safeLine(a.session.name)}` : `all ${plural(a.sessions, 'session')}`;
  const lines: string[] = [];
  if (a.velocity) {
    const v = a.velocity;
    lines.push(st.bold(`Velocity — ${scope}`), `  ${velocityLines(v)}`);
    // Days with commits or completed objectives, the latest fortnight of them (--json has every day).
    for (const d of v.daily.filter((x) => x.commits > 0 || x.objectivesCompleted > 0).slice(-14))
      lines.push(
        st.dim(
          `    ${d.day}  ${plural(d.commits, 'commit').padEnd(11)} ${plural(d.objectivesCompleted, 'objective').padEnd(13)} active ${duration(d.activeMs)}`,
        ),
      );
    if (!a.session && v.bySession.length > 1)
      for (const s of v.bySession) lines.push(`  ${st.bold(safeLine(s.name))}: ${velocityLines(s)}`);
  }
  if (a.patterns) {
    if (lines.length > 0) lines.push('');
    lines.push(st.bold(`Patterns — ${scope}`), ...patternLines(a.patterns, st).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

export function compareText(c: Comparison, st: Style, now: string): string {
  const a = c.a.metrics;
  const b = c.b.metrics;
  const rows: [string, string, string][] = [
    ['session', safeLine(a.name), safeLine(b.name)],
    ['status', a.status, b.status],
    ['branch', safeLine(a.branch), safeLine(b.branch)],
    ['duration', span(a.start, a.end, now), span(b.start, b.end, now)],
    ['active', duration(a.activeMs), duration(b.activeMs)],
    ['commits', String(a.commits), String(b.commits)],
    ['lines', `+${a.linesAdded} -${a.linesRemoved}`, `+${b.linesAdded} -${b.linesRemoved}`],
    ['files changed', String(a.filesChanged), String(b.filesChanged)],
    ['objectives', `${a.objectivesDone}/${a.objectivesTotal}`, `${b.objectivesDone}/${b.objectivesTotal}`],
    ['decisions', String(a.decisions), String(b.decisions)],
    [
      'blockers',
      `${a.blockersOpened} (${a.blockersResolved} resolved)`,
      `${b.blockersOpened} (${b.blockersResolved} resolved)`,
    ],
    ['commits/active h', rate(c.a.velocity.commitsPerActiveHour), rate(c.b.velocity.commitsPerActiveHour)],
    ['objectives/active h', rate(c.a.velocity.objectivesPerActiveHour), rate(c.b.velocity.objectivesPerActiveHour)],
    ['commits/day', rate(c.a.velocity.commitsPerDay), rate(c.b.velocity.commitsPerDay)],
  ];
  const w1 = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([k, x, y], i) => {
    const line = `${k.padEnd(w1)}  ${x.padEnd(w2)}  ${y}`;
    return i === 0 ? st.bold(line) : line;
  });
  const o = c.overlap;
  lines.push(
    '',
    `${st.bold('Files both changed')}  ${o.shared.length} (${Math.round(o.ratio * 100)}% of all files either changed; ${o.onlyA} only in ${safeLine(a.name)}, ${o.onlyB} only in ${safeLine(b.name)})`,
  );
  for (const f of o.shared.slice(0, 20)) lines.push(`  ${safeLine(f)}`);
  if (o.shared.length > 20) lines.push(st.dim(`  … and ${o.shared.length - 20} more`));
  return lines.join('\n');
}
