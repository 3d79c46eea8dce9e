// Patterns worth a look, each naming the commits it is based on (docs/reports.md, "Patterns"):
// source changed without tests, TDD cycles, long pauses, blockers open longest, objectives reopened.

import { activityOf, clip, gaps, PAUSE_GAP_MS } from './activity.js';
import { type CommitFacts, inWindow, ms, type SessionInput, type Window } from './model.js';
import { kindsOf } from './paths.js';

export interface SessionRef {
  id: string;
  name: string;
}

export interface UntestedChange {
  session: SessionRef;
  sha: string;
  subject: string;
  at: string;
  /** The source files changed. */
  sources: string[];
  commits: string[];
}

export interface TddCycle {
  session: SessionRef;
  /** The commit adding the (failing) test, the one making it pass, and a refactor right after. */
  red: string;
  green: string;
  refactor: string | null;
  tests: string[];
  sources: string[];
  at: string;
  commits: string[];
}

export interface LongPause {
  session: SessionRef;
  from: string;
  to: string;
  ms: number;
  /** The last commit before the pause and the first after it (when there are). */
  before: string | null;
  after: string | null;
  commits: string[];
}

export interface BlockerSpan {
  session: SessionRef;
  id: string;
  text: string;
  status: 'open' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  /** Open until resolved, or until now. */
  openMs: number;
  /** The commits that carried its opening and its resolution. */
  commits: string[];
}

export interface ReopenedObjective {
  session: SessionRef;
  id: string;
  text: string;
  status: string;
  reopened: number;
  commits: string[];
}

export interface Patterns {
  /** Commits looked at (in the window). */
  commits: number;
  /** Commits changing source and tests together. */
  testedChanges: number;
  untested: UntestedChange[];
  tddCycles: TddCycle[];
  longPauses: LongPause[];
  /** Longest open first. */
  blockers: BlockerSpan[];
  reopened: ReopenedObjective[];
}

/** Conventional types that do not make a test pass (they change no behaviour). */
const NOT_GREEN = new Set(['test', 'docs', 'style', 'chore', 'ci', 'build']);

const refOf = (input: SessionInput): SessionRef => ({ id: input.state.id, name: input.state.name });

/** The first commit of the session at or after a moment: in history, the one that carried the change. */
export function carrier(commits: readonly CommitFacts[], at: string): string | null {
  for (const c of commits) if (c.at >= at) return c.sha;
  return null;
}

const uniq = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null))];

/** Red (tests only), then green (source, a behaviour-changing type), then an optional refactor. */
export function tddCycles(input: SessionInput): TddCycle[] {
  const ref = refOf(input);
  const out: TddCycle[] = [];
  const steps = input.commits
    .map((c) => ({ c, k: kindsOf(c.files.map((f) => f.path)) }))
    // Commits touching neither tests nor source (docs, config) do not break a cycle.
    .filter((x) => x.k.tests.length > 0 || x.k.sources.length > 0);
  for (let i = 0; i + 1 < steps.length; i++) {
    const red = steps[i]!;
    const green = steps[i + 1]!;
    if (red.k.tests.length === 0 || red.k.sources.length > 0) continue;
    if (green.k.sources.length === 0 || (green.c.type !== null && NOT_GREEN.has(green.c.type))) continue;
    const next = steps[i + 2];
    const refactor = next && next.c.type === 'refactor' && next.k.sources.length > 0 ? next : null;
    out.push({
      session: ref,
      red: red.c.sha,
      green: green.c.sha,
      refactor: refactor ? refactor.c.sha : null,
      tests: red.k.tests,
      sources: green.k.sources,
      at: green.c.at,
      commits: uniq([red.c.sha, green.c.sha, refactor ? refactor.c.sha : null]),
    });
    i += refactor ? 2 : 1;
  }
  return out;
}

export function patterns(inputs: readonly SessionInput[], now: string, w: Window | null = null): Patterns {
  const result: Patterns = {
    commits: 0,
    testedChanges: 0,
    untested: [],
    tddCycles: [],
    longPauses: [],
    blockers: [],
    reopened: [],
  };
  for (const input of inputs) {
    const ref = refOf(input);
    const s = input.state;
    const cycles = tddCycles(input).filter((c) => inWindow(c.at, w));
    result.tddCycles.push(...cycles);
    // A green or refactor step of a TDD cycle is tested by the cycle's red commit.
    const covered = new Set(cycles.flatMap((c) => [c.green, ...(c.refactor ? [c.refactor] : [])]));
    for (const c of input.commits) {
      if (!inWindow(c.at, w)) continue;
      result.commits++;
      const k = kindsOf(c.files.map((f) => f.path));
      if (k.sources.length === 0) continue;
      if (k.tests.length > 0) result.testedChanges++;
      else if (!covered.has(c.sha))
        result.untested.push({
          session: ref,
          sha: c.sha,
          subject: c.subject,
          at: c.at,
          sources: k.sources,
          commits: [c.sha],
        });
    }
    for (const g of gaps(clip(activityOf(input).intervals, w))) {
      const length = ms(g.from, g.to);
      if (length <= PAUSE_GAP_MS) continue;
      let before: string | null = null;
      for (const c of input.commits) if (c.at <= g.from) before = c.sha;
      const after = carrier(input.commits, g.to);
      result.longPauses.push({
        session: ref,
        from: g.from,
        to: g.to,
        ms: length,
        before,
        after,
        commits: uniq([before, after]),
      });
    }
    for (const b of s.blockers) {
      const until = b.resolvedAt ?? now;
      if (w !== null && !(b.openedAt < w.to && until >= w.from)) continue;
      result.blockers.push({
        session: ref,
        id: b.id,
        text: b.text,
        status: b.status,
        openedAt: b.openedAt,
        resolvedAt: b.resolvedAt,
        openMs: ms(b.openedAt, until),
        commits: uniq([carrier(input.commits, b.openedAt), b.resolvedAt ? carrier(input.commits, b.resolvedAt) : null]),
      });
    }
    for (const o of s.objectives) {
      if (o.reopened === 0 || !inWindow(o.updatedAt, w)) continue;
      result.reopened.push({
        session: ref,
        id: o.id,
        text: o.text,
        status: o.status,
        reopened: o.reopened,
        commits: uniq([carrier(input.commits, o.createdAt), carrier(input.commits, o.updatedAt)]),
      });
    }
  }
  result.blockers.sort((a, b) => b.openMs - a.openMs || (a.openedAt < b.openedAt ? -1 : 1));
  result.longPauses.sort((a, b) => b.ms - a.ms || (a.from < b.from ? -1 : 1));
  return result;
}
