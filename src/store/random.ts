// Random bytes for ids and temporary file names, from the kernel's generator (/dev/urandom) read
// with the file functions Node has loaded already: loading node:crypto costs a change ~3 ms of its
// start-up. Where there is no /dev/urandom, node:crypto gives them.

import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

let pool: Buffer = Buffer.alloc(0);
let used = 0;

function fromKernel(n: number): Buffer | null {
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      const size = Math.max(n, 512);
      const buf = Buffer.alloc(size);
      let got = 0;
      while (got < size) {
        const k = readSync(fd, buf, got, size - got, null);
        if (k <= 0) return null;
        got += k;
      }
      return buf;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

export function randomBytes(n: number): Uint8Array {
  if (used + n > pool.length) {
    const fresh =
      fromKernel(n) ??
      (
        createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
          'node:crypto',
        ) as typeof import('node:crypto')
      ).randomBytes(Math.max(n, 512));
    pool = fresh;
    used = 0;
  }
  const out = Uint8Array.from(pool.subarray(used, used + n));
  // Each byte is handed out once.
  pool.fill(0, used, used + n);
  used += n;
  return out;
}
