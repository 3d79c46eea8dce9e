// The short form of a session's item ids, as every list and message shows them: the shortest
// prefix no other item of the session shares (model/ids.ts abbreviateIds).

import { abbreviateIds } from '../model/ids.js';

interface WithItems {
  objectives: readonly { id: string }[];
  decisions: readonly { id: string }[];
  blockers: readonly { id: string }[];
  criteria?: readonly { id: string }[];
}

export function shortIds(s: WithItems): (id: string) => string {
  const short = abbreviateIds([
    ...s.objectives.map((o) => o.id),
    ...s.decisions.map((d) => d.id),
    ...s.blockers.map((b) => b.id),
    ...(s.criteria ?? []).map((c) => c.id),
  ]);
  return (id) => short.get(id) ?? id;
}
