// Issue 9, point 4 (the command side): during a rebase, merge, cherry-pick, revert or bisect,
// commands act on the session of the branch being worked on and status says what is in progress;
// a detached HEAD gets a clear sentence. Real git operations stopped on real conflicts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, sessionRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

let r: TestRepo;
let id: string;

beforeAll(() => {
  // feature/g and main both change f.txt: every operation below stops on a conflict.
  ({ r, id } = sessionRepo('feature/g', ['Land the feature']));
  r.commit('g: f', { 'f.txt': 'feature\n' });
  r.commit('g: f again', { 'f.txt': 'feature, twice\n' });
  r.git(['switch', '-q', 'main']);
  r.commit('main: f', { 'f.txt': 'main\n' });
  r.git(['switch', '-q', 'feature/g']);
});

/** The operation stops on the conflict; commands then act on feature/g's session. */
function stopped(start: string[], abort: string[], operation: string): void {
  expect(r.git(start, { allowFail: true }).code, start.join(' ')).not.toBe(0);
  try {
    const text = r.gs(['status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^${operation[0]!.toUpperCase()}${operation.slice(1)} in progress on 'feature/g' \\(git `),
    );
    expect(text.stdout).toContain('Land the feature');
    const json = r.json(['status']);
    expect(json.id).toBe(id);
    expect(json.inProgress).toEqual({ operation, branch: 'feature/g' });
    const entry = `during the ${operation}`;
    expect(r.gs(['log', '--progress', entry]).code).toBe(0);
    expect(r.gs(['decisions', 'add', `decided during the ${operation}`]).code).toBe(0);
    expect(events(r, id).some((e) => e.type === 'journal.added' && e.text === entry)).toBe(true);
  } finally {
    r.git(abort);
  }
}

describe('git operations in progress', () => {
  it('rebase (HEAD detached): status names the rebase and the branch’s session; log and decisions add land in it', () => {
    stopped(['rebase', 'main'], ['rebase', '--abort'], 'rebase');
  });

  it('merge', () => {
    stopped(['merge', 'main'], ['merge', '--abort'], 'merge');
  });

  it('cherry-pick', () => {
    stopped(['cherry-pick', 'main'], ['cherry-pick', '--abort'], 'cherry-pick');
  });

  it('revert', () => {
    stopped(['revert', '--no-edit', 'HEAD~1'], ['revert', '--abort'], 'revert');
  });

  it('bisect (HEAD detached on a middle commit)', () => {
    r.git(['bisect', 'start', 'HEAD', 'HEAD~2']);
    try {
      const text = r.gs(['status']).stdout;
      expect(text).toMatch(/^Bisect in progress on 'feature\/g' \(git bisect good\|bad, or git bisect reset\)\./);
      expect(r.json(['status']).id).toBe(id);
      expect(r.gs(['log', '--discovery', 'the bug came with g: f']).code).toBe(0);
    } finally {
      r.git(['bisect', 'reset']);
    }
    expect(r.git(['branch', '--show-current']).stdout.trim()).toBe('feature/g');
  });

  it('nothing in progress: no such line, and inProgress is null', () => {
    expect(r.gs(['status']).stdout).not.toContain('in progress');
    expect(r.json(['status']).inProgress).toBeNull();
  });
});

describe('a detached HEAD', () => {
  it('gets a clear sentence from status, and commands that need a session say how to go on', () => {
    r.git(['switch', '-q', '--detach', 'main']);
    try {
      const sha = r.head().slice(0, 7);
      const status = r.gs(['status']);
      expect(status.code).toBe(0);
      expect(status.stdout).toBe(
        `HEAD is detached at ${sha}: no branch is checked out, so no session is current (sessions follow branches). Switch to a branch (git switch <branch>), or look at a session with git session show <session>.\n`,
      );
      expect(r.json(['status'])).toBeNull();
      const log = r.gs(['log', '--progress', 'x']);
      expect(log.code).toBe(1);
      expect(log.stderr).toBe(
        'git-session: HEAD is detached (no branch is checked out), so there is no current session — switch to a branch (git switch <branch>), or name the session: --session <ref>\n',
      );
      const start = r.gs(['start', '-o', 'x']);
      expect(start.code).toBe(1);
      expect(start.stderr).toContain(
        'HEAD is detached (no branch is checked out), so there is no branch to start a session on',
      );
      // --session still reaches a session from anywhere.
      expect(r.gs(['log', '--progress', 'from a detached HEAD', '--session', 'g']).code).toBe(0);
    } finally {
      r.git(['switch', '-q', 'feature/g']);
    }
  });
});
