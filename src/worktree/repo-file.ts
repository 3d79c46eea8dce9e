// Reading a file of the work tree that a cloned repository supplies (context documents, package.json,
// files a session's commits touched), when a missing or unusable file simply counts as absent. One
// read for all of them: readWorktreeText (worktree-file.ts) — only a regular file whose real path
// stays inside the work tree and out of `.git`, opened without blocking (a FIFO or a device is
// refused, never waited on or drained), and never more than `maxBytes` read.

import type { Repo } from '../git/repo.js';
import { readWorktreeText } from './file.js';

/**
 * The file's text (its first `maxBytes` bytes), or null when it is missing, not a regular file or
 * outside the work tree; `onRefused` hears why a file that is there was not read.
 */
export function readRepoFile(
  repo: Repo,
  rel: string,
  maxBytes: number,
  onRefused?: (message: string) => void,
): { text: string; truncated: boolean } | null {
  try {
    const read = readWorktreeText(repo, { rel, what: 'the repository file' }, { maxBytes, onLarger: 'truncate' });
    return read ? { text: read.text, truncated: read.truncated } : null;
  } catch (e) {
    onRefused?.(e instanceof Error ? e.message : String(e));
    return null;
  }
}
