// File-level access to the local store under `$(git rev-parse --git-common-dir)/sessions/`.
// Layout and formats: docs/storage.md. This module knows files, not sessions' meaning.

import {
  closeSync,
  type Dirent,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { storeError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import {
  MACHINE_ID_LENGTH,
  MAX_SWITCHED_RECORDS,
  OUR_LINE_ERE,
  STORE_FILES,
  STORE_FORMAT_HEADER,
  WORKTREE_FILES,
} from '../model/hook-contract.js';
import { isSessionId } from '../model/ids.js';
import {
  type Appended,
  fsFailure,
  makeDirs,
  removeFile,
  removeLeftovers,
  undoAppend,
  unwritable,
  writeFileAtomic,
} from './atomic.js';
import { appendEvents, type JournalRead, readJournal, setAside } from './journal.js';
import { withLock } from './lock.js';
import {
  branchMapPath,
  branchNameProblem,
  carryPath,
  committedPath,
  damagedPath,
  journalPath,
  STORE_FORMAT,
  type StorePaths,
  sessionDir,
  stalePath,
  storePaths,
  switchedPath,
  switchStatePath,
  trailersPath,
} from './paths.js';
import { randomBytes } from './random.js';
import { SyncFiles } from './sync-state.js';

/** Two names of one file (rename between them would do nothing and keep both). */
function sameFile(a: string, b: string): boolean {
  try {
    return statSync(a).ino === statSync(b).ino;
  } catch {
    return false;
  }
}

const FORMAT_TEXT = `${STORE_FORMAT_HEADER} ${STORE_FORMAT}\n`;
const OUR_LINE = new RegExp(OUR_LINE_ERE);
const MACHINE_RE = new RegExp(`^[0-9a-f]{${MACHINE_ID_LENGTH}}$`);

export class Store {
  readonly paths: StorePaths;
  /** Team sync's files (docs/sync.md). */
  readonly sync: SyncFiles;

  /**
   * `lockTimeoutMs`: how long to wait for another git-session process. A hook waits less than a
   * command: a checkout stalled for long is worse than a session switch done late by `git session`.
   */
  constructor(
    commonDir: string,
    private readonly lockTimeoutMs?: number,
  ) {
    this.paths = storePaths(commonDir);
    this.sync = new SyncFiles(this.paths);
  }

  exists(): boolean {
    return existsSync(this.paths.format);
  }

  /** Create the store if needed; returns what was created (relative to the store root's parent). */
  ensure(): string[] {
    const created: string[] = [];
    for (const dir of [this.paths.root, this.paths.branches]) {
      if (!existsSync(dir)) {
        try {
          makeDirs(dir);
        } catch (e) {
          throw fsFailure(e, dir, 'create');
        }
        created.push(dir);
      }
    }
    if (!existsSync(this.paths.format)) {
      writeFileAtomic(this.paths.format, FORMAT_TEXT);
      created.push(this.paths.format);
    }
    if (this.machineId() === null) {
      // Created once, never replaced (events already written carry it); best effort: without it,
      // pause and resume events go without a machine id.
      try {
        writeFileAtomic(
          this.machineFile,
          `${Buffer.from(randomBytes(MACHINE_ID_LENGTH / 2)).toString('hex')}\n`,
          0o644,
          true,
          {
            exclusive: true,
          },
        );
      } catch {
        // A read-only store: the command fails (or not) on its own writes.
      }
    }
    return created;
  }

  private get machineFile(): string {
    return join(this.paths.root, STORE_FILES.machine);
  }

  /** This clone's random id (pause and resume events carry it; issue 10 presence), or null before the store has one. */
  machineId(): string | null {
    try {
      const id = readFileSync(this.machineFile, 'utf8').trim();
      return MACHINE_RE.test(id) ? id : null;
    } catch {
      return null;
    }
  }

  /** Why this process cannot write the store (a read-only file system, permissions), or null. */
  writeProblem(): Error | null {
    return unwritable([
      this.paths.root,
      this.paths.branches,
      this.paths.hooks,
      this.paths.history,
      ...this.sessionIds().map((id) => sessionDir(this.paths, id)),
    ]);
  }

  /** Refuse a store written by a newer git-session, or one whose marker is damaged. */
  checkFormat(): void {
    let text: string;
    try {
      text = readFileSync(this.paths.format, 'utf8');
    } catch {
      return;
    }
    const m = new RegExp(`^${STORE_FORMAT_HEADER} (\\d+)\\s*$`).exec(text);
    if (!m) {
      throw storeError(
        `${this.paths.format} is damaged`,
        `restore it with: printf '${STORE_FORMAT_HEADER} ${STORE_FORMAT}\\n' > ${this.paths.format}`,
      );
    }
    if (Number(m[1]) > STORE_FORMAT) {
      throw storeError(
        `the session store was written by a newer git-session (format ${m[1]})`,
        'upgrade git-session to use this repository',
      );
    }
  }

  /** Leftovers of killed runs this process removed (store.ts › sweep), for `doctor` to report. */
  readonly removedLeftovers: string[] = [];
  private readonly swept = new Set<string>();

  /**
   * Remove what killed runs left in `dir` (temp files, undo copies; atomic.ts › removeLeftovers),
   * once per process. In a folder git-session shares (`.git`), only the leftovers of `name`.
   */
  private sweep(dir: string, name?: string, namePrefix = false): void {
    const key = `${dir}\0${name ?? ''}`;
    if (this.swept.has(key)) return;
    this.swept.add(key);
    const prefix = name === undefined ? '' : namePrefix ? `.${name}` : `.${name}.`;
    this.removedLeftovers.push(...removeLeftovers(dir, prefix));
  }

  /**
   * Every folder of the store swept (a killed run may have left something anywhere), and our files
   * in the folders git-session shares with git: each worktree's `git-session-*` files and
   * `info/exclude`.
   */
  sweepAll(): void {
    const walk = (dir: string) => {
      this.sweep(dir);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(join(dir, e.name));
    };
    walk(this.paths.root);
    const common = dirname(this.paths.root);
    const worktrees = join(common, 'worktrees');
    let linked: string[] = [];
    try {
      linked = readdirSync(worktrees).map((n) => join(worktrees, n));
    } catch {
      // No linked worktrees.
    }
    for (const gitDir of [common, ...linked]) this.sweep(gitDir, 'git-session-', true);
    this.sweep(join(common, 'info'), 'exclude');
  }

  private inStore(path: string): boolean {
    return path.startsWith(this.paths.root + sep);
  }

  private lockDepth = 0;
  /** What the current locked operation wrote, to take it back if the operation fails. */
  private undo: {
    appends: Appended[];
    replaced: { path: string; backup: string | null }[];
    markers: string[];
  } | null = null;

  /**
   * Run `fn` holding the store lock; re-entrant within one process. The operation is all or
   * nothing for the files it changes through this class: if `fn` throws (a full disk, a read-only
   * file, a bug), the journal lines it appended are cut off again and the files it replaced are
   * put back, so a failed command leaves the store as it found it.
   */
  lock<T>(fn: () => T): T {
    if (this.lockDepth > 0) return fn();
    this.ensure();
    // A lock file already there: its owner may have been killed half-way, leaving temp files and
    // undo copies anywhere in the store. Once the lock is ours nobody else is writing: sweep it all.
    const contended = existsSync(this.paths.lock);
    return withLock(
      this.paths.lock,
      () => {
        if (contended) this.sweepAll();
        else this.sweep(this.paths.root);
        this.lockDepth++;
        this.undo = { appends: [], replaced: [], markers: [] };
        try {
          const result = fn();
          for (const r of this.undo.replaced) if (r.backup) removeFile(r.backup);
          return result;
        } catch (e) {
          throw this.rollback(e, this.undo);
        } finally {
          this.undo = null;
          this.lockDepth--;
        }
      },
      { timeoutMs: this.lockTimeoutMs },
    );
  }

  private rollback(e: unknown, undo: NonNullable<Store['undo']>): unknown {
    // Newest first. A journal line a hook appended after ours keeps ours in place (undoAppend
    // refuses); the derived files then stay as written, since they match the journal.
    const journalsBack = undo.appends.reverse().every((a) => undoAppend(a));
    for (const r of undo.replaced.reverse()) {
      try {
        if (!journalsBack || (r.backup && sameFile(r.backup, r.path))) removeFile(r.backup ?? '');
        else if (r.backup) renameSync(r.backup, r.path);
        else removeFile(r.path);
      } catch {
        // Best effort: a derived file is rewritten by the next command or `git session doctor`.
      }
    }
    // The journal is as it was: the plan matches it again. Otherwise the marker stays, and the next
    // commit has the plan derived again from what the journal holds.
    if (journalsBack) for (const m of undo.markers) removeFile(m);
    if (journalsBack || undo.appends.length === 0) return e;
    const message = e instanceof Error ? e.message : String(e);
    return storeError(
      `${message.replace(/; nothing was changed$/, '')}; the change was recorded in the journal, but not everything derived from it was written`,
      'fix the cause, then run `git session doctor` to rewrite the derived files',
    );
  }

  /** Replace a file the lock's operation may have to put back (whole by rename). */
  private replace(path: string, text: string, durable: boolean): void {
    this.keepForUndo(path);
    writeFileAtomic(path, text, 0o644, durable);
  }

  /** A link to `path` as it is, for the rollback of the lock's operation. */
  private keepForUndo(path: string): void {
    if (this.lockDepth > 0) this.sweep(dirname(path), this.inStore(path) ? undefined : basename(path));
    if (this.undo && !this.undo.replaced.some((r) => r.path === path)) {
      const backup = join(dirname(path), `.${basename(path)}.${process.pid}.undo`);
      removeFile(backup);
      try {
        linkSync(path, backup);
        this.undo.replaced.push({ path, backup });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.undo.replaced.push({ path, backup: null });
        // Otherwise no backup could be made: this file is not put back if the operation fails.
      }
    }
  }

  sessionIds(): string[] {
    try {
      return readdirSync(this.paths.root).filter(isSessionId).sort();
    } catch {
      return [];
    }
  }

  readJournal(id: string): JournalRead {
    return readJournal(journalPath(this.paths, id));
  }

  /** Where the lines went (their start and end offset), or null when there were none. */
  appendEvents(id: string, events: readonly SessionEvent[]): Appended | null {
    if (this.lockDepth > 0) this.sweep(sessionDir(this.paths, id));
    const appended = appendEvents(journalPath(this.paths, id), events);
    if (appended && this.undo) this.undo.appends.push(appended);
    // The session refs are behind the journal now: the next push writes them (docs/sync.md).
    if (appended) this.sync.markChanged();
    return appended;
  }

  /** Caller holds the lock. */
  setAsideDamaged(id: string, read: JournalRead, now: string): string {
    const target = damagedPath(this.paths, id);
    setAside(journalPath(this.paths, id), target, read, now);
    return target;
  }

  journalFile(id: string): string {
    return journalPath(this.paths, id);
  }

  // Derived from the journal and rewritten by every change: whole by rename, without fsync, and
  // not at all when it holds that text already (a rebuild rewrites every session's).
  writeTrailers(id: string, text: string): void {
    this.replaceDerived(trailersPath(this.paths, id), text);
  }

  /** The highest mark a commit carried and that commit, which holds everything up to the mark. */
  writeCommitted(id: string, mark: number, anchor: string | null = null): void {
    this.replaceDerived(committedPath(this.paths, id), anchor ? `${mark} ${anchor}\n` : `${mark}\n`);
  }

  private replaceDerived(path: string, text: string): void {
    try {
      if (readFileSync(path, 'utf8') === text) return;
    } catch {
      // Not there yet.
    }
    this.replace(path, text, false);
  }

  /**
   * Between appending to a journal and rewriting its `trailers`, a marker says the plan may lag
   * behind: a commit that meets it (a command was killed in between) has the CLI derive the plan
   * again before it reads it. Created before the append, removed once the plan is written.
   */
  markStale(id: string): void {
    const path = stalePath(this.paths, id);
    if (existsSync(path)) return;
    try {
      mkdirSync(dirname(path), { recursive: true });
      closeSync(openSync(path, 'a'));
    } catch (e) {
      throw fsFailure(e, path, 'write');
    }
    this.undo?.markers.push(path);
  }

  /**
   * What a branch switch reads (hooks/post-checkout), written whole. The hooks' `switched` file
   * stays: its lines name the token of the `switch` file they apply to, so a new token voids them,
   * and a hook reading the old file meanwhile still finds them.
   */
  writeSwitchState(id: string, text: string): void {
    this.replace(switchStatePath(this.paths, id), text, false);
    this.dropDamagedSwitched(id);
  }

  /**
   * A `switched` file that is not what the hooks write (more lines than they leave, not a file)
   * would have every switch made by the CLI: it goes. What the hooks write stays (see above).
   */
  private dropDamagedSwitched(id: string): void {
    const path = switchedPath(this.paths, id);
    try {
      const st = lstatSync(path);
      if (st.isFile() && st.size < 4096) {
        const lines = readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l !== '').length;
        if (lines <= MAX_SWITCHED_RECORDS) return;
      }
      rmSync(path, { recursive: true, force: true });
    } catch {
      // No such file: nothing to drop.
    }
  }

  /** The first line of the `switch` file, or null. */
  switchHeader(id: string): string | null {
    try {
      const text = readFileSync(switchStatePath(this.paths, id), 'utf8');
      const nl = text.indexOf('\n');
      return nl < 0 ? null : text.slice(0, nl);
    } catch {
      return null;
    }
  }

  /** The journal's size in bytes now (0 when there is none). */
  journalBytes(id: string): number {
    try {
      return statSync(journalPath(this.paths, id)).size;
    } catch {
      return 0;
    }
  }

  /**
   * SESSION.md is kept (config `session_file.enabled`): a marker the hooks read, so that a branch
   * switch has the CLI rewrite it in the background. Best effort, like the cache it mirrors.
   */
  markSessionFile(enabled: boolean): void {
    const path = join(this.paths.root, STORE_FILES.sessionFile);
    try {
      if (!enabled) removeFile(path);
      else if (!existsSync(path) && existsSync(this.paths.root)) closeSync(openSync(path, 'a'));
    } catch {
      // The next switch then leaves SESSION.md to the next command.
    }
  }

  clearStale(id: string): void {
    removeFile(stalePath(this.paths, id));
  }

  isStale(id: string): boolean {
    return existsSync(stalePath(this.paths, id));
  }

  /** `Key: value` lines a rewrite dropped from a trailer block, waiting for the next commit. */
  carryLines(id: string): string[] {
    try {
      return readFileSync(carryPath(this.paths, id), 'utf8')
        .split('\n')
        .filter((l) => OUR_LINE.test(l));
    } catch {
      return [];
    }
  }

  clearCarry(id: string): void {
    try {
      if (statSync(carryPath(this.paths, id)).size > 0) this.replace(carryPath(this.paths, id), '', false);
    } catch {
      // No carry file: nothing to clear.
    }
  }

  // ---- branch -> session map: one small file per branch, at branches/<branch name> -------------

  branchSession(branch: string): string | null {
    if (branchNameProblem(branch)) return null;
    try {
      const id = readFileSync(branchMapPath(this.paths, branch), 'utf8').trim();
      return isSessionId(id) ? id : null;
    } catch {
      return null;
    }
  }

  /**
   * Point `branch` at session `id`. Branch names nest like paths (`feature/x`), and git never lets
   * `feature` and `feature/x` exist together; an entry in the way belongs to a branch that is gone,
   * so it is removed.
   */
  setBranchSession(branch: string, id: string): void {
    const path = branchMapPath(this.paths, branch);
    let dir = dirname(path);
    const blockers: string[] = [];
    while (dir.startsWith(this.paths.branches + sep)) {
      if (existsSync(dir) && !statSync(dir).isDirectory()) blockers.push(dir);
      dir = dirname(dir);
    }
    for (const b of blockers) removeFile(b);
    if (existsSync(path) && statSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
    this.replace(path, `${id}\n`, true);
  }

  /**
   * Point `branch` at session `id` only when nothing is there: no entry for it (a file that names
   * no session, as a write cut short by a crash leaves, is none), and no entry of another branch in
   * the way. What another clone's session names never displaces a link here. `durable: false` for a
   * link that can be made again from what the session records (its branch), as one for a session
   * that arrived from another clone: one fsync less per session, 200 of them on a fresh clone.
   */
  linkBranchIfFree(branch: string, id: string, durable = true): boolean {
    if (branchNameProblem(branch)) return false;
    const path = branchMapPath(this.paths, branch);
    if (existsSync(path) && (statSync(path).isDirectory() || this.branchSession(branch) !== null)) return false;
    for (let dir = dirname(path); dir.startsWith(this.paths.branches + sep); dir = dirname(dir))
      if (existsSync(dir) && !statSync(dir).isDirectory()) return false;
    this.replace(path, `${id}\n`, durable);
    return true;
  }

  removeBranchSession(branch: string): void {
    try {
      removeFile(branchMapPath(this.paths, branch));
    } catch {
      // Nothing to remove.
    }
  }

  /** Every branch -> session entry. */
  branchEntries(): [string, string][] {
    const out: [string, string][] = [];
    const walk = (dir: string) => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else {
          const id = readFileSync(p, 'utf8').trim();
          if (isSessionId(id)) out.push([relative(this.paths.branches, p).split(sep).join('/'), id]);
        }
      }
    };
    walk(this.paths.branches);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  // ---- per-worktree record of the session last active there (read by post-checkout) -----------

  static currentFile(gitDir: string): string {
    return join(gitDir, WORKTREE_FILES.current);
  }

  current(gitDir: string): string | null {
    try {
      const id = readFileSync(Store.currentFile(gitDir), 'utf8').trim();
      return isSessionId(id) ? id : null;
    } catch {
      return null;
    }
  }

  setCurrent(gitDir: string, id: string | null): void {
    this.replace(Store.currentFile(gitDir), id ? `${id}\n` : '', true);
  }

  // ---- what git-session last wrote to its generated work-tree files (SESSION.md, handoffs) ------

  private get generatedFile(): string {
    return join(this.paths.root, 'generated.json');
  }

  private generated(): Record<string, string> {
    try {
      const v = JSON.parse(readFileSync(this.generatedFile, 'utf8')) as { files?: unknown };
      return typeof v.files === 'object' && v.files !== null ? (v.files as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  /** The sha-256 of the bytes git-session last wrote to `path` (absolute), if it did. */
  writtenDigest(path: string): string | null {
    const d = this.generated()[path];
    return typeof d === 'string' ? d : null;
  }

  /**
   * Remember what was just written to `path`. Best effort: a record lost to a race or a full disk
   * only means the next write checks the file with git instead of trusting the record.
   */
  recordWritten(path: string, digest: string): void {
    if (!existsSync(this.paths.root)) return;
    const files = this.generated();
    if (files[path] === digest) return;
    files[path] = digest;
    // Files that are gone need no record (a renamed config path leaves its old one behind).
    for (const p of Object.keys(files)) if (p !== path && !existsSync(p)) delete files[p];
    try {
      writeFileAtomic(this.generatedFile, `${JSON.stringify({ version: 1, files })}\n`, 0o644, false);
    } catch {
      // See above.
    }
  }

  sessionDirExists(id: string): boolean {
    return existsSync(sessionDir(this.paths, id));
  }
}
