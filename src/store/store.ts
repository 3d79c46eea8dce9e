// File-level access to the local store under `$(git rev-parse --git-common-dir)/sessions/`.
// Layout and formats: docs/storage.md. This module knows files, not sessions' meaning.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SessionEvent } from '../core/events.js';
import { isSessionId } from '../core/ids.js';
import { storeError } from '../errors.js';
import { fsFailure, writeFileAtomic } from './atomic.js';
import { appendEvents, type JournalRead, readJournal, setAside } from './journal.js';
import { withLock } from './lock.js';
import {
  branchMapPath,
  branchNameProblem,
  committedPath,
  damagedPath,
  journalPath,
  STORE_FORMAT,
  type StorePaths,
  sessionDir,
  storePaths,
  trailersPath,
} from './paths.js';

const FORMAT_TEXT = `git-session-store ${STORE_FORMAT}\n`;

export class Store {
  readonly paths: StorePaths;

  constructor(commonDir: string) {
    this.paths = storePaths(commonDir);
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
          mkdirSync(dir, { recursive: true });
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
    return created;
  }

  /** Refuse a store written by a newer git-session, or one whose marker is damaged. */
  checkFormat(): void {
    let text: string;
    try {
      text = readFileSync(this.paths.format, 'utf8');
    } catch {
      return;
    }
    const m = /^git-session-store (\d+)\s*$/.exec(text);
    if (!m) {
      throw storeError(
        `${this.paths.format} is damaged`,
        `restore it with: printf 'git-session-store ${STORE_FORMAT}\\n' > ${this.paths.format}`,
      );
    }
    if (Number(m[1]) > STORE_FORMAT) {
      throw storeError(
        `the session store was written by a newer git-session (format ${m[1]})`,
        'upgrade git-session to use this repository',
      );
    }
  }

  private lockDepth = 0;

  /** Run `fn` holding the store lock; re-entrant within one process. */
  lock<T>(fn: () => T): T {
    if (this.lockDepth > 0) return fn();
    this.ensure();
    return withLock(this.paths.lock, () => {
      this.lockDepth++;
      try {
        return fn();
      } finally {
        this.lockDepth--;
      }
    });
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

  appendEvents(id: string, events: readonly SessionEvent[]): void {
    appendEvents(journalPath(this.paths, id), events);
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

  // Derived from the journal and rewritten by every change: whole by rename, without fsync.
  writeTrailers(id: string, text: string): void {
    writeFileAtomic(trailersPath(this.paths, id), text, 0o644, false);
  }

  writeCommitted(id: string, mark: number): void {
    writeFileAtomic(committedPath(this.paths, id), `${mark}\n`, 0o644, false);
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
    for (const b of blockers) rmSync(b, { force: true });
    if (existsSync(path) && statSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
    writeFileAtomic(path, `${id}\n`);
  }

  removeBranchSession(branch: string): void {
    try {
      rmSync(branchMapPath(this.paths, branch), { force: true });
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
    return join(gitDir, 'git-session-current');
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
    writeFileAtomic(Store.currentFile(gitDir), id ? `${id}\n` : '');
  }

  sessionDirExists(id: string): boolean {
    return existsSync(sessionDir(this.paths, id));
  }
}
