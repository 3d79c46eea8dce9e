import { describe, expect, it } from 'vitest';
import { compareSessions } from '../../src/analytics/compare.js';
import { sessionMetrics, totals } from '../../src/analytics/metrics.js';
import { patterns, tddCycles } from '../../src/analytics/patterns.js';
import { buildReport } from '../../src/analytics/report.js';
import { velocity } from '../../src/analytics/velocity.js';
import { layoutTimeline } from '../../src/render/timeline.js';
import { SID2 } from '../helpers/events.js';
import { commit, input, started, T } from './fixtures.js';

const H = 3_600_000;
const NOW = T(20, 12);

// oauth: a TDD cycle (red c1, green c2, refactor c3), a 22-hour pause, an untested change (c4).
const c1 = commit(T(5, 9, 30), { 'test/google.test.ts': [3, 0] }, 'test(auth): google');
const c2 = commit(T(5, 10), { 'src/google.ts': [10, 0] }, 'feat(auth): google');
const c3 = commit(T(5, 10, 30), { 'src/client.ts': [4, 0], 'src/google.ts': [1, 2] }, 'refactor: client');
const c4 = commit(T(6, 9, 30), { 'src/github.ts': [6, 0], 'logo.png': null }, 'feat(auth): github');
const c5 = commit(T(6, 10), { 'docs/oauth.md': [2, 0] }, 'docs: notes');
const oauth = input(
  [
    [T(5, 9), started],
    [T(5, 9), { type: 'objective.added', objective: 'obj-aaaa', text: 'Google' }],
    [T(5, 9), { type: 'objective.added', objective: 'obj-bbbb', text: 'GitHub' }],
    [T(5, 9, 30), { type: 'decision.recorded', decision: 'dec-aaaa', text: 'PKCE' }],
    [T(5, 9, 30), { type: 'blocker.added', blocker: 'blk-aaaa', text: 'keys' }],
    [T(5, 10, 30), { type: 'objective.completed', objective: 'obj-aaaa' }],
    [T(5, 11), { type: 'session.paused' }],
    [T(6, 9), { type: 'session.resumed' }],
    [T(6, 9, 30), { type: 'blocker.resolved', blocker: 'blk-aaaa' }],
    [T(6, 10), { type: 'objective.completed', objective: 'obj-bbbb' }],
    [T(6, 10), { type: 'session.completed' }],
  ],
  [c1, c2, c3, c4, c5],
  [
    { from: T(5, 9), to: T(5, 11) },
    { from: T(6, 9), to: T(6, 10) },
  ],
);

// crash: history only (no journal clock), shares src/google.ts with oauth, an objective reopened.
const d1 = commit(T(7, 14, 30), { 'src/crash.ts': [2, 0], 'test/crash.test.ts': [2, 0] }, 'fix: guard');
const d2 = commit(T(7, 15), { 'src/crash.ts': [1, 1], 'src/google.ts': [1, 0] }, 'fix: empty input');
const crash = input(
  [
    [T(7, 14, 30), { type: 'session.info', name: 'crash', branch: 'fix/crash' }],
    [T(7, 14, 30), { type: 'objective.added', objective: 'obj-cccc', text: 'Fix it' }],
    [T(7, 15), { type: 'objective.completed', objective: 'obj-cccc' }],
    [T(7, 15, 30), { type: 'objective.reopened', objective: 'obj-cccc' }],
  ],
  [d1, d2],
  [],
  SID2,
);

describe('session figures', () => {
  it('counts a session over its whole life', () => {
    expect(sessionMetrics(oauth, NOW)).toMatchObject({
      name: 'oauth',
      status: 'completed',
      start: T(5, 9),
      end: T(6, 10),
      durationMs: 25 * H,
      activeMs: 3 * H,
      activeBasis: 'journal',
      commits: 5,
      filesChanged: 6,
      linesAdded: 26,
      linesRemoved: 2,
      objectivesDone: 2,
      objectivesTotal: 2,
      decisions: 1,
      blockersOpened: 1,
      blockersResolved: 1,
      pauses: 1,
    });
  });

  it('estimates active time from commits when only history is known', () => {
    expect(sessionMetrics(crash, NOW)).toMatchObject({
      activeBasis: 'commits',
      activeMs: 0.5 * H,
      start: T(7, 14, 30),
      end: T(7, 15, 30),
      objectivesDone: 0,
    });
  });

  it('counts inside a window only what happened in it', () => {
    const day6 = { from: T(6, 0), to: T(7, 0) };
    expect(sessionMetrics(oauth, NOW, day6)).toMatchObject({
      start: T(6, 0),
      end: T(6, 10),
      activeMs: 1 * H,
      commits: 2,
      linesAdded: 8,
      objectivesDone: 1,
      objectivesTotal: 2,
      decisions: 0,
      blockersOpened: 0,
      blockersResolved: 1,
      pauses: 0,
    });
  });

  it('totals count a shared file once', () => {
    const rows = [oauth, crash].map((i) => sessionMetrics(i, NOW));
    expect(totals([oauth, crash], rows, null)).toMatchObject({ commits: 7, filesChanged: 8, linesAdded: 32 });
  });
});

describe('velocity', () => {
  it('per active hour, per active day and day by day', () => {
    const v = velocity([oauth, crash]);
    expect(v).toMatchObject({
      activeMs: 3.5 * H,
      activeDays: 3,
      commits: 7,
      objectivesCompleted: 2,
      commitsPerActiveHour: 2,
      objectivesPerActiveHour: 0.57,
      commitsPerDay: 2.33,
      objectivesPerDay: 0.67,
    });
    expect(v.daily).toEqual([
      { day: '2026-01-05', commits: 3, objectivesCompleted: 1, activeMs: 2 * H },
      { day: '2026-01-06', commits: 2, objectivesCompleted: 1, activeMs: 1 * H },
      { day: '2026-01-07', commits: 2, objectivesCompleted: 0, activeMs: 0.5 * H },
    ]);
  });

  it('has no rate without active time', () => {
    expect(velocity([])).toMatchObject({ commitsPerActiveHour: null, commitsPerDay: null, activeDays: 0 });
  });
});

describe('patterns', () => {
  it('finds red, green and refactor', () => {
    expect(tddCycles(oauth).map((c) => [c.red, c.green, c.refactor])).toEqual([[c1.sha, c2.sha, c3.sha]]);
  });

  it('does not take a test-only commit followed by docs or a test commit as a cycle', () => {
    const x = input(
      [[T(5, 9), started]],
      [
        commit(T(5, 9), { 'test/a.test.ts': [1, 0] }, 'test: a'),
        commit(T(5, 9, 5), { 'README.md': [1, 0] }, 'docs: a'),
        commit(T(5, 9, 10), { 'src/a.ts': [1, 0] }, 'chore: a'),
      ],
    );
    expect(tddCycles(x)).toEqual([]);
    // docs in between do not break a cycle; a non-conventional subject can be green
    const y = input(
      [[T(5, 9), started]],
      [
        commit(T(5, 9), { 'test/a.test.ts': [1, 0] }, 'add a failing test'),
        commit(T(5, 9, 5), { 'README.md': [1, 0] }, 'docs: a'),
        commit(T(5, 9, 10), { 'src/a.ts': [1, 0] }, 'make it pass'),
      ],
    );
    expect(tddCycles(y)).toHaveLength(1);
  });

  it('names the commits of every finding', () => {
    const p = patterns([oauth, crash], NOW);
    expect(p.commits).toBe(7);
    expect(p.testedChanges).toBe(1);
    // c2 and c3 are covered by the cycle's red commit; c4 and d2 are not.
    expect(p.untested.map((u) => u.sha)).toEqual([c4.sha, d2.sha]);
    expect(p.longPauses).toEqual([
      {
        session: { id: oauth.state.id, name: 'oauth' },
        from: T(5, 11),
        to: T(6, 9),
        ms: 22 * H,
        before: c3.sha,
        after: c4.sha,
        commits: [c3.sha, c4.sha],
      },
    ]);
    expect(p.blockers.map((b) => [b.id, b.openMs, b.commits])).toEqual([['blk-aaaa', 24 * H, [c1.sha, c4.sha]]]);
    expect(p.reopened.map((o) => [o.id, o.reopened, o.commits])).toEqual([['obj-cccc', 1, [d1.sha]]]);
  });
});

describe('compare and report', () => {
  it('compares two sessions and their files', () => {
    const c = compareSessions(oauth, crash, NOW);
    expect(c.overlap).toEqual({ shared: ['src/google.ts'], onlyA: 5, onlyB: 2, ratio: 0.13 });
    expect(c.a.velocity.commitsPerActiveHour).toBe(1.67);
    expect(c.b.velocity.commitsPerActiveHour).toBe(4);
  });

  it('a weekly report covers the sessions active in the week, oldest first', () => {
    const week = { label: '2026-W02', from: T(5, 0), to: T(12, 0) };
    const r = buildReport([crash, oauth], NOW, 'weekly', week);
    expect(r.sessions.map((s) => s.name)).toEqual(['oauth', 'crash']);
    expect(r.totals.objectivesDone).toBe(2);
    const next = buildReport([crash, oauth], NOW, 'weekly', { label: '2026-W03', from: T(12, 0), to: T(19, 0) });
    expect(next.sessions).toEqual([]);
    const project = buildReport([crash, oauth], NOW, 'project', null);
    expect([project.from, project.to]).toEqual([T(5, 9), T(7, 15, 30)]);
  });
});

describe('timeline layout', () => {
  it('one lane per session with bars, gaps, marks, points and a step line', () => {
    const t = layoutTimeline([oauth, crash], { from: T(5, 0), to: T(8, 0) }, NOW, 1200);
    expect(t.lanes).toHaveLength(2);
    const [a, b] = t.lanes;
    expect(a!.active).toHaveLength(2);
    expect(a!.pauses).toHaveLength(1);
    expect(a!.marks.reduce((n, m) => n + m.count, 0)).toBe(5);
    expect(a!.points.map((p) => [p.kind, p.label])).toEqual([['decision', 'PKCE']]);
    // Two completions: the step line climbs twice from the bottom to the top of the lane.
    const ys = [...new Set(a!.steps.map((s) => s.y))];
    expect(ys).toHaveLength(3);
    expect(ys[0]).toBeGreaterThan(ys[2]!);
    expect(b!.y).toBe(a!.y + a!.height);
    // Commits in the same pixel column become one mark with a count.
    const dense = layoutTimeline([oauth], { from: T(1, 0), to: T(28, 0) }, NOW, 300);
    expect(dense.lanes[0]!.marks.reduce((n, m) => n + m.count, 0)).toBe(5);
    expect(dense.lanes[0]!.marks.length).toBeLessThan(5);
    // Ticks stay inside the plot.
    for (const k of t.ticks) expect(k.x).toBeGreaterThanOrEqual(t.left);
  });
});
