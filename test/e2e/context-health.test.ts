// Context health in the brief and the handoff: documents the code has moved away from, measured
// with git on a real repository, and the agent documents next to the session's changes.

import { afterAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

/** Shared context documents someone wrote (init's starter text alone is "not filled in", never stale). */
function fill(r: TestRepo): void {
  r.write('.session/architecture.md', '# Architecture\n\nA billing service: `core/` is pure.\n');
  r.write('.session/conventions.md', '# Conventions\n\nOne concept per file.\n');
}

describe('context health', () => {
  it('names stale context documents and the agent documents near the changes', () => {
    const r = initRepo();
    fill(r);
    r.git(['add', '.session']);
    r.commit('docs: session context', { 'src/auth/CLAUDE.md': '# Auth\n', 'src/api/CLAUDE.md': '# API\n' });
    r.ok(['start', 'feature/auth', '-o', 'OAuth']);
    for (let i = 1; i <= 9; i++) r.commit(`feat(auth): step ${i}`, { 'src/auth/login.ts': `${i}\n` });
    let b = r.json(['brief']);
    expect(b.watch.staleContext).toEqual([]);
    expect(b.how.contextFiles).toEqual(['src/auth/CLAUDE.md']);

    r.commit('feat(auth): step 10', { 'src/auth/login.ts': '10\n' });
    // Changes elsewhere do not make src/auth/CLAUDE.md stale, but do count for the shared docs.
    r.commit('fix(api): unrelated', { 'src/api/routes.ts': 'x\n' });
    b = r.json(['brief']);
    expect(b.watch.staleContext.map((c: any) => [c.path, c.commitsSince])).toEqual([
      ['.session/architecture.md', 11],
      ['.session/conventions.md', 11],
      ['src/auth/CLAUDE.md', 10],
    ]);
    expect(r.ok(['brief']).stdout).toContain('`src/auth/CLAUDE.md`: 10 commits changed the code since it last changed');
    expect(r.ok(['handoff']).stdout).toContain('## Context to update');

    // Updating the document makes it fresh again.
    r.commit('docs(auth): notes for OAuth', { 'src/auth/CLAUDE.md': '# Auth\nOAuth now.\n' });
    b = r.json(['brief']);
    expect(b.watch.staleContext.map((c: any) => c.path)).not.toContain('src/auth/CLAUDE.md');
  });

  it('a TODO that a later commit removed is no longer listed', () => {
    const r = initRepo();
    r.ok(['start', 'feature/todo', '-o', 'T']);
    r.commit('feat: start', { 'a.ts': 'x\n// FIXME remove me\n// TODO keep me\n' });
    expect(r.json(['brief']).watch.todos.map((t: any) => t.text)).toEqual(['// FIXME remove me', '// TODO keep me']);
    r.commit('fix: done', { 'a.ts': 'x\n// TODO keep me\n' });
    expect(r.json(['brief']).watch.todos.map((t: any) => t.text)).toEqual(['// TODO keep me']);
  });

  it('a context document deleted since is not listed as stale', () => {
    const r = initRepo();
    fill(r);
    r.git(['add', '.session']);
    r.commit('docs: session context');
    r.ok(['start', 'feature/gone']);
    r.git(['rm', '-q', '.session/conventions.md']);
    r.commit('docs: drop conventions');
    for (let i = 1; i <= 11; i++) r.commit(`feat: ${i}`, { [`f${i}.ts`]: `${i}\n` });
    expect(r.json(['brief']).watch.staleContext.map((c: any) => c.path)).toEqual(['.session/architecture.md']);
  });

  it('a starter document nobody filled in is named as not filled in, never quoted and never stale', () => {
    const r = initRepo();
    r.git(['add', '.session']);
    r.commit('docs: session context');
    r.ok(['start', 'feature/starter', '-o', 'S']);
    for (let i = 1; i <= 11; i++) r.commit(`feat: ${i}`, { [`f${i}.ts`]: `${i}\n` });
    const b = r.json(['brief']);
    expect(b.watch.staleContext).toEqual([]);
    expect(b.how.unfilled).toEqual(['.session/architecture.md', '.session/conventions.md']);
    expect(b.how.architecture).toBeNull();
    expect(r.ok(['brief']).stdout).not.toContain('One paragraph');
  });
});
