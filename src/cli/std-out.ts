// The process's standard output and error as git-session writes them: whole strings with
// write(2) on the descriptor. Node's process.stdout builds a stream on first use (~2 ms of every
// command's start-up), and a command prints a few lines once. Whether a descriptor is a terminal
// is asked only when a colour or a progress line depends on it, and only of a character device
// (a pipe, a file or /dev/null never is one).

import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export class FdWriter {
  private closed = false;
  private tty: boolean | undefined;

  constructor(private readonly fd: number) {}

  get isTTY(): boolean {
    if (this.tty === undefined) {
      let device = false;
      try {
        const st = fstatSync(this.fd);
        // Linux's memory devices (/dev/null, /dev/zero: major 1) are never terminals.
        device = st.isCharacterDevice() && !(process.platform === 'linux' && ((st.rdev >> 8) & 0xfff) === 1);
      } catch {
        device = false;
      }
      this.tty =
        device &&
        (
          createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
            'node:tty',
          ) as typeof import('node:tty')
        ).isatty(this.fd);
    }
    return this.tty;
  }

  write(s: string): boolean {
    if (this.closed) return false;
    const data = Buffer.from(s);
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.fd, data, off, data.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A reader that is slow (a descriptor left non-blocking): wait a little, go on.
        if (code === 'EAGAIN') {
          Atomics.wait(sleeper, 0, 0, 1);
          continue;
        }
        // A reader that went away (`git session list | head`): nothing more to say there.
        if (code === 'EPIPE') {
          this.closed = true;
          return false;
        }
        throw e;
      }
    }
    return true;
  }
}
