// Issue 15, Why #12: the hooks' cost was quadratic — 2,000 pending items took 4.7 s to commit,
// a squash merge of 7,750 items 61 s (`interpret-trailers --if-exists addIfDifferent` compares
// every trailer with every other; sh built the argument list one copy at a time). Timings are
// `npm run bench`'s business; here the structure is checked: a commit carrying 4,000 items and a
// squash carrying 8,000 start exactly the processes a commit carrying thirty does (one git pass and
// one awk pass, whatever the number), no item becomes a command-line argument, and every item
// arrives exactly once. And Why #13's hook side: addIfDifferent also merged two equal entries.

import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionDir, sessionRepo, values } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
function decisionId(n: number): string {
  let body = '';
  for (let x = n, k = 0; k < 6; k++, x = Math.floor(x / 32)) body = ALPHABET[x % 32] + body;
  return `dec-${body}`;
}

/** `n` decisions appended to the session's journal as the CLI writes them, then the plan derived. */
function recordDecisions(r: TestRepo, id: string, n: number, from: number): void {
  const file = join(sessionDir(r, id), 'events.jsonl');
  const seqs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l).seq as number | undefined) ?? 0);
  let seq = Math.max(...seqs);
  const lines: string[] = [];
  for (let i = from; i < from + n; i++)
    lines.push(
      JSON.stringify({
        v: 1,
        id: `01936b2c-7f3e-7abc-9def-${String(i).padStart(12, '0')}`,
        type: 'decision.recorded',
        at: '2026-01-05T10:00:00.000Z',
        author: 'dev@example.com',
        session: id,
        seq: ++seq,
        decision: decisionId(i),
        text: `decision ${i}`,
        rationale: `reason ${i}`,
      }),
    );
  appendFileSync(file, `${lines.join('\n')}\n`);
  r.ok(['doctor']);
}

/**
 * Run git with every git process traced and every awk process counted; `longest` is the longest
 * command line one of the hooks' git processes got (an argument per item makes it grow).
 */
function counted(r: TestRepo, args: string[]): { git: number; awk: number; longest: number } {
  const dir = tempDir('gs-count-');
  const log = join(dir, 'awk.log');
  const shim = join(dir, 'bin');
  mkdirSync(shim);
  const awk = join(shim, 'awk');
  // The shim counts, then runs the real awk found further down PATH.
  writeFileSync(awk, `#!/bin/sh\necho awk >> '${log}'\nPATH='${r.env.PATH}' exec awk "$@"\n`);
  chmodSync(awk, 0o755);
  writeFileSync(log, '');
  const trace = join(dir, 'git.trace');
  r.git(args, { env: { PATH: `${shim}:${r.env.PATH}`, GIT_TRACE: trace } });
  const runs = readFileSync(trace, 'utf8')
    .split('\n')
    .filter((l) => /trace: built-in: git /.test(l));
  // The top-level command (git commit -m …) and git's own maintenance are not the hooks'.
  const hooks = runs.filter((l) => !/built-in: git (commit|merge|maintenance) /.test(l));
  return {
    git: runs.length,
    awk: readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l === 'awk').length,
    longest: Math.max(0, ...hooks.map((l) => l.length)),
  };
}

describe('the cost of a commit does not grow with the items it carries (Why #12)', () => {
  it('4,000 pending decisions: the same processes as 30, every decision once', () => {
    const { r, id } = sessionRepo('feature/many');
    r.commit('base');
    // A one-line message with a few pending lines: the hooks start no process at all.
    recordDecisions(r, id, 2, 10_000);
    const simple = counted(r, ['commit', '-q', '--allow-empty', '-m', 'two']);
    expect(values(r, 'Decisions')).toHaveLength(2);
    expect(simple.awk).toBe(0);
    expect(simple.longest).toBe(0);
    recordDecisions(r, id, 30, 0);
    const few = counted(r, ['commit', '-q', '--allow-empty', '-m', 'thirty']);
    expect(values(r, 'Decisions')).toHaveLength(30);
    recordDecisions(r, id, 4000, 30);
    const many = counted(r, ['commit', '-q', '--allow-empty', '-m', 'four thousand']);
    const carried = values(r, 'Decisions');
    expect(carried).toHaveLength(4000);
    expect(new Set(carried).size).toBe(4000);
    expect(carried[0]).toBe(`${decisionId(30)} decision 30; rationale: reason 30`);
    expect(carried[3999]).toBe(`${decisionId(4029)} decision 4029; rationale: reason 4029`);
    expect(many.git).toBe(few.git);
    expect(many.awk).toBe(few.awk);
    expect(many.awk).toBeLessThanOrEqual(2);
    // No argument per item: the items never reach a git command line.
    expect(many.longest).toBeLessThan(1000);
  });

  it('two identical journal entries in one commit stay two (they are two entries)', () => {
    const { r } = sessionRepo('feature/twins');
    r.commit('base');
    r.ok(['log', '--progress', 'ran the migration']);
    r.ok(['log', '--progress', 'ran the migration']);
    r.commit('twice');
    // Each carries its entry id (docs/trailers.md, "Ids"): two lines git cannot fold into one.
    const logs = values(r, 'Session-Log');
    expect(logs.map((l) => l.replace(/; id: log-[0-9a-z]{13}$/, ''))).toEqual([
      'progress ran the migration',
      'progress ran the migration',
    ]);
    expect(new Set(logs).size).toBe(2);
  });

  it('a squash merge of 8,000 decisions from 400 commits: the same processes as 20 from 2, one Session line', () => {
    const { r, id } = sessionRepo('feature/squash-many');
    r.commit('base', { 'base.txt': 'base\n' });
    /** `commits` commits on a new branch from main, each with `per` decisions of session `id`. */
    const main = r.git(['rev-parse', 'main']).stdout.trim();
    const branch = (name: string, commits: number, per: number, start: number) => {
      const chunks: string[] = [];
      let n = start;
      for (let c = 1; c <= commits; c++) {
        const trailers = [`Session: ${id}`];
        for (let k = 0; k < per; k++, n++) trailers.push(`Decisions: ${decisionId(n)} squashed ${n}`);
        const msg = `${name} ${c}\n\n${trailers.join('\n')}\n`;
        const content = `${c}\n`;
        chunks.push(
          `commit refs/heads/${name}\nmark :${c}\ncommitter Dev <dev@example.com> ${1_700_000_000 + c} +0000\n` +
            `data ${Buffer.byteLength(msg)}\n${msg}from ${c === 1 ? main : `:${c - 1}`}\n` +
            `M 644 inline ${name}-${c}.txt\ndata ${content.length}\n${content}\n`,
        );
      }
      r.git(['fast-import', '--quiet'], { input: chunks.join('') });
    };
    branch('few', 2, 10, 100_000);
    branch('lots', 400, 20, 200_000);
    r.git(['switch', '-q', 'main']);
    r.git(['merge', '-q', '--squash', 'few']);
    const few = counted(r, ['commit', '-q', '-m', 'squash few']);
    expect(values(r, 'Decisions')).toHaveLength(20);
    r.git(['reset', '-q', '--hard', 'HEAD~1']);
    r.git(['merge', '-q', '--squash', 'lots']);
    const many = counted(r, ['commit', '-q', '-m', 'squash lots']);
    const carried = values(r, 'Decisions');
    expect(carried).toHaveLength(8000);
    expect(new Set(carried).size).toBe(8000);
    expect(values(r, 'Session')).toEqual([id]);
    expect(many.git).toBe(few.git);
    expect(many.awk).toBe(few.awk);
    expect(many.longest).toBeLessThan(1000);
  });
});
