// The `trailers` file the sh hooks read (docs/storage.md): every line a session's commits carry,
// with the seq of its latest change. Lines above the committed mark come first — a commit reads
// them and stops at `held <mark>` — and the lines commits already held follow, for the rare commit
// that must carry them again because the commits that held them left the branch.

import { CLOCK_CLAIM_PREFIX, TRAILER_KEYS } from '../model/hook-contract.js';
import type { PlannedTrailer } from './trailer-plan.js';
import { TRAILER_FILE_HEADER } from './trailer-plan.js';

export function renderPlanFile(sessionId: string, planned: readonly PlannedTrailer[], mark: number): string {
  const pending = planned.filter((p) => typeof p.seq !== 'number' || p.seq > mark);
  const held = planned.filter((p) => typeof p.seq === 'number' && p.seq <= mark);
  const lines = [`${TRAILER_FILE_HEADER} ${sessionId}`, ...pending.map((p) => `${p.seq} ${p.line}`)];
  if (held.length > 0) lines.push(`held ${mark}`, ...held.map((p) => `${p.seq} ${p.line}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Whether a trailer line says something of the session's own: not its `Session:` line, and not the
 * clock a commit claims with its items (`Session-Info: clock N`), which orders them but is no item.
 */
export function isItemLine(line: string): boolean {
  return !line.startsWith(`${TRAILER_KEYS.session}: `) && !CLOCK_LINE.test(line);
}

const CLOCK_LINE = new RegExp(`^${CLOCK_CLAIM_PREFIX}[0-9]+$`);

/** The items' lines of a plan above `base` (what is not yet in history). */
export function linesAbove(planned: readonly PlannedTrailer[], base: number): string[] {
  return planned.filter((p) => typeof p.seq === 'number' && p.seq > base && isItemLine(p.line)).map((p) => p.line);
}

const KINDS: [prefix: string, one: string, many: string][] = [
  ['Session-Info: status ', 'the end', 'the end'],
  ['Session-Info: ', "the session's details", "the session's details"],
  ['Session-Objectives: ', '1 objective', '# objectives'],
  ['Decisions: ', '1 decision', '# decisions'],
  ['Session-Blockers: ', '1 blocker', '# blockers'],
  ['Session-Log: ', '1 journal entry', '# journal entries'],
  ['Session-Checkpoint: ', '1 checkpoint', '# checkpoints'],
];

/** "the end, 2 decisions and 1 journal entry": what trailer lines hold, for one line of text. */
export function describeLines(lines: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const kind = KINDS.find(([prefix]) => l.startsWith(prefix));
    if (kind) counts.set(kind[0], (counts.get(kind[0]) ?? 0) + 1);
  }
  const parts = KINDS.filter(([prefix]) => counts.has(prefix)).map(([prefix, one, many]) => {
    const n = counts.get(prefix)!;
    return n === 1 ? one : many.replace('#', String(n));
  });
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
