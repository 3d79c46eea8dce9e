// The one write path: under the store lock, re-read the session, let the command decide which
// events to add (so its checks see the latest state), append them, and refresh what is derived
// from the journal — the trailer plan and the committed mark the commit hooks read.

import type { Config } from '../codec/config.js';
import { anchorOf, carriersOf } from '../core/coverage.js';
import type { Outcome } from '../core/decide/outcome.js';
import { finalSha, isOpen } from '../core/fold.js';
import { renderPlanFile } from '../core/plan-file.js';
import { findSecret, type LabelledText, secretRefusal, textsOfEvent } from '../core/secret-check.js';
import type { SecretAllow } from '../core/secrets.js';
import { userError } from '../model/errors.js';
import type { EventPayload, SessionEvent } from '../model/events.js';
import { ENV } from '../model/hook-contract.js';
import { readRewrites } from '../store/rewrites.js';
import type { Context } from './context.js';
import { historyEventsOf } from './history-cache.js';
import { fullPlan } from './published.js';
import { loadSecretAllow } from './secret-allow-chunk.js';
import { type Loaded, loadForChange, loadSession, readChecked } from './sessions.js';
import { writeSwitchState } from './switch-state.js';

/** Decides on the latest state (core/decide/): the events to append, or why nothing changes. */
export type Decide<T> = (current: Loaded | null) => Outcome<T>;

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
  // Loaded up front (it is async); a pause or resume — what a branch switch does — skips it, unless
  // the session's derived files are stale (a command was stopped half-way, or a session new here
  // from another clone has none yet): this change then writes them, trailers included, since it
  // removes the marker that says they must be.
  const derive = !options.trailersUnchanged || ctx.store.isStale(sessionId);
  const config = derive ? await ctx.config() : null;
  const author = ctx.author();
  let outcome: Mutation<T> | null = null;
  let checkCommits = derive;
  let allow: SecretAllow | null = null;
  // The journal is read once, under the lock. Only when it recorded a commit the history cache
  // does not hold yet (the first change after a commit) is the lock let go, the new commits read —
  // the change's clock must be above theirs (core/clock.ts) — and the journal read again. So too
  // when a text holds what a secret rule finds and config `secrets.allow` must be asked: its
  // patterns are compiled then, not on every change.
  while (outcome === null) {
    const secrets = { patterns: config?.secrets.allow ?? [], allow };
    const step = ctx.store.lock(() =>
      change(ctx, sessionId, decide, { ...options, config, author, checkCommits, secrets }),
    );
    if (step === 'read-commits') {
      const { readOwnCommits } = await import('./rebuild.js');
      await readOwnCommits(ctx, sessionId);
      checkCommits = false;
    } else if (step === 'compile-allow') {
      const { compileAllow } = await loadSecretAllow();
      allow = compileAllow(secrets.patterns);
    } else outcome = step;
  }
  if (config) {
    const { refreshStaleRuntime } = await import('./hook-check.js');
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

/** The allow patterns of config `secrets.allow`, and their matcher once compiled. */
interface SecretGate {
  patterns: readonly string[];
  allow: SecretAllow | null;
}

/**
 * No text of the events holds a secret, or the change is refused (nothing is appended). Events
 * of a branch switch (`trailersUnchanged`: a pause or resume, with a note made of the branch
 * name git already has) are machine-made and not checked. 'compile-allow': a rule found
 * something that `secrets.allow` may allow; compile it first.
 */
function checkSecrets(events: readonly EventPayload[], gate: SecretGate): 'compile-allow' | null {
  const texts: LabelledText[] = events.flatMap(textsOfEvent);
  const hit = findSecret(texts);
  if (!hit) return null;
  if (gate.patterns.length > 0 && !gate.allow) return 'compile-allow';
  const real = gate.patterns.length > 0 ? findSecret(texts, gate.allow!) : hit;
  if (!real) return null;
  const refusal = secretRefusal(real);
  throw userError(refusal.code, refusal.message, refusal.hint);
}

/**
 * The change itself, under the lock: read the journal, fold it (with what history holds), decide,
 * check its texts for secrets, append, fold the appended events on, rewrite what is derived.
 * 'read-commits' when the journal recorded a commit the history cache does not hold yet
 * (`checkCommits`): read it first; 'compile-allow': see checkSecrets.
 */
function change<T>(
  ctx: Context,
  sessionId: string,
  decide: Decide<T>,
  o: MutateOptions & { config: Config | null; author: string; checkCommits: boolean; secrets: SecretGate },
): Mutation<T> | 'read-commits' | 'compile-allow' {
  const read = readChecked(ctx, sessionId);
  const journal = read.events;
  if (o.checkCommits && ownCommitsUnread(ctx, sessionId, journal)) return 'read-commits';
  // Sessions known only from history have no journal yet; their state still comes from it.
  const session = loadForChange(ctx, sessionId, journal);
  const current = session.current;
  const decision = decide(current);
  if (decision.refused) throw userError(decision.code, decision.message, decision.hint);
  const { events: payloads, result } = decision;
  if (!o.trailersUnchanged && checkSecrets([...payloads, ...(o.extra ?? [])], o.secrets) === 'compile-allow')
    return 'compile-allow';
  let seq = current?.state.lastSeq ?? 0;
  // The Lamport clock (core/clock.ts): after everything this clone knows of the session.
  let lc = current?.state.clock ?? 0;
  const appended: SessionEvent[] = payloads.map((p) => ({
    v: 1,
    id: ctx.newId(),
    at: ctx.now(),
    author: o.author,
    session: sessionId,
    seq: ++seq,
    lc: ++lc,
    ...p,
  }));
  const extra = o.extra ?? [];
  const events = [...appended, ...extra];
  const unchanged = appended.every(outsideTrailers) && extra.length === 0;
  if (!o.config && !unchanged) throw new Error('trailersUnchanged was promised for a change that affects trailers');
  // The journal append and the rewrite of what is derived from it are two writes: a marker
  // spans them, so that a commit or a branch switch after a kill in between has them derived
  // again (hooks/lib.sh gs_plan_state, gs_switch_read).
  if (events.length > 0) ctx.store.markStale(sessionId);
  const written = ctx.store.appendEvents(sessionId, events);
  const loaded = afterAppend(ctx, sessionId, session, { read, appended, extra, written });
  if (o.config || events.length > 0) writeDerived(ctx, loaded, o.config ? o.config.trailers : null);
  return { loaded, appended, result };
}

/**
 * The session after the append, without reading it again: the change's own events folded on.
 * Events made elsewhere (no clock of their own: they take the line before's, as read back) are
 * folded again from what is in memory; when a hook appended a line between the read and the
 * append (the hooks do not take the lock), the journal is read again.
 */
function afterAppend(
  ctx: Context,
  sessionId: string,
  session: ReturnType<typeof loadForChange>,
  a: {
    read: ReturnType<typeof readChecked>;
    appended: SessionEvent[];
    extra: readonly SessionEvent[];
    written: { start: number; end: number } | null;
  },
): Loaded {
  const end = a.written?.end ?? a.read.bytes;
  let loaded: Loaded | null;
  if (a.written !== null && a.written.start !== a.read.bytes) loaded = loadSession(ctx, sessionId);
  else if (a.extra.length > 0)
    loaded = loadForChange(ctx, sessionId, [...a.read.events, ...a.appended, ...a.extra]).current;
  else loaded = session.extend(a.appended);
  if (!loaded) throw new Error(`session ${sessionId} vanished while being written`);
  return loaded.journalBytes === undefined ? { ...loaded, journalBytes: end } : loaded;
}

/** The journal recorded a commit (post-commit) that the history cache has not read yet. */
function ownCommitsUnread(ctx: Context, sessionId: string, journal: readonly SessionEvent[]): boolean {
  const recorded = journal.filter((e) => e.type === 'commit.recorded');
  if (recorded.length === 0) return false;
  const cached = new Set(historyEventsOf(ctx, sessionId).map((e) => e.origin));
  const rewrites = readRewrites(ctx.store.paths);
  return !recorded.every((e) => e.type !== 'commit.recorded' || cached.has(finalSha(rewrites, e.sha)));
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
  const { commitHooksProblem } = await import('./hook-check.js');
  const problem = await commitHooksProblem(ctx);
  if (problem) ctx.warn(problem);
}
