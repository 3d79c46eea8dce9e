// Each seed's own files, as its users have them, read into the neutral model: what is there comes
// out, in the right place, with the ids git-session can use, the same on every read.

import { describe, expect, it } from 'vitest';
import { isEntryId, isItemId, isSessionId } from '../../src/core/ids.js';
import type { ImportedSession, ImportResult, SeedFormat, SourceFile } from '../../src/import/model.js';
import { parseAllSeeds, parseSeedFiles, seedFormatOf } from '../../src/import/parse.js';
import { file, loadSeed } from './fixtures.js';

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

function byKey(r: ImportResult, key: string): ImportedSession {
  const s = r.sessions.find((x) => x.key === key);
  if (!s) throw new Error(`no session ${key} in ${r.sessions.map((x) => x.key).join(', ')}`);
  return s;
}

/** What every result must hold, whatever the seed. */
function checkShape(r: ImportResult): void {
  const sessionIds = new Set<string>();
  for (const s of r.sessions) {
    expect(isSessionId(s.sessionId), s.sessionId).toBe(true);
    expect(sessionIds.has(s.sessionId)).toBe(false);
    sessionIds.add(s.sessionId);
    expect(s.name).toMatch(NAME_RE);
    expect(s.name.length).toBeLessThanOrEqual(64);
    expect(s.name).not.toContain('..');
    const ids = [
      ...s.objectives.map((o) => o.id),
      ...s.decisions.map((d) => d.id),
      ...s.blockers.map((b) => b.id),
      ...s.discoveries.map((e) => e.id),
      ...s.nextSteps.map((e) => e.id),
      ...s.journal.map((e) => e.id),
      ...s.checkpoints.map((c) => c.id),
      ...s.criteria.map((c) => c.id),
      ...s.agents.map((a) => a.id),
      ...s.waves.map((w) => w.id),
      ...s.notes.map((n) => n.id),
    ];
    expect(new Set(ids).size, `ids of ${s.key} are unique`).toBe(ids.length);
    for (const o of [...s.objectives, ...s.decisions, ...s.blockers]) expect(isItemId(o.id), o.id).toBe(true);
    for (const e of [...s.discoveries, ...s.nextSteps, ...s.journal, ...s.checkpoints])
      expect(isEntryId(e.id), e.id).toBe(true);
    for (const t of [s.created, s.updated, s.ended, ...s.journal.map((j) => j.at)])
      if (t !== null) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
}

function parse(format: SeedFormat, files: SourceFile[]): ImportResult {
  const r = parseSeedFiles(format, files);
  checkShape(r);
  // Deterministic: again, and with the files in another order, the very same value.
  expect(parseSeedFiles(format, [...files].reverse())).toEqual(r);
  return r;
}

describe('seed 003: .sessions/active|archive with journals', () => {
  const files = loadSeed('003');
  // Seed 003 names entries by their ISO time with colons; the fixture folder holds the `-` form.
  files.push(
    file(
      '.sessions/journal/019abc12-3456-7def-8901-234567890abc/entries/2025-01-17T09:00:00.md',
      'Regression test drafted; fails before the fix, passes after.\n',
    ),
  );
  const r = parse('sessions-dir', files);

  it('reads every session file, with nothing to warn about or skip', () => {
    expect(r.warnings).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.sessions.map((s) => [s.name, s.status])).toEqual([
      ['docs-lock-ordering', 'paused'],
      ['fix-sweep-bug', 'active'],
      ['auth-refactor', 'abandoned'],
      ['implement-rbf', 'completed'],
    ]);
  });

  it("keeps the seed's own UUIDv7 as the session id, and its frontmatter", () => {
    const s = byKey(r, '019abc12-3456-7def-8901-234567890abc');
    expect(s.sessionId).toBe('019abc12-3456-7def-8901-234567890abc');
    expect(s).toMatchObject({
      title: 'Fix Sweep Trigger Bug',
      branch: 'fix/sweep-trigger',
      created: '2025-01-15T10:00:00.000Z',
      // progress.md was written after the session file: its last_updated is the later one.
      updated: '2025-01-17T14:35:00.000Z',
      compactions: 2,
      tasks: ['019def45-6789-7abc-0123-456789abcdef'],
    });
    expect(s.handoff).toMatch(/^Fixing race condition in sweep trigger/);
    expect(s.context).toContain('Lock ordering: chain_watcher -> sweeper (not reverse!)');
    expect(s.notes.find((n) => n.heading === 'frontmatter: git_last_commit')?.text).toBe('abc123f');
  });

  it('reads progress as objectives: the goal first, done ones done, the CURRENT one under way', () => {
    const s = byKey(r, '019abc12-3456-7def-8901-234567890abc');
    expect(s.objectives.map((o) => [o.text, o.status, o.at])).toEqual([
      ['Fix race condition causing intermittent sweep failures', 'open', null],
      ['Reproduce bug in test', 'done', '2025-01-15T10:30:00.000Z'],
      ['Identify root cause', 'done', '2025-01-15T11:00:00.000Z'],
      ['Draft fix approach', 'done', '2025-01-15T12:00:00.000Z'],
      ['Implement fix', 'in-progress', null],
      ['Add regression test', 'open', null],
    ]);
    const f = '.sessions/active/fix-sweep-bug-019abc12-3456-7def-8901-234567890abc.md';
    expect(s.objectives[4]).toMatchObject({ file: f, line: 43 });
  });

  it('reads decisions with context, options and rationale, discoveries with their times, blockers open and resolved', () => {
    const s = byKey(r, '019abc12-3456-7def-8901-234567890abc');
    expect(s.decisions[0]).toMatchObject({
      text: 'Lock before check',
      title: 'Lock-first approach',
      rationale: 'Simplest fix, performance impact minimal',
      alternatives: '(1) Lock before check, (2) Atomic state, (3) Separate mutex',
      context: 'Need to fix race without major refactor',
      at: '2025-01-15T12:15:00.000Z',
      line: 49,
    });
    expect(s.decisions).toHaveLength(2);
    expect(s.discoveries.map((d) => [d.title, d.at])).toEqual([
      ['Lock ordering', '2025-01-15T13:00:00.000Z'],
      ['Flaky itest', '2025-01-16T10:05:00.000Z'],
    ]);
    expect(s.discoveries[0]!.text).toBe(
      'Lock ordering: chain_watcher must acquire\nlock before sweeper to avoid deadlock. Document this!',
    );
    expect(s.blockers.map((b) => [b.text, b.status, b.resolution])).toEqual([
      ['Waiting on itest harness fix from @yyforyongyu', 'resolved', 'merged in #8712'],
      ['CI runner out of disk on the darwin builder', 'open', null],
    ]);
    expect(s.nextSteps.map((n) => n.text)).toEqual([
      'Complete mutex implementation in sweeper.go',
      'Add regression test',
      'Document lock ordering in CONTRIBUTING.md',
    ]);
  });

  it('reads the journal: entries in time order (colon and dash names), and only what progress.md alone holds', () => {
    const s = byKey(r, '019abc12-3456-7def-8901-234567890abc');
    expect(s.journal.map((j) => [j.at, j.kind, j.title])).toEqual([
      ['2025-01-15T12:20:00.000Z', 'checkpoint', null],
      ['2025-01-16T18:02:11.000Z', 'checkpoint', 'Pre-compaction checkpoint #2'],
      ['2025-01-17T09:00:00.000Z', 'checkpoint', null],
    ]);
    expect(s.journal[1]!.text).toBe(
      'Mutex wrapper in place; `go test ./sweep/...` green. Regression test not written yet.',
    );
    expect(s.notes.map((n) => n.heading)).toEqual([
      'frontmatter: git_last_commit',
      'Files Modified This Session',
      'Resume Commands',
      'Current Position',
    ]);
    expect(s.sources).toHaveLength(5);
  });

  it('reads the close: summary and the goal met for a completed session, the reason for an abandoned one', () => {
    const done = byKey(r, '0193f1a2-7c4d-7e21-9a10-5b6c7d8e9f01');
    expect(done.summary).toBe('Fee bumping by RBF for stuck sweeps, with unit tests; merged in #8650.');
    expect(done.ended).toBe('2025-01-10T18:00:00.000Z');
    expect(done.objectives.every((o) => o.status === 'done')).toBe(true);
    expect(done.blockers).toEqual([]);
    expect(done.nextSteps).toEqual([]);
    const gone = byKey(r, '0192aa00-0000-7000-8000-00000000beef');
    expect(gone.abandonReason).toBe('Requirements changed, new approach needed');
    expect(gone.objectives.map((o) => o.status)).toEqual(['done', 'open', 'open']);
    const paused = byKey(r, '0194b2c3-d4e5-7f60-8a1b-2c3d4e5f6a7b');
    expect(paused.pauseNote).toBe('Switching to urgent bug');
    expect(paused.decisions).toEqual([]);
  });

  it('warns about a journal that belongs to no session, and a session without a status', () => {
    const r2 = parseSeedFiles('sessions-dir', [
      file('.sessions/journal/01900000-0000-7000-8000-000000000000/progress.md', '# Quick Resume: gone\n'),
      file('.sessions/archive/old-thing.md', '# Session: Old thing\n'),
    ]);
    expect(r2.sessions.map((s) => [s.title, s.status])).toEqual([['Old thing', 'completed']]);
    expect(r2.warnings.map((w) => w.message)).toEqual([
      'no status: imported as completed (the session is in archive/)',
      'journal 01900000-0000-7000-8000-000000000000 belongs to no session file in .sessions/active or .sessions/archive: not imported',
    ]);
  });
});

describe('seed 002: .agents/sessions/YYYYMMDD-HHMMSS-name.md', () => {
  const r = parse('agents', loadSeed('002'));
  const s = byKey(r, '20251204-143000-weather-fallback');

  it('reads the frontmatter: title, status, times, issue, current task, spawned agents', () => {
    expect(r.warnings).toEqual([]);
    expect(s).toMatchObject({
      title: 'Weather provider fallback when OpenWeather is down',
      name: 'weather-fallback',
      status: 'active',
      statusText: 'in_progress',
      created: '2025-12-04T14:30:00.000Z',
      updated: '2025-12-06T09:12:00.000Z',
      tasks: ['BACK-123'],
      currentTask: 'Wave 2: wire the fallback into the forecast endpoint',
    });
    // The session id's time is the file name's time.
    expect(s.sessionId.slice(0, 13)).toBe(
      Date.UTC(2025, 11, 4, 14, 30)
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})(.{4})$/, '$1-$2'),
    );
    expect(s.agents.map((a) => [a.agent, a.status, a.summary])).toEqual([
      ['backend-dev', 'completed', 'MetOfficeClient added with retries; 14 unit tests; PR #482 merged'],
      ['test-engineer', 'in-progress', null],
      ['backend-dev', 'pending', null],
    ]);
    expect(s.notes.find((n) => n.heading === 'frontmatter: session.linear_url')?.text).toMatch(
      /^https:\/\/linear\.app/,
    );
  });

  it('reads waves, their state and what they wait for, and their items as objectives with the issue key', () => {
    expect(s.waves.map((w) => [w.number, w.name, w.state, w.blockedBy])).toEqual([
      [1, 'Second provider', 'complete', []],
      [2, 'Fallback', 'active', []],
      [3, 'Rollout', 'blocked', [2]],
    ]);
    expect(s.objectives.filter((o) => o.wave === 2).map((o) => [o.ref, o.status])).toEqual([
      ['BACK-126', 'done'],
      ['BACK-127', 'open'],
      ['BACK-128', 'open'],
    ]);
    expect(s.objectives).toHaveLength(7);
  });

  it('reads context, current state, criteria, decisions, blockers, the session log and next steps', () => {
    expect(s.context).toMatch(/^OpenWeather had three outages/);
    expect(s.handoff).toMatch(/^Wave 1 is done/);
    expect(s.handoff).toContain('**Handoff**: start from `services/forecast.py:88`');
    expect(s.criteria.map((c) => c.checked)).toEqual([true, false, false]);
    expect(s.decisions.map((d) => [d.title, d.text, d.rationale])).toEqual([
      [
        'Met Office as the second provider',
        'Use the Met Office DataHub API as the fallback provider',
        'Free tier covers our volume; UK-heavy user base',
      ],
      [
        'Fallback order is static',
        'Providers are tried in a fixed order from config',
        'Health-based ordering needs metrics we do not have yet',
      ],
    ]);
    expect(s.blockers.map((b) => b.status)).toEqual(['open']);
    expect(s.journal.map((j) => [j.at, j.author])).toEqual([
      ['2025-12-04T14:30:00.000Z', 'PM'],
      ['2025-12-04T16:05:00.000Z', 'backend-dev'],
      ['2025-12-05T11:20:00.000Z', 'backend-dev'],
      ['2025-12-06T09:12:00.000Z', 'test-engineer'],
    ]);
    expect(s.nextSteps).toHaveLength(3);
    const tech = s.notes.find((n) => n.heading === 'Technical Context');
    expect(tech?.text).toContain('pytest tests/ -v -k "forecast or provider"');
  });

  it('reads a paused and a completed session; "None" and empty sections are nothing', () => {
    expect(byKey(r, '20251128-091500-auth-token-rotation').status).toBe('paused');
    const done = byKey(r, '20251120-100000-ci-cache');
    expect(done).toMatchObject({ status: 'completed', ended: '2025-11-21T15:00:00.000Z', blockers: [], nextSteps: [] });
    expect(done.criteria.every((c) => c.checked)).toBe(true);
  });

  it('says what the seed requires and the file lacks, and reads the file anyway', () => {
    const r2 = parseSeedFiles('agents', [
      file(
        '.agents/sessions/weather-fallback.md',
        '---\nsession:\n  title: "X"\n  status: blocked\n---\n\n## Next Steps\n- a\n',
      ),
    ]);
    expect(r2.sessions[0]).toMatchObject({ title: 'X', status: 'active', statusText: 'blocked' });
    expect(r2.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['a']);
    expect(r2.warnings.map((w) => w.message)).toEqual([
      'file name is not YYYYMMDD-HHMMSS-<description>.md: imported, with the frontmatter times only',
      'frontmatter has no session.created (the seed requires it)',
      'frontmatter has no session.last_updated (the seed requires it)',
      'frontmatter has no orchestration.current_task (the seed requires it)',
      'session.status "blocked" is none of in_progress, paused, completed: imported as active',
    ]);
  });
});

describe('seed 004: SESSION.md', () => {
  const r = parse('session-md', loadSeed('004'));

  it('reads phases with their status, the current phase and stage, and the next action', () => {
    expect(r.warnings).toEqual([]);
    const s = byKey(r, 'tasks-api/SESSION.md');
    expect(s).toMatchObject({
      title: 'Phase 3: Tasks API',
      status: 'active',
      currentPhase: 3,
      currentStage: 'implementation',
    });
    expect(s.phases.map((p) => [p.number, p.name, p.status])).toEqual([
      [1, 'Setup', 'complete'],
      [2, 'Database', 'complete'],
      [3, 'Tasks API', 'in-progress'],
      [4, 'Task UI', 'pending'],
      [5, 'Auth', 'blocked'],
    ]);
    expect(s.phases[2]).toMatchObject({ type: 'API', started: '2025-10-23T00:00:00.000Z', stage: 'implementation' });
    expect(s.nextSteps.map((n) => n.text)).toEqual(['Implement PATCH /api/tasks/:id in src/routes/tasks.ts:47']);
    expect(s.handoff).toBe('Next Action: Implement PATCH /api/tasks/:id in src/routes/tasks.ts:47');
  });

  it("reads the progress checklist with its commits, checkpoints, and a blocked phase's issues", () => {
    const s = byKey(r, 'tasks-api/SESSION.md');
    expect(s.objectives.map((o) => [o.text, o.status, o.ref, o.phase])).toEqual([
      ['GET /api/tasks endpoint', 'done', 'ghi9012', 3],
      ['POST /api/tasks endpoint', 'done', 'jkl3456', 3],
      ['PATCH /api/tasks/:id', 'in-progress', null, 3],
      ['DELETE /api/tasks/:id', 'open', null, 3],
      ['Verify all endpoints', 'open', null, 3],
    ]);
    expect(s.checkpoints.map((c) => [c.label, c.commit, c.at])).toEqual([
      ['Phase 1 Complete', 'abc1234', '2025-10-15T00:00:00.000Z'],
      ['Phase 2 Complete', 'def5678', '2025-10-18T00:00:00.000Z'],
      ['Last checkpoint', 'jkl3456', '2025-10-24T00:00:00.000Z'],
    ]);
    expect(s.blockers.map((b) => [b.text, b.phase])).toEqual([
      ['Clerk test keys not issued yet (asked on 2025-10-22)', 5],
    ]);
  });

  it('reads verification: criteria checked or not, the current issue as a blocker', () => {
    const s = byKey(r, 'verifying/SESSION.md');
    expect(s.currentStage).toBe('verification');
    expect(s.criteria.map((c) => [c.checked, c.phase])).toEqual([
      [true, 3],
      [true, 3],
      [false, 3],
    ]);
    expect(s.blockers.map((b) => b.text)).toEqual(['Invalid data returning 500. Check src/middleware/validate.ts']);
  });

  it('a SESSION.md whose phases are all complete is a completed session; other sections are read too', () => {
    const s = byKey(r, 'shipped/SESSION.md');
    expect(s).toMatchObject({ status: 'completed', ended: '2025-09-12T00:00:00.000Z' });
    expect(s.decisions.map((d) => d.text)).toEqual([
      'Buttondown over Mailchimp — cheaper at our volume, Markdown emails',
    ]);
  });

  it('skips the SESSION.md git-session writes itself', () => {
    const r2 = parseSeedFiles('session-md', [
      file(
        'SESSION.md',
        '<!-- Written by git-session for the checked-out branch and rewritten on every change. -->\n# Session\n',
      ),
    ]);
    expect(r2.sessions).toEqual([]);
    expect(r2.skipped[0]!.reason).toMatch(/written by git-session/);
  });

  it('says which phase has an unknown status, and reads it as pending', () => {
    const r2 = parseSeedFiles('session-md', [file('SESSION.md', '# Session State\n\n## Phase 1: Setup [Someday]\n')]);
    expect(r2.sessions[0]!.phases[0]!.status).toBe('pending');
    expect(r2.warnings).toEqual([
      {
        file: 'SESSION.md',
        line: 3,
        message: 'phase 1: status "Someday" is none of Pending, In Progress, Complete, Blocked: imported as pending',
      },
    ]);
  });
});

describe('seed 000: .codemap/sessions', () => {
  const r = parse('codemap', loadSeed('000'));

  it('reads each session record: times, summary as title, closed ones completed', () => {
    expect(r.warnings).toEqual([]);
    expect(r.sessions.map((s) => [s.key, s.status, s.title])).toEqual([
      ['2026-04-05T02-53-34', 'completed', 'Started implementing user dashboard - completed data layer'],
      ['2026-04-08T14-23-45', 'completed', 'Implemented user authentication system with JWT tokens'],
      ['2026-04-09T09-02-10', 'active', 'Refresh tokens (reopened, still open)'],
    ]);
    const s = byKey(r, '2026-04-08T14-23-45');
    expect(s).toMatchObject({ created: '2026-04-08T14:23:45.123Z', ended: '2026-04-08T16:38:12.456Z' });
    expect(s.notes.find((n) => n.heading === 'Files')?.text).toContain('files deleted:\n- src/auth/old-auth.ts');
  });

  it('reads annotations: decisions as decisions, the rest as discoveries', () => {
    const s = byKey(r, '2026-04-05T02-53-34');
    expect(s.decisions.map((d) => d.text)).toEqual([
      'src/dashboard/data.ts: Aggregate in SQL, not in the client: 40x less data over the wire',
    ]);
    expect(s.discoveries.map((d) => d.text)).toEqual([
      'src/api/routes.ts: the /dashboard route is behind the beta flag',
    ]);
  });

  it('gives NEXT_SESSION.md to the latest session: the whole text as handoff, its TODO and known issues read', () => {
    const s = byKey(r, '2026-04-09T09-02-10');
    expect(s.handoff).toMatch(/^# Next Session Notes\n\n## Current Status/);
    expect(s.nextSteps.map((n) => n.text)).toEqual([
      'Implement token refresh endpoint',
      'Add rate limiting to auth routes',
    ]);
    expect(s.blockers.map((b) => b.text)).toEqual([
      'Login route returns 500 on invalid email format (needs validation)',
    ]);
    expect(s.notes.find((n) => n.heading.endsWith(': parsers'))).toBeDefined();
  });

  it('a NEXT_SESSION.md with no session record is a session of its own', () => {
    const r2 = parseSeedFiles('codemap', [
      file('.codemap/sessions/NEXT_SESSION.md', '# Pick up here\n\n## Next Steps\n- Add rate limiting\n'),
    ]);
    expect(r2.sessions.map((s) => [s.title, s.nextSteps.map((n) => n.text)])).toEqual([
      ['Pick up here', ['Add rate limiting']],
    ]);
  });
});

describe('seed 001: .git/sessions/<branch>/', () => {
  const r = parse('git-dir', loadSeed('001'));

  it("reads each branch folder and archive, never git-session's own store files beside them", () => {
    expect(r.warnings).toEqual([]);
    expect(r.sessions.map((s) => [s.key, s.status, s.branch])).toEqual([
      ['feature/oauth-integration', 'active', 'feature/oauth-integration'],
      ['hotfix/critical-bug', 'completed', 'hotfix/critical-bug'],
      ['history/feature-signup-2025-10-20', 'completed', 'feature/signup'],
      ['.session/decision-log.md', 'completed', null],
    ]);
    expect(r.skipped.map((x) => x.file)).toEqual([
      '.git/sessions/0193f1a2-7c4d-7e21-9a10-5b6c7d8e9f01/events.jsonl',
      '.git/sessions/branches/feature/x',
      '.git/sessions/format',
      '.git/sessions/history/state.json',
    ]);
  });

  it('merges objectives.md with context.json: each objective once, in the state the list gives', () => {
    const s = byKey(r, 'feature/oauth-integration');
    expect(s.title).toBe('OAuth2 integration');
    expect(s.objectives.map((o) => [o.text, o.status])).toEqual([
      ['OAuth provider interface', 'done'],
      ['Google OAuth', 'in-progress'],
      ['GitHub OAuth', 'open'],
      ['Implement webhook handlers', 'open'],
    ]);
    expect(s.blockers.map((b) => [b.text, b.status, b.resolution])).toEqual([
      ['Waiting on API keys (Google console admin is on leave until Monday)', 'open', null],
      ['Staging DB refused connections', 'resolved', 'ops restarted pgbouncer'],
    ]);
  });

  it('reads decisions with rationale and alternatives from every file, once each', () => {
    const s = byKey(r, 'feature/oauth-integration');
    expect(s.decisions.map((d) => d.text)).toEqual([
      'Using PKCE flow for enhanced security',
      'Using repository pattern for data access',
      'Token refresh happens in the provider, not the session',
    ]);
    expect(s.decisions[0]).toMatchObject({
      rationale: 'Protection against code interception',
      alternatives: '- Implicit flow: deprecated by OAuth 2.1\n- Client secret in the SPA: leaks',
      context: 'Public client, no secret can be kept',
      title: 'PKCE',
    });
    expect(s.checkpoints.map((c) => [c.label, c.commit])).toEqual([
      ['oauth-interface', '3f2a9c1'],
      ['google-wip', '7b1e0d4'],
    ]);
    expect(s.nextSteps.map((n) => n.text)).toEqual([
      'Finish the Google callback handler',
      'Start GitHub OAuth once keys arrive',
      'Add the GitHub provider behind the same interface',
    ]);
    expect(s.handoff).toMatch(/^# Session Handoff: feature\/oauth-integration/);
    expect(s.notes.map((n) => n.heading)).toEqual(['context.json: mode', 'context.json: tdd']);
  });

  it("puts the decision log's entries with their branch's session, the others in one session of their own", () => {
    const archived = byKey(r, 'history/feature-signup-2025-10-20');
    expect(archived.decisions).toHaveLength(1);
    expect(archived.decisions[0]).toMatchObject({
      text: 'Magic link instead of a code',
      alternatives: 'Six-digit code: typing on mobile is slow',
    });
    expect(archived.objectives.map((o) => o.status)).toEqual(['done', 'done', 'open']);
    const log = byKey(r, '.session/decision-log.md');
    expect(log.decisions.map((d) => [d.text, d.at])).toEqual([
      ['Postgres full-text search over Elasticsearch', '2025-09-02T00:00:00.000Z'],
    ]);
  });
});

describe('all seeds at once', () => {
  it('sends each file to its seed by path and skips the rest', () => {
    expect(seedFormatOf('.sessions/active/x.md')).toBe('sessions-dir');
    expect(seedFormatOf('.agents/sessions/20251204-143000-x.md')).toBe('agents');
    expect(seedFormatOf('docs/SESSION.md')).toBe('session-md');
    expect(seedFormatOf('.codemap/sessions/2026-04-05T02-53-34.json')).toBe('codemap');
    expect(seedFormatOf('.git/sessions/feature/x/objectives.md')).toBe('git-dir');
    expect(seedFormatOf('.git/sessions/history/state.json')).toBeNull();
    expect(seedFormatOf('.git/sessions/0193f1a2-7c4d-7e21-9a10-5b6c7d8e9f01/events.jsonl')).toBeNull();
    expect(seedFormatOf('README.md')).toBeNull();
    const files = ['000', '001', '002', '003', '004'].flatMap(loadSeed);
    const all = parseAllSeeds([...files, file('README.md', '# hi\n')]);
    checkShape(all);
    expect(all.sessions).toHaveLength(3 + 4 + 3 + 4 + 3);
    expect(all.skipped.map((x) => x.file)).toContain('README.md');
  });
});
