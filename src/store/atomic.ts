// Writes that never leave a half-written file behind: whole-file replacement by rename, and
// appends of whole lines in one write(2) on an O_APPEND descriptor.

import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { storeError } from '../model/errors.js';
import { processAlive } from './process-alive.js';
import { randomBytes } from './random.js';

/** Why a file system call failed, in words, and the way out; null for codes not listed here. */
function fsReason(code: string | undefined, path: string): { reason: string; hint: string } | null {
  switch (code) {
    case 'ENOSPC':
      return { reason: 'the disk is full', hint: 'free some space and retry' };
    case 'EDQUOT':
      return { reason: 'disk quota exceeded', hint: 'free some space and retry' };
    case 'EROFS':
      return { reason: 'the file system is read-only', hint: 'retry where the repository is writable' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', hint: `check the owner and mode of ${dirname(path)}` };
    case 'ENOTDIR':
    case 'EISDIR':
      return { reason: `something else is in the way (${code})`, hint: `move ${path} aside and retry` };
    default:
      return null;
  }
}

/** Turn an fs error into a one-line store error that names the file and the way out. */
export function fsFailure(e: unknown, path: string, doing: string): Error {
  const w = fsReason((e as NodeJS.ErrnoException).code, path);
  if (!w) return e instanceof Error ? e : new Error(String(e));
  const nothing = (e as NodeJS.ErrnoException).code === 'ENOTDIR' || (e as NodeJS.ErrnoException).code === 'EISDIR';
  return storeError(`cannot ${doing} ${path}: ${w.reason}${nothing ? '' : '; nothing was changed'}`, w.hint);
}

/**
 * A file system error that reached the top without being named by the code that met it (a folder
 * that could not be made on a read-only store, say): the same one line naming the file and the way
 * out, without claiming that nothing was changed. Null for anything else.
 */
export function unexplainedFsFailure(e: unknown): Error | null {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.path !== 'string' || typeof err.code !== 'string') return null;
  const w = fsReason(err.code, err.path);
  return w ? storeError(`cannot ${err.syscall ?? 'write'} ${err.path}: ${w.reason}`, w.hint) : null;
}

/** The first of `dirs` (existing folders) this process may not write in, as a one-line error. */
export function unwritable(dirs: readonly string[]): Error | null {
  for (const dir of dirs) {
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      const w = fsReason(code, join(dir, '.'));
      return storeError(
        `the session store cannot be written: ${dir} (${w?.reason ?? code})`,
        w && code !== 'EACCES' && code !== 'EPERM' ? w.hint : `check the owner and mode of ${dir}`,
      );
    }
  }
  return null;
}

/**
 * `mkdir -p`. Node's recursive mkdir reports ENOENT when the real failure is a read-only file
 * system, a full disk or a permission (nodejs/node#47098, #31481); the first missing folder is then
 * made alone, which fails with the real reason.
 */
export function makeDirs(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let first = dir;
    while (!existsSync(dirname(first)) && dirname(first) !== first) first = dirname(first);
    mkdirSync(first);
    throw e;
  }
}

/**
 * Remove a file, and nothing when it is not there (rmSync's force without its walk: a change
 * removes a few files, and rmSync costs ~0.2 ms each).
 */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/**
 * Replace `path` with `data`: temp file in the same directory, fsync, rename. `durable: false`
 * skips the fsync, for caches that can be rebuilt (the rename still keeps them whole).
 * `exclusive`: only create — the temp file is linked to `path`, which fails if anything is there
 * (even a dangling symlink); returns false then, and nothing is changed.
 */
export function writeFileAtomic(
  path: string,
  data: string | Buffer,
  mode = 0o644,
  durable = true,
  options: { exclusive?: boolean } = {},
): boolean {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Buffer.from(randomBytes(4)).toString('hex')}.tmp`);
  try {
    makeDirs(dir);
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!options.exclusive) {
      renameSync(tmp, path);
      return true;
    }
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      removeFile(tmp);
    }
    return true;
  } catch (e) {
    removeFile(tmp);
    throw fsFailure(e, path, 'write');
  }
}

// ---- leftovers of killed runs ---------------------------------------------------------------------

/**
 * What a killed process leaves: the temp file of an atomic write (`.<name>.<pid>.<8 hex>.tmp`), the
 * copy a locked operation keeps to put a file back (`.<name>.<pid>.undo`, store.ts), a lock moved
 * aside during a takeover (`lock.stale.<pid>`, lock.ts). The pid tells whose it is.
 */
const LEFTOVER = /^(?:\..+\.(\d+)\.(?:[0-9a-f]{8}\.tmp|undo)|lock\.stale\.(\d+))$/;

/** Older than this, a leftover is stale whatever its pid says (a reused pid, another host). */
const LEFTOVER_MAX_AGE_MS = 10 * 60_000;

/**
 * Remove the leftovers of killed runs in `dir` (not below it): files named as above whose process
 * is gone, or that are older than ten minutes. Another live process's temp files, and this
 * process's own, stay. `prefix` limits it to names starting so (a directory git-session shares with
 * git, such as `.git`). Returns the paths removed; never throws.
 */
export function removeLeftovers(dir: string, prefix = '', now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid === process.pid) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (!st.isFile()) continue;
      if (processAlive(pid) && now - st.mtimeMs < LEFTOVER_MAX_AGE_MS) continue;
      removeFile(path);
      removed.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
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
    makeDirs(dirname(path));
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
