// Decisions that replace decisions (`decisions supersede`). The new decision names the one it
// replaces (`supersedes`); the old one stays, in the history and in `decisions list`, marked as
// replaced, and the brief, `why` and the edit reminder show only decisions nobody replaced. A
// decision may replace one of another session — an ended session's choice revisited today — and
// only a reader of every session sees that link: the fold links decisions of one session,
// `linkAcross` the rest. Pure.

import { refusalOf, refuse } from './decide/outcome.js';
import type { Decision, SessionState } from './fold.js';
import { findItemRef } from './item-ref.js';
import { findItem } from './items.js';

export interface SessionRef {
  id: string;
  name: string;
}

/** A decision with the session it belongs to. */
export interface OwnedDecision {
  session: SessionRef;
  decision: Decision;
}

/**
 * Every decision replaced by a decision of another session: old id → the replacing decision's id.
 * Two replacements of one decision (two people on two clones) are both true; the lower id is
 * named, the same on every clone.
 */
export function replacementsAcross(states: Iterable<SessionState>): Map<string, string> {
  const own = new Map<string, string>();
  const out = new Map<string, string>();
  const list = [...states];
  for (const s of list) for (const d of s.decisions) own.set(d.id, s.id);
  for (const s of list)
    for (const d of s.decisions) {
      if (d.supersedes === null) continue;
      const owner = own.get(d.supersedes);
      if (owner === undefined || owner === s.id) continue;
      const named = out.get(d.supersedes);
      if (named === undefined || d.id < named) out.set(d.supersedes, d.id);
    }
  return out;
}

/** The state with the links other sessions hold (`replacementsAcross`); the same object when there are none. */
export function linkAcross(s: SessionState, replacements: ReadonlyMap<string, string>): SessionState {
  if (!s.decisions.some((d) => d.supersededBy === null && replacements.has(d.id))) return s;
  return {
    ...s,
    decisions: s.decisions.map((d) =>
      d.supersededBy === null && replacements.has(d.id) ? { ...d, supersededBy: replacements.get(d.id)! } : d,
    ),
  };
}

/** Decisions nobody replaced. */
export const isCurrent = (d: Decision): boolean => d.supersededBy === null;

/**
 * The decision `ref` names for `supersede`: one of this session by number, id or id prefix, else one
 * of another session by id or id prefix (at least four characters of it, as ids are shown). A
 * refusal when none or several match, or when it was replaced already (the chain stays a line:
 * replace the replacement).
 */
export function findReplaced(
  s: SessionState,
  ref: string,
  others: readonly OwnedDecision[],
): OwnedDecision | ReturnType<typeof refuse> {
  const mine = refusalOf(() => findItemRef(s.decisions, ref, 'decision'));
  let found: OwnedDecision;
  if (!('refused' in mine)) found = { session: { id: s.id, name: s.name }, decision: mine };
  else {
    if (mine.code !== 'unknown-decision') return mine;
    const needle = ref.trim().toLowerCase();
    const body = needle.startsWith('dec-') ? needle.slice(4) : needle;
    if (body.length < 4) return mine;
    const theirs = refusalOf(() =>
      findItem(
        others.map((o) => o.decision),
        needle,
        'decision',
      ),
    );
    if ('refused' in theirs)
      return theirs.code === 'unknown-decision'
        ? refuse(
            'unknown-decision',
            `no decision '${ref.trim()}' in any session`,
            'list them: git session decisions list',
          )
        : theirs;
    found = others.find((o) => o.decision === theirs)!;
  }
  const d = found.decision;
  if (d.supersededBy !== null)
    return refuse(
      'already',
      `${d.id} was already replaced by ${d.supersededBy}`,
      `replace that one: git session decisions supersede ${d.supersededBy} "…"`,
    );
  return found;
}
