// The small pieces the parsers share: ids that never change between versions (a changed id would
// make a second import add everything again), times as the seeds write them, Markdown fields.

import { describe, expect, it } from 'vitest';
import { slugName } from '../../src/core/text.js';
import { IdMaker, importedSessionId, sessionSeed } from '../../src/import/ids.js';
import { fields, saysNone } from '../../src/import/markdown.js';
import { parseTime, trailingTime } from '../../src/import/times.js';

describe('ids', () => {
  it('are pinned: the same session and text give these ids in every version', () => {
    const m = new IdMaker(sessionSeed('sessions-dir', 'k'));
    expect(m.make('objective', 'Implement fix')).toBe('obj-8xy78a7g5yt35');
    // The same text again is a second item (its occurrence counts), re-wrapped text is the same text.
    expect(m.make('objective', 'Implement  fix')).toBe('obj-0wxsybeexr0cb');
    expect(m.make('objective', 'Implement fix', 'phase 3')).toBe('obj-mn3979ta68e1v');
    expect(importedSessionId('agents', '20251204-143000-weather-fallback', Date.UTC(2025, 11, 4, 14, 30))).toBe(
      '019ae9c5-1a40-7a99-b205-3e904651e85d',
    );
  });

  it('depend on the session, the kind and the scope, not on what came before in another scope', () => {
    const a = new IdMaker(sessionSeed('agents', 'one'));
    const b = new IdMaker(sessionSeed('agents', 'two'));
    expect(a.make('objective', 'x')).not.toBe(b.make('objective', 'x'));
    const c = new IdMaker(sessionSeed('agents', 'one'));
    c.make('objective', 'x', 'wave 1');
    expect(c.make('objective', 'x')).toBe(new IdMaker(sessionSeed('agents', 'one')).make('objective', 'x'));
    expect(new IdMaker('s').make('decision', 'x')).toMatch(/^dec-/);
  });

  it('a session id without a time in its identity has time 0, and stays a UUIDv7', () => {
    expect(importedSessionId('session-md', 'SESSION.md', null)).toMatch(/^00000000-0000-7[0-9a-f]{3}-[89ab]/);
    expect(importedSessionId('session-md', 'SESSION.md', -5)).toBe(importedSessionId('session-md', 'SESSION.md', null));
  });

  it('short names are what checkName accepts', () => {
    expect(slugName('Fix Sweep: Trigger Bug!')).toBe('fix-sweep-trigger-bug');
    expect(slugName('../../etc/passwd')).toBe('etc-passwd');
    expect(slugName('Émile ünïcode')).toBe('emile-unicode');
    expect(slugName('日本語')).toBe('session');
    expect(slugName('a'.repeat(100))).toHaveLength(64);
  });
});

describe('times', () => {
  it('reads every form the seeds write, as UTC when no zone is given', () => {
    expect(parseTime('2025-01-15T10:00:00Z')).toBe('2025-01-15T10:00:00.000Z');
    expect(parseTime('2025-01-15T10:30')).toBe('2025-01-15T10:30:00.000Z');
    expect(parseTime('2025-12-04 14:30')).toBe('2025-12-04T14:30:00.000Z');
    expect(parseTime('2025-10-15')).toBe('2025-10-15T00:00:00.000Z');
    expect(parseTime('2026-04-08T14:23:45.123Z')).toBe('2026-04-08T14:23:45.123Z');
    expect(parseTime('2025-01-15T12:00:00+02:00')).toBe('2025-01-15T10:00:00.000Z');
    expect(parseTime('2026-04-05T02-53-34')).toBe('2026-04-05T02:53:34.000Z');
    expect(parseTime('20251204-143000')).toBe('2025-12-04T14:30:00.000Z');
  });

  it('is no time for what is none: impossible dates, words, very long text', () => {
    for (const t of [
      '2025-02-30',
      '2025-13-01',
      '2025-01-15T25:00',
      'yesterday',
      '',
      `2025-01-15T10:00:00.${'1'.repeat(60)}Z`,
    ])
      expect(parseTime(t), t).toBeNull();
  });

  it('takes a time in parentheses off the end of a text', () => {
    expect(trailingTime('Reproduce bug in test (2025-01-15T10:30)')).toEqual({
      text: 'Reproduce bug in test',
      at: '2025-01-15T10:30:00.000Z',
    });
    expect(trailingTime('Ask (later)')).toEqual({ text: 'Ask (later)', at: null });
  });
});

describe('Markdown fields', () => {
  it('reads **Key**: value, **Key:** value, a remark before the colon, several on one line, and continued values', () => {
    const r = fields({
      line: 10,
      text: '**Completed**: 2025-10-15 | **Checkpoint**: abc1234\n**Key Context** (survives compaction): a\nb\n**Why:** c',
    });
    expect(r.fields).toEqual([
      { key: 'Completed', value: '2025-10-15', line: 10 },
      { key: 'Checkpoint', value: 'abc1234', line: 10 },
      { key: 'Key Context', value: 'a\nb', line: 11 },
      { key: 'Why', value: 'c', line: 13 },
    ]);
  });

  it('knows the ways a file says there is nothing', () => {
    for (const t of ['None', 'None currently', '(none yet)', '(none)', 'N/A', '-', '_None_'])
      expect(saysNone(t), t).toBe(true);
    for (const t of ['None of the tests pass', 'Nonexistent key']) expect(saysNone(t), t).toBe(false);
  });
});
