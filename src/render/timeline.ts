// The timeline picture as geometry, without drawing it: one lane per session; active stretches
// as bars, pauses as gaps between them, commits as marks (one per pixel column, with a count),
// decisions and checkpoints as labelled points, objectives completed as a step line.
// src/render/report-html.ts turns this into SVG. Every label gets a box from its estimated width
// (text-width.ts) and is placed only where its box meets no other label and no marker — shortened
// with "…" to fit, moved to the row below the bar, or left to its tooltip and the lists under the
// picture; test/e2e/report-browser.test.ts checks the boxes Chromium draws.

import { activityOf, clip, gaps, PAUSE_GAP_MS } from '../analytics/activity.js';
import { sessionEnd } from '../analytics/metrics.js';
import { DAY_MS, HOUR_MS, ms, type SessionInput, type Window } from '../analytics/model.js';
import { safeLine } from './term.js';
import { fitText, textWidth } from './text-width.js';
import { duration } from './time.js';

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

/** A label placed on the picture: its text (maybe shortened), baseline and box. */
export interface Label {
  x: number;
  y: number;
  text: string;
  width: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface Point {
  x: number;
  kind: 'decision' | 'checkpoint';
  /** The whole text (the tooltip); `shown` is what fits on the picture, null when nothing does. */
  label: string;
  count: number;
  shown: Label | null;
}

export interface Lane {
  index: number;
  id: string;
  name: string;
  y: number;
  height: number;
  span: Segment;
  active: Segment[];
  pauses: (Segment & { ms: number; shown: Label | null })[];
  /** The session's name, shortened to fit left of the plot. */
  nameShown: string;
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
  /** The time axis: a grid line per tick, labelled where the label has room (`shown`). */
  ticks: { x: number; label: string; shown: Label | null }[];
  /** The dates above the ticks: each day (or month) that starts in the window. */
  dates: { x: number; label: string; shown: Label | null }[];
  lanes: Lane[];
}

export const LANE_HEIGHT = 56;
/** Room above the lanes for the date row and the tick row. */
const TOP = 44;
const DATE_BASELINE = 14;
const TICK_BASELINE = 30;
const LEFT = 170;
const RIGHT_MARGIN = 20;
/** Space kept between a label and whatever is next to it. */
const GAP = 4;
/** Vertical bands of a lane (offsets from its top): markers, the row above the bar, the row below. */
export const MARKER_Y = 9;
const ROW_A_BASELINE = 13;
const ROW_B_BASELINE = 52;
const MARKER_HALF = 6;

const MINUTE_MS = 60_000;
const TICK_STEPS = [
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Labels along one row, left to right, each kept only when it clears the previous one. */
function spaced(
  items: { x: number; label: string }[],
  baseline: number,
  minX: number,
  maxX: number,
  anchor: 'start' | 'middle',
): { x: number; label: string; shown: Label | null }[] {
  let end = Number.NEGATIVE_INFINITY;
  return items.map((it) => {
    const width = textWidth(it.label);
    const x0 = anchor === 'middle' ? it.x - width / 2 : it.x + 3;
    if (x0 < minX || x0 + width > maxX || x0 < end + GAP * 2) return { ...it, shown: null };
    end = x0 + width;
    return { ...it, shown: { x: anchor === 'middle' ? it.x : it.x + 3, y: baseline, text: it.label, width, anchor } };
  });
}

function axis(from: number, to: number, x: (t: number) => number, left: number, right: number) {
  const span = to - from;
  const step = TICK_STEPS.find((s) => span / s <= 10) ?? Math.ceil(span / (10 * 30 * DAY_MS)) * 30 * DAY_MS;
  const tickItems: { x: number; label: string }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const iso = new Date(t).toISOString();
    const label =
      step < DAY_MS
        ? iso.slice(11, 16)
        : step < 7 * DAY_MS
          ? `${WEEKDAYS[new Date(t).getUTCDay()]} ${iso.slice(5, 10)}`
          : step < 28 * DAY_MS
            ? iso.slice(5, 10)
            : iso.slice(0, 10);
    tickItems.push({ x: x(t), label });
  }
  // Dates above the ticks: each day start while the ticks are hours, each month start over a year
  // or less, each year start beyond.
  const dateItems: { x: number; label: string }[] = [];
  const startOf = (t: number, unit: 'day' | 'month' | 'year') => {
    const d = new Date(t);
    if (unit === 'day') return Math.floor(t / DAY_MS) * DAY_MS;
    return unit === 'month' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) : Date.UTC(d.getUTCFullYear(), 0, 1);
  };
  const nextOf = (t: number, unit: 'day' | 'month' | 'year') => {
    const d = new Date(t);
    if (unit === 'day') return t + DAY_MS;
    return unit === 'month'
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
      : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  };
  const unit = step < DAY_MS ? 'day' : span <= 400 * DAY_MS ? 'month' : 'year';
  const dateLabel = (t: number) => {
    const iso = new Date(t).toISOString();
    return unit === 'day'
      ? `${WEEKDAYS[new Date(t).getUTCDay()]} ${iso.slice(0, 10)}`
      : unit === 'month'
        ? iso.slice(0, 7)
        : iso.slice(0, 4);
  };
  dateItems.push({ x: x(from), label: dateLabel(from) });
  for (let t = nextOf(startOf(from, unit), unit); t <= to; t = nextOf(t, unit))
    dateItems.push({ x: x(t), label: dateLabel(t) });
  // The window's own start label gives way to a boundary close after it.
  const dates = spaced(dateItems, DATE_BASELINE, left, right, 'start');
  if (dates.length > 1 && dates[1]!.shown === null && dates[0]!.shown !== null) {
    dates[0] = { ...dates[0]!, shown: null };
    const again = spaced(dateItems.slice(1), DATE_BASELINE, left, right, 'start');
    dates.splice(1, again.length, ...again);
  }
  return { ticks: spaced(tickItems, TICK_BASELINE, left - 40, right + 15, 'middle'), dates };
}

type Interval = [number, number];

/** Where a label of width `w` may start at or after `x0` in a row, up to `limit`: the room there. */
function roomRight(x0: number, row: readonly Interval[], limit: number): number {
  let end = limit;
  for (const [a, b] of row) {
    if (a <= x0 && b >= x0) return 0;
    if (a >= x0 && a < end) end = a;
  }
  return end - x0 - GAP;
}

function roomLeft(x1: number, row: readonly Interval[], limit: number): number {
  let start = limit;
  for (const [a, b] of row) {
    if (a <= x1 && b >= x1) return 0;
    if (b <= x1 && b > start) start = b;
  }
  return x1 - start - GAP;
}

/** The smallest part of a label worth printing (shorter, and only the tooltip has it). */
const MIN_LABEL_PX = 40;

function oneLine(text: string, max = 48): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Time to x: the window's span over the plot's width. */
interface Scale {
  w: Window;
  plotRight: number;
  xs: (iso: string) => number;
  inside: (iso: string) => boolean;
}

/** Commits as marks: one per pixel column, counting the commits it stands for. */
function commitMarks(input: SessionInput, sc: Scale): Mark[] {
  const marks: Mark[] = [];
  for (const c of input.commits) {
    if (!sc.inside(c.at)) continue;
    const mx = Math.round(sc.xs(c.at));
    const last = marks[marks.length - 1];
    if (last && last.x === mx) {
      last.count++;
      if (last.shas.length < 3) last.shas.push(c.sha);
      last.title = `${last.count} commits`;
    } else marks.push({ x: mx, count: 1, shas: [c.sha], title: `${c.sha.slice(0, 8)} ${oneLine(c.subject, 80)}` });
  }
  return marks;
}

/** Decisions and checkpoints as points, one per column and kind. */
function labelPoints(input: SessionInput, sc: Scale): Point[] {
  const s = input.state;
  const raw = [
    ...s.decisions.map((d) => ({ at: d.at, kind: 'decision' as const, label: d.text })),
    ...s.checkpoints.map((c) => ({ at: c.at, kind: 'checkpoint' as const, label: c.label })),
  ]
    .filter((p) => sc.inside(p.at))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const points: Point[] = [];
  for (const p of raw) {
    const px = Math.round(sc.xs(p.at));
    const same = points.find((q) => q.x === px && q.kind === p.kind);
    if (same) {
      same.count++;
      continue;
    }
    points.push({ x: px, kind: p.kind, label: oneLine(p.label, 200), count: 1, shown: null });
  }
  return points;
}

/**
 * Each point's label where it fits: beside the marker (row A) or below the bar (row B), right of
 * the point first. Checkpoints first: their labels matter most; then decisions, each left to right.
 */
function placeLabels(points: Point[], y: number, plotRight: number): void {
  // Row A (beside the markers) starts out holding every marker; row B (below the bar) is empty.
  const rowA: Interval[] = points.map((p) => [p.x - MARKER_HALF, p.x + MARKER_HALF]);
  const rowB: Interval[] = [];
  const order = [...points].sort((a, b) => (a.kind === b.kind ? a.x - b.x : a.kind === 'checkpoint' ? -1 : 1));
  for (const p of order) {
    const text = safeLine(`${oneLine(p.label)}${p.count > 1 ? ` (+${p.count - 1})` : ''}`);
    const candidates = [
      { row: rowA, baseline: ROW_A_BASELINE, x0: p.x + MARKER_HALF + 2, side: 'right' as const },
      { row: rowB, baseline: ROW_B_BASELINE, x0: p.x - 2, side: 'right' as const },
      { row: rowA, baseline: ROW_A_BASELINE, x0: p.x - MARKER_HALF - 2, side: 'left' as const },
      { row: rowB, baseline: ROW_B_BASELINE, x0: p.x + 2, side: 'left' as const },
    ];
    for (const c of candidates) {
      const room =
        c.side === 'right' ? roomRight(c.x0, c.row, plotRight + RIGHT_MARGIN - 2) : roomLeft(c.x0, c.row, LEFT);
      const fitted = fitText(text, room);
      if (fitted === null) continue;
      const w = textWidth(fitted);
      if (w < Math.min(MIN_LABEL_PX, textWidth(text))) continue;
      const x0 = c.side === 'right' ? c.x0 : c.x0 - w;
      c.row.push([x0 - GAP / 2, x0 + w + GAP / 2]);
      p.shown = { x: x0, y: y + c.baseline, text: fitted, width: w, anchor: 'start' };
      break;
    }
  }
}

/** A pause is labelled in its gap when the label clears the commits drawn there. */
function pauseLabels(gapsDrawn: { x1: number; x2: number; ms: number }[], marks: readonly Mark[], y: number) {
  const commitXs = marks.map((m) => m.x);
  return gapsDrawn.map((g) => {
    const text = `pause ${duration(g.ms)}`;
    const w = textWidth(text);
    const mid = (g.x1 + g.x2) / 2;
    const free =
      g.x2 - g.x1 >= w + 4 * GAP && !commitXs.some((cx) => cx >= mid - w / 2 - GAP && cx <= mid + w / 2 + GAP);
    return {
      ...g,
      shown: free ? { x: mid, y: y + LANE_HEIGHT / 2 + 4, text, width: w, anchor: 'middle' as const } : null,
    };
  });
}

/** The objectives-done line: a step up at each completion, from the lane's start to its end. */
function objectiveSteps(input: SessionInput, sc: Scale, span: { x1: number; x2: number }, y: number) {
  const s = input.state;
  const w = sc.w;
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
      const tx = sc.xs(t);
      steps.push({ x: tx, y: level(n) });
      n++;
      steps.push({ x: tx, y: level(n) });
    }
    steps.push({ x: Math.max(span.x2, steps[steps.length - 1]!.x), y: level(n) });
  }
  return { steps, done: done.length, total };
}

function laneOf(input: SessionInput, index: number, sc: Scale, now: string): Lane {
  const s = input.state;
  const y = TOP + index * LANE_HEIGHT;
  const span = { x1: sc.xs(s.createdAt), x2: sc.xs(sessionEnd(input, now)) };
  const intervals = clip(activityOf(input).intervals, sc.w);
  const active = intervals.map((i) => ({ x1: sc.xs(i.from), x2: Math.max(sc.xs(i.to), sc.xs(i.from) + 2) }));
  const gapsDrawn = gaps(intervals)
    .filter((g) => ms(g.from, g.to) > PAUSE_GAP_MS)
    .map((g) => ({ x1: sc.xs(g.from), x2: sc.xs(g.to), ms: ms(g.from, g.to) }));
  const marks = commitMarks(input, sc);
  const points = labelPoints(input, sc);
  placeLabels(points, y, sc.plotRight);
  const objectives = objectiveSteps(input, sc, span, y);
  return {
    index,
    id: s.id,
    name: s.name,
    y,
    height: LANE_HEIGHT,
    span,
    active,
    pauses: pauseLabels(gapsDrawn, marks, y),
    nameShown: fitText(safeLine(s.name), LEFT - 24, 13) ?? '…',
    marks,
    points,
    steps: objectives.steps,
    objectivesDone: objectives.done,
    objectivesTotal: objectives.total,
  };
}

export function layoutTimeline(inputs: readonly SessionInput[], w: Window, now: string, width = 1200): Timeline {
  const from = Date.parse(w.from);
  const to = Math.max(Date.parse(w.to), from + 1);
  const plotWidth = width - LEFT - RIGHT_MARGIN;
  const plotRight = LEFT + plotWidth;
  const x = (t: number) => Math.round((LEFT + ((t - from) / (to - from)) * plotWidth) * 10) / 10;
  const sc: Scale = {
    w,
    plotRight,
    xs: (iso: string) => x(Math.min(to, Math.max(from, Date.parse(iso)))),
    inside: (iso: string) => iso >= w.from && iso <= w.to,
  };
  const lanes = inputs.map((input, index) => laneOf(input, index, sc, now));
  return {
    width,
    height: TOP + lanes.length * LANE_HEIGHT + 24,
    left: LEFT,
    plotWidth,
    top: TOP,
    from: w.from,
    to: w.to,
    ...axis(from, to, x, LEFT, plotRight),
    lanes,
  };
}
