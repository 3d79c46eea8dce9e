// Hand-built sessions for the analytics tests: a folded state plus commit facts.
import type { CommitFacts, SessionInput } from '../../src/analytics/model.js';
import { fold } from '../../src/core/fold.js';
import type { EventPayload, SessionEvent } from '../../src/model/events.js';
import { ev } from '../helpers/events.js';

export const T = (day: number, h: number, m = 0) => new Date(Date.UTC(2026, 0, day, h, m)).toISOString();

export function events(list: [string, EventPayload][], session?: string): SessionEvent[] {
  return list.map(([at, p], i) => ev(p, at, { seq: i + 1, ...(session ? { session } : {}) }));
}

let n = 0;
export function commit(at: string, files: Record<string, [number, number] | null>, subject = 'chore: x'): CommitFacts {
  n++;
  const sha = n.toString(16).padStart(40, 'a');
  return {
    sha,
    at,
    author: 'dev@example.com',
    subject,
    type: /^(\w+)(\(.*\))?!?: /.exec(subject)?.[1] ?? null,
    files: Object.entries(files).map(([path, lines]) => ({
      path,
      added: lines ? lines[0] : null,
      removed: lines ? lines[1] : null,
    })),
  };
}

/** A session input from events and commits (commit.recorded events are added for the commits). */
export function input(
  list: [string, EventPayload][],
  commits: CommitFacts[],
  journal: SessionInput['journal'] = [],
  session?: string,
): SessionInput {
  const all = [
    ...events(list, session),
    ...events(
      commits.map((c) => [c.at, { type: 'commit.recorded', sha: c.sha }] as [string, EventPayload]),
      session,
    ).map((e) => ({ ...e, seq: undefined })),
  ];
  return { state: fold(all)!, commits, journal };
}

export const started = {
  type: 'session.started',
  name: 'oauth',
  title: 'OAuth',
  branch: 'f/oauth',
  tasks: [],
} as const;
