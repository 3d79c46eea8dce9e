// The one way git-session reads a file of the work tree, and the one way it writes there. Both
// treat the work tree as a stranger's: its files and its `.session/config.yaml` arrive with a
// clone. Paths are checked by worktree-path.ts (no symlink out of the work tree or into `.git`);
// reads take regular files only, capped (store/regular-file.ts); writes are atomic and go only
// where git-session may write:
// - `create`: a new file, never one that is there (init's starter files);
// - `edit`: a file the user asked us to edit in place (agent install: .claude/settings.json, AGENTS.md);
// - generated files at configurable paths (SESSION.md, the handoff, the decision log): new, or
//   carrying git-session's mark (codec/owned-marker.ts) — never a file that is someone else's.

import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { OWNED_NAMES, type OwnedKind, ownedKind, withOwnedMark } from '../codec/owned-marker.js';
import { hasUncommittedChanges } from '../git/changes.js';
import type { Repo } from '../git/repo.js';
import { run } from '../git/run.js';
import { GitSessionError, userError } from '../model/errors.js';
import { fsFailure, removeLeftovers, writeFileAtomic } from '../store/atomic.js';
import { sha256 } from '../store/digest.js';
import { readRegularFile, readRegularText, statRegular } from '../store/regular-file.js';
import type { Store } from '../store/store.js';
import { makeParents, worktreeTarget } from './path.js';

/** A work-tree file: its path relative to the top, and what chose it (a config key, "the handoff path"…). */
export interface WorktreeFile {
  rel: string;
  what: string;
}

/** A generated file larger than this is not one git-session wrote. */
const GENERATED_MAX_BYTES = 16 * 1024 * 1024;

function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The path as git names it (relative to the top, `/`). */
function gitPath(repo: Repo, abs: string): string {
  return relative(repo.top, abs).split(sep).join('/');
}

/** Before a write: the temp files a killed write of this very file left next to it. */
function prepare(repo: Repo, abs: string): void {
  try {
    makeParents(repo, abs);
  } catch (e) {
    throw fsFailure(e, dirname(abs), 'create');
  }
  removeLeftovers(dirname(abs), `.${basename(abs)}.`);
}

/**
 * The text of a work-tree file, or null when there is none. Symlinks are followed only inside the
 * work tree; a FIFO, device, socket or directory is refused, and so is a file above `maxBytes`
 * unless `onLarger: 'truncate'` keeps its start.
 */
export function readWorktreeText(
  repo: Repo,
  file: WorktreeFile,
  options: { maxBytes: number; onLarger?: 'refuse' | 'truncate' },
): { text: string; truncated: boolean; stat: Stats } | null {
  const abs = worktreeTarget(repo, file.rel, file.what, 'read');
  return readRegularText(abs, { ...options, name: file.rel });
}

/** The status of a work-tree file, checked like a read (for a cache key); null when there is none. */
export function statWorktreeFile(repo: Repo, file: WorktreeFile): Stats | null {
  return statRegular(worktreeTarget(repo, file.rel, file.what, 'read'), { name: file.rel });
}

/**
 * Create a file that must not exist yet. Whatever is there already — a file, a symlink inside the
 * work tree — stays untouched ('exists'); a path through a symlink out of the work tree is refused.
 */
export function createWorktreeFile(repo: Repo, file: WorktreeFile, text: string): 'created' | 'exists' {
  const abs = worktreeTarget(repo, file.rel, file.what, 'create');
  if (lexists(abs)) return 'exists';
  prepare(repo, abs);
  return writeFileAtomic(abs, text, 0o644, true, { exclusive: true }) ? 'created' : 'exists';
}

/** Create a folder of the work tree (and the ones above it), refusing symlinks out of it. */
export function createWorktreeDir(repo: Repo, file: WorktreeFile): 'created' | 'exists' {
  const abs = worktreeTarget(repo, file.rel, file.what, 'create');
  if (lexists(abs)) {
    // A symlink here was checked to stay inside the work tree.
    if (!statSync(abs).isDirectory())
      throw userError(
        'bad-path',
        `${file.what} '${file.rel}' is not a folder; nothing was written`,
        `move ${file.rel} aside`,
      );
    return 'exists';
  }
  try {
    makeParents(repo, `${abs}${sep}x`);
  } catch (e) {
    throw fsFailure(e, abs, 'create');
  }
  return 'created';
}

/**
 * Replace a file the user asked git-session to edit (its mode kept). Only a regular file, never
 * through a symlink; a new file is created.
 */
export function editWorktreeFile(repo: Repo, file: WorktreeFile, text: string, mode?: number): void {
  const abs = worktreeTarget(repo, file.rel, file.what, 'write');
  const st = statRegular(abs, { noFollow: true, name: file.rel });
  prepare(repo, abs);
  writeFileAtomic(abs, text, mode ?? (st ? st.mode & 0o777 : 0o644));
}

/** Remove a file git-session created (agent uninstall): only a regular file, never through a symlink. */
export function removeWorktreeFile(repo: Repo, file: WorktreeFile): void {
  const abs = worktreeTarget(repo, file.rel, file.what, 'write');
  try {
    rmSync(abs, { force: true });
  } catch (e) {
    throw fsFailure(e, abs, 'remove');
  }
}

const isConfigKey = (what: string) => /^[a-z_]+\.[a-z_]+$/.test(what);

function notOurs(file: WorktreeFile, why: string) {
  return userError(
    'not-git-session-file',
    `${file.what} '${file.rel}' is ${why}; nothing was written`,
    isConfigKey(file.what)
      ? `set ${file.what} in .session/config.yaml to a new file, or move ${file.rel} away if git-session may replace it`
      : `choose a new file, or move ${file.rel} away first`,
  );
}

/** A file that must carry the mark of `kind`: one without any mark, or with another's, is refused. */
function checkKind(file: WorktreeFile, text: string, kind: OwnedKind): void {
  const found = ownedKind(text);
  if (found === null) throw notOurs(file, 'a file git-session did not write (it has no git-session mark)');
  if (found !== kind)
    throw userError(
      'not-git-session-file',
      `${file.what} '${file.rel}' is git-session's ${OWNED_NAMES[found]}, not a ${OWNED_NAMES[kind]}; nothing was written`,
      'give session_file.path, handoff.path and decisions_log.path different files',
    );
}

/**
 * Whether the generated file at `abs` may be replaced: it is new; or git-session wrote exactly
 * these bytes last (its record); or it carries git-session's mark of that kind and holds no
 * uncommitted work (a tracked file with changes git-session did not make is someone's work).
 */
function checkGenerated(ctx: { repo: Repo; store: Store }, file: WorktreeFile, abs: string, kind: OwnedKind): void {
  let existing: Buffer | null;
  try {
    existing = readRegularFile(abs, { maxBytes: GENERATED_MAX_BYTES, noFollow: true, name: file.rel })?.data ?? null;
  } catch (e) {
    if ((e as { code?: string }).code === 'file-too-large')
      throw notOurs(file, 'a large file git-session did not write');
    throw e;
  }
  if (existing === null) return;
  if (ctx.store.writtenDigest(abs) === sha256(existing)) return;
  checkKind(file, existing.subarray(0, 4096).toString('utf8'), kind);
  if (run(ctx.repo, hasUncommittedChanges(gitPath(ctx.repo, abs))))
    throw userError(
      'uncommitted-changes',
      `${file.what} '${file.rel}' has uncommitted changes git-session did not make; nothing was written`,
      `commit them, or restore the file (git restore -- ${gitPath(ctx.repo, abs)}), then retry`,
    );
}

/**
 * Replace a generated file (SESSION.md, a handoff) with `text`, marked as git-session's, if it is
 * new or already git-session's (checkGenerated). `beforeWrite` runs once the file is known to be
 * writable (SESSION.md adds its exclude line then). Returns the absolute path.
 */
export function replaceGeneratedFile(
  ctx: { repo: Repo; store: Store },
  file: WorktreeFile,
  kind: OwnedKind,
  text: string,
  beforeWrite?: (abs: string) => void,
): string {
  const abs = worktreeTarget(ctx.repo, file.rel, file.what, 'write');
  checkGenerated(ctx, file, abs, kind);
  beforeWrite?.(abs);
  const data = withOwnedMark(text, kind);
  prepare(ctx.repo, abs);
  writeFileAtomic(abs, data);
  ctx.store.recordWritten(abs, sha256(data));
  return abs;
}

const APPEND_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Append to a generated log (the decision log): created with `header` (and the mark) when new;
 * otherwise only if it carries git-session's mark. `entries` gets the current text and returns what
 * to add ('' for nothing), written with one write(2) on an O_APPEND descriptor, so concurrent
 * writers never interleave inside it. Returns the absolute path.
 */
export function appendGeneratedFile(
  ctx: { repo: Repo },
  file: WorktreeFile,
  kind: OwnedKind,
  header: string,
  entries: (present: string) => string,
): string {
  const abs = worktreeTarget(ctx.repo, file.rel, file.what, 'write');
  if (!lexists(abs)) {
    prepare(ctx.repo, abs);
    // Exclusive: of two first writers, exactly one writes the header.
    writeFileAtomic(abs, withOwnedMark(header, kind), 0o644, true, { exclusive: true });
  }
  const present = readRegularText(abs, { maxBytes: GENERATED_MAX_BYTES, noFollow: true, name: file.rel });
  if (!present) return abs;
  checkKind(file, present.text.slice(0, 4096), kind);
  const add = entries(present.text);
  if (add === '') return abs;
  let fd: number | undefined;
  try {
    fd = openSync(abs, APPEND_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile() || st.ino !== present.stat.ino)
      throw notOurs(file, 'a file that was replaced while git-session was writing it');
    const data = Buffer.from(add);
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
  } catch (e) {
    if (e instanceof GitSessionError) throw e;
    throw fsFailure(e, abs, 'append to');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return abs;
}

/**
 * Change a file git-session keeps in the work tree in place — the phase plan, an ADR's status line:
 * read it, let `edit` make the new text from the current one (null when the file is new; return
 * null for no change), and write that back. Only a file carrying the mark of `kind` is changed, and
 * only if it is still the file that was read (a change made meanwhile is never written over); a
 * new one is created exclusively. The edit keeps whatever else the file holds, uncommitted hand
 * edits included, so unlike a generated file it may be changed with uncommitted changes.
 */
export function editOwnedFile(
  repo: Repo,
  file: WorktreeFile,
  kind: OwnedKind,
  edit: (current: string | null) => string | null,
  maxBytes: number,
): 'written' | 'unchanged' {
  const abs = worktreeTarget(repo, file.rel, file.what, 'write');
  let read: { text: string; stat: Stats } | null;
  try {
    read = readRegularText(abs, { maxBytes, noFollow: true, name: file.rel });
  } catch (e) {
    if ((e as { code?: string }).code === 'file-too-large')
      throw userError(
        'file-too-large',
        `${file.what} '${file.rel}' is larger than ${Math.round(maxBytes / 1024)} KiB; nothing was written`,
        `shorten it, or move ${file.rel} away`,
      );
    throw e;
  }
  if (read !== null) checkKind(file, read.text, kind);
  const next = edit(read?.text ?? null);
  if (next === null || next === read?.text) return 'unchanged';
  prepare(repo, abs);
  if (read === null) {
    if (!writeFileAtomic(abs, next, 0o644, true, { exclusive: true }))
      throw notOurs(file, 'a file that appeared while git-session was writing it');
    return 'written';
  }
  const now = statRegular(abs, { noFollow: true, name: file.rel });
  if (!now || now.ino !== read.stat.ino || now.size !== read.stat.size || now.mtimeMs !== read.stat.mtimeMs)
    throw userError(
      'changed-meanwhile',
      `${file.what} '${file.rel}' changed while git-session was editing it; nothing was written`,
      'run the command again',
    );
  writeFileAtomic(abs, next, read.stat.mode & 0o777);
  return 'written';
}

/**
 * The names of the entries of a work-tree folder (checked like a read), at most `max` of them, in
 * name order; an empty list when there is no such folder.
 */
export function listWorktreeDir(repo: Repo, dir: WorktreeFile, max: number): string[] {
  const abs = worktreeTarget(repo, dir.rel, dir.what, 'read');
  let st: Stats;
  try {
    st = statSync(abs);
  } catch {
    return [];
  }
  if (!st.isDirectory())
    throw userError(
      'bad-path',
      `${dir.what} '${dir.rel}' is not a folder`,
      `move ${dir.rel} aside, or choose a folder`,
    );
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (e) {
    throw fsFailure(e, abs, 'read');
  }
  return names.sort().slice(0, max);
}
