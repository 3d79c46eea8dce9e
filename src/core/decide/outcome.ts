// What a decision returns: the events to append (and a result for the caller to report), or a
// typed refusal that says why nothing changes. The app layer appends the events under the store
// lock (app/mutate.ts) and turns a refusal into the user's one-line error.

import { GitSessionError } from '../../model/errors.js';
import type { EventPayload } from '../../model/events.js';

export interface Refusal {
  refused: true;
  /** Stable, as in `--json` error output: `already`, `not-open`, `unknown-objective`, … */
  code: string;
  message: string;
  hint?: string;
}

export interface Accepted<R> {
  refused?: undefined;
  events: EventPayload[];
  result: R;
}

export type Outcome<R> = Accepted<R> | Refusal;

export const refuse = (code: string, message: string, hint?: string): Refusal => ({
  refused: true,
  code,
  message,
  ...(hint !== undefined ? { hint } : {}),
});

export const accept = <R>(events: EventPayload[], result: R): Accepted<R> => ({ events, result });

/**
 * A lookup that throws the user's error (core/items.ts, core/item-ref.ts) as a refusal: a decision
 * returns what it refuses rather than throwing it.
 */
export function refusalOf<T>(lookup: () => T): T | Refusal {
  try {
    return lookup();
  } catch (e) {
    if (e instanceof GitSessionError && e.kind === 'user') return refuse(e.code, e.message, e.hint);
    throw e;
  }
}

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && (x as { refused?: unknown }).refused === true;
