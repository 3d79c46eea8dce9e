// Differential against git itself: whatever message a commit has and whatever items the hooks add,
// what git-session reads from the commit is what `git interpret-trailers --parse` reads, and every
// added item is read back exactly. The hooks' own git call (hooks/lib.sh gs_apply) adds the items;
// git-session's own reader (src/git/log-stream.ts HISTORY_FORMAT + parseRecord, then
// parseTrailerLines) reads them back. One git process per step, a few hundred cases per run.

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TRAILER_KEYS, formatTrailer, parseTrailerLines, type TrailerItem } from '../../src/codec/trailers.js';
import { HISTORY_FORMAT, parseRecord } from '../../src/git/log-stream.js';
import { cleanupAll, makeRepo } from '../helpers/repo.js';
import { messageBody, sessionId, trailerItem } from './arbitraries.js';

afterAll(cleanupAll);

const OURS = new Set(ALL_TRAILER_KEYS.map((k) => k.toLowerCase()));
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

describe('trailers: git-session reads what git reads', () => {
  const r = makeRepo({ empty: true });
  const git = (args: string[], input?: string): string => {
    const p = spawnSync('git', args, { cwd: r.dir, env: r.env, input, encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`git ${args[0]} failed: ${p.stderr}`);
    return p.stdout;
  };
  const ours = (line: string) =>
    OURS.has(
      line
        .slice(0, Math.max(0, line.indexOf(':')))
        .trim()
        .toLowerCase(),
    );

  it('for any message and items, the parse of git interpret-trailers equals git-session’s reading, and holds every item', () => {
    fc.assert(
      fc.property(messageBody, sessionId, fc.array(trailerItem, { maxLength: 6 }), (body, sid, items) => {
        const all: TrailerItem[] = [{ kind: 'session', session: sid }, ...items];
        // What gs_apply runs (hooks/lib.sh), on a message as git hands it to the hook.
        const message = git(
          [
            'interpret-trailers',
            '--no-divider',
            '--where',
            'end',
            '--if-exists',
            'addIfDifferent',
            '--if-missing',
            'add',
            ...all.flatMap((i) => ['--trailer', formatTrailer(i)]),
          ],
          `${body}\n`,
        );
        const sha = git(['commit-tree', EMPTY_TREE], message).trim();
        // git-session's reading: one record of the history stream.
        const record = parseRecord(git(['log', '-1', '-z', `--format=${HISTORY_FORMAT}`, sha]).replace(/\0$/, ''));
        expect(record?.sha).toBe(sha);
        const read = parseTrailerLines(record!.trailers.join('\n'));
        // git's own reading of the same message (commit messages have no `---` divider).
        const stored = git(['log', '-1', '--format=%B', sha]);
        const gitLines = git(['interpret-trailers', '--parse', '--no-divider'], stored)
          .split('\n')
          .filter((l) => l !== '' && ours(l));
        expect(read).toEqual(parseTrailerLines(gitLines.join('\n')));
        // Every item the hook added is read back exactly (once it is in the block, addIfDifferent
        // only skips a line that is there already).
        for (const item of all) expect(read.items).toContainEqual(item);
        // Anything else read was written by hand into the message (its own trailer block, as git
        // decides): nothing is invented.
        const extra = read.items.filter((x) => !all.some((i) => JSON.stringify(i) === JSON.stringify(x)));
        const unfolded = body.replace(/\n[ \t]+/g, ' ').toLowerCase();
        for (const x of extra) expect(unfolded).toContain(formatTrailer(x).toLowerCase());
      }),
      { numRuns: 250 },
    );
  });
});
