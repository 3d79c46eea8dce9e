// The store layer on its own (unit): a journal line cut by a kill, with or without a later record
// joined to it; a locked operation that fails half-way is taken back, unless a hook appended after
// it (then it says so).

import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal, readJournalText, setAside } from '../../src/store/journal.js';
import { Store } from '../../src/store/store.js';
import { ev, SID } from '../helpers/events.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const lines = new Map<string, string>();
/** The journal line of a progress entry (the same line for the same text). */
const line = (text: string): string => {
  if (!lines.has(text))
    lines.set(text, JSON.stringify(ev({ type: 'journal.added', kind: 'progress', text }, '2026-01-05T10:00:00.000Z')));
  return lines.get(text)!;
};
const hookLine = (sha: string) =>
  `{"v":1,"id":"commit:${SID}:${sha}","type":"commit.recorded","at":"2026-01-05T10:01:00Z","author":"dev@example.com","session":"${SID}","sha":"${sha}","mark":3}`;

describe('journal lines cut by an interrupted write (unit)', () => {
  it('a cut line with a hook record joined to it: the record is read, the cut part reported as interrupted', () => {
    const cut = line('cut').slice(0, 25);
    const r = readJournalText(`${line('one')}\n${cut}${hookLine('a'.repeat(40))}\n${line('two')}\n`);
    expect(r.events.map((e) => e.type)).toEqual(['journal.added', 'commit.recorded', 'journal.added']);
    expect(r.damaged).toEqual([
      { line: 2, text: cut, reason: expect.stringContaining('interrupted write'), kept: [hookLine('a'.repeat(40))] },
    ]);
    expect(r.tornTail).toBe(true);
  });

  it('two complete records on one line (only the newline was lost): both read, nothing set aside', () => {
    const r = readJournalText(`${line('one')}${hookLine('b'.repeat(40))}\n`);
    expect(r.events).toHaveLength(2);
    expect(r.damaged).toEqual([{ line: 1, text: '', reason: 'two records on one line', kept: expect.any(Array) }]);
  });

  it('garbage in the middle with no record after it is not an interrupted write: it still stops commands', () => {
    const r = readJournalText(`${line('one')}\n{"v":1,"id":"x",garbage\n${line('two')}\n`);
    expect(r.tornTail).toBe(false);
    expect(r.events).toHaveLength(2);
  });

  it('setting aside keeps the joined record on its own line and moves only the cut part', () => {
    const dir = tempDir('gs-journal-');
    const path = join(dir, 'events.jsonl');
    const cut = line('cut').slice(0, 30);
    writeFileSync(path, `${line('one')}\n${cut}${hookLine('c'.repeat(40))}\n`);
    setAside(path, join(dir, 'damaged.jsonl'), readJournal(path), '2026-01-05T11:00:00.000Z');
    expect(readFileSync(path, 'utf8')).toBe(`${line('one')}\n${hookLine('c'.repeat(40))}\n`);
    const aside = readFileSync(join(dir, 'damaged.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(aside).toEqual([{ setAsideAt: '2026-01-05T11:00:00.000Z', line: 2, reason: expect.any(String), text: cut }]);
    expect(readJournal(path)).toMatchObject({ damaged: [], tornTail: false });
  });
});

describe('a locked operation is all or nothing (unit)', () => {
  function store(): { s: Store; journal: string; trailers: string } {
    const common = tempDir('gs-store-');
    const s = new Store(common);
    s.ensure();
    mkdirSync(join(s.paths.root, SID));
    const journal = join(s.paths.root, SID, 'events.jsonl');
    const trailers = join(s.paths.root, SID, 'trailers');
    writeFileSync(journal, `${line('before')}\n`);
    writeFileSync(trailers, 'git-session-trailers 1 old\n');
    return { s, journal, trailers };
  }

  it('an operation that fails after appending and rewriting: the journal and the derived files are put back', () => {
    const { s, journal, trailers } = store();
    expect(() =>
      s.lock(() => {
        s.appendEvents(SID, [ev({ type: 'journal.added', kind: 'next', text: 'lost' }, '2026-01-05T10:02:00.000Z')]);
        s.writeTrailers(SID, 'git-session-trailers 1 new\n');
        s.writeCommitted(SID, 7);
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(readFileSync(journal, 'utf8')).toBe(`${line('before')}\n`);
    expect(readFileSync(trailers, 'utf8')).toBe('git-session-trailers 1 old\n');
    expect(existsSync(join(s.paths.root, SID, 'committed'))).toBe(false);
    expect(existsSync(s.paths.lock)).toBe(false);
  });

  it('a hook appended after the failed operation’s lines: nothing of the hook’s is cut, the error says the journal has the change', () => {
    const { s, journal } = store();
    expect(() =>
      s.lock(() => {
        s.appendEvents(SID, [ev({ type: 'journal.added', kind: 'next', text: 'kept' }, '2026-01-05T10:02:00.000Z')]);
        appendFileSync(journal, `${hookLine('d'.repeat(40))}\n`);
        s.writeTrailers(SID, 'git-session-trailers 1 new\n');
        throw new Error('cannot write trailers: the disk is full; nothing was changed');
      }),
    ).toThrow(/the change was recorded in the journal, but not everything derived from it was written/);
    const types = readJournal(journal).events.map((e) => e.type);
    expect(types).toEqual(['journal.added', 'journal.added', 'commit.recorded']);
    expect(readFileSync(join(s.paths.root, SID, 'trailers'), 'utf8')).toBe('git-session-trailers 1 new\n');
  });

  it('a successful operation leaves no undo copies behind', () => {
    const { s } = store();
    s.lock(() => {
      s.writeTrailers(SID, 'git-session-trailers 1 new\n');
      s.writeCommitted(SID, 1);
    });
    const files = readFileSync(join(s.paths.root, SID, 'trailers'), 'utf8');
    expect(files).toBe('git-session-trailers 1 new\n');
    expect(readdirSync(join(s.paths.root, SID)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('a branch link cut short by a crash (unit)', () => {
  it('an empty or garbled link names no session, and a session arriving may take the branch', () => {
    const s = new Store(tempDir('gs-store-'));
    s.ensure();
    const other = SID.replace(/.$/, SID.endsWith('0') ? '1' : '0');
    const path = join(s.paths.branches, 'feature', 'pay');
    mkdirSync(join(s.paths.branches, 'feature'), { recursive: true });
    for (const torn of ['', 'not a session id\n']) {
      writeFileSync(path, torn);
      expect(s.branchSession('feature/pay')).toBeNull();
      expect(s.linkBranchIfFree('feature/pay', SID, false)).toBe(true);
      expect(s.branchSession('feature/pay')).toBe(SID);
    }
    // A link that names a session is never displaced.
    expect(s.linkBranchIfFree('feature/pay', other, false)).toBe(false);
    expect(s.branchSession('feature/pay')).toBe(SID);
  });
});
