// Spawned agents and waves (issue 11 point 3, seed 002): a child session per agent, on its own branch
// in a new linked worktree, linked to the session that spawned it; waiting on the children it was
// spawned after; its end and summary reaching the parent; the links rebuilt on a fresh clone.

import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sessionRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

function cloneOf(origin: TestRepo): TestRepo {
  const dir = join(tempDir(), 'clone');
  mkdirSync(dir);
  const c = new (origin.constructor as typeof TestRepo)(dir, origin.env);
  c.git(['clone', '-q', origin.dir, '.']);
  c.ok(['init']);
  return c;
}

describe('git session spawn', () => {
  let r: TestRepo;
  let parentId: string;
  const wt = (name: string) => join(dirname(r.dir), `repo-${name}`);

  beforeAll(() => {
    ({ r, id: parentId } = sessionRepo('feature/weather', ['Fallback provider']));
    r.ok(['spawn', 'api', '--task', 'Add the Met Office client', '--agent', 'backend-dev']);
    r.ok(['spawn', 'tests', '--task', 'Contract tests for both providers', '--agent', 'test-engineer']);
    r.ok(['spawn', 'rollout', '--task', 'Feature flag and dashboard', '--after', 'api', '--after', 'tests']);
  });

  it('makes each child a branch of the parent branch checked out in a new worktree next to this one', () => {
    const list = r.git(['worktree', 'list', '--porcelain']).stdout;
    for (const name of ['api', 'tests', 'rollout']) {
      expect(list).toContain(`worktree ${realpathSync(wt(name))}`);
      expect(list).toContain(`branch refs/heads/feature/weather-${name}`);
      expect(existsSync(join(wt(name), 'README.md'))).toBe(true);
    }
    // The child's worktree has its session current: status there shows the child.
    const child = r.json(['status'], { cwd: wt('api') });
    expect(child.name).toBe('api');
    expect(child.branch).toBe('feature/weather-api');
    expect(child.parent).toBe(parentId);
    expect(child.currentTask).toBe('Add the Met Office client');
    expect(child.title).toBe('Add the Met Office client');
    expect(child.spawn).toMatchObject({ id: parentId, name: 'weather', agent: 'backend-dev', waitingFor: [] });
  });

  it("lists the children in the parent's status, a child spawned --after shown as waiting", () => {
    const s = r.json(['status']);
    expect(s.parent).toBeNull();
    expect(s.children.map((c: any) => [c.name, c.agent, c.status, c.after, c.waitingFor])).toEqual([
      ['api', 'backend-dev', 'active', [], []],
      ['tests', 'test-engineer', 'active', [], []],
      ['rollout', null, 'waiting', ['api', 'tests'], ['api', 'tests']],
    ]);
    const api = s.children[0];
    expect(api).toMatchObject({ branch: 'feature/weather-api', task: 'Add the Met Office client', summary: null });
    expect(realpathSync(api.worktree)).toBe(realpathSync(wt('api')));
    const rollout = r.json(['status'], { cwd: wt('rollout') });
    expect(rollout.status).toBe('paused');
    expect(rollout.spawn.waitingFor).toEqual(['api', 'tests']);
    expect(r.ok(['status'], { cwd: wt('rollout') }).stdout).toContain('waiting for api, tests to end before it starts');
  });

  it('resumes a waiting child when asked, saying what it was to wait for', () => {
    const out = r.ok(['resume'], { cwd: wt('rollout') });
    expect(out.stderr).toContain("'rollout' was spawned to start once api, tests ended; still open.");
    expect(r.json(['status']).children[2]).toMatchObject({ name: 'rollout', status: 'waiting' });
    r.ok(['pause'], { cwd: wt('rollout') });
  });

  it("carries the link in the child's first commit, read by git's own trailer parser", () => {
    r.write('../repo-api/client.py', 'class MetOffice: ...\n');
    r.git(['add', 'client.py'], { cwd: wt('api') });
    r.git(['commit', '-q', '-m', 'feat: Met Office client'], { cwd: wt('api') });
    const trailers = r.git(['log', '-1', '--format=%(trailers:key=Session-Info,valueonly)'], { cwd: wt('api') }).stdout;
    expect(trailers).toContain(`parent ${parentId}; task: Add the Met Office client; agent: backend-dev`);
    expect(trailers).toContain('now Add the Met Office client');
  });

  it("brings a child's end and summary to the parent; the child it waited for is ready then", () => {
    r.ok(['end', 'Client with retries; 14 tests', '--commit'], { cwd: wt('api') });
    expect(r.json(['status']).children[2].waitingFor).toEqual(['tests']);
    r.ok(['end', '--abandon', '--reason', 'covered by the client tests', '--commit'], { cwd: wt('tests') });
    const s = r.json(['status']);
    expect(s.children.map((c: any) => [c.name, c.status, c.summary])).toEqual([
      ['api', 'completed', 'Client with retries; 14 tests'],
      ['tests', 'abandoned', 'covered by the client tests'],
      ['rollout', 'paused', null],
    ]);
    expect(r.ok(['status'], { cwd: wt('rollout') }).stdout).toContain('api, tests ended: it can start');
    const text = r.ok(['status']).stdout;
    expect(text).toContain('Spawned  2/3 ended');
    expect(text).toContain('Client with retries; 14 tests');
  });

  it('shows the current task first in the brief, and the children in the brief and the handoff', () => {
    r.ok(['now', 'Merge the children one by one']);
    expect(r.json(['now']).currentTask).toBe('Merge the children one by one');
    const brief = r.ok(['brief']).stdout;
    const lines = brief.split('\n');
    expect(lines.findIndex((l) => l.startsWith('**Now**: Merge the children one by one'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('## Continue')),
    );
    expect(brief).toContain('## Spawned agents (2/3 ended)');
    expect(brief).toContain('- **completed** `api` (backend-dev): Add the Met Office client');
    expect(brief).toContain('  - summary: Client with retries; 14 tests');
    const json = r.json(['brief']);
    expect(json.now.task).toBe('Merge the children one by one');
    expect(json.children).toHaveLength(3);
    const handoff = r.json(['handoff']);
    expect(handoff.children.map((c: any) => c.name)).toEqual(['api', 'tests', 'rollout']);
    expect(handoff.markdown).toContain('## Spawned agents');
    const child = r.ok(['brief'], { cwd: wt('rollout') }).stdout;
    expect(child).toContain('**Now**: Feature flag and dashboard');
    expect(child).toContain('Spawned by `weather` to: Feature flag and dashboard');
    expect(child).toContain('`api`, `tests` ended: it can start');
    r.ok(['now', '--clear']);
    expect(r.json(['now']).currentTask).toBeNull();
  });

  it('refuses what it cannot do, before git changes anything', () => {
    const before = r.git(['worktree', 'list']).stdout;
    const cases: [string[], number, RegExp][] = [
      [['spawn', 'api', '--task', 'again'], 1, /a session named 'api' already exists/],
      [['spawn', 'docs'], 2, /spawn needs --task/],
      [['spawn', 'docs', '--task', ''], 2, /task is empty/],
      [['spawn', 'Bad Name', '--task', 'x'], 1, /not a usable session name/],
      [['spawn', 'docs', '--task', 'x', '--agent', 'two\nlines'], 1, /not an agent kind/],
      [['spawn', 'docs', '--task', 'x', '--after', 'nobody'], 1, /no session matches 'nobody'/],
      [['spawn', 'docs', '--task', 'x', '--branch', 'bad..name'], 1, /not a valid branch name/],
      [['spawn', 'docs', '--task', 'x', '--worktree', r.dir], 1, /exists already and is not an empty directory/],
      [['spawn', 'docs', '--task', 'x', '--session', 'api'], 1, /is completed: an ended session spawns nothing/],
      [['spawn', '--', '-h', '--task', 'x'], 2, /'--task' comes after --/],
      [['spawn', '--task', 'x', '--', '-h'], 1, /'-h' is not a usable session name/],
      [['spawn', 'docs', '--task', 'x'.repeat(17 * 1024)], 2, /task is 17408 bytes; the limit is 16384/],
    ];
    for (const [args, code, message] of cases) {
      const out = r.gs(args);
      expect(out.stderr, args.join(' ')).toMatch(message);
      expect(out.code, args.join(' ')).toBe(code);
    }
    expect(r.git(['worktree', 'list']).stdout).toBe(before);
    expect(r.git(['branch', '--list', 'feature/weather-docs']).stdout).toBe('');
  });

  it('puts a child where --worktree says, on the branch --branch names, with --json', () => {
    const place = join(tempDir(), 'elsewhere', 'docs');
    const made = r.json(['spawn', 'docs', '--task', 'Write the docs', '--branch', 'docs/weather', '--worktree', place]);
    expect(made).toMatchObject({ name: 'docs', branch: 'docs/weather', task: 'Write the docs', parent: parentId });
    expect(realpathSync(made.worktree)).toBe(realpathSync(place));
    expect(r.json(['status'], { cwd: place }).name).toBe('docs');
  });

  describe('on a fresh clone', () => {
    let c: TestRepo;

    beforeAll(() => {
      // The parent merges a child's branch: its merge commit carries its records of every child.
      r.git(['merge', '-q', '--no-ff', '--no-edit', 'feature/weather-api']);
      c = cloneOf(r);
      c.ok(['rebuild']);
    });

    it('rebuilds the parent with its children, their status and summaries', () => {
      const p = c.json(['show', parentId]);
      expect(p.children.map((k: any) => [k.name, k.status, k.summary, k.after])).toEqual([
        ['api', 'completed', 'Client with retries; 14 tests', []],
        ['tests', 'abandoned', 'covered by the client tests', []],
        // Its session never committed: not on this clone.
        ['rollout', 'unknown', null, ['api', 'tests']],
        ['docs', 'unknown', null, []],
      ]);
      expect(p.children[0].worktree).toBeNull();
    });

    it("rebuilds a child's parent, task and agent", () => {
      const api = c.json(['show', 'api']);
      expect(api.parent).toBe(parentId);
      expect(api.spawn).toMatchObject({
        id: parentId,
        name: 'weather',
        agent: 'backend-dev',
        task: 'Add the Met Office client',
      });
      expect(api.currentTask).toBe('Add the Met Office client');
    });
  });

  describe('with session_file.format: agents, and a parent that never committed after spawning', () => {
    let q: TestRepo;
    let id: string;
    let w: string;
    const files = (dir: string) => readdirSync(join(dir, '.agents', 'sessions'));
    const file = (dir: string) => readFileSync(join(dir, '.agents', 'sessions', files(dir)[0]!), 'utf8');

    beforeAll(() => {
      ({ r: q, id } = sessionRepo('feature/solo', ['Solo']));
      // The parent's one commit, before it spawns (its record of the child stays in its journal here):
      // the configuration, which the child's worktree gets with the branch.
      q.commit('chore: seed 002 session files', {
        '.session/config.yaml': 'version: 1\nsession_file:\n  enabled: true\n  format: agents\n',
      });
      q.ok(['spawn', 'worker', '--task', 'Do the work', '--agent', 'dev']);
      w = join(dirname(q.dir), 'repo-worker');
    });

    it("writes seed 002's file for the parent and for the child, in their own worktrees", () => {
      const created = q.json(['status']).createdAt as string;
      const stamp = `${created.slice(0, 10).replace(/-/g, '')}-${created.slice(11, 19).replace(/:/g, '')}`;
      expect(files(q.dir)).toEqual([`${stamp}-solo.md`]);
      const text = file(q.dir);
      expect(text.startsWith('---\n# <!-- Written by git-session')).toBe(true);
      const fm = parseYaml(text.split('\n---\n')[0]!.slice(4));
      expect(fm.session).toMatchObject({ title: 'Solo', status: 'in_progress', id, branch: 'feature/solo' });
      expect(fm.orchestration.spawned_agents).toEqual([
        { agent: 'dev', task: 'Do the work', status: 'in_progress', name: 'worker', branch: 'feature/solo-worker' },
      ]);
      for (const section of ['## Context', '## Current State', '## Execution Progress', '## Next Steps'])
        expect(text).toContain(`\n${section}\n`);
      expect(text).toContain('### Wave 1: worker (ACTIVE)');
      expect(file(w)).toContain('current_task: "Do the work"');
      expect(readFileSync(join(q.dir, '.git', 'info', 'exclude'), 'utf8')).toContain(
        `/.agents/sessions/${stamp}-solo.md`,
      );
      expect(q.git(['status', '--porcelain']).stdout).not.toContain('.agents');
      // git-session's own file is never imported as another tool's.
      expect(q.json(['import', '.agents/sessions']).sessions).toEqual([]);
    });

    it("rewrites the parent's file when the child ends, and renames with the session", () => {
      writeFileSync(join(w, 'work.txt'), 'done\n');
      q.git(['add', 'work.txt'], { cwd: w });
      q.git(['commit', '-q', '-m', 'work'], { cwd: w });
      q.ok(['end', 'Worked', '--commit'], { cwd: w });
      const fm = parseYaml(file(q.dir).split('\n---\n')[0]!.slice(4));
      expect(fm.orchestration.spawned_agents[0]).toMatchObject({ status: 'completed', summary: 'Worked' });
      q.ok(['edit', '--name', 'lone']);
      expect(files(q.dir).map((f) => f.slice(15))).toEqual(['-lone.md']);
    });

    it('finds children from their own commits on a clone', () => {
      const c = cloneOf(q);
      c.ok(['rebuild']);
      expect(readFileSync(join(c.dir, '.git', 'sessions', 'history', 'links'), 'utf8')).toContain(id);
      const p = c.json(['show', id]);
      expect(p.children.map((k: any) => [k.name, k.status, k.summary, k.agent])).toEqual([
        ['worker', 'completed', 'Worked', 'dev'],
      ]);
    });
  });
});
