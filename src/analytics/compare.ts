// Two sessions side by side: their figures, velocity, and the files both touched.

import { type SessionMetrics, sessionMetrics } from './metrics.js';
import { round2, type SessionInput } from './model.js';
import { type Velocity, velocity } from './velocity.js';

export interface CompareSide {
  metrics: SessionMetrics;
  velocity: Omit<Velocity, 'daily'>;
  /** Files the session's commits changed, sorted. */
  files: string[];
}

export interface Comparison {
  a: CompareSide;
  b: CompareSide;
  overlap: {
    /** Files both sessions changed, sorted. */
    shared: string[];
    onlyA: number;
    onlyB: number;
    /** shared / files either changed (Jaccard index), 0 when neither changed a file. */
    ratio: number;
  };
}

function side(input: SessionInput, now: string): CompareSide {
  const { daily: _daily, ...v } = velocity([input]);
  const files = new Set<string>();
  for (const c of input.commits) for (const f of c.files) files.add(f.path);
  return { metrics: sessionMetrics(input, now), velocity: v, files: [...files].sort() };
}

export function compareSessions(a: SessionInput, b: SessionInput, now: string): Comparison {
  const sa = side(a, now);
  const sb = side(b, now);
  const inB = new Set(sb.files);
  const shared = sa.files.filter((f) => inB.has(f));
  const union = sa.files.length + sb.files.length - shared.length;
  return {
    a: sa,
    b: sb,
    overlap: {
      shared,
      onlyA: sa.files.length - shared.length,
      onlyB: sb.files.length - shared.length,
      ratio: union === 0 ? 0 : round2(shared.length / union),
    },
  };
}
