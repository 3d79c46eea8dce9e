// The part every agent's hooks file shares: an object of event names, each a list of entries, some
// of them git-session's (an entry whose command is a git-session agent hook, found by `isOurs`).
// Installing makes git-session's entries exactly the wanted ones — one per event, an outdated copy
// replaced where it stands in the list, others' entries untouched; removing takes out only ours.
// Pure, over the jsonc-edit Doc.

import {
  appendElement,
  canonical,
  type Doc,
  expectAt,
  type Json,
  type JsonPath,
  jsonValue,
  nodeAt,
  removeAt,
  removeIfEmpty,
  replaceAt,
  setPath,
} from './jsonc-edit.js';

export interface HookLists {
  /** Where the event lists are: `['hooks']`. */
  root: string[];
  /** Whether an entry of a list is git-session's. */
  isOurs(entry: Json): boolean;
}

/** Event names under the root; an event whose value is not a list is not the agent's format, and refused. */
function events(doc: Doc, spec: HookLists): string[] {
  const root = expectAt(doc, spec.root, 'object');
  const names = (root?.children ?? []).map((p) => p.children?.[0]?.value as string);
  for (const name of names) expectAt(doc, [...spec.root, name], 'array');
  return names;
}

/** The entries of one event list (empty when the event is absent). */
function entries(doc: Doc, spec: HookLists, event: string): Json[] {
  const list = expectAt(doc, [...spec.root, event], 'array');
  return list ? (jsonValue(list) as Json[]) : [];
}

/** Our entries, per event that has any. Throws ConfigFileError on a file of the wrong shape. */
export function ourEntries(doc: Doc, spec: HookLists): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  for (const event of events(doc, spec)) {
    const mine = entries(doc, spec, event).filter((e) => spec.isOurs(e));
    if (mine.length > 0) out.set(event, mine);
  }
  return out;
}

function withoutOurs(doc: Doc, spec: HookLists, event: string): Doc {
  const list = entries(doc, spec, event);
  let out = doc;
  // From the last to the first, so the indexes stay right.
  for (let i = list.length - 1; i >= 0; i--) if (spec.isOurs(list[i]!)) out = removeAt(out, [...spec.root, event, i]);
  return out;
}

/** Our entries made exactly `wanted` (event → the one entry): missing ones added, others replaced or removed. */
export function setOurEntries(doc: Doc, spec: HookLists, wanted: ReadonlyMap<string, Json>): Doc {
  let out = doc;
  expectAt(out, spec.root, 'object');
  for (const [event, entry] of wanted) {
    const list = entries(out, spec, event);
    const mine = list.filter((e) => spec.isOurs(e));
    if (mine.length === 1) {
      if (canonical(mine[0]!) !== canonical(entry))
        out = replaceAt(out, [...spec.root, event, list.indexOf(mine[0]!)], entry);
      continue;
    }
    out = withoutOurs(out, spec, event);
    if (nodeAt(out, [...spec.root, event])) out = appendElement(out, [...spec.root, event], entry);
    else out = setPath(out, [...spec.root, event], [entry]);
  }
  for (const event of ourEntries(out, spec).keys()) {
    if (wanted.has(event)) continue;
    out = withoutOurs(out, spec, event);
    out = removeIfEmpty(out, [[...spec.root, event]]);
  }
  return out;
}

/** Every entry of ours taken out; lists, and the root, that this leaves empty go too. */
export function removeOurEntries(doc: Doc, spec: HookLists): Doc {
  let out = doc;
  const touched: JsonPath[] = [];
  for (const event of ourEntries(out, spec).keys()) {
    out = withoutOurs(out, spec, event);
    touched.push([...spec.root, event]);
  }
  if (touched.length === 0) return out;
  out = removeIfEmpty(out, touched);
  const root = nodeAt(out, spec.root);
  if (root?.type === 'object' && (root.children?.length ?? 0) === 0 && spec.root.length > 0)
    out = removeIfEmpty(out, [spec.root]);
  return out;
}
