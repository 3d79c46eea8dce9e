// `git session why PATH[:LINES]`: the sessions, objectives and decisions behind a file or some of
// its lines — the sessions whose commits touched them (git log --follow, or git blame for lines),
// newest first, each with its decisions (the ones the touching commits carried first) and its
// objectives. A decision another decision replaced is marked, with what replaced it: the current
// decisions behind a file are what an agent about to edit it should know (the edit reminder).
// Pure: the commits come from git, the sessions from the store.

import type { Decision, Objective, SessionState } from './fold.js';

export interface TouchingCommit {
  sha: string;
  at: string;
  subject: string;
}

/** A decision as the fold holds it, less what `why` does not show, plus how it reached the path. */
export interface WhyDecision
  extends Pick<Decision, 'id' | 'text' | 'rationale' | 'alternatives' | 'at' | 'author' | 'supersedes'> {
  /** A commit that touched the path carried it (else it is only a decision of the same session). */
  direct: boolean;
  /** The decision that replaces it now (the end of the chain), with its session; null while current. */
  replacedBy: (Pick<Decision, 'id' | 'text' | 'rationale'> & { session: { id: string; name: string } }) | null;
}

export interface WhySession {
  session: { id: string; name: string; title: string; branch: string; status: string };
  /** The session's commits that touched the path, newest first. */
  commits: TouchingCommit[];
  decisions: WhyDecision[];
  objectives: Pick<Objective, 'id' | 'text' | 'status'>[];
}

export interface Why {
  /** Sessions newest first (by their latest commit that touched the path). */
  sessions: WhySession[];
  /** How many commits touched the path (as far as read), and how many no known session made. */
  commits: number;
  withoutSession: number;
}

interface Found {
  session: SessionState;
  decision: Decision;
}

/** Where a decision's chain of replacements ends (never looping), among every session's decisions. */
function latest(start: Found, byId: ReadonlyMap<string, Found>): Found {
  let cur = start;
  const seen = new Set<string>([cur.decision.id]);
  for (
    let next = cur.decision.supersededBy ? byId.get(cur.decision.supersededBy) : undefined;
    next && !seen.has(next.decision.id);
    next = cur.decision.supersededBy ? byId.get(cur.decision.supersededBy) : undefined
  ) {
    seen.add(next.decision.id);
    cur = next;
  }
  return cur;
}

/**
 * The sessions behind the commits that touched a path. `states`: every session, as read together
 * (so that replacements across sessions are linked); `touching`: the commits, newest first.
 */
export function whyOf(states: readonly SessionState[], touching: readonly TouchingCommit[]): Why {
  const bySha = new Map<string, SessionState[]>();
  for (const s of states)
    for (const c of s.commits) {
      const list = bySha.get(c.sha);
      if (list) {
        if (!list.includes(s)) list.push(s);
      } else bySha.set(c.sha, [s]);
    }
  const byId = new Map<string, Found>();
  for (const s of states) for (const d of s.decisions) byId.set(d.id, { session: s, decision: d });
  const sessions = new Map<string, { state: SessionState; commits: TouchingCommit[] }>();
  let withoutSession = 0;
  for (const c of touching) {
    const owners = bySha.get(c.sha);
    if (!owners) {
      withoutSession++;
      continue;
    }
    for (const s of owners) {
      const entry = sessions.get(s.id);
      if (entry) entry.commits.push(c);
      else sessions.set(s.id, { state: s, commits: [c] });
    }
  }
  return {
    sessions: [...sessions.values()].map(({ state, commits }) => {
      const shas = new Set(commits.map((c) => c.sha));
      return {
        session: {
          id: state.id,
          name: state.name,
          title: state.title,
          branch: state.branch,
          status: state.status,
        },
        commits,
        decisions: state.decisions
          .map((d): WhyDecision => {
            const end = d.supersededBy ? latest({ session: state, decision: d }, byId) : null;
            return {
              id: d.id,
              text: d.text,
              rationale: d.rationale,
              alternatives: d.alternatives,
              at: d.at,
              author: d.author,
              direct: d.commit !== null && shas.has(d.commit),
              supersedes: d.supersedes,
              replacedBy:
                d.supersededBy === null
                  ? null
                  : end && end.decision.id !== d.id
                    ? {
                        id: end.decision.id,
                        text: end.decision.text,
                        rationale: end.decision.rationale,
                        session: { id: end.session.id, name: end.session.name },
                      }
                    : // Replaced by a decision this clone does not hold.
                      { id: d.supersededBy, text: '', rationale: null, session: { id: '', name: '' } },
            };
          })
          .reverse(),
        objectives: state.objectives.map((o) => ({ id: o.id, text: o.text, status: o.status })),
      };
    }),
    commits: touching.length,
    withoutSession,
  };
}

/** A decision an agent editing the path should know, as the edit reminder gives it. */
export interface ActiveDecision {
  id: string;
  text: string;
  rationale: string | null;
  session: string;
}

/**
 * The decisions in force behind the path, newest session first, the ones its commits carried
 * before the rest of each session's: a replaced decision counts as the decision that replaces it
 * now (once). At most `max`.
 */
export function activeDecisions(why: Why, max: number): ActiveDecision[] {
  const out: ActiveDecision[] = [];
  const seen = new Set<string>();
  for (const s of why.sessions) {
    const ordered = [...s.decisions.filter((d) => d.direct), ...s.decisions.filter((d) => !d.direct)];
    for (const d of ordered) {
      const active: ActiveDecision | null =
        d.replacedBy === null
          ? { id: d.id, text: d.text, rationale: d.rationale, session: s.session.name }
          : d.replacedBy.text !== ''
            ? {
                id: d.replacedBy.id,
                text: d.replacedBy.text,
                rationale: d.replacedBy.rationale,
                session: d.replacedBy.session.name,
              }
            : null;
      if (!active || seen.has(active.id)) continue;
      seen.add(active.id);
      out.push(active);
      if (out.length >= max) return out;
    }
  }
  return out;
}

/**
 * `PATH:LINE` or `PATH:FROM-TO` split, or null when `arg` has no such ending (a file name may hold
 * a colon: the caller tries the whole argument as a path first).
 */
export function splitLineRange(arg: string): { path: string; from: number; to: number } | null {
  const m = /^(.+):(\d{1,9})(?:-(\d{1,9}))?$/.exec(arg);
  if (!m) return null;
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  return { path: m[1]!, from, to };
}
