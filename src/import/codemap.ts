// Seed 000: codemap's `.codemap/sessions/`. The seed shows only the commands; codemap's own tool
// documentation (codemap_close, codemap_session_read, codemap_next_session) shows the session
// record and where the handoff goes. Assumed on that basis, as no file is shown:
//
// - each closed session is `.codemap/sessions/<sessionId>.json`, the record `codemap_session_read`
//   returns — `{sessionId, startedAt, closedAt, duration, summary, filesCreated, filesUpdated,
//   filesDeleted, filesRenamed, groupsModified, notationsAdded, annotationsAdded}` — bare or
//   wrapped as `{session: …}` / `{sessionSummary: …}`; a record without `closedAt` is a session
//   still open (a reopened one). Session ids are UTC times with `-` for `:` (`2026-04-05T02-53-34`).
// - `.codemap/sessions/NEXT_SESSION.md` is the handoff written by `codemap next-session`: free
//   Markdown for whoever comes next. It belongs to the latest session (by id); its Next Steps,
//   TODO, Known Issues / Blockers and Decisions sections are read as such, the whole text is the
//   handoff. With no session record it is a session of its own.
// - annotations are strings or `{text|note, type|kind, file|path}`; those whose type is `decision`
//   are decisions, the others discoveries. Group notations (`group: text`) are kept as notes, as
//   are the file lists and any key not listed here.

import { ownedKind } from '../codec/owned-marker.js';
import { slugName } from '../core/text.js';
import { SessionDraft } from './draft.js';
import { isRecord, jsonText, readJson, str } from './json.js';
import { outline } from './markdown.js';
import {
  type ImportedSession,
  type ImportResult,
  type ImportWarning,
  MAX_FILES,
  MAX_ITEMS,
  type SourceFile,
} from './model.js';
import { readBody } from './sections.js';
import { decodeSource } from './source.js';
import { parseTime, timeMs } from './times.js';

const RECORD = /(?:^|\/)\.codemap\/sessions\/([^/]+)\.json$/;
const NEXT = /(?:^|\/)\.codemap\/sessions\/NEXT_SESSION\.md$/;

const FILE_KEYS = ['filesCreated', 'filesUpdated', 'filesDeleted', 'filesRenamed'] as const;
const KNOWN = new Set([
  'sessionId',
  'startedAt',
  'closedAt',
  'summary',
  ...FILE_KEYS,
  'groupsModified',
  'notationsAdded',
  'annotationsAdded',
  'transactions',
]);

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_ITEMS) : [];
}

function readRecord(file: SourceFile, id: string, warnings: ImportWarning[]): ImportedSession | null {
  const text = decodeSource(file, warnings);
  if (!text) return null;
  const json = readJson(text, warnings);
  if (json === null) return null;
  const where = { file: file.path, line: null };
  let rec = isRecord(json) ? json : null;
  if (rec && isRecord(rec.session)) rec = rec.session;
  else if (rec && isRecord(rec.sessionSummary)) rec = rec.sessionSummary;
  if (!rec) {
    warnings.push({ ...where, message: 'not a codemap session record (a JSON object): not read' });
    return null;
  }
  const recordId = str(rec.sessionId);
  if (recordId !== null && recordId !== id)
    warnings.push({
      ...where,
      message: `sessionId ${JSON.stringify(recordId.slice(0, 40))} differs from the file name: the file name identifies the session`,
    });
  const idTime = parseTime(id);
  const draft = new SessionDraft('codemap', id, timeMs(idTime), warnings);
  draft.source(file.path);
  draft.session.name = slugName(`codemap-${id}`);
  draft.session.created = parseTime(str(rec.startedAt)) ?? idTime;
  const closed = parseTime(str(rec.closedAt));
  draft.session.ended = closed;
  draft.session.updated = closed ?? draft.session.created;
  draft.setStatus(closed ? 'completed' : 'active', null);
  const summary = draft.text(where, 'the summary', str(rec.summary));
  draft.session.summary = summary;
  draft.setTitle(where, summary ? summary.split('\n')[0] : `codemap session ${id}`);

  const files = FILE_KEYS.flatMap((k) => {
    const items = list(rec[k]).map((x) =>
      isRecord(x) ? `${str(x.from) ?? '?'} → ${str(x.to) ?? '?'}` : (str(x) ?? jsonText(x)),
    );
    return items.length > 0
      ? [`${k.replace('files', 'Files ').toLowerCase()}:\n${items.map((x) => `- ${x}`).join('\n')}`]
      : [];
  });
  if (files.length > 0) draft.note(where, 'Files', files.join('\n\n'));
  const groups = list(rec.groupsModified).map((g) => str(g) ?? jsonText(g));
  if (groups.length > 0) draft.note(where, 'Groups modified', groups.map((g) => `- ${g}`).join('\n'));
  for (const n of list(rec.notationsAdded)) draft.note(where, 'Group notation', str(n) ?? jsonText(n));
  for (const a of list(rec.annotationsAdded)) {
    const textOf = isRecord(a) ? (str(a.text) ?? str(a.note) ?? str(a.message)) : str(a);
    const kind = isRecord(a) ? (str(a.type) ?? str(a.kind) ?? '').toLowerCase() : '';
    const target = isRecord(a) ? (str(a.file) ?? str(a.path)) : null;
    if (!textOf) {
      draft.note(where, 'Annotation', jsonText(a));
      continue;
    }
    const full = target ? `${target}: ${textOf}` : textOf;
    if (kind === 'decision')
      draft.decision(where, {
        text: full,
        title: null,
        rationale: isRecord(a) ? str(a.rationale) : null,
        alternatives: null,
        context: null,
        at: null,
      });
    else draft.entry(where, 'discoveries', full, { title: kind !== '' ? kind : null });
  }
  for (const t of list(rec.transactions)) {
    if (!isRecord(t)) {
      draft.note(where, 'Transaction', jsonText(t));
      continue;
    }
    const at = parseTime(str(t.timestamp) ?? str(t.at) ?? str(t.time));
    const what = [str(t.type) ?? str(t.action) ?? str(t.operation), str(t.path) ?? str(t.file) ?? str(t.target)]
      .filter(Boolean)
      .join(' ');
    draft.journal(where, 'progress', what !== '' ? what : jsonText(t), { at });
  }
  for (const [k, v] of Object.entries(rec))
    if (!KNOWN.has(k) && v !== null && v !== undefined)
      draft.note(where, `${file.path.split('/').pop()}: ${k}`, jsonText(v));
  return draft.session;
}

function readNext(draft: SessionDraft, file: SourceFile, warnings: ImportWarning[]): boolean {
  const text = decodeSource(file, warnings);
  if (!text) return false;
  draft.source(file.path);
  const where = { file: file.path, line: 1 };
  const doc = outline(file.path, text.lines, warnings);
  // The whole file is the handoff; only the sections that say what to do, what blocks and what was
  // decided are read as such. The rest is in the handoff already, so no note repeats it.
  readBody(
    draft,
    file.path,
    doc,
    () => false,
    () => {},
  );
  draft.session.notes = draft.session.notes.filter((n) => n.file !== file.path);
  const handoff = draft.text(where, 'NEXT_SESSION.md', text.text);
  if (handoff) draft.session.handoff = handoff;
  return true;
}

/** Read seed 000's files. Paths are matched by their `.codemap/sessions/…` part; other files are skipped. */
export function parseCodemap(files: readonly SourceFile[]): ImportResult {
  const warnings: ImportWarning[] = [];
  const skipped: ImportResult['skipped'] = [];
  const sessions: ImportedSession[] = [];
  let next: SourceFile | null = null;
  for (const extra of files.slice(MAX_FILES))
    skipped.push({ file: extra.path, reason: `more than ${MAX_FILES} files: not read` });
  const records: { file: SourceFile; id: string }[] = [];
  for (const f of files.slice(0, MAX_FILES)) {
    const m = RECORD.exec(f.path);
    if (m) records.push({ file: f, id: m[1]! });
    else if (NEXT.test(f.path)) next = f;
    else skipped.push({ file: f.path, reason: "not one of codemap's session records or NEXT_SESSION.md" });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of records) {
    const s = readRecord(r.file, r.id, warnings);
    if (s) sessions.push(s);
  }
  const handoff = next as SourceFile | null;
  if (handoff) {
    const head = decodeSource(handoff, []);
    if (head && ownedKind(head.text) !== null)
      skipped.push({ file: handoff.path, reason: 'written by git-session (its mark is near the top)' });
    else {
      const latest = sessions[sessions.length - 1];
      if (latest) {
        const draft = SessionDraft.resume(latest, warnings);
        readNext(draft, handoff, warnings);
      } else {
        const draft = new SessionDraft('codemap', 'NEXT_SESSION.md', null, warnings);
        draft.session.name = 'codemap-next-session';
        if (readNext(draft, handoff, warnings)) {
          const h1 = head ? outline(handoff.path, head.lines, []).sections.find((s) => s.level === 1) : undefined;
          draft.setTitle({ file: handoff.path, line: h1?.line ?? null }, h1?.title ?? 'codemap handoff notes');
          sessions.push(draft.session);
        }
      }
    }
  }
  return { sessions, warnings, skipped };
}
