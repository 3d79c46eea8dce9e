// Writes that never leave a half-written file behind: whole-file replacement by rename, and
// appends of whole lines in one write(2) on an O_APPEND descriptor.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { storeError } from '../errors.js';

/** Turn an fs error into a one-line store error that names the file and the way out. */
export function fsFailure(e: unknown, path: string, doing: string): Error {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOSPC':
      return storeError(`cannot ${doing} ${path}: the disk is full; nothing was changed`, 'free some space and retry');
    case 'EDQUOT':
      return storeError(
        `cannot ${doing} ${path}: disk quota exceeded; nothing was changed`,
        'free some space and retry',
      );
    case 'EROFS':
      return storeError(
        `cannot ${doing} ${path}: the file system is read-only; nothing was changed`,
        'retry where the repository is writable',
      );
    case 'EACCES':
    case 'EPERM':
      return storeError(
        `cannot ${doing} ${path}: permission denied; nothing was changed`,
        `check the owner and mode of ${dirname(path)}`,
      );
    case 'ENOTDIR':
    case 'EISDIR':
      return storeError(
        `cannot ${doing} ${path}: something else is in the way (${err.code})`,
        `move ${path} aside and retry`,
      );
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/**
 * Replace `path` with `data`: temp file in the same directory, fsync, rename. `durable: false`
 * skips the fsync, for caches that can be rebuilt (the rename still keeps them whole).
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o644, durable = true): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fsFailure(e, path, 'write');
  }
}

/** Where an append put its bytes: `[start, end)` of the file, for a rollback. */
export interface Appended {
  path: string;
  start: number;
  end: number;
}

/**
 * Append complete lines with a single write on an O_APPEND descriptor, so concurrent appenders
 * (other commands, the post-commit hook) never interleave inside a line. If the file ends in the
 * middle of a line (an interrupted write), a newline is written first so the damage stays on its
 * own line, where the reader reports and sets it aside. A write that fails part-way (a full disk
 * accepts the first bytes and refuses the rest) is cut back off, so a failed append changes nothing.
 */
export function appendLines(path: string, lines: readonly string[], durable = true): Appended | null {
  if (lines.length === 0) return null;
  let fd: number | undefined;
  let start = 0;
  let written = 0;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'a+');
    start = fstatSync(fd).size;
    let prefix = '';
    if (start > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, start - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const data = Buffer.from(prefix + lines.map((l) => `${l}\n`).join(''));
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    if (durable) fsyncSync(fd);
    return { path, start, end: start + written };
  } catch (e) {
    if (fd !== undefined && written > 0) truncateAppend(fd, start, start + written);
    throw fsFailure(e, path, 'append to');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Take back bytes this process appended at `[start, end)` — only while they are still the end of
 * the file: if another writer (a hook) appended after them, they stay, and the reader deals with
 * them as the trace of an interrupted write. Returns whether the file is back to `start` bytes.
 */
function truncateAppend(fd: number, start: number, end: number): boolean {
  try {
    if (fstatSync(fd).size !== end) return false;
    ftruncateSync(fd, start);
    return true;
  } catch {
    return false;
  }
}

/** Undo an append (see truncateAppend); false when it could not be undone. */
export function undoAppend(a: Appended): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(a.path, 'r+');
    return truncateAppend(fd, a.start, a.end);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
