// Writing the command's output to the descriptors (src/cli/std-out.ts): whole strings, a reader
// that went away ends the output quietly, and /dev/null or a file is never taken for a terminal.

import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FdWriter } from '../../src/cli/std-out.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

describe('FdWriter', () => {
  it('writes whole strings to a file, which is no terminal', () => {
    const path = join(tempDir(), 'out.txt');
    const fd = openSync(path, 'w');
    const w = new FdWriter(fd);
    expect(w.write('héllo\n')).toBe(true);
    expect(w.write('x'.repeat(200_000))).toBe(true);
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(`héllo\n${'x'.repeat(200_000)}`);
    expect(w.isTTY).toBe(false);
  });

  it('/dev/null is no terminal', () => {
    const fd = openSync('/dev/null', 'w');
    expect(new FdWriter(fd).isTTY).toBe(false);
    closeSync(fd);
  });

  it('a reader that went away: the writes stop without an error (git session list | head)', () => {
    const fifo = join(tempDir(), 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(fifo, 'w');
    closeSync(reader);
    const w = new FdWriter(fd);
    expect(w.write('first line\n')).toBe(false);
    expect(w.write('and more\n')).toBe(false);
    closeSync(fd);
  });
});
