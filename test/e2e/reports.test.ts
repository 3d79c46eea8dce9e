// history, analyze, compare and report on a scripted repository whose answers are known: every
// event and commit time is pinned (GIT_SESSION_NOW, GIT_AUTHOR_DATE, GIT_COMMITTER_DATE, TZ=UTC).
// The same figures are then read from a fresh clone that has nothing but the history.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cleanupAll, makeRepo, TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const H = 3_600_000;
const M = 60_000;

/** Commit the files at a pinned time; returns the sha. */
function commitAt(r: TestRepo, at: string, message: string, files: Record<string, string>): string {
  for (const [p, c] of Object.entries(files)) r.write(p, c);
  r.git(['add', '--', ...Object.keys(files)]);
  r.git(['commit', '-q', '-m', message], { env: { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } });
  return r.head();
}

/** Run git-session with the clock pinned. */
function gsAt(r: TestRepo, at: string, args: string[]): void {
  r.ok(args, { env: { GIT_SESSION_NOW: at, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } });
}

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i}`).join('\n') + '\n';

// 2026-01-05 is the Monday of ISO week 2026-W02.
const NOW = '2026-01-20T12:00:00Z';

describe('reports on a scripted repository', () => {
  let r: TestRepo;
  let clone: TestRepo;
  const c: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(() => {
    r = makeRepo({ env: { GIT_AUTHOR_DATE: '2026-01-01T08:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T08:00:00Z' } });
    r.ok(['init']);
    r.git(['add', '.session']);
    r.git(['commit', '-q', '-m', 'chore: session context']);

    // Session A "oauth": a TDD cycle, a night's pause, a blocker open for a day, an untested change.
    gsAt(r, '2026-01-05T09:00:00Z', [
      'start',
      'feature/oauth',
      '--name',
      'oauth',
      '-o',
      'Google login',
      '-o',
      'GitHub login',
    ]);
    const a = r.json(['status']);
    id.a = a.id;
    const [google, github] = a.objectives;
    gsAt(r, '2026-01-05T09:30:00Z', ['decisions', 'add', 'Use PKCE', '--rationale', 'protects the code']);
    gsAt(r, '2026-01-05T09:30:00Z', ['blockers', 'add', 'Waiting on API keys']);
    c.c1 = commitAt(r, '2026-01-05T09:30:00Z', 'test(auth): google login', { 'test/google.test.ts': lines(3, 't') });
    c.c2 = commitAt(r, '2026-01-05T10:00:00Z', 'feat(auth): google provider', { 'src/google.ts': lines(10, 'g') });
    gsAt(r, '2026-01-05T10:30:00Z', ['objectives', 'complete', google.id]);
    c.c3 = commitAt(r, '2026-01-05T10:30:00Z', 'refactor(auth): extract the client', {
      'src/client.ts': lines(4, 'c'),
      'src/google.ts': `${lines(8, 'g')}changed\n`,
    });
    gsAt(r, '2026-01-05T11:00:00Z', ['pause', '--note', 'end of day']);
    gsAt(r, '2026-01-06T09:00:00Z', ['resume', 'oauth']);
    const blocker = a.blockers.length > 0 ? a.blockers[0].id : r.json(['blockers', 'list'])[0].id;
    gsAt(r, '2026-01-06T09:30:00Z', ['blockers', 'resolve', blocker, '--note', 'keys arrived']);
    c.c4 = commitAt(r, '2026-01-06T09:30:00Z', 'feat(auth): github provider', { 'src/github.ts': lines(6, 'h') });
    gsAt(r, '2026-01-06T10:00:00Z', ['objectives', 'complete', github.id]);
    // An ended session's branch no longer carries it: its last commit is the one `end --commit` makes.
    r.write('docs/oauth.md', lines(2, 'd'));
    r.git(['add', 'docs/oauth.md']);
    gsAt(r, '2026-01-06T10:00:00Z', ['end', '--summary', 'OAuth done', '--commit']);
    c.c5 = r.head();

    // Session B "crash": a tested fix, an untested one touching A's file, an objective reopened.
    gsAt(r, '2026-01-07T14:00:00Z', ['start', 'fix/crash', '--name', 'crash', '-o', 'Fix the crash']);
    const b = r.json(['status']);
    id.b = b.id;
    gsAt(r, '2026-01-07T14:30:00Z', ['decisions', 'add', 'Guard against null']);
    c.c6 = commitAt(r, '2026-01-07T14:30:00Z', 'fix: guard null', {
      'src/crash.ts': lines(2, 'x'),
      'test/crash.test.ts': lines(2, 'y'),
    });
    gsAt(r, '2026-01-07T15:00:00Z', ['objectives', 'complete', b.objectives[0].id]);
    c.c7 = commitAt(r, '2026-01-07T15:00:00Z', 'fix: handle empty input', {
      'src/crash.ts': 'x 0\nx 1 changed\n',
      'src/google.ts': `${lines(8, 'g')}changed\nmore\n`,
    });
    gsAt(r, '2026-01-07T15:30:00Z', ['objectives', 'reopen', b.objectives[0].id]);
    c.c8 = commitAt(r, '2026-01-07T15:30:00Z', 'test: crash regression', { 'test/crash.test.ts': lines(5, 'y') });
    gsAt(r, '2026-01-07T16:00:00Z', ['pause']);

    // Session C "guide", the week after: a checkpoint, then done.
    gsAt(r, '2026-01-12T09:00:00Z', ['start', 'docs/guide', '--name', 'guide', '-o', 'Write the guide']);
    const g = r.json(['status']);
    id.c = g.id;
    r.write('docs/guide.md', lines(5, 'u'));
    r.git(['add', 'docs/guide.md']);
    gsAt(r, '2026-01-12T09:30:00Z', ['checkpoint', '--label', 'guide-draft', '-m', 'guide draft']);
    c.c9 = r.head();
    gsAt(r, '2026-01-12T10:00:00Z', ['objectives', 'complete', g.objectives[0].id]);
    r.write('docs/guide.md', `${lines(4, 'u')}end\nfin\n`);
    r.git(['add', 'docs/guide.md']);
    gsAt(r, '2026-01-12T10:00:00Z', ['end', '--commit']);
    c.c10 = r.head();

    const bare = join(tempDir(), 'origin.git');
    r.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    r.git(['remote', 'add', 'origin', bare]);
    // --no-verify: no session refs go (the pre-push hook), so the clone has the history alone.
    r.git(['push', '-q', '--no-verify', 'origin', 'main', 'feature/oauth', 'fix/crash', 'docs/guide']);
    const dir = join(tempDir(), 'clone');
    mkdirSync(dir);
    clone = new TestRepo(dir, baseEnv(join(tempDir(), 'home')));
    clone.git(['clone', '-q', bare, '.']);
    clone.git(['config', 'user.email', 'lead@example.com']);
  });

  const at = { env: { GIT_SESSION_NOW: NOW } };
  const byName = (rows: any[], name: string) => rows.find((x) => x.name === name);

  it('history: newest first, with exact figures from the journal', () => {
    const rows = r.json(['history'], at);
    expect(rows.map((x: any) => x.name)).toEqual(['guide', 'crash', 'oauth']);
    expect(byName(rows, 'oauth')).toEqual({
      id: id.a,
      name: 'oauth',
      title: 'Google login',
      branch: 'feature/oauth',
      status: 'completed',
      authors: ['dev@example.com'],
      start: '2026-01-05T09:00:00.000Z',
      end: '2026-01-06T10:00:00.000Z',
      durationMs: 25 * H,
      activeMs: 3 * H,
      activeBasis: 'journal',
      commits: 5,
      filesChanged: 5,
      linesAdded: 3 + 10 + 4 + 1 + 6 + 2,
      linesRemoved: 2,
      objectivesDone: 2,
      objectivesTotal: 2,
      decisions: 1,
      blockersOpened: 1,
      blockersResolved: 1,
      checkpoints: 0,
      pauses: 1,
    });
    expect(byName(rows, 'crash')).toMatchObject({
      status: 'paused',
      durationMs: 2 * H,
      activeMs: 2 * H,
      commits: 3,
      filesChanged: 3,
      linesAdded: 2 + 2 + 1 + 1 + 3,
      linesRemoved: 1,
      objectivesDone: 0,
      objectivesTotal: 1,
      decisions: 1,
      blockersOpened: 0,
    });
    expect(byName(rows, 'guide')).toMatchObject({ activeMs: 1 * H, commits: 2, checkpoints: 1, objectivesDone: 1 });
  });

  it('history: --count, --since, --author and the text form', () => {
    expect(r.json(['history', '--count', '1'], at).map((x: any) => x.name)).toEqual(['guide']);
    expect(r.json(['history', '--since', '2026-01-07'], at).map((x: any) => x.name)).toEqual(['guide', 'crash']);
    expect(r.json(['history', '--author', 'someone@else.org'], at)).toEqual([]);
    expect(r.json(['history', '--author', 'DEV@example.com'], at)).toHaveLength(3);
    const text = r.ok(['history', '--metrics'], at).stdout;
    expect(text).toContain(
      'oauth  ✓ completed  2026-01-05 09:00 → 2026-01-06 10:00  1d 1h (active 3h)  5 commits  +26 -2  objectives 2/2',
    );
    expect(text).toContain('blockers 1 opened, 1 resolved');
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('analyze: patterns name their commits', () => {
    const a = r.json(['analyze', '--patterns'], at);
    expect(a.velocity).toBeUndefined();
    const p = a.patterns;
    expect(p.commits).toBe(10);
    expect(p.testedChanges).toBe(1);
    expect(p.untested.map((u: any) => u.sha)).toEqual([c.c4, c.c7]);
    expect(p.untested[1].sources).toEqual(['src/crash.ts', 'src/google.ts']);
    expect(p.tddCycles.map((x: any) => [x.red, x.green, x.refactor])).toEqual([[c.c1, c.c2, c.c3]]);
    expect(p.longPauses).toEqual([
      {
        session: { id: id.a, name: 'oauth' },
        from: '2026-01-05T11:00:00.000Z',
        to: '2026-01-06T09:00:00.000Z',
        ms: 22 * H,
        before: c.c3,
        after: c.c4,
        commits: [c.c3, c.c4],
      },
    ]);
    expect(p.blockers).toHaveLength(1);
    expect(p.blockers[0]).toMatchObject({ text: 'Waiting on API keys', openMs: 24 * H, commits: [c.c1, c.c4] });
    expect(p.reopened).toHaveLength(1);
    expect(p.reopened[0]).toMatchObject({ text: 'Fix the crash', reopened: 1, status: 'open', commits: [c.c6, c.c8] });
  });

  it('analyze: velocity overall and per session', () => {
    const all = r.json(['analyze', '--velocity'], at).velocity;
    expect(all).toMatchObject({
      activeMs: 6 * H,
      activeDays: 4,
      commits: 10,
      objectivesCompleted: 3,
      commitsPerActiveHour: 1.67,
      objectivesPerActiveHour: 0.5,
      commitsPerDay: 2.5,
      objectivesPerDay: 0.75,
    });
    expect(all.daily.map((d: any) => [d.day, d.commits, d.objectivesCompleted, d.activeMs])).toEqual([
      ['2026-01-05', 3, 1, 2 * H],
      ['2026-01-06', 2, 1, 1 * H],
      ['2026-01-07', 3, 0, 2 * H],
      ['2026-01-12', 2, 1, 1 * H],
    ]);
    const one = r.json(['analyze', '--session', 'oauth'], at);
    expect(one.session).toEqual({ id: id.a, name: 'oauth' });
    expect(one.velocity).toMatchObject({
      commitsPerActiveHour: 1.67,
      objectivesPerActiveHour: 0.67,
      commitsPerDay: 2.5,
    });
    expect(one.patterns.untested.map((u: any) => u.sha)).toEqual([c.c4]);
    const text = r.ok(['analyze'], at).stdout;
    expect(text).toContain(`red ${c.c1!.slice(0, 8)} → green ${c.c2!.slice(0, 8)} → refactor ${c.c3!.slice(0, 8)}`);
  });

  it('compare: side by side with the files both changed', () => {
    const x = r.json(['compare', 'oauth', 'crash'], at);
    expect(x.a.metrics.name).toBe('oauth');
    expect(x.b.metrics.activeMs).toBe(2 * H);
    expect(x.overlap).toEqual({ shared: ['src/google.ts'], onlyA: 4, onlyB: 2, ratio: 0.14 });
    expect(x.a.velocity.commitsPerActiveHour).toBe(1.67);
    const text = r.ok(['compare', 'oauth', 'crash'], at).stdout;
    expect(text).toMatch(/^active\s+3h\s+2h$/m);
    expect(text).toContain('Files both changed  1');
  });

  it('report --weekly: only the sessions of the week, figures inside the week', () => {
    const w = r.json(['report', '--weekly', '--week', '2026-W02'], at);
    expect([w.kind, w.week, w.from, w.to]).toEqual([
      'weekly',
      '2026-W02',
      '2026-01-05T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
    expect(w.sessions.map((s: any) => s.name)).toEqual(['oauth', 'crash']);
    expect(w.totals).toEqual({
      sessions: 2,
      commits: 8,
      filesChanged: 7,
      linesAdded: 26 + 9,
      linesRemoved: 3,
      activeMs: 5 * H,
      objectivesDone: 2,
      objectivesTotal: 3,
      decisions: 2,
      blockersOpened: 1,
      blockersResolved: 1,
    });
    expect(byName(w.sessions, 'oauth').completed.map((o: any) => o.text)).toEqual(['Google login', 'GitHub login']);
    const next = r.json(['report', '--week', '2026-W03'], at);
    expect(next.sessions.map((s: any) => s.name)).toEqual(['guide']);
    // Without --week: the week of now.
    expect(r.json(['report', '--weekly'], { env: { GIT_SESSION_NOW: '2026-01-08T12:00:00Z' } }).week).toBe('2026-W02');
    const md = r.ok(['report', '--weekly', '--week', '2026-W02'], at).stdout;
    expect(md).toContain('# Week 2026-W02 (2026-01-05 to 2026-01-11)');
    expect(md).toContain('| oauth | completed | 3h | 5 | +26 −2 | 2/2 | 1 | 1/1 |');
    expect(md).toContain('- Use PKCE — protects the code');
    expect(md).toContain(`- TDD cycles: 1 (\`${c.c1!.slice(0, 8)}\` → \`${c.c2!.slice(0, 8)}\`)`);
  });

  it('report --project as JSON, Markdown and a self-contained HTML file', () => {
    const p = r.json(['report', '--project'], at);
    expect(p.sessions.map((s: any) => s.name)).toEqual(['oauth', 'crash', 'guide']);
    expect(p.totals).toMatchObject({
      sessions: 3,
      commits: 10,
      objectivesDone: 3,
      objectivesTotal: 4,
      activeMs: 6 * H,
    });
    const out = join(tempDir(), 'report.html');
    const w = r.json(['report', '--project', '--format', 'html', '--output', out], at);
    expect(w).toMatchObject({ path: out, format: 'html', sessions: 3 });
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<g class="lane" data-lane="/g)).toHaveLength(3);
    expect(html).toContain('guide-draft');
    expect(html).not.toMatch(/https?:|src=|href=/);
  });

  it('refuses wrong command lines with exit 2 and unknown sessions with exit 1', () => {
    const none = r.gs(['report']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^git-session: which report\? — git session report --weekly/);
    expect(r.gs(['report', '--weekly', '--project']).code).toBe(2);
    expect(r.gs(['report', '--week', '2026-W54']).code).toBe(2);
    expect(r.gs(['report', '--project', '--format', 'pdf']).code).toBe(2);
    expect(r.gs(['history', '--since', 'the day the music died']).code).toBe(2);
    const unknown = r.gs(['compare', 'oauth', 'nope', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe('unknown-session');
  });

  describe('from the history alone, on a fresh clone', () => {
    beforeAll(() => {
      clone.ok(['init']);
    });

    it('init read the history: the figures history carries', () => {
      const here = r.json(['history'], at);
      const there = clone.json(['history'], at);
      const carried = (x: any) => {
        const { start, end, durationMs, activeMs, activeBasis, status, pauses, authors, ...rest } = x;
        return rest;
      };
      expect(there.map(carried)).toEqual(here.map(carried));
      // Without the journal's clock, active time is estimated from commit times (gaps up to 2h).
      expect(byName(there, 'oauth')).toMatchObject({
        activeBasis: 'commits',
        start: '2026-01-05T09:30:00.000Z',
        durationMs: 24 * H + 30 * M,
        activeMs: 1 * H + 30 * M,
        pauses: 1,
      });
      expect(byName(there, 'crash')).toMatchObject({ activeMs: 1 * H, activeBasis: 'commits' });
    });

    it('finds the same patterns and the same weekly figures', () => {
      const here = r.json(['analyze', '--patterns'], at).patterns;
      const there = clone.json(['analyze', '--patterns'], at).patterns;
      for (const k of ['commits', 'testedChanges', 'untested', 'tddCycles', 'blockers', 'reopened'])
        expect(there[k]).toEqual(here[k]);
      expect(there.longPauses[0]).toMatchObject({ ms: 23 * H, before: c.c3, after: c.c4 });
      const w = clone.json(['report', '--weekly', '--week', '2026-W02'], at);
      expect(w.totals).toMatchObject({ sessions: 2, commits: 8, filesChanged: 7, objectivesDone: 2, decisions: 2 });
      expect(clone.json(['compare', 'oauth', 'crash'], at).overlap.shared).toEqual(['src/google.ts']);
    });
  });
});
