// Decisions over time and by file, on one real history: `decisions supersede` (within a session
// and across sessions, carried by the next commit so a fresh clone agrees), `why` for a file
// followed through a rename, for lines (blame), for a folder, and `search` over every session,
// ended ones included — each hit with its session and commit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionRepo, startSession } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('decisions by file and over time', () => {
  let r: TestRepo;
  let auth: string;
  let jwt: string;
  let argon: string;

  beforeAll(() => {
    // Session "auth" (ended later): the auth code and its decisions.
    ({ r } = sessionRepo('feature/auth', ['Log in']));
    auth = r.json(['status']).id;
    jwt = r.json(['decisions', 'add', 'Use JWT', '--rationale', 'stateless servers']).id;
    r.commit('feat(auth): tokens', { 'src/auth.ts': 'line 1\nline 2\nline 3\n' });
    argon = r.json(['decisions', 'add', 'Hash with argon2', '--rationale', 'memory-hard']).id;
    r.ok(['log', '--progress', 'Token refresh works']);
    r.commit('feat(auth): hashing', { 'src/auth.ts': 'line 1\nline 2 hashed\nline 3\n', 'src/util.ts': 'u\n' });
    r.git(['mv', 'src/auth.ts', 'src/login.ts']);
    r.commit('refactor: auth is login');
    r.ok(['end', 'Login shipped', '--commit']);
    // Session "sessions", later: replaces the JWT decision of the ended session.
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--no-ff', '-m', 'Merge auth', 'feature/auth']);
    startSession(r, 'feature/sessions', ['Server sessions']);
  });

  it('supersede across sessions: the new decision names the old; the brief shows the current one only', () => {
    const out = r.json([
      'decisions',
      'supersede',
      jwt.slice(0, 8),
      'Use server sessions',
      '--rationale',
      'JWT revocation was needed',
    ]);
    expect(out).toMatchObject({ text: 'Use server sessions', supersedes: jwt, supersededBy: null });
    expect(out.replaced).toMatchObject({ id: jwt, supersededBy: out.id, session: { id: auth } });
    const again = r.gs(['decisions', 'supersede', jwt, 'again']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${jwt} was already replaced by ${out.id}`);
    // The old session's list marks it; the brief of either session shows only current decisions.
    const list = r.json(['decisions', 'list', '--session', 'auth']);
    expect(list.find((d: any) => d.id === jwt).supersededBy).toBe(out.id);
    const brief = r.json(['brief']);
    expect(brief.how.decisions.map((d: any) => [d.text, d.supersedes])).toEqual([
      ['Use server sessions', { id: jwt, text: 'Use JWT' }],
    ]);
    expect(brief.how.otherDecisions.map((d: any) => d.text)).toEqual(['Hash with argon2']);
    expect(r.ok(['brief']).stdout).toContain(`replaces ${jwt}: Use JWT`);
  });

  it('a decision nobody has, a bad number, or a prefix too short for another session is refused', () => {
    for (const ref of ['dec-zzzzzzzz', '7', 'zzz']) {
      const out = r.gs(['decisions', 'supersede', ref, 'x']);
      expect(out.code, ref).toBe(1);
      expect(out.stderr).toMatch(/no decision|there are no|no decision number/);
    }
    expect(r.gs(['decisions', 'supersede', jwt]).code).toBe(2);
  });

  it('the next commit carries the replacement; a fresh clone rebuilds the same link', () => {
    r.commit('feat: sessions', { 'src/login.ts': 'line 1\nline 2 hashed\nline 3\nsessions\n' });
    expect(r.trailers()).toContain(`; supersedes: ${jwt}`);
    const clone = tempDir();
    r.git(['clone', '-q', '--no-local', '--branch', 'feature/sessions', r.dir, clone]);
    r.ok(['rebuild'], { cwd: clone });
    const list = r.json(['decisions', 'list', '--session', 'auth'], { cwd: clone });
    const replacing = r.json(['decisions', 'list', '--session', 'sessions'], { cwd: clone });
    expect(list.find((d: any) => d.id === jwt).supersededBy).toBe(replacing[0].id);
    expect(replacing[0]).toMatchObject({ text: 'Use server sessions', supersedes: jwt });
  });

  it('why follows a file through its rename: sessions newest first, direct decisions marked, replaced ones with what replaced them', () => {
    const w = r.json(['why', 'src/login.ts']);
    expect(w.path).toBe('src/login.ts');
    expect(w.sessions.map((s: any) => s.session.name)).toEqual(['sessions', 'auth']);
    const old = w.sessions[1];
    expect(old.commits.map((c: any) => c.subject)).toEqual([
      'refactor: auth is login',
      'feat(auth): hashing',
      'feat(auth): tokens',
    ]);
    const byId = Object.fromEntries(old.decisions.map((d: any) => [d.id, d]));
    expect(byId[argon]).toMatchObject({ direct: true, replacedBy: null });
    expect(byId[jwt]).toMatchObject({ direct: true, replacedBy: { text: 'Use server sessions' } });
    expect(w.withoutSession).toBeGreaterThanOrEqual(0);
    const text = r.ok(['why', 'src/login.ts']).stdout;
    expect(text).toContain('replaced by');
    expect(text).toContain('Use server sessions');
  });

  it('why for lines asks git blame: only the commits that made those lines', () => {
    const line2 = r.json(['why', 'src/login.ts:2']);
    expect(line2.lines).toEqual({ from: 2, to: 2 });
    expect(line2.sessions.map((s: any) => s.commits.map((c: any) => c.subject))).toEqual([['feat(auth): hashing']]);
    const lines = r.json(['why', 'src/login.ts:3-4']);
    expect(lines.sessions.map((s: any) => s.session.name)).toEqual(['sessions', 'auth']);
    r.write('src/login.ts', 'line 1\nline 2 hashed\nline 3\nsessions\nnot committed\n');
    expect(r.json(['why', 'src/login.ts:5']).uncommitted).toBe(1);
    r.git(['checkout', '--', 'src/login.ts']);
  });

  it('why for lines puts commits of the same second in graph order, the child first', () => {
    // Blame lists line 1's commit first; both commits claim one second, so only the graph can say.
    const second = { GIT_COMMITTER_DATE: '2026-06-01T12:00:00Z', GIT_AUTHOR_DATE: '2026-06-01T12:00:00Z' };
    r.write('src/tie.ts', 'one\n');
    r.git(['add', 'src/tie.ts']);
    r.git(['commit', '-q', '-m', 'tie: parent'], { env: second });
    r.write('src/tie.ts', 'one\ntwo\n');
    r.git(['commit', '-q', '-am', 'tie: child'], { env: second });
    const tie = r.json(['why', 'src/tie.ts:1-2']);
    expect(tie.sessions.map((s: any) => s.commits.map((c: any) => c.subject))).toEqual([['tie: child', 'tie: parent']]);
  });

  it('why for a folder, and refusals: outside the repository, unknown path, lines past the end', () => {
    const dir = r.json(['why', 'src']);
    expect(dir.sessions.length).toBe(2);
    expect(r.json(['why', 'login.ts'], { cwd: `${r.dir}/src` }).path).toBe('src/login.ts');
    const outside = r.gs(['why', '../..']);
    expect([outside.code, outside.stderr]).toEqual([1, expect.stringContaining('outside the repository')]);
    const gitDir = r.gs(['why', '.git/config']);
    expect([gitDir.code, gitDir.stderr]).toEqual([1, expect.stringContaining("in git's own folder")]);
    const unknown = r.gs(['why', 'src/nothing.ts']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("no file or folder 'src/nothing.ts'")]);
    const past = r.gs(['why', 'src/login.ts:99']);
    expect([past.code, past.stderr]).toEqual([1, expect.stringContaining('has only 4 lines')]);
    const zero = r.gs(['why', 'src/login.ts:0']);
    expect(zero.code).toBe(1);
    expect(r.gs(['why', 'src/login.ts:9-3']).code).toBe(1);
    // A file whose name ends like a line range is the file.
    r.write('odd:1', 'x\n');
    expect(r.json(['why', 'odd:1']).lines).toBeNull();
    // Pathspec magic is a file name, never magic.
    expect(r.gs(['why', ':(glob)**']).code).toBe(1);
  });

  it('search finds every kind of text of every session, ended ones too, naming session and commit', () => {
    const hits = r.json(['search', 'jwt']);
    expect(hits.total).toBe(2);
    expect(hits.hits.map((h: any) => [h.kind, h.session.name, h.status])).toEqual([
      ['decision', 'sessions', 'current'],
      ['decision', 'auth', 'replaced'],
    ]);
    expect(hits.hits.map((h: any) => h.fields)).toEqual([['rationale'], ['text']]);
    expect(hits.hits[1].commit).toMatch(/^[0-9a-f]{40}$/);
    // Rationale, journal, summary; terms must all appear; case is ignored.
    expect(r.json(['search', 'MEMORY-HARD']).hits[0]).toMatchObject({ id: argon, fields: ['rationale'] });
    expect(r.json(['search', 'token', 'refresh']).hits.map((h: any) => h.kind)).toEqual(['progress']);
    expect(r.json(['search', 'shipped']).hits[0]).toMatchObject({ kind: 'session', fields: ['summary'] });
    expect(r.json(['search', 'log', '--kind', 'objective']).hits.map((h: any) => h.text)).toEqual(['Log in']);
    expect(r.json(['search', 'e', '-n', '1']).hits).toHaveLength(1);
    const none = r.gs(['search', 'kubernetes']);
    expect([none.code, none.stdout.trim()]).toEqual([1, 'No match.']);
    expect(r.gs(['search', 'x', '--kind', 'wish']).code).toBe(2);
    expect(r.gs(['search', '  ']).code).toBe(2);
  });
});
