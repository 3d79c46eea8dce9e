import { describe, expect, it } from 'vitest';
import { parseStatRecord } from '../../src/git/stats.js';

const SHA = 'a'.repeat(40);

describe('git log --numstat -z records', () => {
  it('reads the header and every file, binary files without line counts', () => {
    const rec = `${SHA}\x1f1767603600\x1fdev@example.com\x1ffeat: a\x1fb\0\n3\t1\tsrc/a.ts\0-\t-\tlogo.png\0`;
    expect(parseStatRecord(rec)).toEqual({
      sha: SHA,
      at: '2026-01-05T09:00:00.000Z',
      author: 'dev@example.com',
      subject: 'feat: a\x1fb',
      files: [
        { path: 'src/a.ts', added: 3, removed: 1 },
        { path: 'logo.png', added: null, removed: null },
      ],
    });
  });

  it('reads a commit without files and refuses what is not a record', () => {
    expect(parseStatRecord(`${SHA}\x1f0\x1fx\x1fempty\0`)?.files).toEqual([]);
    expect(parseStatRecord('not a record')).toBeNull();
  });
});
