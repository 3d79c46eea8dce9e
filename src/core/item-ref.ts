// Items named by their number in the list, as seed 001 numbers them (`objectives complete 1`,
// `obj-1`): the number every list shows next to the id. Everything else — ids, unique id prefixes,
// exact text — is findItem's.

import { userError } from '../model/errors.js';
import { abbreviateIds, ITEM_PREFIX, type ItemKind } from '../model/ids.js';
import { type FindOptions, findItem } from './items.js';

interface Item {
  id: string;
  text: string;
}

const PLURAL: Record<ItemKind, string> = { objective: 'objectives', decision: 'decisions', blocker: 'blockers' };

/** `3`, `#3` or `obj-3`: the number written, or null when `ref` is not a number. */
function numberIn(ref: string, kind: ItemKind): { n: number; prefixed: boolean } | null {
  const m = new RegExp(`^(?:#|(${ITEM_PREFIX[kind]}-))?(\\d{1,6})$`).exec(ref.trim());
  if (!m) return null;
  return { n: Number(m[2]), prefixed: m[1] !== undefined };
}

export function findItemRef<T extends Item>(
  items: readonly T[],
  ref: string,
  kind: ItemKind,
  options: FindOptions = {},
): T {
  const exact = items.find((i) => i.id === ref.trim());
  if (exact) return exact;
  const num = numberIn(ref, kind);
  if (num === null) return findItem(items, ref, kind, options);
  const byNumber = num.n >= 1 ? items[num.n - 1] : undefined;
  // `obj-1` might also begin an id (ids are random letters and digits): only one may match.
  let byId: T | undefined;
  if (num.prefixed) {
    try {
      byId = findItem(items, ref, kind, { ...options, byText: false });
    } catch {
      byId = undefined;
    }
  }
  if (byNumber && byId && byNumber !== byId) {
    const short = abbreviateIds(items.map((i) => i.id));
    const [a, b] = [byNumber, byId].map((i) => short.get(i.id) ?? i.id);
    throw userError(
      'ambiguous',
      `'${ref.trim()}' is ${kind} number ${num.n} (${a}) and also the start of ${b}`,
      `give the number alone (${num.n}) or the id ${b}`,
    );
  }
  const hit = byNumber ?? byId;
  if (hit) return hit;
  throw userError(
    `unknown-${kind}`,
    items.length === 0
      ? `there are no ${PLURAL[kind]} in this session`
      : `no ${kind} number ${num.n}: there ${items.length === 1 ? `is 1 ${kind}` : `are ${items.length} ${PLURAL[kind]}`}`,
    `list them: git session ${PLURAL[kind]} list`,
  );
}
