// The one write path: under the store lock, re-read the session, let the command decide which
// events to add (so its checks see the latest state), append them, and refresh what is derived
// from the journal — the precomputed trailers the commit hooks read.

import type { EventPayload, SessionEvent } from '../core/events.js';
import { planTrailers, renderTrailerFile } from '../core/trailer-plan.js';
import type { Context } from './context.js';
import { type Loaded, loadSession, readChecked } from './sessions.js';

export type Decide<T> = (current: Loaded | null) => { events: EventPayload[]; result: T };

export interface Mutation<T> {
  loaded: Loaded;
  appended: SessionEvent[];
  result: T;
}

export interface MutateOptions {
  /** Events made elsewhere (a commit git-session made itself), appended as they are, without seq. */
  extra?: SessionEvent[];
  /** The events only pause or resume: the derived files stay as they are, no config needed. */
  trailersUnchanged?: boolean;
}

/**
 * Events that change nothing the commit hooks read (the trailer plan and the committed mark). A
 * pause with a note does: the next commit carries the note.
 */
const OUTSIDE_TRAILERS = new Set(['session.paused', 'session.resumed', 'agent.compacted', 'handoff.written']);
const outsideTrailers = (e: SessionEvent) =>
  OUTSIDE_TRAILERS.has(e.type) && !(e.type === 'session.paused' && e.shared === true);

export async function mutate<T>(
  ctx: Context,
  sessionId: string,
  decide: Decide<T>,
  options: MutateOptions = {},
): Promise<Mutation<T>> {
  // Loaded up front (it is async); a pause or resume — what a branch switch does — skips it.
  const config = options.trailersUnchanged ? null : await ctx.config();
  if (!options.trailersUnchanged) {
    // The session's own new commits first: the change's clock must be above theirs (core/clock.ts).
    const { readOwnCommits } = await import('./rebuild.js');
    await readOwnCommits(ctx, sessionId);
  }
  const author = ctx.author();
  const outcome = ctx.store.lock(() => {
    readChecked(ctx, sessionId);
    // Sessions known only from history have no journal yet; their state still comes from it.
    const current = loadSession(ctx, sessionId);
    const { events: payloads, result } = decide(current);
    let seq = current?.state.lastSeq ?? 0;
    // The Lamport clock (core/clock.ts): after everything this clone knows of the session.
    let lc = current?.state.clock ?? 0;
    const appended: SessionEvent[] = payloads.map((p) => ({
      v: 1,
      id: ctx.newId(),
      at: ctx.now(),
      author,
      session: sessionId,
      seq: ++seq,
      lc: ++lc,
      ...p,
    }));
    ctx.store.appendEvents(sessionId, [...appended, ...(options.extra ?? [])]);
    const loaded = loadSession(ctx, sessionId);
    if (!loaded) throw new Error(`session ${sessionId} vanished while being written`);
    const unchanged = appended.every(outsideTrailers) && !options.extra?.length;
    if (config) writeDerived(ctx, loaded, config.trailers);
    else if (!unchanged) throw new Error('trailersUnchanged was promised for a change that affects trailers');
    return { loaded, appended, result };
  });
  if (config) {
    const { refreshStaleRuntime } = await import('./hooks.js');
    refreshStaleRuntime(ctx);
  }
  if (outcome.appended.length > 0) {
    // SESSION.md and the decision log follow the change (loaded only when there was one).
    const { afterChange } = await import('./living-files.js');
    await afterChange(ctx, outcome.loaded, outcome.appended);
  }
  return outcome;
}

/** Rewrite the files derived from a session's journal. Caller holds the lock. */
export function writeDerived(ctx: Context, loaded: Loaded, trailers: { enabled: boolean; journal: boolean }): void {
  const plan = trailers.enabled ? planTrailers(loaded.state, loaded.local, { journal: trailers.journal }) : [];
  ctx.store.writeTrailers(loaded.state.id, renderTrailerFile(loaded.state.id, plan));
  ctx.store.writeCommitted(loaded.state.id, loaded.state.committedMark);
}
