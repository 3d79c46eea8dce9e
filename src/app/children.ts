// The parent and children of a session, loaded for the views (status, show, the brief, the
// handoff, the living files): the child sessions by id — the parent's records name them, and the
// history names those another clone spawned (links.ts) — with where each branch is checked out.
// Nothing is loaded for a session that spawned nothing and was not spawned.

import { type ChildView, childViews, type Family, familyIds, parentView } from '../core/children.js';
import type { SessionState } from '../core/fold.js';
import { worktreeBranches } from '../git/refs.js';
import { run } from '../git/run.js';
import { isSessionId } from '../model/ids.js';
import { type FamilyView, NO_FAMILY } from '../render/views.js';
import type { Context } from './context.js';
import { childrenFromHistory } from './links.js';
import { type Loaded, loadSession } from './sessions.js';

/** Sessions by id, each loaded on its own: one damaged journal hides that session only (with a warning). */
export function loadSessionsById(
  ctx: Context,
  ids: Iterable<string>,
  known: readonly Loaded[] = [],
): Map<string, SessionState> {
  const out = new Map<string, SessionState>();
  for (const l of known) out.set(l.state.id, l.state);
  for (const id of ids) {
    if (out.has(id) || !isSessionId(id)) continue;
    try {
      const l = loadSession(ctx, id);
      if (l) out.set(id, l.state);
    } catch (e) {
      ctx.warn((e as Error).message);
    }
  }
  return out;
}

/** The family of `loaded`; `all`: every session, when the caller loaded them already. */
export function familyOf(ctx: Context, loaded: Loaded, all?: readonly Loaded[]): FamilyView {
  const s = loaded.state;
  const reverse = all
    ? all.filter((l) => l.state.spawn?.parent === s.id).map((l) => l.state.id)
    : childrenFromHistory(ctx, s.id);
  if (s.children.length === 0 && reverse.length === 0 && !s.spawn) return NO_FAMILY;
  const sessions = loadSessionsById(ctx, familyIds(s, reverse), all ?? []);
  const hasChildren = s.children.length > 0 || reverse.length > 0;
  const f: Family = { sessions, worktrees: hasChildren ? run(ctx.repo, worktreeBranches) : new Map(), reverse };
  return { parent: parentView(s, f), children: childViews(s, f) };
}

export type { ChildView };
