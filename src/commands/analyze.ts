import { type Patterns, patterns } from '../analytics/patterns.js';
import { type Velocity, velocity } from '../analytics/velocity.js';
import type { Context } from '../app/context.js';
import { sessionInputs } from '../app/report-inputs.js';
import { loadAllSessions, resolveSession } from '../app/sessions.js';
import { analyzeText } from '../render/report-text.js';
import { freshCloneNotes } from './history.js';
import type { Io, Output } from './output.js';

export interface AnalyzeOptions {
  session?: string;
  velocity: boolean;
  patterns: boolean;
}

export interface Analysis {
  /** The session analysed, or null for all of them. */
  session: { id: string; name: string } | null;
  sessions: number;
  velocity?: Velocity & { bySession: ({ id: string; name: string } & Omit<Velocity, 'daily'>)[] };
  patterns?: Patterns;
}

/** Velocity and patterns of one session (--session) or of all sessions. */
export async function analyze(ctx: Context, io: Io, o: AnalyzeOptions): Promise<Output> {
  const both = !o.velocity && !o.patterns;
  const loaded = o.session === undefined ? loadAllSessions(ctx) : [resolveSession(ctx, o.session)];
  const now = ctx.now();
  const inputs = await sessionInputs(ctx, loaded, now);
  const one = o.session !== undefined ? inputs[0] : undefined;
  const result: Analysis = {
    session: one ? { id: one.state.id, name: one.state.name } : null,
    sessions: inputs.length,
  };
  if (both || o.velocity) {
    const ordered = [...inputs].sort((a, b) => (a.state.createdAt < b.state.createdAt ? -1 : 1));
    result.velocity = {
      ...velocity(inputs),
      bySession: ordered.map((i) => {
        const { daily: _daily, ...v } = velocity([i]);
        return { id: i.state.id, name: i.state.name, ...v };
      }),
    };
  }
  if (both || o.patterns) result.patterns = patterns(inputs, now);
  return {
    json: result,
    text: analyzeText(result, io.style),
    notes: o.session === undefined ? freshCloneNotes(ctx, loaded.length) : [],
  };
}
