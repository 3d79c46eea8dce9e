// Differential against git itself: whatever message a commit has and whatever items the hooks add,
// what git-session reads from the commit is what `git interpret-trailers --parse` reads, every
// added item is read back exactly, and every byte the user wrote is still there. The hooks' own
// code adds the items (hooks/lib.sh gs_place, run by sh: git places a marker, awk the lines);
// git-session's own reader (src/git/log-stream.ts HISTORY_FORMAT + parseRecord, then
// parseTrailerLines) reads them back. A few processes per case, a few hundred cases per run.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TRAILER_KEYS, formatTrailer, parseTrailerLines, type TrailerItem } from '../../src/codec/trailers.js';
import { HISTORY_FORMAT, parseRecord } from '../../src/git/log-stream.js';
import { cleanupAll, makeRepo, ROOT, tempDir } from '../helpers/repo.js';
import { anyText, messageBody, sessionId, trailerItem } from './arbitraries.js';

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
    const dir = tempDir('gs-place-');
    const msgFile = join(dir, 'COMMIT_EDITMSG');
    const linesFile = join(dir, 'lines');
    const record = join(dir, 'record');
    // The hooks' placing step, as prepare-commit-msg and commit-msg run it.
    const place = [
      `gs_dir='${join(ROOT, 'hooks')}'`,
      `. "$gs_dir/lib.sh"`,
      `gs_git='${dir}'`,
      'gs_awk_plan= gs_awk_sid= gs_awk_base=0 gs_awk_carry= gs_awk_squash= gs_awk_head=-',
      `gs_awk_lines='${linesFile}' gs_awk_record='${record}'`,
      `gs_place '${msgFile}'`,
    ].join('\n');
    fc.assert(
      fc.property(messageBody, sessionId, fc.array(trailerItem, { maxLength: 6 }), (body, sid, items) => {
        const all: TrailerItem[] = [{ kind: 'session', session: sid }, ...items];
        writeFileSync(msgFile, `${body}\n`);
        writeFileSync(record, '');
        // As it is on disk (a lone surrogate is written as U+FFFD).
        const original = readFileSync(msgFile, 'utf8');
        writeFileSync(linesFile, `${all.map((i) => formatTrailer(i)).join('\n')}\n`);
        const run = spawnSync('sh', ['-c', place], { cwd: r.dir, env: r.env, encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        const message = readFileSync(msgFile, 'utf8');
        // The user's bytes are all kept: taking out what the hook says it added (one run of lines,
        // after a blank line when it opened a block of its own) gives back the message as written.
        const added = readFileSync(record, 'utf8').split('\n').slice(1, -1);
        const lines = message.split('\n');
        const at = added.length === 0 ? -1 : lines.findIndex((_, i) => added.every((a, j) => lines[i + j] === a));
        if (added.length === 0) expect(message).toBe(original);
        else {
          expect(at).toBeGreaterThan(0);
          const rest = lines.slice(at + added.length);
          const without = [...lines.slice(0, at), ...rest].join('\n');
          const withoutBlank = [...lines.slice(0, at - 1), ...rest].join('\n');
          expect(without === original || (lines[at - 1] === '' && withoutBlank === original)).toBe(true);
        }
        const sha = git(['commit-tree', EMPTY_TREE], message).trim();
        // git-session's reading: one record of the history stream.
        const rec = parseRecord(git(['log', '-1', '-z', `--format=${HISTORY_FORMAT}`, sha]).replace(/\0$/, ''));
        expect(rec?.sha).toBe(sha);
        const read = parseTrailerLines(rec!.trailers.join('\n'));
        // git's own reading of the same message (commit messages have no `---` divider).
        const stored = git(['log', '-1', '--format=%B', sha]);
        const gitLines = git(['interpret-trailers', '--parse', '--no-divider'], stored)
          .split('\n')
          .filter((l) => l !== '' && ours(l));
        expect(read).toEqual(parseTrailerLines(gitLines.join('\n')));
        // Every item the hook added is read back exactly (a line the block held already is not
        // added again, and is read all the same).
        for (const item of all) expect(read.items).toContainEqual(item);
        // Anything else read was written by hand into the message (its own trailer block, as git
        // decides): nothing is invented.
        const extra = read.items.filter((x) => !all.some((i) => JSON.stringify(i) === JSON.stringify(x)));
        // (Compared with the message as git stored it: text git takes for invalid UTF-8 is re-encoded.)
        const unfolded = stored.replace(/\n[ \t]+/g, ' ').toLowerCase();
        // (A value with escapes stands for control characters the message holds raw.)
        for (const x of extra.map((i) => formatTrailer(i).toLowerCase()).filter((l) => !l.includes('\\')))
          expect(unfolded).toContain(x);
      }),
      { numRuns: 250 },
    );
  });

  it('a one-line message gets from the builtins-only way exactly what gs_place gives it', () => {
    const dir = tempDir('gs-subject-');
    const hooks = join(ROOT, 'hooks');
    const plan = join(dir, 'trailers');
    let taken = 0;
    const run = (fn: string, subject: string, sid: string, withNewline: boolean): string => {
      const msg = join(dir, `${fn}.msg`);
      writeFileSync(msg, withNewline ? `${subject}\n` : subject);
      const script = [
        `gs_dir='${hooks}'`,
        `. "$gs_dir/lib.sh"`,
        `gs_git='${dir}' gs_dir_s='${dir}' gs_sid='${sid}' gs_base=0 gs_sha=- gs_capturing=1`,
        `gs_awk_plan='${plan}' gs_awk_sid='${sid}' gs_awk_base=0 gs_awk_carry= gs_awk_squash= gs_awk_lines=`,
        `gs_awk_record='${join(dir, `${fn}.record`)}' gs_awk_head=-`,
        fn === 'gs_place' ? `gs_place '${msg}'` : `gs_place_subject '${msg}' || echo declined`,
      ].join('\n');
      const out = spawnSync('sh', ['-c', script], { cwd: r.dir, env: r.env, encoding: 'utf8' });
      return out.stdout.includes('declined') ? 'declined' : readFileSync(msg, 'utf8');
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z(][A-Za-z0-9 :;()#!&|@$%^,.-]{0,40}[A-Za-z0-9)]$/),
          anyText.map((t) => t.replace(/[\r\n\u0000]/g, ' ')),
        ),
        sessionId,
        fc.array(trailerItem, { maxLength: 4 }),
        fc.boolean(),
        (subject, sid, items, withNewline) => {
          const lines = [`always Session: ${sid}`, ...items.map((i, n) => `${n + 1} ${formatTrailer(i)}`)];
          writeFileSync(plan, `git-session-trailers 1 ${sid}\n${lines.join('\n')}\n`);
          const fast = run('gs_place_subject', subject, sid, withNewline);
          if (fast === 'declined') return;
          taken++;
          expect(fast).toBe(run('gs_place', subject, sid, withNewline));
        },
      ),
      { numRuns: 150 },
    );
    // Ordinary subjects do take the builtins-only way.
    expect(taken).toBeGreaterThan(30);
  });
});
