// The brief and the handoff as data (src/core/brief.ts, src/core/handoff.ts), from folded events:
// what each section holds, without git or a repository.

import { describe, expect, it } from 'vitest';
import { type BriefInput, buildBrief, shellWord } from '../../src/core/brief.js';
import { fold } from '../../src/core/fold.js';
import { buildHandoff, workSinceHandoff } from '../../src/core/handoff.js';
import { script } from '../helpers/events.js';

const NOW = '2026-01-05T12:00:00.000Z';

const events = script(
  { type: 'session.started', name: 'oauth', title: 'OAuth login', branch: 'feature/oauth', tasks: ['T-1'] },
  { type: 'objective.added', objective: 'obj-aaaa', text: 'login page' },
  { type: 'objective.added', objective: 'obj-bbbb', text: 'token refresh' },
  { type: 'objective.completed', objective: 'obj-aaaa' },
  { type: 'objective.started', objective: 'obj-bbbb' },
  { type: 'decision.recorded', decision: 'dec-aaaa', text: 'Use JWT', rationale: 'stateless' },
  { type: 'decision.recorded', decision: 'dec-bbbb', text: 'Rotate keys' },
  { type: 'blocker.added', blocker: 'blk-aaaa', text: 'API keys' },
  { type: 'blocker.added', blocker: 'blk-bbbb', text: 'CI down' },
  { type: 'blocker.resolved', blocker: 'blk-bbbb', note: 'restarted' },
  { type: 'journal.added', kind: 'discovery', text: 'the cookie is HttpOnly' },
  { type: 'journal.added', kind: 'progress', text: 'form done' },
  { type: 'journal.added', kind: 'next', text: 'write the tests' },
  { type: 'handoff.noted', text: 'ask Sam about the keys' },
  { type: 'commit.recorded', sha: 'a'.repeat(40) },
  { type: 'commit.recorded', sha: 'b'.repeat(40) },
);
const state = fold(events)!;

function input(over: Partial<BriefInput> = {}): BriefInput {
  return {
    state,
    now: NOW,
    commits: [
      { sha: 'a'.repeat(40), subject: 'feat(auth): login form', files: ['src/login.ts', 'src/auth.ts'] },
      { sha: 'b'.repeat(40), subject: 'fix!: token expiry', files: ['src/auth.ts'] },
      { sha: 'c'.repeat(40), subject: 'whatever', files: [] },
    ],
    todos: [],
    uncommitted: [],
    architecture: null,
    conventions: null,
    otherDecisions: [],
    staleContext: [],
    contextFiles: [],
    unfilled: [],
    checkedOut: true,
    position: null,
    testCommand: null,
    project: { architecture: null, patterns: [] },
    ...over,
  };
}

describe('buildBrief', () => {
  const b = buildBrief(input());

  it('sums the session up as every view does', () => {
    expect(b.session).toMatchObject({
      name: 'oauth',
      title: 'OAuth login',
      branch: 'feature/oauth',
      status: 'active',
      tasks: ['T-1'],
      commits: 2,
      pauses: 0,
      summary: null,
      endReason: null,
    });
    expect(b.session.activeMs).toBeGreaterThan(0);
  });

  it('what we build, what is next, what to watch, what is done', () => {
    expect(b.building.objectives.map((o) => [o.id, o.status])).toEqual([
      ['obj-aaaa', 'done'],
      ['obj-bbbb', 'in-progress'],
    ]);
    expect(b.next.steps).toEqual(['write the tests']);
    expect(b.next.openObjectives.map((o) => o.id)).toEqual(['obj-bbbb']);
    expect(b.watch.blockers.map((x) => x.id)).toEqual(['blk-aaaa']);
    expect(b.done.objectives.map((o) => o.id)).toEqual(['obj-aaaa']);
    expect(b.done.resolvedBlockers).toEqual([expect.objectContaining({ id: 'blk-bbbb', note: 'restarted' })]);
    expect(b.done.progress.map((e) => e.text)).toEqual(['form done']);
    expect(b.how.discoveries.map((d) => d.text)).toEqual(['the cookie is HttpOnly']);
    expect(b.handoffNotes.map((n) => n.text)).toEqual(['ask Sam about the keys']);
  });

  it('decisions newest first, with their reasons', () => {
    expect(b.how.decisions.map((d) => [d.id, d.rationale])).toEqual([
      ['dec-bbbb', null],
      ['dec-aaaa', 'stateless'],
    ]);
  });

  it('groups commits by conventional type (features before fixes, then the others) and counts files', () => {
    expect(b.done.commits.map((g) => [g.type, g.commits.map((c) => c.subject)])).toEqual([
      ['feat', ['login form']],
      ['fix', ['token expiry']],
      ['other', ['whatever']],
    ]);
    expect(b.done.commits[0]!.commits[0]).toMatchObject({ scope: 'auth', breaking: false });
    expect(b.done.commits[1]!.commits[0]).toMatchObject({ breaking: true });
    expect(b.files).toEqual({
      total: 2,
      files: [
        { path: 'src/auth.ts', commits: 2 },
        { path: 'src/login.ts', commits: 1 },
      ],
    });
  });

  it('says how to continue from where this clone is', () => {
    expect(b.continue.commands).toEqual([]);
    expect(buildBrief(input({ checkedOut: false })).continue).toMatchObject({
      commands: ['git session resume oauth'],
      note: 'switches to feature/oauth',
    });
    const gone = buildBrief(
      input({ checkedOut: false, position: { branch: 'feature/oauth', ref: null, upstream: null, base: null } }),
    );
    expect(gone.continue.commands).toEqual(['git switch -c feature/oauth', 'git session resume oauth']);
  });

  it('a branch is merged when nothing of it is missing from the default branch and the session committed', () => {
    const p = (ahead: number) =>
      buildBrief(
        input({
          position: {
            branch: 'feature/oauth',
            ref: 'feature/oauth',
            upstream: null,
            base: { name: 'main', ahead, behind: 3 },
          },
        }),
      ).branch!.base!.merged;
    expect(p(0)).toBe(true);
    expect(p(2)).toBe(false);
  });

  it('quotes what a shell would read otherwise', () => {
    expect(shellWord('feature/x-1')).toBe('feature/x-1');
    expect(shellWord("it's;rm")).toBe(`'it'\\''s;rm'`);
  });
});

describe('buildHandoff', () => {
  it('is the brief seen from the other side', () => {
    const h = buildHandoff(buildBrief(input()));
    expect(h.progress).toEqual({
      objectivesDone: 1,
      objectivesTotal: 2,
      commits: 2,
      filesChanged: 2,
      activeMs: h.session.activeMs,
      pauses: 0,
      openBlockers: 1,
    });
    expect(h.open.map((o) => o.id)).toEqual(['obj-bbbb']);
    expect(h.next).toEqual(['write the tests']);
    expect(h.keyFiles[0]).toEqual({ path: 'src/auth.ts', commits: 2 });
  });

  it('work since the last handoff: bookkeeping does not count, work after the note does', () => {
    expect(workSinceHandoff(events)).toBeDefined();
    expect(workSinceHandoff(events)!.type).toBe('commit.recorded');
    const onlyBookkeeping = script(
      { type: 'session.started', name: 'x', title: '', branch: 'b', tasks: [] },
      { type: 'session.paused' },
      { type: 'agent.compacted' },
    );
    expect(workSinceHandoff(onlyBookkeeping)).toBeUndefined();
  });
});
