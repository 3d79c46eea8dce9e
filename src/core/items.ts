// Finding an objective, decision or blocker from what a user typed: its id, a unique prefix of
// it (with or without the `obj-` part), or — for objectives — its exact text.

import { userError } from '../model/errors.js';
import { abbreviateIds, ITEM_PREFIX, type ItemKind } from '../model/ids.js';

interface Item {
  id: string;
  text: string;
}

const NOUN: Record<ItemKind, string> = { objective: 'objective', decision: 'decision', blocker: 'blocker' };
const COMMAND: Record<ItemKind, string> = { objective: 'objectives', decision: 'decisions', blocker: 'blockers' };

export interface FindOptions {
  /** Also match an item by its exact text. */
  byText?: boolean;
  /** Also match a unique prefix of the id (off where the reference is free text). */
  prefix?: boolean;
}

export function findItem<T extends Item>(
  items: readonly T[],
  ref: string,
  kind: ItemKind,
  options: FindOptions = {},
): T {
  const { byText = false, prefix: allowPrefix = true } = options;
  const needle = ref.trim();
  const prefix = `${ITEM_PREFIX[kind]}-`;
  const exact = items.find((i) => i.id === needle || i.id === prefix + needle);
  if (exact) return exact;
  if (byText) {
    const sameText = items.filter((i) => i.text.trim() === needle);
    if (sameText.length === 1) return sameText[0]!;
  }
  const lower = needle.toLowerCase();
  const prefixed =
    lower === '' || !allowPrefix ? [] : items.filter((i) => i.id.startsWith(lower) || i.id.startsWith(prefix + lower));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) {
    // Named as lists show them: each short id is what tells the candidates apart.
    const short = abbreviateIds(items.map((i) => i.id));
    const names = prefixed.map((i) => short.get(i.id) ?? i.id);
    throw userError('ambiguous', `'${needle}' matches ${names.join(', ')}`, 'give more of the id');
  }
  throw userError(
    `unknown-${kind}`,
    `no ${NOUN[kind]} '${needle}' in this session`,
    `list them: git session ${COMMAND[kind]} list`,
  );
}
