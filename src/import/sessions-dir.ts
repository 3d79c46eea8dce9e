// Seed 003: `.sessions/active/<shortname>-<uuid>.md` and `.sessions/archive/…` (YAML frontmatter
// and a structured Markdown body), with `.sessions/journal/<uuid>/progress.md` and
// `.sessions/journal/<uuid>/entries/<ISO time>.md`.
//
// From the seed and its commands (session-init, -log, -checkpoint, -pause, -close): the frontmatter
// keys id, shortname, status (active|paused|completed|abandoned), task_ids, created_at, updated_at,
// compaction_count, git_branch, git_last_commit, and paused_at, pause_reason, closed_at,
// close_reason, duration_hours as pause and close add them. Assumed where the seed is silent: an
// entry file is Markdown (optional frontmatter with `type`), its time is its file name (`:` may be
// `-` on file systems that refuse colons); progress.md is a copy the commands regenerate from the
// session file, so only what the session file lacks is kept from it (Current Position, unknown
// sections). A session without `status` takes it from its folder (active/ → active, archive/ →
// completed), with a warning.

import { slugName } from '../core/text.js';
import { SessionDraft } from './draft.js';
import { readFrontmatter, scalar, valueText } from './frontmatter.js';
import { isUuidV7, uuidV7Ms } from './ids.js';
import { children, fieldKey, fields, headingKey, outline, type Section, saysNone } from './markdown.js';
import {
  type ImportedSession,
  type ImportedStatus,
  type ImportResult,
  type ImportWarning,
  MAX_FILES,
  type SourceFile,
} from './model.js';
import { keepBlocks, readBody } from './sections.js';
import { decodeSource } from './source.js';
import { later, parseTime, timeMs, trailingTime } from './times.js';

const SESSION_FILE = /(?:^|\/)\.sessions\/(active|archive)\/([^/]+)\.md$/;
const PROGRESS_FILE = /(?:^|\/)\.sessions\/journal\/([^/]+)\/progress\.md$/;
const ENTRY_FILE = /(?:^|\/)\.sessions\/journal\/([^/]+)\/entries\/([^/]+)\.md$/;

const STATUSES: Record<string, ImportedStatus> = {
  active: 'active',
  in_progress: 'active',
  paused: 'paused',
  completed: 'completed',
  complete: 'completed',
  closed: 'completed',
  abandoned: 'abandoned',
};

const KNOWN_KEYS = new Set([
  'id',
  'shortname',
  'status',
  'task_ids',
  'created_at',
  'updated_at',
  'compaction_count',
  'git_branch',
  'paused_at',
  'pause_reason',
  'closed_at',
  'close_reason',
]);

const JOURNAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The journal folder names a session file may own: its id, and the uuid at the end of its file name. */
function journalKeys(fileName: string, id: string | null): string[] {
  const keys = new Set<string>();
  if (id) keys.add(id.toLowerCase());
  const m = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(fileName);
  if (m) keys.add(m[1]!.toLowerCase());
  return [...keys];
}

function readProgress(draft: SessionDraft, path: string, lines: string[], warnings: ImportWarning[]): void {
  const fm = readFrontmatter({ path, text: lines.join('\n'), lines }, warnings);
  const updated = parseTime(scalar(fm.data?.last_updated));
  draft.session.updated = later(draft.session.updated, updated);
  const doc = outline(path, fm.body, warnings);
  // TL;DR, Checklist, Key Context, Open Blockers and Resume Commands are regenerated from the
  // session file (session-checkpoint): the session file's are read. What only this file has is kept.
  const copies = /^(quick resume.*|tl;dr|checklist|key context|open blockers|resume commands|status)$/;
  readBody(
    draft,
    path,
    doc,
    (i) => copies.test(headingKey(doc.sections[i]!.title)),
    () => {},
  );
}

function readEntry(draft: SessionDraft, path: string, name: string, lines: string[], warnings: ImportWarning[]): void {
  const fm = readFrontmatter({ path, text: lines.join('\n'), lines }, warnings);
  const at = parseTime(name) ?? parseTime(scalar(fm.data?.timestamp) ?? scalar(fm.data?.at));
  if (!at)
    warnings.push({
      file: path,
      line: null,
      message: 'journal entry whose file name is no time: imported without a time',
    });
  const type = (scalar(fm.data?.type) ?? scalar(fm.data?.kind) ?? 'checkpoint').toLowerCase();
  const kind = type === 'progress' ? 'progress' : type === 'checkpoint' ? 'checkpoint' : 'note';
  const body = fm.body.join('\n').trim();
  const doc = outline(path, fm.body, warnings);
  const h1 = doc.sections.find((s) => s.level === 1);
  const note = scalar(fm.data?.note);
  // A first-line heading is the entry's title, not part of its text.
  const text =
    body === '' ? (note ?? '') : h1 && h1.line === fm.body.findIndex((l) => l.trim() !== '') + 1 ? h1.raw : body;
  draft.journal({ file: path, line: 1 }, kind, text, {
    at,
    title: h1?.title ?? (kind === 'note' ? type : null),
  });
}

/** The Progress section: Completed / In Progress / Remaining subsections, `<- CURRENT` marks the step under way. */
function readProgressSection(draft: SessionDraft, file: string, sections: readonly Section[], index: number): void {
  const parts = [sections[index]!, ...children(sections, index)];
  for (const part of parts) {
    const key = headingKey(part.title);
    const group = /^completed?|^done/.test(key)
      ? 'done'
      : /^in progress|^current|^doing/.test(key)
        ? 'in-progress'
        : /^remaining|^todo|^to do|^next|^pending/.test(key)
          ? 'open'
          : null;
    for (const block of part.blocks) {
      if (block.kind !== 'list') {
        if (block.kind === 'paragraph' && saysNone(block.text)) continue;
        keepBlocks(draft, file, part.title, [block]);
        continue;
      }
      for (const it of block.items) {
        if (saysNone(it.text)) continue;
        const current = /\s*<-+\s*(CURRENT|HERE)\s*$/i.exec(it.text);
        const raw = current ? it.text.slice(0, current.index) : it.text;
        const { text, at } = trailingTime(raw);
        const status =
          it.box === 'done'
            ? 'done'
            : current || it.box === 'progress'
              ? 'in-progress'
              : it.box === 'open'
                ? group === 'done'
                  ? 'open'
                  : (group ?? 'open')
                : (group ?? 'open');
        draft.objective({ file, line: it.line }, text, status, { at });
      }
    }
  }
}

/** The Context section: **Objective** is the session's goal; the whole section is its background. */
function readContext(draft: SessionDraft, file: string, section: Section): { text: string; line: number } | null {
  let goal: { text: string; line: number } | null = null;
  for (const b of section.blocks) {
    if (b.kind !== 'paragraph') continue;
    for (const f of fields(b).fields)
      if (/^(objective|goal)$/.test(fieldKey(f.key)) && !saysNone(f.value)) goal ??= { text: f.value, line: f.line };
  }
  const t = draft.text({ file, line: section.line }, 'the context', section.raw);
  if (t) draft.session.context = t;
  return goal;
}

// Long: one pass over a file of another tool's format, its sections read in order with shared
// state (src/import/, the importers' work: to be split with the import command).
function readSessionFile(
  file: SourceFile,
  folder: 'active' | 'archive',
  fileName: string,
  warnings: ImportWarning[],
  journals: Map<string, { progress?: SourceFile; entries: { file: SourceFile; name: string }[] }>,
  used: Set<string>,
): ImportedSession | null {
  const text = decodeSource(file, warnings);
  if (!text) return null;
  const fm = readFrontmatter(text, warnings);
  const data = fm.data ?? {};
  const at = (key: string) => ({ file: file.path, line: fm.keyLines.get(key) ?? fm.line });
  const rawId = scalar(data.id)?.trim().toLowerCase() ?? null;
  const id = rawId && JOURNAL_ID.test(rawId) ? rawId : null;
  if (rawId && !id)
    warnings.push({
      ...at('id'),
      message: `id ${JSON.stringify(rawId.slice(0, 60))} is not a UUID: the file name identifies the session`,
    });
  const key = id ?? fileName;
  const created = parseTime(scalar(data.created_at));
  const draft = new SessionDraft('sessions-dir', key, id && isUuidV7(id) ? uuidV7Ms(id) : timeMs(created), warnings);
  if (id && isUuidV7(id)) draft.session.sessionId = id;
  draft.source(file.path);
  const shortname = scalar(data.shortname);
  if (shortname) draft.session.name = slugName(shortname);
  else draft.session.name = slugName(fileName.replace(/-[0-9a-f]{8}-[0-9a-f-]{27}$/i, ''));

  const statusText = scalar(data.status);
  const status = statusText ? STATUSES[statusText.trim().toLowerCase()] : undefined;
  if (status) draft.setStatus(status, statusText);
  else {
    const fallback: ImportedStatus = folder === 'active' ? 'active' : 'completed';
    draft.setStatus(fallback, statusText);
    warnings.push({
      ...at('status'),
      message: `${statusText ? `status ${JSON.stringify(statusText.slice(0, 40))} is none of active, paused, completed, abandoned` : 'no status'}: imported as ${fallback} (the session is in ${folder}/)`,
    });
  }
  draft.session.created = created;
  draft.session.updated = parseTime(scalar(data.updated_at));
  draft.session.ended = parseTime(scalar(data.closed_at));
  const compactions = data.compaction_count;
  if (typeof compactions === 'number' && Number.isInteger(compactions) && compactions >= 0 && compactions < 1e6)
    draft.session.compactions = compactions;
  draft.branch(at('git_branch'), scalar(data.git_branch));
  const tasks = data.task_ids;
  if (Array.isArray(tasks)) for (const t of tasks) draft.task(at('task_ids'), scalar(t));
  else if (tasks !== undefined && tasks !== null) draft.task(at('task_ids'), scalar(tasks));
  const reason = draft.text(at('close_reason'), 'the close reason', scalar(data.close_reason));
  if (reason && draft.session.status === 'abandoned') draft.session.abandonReason = reason;
  else if (reason) draft.note(at('close_reason'), 'frontmatter: close_reason', reason);
  draft.session.pauseNote = draft.text(at('pause_reason'), 'the pause reason', scalar(data.pause_reason));
  for (const [k, v] of Object.entries(data)) {
    if (KNOWN_KEYS.has(k) || v === null || v === undefined) continue;
    draft.note(at(k), `frontmatter: ${k}`, valueText(v));
  }

  const doc = outline(file.path, fm.body, warnings);
  const h1 = doc.sections.find((s) => s.level === 1);
  draft.setTitle(
    { file: file.path, line: h1?.line ?? null },
    h1 ? h1.title.replace(/^session\s*:\s*/i, '') : (shortname ?? fileName),
  );
  let goal: { text: string; line: number } | null = null;
  readBody(draft, file.path, doc, (i) => {
    const s = doc.sections[i]!;
    const k = headingKey(s.title);
    if (/^tl;?dr|^tldr/.test(k)) {
      const t = draft.text({ file: file.path, line: s.line }, 'the TL;DR', s.raw);
      if (t) draft.session.handoff = t;
      return true;
    }
    if (k === 'context') {
      goal = readContext(draft, file.path, s);
      return true;
    }
    if (/^progress$|^steps$|^plan$/.test(k)) {
      readProgressSection(draft, file.path, doc.sections, i);
      return true;
    }
    return false;
  });
  if (goal) {
    // The goal is met when the session says it completed; otherwise it is what the work is for.
    const done = draft.session.status === 'completed';
    const g = goal as { text: string; line: number };
    const o = draft.objective({ file: file.path, line: g.line }, g.text, done ? 'done' : 'open');
    if (o) {
      // The goal first, as `start -o` would have made it.
      draft.session.objectives.unshift(draft.session.objectives.pop()!);
    }
  }

  for (const k of journalKeys(fileName, id)) {
    const j = journals.get(k);
    if (!j || used.has(k)) continue;
    used.add(k);
    if (j.progress) {
      const t = decodeSource(j.progress, warnings);
      if (t) {
        draft.source(j.progress.path);
        readProgress(draft, j.progress.path, t.lines, warnings);
      }
    }
    for (const e of j.entries) {
      const t = decodeSource(e.file, warnings);
      if (!t) continue;
      draft.source(e.file.path);
      readEntry(draft, e.file.path, e.name, t.lines, warnings);
    }
  }
  draft.session.journal.sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0));
  return draft.session;
}

/** Read seed 003's files. Paths are matched by their `.sessions/…` part; other files are skipped. */
export function parseSessionsDir(files: readonly SourceFile[]): ImportResult {
  const warnings: ImportWarning[] = [];
  const skipped: ImportResult['skipped'] = [];
  const sessionFiles: { file: SourceFile; folder: 'active' | 'archive'; name: string }[] = [];
  const journals = new Map<string, { progress?: SourceFile; entries: { file: SourceFile; name: string }[] }>();
  const journalOf = (k: string) => {
    const key = k.toLowerCase();
    const known = journals.get(key);
    if (known) return known;
    const j: { progress?: SourceFile; entries: { file: SourceFile; name: string }[] } = { entries: [] };
    journals.set(key, j);
    return j;
  };
  for (const extra of files.slice(MAX_FILES))
    skipped.push({ file: extra.path, reason: `more than ${MAX_FILES} files: not read` });
  for (const file of files.slice(0, MAX_FILES)) {
    let m = SESSION_FILE.exec(file.path);
    if (m) {
      sessionFiles.push({ file, folder: m[1] as 'active' | 'archive', name: m[2]! });
      continue;
    }
    m = PROGRESS_FILE.exec(file.path);
    if (m) {
      journalOf(m[1]!).progress = file;
      continue;
    }
    m = ENTRY_FILE.exec(file.path);
    if (m) {
      journalOf(m[1]!).entries.push({ file, name: m[2]! });
      continue;
    }
    skipped.push({ file: file.path, reason: "not one of seed 003's session or journal files" });
  }
  for (const j of journals.values()) j.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sessionFiles.sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
  const used = new Set<string>();
  const sessions: ImportedSession[] = [];
  const byId = new Map<string, string>();
  for (const s of sessionFiles) {
    const session = readSessionFile(s.file, s.folder, s.name, warnings, journals, used);
    if (!session) continue;
    const first = byId.get(session.sessionId);
    if (first) {
      warnings.push({
        file: s.file.path,
        line: null,
        message: `the same session id as ${first}: not imported twice (keep one of the files)`,
      });
      continue;
    }
    byId.set(session.sessionId, s.file.path);
    sessions.push(session);
  }
  for (const [k, j] of journals) {
    if (used.has(k)) continue;
    const path = j.progress?.path ?? j.entries[0]?.file.path ?? k;
    warnings.push({
      file: path,
      line: null,
      message: `journal ${k} belongs to no session file in .sessions/active or .sessions/archive: not imported`,
    });
  }
  return { sessions, warnings, skipped };
}
