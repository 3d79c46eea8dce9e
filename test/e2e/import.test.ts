// `git session import` (issue 11 point 6) against a real repository holding all five seeds' files
// where each tool keeps them: what each becomes, a second import that changes nothing, a changed
// file that adds only its change, and warnings as file:line: message.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';
import { SAMPLES } from '../helpers/secret-samples.js';
import { SEEDS } from '../import/fixtures.js';

afterAll(cleanupAll);

const WEATHER = '.agents/sessions/20251204-143000-weather-fallback.md';
/** The phases of the top-level SESSION.md (seed 004's tasks-api), as the plan holds them. */
const PHASES = [
  ['Setup', 'complete', null],
  ['Database', 'complete', null],
  ['Tasks API', 'in-progress', 'implementation'],
  ['Task UI', 'pending', null],
  ['Auth', 'pending', null],
];

/** Every journal of the store, by session: what an import may change. */
function journals(r: TestRepo): Record<string, string> {
  const store = join(r.dir, '.git', 'sessions');
  const out: Record<string, string> = {};
  for (const name of readdirSync(store))
    if (/^[0-9a-f]{8}-/.test(name)) out[name] = readFileSync(join(store, name, 'events.jsonl'), 'utf8');
  return out;
}

/** The seeds' files where each tool keeps them; seed 001's beside git-session's own store in .git/sessions/. */
function withSeedFiles(r: TestRepo): void {
  for (const [seed, dir] of [
    ['000', '.codemap'],
    ['002', '.agents'],
    ['003', '.sessions'],
  ] as const)
    cpSync(join(SEEDS, seed, dir), join(r.dir, dir), { recursive: true });
  cpSync(join(SEEDS, '004', 'tasks-api', 'SESSION.md'), join(r.dir, 'SESSION.md'));
  const seed001 = join(SEEDS, '001', 'dot-git', 'sessions');
  for (const part of ['feature', 'hotfix', 'history/feature-signup-2025-10-20.json'])
    cpSync(join(seed001, part), join(r.dir, '.git', 'sessions', part), { recursive: true });
  cpSync(join(SEEDS, '001', '.session', 'decision-log.md'), join(r.dir, '.session', 'decision-log.md'));
}

describe('git session import', () => {
  let r: TestRepo;
  let first: any;

  beforeAll(() => {
    r = initRepo();
    withSeedFiles(r);
    // A branch a seed 003 session names: linked to it when imported.
    r.git(['branch', 'fix/sweep-trigger']);
  });

  it('--dry-run says what would come in and changes nothing', () => {
    const dry = r.json(['import', '--dry-run']);
    expect(dry.dryRun).toBe(true);
    expect(dry.sessions.length).toBe(15);
    expect(dry.sessions.every((s: any) => s.result === 'new' && s.events > 0)).toBe(true);
    expect(journals(r)).toEqual({});
    expect(r.json(['list', '--all'])).toEqual([]);
    expect(dry.plan).toEqual({ path: '.session/phases.yaml', added: PHASES.map((p) => p[0]) });
    expect(existsSync(join(r.dir, '.session', 'phases.yaml'))).toBe(false);
  });

  it('imports every session of the five seeds, from where each keeps them', () => {
    const out = r.gs(['import', '--json']);
    expect(out.code, out.stderr).toBe(0);
    first = JSON.parse(out.stdout);
    expect(first.refused).toEqual([]);
    expect(first.warnings).toEqual([]);
    expect(first.sessions.map((s: any) => s.seed).sort()).toEqual(
      ['000', '000', '000', '001', '001', '001', '001', '002', '002', '002', '003', '003', '003', '003', '004'].sort(),
    );
    // git-session's own store files beside seed 001's are never read.
    expect(
      first.sessions.flatMap((s: any) => s.sources).some((f: string) => /events\.jsonl|state\.json|format$/.test(f)),
    ).toBe(false);
    expect(first.linked).toEqual([{ branch: 'fix/sweep-trigger', session: '019abc12-3456-7def-8901-234567890abc' }]);
    expect(r.json(['list', '--all']).length).toBe(15);
  });

  it("puts the top SESSION.md's phases into the repository's phase plan, and their state", () => {
    expect(first.plan).toEqual({ path: '.session/phases.yaml', added: PHASES.map((p) => p[0]) });
    const plan = r.json(['phase', 'list']);
    expect(plan.map((p: any) => [p.name, p.status, p.stage])).toEqual(PHASES);
    expect(plan[0]).toMatchObject({ completed: '2025-10-15T00:00:00.000Z', commit: 'abc1234' });
    expect(plan[2].started).toBe('2025-10-23T00:00:00.000Z');
    expect(readFileSync(join(r.dir, '.session', 'phases.yaml'), 'utf8').split('\n')[0]).toContain(
      'Written by git-session',
    );
  });

  it("keeps each seed's content: objectives done or not, decisions with why, blockers, agents, the current task", () => {
    const w = r.json(['show', 'weather-fallback']);
    expect(w).toMatchObject({
      title: 'Weather provider fallback when OpenWeather is down',
      status: 'paused',
      tasks: ['BACK-123'],
      createdAt: '2025-12-04T14:30:00.000Z',
      currentTask: 'Wave 2: wire the fallback into the forecast endpoint',
      activeMs: 0,
    });
    expect(w.objectives.map((o: any) => o.status)).toEqual(['done', 'done', 'done', 'open', 'open', 'open', 'open']);
    expect(w.decisions[0]).toMatchObject({
      text: 'Met Office as the second provider: Use the Met Office DataHub API as the fallback provider',
      rationale: 'Free tier covers our volume; UK-heavy user base',
    });
    expect(w.blockers.map((b: any) => [b.text, b.status])).toEqual([
      ['Met Office production API key requested from ops (ticket OPS-77)', 'open'],
    ]);
    expect(w.children.map((c: any) => [c.name, c.agent, c.status, c.summary])).toEqual([
      ['backend-dev', 'backend-dev', 'completed', 'MetOfficeClient added with retries; 14 unit tests; PR #482 merged'],
      ['test-engineer', 'test-engineer', 'active', null],
      ['backend-dev-2', 'backend-dev', 'pending', null],
    ]);
    expect(w.next).toContain('Ask ops about the production key again on Monday');
    expect(w.log.some((e: any) => e.text.startsWith('Wave 3: Rollout (blocked by Wave 2): BACK-129, BACK-130'))).toBe(
      true,
    );
    // Acceptance criteria are criteria: a checked box confirmed by hand, the others unverified.
    expect(w.criteria.map((c: any) => [c.text.slice(0, 30), c.status, c.by])).toEqual([
      ['Forecast endpoint answers 200 ', 'passed', 'hand'],
      ['Stale data is marked with `"so', 'unverified', null],
      ['p95 latency stays under 400 ms', 'unverified', null],
    ]);
    expect(w.criteria[0].id).toMatch(/^crt-[0-9a-z]{13}$/);
    expect(w.log.some((e: any) => e.text.startsWith('Acceptance criterion'))).toBe(false);

    // Seed 003 keeps its own UUIDv7; an abandoned session its reason, a completed one its summary.
    const sweep = r.json(['show', '019abc12-3456-7def-8901-234567890abc']);
    expect(sweep).toMatchObject({ name: 'fix-sweep-bug', branch: 'fix/sweep-trigger', compactions: 2 });
    expect(r.json(['show', 'auth-refactor'])).toMatchObject({ status: 'abandoned' });
    expect(r.json(['show', 'implement-rbf']).summary).toBeTruthy();
    // Seed 001's branch folder, and its decision log.
    const oauth = r.json(['show', 'oauth-integration']);
    expect(oauth.branch).toBe('feature/oauth-integration');
    expect(oauth.decisions.map((d: any) => d.text)).toContain('Using PKCE flow for enhanced security');
  });

  it('a second import changes nothing: every event is there already', () => {
    const before = journals(r);
    const status = r.git(['status', '--porcelain']).stdout;
    const again = r.json(['import']);
    expect(again.sessions.map((s: any) => [s.result, s.events])).toEqual(first.sessions.map(() => ['unchanged', 0]));
    expect(journals(r)).toEqual(before);
    expect(r.git(['status', '--porcelain']).stdout).toBe(status);
    expect(again.plan.added).toEqual([]);
    expect(r.ok(['import']).stdout).toContain('Imported 0 sessions from 23 files; 15 unchanged.');
  });

  it('a changed file adds only its change, and never undoes what was changed here since', () => {
    const before = journals(r);
    // Here: an objective the file has done is opened again.
    r.ok(['objectives', 'reopen', '1', '--session', 'weather-fallback']);
    const text = readFileSync(join(r.dir, WEATHER), 'utf8');
    writeFileSync(join(r.dir, WEATHER), text.replace('- [ ] BACK-127', '- [x] BACK-127'));
    const out = r.json(['import', WEATHER]);
    expect(out.sessions.map((s: any) => [s.name, s.result, s.added])).toEqual([
      ['weather-fallback', 'updated', { 'objective.completed': 1 }],
    ]);
    const w = r.json(['show', 'weather-fallback']);
    expect(w.objectives.map((o: any) => o.status)).toEqual(['open', 'done', 'done', 'done', 'open', 'open', 'open']);
    const id = w.id;
    const others = Object.keys(before).filter((k) => k !== id);
    const after = journals(r);
    for (const k of others) expect(after[k]).toBe(before[k]);
  });

  it('prints every warning as file:line: message, and exits 1 when a path typed cannot be read', () => {
    r.write('.agents/sessions/20251201-000000-broken.md', '---\nsession: [unclosed\n---\n# Session: Broken\n');
    const out = r.gs(['import', '.agents/sessions/20251201-000000-broken.md', 'no-such-file.md', 'README.md']);
    expect(out.stderr).toMatch(
      /^\.agents\/sessions\/20251201-000000-broken\.md:2: frontmatter .*; its keys were not read$/m,
    );
    expect(out.stderr).toContain('no-such-file.md: no such file or folder');
    expect(out.stderr).toMatch(/^README\.md: not where any seed keeps a session file/m);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('new       seed 002  broken');
    const none = r.gs(['import', 'no-such-file.md']);
    expect([none.code, none.stdout.trim()]).toEqual([1, 'Nothing imported: 1 path could not be read.']);
  });

  it('reads a folder of another repository given as a path, and the file names there stay its own', () => {
    const elsewhere = join(tempDir(), 'old-project');
    mkdirSync(join(elsewhere, '.sessions', 'archive'), { recursive: true });
    cpSync(join(SEEDS, '003', '.sessions', 'archive'), join(elsewhere, '.sessions', 'archive'), { recursive: true });
    const out = r.json(['import', join(elsewhere, '.sessions')]);
    // The same files as the repository's own: the same sessions, nothing new.
    expect(out.sessions.map((s: any) => [s.name, s.result])).toEqual([
      ['auth-refactor', 'unchanged'],
      ['implement-rbf', 'unchanged'],
    ]);
  });

  it('refuses a phase whose name holds a secret: nothing written to the tracked plan, exit 1', () => {
    const md = readFileSync(join(r.dir, 'SESSION.md'), 'utf8');
    const key = SAMPLES['github-pat']!();
    writeFileSync(join(r.dir, 'SESSION.md'), `${md}\n## Phase 6: Rotate ${key} [Pending]\n`);
    const planBefore = readFileSync(join(r.dir, '.session', 'phases.yaml'), 'utf8');
    const out = r.gs(['import', 'SESSION.md']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/the phase name holds .*; nothing was written to the phase plan/);
    expect(out.stderr).not.toContain(key);
    expect(readFileSync(join(r.dir, '.session', 'phases.yaml'), 'utf8')).toBe(planBefore);
    writeFileSync(join(r.dir, 'SESSION.md'), md);
  });

  it("never writes over a plan file that is not git-session's: the phases stay notes, with a warning", () => {
    const plan = join(r.dir, '.session', 'phases.yaml');
    writeFileSync(plan, 'phases: []\n');
    const md = readFileSync(join(r.dir, 'SESSION.md'), 'utf8');
    writeFileSync(join(r.dir, 'SESSION.md'), `${md}\n## Phase 6: Polish [Pending]\n`);
    const out = r.gs(['import', 'SESSION.md']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^SESSION\.md: its phases stay notes of the session: .*not git-session's phase plan/m);
    expect(readFileSync(plan, 'utf8')).toBe('phases: []\n');
    const log = r.json(['show', 'session']).log.map((e: any) => e.text);
    expect(log.some((t: string) => t.startsWith('Phase 6: Polish [pending]'))).toBe(true);
  });
});
