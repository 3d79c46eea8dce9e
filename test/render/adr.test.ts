// ADR files (render/adr.ts): their names, their mark, and the status a superseding decision writes.

import { describe, expect, it } from 'vitest';
import {
  adrDecisionOf,
  adrFileName,
  adrNumberOf,
  renderAdr,
  supersededStatus,
  withStatus,
} from '../../src/render/adr.js';

const decision = {
  id: 'dec-abcd1234efgh5678',
  text: 'Use JWT for sessions\nwith short expiry',
  rationale: 'stateless',
  alternatives: 'server sessions: a store to run',
  at: '2026-01-05T09:00:00.000Z',
  author: 'dev@example.com',
  supersedes: null,
  supersededBy: null,
  commit: null,
};
const context = {
  session: { id: 'sid', name: 'auth', title: 'Auth', branch: 'feature/auth' },
  workingOn: [],
  supersedes: { number: 3, file: '0003-use-cookies.md' },
};

describe('ADR files', () => {
  it('names a file by its number and its first line', () => {
    expect(adrFileName(7, decision.text)).toBe('0007-use-jwt-for-sessions.md');
    expect(adrFileName(12, 'Café / ünïcode: ../../etc')).toBe('0012-cafe-unicode-etc.md');
    expect(adrFileName(1, '!!!')).toBe('0001-decision.md');
    expect(adrNumberOf('0007-use-jwt-for-sessions.md')).toBe(7);
    expect(adrNumberOf('notes.md')).toBeNull();
  });

  it('renders MADR with the mark that finds the decision again, and the ADR it supersedes', () => {
    const text = renderAdr(decision, context as never);
    expect(text).toMatch(/^---\nstatus: accepted\n/);
    expect(adrDecisionOf(text)).toBe(decision.id);
    expect(text).toContain('Supersedes [ADR-0003](0003-use-cookies.md)');
  });

  it('a superseded file changes its status line only', () => {
    const text = renderAdr(decision, { ...context, supersedes: null } as never);
    const after = withStatus(text, supersededStatus({ number: 9, file: '0009-use-paseto.md' }))!;
    expect(after).toContain('status: superseded by [ADR-0009](0009-use-paseto.md)\n');
    expect(after.replace(/^status:.*$/m, 'status: accepted')).toBe(text);
    expect(withStatus('# no front matter\n', 'status: x')).toBeNull();
  });
});
