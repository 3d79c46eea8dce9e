// The one entry point `git session import` needs: which seed a file belongs to (by its path), and
// the parser for a format. Pure: the caller finds and reads the files (bounded reads,
// model.ts MAX_FILE_BYTES + 1), this reads them.

import { parseAgents } from './agents.js';
import { parseCodemap } from './codemap.js';
import { parseGitDir } from './git-dir.js';
import type { ImportResult, ImportWarning, SeedFormat, SourceFile } from './model.js';
import { parseSessionMd } from './session-md.js';
import { parseSessionsDir } from './sessions-dir.js';

const PARSERS: Record<SeedFormat, (files: readonly SourceFile[]) => ImportResult> = {
  codemap: parseCodemap,
  'git-dir': parseGitDir,
  agents: parseAgents,
  'sessions-dir': parseSessionsDir,
  'session-md': parseSessionMd,
};

/**
 * Where each seed keeps its files, relative to the repository root (`.git/` standing for the git
 * common directory): what `git session import` with no path looks through. `dirs` are walked
 * (regular files only, no symlink followed), `files` read when present.
 */
export const SEED_LOCATIONS: Record<SeedFormat, { dirs: string[]; files: string[] }> = {
  codemap: { dirs: ['.codemap/sessions'], files: [] },
  'git-dir': { dirs: ['.git/sessions'], files: ['.session/decision-log.md'] },
  agents: { dirs: ['.agents/sessions'], files: [] },
  'sessions-dir': { dirs: ['.sessions/active', '.sessions/archive', '.sessions/journal'], files: [] },
  'session-md': { dirs: [], files: ['SESSION.md'] },
};

const PATTERNS: [RegExp, SeedFormat][] = [
  [/(?:^|\/)\.codemap\/sessions\/[^/]+\.(json|md)$/, 'codemap'],
  [/^\.git\/sessions\/.+\/(objectives\.md|blockers\.md|context\.json|handoff\.md)$/, 'git-dir'],
  [/^\.git\/sessions\/history\/[^/]+\.json$/, 'git-dir'],
  [/^\.session\/decision-log\.md$/, 'git-dir'],
  [/(?:^|\/)\.agents\/sessions\/[^/]+\.md$/, 'agents'],
  [/(?:^|\/)\.sessions\/(active|archive)\/[^/]+\.md$/, 'sessions-dir'],
  [/(?:^|\/)\.sessions\/journal\/[^/]+\/(progress\.md|entries\/[^/]+\.md)$/, 'sessions-dir'],
  [/(?:^|\/)SESSION\.md$/, 'session-md'],
];

/** The seed format a file belongs to by its path (repository-relative, `/`), or null. */
export function seedFormatOf(path: string): SeedFormat | null {
  if (path === '.git/sessions/history/state.json') return null;
  for (const [re, format] of PATTERNS) if (re.test(path)) return format;
  return null;
}

/** Warnings kept per file: a file that is wrong on every line is said to be, not listed line by line. */
export const MAX_WARNINGS_PER_FILE = 20;

function capWarnings(warnings: readonly ImportWarning[]): ImportWarning[] {
  const count = new Map<string, number>();
  const out: ImportWarning[] = [];
  for (const w of warnings) {
    const n = (count.get(w.file) ?? 0) + 1;
    count.set(w.file, n);
    if (n <= MAX_WARNINGS_PER_FILE) out.push(w);
  }
  for (const [file, n] of count)
    if (n > MAX_WARNINGS_PER_FILE)
      out.push({ file, line: null, message: `${n - MAX_WARNINGS_PER_FILE} more warnings about this file not shown` });
  return out;
}

/** Read one format's files. Deterministic: the same files in any order give the same result. */
export function parseSeedFiles(format: SeedFormat, files: readonly SourceFile[]): ImportResult {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const r = PARSERS[format](sorted);
  return { ...r, warnings: capWarnings(r.warnings) };
}

/** Files of any seeds: each goes to its format's parser (those of no seed are reported as skipped). */
export function parseAllSeeds(files: readonly SourceFile[]): ImportResult {
  const groups = new Map<SeedFormat, SourceFile[]>();
  const out: ImportResult = { sessions: [], warnings: [], skipped: [] };
  for (const f of files) {
    const format = seedFormatOf(f.path);
    if (!format) {
      out.skipped.push({ file: f.path, reason: 'in none of the places the seeds keep their session files' });
      continue;
    }
    const group = groups.get(format);
    if (group) group.push(f);
    else groups.set(format, [f]);
  }
  for (const format of Object.keys(PARSERS) as SeedFormat[]) {
    const group = groups.get(format);
    if (!group) continue;
    const r = parseSeedFiles(format, group);
    out.sessions.push(...r.sessions);
    out.warnings.push(...r.warnings);
    out.skipped.push(...r.skipped);
  }
  return out;
}
