// The bounded read of files others may have put there (src/store/regular-file.ts): only regular
// files, never a wait on a FIFO, never more bytes than the cap, whatever `stat` claims.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularText } from '../../src/store/regular-file.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const refusal = (path: string, kind: RegExp) => {
  let error: unknown;
  try {
    readRegularFile(path, { maxBytes: 1024 });
  } catch (e) {
    error = e;
  }
  expect(error, path).toBeInstanceOf(Error);
  expect((error as Error).message, path).toMatch(kind);
  expect((error as { code: string }).code, path).toBe('not-a-regular-file');
};

describe('readRegularFile', () => {
  it('reads a regular file; null when there is none', () => {
    const d = tempDir();
    writeFileSync(join(d, 'a'), 'hello');
    expect(readRegularText(join(d, 'a'), { maxBytes: 10 })?.text).toBe('hello');
    expect(readRegularFile(join(d, 'missing'), { maxBytes: 10 })).toBeNull();
    expect(readRegularFile(join(d, 'a', 'below-a-file'), { maxBytes: 10 })).toBeNull();
  });

  // A FIFO is refused without waiting: test/reliability/repository-files.test.ts, in a child process
  // a regression cannot hang the suite with.
  it('refuses /dev/zero, /dev/null, a directory and a socket, naming what each is', async () => {
    const d = tempDir();
    symlinkSync('/dev/zero', join(d, 'zero'));
    refusal(join(d, 'zero'), /a character device/);
    refusal('/dev/null', /a character device/);
    mkdirSync(join(d, 'dir'));
    refusal(join(d, 'dir'), /a directory/);
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(d, 'sock'), done));
    try {
      refusal(join(d, 'sock'), /a socket/);
    } finally {
      server.close();
    }
  });

  it('caps the bytes read, not what stat says: refused above the cap, or its start kept', () => {
    const d = tempDir();
    writeFileSync(join(d, 'big'), 'x'.repeat(5000));
    expect(() => readRegularFile(join(d, 'big'), { maxBytes: 4096, name: 'big' })).toThrow(
      /^big is larger than 4 KiB; it was not read$/,
    );
    const cut = readRegularText(join(d, 'big'), { maxBytes: 4096, onLarger: 'truncate' });
    expect(cut?.text).toHaveLength(4096);
    expect(cut?.truncated).toBe(true);
    // /proc files say 0 bytes and have more: the cap still holds.
    const proc = readRegularText('/proc/self/status', { maxBytes: 16, onLarger: 'truncate' });
    expect(proc?.text).toHaveLength(16);
    expect(proc?.truncated).toBe(true);
  });

  it('with noFollow, a symlink is refused even to a regular file', () => {
    const d = tempDir();
    writeFileSync(join(d, 'real'), 'x');
    symlinkSync(join(d, 'real'), join(d, 'link'));
    expect(readRegularText(join(d, 'link'), { maxBytes: 10 })?.text).toBe('x');
    expect(() => readRegularFile(join(d, 'link'), { maxBytes: 10, noFollow: true })).toThrow(/a symbolic link/);
  });
});
