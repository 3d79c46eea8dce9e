// One session, summed up: who it is, where it stands and the counts every view of it shows. The
// session JSON (render/views.ts), the list, the brief (core/brief.ts) and the reports
// (analytics/metrics.ts) all start from these values, so no two of them count differently.

import type { SessionStatus } from '../model/events.js';
import { activeMs, type SessionState } from './fold.js';

/** The fields every view of a session starts with. */
export interface SessionIdentity {
  id: string;
  name: string;
  title: string;
  branch: string;
  status: SessionStatus;
}

export interface SessionSummary extends SessionIdentity {
  tasks: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  activeMs: number;
  pauses: number;
  compactions: number;
  /** Set when the session ended: its summary, or why it was abandoned. */
  summary: string | null;
  endReason: string | null;
  objectivesDone: number;
  objectivesTotal: number;
  openBlockers: number;
  decisions: number;
  commits: number;
}

export const identityOf = (s: SessionState): SessionIdentity => ({
  id: s.id,
  name: s.name,
  title: s.title,
  branch: s.branch,
  status: s.status,
});

export function summarise(s: SessionState, now: string): SessionSummary {
  return {
    ...identityOf(s),
    tasks: s.tasks,
    author: s.author,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    endedAt: s.endedAt,
    activeMs: activeMs(s, now),
    pauses: s.pauses,
    compactions: s.compactions,
    summary: s.summary,
    endReason: s.endReason,
    objectivesDone: s.objectives.filter((o) => o.status === 'done').length,
    objectivesTotal: s.objectives.length,
    openBlockers: s.blockers.filter((b) => b.status === 'open').length,
    decisions: s.decisions.length,
    commits: s.commits.length,
  };
}
