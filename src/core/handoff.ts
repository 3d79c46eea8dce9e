// The handoff document as data: what the next person (or agent) needs to continue — what is done,
// what was decided and why, what blocks, how far along, what to do next, where to look.

import type { SessionEvent } from '../model/events.js';
import type { Brief } from './brief.js';

export interface Handoff {
  session: Brief['session'];
  continue: Brief['continue'];
  branch: Brief['branch'];
  /** The note of the last pause, while the session is open. */
  pauseNote: string | null;
  notes: Brief['handoffNotes'];
  progress: {
    objectivesDone: number;
    objectivesTotal: number;
    commits: number;
    filesChanged: number;
    activeMs: number;
    pauses: number;
    openBlockers: number;
  };
  completed: Brief['done']['objectives'];
  open: { id: string; text: string; status: string }[];
  decisions: Brief['how']['decisions'];
  blockers: Brief['watch']['blockers'];
  resolvedBlockers: Brief['done']['resolvedBlockers'];
  /** What was done: `log --progress` / `--done` entries, newest first. */
  journal: Brief['done']['progress'];
  next: string[];
  discoveries: Brief['how']['discoveries'];
  keyFiles: Brief['files']['files'];
  uncommitted: Brief['watch']['uncommitted'];
  staleContext: Brief['watch']['staleContext'];
  /** The current task, and for a spawned session its parent and whom it waits for. */
  now: Brief['now'];
  /** The agents the session spawned, with their status and summary. */
  children: Brief['children'];
}

/** The handoff is the brief's content seen from the other side: built from the same data. */
export function buildHandoff(b: Brief): Handoff {
  return {
    session: b.session,
    continue: b.continue,
    branch: b.branch,
    pauseNote: b.next.pauseNote,
    notes: b.handoffNotes,
    progress: {
      objectivesDone: b.building.objectives.filter((o) => o.status === 'done').length,
      objectivesTotal: b.building.objectives.length,
      commits: b.session.commits,
      filesChanged: b.files.total,
      activeMs: b.session.activeMs,
      pauses: b.session.pauses,
      openBlockers: b.watch.blockers.length,
    },
    completed: b.done.objectives,
    open: b.next.openObjectives,
    decisions: b.how.decisions,
    blockers: b.watch.blockers,
    resolvedBlockers: b.done.resolvedBlockers,
    journal: b.done.progress,
    next: b.next.steps,
    discoveries: b.how.discoveries,
    keyFiles: b.files.files.slice(0, 15),
    uncommitted: b.watch.uncommitted,
    staleContext: b.watch.staleContext,
    now: b.now,
    children: b.children,
  };
}

/** Events that are work, as opposed to bookkeeping (pauses, compactions, the handoff itself). */
const BOOKKEEPING = new Set([
  'session.started',
  'session.paused',
  'session.resumed',
  'agent.compacted',
  // What PreCompact records: a context compaction is not work to hand off.
  'checkpoint.recorded',
  'handoff.written',
  'handoff.noted',
]);

/** The latest event that is work done since the last handoff (note or document), if any. */
export function workSinceHandoff(events: readonly SessionEvent[]): SessionEvent | undefined {
  const lastHandoff = events.filter((e) => e.type === 'handoff.noted' || e.type === 'handoff.written').pop();
  const work = events.filter((e) => !BOOKKEEPING.has(e.type) && (!lastHandoff || e.at > lastHandoff.at));
  return work[work.length - 1];
}
