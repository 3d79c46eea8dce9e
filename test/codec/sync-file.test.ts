// A clone's file in a session ref is a stranger's input (docs/sync.md, "What a ref may hold"): what
// it may claim, how big it may be, which names are read, and how two versions of it merge.

import { describe, expect, it } from 'vitest';
import {
  machineOfFile,
  mergeSyncFiles,
  readSyncFile,
  serialiseSyncFile,
  syncFileName,
} from '../../src/codec/sync-file.js';
import type { SessionEvent } from '../../src/model/events.js';
import { MAX_SYNCED_CLOCK, SYNC_LIMITS } from '../../src/model/sync.js';
import { SID, SID2 } from '../helpers/events.js';

const base = (n: number, extra: Record<string, unknown> = {}) => ({
  v: 1,
  id: `01936b2c-0000-7000-8000-${String(n).padStart(12, '0')}`,
  at: '2026-01-05T10:00:00.000Z',
  author: 'dev@example.com',
  session: SID,
  lc: n,
  type: 'decision.recorded',
  decision: `dec-aaa${n}`,
  text: 'Use cookies',
  ...extra,
});
const line = (n: number, extra: Record<string, unknown> = {}) => JSON.stringify(base(n, extra));

describe('readSyncFile: a ref speaks only for its own session, within limits', () => {
  it('reads valid events with their line, and round-trips what this clone writes', () => {
    const events = [base(1), base(2, { type: 'some.future.event', anything: [1, 2] })] as unknown as SessionEvent[];
    const read = readSyncFile(serialiseSyncFile(events), SID);
    expect(read.rejectedCount).toBe(0);
    expect(read.lines.map((l) => [l.event.id, l.line])).toEqual([
      [events[0]!.id, 0],
      [events[1]!.id, 1],
    ]);
    // Unknown event types travel as they are.
    expect((read.lines[1]!.event as unknown as Record<string, unknown>).anything).toEqual([1, 2]);
  });

  it('rejects an event of another session, so a ref cannot write into a session it is not named after', () => {
    const read = readSyncFile(`${line(1)}\n${line(2, { session: SID2 })}\n`, SID);
    expect(read.lines).toHaveLength(1);
    expect(read.rejected).toEqual([{ line: 1, reason: expect.stringContaining('not the ref') }]);
  });

  it('reads nothing for a ref whose name is not a session id', () => {
    expect(readSyncFile(`${line(1)}\n`, '../../hooks').lines).toEqual([]);
  });

  it('rejects an oversized line, an oversized text, a clock beyond 2^49, control characters in an id, a bad item id', () => {
    const text = [
      line(1, { text: 'x'.repeat(SYNC_LIMITS.lineBytes + 1) }),
      line(2, { text: 'é'.repeat(9000) }),
      line(3, { lc: MAX_SYNCED_CLOCK + 1 }),
      line(4, { id: 'a\u0007b' }),
      line(5, { decision: '../../x' }),
      line(6, { author: 'a'.repeat(400) }),
      'not json',
      line(8),
    ].join('\n');
    const read = readSyncFile(text, SID);
    expect(read.lines.map((l) => l.line)).toEqual([7]);
    expect(read.rejected.map((r) => r.line)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(read.rejected[0]!.reason).toMatch(/256 KiB/);
    expect(read.rejected[1]!.reason).toMatch(/16 KiB/);
    expect(read.rejected[2]!.reason).toMatch(/2\^49/);
  });

  it('reads at most the per-file number of events and counts the rest', () => {
    const many = Array.from({ length: SYNC_LIMITS.eventsPerFile + 3 }, () => line(1)).join('\n');
    const read = readSyncFile(many, SID);
    expect(read.lines).toHaveLength(SYNC_LIMITS.eventsPerFile);
    expect(read.rejectedCount).toBe(3);
    expect(read.rejected.length).toBeLessThanOrEqual(20);
  });

  it('drops fields that only mean something in memory on the clone that wrote them', () => {
    const read = readSyncFile(`${line(1, { from: 'ffffffffffffffff', origin: 'a'.repeat(40), order: 9 })}\n`, SID);
    const e = read.lines[0]!.event as unknown as Record<string, unknown>;
    expect([e.from, e.origin, e.order]).toEqual([undefined, undefined, undefined]);
  });
});

describe('file names: only <16 hex>.jsonl is read, and nothing else names a file', () => {
  it('machineOfFile', () => {
    expect(machineOfFile('0123456789abcdef.jsonl')).toBe('0123456789abcdef');
    for (const bad of ['../0123456789abcdef.jsonl', '0123456789ABCDEF.jsonl', 'x.jsonl', '0123456789abcdef', '.jsonl'])
      expect(machineOfFile(bad)).toBeNull();
  });

  it('syncFileName refuses what is not a machine id', () => {
    expect(syncFileName('0123456789abcdef')).toBe('0123456789abcdef.jsonl');
    expect(() => syncFileName('../etc')).toThrow();
  });
});

describe('mergeSyncFiles', () => {
  const a = `${line(1)}\n${line(2)}\n`;
  const b = `${a}${line(3)}\n`;

  it('a file only grows: the longer version is the merge, whichever side merges', () => {
    expect(mergeSyncFiles(a, b)).toBe(b);
    expect(mergeSyncFiles(b, a)).toBe(b);
    expect(mergeSyncFiles(a, '')).toBe(a);
    expect(mergeSyncFiles('', a)).toBe(a);
  });

  it('two versions that diverged (one machine id in two stores): the common start, then each other line once, the same both ways', () => {
    const x = `${a}${line(5)}\n${line(3)}\n`;
    const y = `${a}${line(4)}\n${line(3)}\n`;
    const m = mergeSyncFiles(x, y);
    expect(m).toBe(mergeSyncFiles(y, x));
    expect(m).toBe(`${a}${line(3)}\n${line(4)}\n${line(5)}\n`);
  });
});
