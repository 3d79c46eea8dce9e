// Issue 11 points 1, 2, 4, 5 end to end: acceptance criteria whose checks run, the repository's
// phase plan, decisions as ADR files, and what `end` says is left — on one repository, then on a
// fresh clone that rebuilds criteria results and the plan from what git carries.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { baseEnv, cleanupAll, type Run, TestRepo, tempDir } from '../helpers/repo.js';
import { SAMPLES } from '../helpers/secret-samples.js';

afterAll(cleanupAll);

const byText = (criteria: any[], text: string) => criteria.find((c: any) => c.text === text);

describe('criteria, phases and ADRs, carried to a clone', () => {
  let a: TestRepo;
  let b: TestRepo;
  let firstVerify: Run;
  let slowVerify: Run;
  let completeFailing: Run;
  let completeUnstarted: Run;
  let ids: Record<'pass' | 'fail' | 'hand' | 'slow' | 'decision', string>;

  beforeAll(() => {
    a = initRepo();
    const bare = join(tempDir(), 'origin.git');
    a.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    a.git(['remote', 'add', 'origin', bare]);
    const config = join(a.dir, '.session', 'config.yaml');
    const text = readFileSync(config, 'utf8').replace(
      'session_file:\n  enabled: false',
      'session_file:\n  enabled: true',
    );
    writeFileSync(config, `${text}\nadr:\n  dir: docs/decisions\n`);
    a.git(['add', '.session']);
    a.commit('chore: session config');
    a.json(['start', 'feature/plan', '-o', 'Ship the tasks API', '-o', 'Write the docs']);
    ids = {
      pass: a.json(['criteria', 'add', 'unit tests pass', '--check', 'test -f README.md']).id,
      fail: a.json(['criteria', 'add', 'lint is clean', '--check', 'echo lint: 3 problems; exit 3']).id,
      hand: a.json(['criteria', 'add', 'reviewed by a person']).id,
      slow: a.json([
        'criteria',
        'add',
        'a hung check',
        '--check',
        // Megabytes of output, then a child that would hang forever: the timeout stops the group.
        "head -c 3000000 /dev/zero | tr '\\0' x; sleep 60 & wait",
      ]).id,
      decision: '',
    };
    firstVerify = a.gs(['verify', ids.pass, ids.fail, ids.hand]);
    slowVerify = a.gs(['verify', ids.slow, '--timeout', '1']);
    ids.decision = a.json([
      'decisions',
      'add',
      'Tasks live in SQLite',
      '--rationale',
      'embedded, one file',
      '--alternatives',
      'Postgres: a server to run',
    ]).id;
    a.ok(['phase', 'add', 'Setup', '--criterion', 'the repository builds', '--check', 'true']);
    a.ok(['phase', 'add', 'Tasks API', '--check', 'test -f api.txt']);
    a.ok(['phase', 'start', '1']);
    a.ok(['phase', 'stage', 'verification']);
    a.ok(['phase', 'complete', 'Setup']);
    completeUnstarted = a.gs(['phase', 'complete', '2']);
    a.ok(['phase', 'start', '2']);
    completeFailing = a.gs(['phase', 'complete', '2']);
    a.ok(['phase', 'stage', 'debugging']);
    a.git(['add', '-A']);
    a.commit('feat: tasks API skeleton', { 'src/tasks.ts': 'export {}\n' });
    a.git(['push', '-q', 'origin', 'main', 'feature/plan']);
    const dir = join(tempDir(), 'clone');
    mkdirSync(dir);
    b = new TestRepo(dir, baseEnv(join(tempDir(), 'home')));
    b.git(['clone', '-q', '-b', 'feature/plan', bare, '.']);
    b.ok(['init']);
    b.ok(['rebuild']);
  });

  it('verify runs the checks named, records each result and exits 1 when one fails', () => {
    expect(firstVerify.code).toBe(1);
    expect(firstVerify.stderr).toContain('Running crt-');
    expect(firstVerify.stdout).toMatch(/failed \(exit 3\)/);
    expect(firstVerify.stdout).toContain('lint: 3 problems');
    const c = a.json(['status']).criteria;
    expect(byText(c, 'unit tests pass')).toMatchObject({ status: 'passed', exitCode: 0, by: 'check' });
    expect(byText(c, 'lint is clean')).toMatchObject({ status: 'failed', exitCode: 3, output: 'lint: 3 problems\n' });
    expect(byText(c, 'lint is clean').commit).toMatch(/^[0-9a-f]{40}$/);
    expect(byText(c, 'reviewed by a person').status).toBe('unverified');
  });

  it('stops a check that hangs and prints megabytes: timed out, process group killed, tail bounded', () => {
    expect(slowVerify.code).toBe(1);
    const slow = byText(a.json(['status']).criteria, 'a hung check');
    expect(slow).toMatchObject({ status: 'failed', timedOut: true });
    expect(slow.durationMs).toBeLessThan(15000);
    expect(Buffer.byteLength(slow.output)).toBeLessThanOrEqual(4096);
    expect(slow.output).toMatch(/x{100}$/);
  });

  it('confirms a criterion by hand, and criteria list shows every status', () => {
    const r = a.json(['criteria', 'confirm', ids.hand]);
    expect(r.status).toBe('passed');
    const list = a.ok(['criteria', 'list']).stdout;
    expect(list).toContain('lint is clean');
    expect(list).toContain('reviewed by a person');
  });

  it('the brief and the handoff show the criteria with their latest result', () => {
    const brief = a.ok(['brief']).stdout;
    expect(brief).toContain('### Acceptance criteria');
    expect(brief).toMatch(/- \[x\] crt-\w+ unit tests pass \(`test -f README.md`\) — passed/);
    expect(brief).toContain('a hung check');
    expect(brief).toMatch(/\(timed out\)/);
    const handoff = a.ok(['handoff']).stdout;
    expect(handoff).toContain('## Acceptance criteria');
    expect(handoff).toMatch(/lint is clean .*\*\*failed\*\* \(exit 3\)/);
    expect(a.json(['brief']).building.criteria.map((c: any) => c.status)).toEqual([
      'passed',
      'failed',
      'passed',
      'failed',
    ]);
  });

  it('writes the decision as a numbered MADR file with the ownership mark', () => {
    const dir = join(a.dir, 'docs', 'decisions');
    expect(readdirSync(dir)).toEqual(['0001-tasks-live-in-sqlite.md']);
    const adr = readFileSync(join(dir, '0001-tasks-live-in-sqlite.md'), 'utf8');
    expect(adr).toMatch(/^---\nstatus: accepted\n/);
    expect(adr).toContain('Written by git-session');
    expect(adr).toContain('# Tasks live in SQLite');
    expect(adr).toContain('Rationale: embedded, one file');
    expect(adr).toContain('* Postgres: a server to run');
    expect(adr).toContain(ids.decision);
  });

  it('a superseding decision gets the next ADR file, and the older file says it is superseded', () => {
    a.ok(['decisions', 'supersede', ids.decision, 'Tasks live in Postgres', '--rationale', 'several writers']);
    const dir = join(a.dir, 'docs', 'decisions');
    expect(readdirSync(dir).sort()).toEqual(['0001-tasks-live-in-sqlite.md', '0002-tasks-live-in-postgres.md']);
    const older = readFileSync(join(dir, '0001-tasks-live-in-sqlite.md'), 'utf8');
    expect(older).toMatch(/^---\nstatus: superseded by \[ADR-0002\]\(0002-tasks-live-in-postgres\.md\)\n/);
    expect(older).toContain('Rationale: embedded, one file');
    expect(readFileSync(join(dir, '0002-tasks-live-in-postgres.md'), 'utf8')).toContain(
      'Supersedes [ADR-0001](0001-tasks-live-in-sqlite.md)',
    );
  });

  it('phase complete refuses a phase never started, before running anything', () => {
    expect(completeUnstarted.code).toBe(1);
    expect(completeUnstarted.stderr).toContain('phase 2 (Tasks API) was never started');
    expect(completeUnstarted.stderr).toContain('git session phase start 2');
    expect(completeUnstarted.stderr).not.toContain('test -f api.txt');
  });

  it('phase complete runs the checks, completes a passing phase and refuses a failing one', () => {
    expect(completeFailing.code).toBe(1);
    expect(completeFailing.stdout).toContain('is not complete');
    const plan = a.json(['phase', 'list']);
    expect(plan.map((p: any) => [p.number, p.name, p.status, p.stage])).toEqual([
      [1, 'Setup', 'complete', null],
      [2, 'Tasks API', 'in-progress', 'debugging'],
    ]);
    expect(plan[0].criteria.map((c: any) => [c.status, c.by])).toEqual([
      ['passed', 'hand'],
      ['passed', 'check'],
    ]);
    expect(plan[1].criteria[0]).toMatchObject({ check: 'test -f api.txt', status: 'failed', exitCode: 1 });
    const file = readFileSync(join(a.dir, '.session', 'phases.yaml'), 'utf8');
    expect(file.split('\n')[0]).toContain('Written by git-session');
  });

  it('SESSION.md and a checkpoint show the phase in progress and its stage', () => {
    const md = readFileSync(join(a.dir, 'SESSION.md'), 'utf8');
    expect(md).toContain('**Current Phase**: Phase 2 - Tasks API');
    expect(md).toContain('**Current Stage**: Debugging');
    expect(md).toContain('### Phase 1: Setup [Complete]');
    expect(md).toContain('## Acceptance Criteria');
    expect(md).toMatch(/- \[ \] crt-\w+ lint is clean \(`echo lint: 3 problems; exit 3`\) — \*\*failed\*\* \(exit 3\)/);
    a.write('api.txt', 'v1\n');
    a.git(['add', 'api.txt']);
    a.ok(['checkpoint', '--label', 'endpoints']);
    const msg = a.message();
    expect(msg.split('\n')[0]).toBe('checkpoint: Phase 2 In Progress - endpoints');
    expect(msg).toContain('\nPhase: 2 - Tasks API\nStatus: In Progress\nStage: Debugging\n');
  });

  it('objectives and decisions name the commit that first carried them, here and on the clone', () => {
    const [decision] = a.json(['decisions', 'list']);
    expect(decision.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const r of [a, b]) {
      const objectives = r.json(['objectives', 'list']);
      expect(objectives.map((o: any) => o.commit)).toEqual([decision.commit, decision.commit]);
    }
  });

  it('a fresh clone rebuilds the criteria results and has the same plan', () => {
    const c = b.json(['status']).criteria;
    expect(byText(c, 'unit tests pass')).toMatchObject({ status: 'passed', exitCode: 0 });
    expect(byText(c, 'lint is clean')).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(byText(c, 'a hung check')).toMatchObject({ status: 'failed', timedOut: true });
    const plan = b.json(['phase', 'list']);
    expect(plan.map((p: any) => [p.name, p.status, p.stage])).toEqual([
      ['Setup', 'complete', null],
      ['Tasks API', 'in-progress', 'debugging'],
    ]);
    expect(plan[1].criteria[0]).toMatchObject({ status: 'failed', exitCode: 1 });
  });

  it('a clone runs a check that came with history only after --approve, saying what it runs', () => {
    const refused = b.gs(['verify', ids.pass]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('test -f README.md');
    expect(refused.stderr).toContain('--approve');
    const phase = b.gs(['phase', 'complete', '2']);
    expect(phase.code).toBe(1);
    expect(phase.stderr).toContain('test -f api.txt');
    const approved = b.gs(['verify', ids.pass, '--approve']);
    expect(approved.code).toBe(0);
    expect(approved.stderr).toContain('Approved on this clone');
    expect(b.gs(['verify', ids.pass]).code).toBe(0);
  });

  it('end refuses while a criterion is failed; --force --reason ends it and says what is left', () => {
    const refused = a.gs(['end', '--summary', 'API done']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('acceptance criteria not met');
    expect(a.gs(['end', '--force']).code).toBe(2);
    // A decision whose ADR file is gone is one the knowledge extraction names.
    rmSync(join(a.dir, 'docs', 'decisions', '0001-tasks-live-in-sqlite.md'));
    const ended = a.json(['end', '--summary', 'API done', '--force', '--reason', 'lint runs in CI']);
    expect(ended.status).toBe('completed');
    expect(ended.criteriaOverrides).toEqual([
      expect.objectContaining({ reason: 'lint runs in CI', unmet: expect.arrayContaining([ids.fail, ids.slow]) }),
    ]);
    const left = ended.left;
    expect(left.objectives.map((o: any) => o.text)).toEqual(['Ship the tasks API', 'Write the docs']);
    expect(left.criteria.map((c: any) => [c.text, c.status])).toEqual([
      ['lint is clean', 'failed'],
      ['a hung check', 'failed'],
    ]);
    expect(left.decisions.map((d: any) => d.id)).toEqual([ids.decision]);
    expect(left.adrDir).toBe('docs/decisions');
    expect(JSON.stringify(left.issue)).toContain('Write the docs');
    // The override travels: a clone that fetches the end reads why the criteria were passed over.
    a.ok(['end', '--commit']);
    a.git(['push', '-q', 'origin', 'feature/plan']);
    b.git(['pull', '-q', '--ff-only']);
    b.ok(['rebuild']);
    expect(b.json(['show', ended.id]).criteriaOverrides).toEqual([
      expect.objectContaining({ reason: 'lint runs in CI', unmet: expect.arrayContaining([ids.fail, ids.slow]) }),
    ]);
    // Written again under the next free number (0002 is its replacement's).
    expect(a.ok(['decisions', 'adr']).stdout).toContain('docs/decisions/0003-tasks-live-in-sqlite.md');
    // …and it keeps saying it was replaced, not `accepted`.
    const again = readFileSync(join(a.dir, 'docs', 'decisions', '0003-tasks-live-in-sqlite.md'), 'utf8');
    expect(again).toMatch(/^---\nstatus: superseded by \[ADR-0002\]\(0002-tasks-live-in-postgres\.md\)\n/);
    // Both files gone: the older one is written first, then its replacement marks it.
    rmSync(join(a.dir, 'docs', 'decisions'), { recursive: true });
    a.ok(['decisions', 'adr']);
    expect(readdirSync(join(a.dir, 'docs', 'decisions')).sort()).toEqual([
      '0001-tasks-live-in-sqlite.md',
      '0002-tasks-live-in-postgres.md',
    ]);
    expect(readFileSync(join(a.dir, 'docs', 'decisions', '0001-tasks-live-in-sqlite.md'), 'utf8')).toMatch(
      /^---\nstatus: superseded by \[ADR-0002\]\(0002-tasks-live-in-postgres\.md\)\n/,
    );
  });
});

describe('a hostile or damaged plan file', () => {
  let r: TestRepo;
  const plan = () => join(r.dir, '.session', 'phases.yaml');
  const mark =
    '# <!-- Written by git-session: the phase plan, shared by every session (git session phase). Edit it by hand or with git session phase; keep this line. -->\n';

  beforeAll(() => {
    r = initRepo();
  });

  it.each([
    ['malformed YAML, named by line', `${mark}version: 1\nphases:\n  - name: A\n   status: [\n`, /phases\.yaml:\d+: /],
    [
      'a YAML alias bomb',
      `${mark}a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
      /phases\.yaml: rejected/,
    ],
    ['a file without the mark', 'version: 1\nphases: []\n', /not git-session's phase plan/],
    ['a duplicate key', `${mark}version: 1\nversion: 1\nphases: []\n`, /phases\.yaml:\d+: not valid YAML/],
    [
      'a bad status',
      `${mark}version: 1\nphases:\n  - name: A\n    status: done\n`,
      /phases\.yaml:5: phase 1: 'status'/,
    ],
    ['conflict markers', `${mark}<<<<<<< HEAD\nversion: 1\n=======\n>>>>>>> x\n`, /conflict markers/],
    ['more than 256 KiB', `${mark}# ${'x'.repeat(300 * 1024)}\n`, /larger than 256 KiB/],
  ])('%s: one clear error, exit 1, the file untouched', (_what, text, error) => {
    writeFileSync(plan(), text);
    const listed = r.gs(['phase', 'list']);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(error);
    expect(listed.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    const added = r.gs(['phase', 'add', 'B']);
    expect(added.code).toBe(1);
    expect(readFileSync(plan(), 'utf8')).toBe(text);
  });

  it('keeps comments and hand edits when it changes the plan', () => {
    writeFileSync(plan(), `${mark}version: 1\n# the plan for v2\nphases:\n  - name: A # first\n    owner: ana\n`);
    r.ok(['phase', 'start', '1']);
    const text = readFileSync(plan(), 'utf8');
    expect(text).toContain('# the plan for v2');
    expect(text).toContain('name: A # first');
    expect(text).toContain('owner: ana');
    expect(text).toContain('status: in-progress');
    expect(existsSync(plan())).toBe(true);
  });

  it('refuses a secret in a phase name, criterion or check: exit 1, named, never echoed, nothing written', () => {
    writeFileSync(plan(), `${mark}version: 1\nphases:\n  - name: A\n`);
    const before = readFileSync(plan(), 'utf8');
    const key = SAMPLES['github-pat']!();
    const aws = SAMPLES['aws-access-token']!();
    for (const [args, label] of [
      [['phase', 'add', `Rotate ${key}`], 'phase name'],
      [['phase', 'add', 'Deploy', '--criterion', `token is ${key}`], "phase criterion of 'Deploy'"],
      [['phase', 'add', 'Deploy', '--check', `curl -H 'x: ${aws}' localhost`], "phase criterion of 'Deploy'"],
    ] as const) {
      const out = r.gs([...args]);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(`the ${label} holds`);
      expect(out.stderr).toMatch(/\(rule [\w-]+\) at line 1, column \d+; nothing was written to the phase plan/);
      expect(out.stderr).not.toContain(key);
      expect(out.stderr).not.toContain(aws);
      expect(readFileSync(plan(), 'utf8')).toBe(before);
    }
    // A line the file held already (written by hand) does not block a change elsewhere in the plan.
    writeFileSync(plan(), `${before}  - name: Rotate ${key}\n`);
    r.ok(['phase', 'start', '1']);
    expect(readFileSync(plan(), 'utf8')).toContain('status: in-progress');
    // A false positive named in secrets.allow goes in.
    const config = join(r.dir, '.session', 'config.yaml');
    const configBefore = existsSync(config) ? readFileSync(config, 'utf8') : null;
    writeFileSync(config, `${configBefore ?? ''}\nsecrets:\n  allow: ['^${aws.slice(0, 12)}']\n`);
    r.ok(['phase', 'add', 'Fixture', '--criterion', `sample ${aws}`]);
    expect(readFileSync(plan(), 'utf8')).toContain(aws);
    if (configBefore === null) rmSync(config);
    else writeFileSync(config, configBefore);
  });

  it('refuses phase names and numbers that cannot be told apart', () => {
    expect(r.gs(['phase', 'add', '7']).code).toBe(1);
    expect(r.gs(['phase', 'add', 'a\nb']).code).toBe(1);
    expect(r.gs(['phase', 'start', '99']).stderr).toContain('no phase 99');
    expect(r.gs(['phase', 'stage', 'testing']).code).toBe(2);
  });
});
