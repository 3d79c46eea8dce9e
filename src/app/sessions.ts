// Loading sessions (local journal plus what history holds) and finding the one a user means.

import { attention } from '../core/attention.js';
import { clockJournal, placeHistory } from '../core/clock.js';
import {
  crossSessionConflicts,
  Folding,
  finalSha,
  followRewrites,
  type Presence,
  type SessionState,
} from '../core/fold.js';
import { activeElsewhere } from '../core/presence.js';
import { linkAcross, replacementsAcross } from '../core/supersede.js';
import { branchTipsByName, localBranches } from '../git/refs.js';
import { run } from '../git/run.js';
import { workingBranch } from '../git/state.js';
import { storeError, userError } from '../model/errors.js';
import { type SessionEvent, unionEvents } from '../model/events.js';
import { clip } from '../model/text.js';
import { safeLine } from '../render/term.js';
import { ago } from '../render/time.js';
import type { JournalRead } from '../store/journal.js';
import { readRewrites } from '../store/rewrites.js';
import type { Context } from './context.js';
import { historyEventsOf, historySessionIds } from './history-cache.js';
import { peerEventsOf } from './sync/peers.js';

export interface Loaded {
  state: SessionState;
  /** Events of the local journal only (what the trailer plan works from), with their clocks. */
  local: SessionEvent[];
  /** The journal's size as read, when one session was loaded (app/switch-state.ts). */
  journalBytes?: number;
}

/**
 * Read one journal, dealing with damage: an interrupted last line is set aside (kept in
 * damaged.jsonl) with a warning; damage anywhere else stops here with the way out.
 */
export function readChecked(ctx: Context, id: string): JournalRead {
  const read = ctx.store.readJournal(id);
  if (read.damaged.length === 0) return read;
  const file = ctx.store.journalFile(id);
  if (read.tornTail) {
    const target = ctx.store.lock(() => {
      const again = ctx.store.readJournal(id);
      return again.tornTail ? ctx.store.setAsideDamaged(id, again, ctx.now()) : null;
    });
    if (target) ctx.warn(`${file}: an interrupted write left an incomplete last line; it was moved to ${target}`);
    return ctx.store.readJournal(id);
  }
  const d = read.damaged[0]!;
  throw storeError(
    `${file}:${d.line}: damaged event (${d.reason})${read.damaged.length > 1 ? ` and ${read.damaged.length - 1} more` : ''}`,
    'run `git session doctor` to move damaged lines to damaged.jsonl (nothing is deleted), or fix them by hand',
  );
}

/** Fold sessions from their local events and what history holds for them. */
export function build(
  ctx: Context,
  ids: Iterable<string>,
  local: Map<string, SessionEvent[]>,
  imported: (id: string) => readonly SessionEvent[] = (id) => historyEventsOf(ctx, id),
): Map<string, Loaded> {
  return folded(ctx, ids, local, imported).loaded;
}

function folded(
  ctx: Context,
  ids: Iterable<string>,
  local: Map<string, SessionEvent[]>,
  imported: (id: string) => readonly SessionEvent[],
): { loaded: Map<string, Loaded>; folding: Folding; clocked: Map<string, SessionEvent[]>; rewrites: Rewrites } {
  const rewrites = readRewrites(ctx.store.paths);
  const follow = (sha: string) => finalSha(rewrites, sha);
  const lists: (readonly SessionEvent[])[] = [];
  const peers: SessionEvent[] = [];
  const clocked = new Map<string, SessionEvent[]>();
  for (const id of ids) {
    // Journal events in journal order with their clocks; history events of the commits this
    // journal recorded take the place of that record (core/clock.ts).
    const journal = clockJournal(local.get(id) ?? []);
    clocked.set(id, journal);
    lists.push(journal, placeHistory(journal, imported(id), follow));
    // Other clones' events through the session's ref (docs/sync.md): each clone's file is read on
    // its own, so a copied id from one clone never hides another clone's event.
    const theirs = peerEventsOf(ctx, id);
    if (theirs.length > 0) {
      // An event whose id this clone's journal holds is this clone's own (a copy cannot replace it).
      const own = new Set(journal.map((j) => j.id));
      for (const e of theirs) if (!own.has(e.id)) peers.push(e);
    }
  }
  // Union by id: an event read twice (the same entry carried by two commits) counts once.
  const union = unionEvents(...lists);
  const folding = new Folding(peers.length === 0 ? union : [...union, ...peers]);
  // Sessions read together know of each other: an item id two of them use, a decision of one that
  // another replaced (core/supersede.ts).
  const replacements =
    folding.states.size > 1 ? replacementsAcross(folding.states.values()) : new Map<string, string>();
  if (folding.states.size > 1) crossSessionConflicts(folding.states);
  const loaded = new Map<string, Loaded>();
  for (const [id, state] of folding.states)
    loaded.set(id, { state: linkAcross(followRewrites(state, rewrites), replacements), local: clocked.get(id) ?? [] });
  return { loaded, folding, clocked, rewrites };
}

type Rewrites = ReturnType<typeof readRewrites>;

/** A session as a change sees it: loaded from the journal just read, and extended by what it appends. */
export interface Changing {
  current: Loaded | null;
  /** The session with `appended` (journal events, clocks above every other) folded on: nothing read again. */
  extend(appended: readonly SessionEvent[]): Loaded;
}

export function loadForChange(ctx: Context, id: string, journal: readonly SessionEvent[]): Changing {
  const f = folded(ctx, [id], new Map([[id, [...journal]]]), (s) => historyEventsOf(ctx, s));
  return {
    current: f.loaded.get(id) ?? null,
    extend(appended) {
      const start = f.clocked.get(id)?.length ?? 0;
      const placed = appended.map((e, i) => ({ ...e, order: start + i }));
      f.folding.extend(placed);
      const state = f.folding.states.get(id);
      if (!state) throw new Error(`session ${id} has no events`);
      return { state: followRewrites(state, f.rewrites), local: [...(f.clocked.get(id) ?? []), ...placed] };
    },
  };
}

export function loadSession(ctx: Context, id: string): Loaded | null {
  const read = readChecked(ctx, id);
  const loaded = build(ctx, [id], new Map([[id, read.events]])).get(id);
  return loaded ? { ...loaded, journalBytes: read.bytes } : null;
}

/**
 * Every known session. A session whose journal is damaged is skipped with a warning here, so one
 * bad file does not hide all the others; commands on that session report the error in full.
 */
export function loadAllSessions(ctx: Context): Loaded[] {
  const local = new Map<string, SessionEvent[]>();
  for (const id of ctx.store.sessionIds()) {
    try {
      local.set(id, readChecked(ctx, id).events);
    } catch (e) {
      ctx.warn((e as Error).message);
    }
  }
  const ids = new Set([...local.keys(), ...historySessionIds(ctx)]);
  return [...build(ctx, ids, local).values()];
}

/** Find a session by full id, short name, branch, or a unique prefix of its id or name. */
export function resolveSession(ctx: Context, ref: string, all: Loaded[] = loadAllSessions(ctx)): Loaded {
  const needle = ref.trim();
  if (needle === '')
    throw userError('empty-reference', 'no session given', 'name a session by id, id prefix, name or branch');
  const exact = all.filter((l) => l.state.id === needle || l.state.name === needle);
  if (exact.length === 1) return exact[0]!;
  const viaBranch = ctx.store.branchSession(needle);
  if (viaBranch) {
    const hit = all.find((l) => l.state.id === viaBranch);
    if (hit) return hit;
  }
  const prefixed = all.filter((l) => l.state.id.startsWith(needle.toLowerCase()) || l.state.name.startsWith(needle));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1 || exact.length > 1) {
    const names = (exact.length > 1 ? exact : prefixed)
      .slice(0, 5)
      .map((l) => `${l.state.name} (${l.state.id.slice(0, 13)})`)
      .join(', ');
    throw userError(
      'ambiguous',
      `'${needle}' matches more than one session: ${names}`,
      'give more characters of the id',
    );
  }
  throw userError(
    'unknown-session',
    `no session matches '${clip(needle)}'`,
    'see them all with: git session list --all',
  );
}

/**
 * The session linked to the checked-out branch — or, during a rebase or bisect, to the branch git
 * is working on — or null (with the branch, for messages).
 */
export function currentSession(ctx: Context): { branch: string | null; loaded: Loaded | null } {
  const branch = workingBranch(ctx.repo);
  if (!branch) return { branch: null, loaded: null };
  const id = ctx.store.branchSession(branch);
  if (!id) return { branch, loaded: null };
  return { branch, loaded: loadSession(ctx, id) };
}

/** `--session REF` when given, else the current branch's session — or a clear error. */
export function targetSession(ctx: Context, ref: string | undefined): Loaded {
  if (ref !== undefined) return resolveSession(ctx, ref);
  const { branch, loaded } = currentSession(ctx);
  if (loaded) return loaded;
  if (branch === null)
    throw userError(
      'no-session',
      'HEAD is detached (no branch is checked out), so there is no current session',
      'switch to a branch (git switch <branch>), or name the session: --session <ref>',
    );
  throw userError('no-session', `no session on branch '${branch}'`, `start one: git session start ${branch} -o "…"`);
}

/**
 * Every known session, with what needs a decision about each open one (stale, branch gone) and
 * what to know before picking it up (active on another clone).
 */
export function sessionsWithAttention(ctx: Context, now: string): { loaded: Loaded; attention: string[] }[] {
  const branches = localBranches(ctx.repo);
  const all = loadAllSessions(ctx);
  // A branch that only a remote has is not gone: resume makes it here (as git switch does).
  if (all.some((l) => l.state.branch !== '' && !branches.has(l.state.branch)))
    for (const b of run(ctx.repo, branchTipsByName).keys()) branches.add(b);
  const machine = ctx.store.machineId();
  return all.map((loaded) => ({
    loaded,
    attention: [
      ...attention(loaded.state, now, (b) => branches.has(b)),
      ...activeElsewhere(loaded.state, machine).map((p) => elsewhereText(p, now)),
    ],
  }));
}

/** One line when the session is active on another clone (resume still goes on), else null. */
export function activeElsewhereNote(ctx: Context, loaded: Loaded): string | null {
  const others = activeElsewhere(loaded.state, ctx.store.machineId());
  if (others.length === 0) return null;
  const now = ctx.now();
  const who = others.map((p) => `${safeLine(clip(p.author, 80))}, ${ago(p.at, now)}`).join('; ');
  return `'${safeLine(loaded.state.name)}' is active on ${others.length === 1 ? 'another clone' : `${others.length} other clones`} too (${who})`;
}

/** One line: the session is active on another clone (who, since when). */
export function elsewhereText(p: Presence, now: string): string {
  return `active on another clone (${safeLine(clip(p.author, 80))}, ${ago(p.at, now)})`;
}
