// `git session import [PATH...]`: the other session tools' files (src/import/: the pure parsers),
// found where each tool keeps them or under the paths given, read as a stranger's files — regular
// files only, no symlink followed inside a folder or out of the work tree, each read bounded, the
// files and bytes of one import bounded — and each session they hold appended as events whose ids
// come from the files (import/events.ts): importing twice changes nothing.

import { type Dirent, lstatSync, opendirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { accept } from '../core/decide/outcome.js';
import { localBranches } from '../git/refs.js';
import {
  appliedOf,
  fillsThePlan,
  type ImportEvent,
  type ImportedSession,
  type ImportWarning,
  importEvents,
  MAX_FILE_BYTES,
  MAX_FILES,
  MAX_IMPORTED_PLAN_CHARS,
  parseAllSeeds,
  SEED_LOCATIONS,
  SEED_NUMBER,
  type SeedFormat,
  type SourceFile,
  seedFormatOf,
  withImportedPhases,
} from '../import/index.js';
import { GitSessionError } from '../model/errors.js';
import type { EventPayload } from '../model/events.js';
import { STORE_FILES } from '../model/hook-contract.js';
import { isSessionId } from '../model/ids.js';
import { MAX_PHASES, type PhasePlan } from '../model/phases.js';
import type { Progress } from '../render/progress.js';
import { branchNameProblem } from '../store/paths.js';
import { readRegularFile } from '../store/regular-file.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import { changePlan, planFile, readPhasePlan } from './phases.js';
import { loadAllSessions, loadSession } from './sessions.js';

/** Bytes one import reads in all: a few thousand session files of tens of KiB each. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Directory entries one import looks at, files and folders (a folder of a million files is not walked whole). */
export const MAX_ENTRIES = 100_000;
/** Folders deep below a place (seed 001's branch folders: `feature/team/x`). */
export const MAX_DEPTH = 12;

export interface ImportOptions {
  paths: string[];
  dryRun: boolean;
  progress?: (title: string) => Progress;
}

export interface ImportedSessionReport {
  id: string;
  name: string;
  title: string;
  format: SeedFormat;
  seed: string;
  sources: string[];
  status: string;
  branch: string | null;
  /** new: not known here before; updated: events added; unchanged: nothing to add. */
  result: 'new' | 'updated' | 'unchanged';
  events: number;
  /** Events added, by type. */
  added: Record<string, number>;
}

export interface ImportReport {
  dryRun: boolean;
  /** Files read. */
  files: number;
  sessions: ImportedSessionReport[];
  warnings: ImportWarning[];
  skipped: { file: string; reason: string }[];
  /** Files refused whole (too large, binary, not UTF-8, not the format at all, unreadable). */
  refused: string[];
  /** Branches linked to the session they were imported with. */
  linked: { branch: string; session: string }[];
  /** The phases a top-level SESSION.md added to the repository's phase plan (null: it had none to add). */
  plan: { path: string; added: string[] } | null;
}

/** A file found: where it is, and the path the parsers see (repository-relative, `/`). */
interface Found {
  abs: string;
  logical: string;
}

/** What a walk collected, with its bounds. */
class Finder {
  readonly found: Found[] = [];
  readonly skipped: { file: string; reason: string }[] = [];
  private readonly seen = new Set<string>();
  private entries = 0;
  private full = false;

  constructor(private readonly display: (f: Found) => string) {}

  add(f: Found): void {
    let real = f.abs;
    try {
      real = realpathSync(f.abs);
    } catch {
      // Gone meanwhile: the read says so.
    }
    if (this.seen.has(real)) return;
    this.seen.add(real);
    if (this.found.length >= MAX_FILES) {
      if (!this.full)
        this.skipped.push({
          file: this.display(f),
          reason: `more than ${MAX_FILES} files: this and the rest not read`,
        });
      this.full = true;
      return;
    }
    this.found.push(f);
  }

  /** Every seed file under `abs` (logical name `logical`), without following a symlink. */
  walk(abs: string, logical: string, depth = 0, skip: (name: string, logical: string) => boolean = () => false): void {
    if (depth > MAX_DEPTH) {
      this.skipped.push({ file: `${logical}/`, reason: `deeper than ${MAX_DEPTH} folders: not looked into` });
      return;
    }
    let dir: ReturnType<typeof opendirSync>;
    try {
      dir = opendirSync(abs);
    } catch (e) {
      this.skipped.push({
        file: `${logical}/`,
        reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    const names: Dirent[] = [];
    try {
      for (let d = dir.readSync(); d !== null; d = dir.readSync()) {
        if (++this.entries > MAX_ENTRIES) {
          this.skipped.push({
            file: `${logical}/`,
            reason: `more than ${MAX_ENTRIES} entries looked at: the rest not read`,
          });
          return;
        }
        names.push(d);
      }
    } finally {
      dir.closeSync();
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const childLogical = `${logical}/${d.name}`;
      if (skip(d.name, childLogical)) continue;
      if (d.isSymbolicLink()) {
        if (seedFormatOf(childLogical) !== null)
          this.skipped.push({ file: childLogical, reason: 'a symbolic link: not followed' });
      } else if (d.isDirectory()) this.walk(join(abs, d.name), childLogical, depth + 1, skip);
      else if (seedFormatOf(childLogical) === null) continue;
      else if (d.isFile()) this.add({ abs: join(abs, d.name), logical: childLogical });
      else
        this.skipped.push({
          file: childLogical,
          reason: 'not a regular file (a FIFO, a device or a socket): not read',
        });
    }
  }
}

/** Whether a path of the work tree gets there without a symlink (a cloned repository's `.agents` → /etc). */
function plainPath(top: string, rel: string): boolean {
  let at = top;
  for (const part of rel.split('/')) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return false;
    } catch {
      return true;
    }
  }
  return true;
}

/** git-session's own store lives in `.git/sessions/` too, next to seed 001's folders: never read. */
function ownStoreEntry(name: string, logical: string): boolean {
  if (logical.split('/').length !== 3) return false;
  return isSessionId(name) || name === STORE_FILES.hooks || name === STORE_FILES.branches || name.startsWith('.');
}

/** The seed places of a repository (no PATH given). */
function findDefault(ctx: Context, f: Finder): void {
  for (const format of Object.keys(SEED_LOCATIONS) as SeedFormat[]) {
    const { dirs, files } = SEED_LOCATIONS[format];
    for (const rel of [...dirs, ...files]) {
      const git = rel.startsWith('.git/');
      const abs = git ? join(ctx.repo.commonDir, rel.slice(5)) : join(ctx.repo.top, rel);
      if (!git && !plainPath(ctx.repo.top, rel)) {
        f.skipped.push({ file: rel, reason: 'reached through a symbolic link: not followed' });
        continue;
      }
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) f.walk(abs, rel, 0, git ? ownStoreEntry : undefined);
      else if (st.isFile()) f.add({ abs, logical: rel });
      else f.skipped.push({ file: rel, reason: 'not a regular file: not read' });
    }
  }
}

const MARKERS = ['.git/sessions/', '.agents/sessions/', '.sessions/', '.codemap/sessions/', '.session/decision-log.md'];

/** The name the parsers see for a file outside this repository: from its seed folder on (`…/old/.sessions/x.md` → `.sessions/x.md`). */
function logicalOutside(abs: string): string {
  const p = abs.split(sep).join('/');
  let best = -1;
  for (const m of MARKERS) {
    const i = p.lastIndexOf(`/${m}`);
    if (i > best) best = i;
  }
  if (best >= 0) return p.slice(best + 1);
  return p.endsWith('/SESSION.md') || p === 'SESSION.md' ? 'SESSION.md' : p;
}

function logicalOf(ctx: Context, abs: string): string {
  const inside = (root: string) => {
    const r = relative(root, abs);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r)) ? r.split(sep).join('/') : null;
  };
  const store = inside(join(ctx.repo.commonDir, 'sessions'));
  if (store !== null) return store === '' ? '.git/sessions' : `.git/sessions/${store}`;
  const rel = inside(ctx.repo.top);
  if (rel !== null && !rel.split('/').includes('.git')) return rel === '' ? '.' : rel;
  return logicalOutside(abs);
}

/**
 * The paths given on the command line: a file is read when it is a seed's; a folder is walked. A
 * path that cannot be read as asked is refused (the import then exits 1): nothing typed is ignored.
 */
function findGiven(ctx: Context, paths: readonly string[], f: Finder, report: ImportReport): void {
  const refuse = (file: string, message: string) => {
    report.warnings.push({ file, line: null, message });
    report.refused.push(file);
  };
  for (const p of paths) {
    const abs = resolve(ctx.cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      refuse(p, code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? (e as Error).message})`);
      continue;
    }
    const logical = logicalOf(ctx, abs);
    if (st.isDirectory())
      f.walk(abs, logical === '.' ? '' : logical, 0, logical.startsWith('.git/sessions') ? ownStoreEntry : undefined);
    else if (!st.isFile()) refuse(p, 'not a regular file: not read');
    else if (seedFormatOf(logical) === null)
      refuse(
        p,
        'not where any seed keeps a session file (.sessions/active|archive/, .agents/sessions/, SESSION.md, .codemap/sessions/, .git/sessions/<branch>/): not read',
      );
    else f.add({ abs, logical });
  }
}

/** Whether a warning says a whole file was refused (the parsers end those with "not read"). */
const refusedWhole = (w: ImportWarning) => /[:;] not read( \(|$)/.test(w.message);

/** Read what was found: each file bounded (one byte over the cap says "too large"), all of them bounded too. */
function readAll(
  found: readonly Found[],
  report: ImportReport,
  name: (f: Found) => string,
  progress: Progress,
): SourceFile[] {
  const files: SourceFile[] = [];
  let total = 0;
  for (const [i, f] of found.entries()) {
    progress.tick(i, found.length);
    if (total >= MAX_IMPORT_BYTES) {
      report.skipped.push({
        file: name(f),
        reason: `more than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB read in all: not read`,
      });
      continue;
    }
    try {
      const r = readRegularFile(f.abs, {
        maxBytes: MAX_FILE_BYTES + 1,
        onLarger: 'truncate',
        noFollow: true,
        name: name(f),
      });
      if (!r) continue;
      total += r.data.length;
      files.push({ path: f.logical, bytes: r.data });
    } catch (e) {
      report.warnings.push({ file: name(f), line: null, message: `${(e as Error).message}` });
      report.refused.push(name(f));
    }
  }
  progress.end();
  report.files = files.length;
  return files;
}

/** Events of the session's import, decided on the session as it is now. */
function eventsFor(
  ctx: Context,
  s: ImportedSession,
  current: ReturnType<typeof loadSession>,
  taken: Set<string>,
  branch: string,
  phasesInPlan: boolean,
): ImportEvent[] {
  return importEvents(s, {
    phasesInPlan,
    current: current?.state ?? null,
    applied: appliedOf(
      s.sessionId,
      (current?.local ?? []).map((e) => e.id),
    ),
    taken,
    branch,
    now: ctx.now(),
  });
}

function counts(events: readonly ImportEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
}

/** The branch an imported session names, when git-session can keep it (checked again by git when used). */
function branchOf(s: ImportedSession): string {
  return s.branch !== null && branchNameProblem(s.branch) === null ? s.branch : '';
}

/**
 * The phases of a top-level SESSION.md go into the repository's phase plan (import/phase-plan.ts),
 * through the plan's own write: only into a new file or one carrying git-session's mark. When the
 * plan cannot take them (someone else's file, a damaged one), they stay notes of the session and a
 * warning says why. Returns the sessions whose phases are in the plan.
 */
async function planPhases(
  ctx: Context,
  sessions: readonly ImportedSession[],
  o: ImportOptions,
  report: ImportReport,
): Promise<Set<string>> {
  const fill = sessions.filter(fillsThePlan);
  if (fill.length === 0) return new Set();
  const merge = (plan: PhasePlan) => {
    let out = plan;
    const added: string[] = [];
    let left = 0;
    for (const s of fill) {
      const r = withImportedPhases(out, s);
      out = r.plan;
      added.push(...r.added);
      left += r.left;
    }
    return { plan: out, result: { added, left } };
  };
  try {
    const path = (await planFile(ctx)).rel;
    // Decided on the plan as read, then again on the file as it is under the lock when written.
    const decided = merge((await readPhasePlan(ctx)).plan);
    const wanted = decided.result;
    // The plan is a tracked file: changePlan checks what goes in for secrets as every stored text is.
    const { added, left } = o.dryRun || wanted.added.length === 0 ? wanted : (await changePlan(ctx, merge)).result;
    report.plan = { path, added };
    if (left > 0)
      report.warnings.push({
        file: fill[0]!.sources[0] ?? fill[0]!.key,
        line: null,
        message: `${left} phase(s) not added to ${path}: the plan would pass its bounds (${MAX_PHASES} phases, ${MAX_IMPORTED_PLAN_CHARS / 1024} KiB added by one import): each stays a note of the session, without its criteria`,
      });
    return new Set(fill.map((s) => s.sessionId));
  } catch (e) {
    // A secret is refused as in every stored text; another plan problem leaves the phases as notes.
    if (!(e instanceof GitSessionError) || e.kind !== 'user' || e.code === 'secret') throw e;
    for (const s of fill)
      report.warnings.push({
        file: s.sources[0] ?? s.key,
        line: null,
        message: `its phases stay notes of the session: ${e.message}${e.hint ? ` (${e.hint})` : ''}`,
      });
    return new Set();
  }
}

/** Apply (or with dryRun only count) what each session adds. */
async function apply(
  ctx: Context,
  sessions: readonly ImportedSession[],
  o: ImportOptions,
  report: ImportReport,
): Promise<void> {
  const taken = new Set(loadAllSessions(ctx).map((l) => l.state.name));
  const branches = sessions.some((s) => branchOf(s) !== '') ? localBranches(ctx.repo) : new Set<string>();
  const inPlan = await planPhases(ctx, sessions, o, report);
  const progress = o.progress?.('Importing sessions') ?? { tick: () => undefined, end: () => undefined };
  for (const [i, s] of sessions.entries()) {
    progress.tick(i, sessions.length);
    const branch = branchOf(s);
    const before = loadSession(ctx, s.sessionId);
    const planned = inPlan.has(s.sessionId);
    let events = eventsFor(ctx, s, before, taken, branch, planned);
    let state = before?.state ?? null;
    if (events.length > 0 && !o.dryRun) {
      const m = await mutate(ctx, s.sessionId, (cur) => {
        events = eventsFor(ctx, s, cur, taken, branch, planned);
        return accept(events as EventPayload[], null);
      });
      state = m.loaded.state;
      if (
        branch &&
        branches.has(branch) &&
        ctx.store.branchSession(branch) === null &&
        state.status !== 'completed' &&
        state.status !== 'abandoned'
      ) {
        ctx.store.setBranchSession(branch, s.sessionId);
        report.linked.push({ branch, session: s.sessionId });
      }
    }
    const name =
      state?.name ??
      (events.find((e) => e.type === 'session.started') as { name?: string } | undefined)?.name ??
      s.name;
    taken.add(name);
    report.sessions.push({
      id: s.sessionId,
      name,
      title: state?.title ?? s.title,
      format: s.format,
      seed: SEED_NUMBER[s.format],
      sources: s.sources,
      status: state?.status ?? s.status,
      branch: branch || null,
      result: events.length === 0 ? 'unchanged' : before ? 'updated' : 'new',
      events: events.length,
      added: counts(events),
    });
  }
  progress.end();
}

export async function importSeeds(ctx: Context, o: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun: o.dryRun,
    files: 0,
    sessions: [],
    warnings: [],
    skipped: [],
    refused: [],
    linked: [],
    plan: null,
  };
  const display = (f: Found) =>
    f.abs.startsWith(ctx.repo.top + sep) || o.paths.length === 0 ? f.logical : relative(ctx.cwd, f.abs) || f.abs;
  const finder = new Finder(display);
  if (o.paths.length === 0) findDefault(ctx, finder);
  else findGiven(ctx, o.paths, finder, report);
  report.skipped.push(...finder.skipped);
  if (!o.dryRun) {
    await ctx.config();
    ctx.store.lock(() => undefined);
  }
  const byLogical = new Map(finder.found.map((f) => [f.logical, display(f)]));
  const files = readAll(
    finder.found,
    report,
    display,
    o.progress?.('Reading session files') ?? { tick: () => undefined, end: () => undefined },
  );
  const parsed = parseAllSeeds(files);
  const shown = (file: string) => byLogical.get(file) ?? file;
  for (const w of parsed.warnings) {
    report.warnings.push({ ...w, file: shown(w.file) });
    if (refusedWhole(w) && !report.refused.includes(shown(w.file))) report.refused.push(shown(w.file));
  }
  report.skipped.push(...parsed.skipped.map((x) => ({ ...x, file: shown(x.file) })));
  const sessions = parsed.sessions.map((s) => ({ ...s, sources: s.sources.map(shown) }));
  await apply(ctx, sessions, o, report);
  return report;
}
