// Races: many `git session` processes at once from several shells and two linked worktrees,
// commits at the same moment in two worktrees while commands write, and a stale lock met by many
// processes at once. Every event must land exactly once, every commit in the right session.

import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitAsync, gsLines, sessionRepo, values } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';
import { gsAsync, journalLines } from './support.js';

afterAll(cleanupAll);

/** Two sessions: `a` in the main worktree, `b` in a linked worktree at `wt`. */
function twoWorktrees(tag: string): { r: TestRepo; a: string; b: string; wt: string } {
  const { r, id: a } = sessionRepo(`feature/${tag}-a`, ['main worktree']);
  const wt = join(tempDir('gs-wt-'), 'b');
  r.git(['worktree', 'add', '-q', '-b', `feature/${tag}-b`, wt, 'main']);
  const b = r.json(['start', `feature/${tag}-b`, '-o', 'linked worktree'], { cwd: wt }).id as string;
  return { r, a, b, wt };
}

/** The parsed journal of a session: every line must parse (no torn or interleaved line). */
function journal(r: TestRepo, id: string): Record<string, unknown>[] {
  return journalLines(r, id).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function count<T>(list: T[], x: T): number {
  return list.filter((y) => y === x).length;
}

describe('many commands at once', () => {
  it('20 `git session log` at once from shells in the main worktree and a linked worktree: every entry lands exactly once, in its session', async () => {
    const { r, a, b, wt } = twoWorktrees('log20');
    const runs = Array.from({ length: 20 }, (_, i) => {
      const where = i % 2 === 0 ? r.dir : wt;
      // Half of them name the other worktree's session explicitly: both journals get writers
      // from both worktrees.
      const target = i % 4 < 2 ? [] : ['--session', where === r.dir ? b : a];
      return gsAsync(r, ['log', `--progress=entry ${i}`, ...target], { cwd: where });
    });
    const outs = await Promise.all(runs);
    expect(outs.map((o) => [o.code, gsLines(o.stderr)])).toEqual(outs.map(() => [0, []]));
    const expected = (session: string) =>
      Array.from({ length: 20 }, (_, i) => i)
        .filter((i) => {
          const inMain = i % 2 === 0;
          const explicit = i % 4 >= 2;
          return (inMain !== explicit ? a : b) === session;
        })
        .map((i) => `entry ${i}`)
        .sort();
    for (const id of [a, b]) {
      const evs = journal(r, id);
      const texts = evs.filter((e) => e.type === 'journal.added').map((e) => e.text as string);
      expect(texts.sort()).toEqual(expected(id));
      // seq is assigned under the lock: unique and without gaps
      const seqs = evs.map((e) => e.seq as number).filter((s) => s !== undefined);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs.map((_, i) => i + 1));
      expect(new Set(evs.map((e) => e.id)).size).toBe(evs.length);
    }
    expect(
      r
        .json(['show', a])
        .log.map((e: { text: string }) => e.text)
        .sort(),
    ).toEqual(expected(a));
  });

  it('a stale lock met by 10 commands at once: taken over safely, every decision recorded once', async () => {
    const { r, id } = sessionRepo('feature/stale-race');
    writeFileSync(
      join(r.dir, '.git/sessions/lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: '2026-01-05T10:00:00.000Z' }),
    );
    const outs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => gsAsync(r, ['decisions', 'add', `after the stale lock ${i}`])),
    );
    expect(outs.map((o) => o.code)).toEqual(Array(10).fill(0));
    const texts = journal(r, id)
      .filter((e) => e.type === 'decision.recorded')
      .map((e) => e.text as string);
    expect(texts.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `after the stale lock ${i}`).sort());
    const seqs = journal(r, id)
      .map((e) => e.seq as number)
      .filter((s) => s !== undefined);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});

describe('commits and commands at the same moment', () => {
  it('commits in two worktrees at once, while commands write to both sessions: each commit recorded exactly once, in its own session', async () => {
    const { r, a, b, wt } = twoWorktrees('commits');
    const shas: { a: string[]; b: string[] } = { a: [], b: [] };
    for (let round = 0; round < 3; round++) {
      const [ca, cb] = await Promise.all([
        gitAsync(r, ['commit', '-q', '--allow-empty', '-m', `a ${round}`]),
        gitAsync(r, ['commit', '-q', '--allow-empty', '-m', `b ${round}`], { cwd: wt }),
        gsAsync(r, ['log', `--discovery=a during round ${round}`]),
        gsAsync(r, ['log', `--discovery=b during round ${round}`], { cwd: wt }),
        gsAsync(r, ['decisions', 'add', `a decided in round ${round}`]),
      ]);
      expect([ca!.code, cb!.code, gsLines(ca!.stderr + cb!.stderr)]).toEqual([0, 0, []]);
      shas.a.push(r.head());
      shas.b.push(r.git(['rev-parse', 'HEAD'], { cwd: wt }).stdout.trim());
      expect(values(r, 'Session')).toEqual([a]);
      expect(values(r, 'Session', 'HEAD', wt)).toEqual([b]);
    }
    const commitsOf = (id: string) =>
      journal(r, id)
        .filter((e) => e.type === 'commit.recorded')
        .map((e) => e.sha as string);
    for (const sha of shas.a) {
      expect(count(commitsOf(a), sha)).toBe(1);
      expect(count(commitsOf(b), sha)).toBe(0);
    }
    for (const sha of shas.b) {
      expect(count(commitsOf(b), sha)).toBe(1);
      expect(count(commitsOf(a), sha)).toBe(0);
    }
    const logA = journal(r, a)
      .filter((e) => e.type === 'journal.added')
      .map((e) => e.text);
    expect(logA.sort()).toEqual(['a during round 0', 'a during round 1', 'a during round 2']);
    expect(r.json(['show', a]).decisions).toHaveLength(3);
    // Every decision reached the history: a commit racing the command that recorded it either
    // carried it or left it to the next commit (docs/storage.md: carried twice at worst, never lost).
    r.git(['commit', '-q', '--allow-empty', '-m', 'a final']);
    const carried = r
      .git(['log', '--format=%(trailers:key=Decisions,valueonly,unfold)', `main..feature/commits-a`])
      .stdout.split('\n')
      .filter(Boolean);
    expect([...new Set(carried.map((v) => v.replace(/^dec-\w+ /, '')))].sort()).toEqual([
      'a decided in round 0',
      'a decided in round 1',
      'a decided in round 2',
    ]);
  });
});

describe('branch switches racing commands (post-checkout without Node)', () => {
  it('one worktree switches between two sessions while the other records in both: nothing lost, every pause and resume once, the status right', async () => {
    const { r, a, b, wt } = twoWorktrees('switch');
    r.git(['switch', '-q', 'main']);
    r.git(['switch', '-q', '-c', 'feature/switch-c', 'main']);
    const c = r.json(['start', 'feature/switch-c', '-o', 'third']).id as string;
    // The linked worktree leaves its branch, so that both sessions can be checked out here.
    r.git(['switch', '-q', '--detach'], { cwd: wt });
    const rounds = 6;
    let recorded = false;
    // Switches go on as long as the commands do (a switch takes a few milliseconds, a command more).
    const switching = (async () => {
      const outs = [];
      while (!recorded || outs.length < 9)
        for (const branch of ['feature/switch-a', 'feature/switch-b', 'feature/switch-c'])
          outs.push(await gitAsync(r, ['switch', '-q', branch]));
      return outs;
    })();
    // Meanwhile, from the other worktree, commands write to every session (each rewrites the
    // session's `switch` file under the lock while the hooks read it and append to it).
    const recording = (async () => {
      const outs = [];
      for (let i = 0; i < rounds; i++)
        outs.push(
          ...(await Promise.all(
            [a, b, c].map((id, k) => gsAsync(r, ['decisions', 'add', '--session', id, `round ${i} ${k}`], { cwd: wt })),
          )),
        );
      recorded = true;
      return outs;
    })();
    const [switches, commands] = await Promise.all([switching, recording]);
    expect(switches.map((o) => [o.code, gsLines(o.stderr).filter((l) => !/^git-session: paused/.test(l))])).toEqual(
      switches.map(() => [0, []]),
    );
    expect(commands.map((o) => [o.code, gsLines(o.stderr)])).toEqual(commands.map(() => [0, []]));
    for (const [k, id] of [a, b, c].entries()) {
      const evs = journal(r, id);
      // Every decision once.
      expect(
        evs
          .filter((e) => e.type === 'decision.recorded')
          .map((e) => e.text)
          .sort(),
      ).toEqual(Array.from({ length: rounds }, (_, i) => `round ${i} ${k}`).sort());
      // Pauses and resumes alternate: no switch missed one or made one twice.
      const moves = evs.filter((e) => e.type === 'session.paused' || e.type === 'session.resumed').map((e) => e.type);
      moves.forEach((m, i) => {
        if (i > 0) expect(m, `${id}: ${moves.join(' ')}`).not.toBe(moves[i - 1]);
      });
    }
    expect(switches.length).toBeGreaterThanOrEqual(9);
    // The session checked out last is the active one, the others paused, as the next command reads them.
    expect(r.json(['show', c]).status).toBe('active');
    expect(r.json(['show', a]).status).toBe('paused');
    expect(r.json(['show', b]).status).toBe('paused');
    // And what the hooks read agrees: switching on is made by them, without the CLI.
    const out = r.git(['switch', '-q', 'feature/switch-a']);
    expect(out.stderr).toMatch(/^git-session: paused 'switch-c'\nResumed switch-a /);
    expect(journalLines(r, a).at(-1)).toContain('"id":"switch:');
  });
});
