// Reading a file of the work tree that a cloned repository supplies (context documents, package.json,
// files a session's commits touched): only a regular file whose real path stays inside the work
// tree, opened without blocking (a FIFO or a device is refused, never waited on or drained), and
// never more than `maxBytes` read — the cap is on the read itself, not on what stat claims.

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/** The file's text (its first `maxBytes` bytes), or null when it is missing, not regular or outside. */
export function readRepoFile(top: string, rel: string, maxBytes: number): { text: string; truncated: boolean } | null {
  let real: string;
  try {
    real = realpathSync(join(top, rel));
    const inside = relative(realpathSync(top), real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
    if (inside.split(/[\\/]/).some((p) => p.toLowerCase() === '.git')) return null;
  } catch {
    return null;
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const buf = Buffer.alloc(maxBytes + 1);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
    }
    const truncated = got > maxBytes;
    return { text: buf.subarray(0, Math.min(got, maxBytes)).toString('utf8'), truncated };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
