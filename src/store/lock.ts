// One lock for every read-modify-write of the store. A lock file holds its owner (pid, host,
// time, and on Linux the process's start time and the boot it ran in); a lock whose owner process
// is gone on this host — dead, or its pid now used by another process — is stale and taken over.

import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { storeError } from '../model/errors.js';
import { fsFailure, removeFile } from './atomic.js';
import { processAlive } from './process-alive.js';

interface Owner {
  pid: number;
  host: string;
  at: string;
  /** Start time of the process, in clock ticks since boot (Linux /proc/<pid>/stat, field 22). */
  start?: string;
  /** The boot it ran in (Linux /proc/sys/kernel/random/boot_id). */
  boot?: string;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** When `pid` started (clock ticks since boot), where /proc tells; null elsewhere. */
export function processStart(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses; fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

function bootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() || null;
}

/** Boot time in ms since the epoch (/proc/stat btime), or null. */
function bootTimeMs(): number | null {
  const m = /^btime (\d+)$/m.exec(readProc('/proc/stat') ?? '');
  return m ? Number(m[1]) * 1000 : null;
}

/** Linux counts process start times in USER_HZ ticks, 100 per second on every architecture it runs. */
const TICKS_PER_SECOND = 100;

/**
 * Is the live process `pid` still the lock's owner, or a later process that got its pid? With a
 * recorded start time (and boot), compare them; for a lock written without one (an older
 * git-session), a process that started after the lock was taken cannot be its owner. Where /proc
 * tells nothing (macOS, BSD), a live pid counts as the owner.
 */
function pidReused(owner: Owner): boolean {
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  const start = processStart(owner.pid);
  if (start === null) return false;
  if (owner.start !== undefined) return owner.start !== start;
  const booted = bootTimeMs();
  const at = Date.parse(owner.at);
  if (booted === null || Number.isNaN(at)) return false;
  // Two seconds of slack for btime's rounding and clock adjustments since boot.
  return booted + (Number(start) / TICKS_PER_SECOND) * 1000 > at + 2000;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readOwner(path: string): { owner: Owner | null; ino: number } | null {
  try {
    const ino = statSync(path).ino;
    const text = readFileSync(path, 'utf8');
    try {
      const o = JSON.parse(text) as Owner;
      if (typeof o.pid === 'number' && typeof o.host === 'string') {
        // Fields of the wrong type (a hand-edited lock) are left out rather than trusted.
        if (typeof o.at !== 'string') o.at = '';
        if (typeof o.start !== 'string') delete o.start;
        if (typeof o.boot !== 'string') delete o.boot;
        return { owner: o, ino };
      }
    } catch {
      // An empty or torn lock file: its writer died between open and write.
    }
    return { owner: null, ino };
  } catch {
    return null;
  }
}

/** Stale: the owner is a dead process on this host, or the file never got an owner and is old. */
function isStale(entry: { owner: Owner | null; ino: number }, path: string, now: number): boolean {
  if (entry.owner === null) {
    try {
      return now - statSync(path).mtimeMs > 2000;
    } catch {
      return true;
    }
  }
  if (entry.owner.host === hostname()) return !processAlive(entry.owner.pid) || pidReused(entry.owner);
  // Another host (a shared network file system): only age can tell.
  return now - Date.parse(entry.owner.at) > 10 * 60_000;
}

/**
 * Take over a stale lock without removing a fresh one by mistake: move the lock file aside under a
 * unique name (only one contender can move a given file), then check it is the stale file we saw.
 * If another process had replaced it meanwhile, put theirs back.
 */
function takeOver(path: string, staleIno: number): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  try {
    if (statSync(aside).ino !== staleIno) {
      try {
        linkSync(aside, path);
      } catch {
        // Someone holds a newer lock already; theirs wins and ours was a fresh lock we must not keep.
      }
    }
  } finally {
    removeFile(aside);
  }
}

export interface LockOptions {
  timeoutMs?: number;
}

export function withLock<T>(path: string, fn: () => T, options: LockOptions = {}): T {
  const timeout = options.timeoutMs ?? 15_000;
  const started = Date.now();
  let delay = 2;
  let fd: number | undefined;
  for (;;) {
    try {
      fd = openSync(path, 'wx', 0o644);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw fsFailure(e, path, 'create the lock');
    }
    const entry = readOwner(path);
    if (entry && isStale(entry, path, Date.now())) {
      takeOver(path, entry.ino);
      continue;
    }
    if (Date.now() - started > timeout) {
      const who = entry?.owner
        ? `process ${entry.owner.pid} on ${entry.owner.host} since ${entry.owner.at}`
        : 'another process';
      throw storeError(
        `the session store is locked by ${who}`,
        `wait for it to finish; if no git-session is running, remove ${path}`,
      );
    }
    sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    const owner: Owner = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
    const start = processStart(process.pid);
    const boot = bootId();
    if (start !== null) owner.start = start;
    if (boot !== null) owner.boot = boot;
    writeSync(fd, JSON.stringify(owner));
  } catch (e) {
    // A lock without an owner would hold everyone off until it looks stale: give it up now.
    removeFile(path);
    throw fsFailure(e, path, 'create the lock');
  } finally {
    closeSync(fd);
  }
  try {
    return fn();
  } finally {
    // Only remove the lock if it is still ours (a stalled process may have lost it to a takeover).
    const entry = readOwner(path);
    if (entry?.owner && entry.owner.pid === process.pid && entry.owner.host === hostname()) removeFile(path);
  }
}
