// The one write path: under the store lock, re-read the session, let the command decide which
// events to add (so its checks see the latest state), append them, and refresh what is derived
// from the journal — the trailer plan and the committed mark the commit hooks read.

import { anchorOf, carriersOf } from '../core/coverage.js';
import type { EventPayload, SessionEvent } from '../core/events.js';
import { isOpen } from '../core/fold.js';
import { renderPlanFile } from '../core/plan-file.js';
import { ENV } from '../model/hook-contract.js';
import type { Context } from './context.js';
import { fullPlan } from './published.js';
import { type Loaded, loadSession, readChecked } from './sessions.js';
import { writeSwitchState } from './switch-state.js';

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
    const events = [...appended, ...(options.extra ?? [])];
    const unchanged = appended.every(outsideTrailers) && !options.extra?.length;
    if (!config && !unchanged) throw new Error('trailersUnchanged was promised for a change that affects trailers');
    // The journal append and the rewrite of what is derived from it are two writes: a marker
    // spans them, so that a commit or a branch switch after a kill in between has them derived
    // again (hooks/lib.sh gs_plan_state, gs_switch_read).
    if (events.length > 0) ctx.store.markStale(sessionId);
    ctx.store.appendEvents(sessionId, events);
    const loaded = loadSession(ctx, sessionId);
    if (!loaded) throw new Error(`session ${sessionId} vanished while being written`);
    if (config || events.length > 0) writeDerived(ctx, loaded, config ? config.trailers : null);
    return { loaded, appended, result };
  });
  if (config) {
    const { refreshStaleRuntime } = await import('./hooks.js');
    refreshStaleRuntime(ctx);
    if (outcome.appended.length > 0) await warnWithoutHooks(ctx);
  }
  if (outcome.appended.length > 0) {
    // SESSION.md and the decision log follow the change (loaded only when there was one).
    const { afterChange } = await import('./living-files.js');
    await afterChange(ctx, outcome.loaded, outcome.appended);
  }
  return outcome;
}

/**
 * Rewrite the files derived from a session's journal. Caller holds the lock. An open session's plan
 * lists every line its commits carry (pending ones first, then those commits held, for a commit
 * that must carry them again); an ended session's is empty: its branch's commits are not its
 * any more, and `end --commit` carries what it has left. `trailers: null`: the change left the plan
 * as it was (a pause or a resume). What a branch switch reads is written every time.
 */
export function writeDerived(
  ctx: Context,
  loaded: Loaded,
  trailers: { enabled: boolean; journal: boolean } | null,
): void {
  if (trailers) {
    const { mark, sha } = anchorOf(carriersOf(loaded.local, new Map()));
    const plan = isOpen(loaded.state) ? fullPlan(loaded, trailers) : [];
    ctx.store.writeTrailers(loaded.state.id, renderPlanFile(loaded.state.id, plan, mark));
    ctx.store.writeCommitted(loaded.state.id, mark, sha);
  }
  writeSwitchState(ctx, loaded);
  // The derived files follow the journal again (also when doctor or rebuild rewrites them after a kill).
  ctx.store.clearStale(loaded.state.id);
}

/**
 * A commit met the `stale` marker of session `id` (hooks/lib.sh gs_plan_state): a command was
 * stopped between its journal append and the plan rewrite. Derive the plan again from the journal
 * (waiting for a command still writing, which then leaves it current).
 */
export async function refreshPlan(ctx: Context, id: string): Promise<void> {
  if (!ctx.store.isStale(id)) return;
  const config = await ctx.config();
  ctx.store.lock(() => {
    if (!ctx.store.isStale(id)) return;
    const loaded = loadSession(ctx, id);
    if (loaded) writeDerived(ctx, loaded, config.trailers);
    else ctx.store.clearStale(id);
  });
}

let warnedAboutHooks = false;

/**
 * What is recorded reaches history through the commit hooks: where they do not run (a fresh
 * clone), say so once per command, with the command that fixes it. Not from a hook itself.
 */
async function warnWithoutHooks(ctx: Context): Promise<void> {
  if (warnedAboutHooks || ctx.env[ENV.hookGitDir]) return;
  warnedAboutHooks = true;
  const { commitHooksProblem } = await import('./hooks.js');
  const problem = commitHooksProblem(ctx);
  if (problem) ctx.warn(problem);
}
