// The timeline picture as geometry, without drawing it: one lane per session; active stretches
// as bars, pauses as gaps between them, commits as marks (one per pixel column, with a count),
// decisions and checkpoints as labelled points, objectives completed as a step line.
// src/render/report-html.ts turns this into SVG.

import { activityOf, clip, gaps, PAUSE_GAP_MS } from './activity.js';
import { sessionEnd } from './metrics.js';
import { DAY_MS, HOUR_MS, ms, type SessionInput, type Window } from './model.js';

export interface Segment {
  x1: number;
  x2: number;
}

export interface Mark {
  x: number;
  /** Commits drawn as this mark (they fall in the same pixel column). */
  count: number;
  shas: string[];
  title: string;
}

export interface Point {
  x: number;
  kind: 'decision' | 'checkpoint';
  label: string;
  count: number;
  /** Whether there is room to print the label next to the point. */
  showLabel: boolean;
}

export interface Lane {
  index: number;
  id: string;
  name: string;
  y: number;
  height: number;
  span: Segment;
  active: Segment[];
  pauses: (Segment & { ms: number })[];
  marks: Mark[];
  points: Point[];
  /** Polyline of objectives completed so far, from the lane's bottom (none) to its top (all). */
  steps: { x: number; y: number }[];
  objectivesDone: number;
  objectivesTotal: number;
}

export interface Timeline {
  width: number;
  height: number;
  /** Left edge of the plot (the lane names are left of it) and its width. */
  left: number;
  plotWidth: number;
  top: number;
  from: string;
  to: string;
  ticks: { x: number; label: string }[];
  lanes: Lane[];
}

export const LANE_HEIGHT = 56;
const TOP = 28;
const LEFT = 170;
const LABEL_ROOM = 110;

const TICK_STEPS = [HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS];

function ticks(from: number, to: number, x: (t: number) => number): { x: number; label: string }[] {
  const span = to - from;
  const step = TICK_STEPS.find((s) => span / s <= 10) ?? Math.ceil(span / (10 * 30 * DAY_MS)) * 30 * DAY_MS;
  const out: { x: number; label: string }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const iso = new Date(t).toISOString();
    out.push({ x: x(t), label: step < DAY_MS ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10) });
  }
  return out;
}

function oneLine(text: string, max = 48): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function layoutTimeline(inputs: readonly SessionInput[], w: Window, now: string, width = 1200): Timeline {
  const from = Date.parse(w.from);
  const to = Math.max(Date.parse(w.to), from + 1);
  const plotWidth = width - LEFT - 20;
  const x = (t: number) => Math.round((LEFT + ((t - from) / (to - from)) * plotWidth) * 10) / 10;
  const xs = (iso: string) => x(Math.min(to, Math.max(from, Date.parse(iso))));
  const inside = (iso: string) => iso >= w.from && iso <= w.to;
  const lanes = inputs.map((input, index): Lane => {
    const s = input.state;
    const y = TOP + index * LANE_HEIGHT;
    const span = { x1: xs(s.createdAt), x2: xs(sessionEnd(input, now)) };
    const intervals = clip(activityOf(input).intervals, w);
    const active = intervals.map((i) => ({ x1: xs(i.from), x2: Math.max(xs(i.to), xs(i.from) + 2) }));
    const pauses = gaps(intervals)
      .filter((g) => ms(g.from, g.to) > PAUSE_GAP_MS)
      .map((g) => ({ x1: xs(g.from), x2: xs(g.to), ms: ms(g.from, g.to) }));
    const marks: Mark[] = [];
    for (const c of input.commits) {
      if (!inside(c.at)) continue;
      const mx = Math.round(xs(c.at));
      const last = marks[marks.length - 1];
      if (last && last.x === mx) {
        last.count++;
        if (last.shas.length < 3) last.shas.push(c.sha);
        last.title = `${last.count} commits`;
      } else marks.push({ x: mx, count: 1, shas: [c.sha], title: `${c.sha.slice(0, 8)} ${oneLine(c.subject, 80)}` });
    }
    const raw = [
      ...s.decisions.map((d) => ({ at: d.at, kind: 'decision' as const, label: d.text })),
      ...s.checkpoints.map((c) => ({ at: c.at, kind: 'checkpoint' as const, label: c.label })),
    ]
      .filter((p) => inside(p.at))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const points: Point[] = [];
    let lastLabel = Number.NEGATIVE_INFINITY;
    for (const p of raw) {
      const px = Math.round(xs(p.at));
      const same = points.find((q) => q.x === px && q.kind === p.kind);
      if (same) {
        same.count++;
        continue;
      }
      const showLabel = px - lastLabel >= LABEL_ROOM && px + 40 <= width;
      if (showLabel) lastLabel = px;
      points.push({ x: px, kind: p.kind, label: oneLine(p.label), count: 1, showLabel });
    }
    const total = s.objectives.filter((o) => o.createdAt <= w.to).length;
    const done = s.objectives
      .filter((o) => o.status === 'done' && o.completedAt !== null && o.completedAt <= w.to)
      .map((o) => o.completedAt!)
      .sort();
    const bottom = y + LANE_HEIGHT - 8;
    const level = (n: number) => Math.round((bottom - (total === 0 ? 0 : (n / total) * (LANE_HEIGHT - 16))) * 10) / 10;
    const steps: { x: number; y: number }[] = [];
    if (total > 0) {
      let n = done.filter((t) => t < w.from).length;
      steps.push({ x: span.x1, y: level(n) });
      for (const t of done.filter((t) => t >= w.from)) {
        const tx = xs(t);
        steps.push({ x: tx, y: level(n) });
        n++;
        steps.push({ x: tx, y: level(n) });
      }
      steps.push({ x: Math.max(span.x2, steps[steps.length - 1]!.x), y: level(n) });
    }
    return {
      index,
      id: s.id,
      name: s.name,
      y,
      height: LANE_HEIGHT,
      span,
      active,
      pauses,
      marks,
      points,
      steps,
      objectivesDone: done.length,
      objectivesTotal: total,
    };
  });
  return {
    width,
    height: TOP + lanes.length * LANE_HEIGHT + 24,
    left: LEFT,
    plotWidth,
    top: TOP,
    from: w.from,
    to: w.to,
    ticks: ticks(from, to, x),
    lanes,
  };
}
