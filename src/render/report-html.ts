// The report as one self-contained HTML page: inline CSS, an inline SVG timeline, no script, no
// external URL (a Content-Security-Policy forbids every fetch). Every piece of user text is
// escaped for HTML after the terminal-unsafe characters are made visible.

import type { Report, ReportSession } from '../analytics/report.js';
import { objectiveMark } from './marks.js';
import { safeLine } from './term.js';
import { duration, stamp } from './time.js';
import { type Label, type Lane, MARKER_Y, type Timeline } from './timeline.js';
import { plural } from './words.js';

/** Lane colours, in lane order (the browser test looks for them in the screenshot). */
export const LANE_COLORS = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#db2777', '#ca8a04', '#475569'];

export function laneColor(index: number): string {
  return LANE_COLORS[index % LANE_COLORS.length]!;
}

/** Text for HTML content and attribute values. */
export function esc(text: string): string {
  return safeLine(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const short = (sha: string) => sha.slice(0, 8);
const n1 = (x: number) => String(Math.round(x * 10) / 10);

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
.sub { color: #475569; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 16px; }
.card { border: 1px solid #e2e8f0; border-radius: 6px; padding: 6px 12px; min-width: 110px; }
.card b { display: block; font-size: 18px; }
.card span { color: #64748b; font-size: 12px; }
.legend { color: #475569; font-size: 12px; margin: 4px 0 6px; }
.legend i { display: inline-block; width: 18px; height: 8px; background: #334155; margin: 0 4px 0 10px; vertical-align: middle; }
svg.timeline { display: block; max-width: 100%; height: auto; border: 1px solid #e2e8f0; border-radius: 6px; }
svg text { font: 11px system-ui, sans-serif; fill: #334155; }
svg .name { font-weight: 600; fill: #0f172a; font-size: 12px; }
svg .tick { stroke: #e2e8f0; }
svg .day { stroke: #94a3b8; }
svg .date { font-weight: 600; fill: #0f172a; }
svg .span { stroke: #94a3b8; stroke-width: 1; stroke-dasharray: 3 3; }
svg .commit { stroke: #0f172a; stroke-width: 1.5; }
svg .pause { fill: #64748b; font-style: italic; }
svg .objectives { fill: none; stroke-width: 1.5; stroke-opacity: 0.8; }
svg .decision { fill: #ffffff; stroke: #0f172a; stroke-width: 1.5; }
svg .checkpoint { fill: #0f172a; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border-bottom: 1px solid #e2e8f0; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { color: #475569; font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f5f9; padding: 0 3px; border-radius: 3px; }
ul { margin: 4px 0; padding-left: 20px; }
.muted { color: #64748b; }
`;

/** A placed label (analytics/timeline.ts found it room): its text is already terminal-safe. */
function labelSvg(l: Label, cls: string): string {
  return `<text class="${cls}" x="${n1(l.x)}" y="${n1(l.y)}"${l.anchor === 'start' ? '' : ` text-anchor="${l.anchor}"`} data-width="${l.width}">${esc(l.text)}</text>`;
}

function laneSvg(l: Lane): string {
  const color = laneColor(l.index);
  const mid = l.y + l.height / 2;
  const out: string[] = [];
  out.push(`<g class="lane" data-lane="${l.index}" data-session="${esc(l.id)}">`);
  out.push(
    `<rect x="0" y="${l.y}" width="100%" height="${l.height}" fill="${l.index % 2 === 0 ? '#f8fafc' : '#ffffff'}"/>`,
  );
  out.push(
    `<text class="name label" x="10" y="${n1(mid + 4)}"><title>${esc(l.name)}</title>${esc(l.nameShown)}</text>`,
  );
  out.push(`<line class="span" x1="${l.span.x1}" x2="${l.span.x2}" y1="${mid}" y2="${mid}"/>`);
  for (const a of l.active)
    out.push(
      `<rect class="active" shape-rendering="crispEdges" x="${a.x1}" y="${mid - 7}" width="${n1(Math.max(4, a.x2 - a.x1))}" height="14" fill="${color}"/>`,
    );
  for (const p of l.pauses) if (p.shown) out.push(labelSvg(p.shown, 'pause label'));
  if (l.steps.length > 0)
    out.push(
      `<polyline class="objectives" stroke="${color}" points="${l.steps.map((s) => `${s.x},${s.y}`).join(' ')}"><title>objectives completed: ${l.objectivesDone} of ${l.objectivesTotal}</title></polyline>`,
    );
  for (const m of l.marks)
    out.push(
      `<line class="commit marker" data-commits="${m.count}" x1="${m.x}" x2="${m.x}" y1="${mid - 11}" y2="${mid + 11}"><title>${esc(m.title)}</title></line>`,
    );
  for (const p of l.points) {
    const y = l.y + MARKER_Y;
    const title = `<title>${esc(`${p.kind}: ${p.label}${p.count > 1 ? ` (+${p.count - 1} more)` : ''}`)}</title>`;
    if (p.kind === 'decision')
      out.push(`<circle class="decision marker" cx="${p.x}" cy="${y}" r="4">${title}</circle>`);
    else
      out.push(
        `<rect class="checkpoint marker" x="${p.x - 4}" y="${y - 4}" width="8" height="8" transform="rotate(45 ${p.x} ${y})">${title}</rect>`,
      );
    if (p.shown) out.push(labelSvg(p.shown, `${p.kind}-label label`));
  }
  out.push('</g>');
  return out.join('');
}

export function timelineSvg(t: Timeline): string {
  const out: string[] = [];
  out.push(
    `<svg class="timeline" role="img" aria-label="${esc(`Timeline of ${plural(t.lanes.length, 'session')}`)}" viewBox="0 0 ${t.width} ${t.height}" width="${t.width}" height="${t.height}" data-lanes="${t.lanes.length}">`,
  );
  const bottom = t.top + t.lanes.reduce((h, l) => h + l.height, 0);
  for (const d of t.dates) {
    out.push(`<line class="day" x1="${d.x}" x2="${d.x}" y1="2" y2="${t.top - 22}"/>`);
    if (d.shown) out.push(labelSvg(d.shown, 'date label'));
  }
  for (const k of t.ticks) {
    out.push(`<line class="tick" x1="${k.x}" x2="${k.x}" y1="${t.top - 8}" y2="${bottom}"/>`);
    if (k.shown) out.push(labelSvg(k.shown, 'tick-label label'));
  }
  for (const l of t.lanes) out.push(laneSvg(l));
  out.push('</svg>');
  return out.join('\n');
}

function card(value: string, label: string): string {
  return `<div class="card"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
}

function sessionBlock(s: ReportSession, index: number): string {
  const parts = [
    `<h3><span class="swatch" style="background:${laneColor(index)}"></span>${esc(s.name)}${s.title ? ` — ${esc(s.title)}` : ''}</h3>`,
    `<p class="muted">${esc(`${s.status} · ${s.branch || '(no branch)'} · ${duration(s.activeMs)} active · ${plural(s.commits, 'commit')} · +${s.linesAdded} −${s.linesRemoved} in ${plural(s.filesChanged, 'file')}`)}</p>`,
  ];
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    const shown = items.slice(0, 12);
    if (items.length > 12) shown.push(esc(`… and ${items.length - 12} more`));
    parts.push(`<p>${esc(title)}</p><ul>${shown.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  };
  list(
    'Completed',
    s.completed.map((o) => esc(o.text)),
  );
  list(
    'Decided',
    s.decided.map((d) => `${esc(d.text)}${d.rationale ? ` <span class="muted">— ${esc(d.rationale)}</span>` : ''}`),
  );
  list(
    'Blocked on',
    s.openBlockers.map((b) => `${esc(b.text)} <span class="muted">since ${esc(stamp(b.openedAt))}</span>`),
  );
  list(
    'Still open',
    s.openObjectives.map((o) => `${objectiveMark(o.status)} ${esc(o.text)}`),
  );
  list(
    'Next',
    s.next.map((n) => esc(n)),
  );
  list(
    'Checkpoints',
    s.checkpointList.map(
      (c) =>
        `${esc(c.label)} <span class="muted">${esc(stamp(c.at))}${c.commit ? ` · ${esc(c.commit.slice(0, 8))}` : ''}</span>`,
    ),
  );
  return parts.join('\n');
}

function patternsHtml(r: Report): string {
  const p = r.patterns;
  const codes = (shas: readonly string[]) => shas.map((s) => `<code>${esc(short(s))}</code>`).join(' ');
  const items: string[] = [];
  items.push(
    `<li>Source changed without tests: <b>${p.untested.length}</b> of ${plural(p.commits, 'commit')} ${codes(p.untested.slice(0, 10).map((u) => u.sha))}${p.untested.length > 10 ? ' …' : ''}</li>`,
  );
  items.push(
    `<li>TDD cycles: <b>${p.tddCycles.length}</b> ${p.tddCycles
      .slice(0, 10)
      .map((c) => `${codes([c.red])} → ${codes([c.green])}`)
      .join(', ')}</li>`,
  );
  items.push(
    `<li>Long pauses (over 2h): <b>${p.longPauses.length}</b>${p.longPauses[0] ? esc(` — longest ${duration(p.longPauses[0].ms)} in ${p.longPauses[0].session.name}`) : ''}</li>`,
  );
  const b = p.blockers[0];
  items.push(
    `<li>Blocker open longest: ${b ? `${esc(b.text)} <span class="muted">${esc(`(${duration(b.openMs)}, ${b.status}, ${b.session.name})`)}</span> ${codes(b.commits)}` : 'none'}</li>`,
  );
  items.push(
    `<li>Objectives reopened: <b>${p.reopened.length}</b> ${p.reopened
      .slice(0, 10)
      .map((o) => esc(o.text))
      .join('; ')}</li>`,
  );
  return `<ul>${items.join('\n')}</ul>`;
}

export function renderReportHtml(r: Report, t: Timeline): string {
  const title =
    r.kind === 'weekly'
      ? `Week ${r.week ?? ''}: ${r.from.slice(0, 10)} to ${new Date(Date.parse(r.to) - 1).toISOString().slice(0, 10)}`
      : `Project report: ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)}`;
  const tt = r.totals;
  const v = r.velocity;
  const rows = r.sessions
    .map(
      (s, i) =>
        `<tr data-session="${esc(s.id)}"><td><span class="swatch" style="background:${laneColor(i)}"></span>${esc(s.name)}</td><td>${esc(s.status)}</td><td>${esc(duration(s.activeMs))}</td><td>${s.commits}</td><td>+${s.linesAdded} −${s.linesRemoved}</td><td>${s.objectivesDone}/${s.objectivesTotal}</td><td>${s.decisions}</td><td>${s.blockersOpened}/${s.blockersResolved}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="git-session">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">${esc(`Generated ${stamp(r.generatedAt)} UTC from the git history and local sessions.`)}</p>
<div class="cards">
${card(String(tt.sessions), 'sessions')}
${card(String(tt.commits), 'commits')}
${card(`${tt.objectivesDone}/${tt.objectivesTotal}`, 'objectives done')}
${card(String(tt.decisions), 'decisions')}
${card(`${tt.blockersOpened}/${tt.blockersResolved}`, 'blockers opened/resolved')}
${card(duration(tt.activeMs), 'active')}
${card(`+${tt.linesAdded} −${tt.linesRemoved}`, `lines in ${plural(tt.filesChanged, 'file')}`)}
</div>
<h2>Timeline</h2>
<p class="legend">One lane per session:<i></i>working<i style="height:1px"></i>paused (gap)<i style="width:2px;height:14px"></i>commit ○ decision ◆ checkpoint — the thin step line climbs as objectives are completed.</p>
${timelineSvg(t)}
<h2>Sessions</h2>
<table>
<thead><tr><th>Session</th><th>Status</th><th>Active</th><th>Commits</th><th>Lines</th><th>Objectives</th><th>Decisions</th><th>Blockers</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${r.sessions.map((s, i) => sessionBlock(s, i)).join('\n')}
<h2>Velocity</h2>
<p>${esc(`${v.commitsPerActiveHour ?? '—'} commits and ${v.objectivesPerActiveHour ?? '—'} objectives per active hour; ${v.commitsPerDay ?? '—'} commits and ${v.objectivesPerDay ?? '—'} objectives per active day (${plural(v.activeDays, 'day')}).`)}</p>
<h2>Patterns</h2>
${patternsHtml(r)}
</body>
</html>
`;
}
