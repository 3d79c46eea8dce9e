// One streaming `git log` over the history, parsed as it arrives. git's own trailer parser picks
// the trailer block (%(trailers)), so a `Session:` line written in a message body is never taken
// for a trailer.

import { closeSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TRAILER_KEYS } from '../codec/trailers.js';
import { gitError } from '../model/errors.js';
import type { Repo } from './repo.js';
import { spawnGitStream, streamError } from './spawn.js';

// All trailers of the block, ours picked out here: measured, git's per-key matching costs more
// than printing the few other trailers a commit has. The parents give every commit its generation
// number (the clock of the events it carries, core/clock.ts): every commit is listed, not only
// those that could name a session.
export const HISTORY_FORMAT = '%H%x1f%P%x1f%ct%x1f%ae%x1f%(trailers:only,unfold,separator=%x1d)';
const OUR_KEYS = new Set(ALL_TRAILER_KEYS.map((k) => k.toLowerCase()));

function ours(line: string): boolean {
  const i = line.indexOf(':');
  return i > 0 && OUR_KEYS.has(line.slice(0, i).trim().toLowerCase());
}

/** An author email longer than this is not one: shown as `unknown` (it is copied per session). */
const MAX_EMAIL = 320;

/** A commit of the walk that carries trailers of our keys. */
export interface WalkedCommit {
  sha: string;
  /** Its parents (parseRecord; the streaming walk hands them to the graph instead, and leaves this empty). */
  parents: string[];
  commitTime: number;
  authorEmail: string;
  /** `Key: value` lines of our keys, unfolded, in block order. */
  trailers: string[];
}

const SHA_RE = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Parse one record of HISTORY_FORMAT; null when it is not one (a hostile message cannot forge one). */
export function parseRecord(record: string): WalkedCommit | null {
  const parts = record.replace(/^\n/, '').split('\x1f');
  if (parts.length !== 5) return null;
  const [sha, parents, ct, email, trailers] = parts as [string, string, string, string, string];
  if (!SHA_RE.test(sha) || !/^\d+$/.test(ct)) return null;
  const ps = parents === '' ? [] : parents.split(' ');
  if (!ps.every((p) => SHA_RE.test(p))) return null;
  return {
    sha,
    parents: ps,
    commitTime: Number(ct),
    authorEmail: email.length > MAX_EMAIL ? 'unknown' : email,
    trailers: trailers === '' ? [] : trailers.split('\x1d').filter(ours),
  };
}

/**
 * A record with trailers, decoded straight from git's output (the name and parents were read as
 * bytes already): null when none of its trailers has one of our keys, or the record is not one.
 */
function commitOf(buf: Buffer, from: number, a: number, b: number, end: number): WalkedCommit | null {
  const c = buf.indexOf(0x1f, b + 1);
  const d = c < 0 ? -1 : buf.indexOf(0x1f, c + 1);
  if (d < 0 || d >= end) return null;
  let time = 0;
  for (let k = b + 1; k < c; k++) {
    const digit = buf[k]! - 0x30;
    if (digit < 0 || digit > 9) return null;
    time = time * 10 + digit;
  }
  const trailers = buf
    .toString('utf8', d + 1, end)
    .split('\x1d')
    .filter(ours);
  if (trailers.length === 0) return null;
  const email = buf.toString('utf8', c + 1, d);
  return {
    sha: buf.toString('latin1', from, a),
    parents: [],
    commitTime: time,
    authorEmail: email.length > MAX_EMAIL ? 'unknown' : email,
    trailers,
  };
}

/** The last field (trailers) of a record in buf[start, end) is not empty. */
function hasTrailers(buf: Buffer, start: number, end: number): boolean {
  return end > start && buf[end - 1] !== 0x1f && buf[end - 1] !== 0x0a;
}

/**
 * Every commit of the walk, as bytes of git's output: its name in buf[nameStart, nameEnd), its
 * parents (space-separated) in buf[parentsStart, parentsEnd). See git/graph.ts.
 */
export type OnGraph = (
  buf: Buffer,
  nameStart: number,
  nameEnd: number,
  parentsStart: number,
  parentsEnd: number,
) => void;

/**
 * Stream the commits reachable from `include` and not from `exclude`: `onGraph` gets every one
 * (sha and parents), `onCommit` those whose trailer block has one of our keys. Revisions go
 * through stdin, so any number fits. Returns how many commits were read.
 *
 * git writes to a file in `scratchDir` (--output) that is read as it grows: measured over 100,000
 * commits, git's many small writes into a pipe cost ~150-200 ms more than into a file. Reading
 * stays incremental with a fixed 1 MiB buffer; what the caller keeps is up to it.
 */
export function streamSessionCommits(
  repo: Repo,
  include: readonly string[],
  exclude: readonly string[],
  onGraph: OnGraph,
  onCommit: (c: WalkedCommit) => void,
  scratchDir: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = join(scratchDir, `.log-${process.pid}-${Date.now()}.tmp`);
    writeFileSync(out, '');
    const child = spawnGitStream(
      ['log', '--stdin', '-z', '--ignore-missing', `--output=${out}`, `--format=${HISTORY_FORMAT}`],
      { cwd: repo.top, stdout: 'ignore' },
    );
    const records = new RecordReader(onGraph, onCommit);
    let stderr = '';
    let exited: number | null | undefined;
    const fd = openSync(out, 'r');
    const finish = (error?: Error) => {
      closeSync(fd);
      rmSync(out, { force: true });
      if (error) reject(error);
      else resolve(records.count);
    };
    const buf = Buffer.alloc(1 << 20);
    let pos = 0;
    // Read what git has written so far; when nothing more is there, look again in 2 ms, until git
    // has exited and everything it wrote is read.
    const pump = () => {
      try {
        for (;;) {
          const finished = exited !== undefined;
          const n = readSync(fd, buf, 0, buf.length, pos);
          if (n > 0) {
            pos += n;
            records.consume(buf.subarray(0, n));
            continue;
          }
          if (!finished) {
            setTimeout(pump, 2);
            return;
          }
          records.end();
          if (exited !== 0) finish(gitError(`git log failed: ${stderr.trim().split('\n')[0] ?? exited}`));
          else finish();
          return;
        }
      } catch (e) {
        finish(e as Error);
      }
    };
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) => finish(streamError(e)));
    child.on('close', (code) => {
      exited = code;
    });
    child.stdin!.end(`${[...include, ...exclude.map((s) => `^${s}`)].join('\n')}\n`);
    pump();
  });
}

/**
 * git's output cut into records (NUL-terminated): every record's name and parents go to `onGraph`
 * as bytes; only records with trailers of our keys are decoded. Only the record cut by a read
 * boundary is copied; complete records are read in place.
 */
class RecordReader {
  count = 0;
  private rest: Buffer | null = null;

  constructor(
    private readonly onGraph: OnGraph,
    private readonly onCommit: (c: WalkedCommit) => void,
  ) {}

  consume(chunk: Buffer): void {
    let start = 0;
    if (this.rest !== null) {
      const first = chunk.indexOf(0);
      if (first < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const joined = Buffer.concat([this.rest, chunk.subarray(0, first)]);
      this.rest = null;
      this.record(joined, 0, joined.length);
      start = first + 1;
    }
    for (let i = chunk.indexOf(0, start); i >= 0; i = chunk.indexOf(0, start)) {
      this.record(chunk, start, i);
      start = i + 1;
    }
    if (start < chunk.length) this.rest = Buffer.from(chunk.subarray(start));
  }

  /** The last record, when git's output does not end with a NUL. */
  end(): void {
    if (this.rest !== null && this.rest.length > 0) this.record(this.rest, 0, this.rest.length);
    this.rest = null;
  }

  private record(buf: Buffer, start: number, end: number): void {
    this.count++;
    // Every commit gives its name and parents as bytes; only those with trailers are decoded.
    const from = buf[start] === 0x0a ? start + 1 : start;
    // An object name is 40 or 64 characters: no search for the separator after it. The
    // parents are scanned in place too (a call into indexOf costs more than 40 bytes of loop).
    let a = from + 40;
    if (buf[a] !== 0x1f) a = from + 64;
    if (a >= end || buf[a] !== 0x1f) return;
    let b = a + 1;
    while (b < end && buf[b] !== 0x1f) b++;
    if (b >= end) return;
    this.onGraph(buf, from, a, a + 1, b);
    if (!hasTrailers(buf, start, end)) return;
    const c = commitOf(buf, from, a, b, end);
    if (c) this.onCommit(c);
  }
}
