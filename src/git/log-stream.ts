// One streaming `git log` over the commits that carry session trailers, parsed as it arrives.
// git's own trailer parser picks the trailer block (%(trailers)), so a `Session:` line written in
// a message body is never taken for a trailer; --grep only skips commits that cannot have one.

import { spawn } from 'node:child_process';
import { ALL_TRAILER_KEYS } from '../codec/trailers.js';
import type { HistoryCommit } from '../core/history-import.js';
import { gitError } from '../errors.js';
import type { Repo } from './git.js';

const KEYS = ALL_TRAILER_KEYS.map((k) => `key=${k}`).join(',');
export const HISTORY_FORMAT = `%H%x1f%at%x1f%ct%x1f%ae%x1f%(trailers:${KEYS},unfold,separator=%x1d)%x1f%s`;

/** Parse one record of HISTORY_FORMAT; null when it is not one (a hostile message cannot forge one). */
export function parseRecord(record: string): HistoryCommit | null {
  const parts = record.replace(/^\n/, '').split('\x1f');
  if (parts.length < 6) return null;
  const [sha, at, ct, email, trailers] = parts as [string, string, string, string, string];
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^\d+$/.test(at) || !/^\d+$/.test(ct)) return null;
  return {
    sha,
    authorTime: Number(at),
    commitTime: Number(ct),
    authorEmail: email,
    trailers: trailers === '' ? [] : trailers.split('\x1d'),
    subject: parts.slice(5).join('\x1f'),
  };
}

/**
 * Stream the commits reachable from `include` and not from `exclude` that mention a session,
 * calling `onCommit` for each. Revisions go through stdin, so any number of them fits.
 */
export function streamSessionCommits(
  repo: Repo,
  include: readonly string[],
  exclude: readonly string[],
  onCommit: (c: HistoryCommit) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'git',
      ['log', '--stdin', '-z', '--ignore-missing', '--regexp-ignore-case', '--grep=^session', `--format=${HISTORY_FORMAT}`],
      { cwd: repo.top, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let count = 0;
    let rest: Buffer = Buffer.alloc(0);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      let buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let i = buf.indexOf(0, start); i >= 0; i = buf.indexOf(0, start)) {
        const c = parseRecord(buf.toString('utf8', start, i));
        if (c) {
          count++;
          onCommit(c);
        }
        start = i + 1;
      }
      buf = buf.subarray(start);
      rest = Buffer.from(buf);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest.length > 0) {
        const c = parseRecord(rest.toString('utf8'));
        if (c) {
          count++;
          onCommit(c);
        }
      }
      if (code !== 0) reject(gitError(`git log failed: ${stderr.trim().split('\n')[0] ?? code}`));
      else resolve(count);
    });
    child.stdin.end([...include, ...exclude.map((s) => `^${s}`)].join('\n') + '\n');
  });
}

/** Commit tips of all branches, remote-tracking branches and tags (peeled), plus HEAD. */
export function refTips(run: (args: string[]) => string): string[] {
  const out = run(['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname)', 'refs/heads', 'refs/remotes', 'refs/tags']);
  const tips = new Set<string>();
  for (const line of out.split('\n')) {
    const [type, sha, peeledType, peeled] = line.split(' ');
    if (type === 'commit' && sha) tips.add(sha);
    else if (type === 'tag' && peeledType === 'commit' && peeled) tips.add(peeled);
  }
  try {
    const head = run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim();
    if (head) tips.add(head);
  } catch {
    // Unborn HEAD.
  }
  return [...tips].sort();
}
