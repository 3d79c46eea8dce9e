// Reading a file that someone else may have put there — a cloned repository's `.session/config.yaml`,
// `.claude/settings.json`, a hook script under `.husky/`. Such a path can be a symlink to
// `/dev/zero` (an endless read), a FIFO or `/dev/stdin` (a read that never returns), or a 10 GB
// file. So: only regular files are read; the kind is checked before opening (a device is never
// opened) and again on the open descriptor (a swap in between is caught); the open never blocks
// (O_NONBLOCK); and the cap applies to the bytes read, not to what `stat` claims (a /proc file
// says 0 bytes and has more).

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { userError } from '../model/errors.js';

export interface RegularRead {
  data: Buffer;
  /** More bytes were there than `maxBytes` (only with `onLarger: 'truncate'`). */
  truncated: boolean;
  stat: Stats;
}

export interface ReadOptions {
  maxBytes: number;
  /** What to do with a file above `maxBytes`: refuse it (the default), or keep its first bytes. */
  onLarger?: 'refuse' | 'truncate';
  /** Refuse a symlink as the last component instead of following it. */
  noFollow?: boolean;
  /** How the file is named in errors (defaults to the path). */
  name?: string;
}

/** What a non-regular file is, in words. */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function refused(name: string, why: string) {
  return userError(
    'not-a-regular-file',
    `${name} is ${why}; git-session reads only regular files, so it was not read`,
    `replace ${name} with a regular file`,
  );
}

function tooLarge(name: string, max: number) {
  return userError(
    'file-too-large',
    `${name} is larger than ${formatBytes(max)}; it was not read`,
    `shorten ${name}, or move it away`,
  );
}

function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's status (following a final symlink unless `noFollow`), or null when there is none. */
export function statRegular(path: string, options: Pick<ReadOptions, 'noFollow' | 'name'> = {}): Stats | null {
  let st: Stats;
  try {
    st = options.noFollow ? lstatSync(path) : statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'ELOOP') throw refused(options.name ?? path, 'a loop of symbolic links');
    throw e;
  }
  if (!st.isFile()) throw refused(options.name ?? path, fileKind(st));
  return st;
}

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them; null when there is no file.
 * Anything else (directory, FIFO, device, socket, a symlink with `noFollow`, a file larger than
 * the cap unless truncating) is refused with a one-line error naming the file.
 */
export function readRegularFile(path: string, options: ReadOptions): RegularRead | null {
  const name = options.name ?? path;
  const before = statRegular(path, options);
  if (!before) return null;
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'ELOOP') throw refused(name, 'a symbolic link');
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    // Replaced between the check and the open: judge what was opened.
    if (!stat.isFile()) throw refused(name, fileKind(stat));
    if (stat.ino !== before.ino || stat.dev !== before.dev)
      throw refused(name, 'a file that changed while it was opened');
    const chunks: Buffer[] = [];
    let total = 0;
    const limit = options.maxBytes + 1;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    const data = Buffer.concat(chunks, total);
    if (total <= options.maxBytes) return { data, truncated: false, stat };
    if (options.onLarger === 'truncate') return { data: data.subarray(0, options.maxBytes), truncated: true, stat };
    throw tooLarge(name, options.maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** The same as text (UTF-8). */
export function readRegularText(
  path: string,
  options: ReadOptions,
): { text: string; truncated: boolean; stat: Stats } | null {
  const r = readRegularFile(path, options);
  if (!r) return null;
  return { text: r.data.toString('utf8'), truncated: r.truncated, stat: r.stat };
}
