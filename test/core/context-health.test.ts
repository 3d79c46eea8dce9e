import { describe, expect, it } from 'vitest';
import { nearbyContextDocs, STALE_AFTER_COMMITS, staleContext } from '../../src/core/context-health.js';

describe('context health', () => {
  it('finds the agent documents in the folders a session changed and their parents, nearest first', () => {
    const tracked = ['AGENTS.md', 'src/auth/CLAUDE.md', 'src/api/CLAUDE.md', 'docs/guide.md', 'src/CLAUDE.md'];
    expect(nearbyContextDocs(tracked, ['src/auth/login.ts', 'README.md'])).toEqual([
      'src/auth/CLAUDE.md',
      'src/CLAUDE.md',
      'AGENTS.md',
    ]);
    expect(nearbyContextDocs(tracked, ['src/authz/x.ts'])).toEqual(['src/CLAUDE.md', 'AGENTS.md']);
  });

  it(`calls a document stale from ${STALE_AFTER_COMMITS} commits of code change on, most behind first`, () => {
    const at = '2026-01-05T10:00:00.000Z';
    expect(
      staleContext([
        { path: 'a.md', dir: '', lastChanged: at, commitsSince: STALE_AFTER_COMMITS - 1 },
        { path: 'b.md', dir: '', lastChanged: at, commitsSince: STALE_AFTER_COMMITS },
        { path: 'c.md', dir: 'src', lastChanged: at, commitsSince: 40 },
        { path: 'never-committed.md', dir: '', lastChanged: null, commitsSince: 0 },
      ]).map((s) => s.path),
    ).toEqual(['c.md', 'b.md']);
  });
});
