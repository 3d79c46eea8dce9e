// What git knows of commits that the session fold does not: committer time, author, subject and
// the lines each file gained and lost. One `git log --numstat` over exactly the commits asked for
// (given on stdin, so any number fits), read as it streams: memory holds one record at a time,
// never the whole log.

import { availableParallelism } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { gitError } from '../model/errors.js';
import type { Repo } from './repo.js';
import { spawnGitStream, streamError } from './spawn.js';

export interface FileStat {
  path: string;
  /** null for a binary file. */
  added: number | null;
  removed: number | null;
}

export interface CommitStat {
  sha: string;
  /** Committer time, ISO UTC. */
  at: string;
  author: string;
  subject: string;
  files: FileStat[];
}

export const STATS_FORMAT = '%x1e%H%x1f%ct%x1f%ae%x1f%s';
const HEAD = /^[0-9a-f]{40,64}\x1f/;

/**
 * Parse one record of `git log -z --numstat --format=STATS_FORMAT` (without its leading \x1e):
 * `sha \x1f time \x1f email \x1f subject \0 \n added \t removed \t path \0 …`.
 */
export function parseStatRecord(record: string): CommitStat | null {
  const end = record.indexOf('\0');
  const head = end < 0 ? record : record.slice(0, end);
  const parts = head.split('\x1f');
  if (parts.length < 4) return null;
  const [sha = '', ct = '', author = ''] = parts;
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^\d+$/.test(ct)) return null;
  const files: FileStat[] = [];
  if (end >= 0) {
    for (const entry of record.slice(end + 1).split('\0')) {
      const e = entry.replace(/^\n/, '');
      if (e === '') continue;
      const t1 = e.indexOf('\t');
      const t2 = e.indexOf('\t', t1 + 1);
      if (t1 < 0 || t2 < 0) continue;
      const a = e.slice(0, t1);
      const r = e.slice(t1 + 1, t2);
      files.push({ path: e.slice(t2 + 1), added: a === '-' ? null : Number(a), removed: r === '-' ? null : Number(r) });
    }
  }
  return {
    sha,
    at: new Date(Number(ct) * 1000).toISOString(),
    author,
    subject: parts.slice(3).join('\x1f'),
    files,
  };
}

/**
 * Stream the facts of the given commits to `onCommit`, in no particular order. Commits that
 * no longer exist are skipped. Resolves with how many were read.
 */
export function streamCommitStats(
  repo: Repo,
  shas: Iterable<string>,
  onCommit: (c: CommitStat) => void,
): Promise<number> {
  const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40,64}$/.test(s));
  if (wanted.length === 0) return Promise.resolve(0);
  // Counting lines means diffing every commit: git spends ~60 µs a commit on it, single-threaded.
  // Large sets are split over the cores, one git process each (each still streamed).
  const parts = wanted.length < PARALLEL_FROM ? 1 : Math.min(4, Math.max(1, availableParallelism()));
  const size = Math.ceil(wanted.length / parts);
  const runs: Promise<number>[] = [];
  for (let i = 0; i < wanted.length; i += size) runs.push(streamPart(repo, wanted.slice(i, i + size), onCommit));
  return Promise.all(runs).then((counts) => counts.reduce((a, b) => a + b, 0));
}

/** Below this many commits one git process is faster than starting several. */
const PARALLEL_FROM = 2000;

function streamPart(repo: Repo, wanted: readonly string[], onCommit: (c: CommitStat) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnGitStream(
      [
        '-c',
        'diff.renames=false',
        'log',
        '--no-walk=unsorted',
        '--ignore-missing',
        '--stdin',
        '-z',
        '--numstat',
        '--no-renames',
        '--no-ext-diff',
        `--format=${STATS_FORMAT}`,
      ],
      { cwd: repo.top, stdout: 'pipe' },
    );
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let count = 0;
    let stderr = '';
    let failed = false;
    const emit = (record: string) => {
      const c = parseStatRecord(record);
      if (c) {
        count++;
        onCommit(c);
      }
    };
    // Records start with \x1e; one inside a subject is not followed by a sha and stays in its record.
    // Records are cut by index and the unfinished tail kept, so each byte is copied once or twice.
    const feed = (text: string, final: boolean) => {
      pending += text;
      let start = 0;
      for (let cut = pending.indexOf('\x1e', 1); cut >= 0; cut = pending.indexOf('\x1e', cut + 1)) {
        // Too little after the separator to tell whether a sha follows: wait for more.
        if (!final && pending.length - cut < 67) break;
        if (!HEAD.test(pending.slice(cut + 1, cut + 67))) continue;
        if (pending.charCodeAt(start) === 0x1e) emit(pending.slice(start + 1, cut));
        start = cut;
      }
      pending = pending.slice(start);
    };
    child.stdout!.on('data', (d: Buffer) => {
      try {
        feed(decoder.write(d), false);
      } catch (e) {
        failed = true;
        child.kill();
        reject(e);
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    child.on('error', (e) => {
      failed = true;
      reject(streamError(e));
    });
    child.on('close', (code) => {
      if (failed) return;
      feed(decoder.end(), true);
      if (pending.charCodeAt(0) === 0x1e) emit(pending.slice(1));
      pending = '';
      if (code !== 0) reject(gitError(`git log failed: ${stderr.trim().split('\n')[0] ?? code}`));
      else resolve(count);
    });
    child.stdin!.on('error', () => {
      // git exited early; 'close' reports why.
    });
    child.stdin!.end(`${wanted.join('\n')}\n`);
  });
}
