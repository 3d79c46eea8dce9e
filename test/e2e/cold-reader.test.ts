// Issue 9, points 6 and 7 and its small output bugs, against the built binary in real repositories:
// what a cold reader gets (how to continue, where the branch stands, the test command, progress,
// resolved blockers, the pause note), next steps that leave with their objective, the checkpoint
// message, `list` with only ended sessions, rates under 15 minutes, implausible dates, complete JSON
// lists, and seed 001's config.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const T = (m: number) => new Date(Date.UTC(2026, 0, 5, 9, m)).toISOString();
const pin = (m: number) => ({ env: { GIT_SESSION_NOW: T(m), GIT_AUTHOR_DATE: T(m), GIT_COMMITTER_DATE: T(m) } });

describe('a session picked up cold', () => {
  let r: TestRepo;
  let clone: TestRepo;
  beforeAll(() => {
    // A remote with main, and a clone that works on a feature branch pushed there.
    const origin = makeRepo();
    origin.commit('chore: project', { 'package.json': '{"scripts":{"test":"vitest run"}}\n', 'pnpm-lock.yaml': '' });
    origin.git(['config', 'receive.denyCurrentBranch', 'ignore']);
    const dir = join(tempDir(), 'clone');
    origin.git(['clone', '-q', origin.dir, dir]);
    r = new (origin.constructor as typeof TestRepo)(dir, origin.env);
    r.git(['config', 'user.email', 'dev@example.com']);
    r.git(['config', 'user.name', 'Dev']);
    r.ok(['init'], pin(0));
    r.ok(['start', 'feature/login', '-o', 'Login form', '-o', 'Remember me'], pin(1));
    r.commit('feat: form', { 'a.txt': 'a\n' });
    r.git(['push', '-q', '-u', 'origin', 'feature/login']);
    r.commit('feat: more', { 'b.txt': 'b\n' });
    const steps = ['Login form', 'Write the tests', ...Array.from({ length: 7 }, (_v, i) => `Step ${i}`)];
    r.ok(['log', '--next', steps[0]!, '--progress', 'The form renders'], pin(2));
    for (const [i, s] of steps.slice(1).entries()) r.ok(['log', '--next', s], pin(3 + i));
    const blocker = r.json(['blockers', 'add', 'CI is red'], pin(12)).id as string;
    r.ok(['blockers', 'resolve', blocker, '--note', 'flaky test quarantined'], pin(13));
    r.ok(['objectives', 'complete', 'Login form'], pin(14));
    r.ok(['pause', '--note', 'Stopped in the validator'], pin(15));
    clone = r;
  });

  it('status, show and resume show the pause note; status --json lists every next step', () => {
    expect(r.ok(['status'], pin(16)).stdout).toContain('paused: Stopped in the validator');
    const resumed = r.ok(['resume'], pin(17)).stdout;
    expect(resumed).toContain('left off: Stopped in the validator');
    expect(r.ok(['show'], pin(18)).stdout).toContain('left off: Stopped in the validator');
    const json = r.json(['status'], pin(18));
    // Nine steps, one of them tied to the completed objective "Login form": eight, none capped.
    expect(json.next).toHaveLength(8);
    expect(json.next).not.toContain('Login form');
  });

  it('the brief says how to continue, where the branch stands, the test command, progress and resolved blockers', () => {
    const brief = r.ok(['brief'], pin(19)).stdout;
    expect(brief).toContain('## Continue');
    expect(brief).toContain('active on the checked-out branch');
    expect(brief).toContain('1 ahead of and 0 behind `origin/feature/login` (push it)');
    expect(brief).toContain('2 commits not in `origin/main`, 0 behind it');
    expect(brief).toContain('Check the work with `pnpm test` (from package.json)');
    expect(brief).toContain('### Progress\n- 2026-01-05 09:02 The form renders');
    expect(brief).toContain('- blk-');
    expect(brief).toContain('  - how: flaky test quarantined');
    expect(brief).toContain('(left off at the last pause) Stopped in the validator');
    // Starter text nobody edited is never quoted.
    expect(brief).not.toContain('One paragraph: what the system does');
    expect(brief).toContain('Not filled in yet');
    // The next step tied to the completed objective left.
    expect(brief).not.toMatch(/^- Login form$/m);
    const data = r.json(['brief'], pin(19));
    expect(data.continue.test).toEqual({ command: 'pnpm test', source: 'package.json' });
    expect(data.branch.upstream).toEqual({ name: 'origin/feature/login', ahead: 1, behind: 0, gone: false });
    expect(data.branch.base).toEqual({ name: 'origin/main', ahead: 2, behind: 0, merged: false });
    // From another branch the brief names the exact command; merged once main has the commits.
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--ff-only', 'feature/login']);
    r.git(['push', '-q', 'origin', 'main']);
    const away = r.json(['brief', '--session', 'login'], pin(20));
    expect(away.continue.commands).toEqual(['git session resume login']);
    expect(away.branch.base).toMatchObject({ name: 'origin/main', merged: true });
    expect(r.ok(['brief', '--session', 'login'], pin(20)).stdout).toContain('merged into `origin/main`');
    const handoff = r.ok(['handoff', '--session', 'login'], pin(20)).stdout;
    expect(handoff).toContain('`git session resume login`');
    expect(handoff).toContain('## What was done');
    expect(handoff).toContain('## Blockers resolved');
    r.git(['switch', '-q', 'feature/login']);
  });

  it('commands.test wins over what the project files say', () => {
    const config = join(clone.dir, '.session', 'config.yaml');
    const before = readFileSync(config, 'utf8');
    writeFileSync(config, 'commands:\n  test: make check\n');
    expect(clone.json(['brief'], pin(21)).continue.test).toEqual({
      command: 'make check',
      source: '.session/config.yaml',
    });
    writeFileSync(config, before);
  });
});

describe('checkpoint messages, list, rates and dates', () => {
  it('checkpoint --decision alone says what was decided; a completed objective is not Next', () => {
    const r = makeRepo();
    r.ok(['init'], pin(0));
    const config = join(r.dir, '.session', 'config.yaml');
    writeFileSync(config, 'session_file:\n  enabled: true\n');
    r.ok(['start', 'feature/c', '-o', 'Login form', '-o', 'Remember me'], pin(1));
    r.ok(['log', '--next', 'Login form'], pin(2));
    r.write('a.txt', 'a\n');
    r.git(['add', 'a.txt']);
    r.ok(['checkpoint', '--decision', 'Signed cookies'], pin(3));
    const first = r.message();
    expect(first).toContain('Session: decided Signed cookies');
    expect(first).not.toContain('nothing recorded');
    r.ok(['objectives', 'complete', 'Login form'], pin(4));
    r.ok(['checkpoint', '--allow-empty', '--label', 'after'], pin(5));
    const second = r.message();
    expect(second).toContain('Session: completed Login form');
    expect(second).toContain('Next: Remember me');
    const sessionMd = readFileSync(join(r.dir, 'SESSION.md'), 'utf8');
    expect(sessionMd).toContain('**Next Action**: Start: Remember me');
  });

  it('list points at --all when only ended sessions exist; rates need 15 active minutes; implausible dates show as dates', () => {
    const r = makeRepo();
    r.ok(['init'], pin(0));
    r.ok(['start', 'feature/quick', '-o', 'Q'], pin(1));
    r.commit('feat: one', { 'q.txt': 'q\n' }, []);
    r.ok(['end', '--commit'], pin(2));
    const list = r.gs(['list'], pin(3));
    expect(list.code).toBe(0);
    expect(list.stdout.trim()).toBe('No open sessions; 1 ended session: git session list --all');
    const velocity = r.json(['analyze', '--velocity'], pin(3)).velocity;
    expect(velocity.commitsPerActiveHour).toBeNull();
    expect(r.ok(['analyze', '--velocity'], pin(3)).stdout).toContain('per active hour: — commits');
    // A commit dated 2035 (a wrong clock, a forged date): a date, never thousands of days.
    r.ok(['start', 'feature/future', '-o', 'F'], pin(4));
    r.write('f.txt', 'f\n');
    r.git(['add', 'f.txt']);
    r.git(['commit', '-q', '-m', 'feat: future'], {
      env: { GIT_AUTHOR_DATE: '2035-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2035-01-01T00:00:00Z' },
    });
    const history = r.ok(['history'], pin(5)).stdout;
    expect(history).toContain('2026-01-05 to 2035-01-01 (implausible dates)');
    expect(history).not.toMatch(/\d{3,}d/);
    expect(r.ok(['list'], pin(5)).stdout).not.toMatch(/\d{3,}d/);
  });

  it("seed 001's config.yaml works as it is: handoff_on_end writes the handoff on every end, the rest is one warning", () => {
    const r = makeRepo();
    r.ok(['init'], pin(0));
    writeFileSync(
      join(r.dir, '.session', 'config.yaml'),
      'session:\n  auto_track: true\n  handoff_on_end: true\ncontext:\n  architecture: hexagonal\n  patterns:\n    - repository-pattern\ntracking:\n  watch_patterns:\n    - "src/**/*.py"\n',
    );
    r.ok(['start', 'feature/seed', '-o', 'S'], pin(1));
    const brief = r.gs(['brief'], pin(2));
    expect(brief.stdout).toContain('- Architecture: hexagonal');
    expect(brief.stdout).toContain('- Patterns to follow: repository-pattern');
    expect(brief.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /warning: .*'session\.auto_track' has no effect.*; 'tracking\.watch_patterns' has no effect/,
      ),
    ]);
    const end = r.gs(['end', '--summary', 'done'], pin(3));
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('# Handoff: S');
    expect(readFileSync(join(r.dir, 'NEXT_SESSION.md'), 'utf8')).toContain('# Handoff: S');
  });
});
