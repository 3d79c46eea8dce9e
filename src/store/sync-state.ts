// Team sync's files in the store (docs/sync.md, docs/storage.md): under `sessions/sync/`, the
// stamps the pre-push hook compares with builtins (`changed`, `version`, `pushed/<remote>`, `off`)
// and what sync remembers between runs (`state.json`); under each session's folder, what other
// clones recorded as its ref holds it (`peers/<machine>.jsonl`, derived). Written under the store
// lock, by rename; the hooks only create `changed`.

import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_FILES, STORE_FILES, SYNC_FILES } from '../model/hook-contract.js';
import { SYNC_FILE_SUFFIX } from '../model/sync.js';
import { makeDirs, removeFile, writeFileAtomic } from './atomic.js';
import { type StorePaths, sessionDir } from './paths.js';

/** What sync remembers between runs (sync/state.json). */
export interface SyncMemory {
  version: 1;
  /** Per session: the journal's size when it was last written to the ref, and the blob written. */
  exported: Record<string, { bytes: number; blob: string }>;
  /** Per `<remote>/<session>`: the tracking ref's commit last merged. */
  merged: Record<string, string>;
  /** Per session, per other clone: the blob its peers file was copied from. */
  peers: Record<string, Record<string, string>>;
  /** `sha1` or `sha256`, once known. */
  objectFormat?: string;
}

const EMPTY: SyncMemory = { version: 1, exported: {}, merged: {}, peers: {} };

/** A remote name fit for a file name (`pushed/<remote>`); the hook looks up only these. */
const SIMPLE_REMOTE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
export const isSimpleRemote = (name: string): boolean => SIMPLE_REMOTE.test(name);

export class SyncFiles {
  readonly dir: string;

  constructor(paths: StorePaths) {
    this.dir = join(paths.root, STORE_FILES.sync);
  }

  exists(): boolean {
    return existsSync(this.dir);
  }

  private ensureDir(): void {
    if (!existsSync(join(this.dir, SYNC_FILES.pushed))) makeDirs(join(this.dir, SYNC_FILES.pushed));
  }

  /** A journal was appended to: the refs are behind it (the hooks create the same file). */
  markChanged(): void {
    const path = join(this.dir, SYNC_FILES.changed);
    if (!this.exists() || existsSync(path)) return;
    try {
      closeSync(openSync(path, 'a'));
    } catch {
      // The next push then looks at the version stamps only; `git session sync` writes everything.
    }
  }

  isChanged(): boolean {
    return existsSync(join(this.dir, SYNC_FILES.changed));
  }

  /** Taken away before the journals are read: an append after that marks them again. */
  clearChanged(): void {
    removeFile(join(this.dir, SYNC_FILES.changed));
  }

  version(): number {
    try {
      const v = Number(readFileSync(join(this.dir, SYNC_FILES.version), 'utf8').trim());
      return Number.isSafeInteger(v) && v >= 0 ? v : 0;
    } catch {
      return 0;
    }
  }

  /** The local session refs changed: a new version, which no remote has yet. */
  bumpVersion(): number {
    this.ensureDir();
    const v = this.version() + 1;
    writeFileAtomic(join(this.dir, SYNC_FILES.version), `${v}\n`, 0o644, false);
    return v;
  }

  /** Make sure `version` exists (a push then compares stamps without starting Node). */
  ensureVersion(): void {
    if (!existsSync(join(this.dir, SYNC_FILES.version))) {
      this.ensureDir();
      writeFileAtomic(join(this.dir, SYNC_FILES.version), `${this.version()}\n`, 0o644, false);
    }
  }

  /** `remote` holds every local session ref as it is now (version `v`). */
  setPushed(remote: string, v: number): void {
    if (!isSimpleRemote(remote)) return;
    this.ensureDir();
    const path = join(this.dir, SYNC_FILES.pushed, remote);
    try {
      if (readFileSync(path, 'utf8') === `${v}\n`) return;
    } catch {
      // Not written yet.
    }
    writeFileAtomic(path, `${v}\n`, 0o644, false);
  }

  /** `remote` lacks some local session ref: the next push to it starts the CLI. */
  clearPushed(remote: string): void {
    if (isSimpleRemote(remote)) removeFile(join(this.dir, SYNC_FILES.pushed, remote));
  }

  /** The configuration turns pushing off (`sync.push: false`): the hook then does nothing. */
  setOff(off: boolean): void {
    const path = join(this.dir, SYNC_FILES.off);
    if (!off) {
      removeFile(path);
      return;
    }
    if (existsSync(path)) return;
    this.ensureDir();
    closeSync(openSync(path, 'a'));
  }

  read(): SyncMemory {
    try {
      const v = JSON.parse(readFileSync(join(this.dir, 'state.json'), 'utf8')) as Partial<SyncMemory>;
      if (v.version !== 1 || typeof v.exported !== 'object' || typeof v.merged !== 'object') return clone(EMPTY);
      return { ...clone(EMPTY), ...v } as SyncMemory;
    } catch {
      return clone(EMPTY);
    }
  }

  write(memory: SyncMemory): void {
    this.ensureDir();
    writeFileAtomic(join(this.dir, 'state.json'), `${JSON.stringify(memory)}\n`, 0o644, false);
  }

  /** What the last merge saw of the fetched refs' files (arrived.ts compares it). */
  stamp(): string {
    try {
      return readFileSync(join(this.dir, 'fetched'), 'utf8');
    } catch {
      return '';
    }
  }

  writeStamp(stamp: string): void {
    this.ensureDir();
    try {
      writeFileAtomic(join(this.dir, 'fetched'), stamp, 0o644, false);
    } catch {
      // The next command merges again (and finds nothing new).
    }
  }
}

const clone = (m: SyncMemory): SyncMemory => JSON.parse(JSON.stringify(m)) as SyncMemory;

// ---- peers: other clones' files of a session's ref, copied here (derived) -------------------------

const peersDir = (paths: StorePaths, session: string) => join(sessionDir(paths, session), SESSION_FILES.peers);

/** The other clones whose files this session has (machine ids). */
export function peerMachines(paths: StorePaths, session: string): string[] {
  let names: string[];
  try {
    names = readdirSync(peersDir(paths, session));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(SYNC_FILE_SUFFIX) && !n.startsWith('.'))
    .map((n) => n.slice(0, -SYNC_FILE_SUFFIX.length))
    .sort();
}

export function readPeer(paths: StorePaths, session: string, machine: string): string {
  try {
    return readFileSync(join(peersDir(paths, session), `${machine}${SYNC_FILE_SUFFIX}`), 'utf8');
  } catch {
    return '';
  }
}

/** Replace one clone's copy (the caller checked `machine` is a machine id). */
export function writePeer(paths: StorePaths, session: string, machine: string, text: string): void {
  const dir = peersDir(paths, session);
  if (!existsSync(dir)) makeDirs(dir);
  writeFileAtomic(join(dir, `${machine}${SYNC_FILE_SUFFIX}`), text, 0o644, false);
}

export function removePeer(paths: StorePaths, session: string, machine: string): void {
  removeFile(join(peersDir(paths, session), `${machine}${SYNC_FILE_SUFFIX}`));
}

/** Every session that has peers files, without reading them. */
export function hasPeers(paths: StorePaths, session: string): boolean {
  return peerMachines(paths, session).length > 0;
}

/** Remove a whole peers folder (a session whose ref is gone). */
export function removePeers(paths: StorePaths, session: string): void {
  rmSync(peersDir(paths, session), { recursive: true, force: true });
}
