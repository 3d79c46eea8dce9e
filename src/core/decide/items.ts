// Objectives, blockers and decisions, decided from one table: how each is added, which actions
// move it from one status to another, and what each action refuses. Pure: the ids' randomness
// comes in, the state is the folded session.

import type { EventPayload } from '../../model/events.js';
import { type ItemKind, newItemId, type RandomBytes } from '../../model/ids.js';
import type { SessionState } from '../fold.js';
import { findItemRef } from '../item-ref.js';
import { shortIds } from '../short-ids.js';
import { findReplaced, type OwnedDecision } from '../supersede.js';
import { accept, type Outcome, refusalOf, refuse } from './outcome.js';

/** What a decision may carry besides its text. */
export interface ItemDetails {
  rationale?: string;
  alternatives?: string;
  /** The decision it replaces (decideSupersede). */
  supersedes?: string;
}

interface Item {
  id: string;
  text: string;
  status?: string;
}

interface ItemRules {
  /** The session's items of this kind, in list order. */
  of(s: SessionState): readonly Item[];
  added(id: string, text: string, details: ItemDetails): EventPayload;
}

const withDetails = (d: ItemDetails) => ({
  ...(d.rationale !== undefined ? { rationale: d.rationale } : {}),
  ...(d.alternatives !== undefined ? { alternatives: d.alternatives } : {}),
  ...(d.supersedes !== undefined ? { supersedes: d.supersedes } : {}),
});

export const ITEMS: Record<ItemKind, ItemRules> = {
  objective: {
    of: (s) => s.objectives,
    added: (objective, text) => ({ type: 'objective.added', objective, text }),
  },
  blocker: {
    of: (s) => s.blockers,
    added: (blocker, text) => ({ type: 'blocker.added', blocker, text }),
  },
  decision: {
    of: (s) => s.decisions,
    added: (decision, text, details) => ({ type: 'decision.recorded', decision, text, ...withDetails(details) }),
  },
};

/** Actions that move an objective or a blocker to another status. */
export type ItemMove = 'start' | 'complete' | 'reopen' | 'resolve';

interface MoveRules {
  kind: 'objective' | 'blocker';
  /** The status the item ends in. */
  to: string;
  /** Why the item cannot take the action (null: it can). `short` is the item's id as shown. */
  refusal?: (item: Item, short: string) => ReturnType<typeof refuse> | null;
  /** The events that take the item from its status to `to` (none when it is there already). */
  events(item: Item, note: string | undefined): EventPayload[];
}

export const MOVES: Record<ItemMove, MoveRules> = {
  start: {
    kind: 'objective',
    to: 'in-progress',
    // Starting a done objective is reopening it: say so, so history readers see the step back.
    events: (o) =>
      o.status === 'in-progress'
        ? []
        : [
            ...(o.status === 'done' ? [{ type: 'objective.reopened' as const, objective: o.id }] : []),
            { type: 'objective.started', objective: o.id },
          ],
  },
  complete: {
    kind: 'objective',
    to: 'done',
    events: (o) => (o.status === 'done' ? [] : [{ type: 'objective.completed', objective: o.id }]),
  },
  reopen: {
    kind: 'objective',
    to: 'open',
    refusal: (o, short) =>
      o.status === 'open'
        ? refuse('already', `${short} is already open`, `start it: git session objectives start ${short}`)
        : null,
    events: (o) => [{ type: 'objective.reopened', objective: o.id }],
  },
  resolve: {
    kind: 'blocker',
    to: 'resolved',
    refusal: (b, short) => (b.status === 'resolved' ? refuse('already', `${short} is already resolved`) : null),
    events: (b, note) => [{ type: 'blocker.resolved', blocker: b.id, ...(note !== undefined ? { note } : {}) }],
  },
};

const EMPTY: Pick<SessionState, 'objectives' | 'decisions' | 'blockers'> = {
  objectives: [],
  decisions: [],
  blockers: [],
};

/** New items of one kind, each with a fresh id no item of the session has. Result: their ids. */
export function decideAdd(
  s: SessionState | null,
  kind: ItemKind,
  texts: readonly string[],
  details: ItemDetails,
  random: RandomBytes,
): Outcome<string[]> {
  const rules = ITEMS[kind];
  const taken = new Set(s ? rules.of(s).map((i) => i.id) : []);
  const ids: string[] = [];
  for (const _ of texts) {
    const id = newItemId(kind, random, taken);
    taken.add(id);
    ids.push(id);
  }
  return accept(
    ids.map((id, i) => rules.added(id, texts[i]!, details)),
    ids,
  );
}

/**
 * An objective or a blocker named by `ref` (its number, id, id prefix or exact text) takes the
 * action. Result: the item's id, and whether its status changed.
 */
export function decideMove(
  s: SessionState | null,
  action: ItemMove,
  ref: string,
  note?: string,
): Outcome<{ id: string; changed: boolean }> {
  const rules = MOVES[action];
  const items = (s ? ITEMS[rules.kind].of(s) : []) as readonly Item[];
  const item = refusalOf(() => findItemRef(items, ref, rules.kind, { byText: true }));
  if ('refused' in item) return item;
  const refused = rules.refusal?.(item, shortIds(s ?? EMPTY)(item.id));
  if (refused) return refused;
  return accept(rules.events(item, note), { id: item.id, changed: item.status !== rules.to });
}

/**
 * A new decision that replaces the one `ref` names — of this session (number, id, id prefix) or of
 * another (`others`, by id or id prefix). Result: the new id and the decision replaced.
 */
export function decideSupersede(
  s: SessionState,
  ref: string,
  text: string,
  details: Omit<ItemDetails, 'supersedes'>,
  random: RandomBytes,
  others: readonly OwnedDecision[],
): Outcome<{ id: string; replaced: OwnedDecision }> {
  const replaced = findReplaced(s, ref, others);
  if ('refused' in replaced) return replaced;
  const added = decideAdd(s, 'decision', [text], { ...details, supersedes: replaced.decision.id }, random);
  if (added.refused) return added;
  return accept(added.events, { id: added.result[0]!, replaced });
}
