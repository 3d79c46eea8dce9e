// Rebuild from history: what one clone did reaches another through git alone.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { baseEnv, cleanupAll, makeRepo, TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

/** The fields history carries, in a comparable form (times and local-only counters left out). */
function carried(s: any) {
  return {
    id: s.id,
    name: s.name,
    title: s.title,
    branch: s.branch,
    // Active or paused is where a person is working right now: local, not history.
    status: s.status === 'active' ? 'paused' : s.status,
    tasks: [...s.tasks].sort(),
    summary: s.summary,
    objectives: s.objectives.map((o: any) => ({ id: o.id, text: o.text, status: o.status })),
    decisions: s.decisions.map((d: any) => ({
      id: d.id,
      text: d.text,
      rationale: d.rationale,
      alternatives: d.alternatives,
    })),
    blockers: s.blockers.map((b: any) => ({ id: b.id, text: b.text, status: b.status, note: b.note })),
    log: s.log.map((e: any) => ({ kind: e.kind, text: e.text })),
    commits: s.commits
      .map((c: any) => ({ sha: c.sha, subject: c.subject, files: c.files }))
      .sort((a: any, b: any) => (a.sha < b.sha ? -1 : 1)),
  };
}

function cloneOf(origin: string, env: NodeJS.ProcessEnv): TestRepo {
  const dir = join(tempDir(), 'clone');
  const r = new TestRepo(dir, env);
  mkdirSync(dir);
  r.git(['clone', '-q', origin, '.']);
  r.git(['config', 'user.email', 'other@example.com']);
  return r;
}

describe('round trip through a bare repository', () => {
  let a: TestRepo;
  let b: TestRepo;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    a = makeRepo();
    const bare = join(tempDir(), 'origin.git');
    a.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    a.git(['remote', 'add', 'origin', bare]);
    a.ok(['init']);
    a.git(['add', '.session']);
    a.commit('chore: add session context');

    const s1 = a.json([
      'start',
      'feature/oauth',
      '-o',
      'Google login',
      '-o',
      'GitHub login',
      '--task',
      'JIRA-12',
      '--title',
      'OAuth; "sign in"',
    ]);
    ids.s1 = s1.id;
    const [google, github] = s1.objectives;
    a.ok([
      'decisions',
      'add',
      'Use PKCE\nwith S256',
      '--rationale',
      'code interception; replay',
      '--alternatives',
      'implicit flow',
    ]);
    const blk = a.json(['blockers', 'add', 'Waiting on API keys']);
    a.commit('feat(auth): google provider', { 'src/google.ts': 'export {}\n' });
    a.ok(['objectives', 'complete', google.id]);
    a.ok(['objectives', 'start', github.id]);
    a.ok(['blockers', 'resolve', blk.id, '--note', 'keys arrived']);
    a.ok(['log', '--discovery', 'Callback must be https', '--next', 'GitHub provider']);
    a.commit('feat(auth): github provider wip', { 'src/github.ts': 'export {}\n' });
    // Completed after the last commit; an ended session's branch no longer carries it in commits,
    // so `end --commit` makes the commit that does.
    a.ok(['objectives', 'complete', github.id]);
    a.ok(['end', '--summary', 'OAuth done', '--commit']);
    a.commit('docs: oauth notes', { 'docs/oauth.md': '# OAuth\n' });

    const s2 = a.json(['start', 'fix/crash', '-o', 'Fix the crash']);
    ids.s2 = s2.id;
    a.ok(['decisions', 'add', 'Guard against null']);
    a.commit('fix: guard', { 'src/crash.ts': 'export {}\n' });
    // Local only: never committed, must not appear in the clone.
    a.ok(['log', '--progress', 'not committed yet']);

    // --no-verify: no session refs go (the pre-push hook, docs/sync.md); the clone has the history alone.
    a.git(['push', '-q', '--no-verify', 'origin', 'main', 'feature/oauth', 'fix/crash']);
    b = cloneOf(bare, baseEnv(join(tempDir(), 'home')));
    b.ok(['init']);
  });

  it('rebuilds every committed session field by field', () => {
    // init read the history already (docs/sync.md, "The clone path"); --full reads it again.
    const r = b.json(['rebuild', '--full']);
    expect(r.sessions.map((s: any) => s.id).sort()).toEqual([ids.s1, ids.s2].sort());
    for (const id of [ids.s1!, ids.s2!]) {
      const here = carried(a.json(['show', id]));
      const there = carried(b.json(['show', id]));
      if (id === ids.s2) here.log = here.log.filter((e: any) => e.text !== 'not committed yet');
      expect(there).toEqual(here);
    }
    const s1 = b.json(['show', ids.s1!]);
    expect(s1.status).toBe('completed');
    expect(s1.decisions[0].text).toBe('Use PKCE\nwith S256');
    expect(s1.commits.find((c: any) => c.subject === 'feat(auth): google provider').files).toEqual(['src/google.ts']);
  });

  it('links the branches so further commits continue the session', () => {
    b.git(['switch', '-q', 'fix/crash']);
    expect(b.json(['status']).id).toBe(ids.s2);
    b.ok(['objectives', 'complete', 'Fix the crash']);
    b.commit('fix: done', { 'src/crash2.ts': 'x\n' });
    expect(b.trailers()).toContain(`Session: ${ids.s2}`);
    expect(b.trailers()).toMatch(/Session-Objectives: \[x\] obj-\S+ Fix the crash/);
  });

  it('reads only new commits on a re-run, and nothing when nothing changed', () => {
    expect(b.json(['rebuild']).upToDate).toBe(false);
    const again = b.json(['rebuild']);
    expect(again.upToDate).toBe(true);
    b.git(['switch', '-q', 'main']);
    b.commit('chore: unrelated');
    const next = b.json(['rebuild']);
    expect(next.full).toBe(false);
    // Every new commit is read (its parents give the generations), none of them names a session.
    expect([next.scanned, next.sessionCommits]).toEqual([1, 0]);
    b.git(['switch', '-q', 'fix/crash']);
    b.commit('fix: more');
    const one = b.json(['rebuild']);
    expect([one.scanned, one.sessionCommits, one.known]).toEqual([1, 1, 1]);
  });

  it('merges local events that were never committed instead of overwriting them', () => {
    a.json(['rebuild']);
    const s2 = a.json(['show', ids.s2!]);
    expect(s2.log.map((e: any) => e.text)).toContain('not committed yet');
  });
});

describe('only the real trailer block counts', () => {
  it('ignores a Session line forged in a message body and reports malformed trailers', () => {
    const r = initRepo();
    const s = r.json(['start', 'f', '-o', 'real']);
    r.commit('real work', { 'a.txt': 'a\n' });
    r.git(['switch', '-q', 'main']);
    const forged = `fake\n\nSession: 01936b2c-7f3e-7abc-9def-0123456789ab\nDecisions: dec-aaaa forged decision\n\nThe end of the body.`;
    r.git(['commit', '-q', '--allow-empty', '-m', forged]);
    r.git(['commit', '-q', '--allow-empty', '-m', `broken\n\nSession: ${s.id}\nDecisions: this is not our format`]);
    const out = r.gs(['rebuild', '--full', '--json']);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.sessions.map((x: any) => x.id)).toEqual([s.id]);
    expect(result.rejected).toEqual(['Decisions: this is not our format']);
    expect(out.stderr).toContain('Ignored 1 malformed session trailer');
    expect(r.json(['show', s.id]).decisions).toEqual([]);
  });
});

describe('history rewritten elsewhere', () => {
  it('after a force-push, the next rebuild forgets the commits no ref reaches any more', () => {
    const a = initRepo();
    a.git(['add', '.session']);
    a.commit('chore: session context');
    const s = a.json(['start', 'feature/x', '-o', 'X']);
    a.commit('feat: a', { 'a.ts': 'a\n' });
    a.commit('feat: b', { 'b.ts': 'b\n' });
    const b = cloneOf(a.dir, a.env);
    b.ok(['rebuild']);
    expect(b.json(['show', s.id]).commits).toHaveLength(2);
    a.write('b.ts', 'b2\n');
    a.git(['add', 'b.ts']);
    a.git(['commit', '-q', '--amend', '--no-edit']);
    b.git(['fetch', '-q']);
    b.git(['reset', '-q', '--hard', 'origin/feature/x']);
    const r = b.json(['rebuild']);
    expect(r.full).toBe(true);
    const shas = b.json(['show', s.id]).commits.map((c: any) => c.sha);
    expect(shas).toHaveLength(2);
    expect(shas).toContain(a.head());
  });

  it('a repository without commits has nothing to rebuild, and says so without an error', () => {
    const r = makeRepo({ empty: true });
    const out = r.gs(['rebuild']);
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('fatal');
  });
});
