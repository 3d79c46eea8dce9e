// Events another clone recorded, as its file in a session ref holds them (docs/sync.md), made
// ready for the fold: each takes its clock as a journal event does (its own, or the line before's:
// core/clock.ts), its line as `order`, and the clone it came from as `from`. What only meant
// something in that clone's journal — `seq`, and the marks of its commit records — is set aside,
// after it has given each checkpoint the commit that carried it there.

import type { SyncLine } from '../codec/sync-file.js';
import type { SessionEvent } from '../model/events.js';

export function peerEvents(lines: readonly SyncLine[], machine: string): SessionEvent[] {
  // A checkpoint's commit is the first of that clone's commits whose mark covers its seq.
  const marks: { mark: number; sha: string }[] = [];
  for (const { event: e } of lines)
    if (e.type === 'commit.recorded' && e.mark !== undefined) marks.push({ mark: e.mark, sha: e.sha });
  let lc = 0;
  const seen = new Set<string>();
  const out: SessionEvent[] = [];
  for (const { event, line } of lines) {
    if (typeof event.lc === 'number') lc = event.lc;
    // One clone's file holds each event once; a second line with its id (a copied store) is the same event.
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const e = { ...event, lc, order: line, from: machine } as SessionEvent & Record<string, unknown>;
    if (e.type === 'checkpoint.recorded' && e.commit === undefined && e.seq !== undefined) {
      const seq = e.seq;
      const carrier = marks.find((m) => m.mark >= seq);
      if (carrier) e.commit = carrier.sha;
    }
    if (e.type === 'commit.recorded') {
      delete e.mark;
      delete e.base;
    }
    delete e.seq;
    out.push(e);
  }
  return out;
}
