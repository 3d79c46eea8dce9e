// Seed 001: the session-management skill's local files, `.git/sessions/<branch>/` (objectives.md,
// blockers.md, context.json), its archives under `.git/sessions/history/<session id>.json`, and
// the tracked decision log `.session/decision-log.md`.
//
// Paths: the caller gives files under the git common directory as `.git/sessions/…` whatever that
// directory is really called, and the decision log as `.session/decision-log.md`. git-session's own
// store lives in the same `sessions/` folder (docs/storage.md): only the file names below are read,
// so its `events.jsonl`, `branches/`, `hooks/`, `history/state.json` and `*.commits` never are.
//
// The seed names the files and shows how objectives, decisions and handoffs look in commits and
// handoffs (`- [x]` done, `- [▶]` under way, ids `obj-1`, `blk-1`); it shows no file. Assumed on
// that basis:
// - objectives.md and blockers.md are Markdown lists with those boxes, optionally `obj-N:` /
//   `blk-N:` before the text, a time in parentheses at the end; a resolved blocker is `[x]` (or
//   struck through, or marked resolved) and may say `— resolved: how`.
// - context.json is an object with any of: branch, title, status (active|paused|completed|ended|
//   abandoned), started_at/created_at, last_updated/updated_at, ended_at, objectives (strings or
//   `{text, status|completed}`), decisions (`{text|decision, rationale, alternatives, context,
//   timestamp}`), blockers (strings or `{text, resolved}`), checkpoints (`{label, commit,
//   timestamp, message|note}`), next_steps (strings), handoff, summary; anything else is a note.
// - handoff.md, when present, is the handoff `end --handoff` generated (the seed's template): the
//   whole text is the handoff; its Next Steps and Decisions Made sections are read as such.
// - history/<id>.json is an ended session: context.json's shape plus summary; completed unless it
//   says otherwise.
// - the decision log has `## <date> — <branch>` headings with `### <decision>` entries carrying
//   **Rationale**, **Alternatives**, **Context** (or one `## <decision>` with a **Branch** field).
//   Its decisions join the session of their branch; those of no known branch make one session,
//   `.session/decision-log.md`, so none is lost.

import { slugName } from '../core/text.js';
import { SessionDraft } from './draft.js';
import { isRecord, jsonText, readJson, str } from './json.js';
import { children, fieldKey, fields, headingKey, type ListItem, outline, saysNone } from './markdown.js';
import {
  type ImportedSession,
  type ImportedStatus,
  type ImportResult,
  type ImportWarning,
  MAX_FILES,
  MAX_ITEMS,
  type SourceFile,
} from './model.js';
import { decisionTitle, readBlockerText, readBody, readDecisionBlocks } from './sections.js';
import { decodeSource } from './source.js';
import { later, parseTime, trailingTime } from './times.js';

const BRANCH_FILE = /^\.git\/sessions\/(.+)\/(objectives\.md|blockers\.md|context\.json|handoff\.md)$/;
const ARCHIVE = /^\.git\/sessions\/history\/([^/]+)\.json$/;
const DECISION_LOG = /^\.session\/decision-log\.md$/;

const STATUSES: Record<string, ImportedStatus> = {
  active: 'active',
  in_progress: 'active',
  started: 'active',
  paused: 'paused',
  completed: 'completed',
  complete: 'completed',
  ended: 'completed',
  done: 'completed',
  abandoned: 'abandoned',
};

const CONTEXT_KEYS = new Set([
  'branch',
  'title',
  'status',
  'started_at',
  'created_at',
  'last_updated',
  'updated_at',
  'ended_at',
  'objectives',
  'objective',
  'decisions',
  'blockers',
  'checkpoints',
  'next_steps',
  'handoff',
  'summary',
  'session_id',
]);

const ITEM_ID = /^(obj|blk)-\d+\s*[:.—–-]\s*/i;

function readObjectives(draft: SessionDraft, file: string, items: readonly ListItem[]): void {
  for (const it of items) {
    if (saysNone(it.text)) continue;
    const { text, at } = trailingTime(it.text.replace(ITEM_ID, ''));
    const cleaned = text.replace(/\s*\((?:completed|done)\s*\)\s*$/i, '');
    const status = it.box === 'done' ? 'done' : it.box === 'progress' ? 'in-progress' : 'open';
    draft.objective({ file, line: it.line }, cleaned, status, { at });
  }
}

function readMarkdownList(
  draft: SessionDraft,
  file: SourceFile,
  warnings: ImportWarning[],
  each: (items: ListItem[]) => void,
): void {
  const text = decodeSource(file, warnings);
  if (!text) return;
  draft.source(file.path);
  const doc = outline(file.path, text.lines, warnings);
  const lists = (blocks: (typeof doc.preamble)[number][]) => {
    for (const b of blocks) if (b.kind === 'list') each(b.items);
  };
  lists(doc.preamble);
  for (const s of doc.sections) lists(s.blocks);
  for (const b of [...doc.preamble, ...doc.sections.flatMap((s) => s.blocks)])
    if (b.kind !== 'list' && !(b.kind === 'paragraph' && saysNone(b.text)) && b.text.trim() !== '')
      draft.note({ file: file.path, line: b.line }, file.path.split('/').pop()!, b.text);
}

/** context.json or a history archive: the keys this seed is known to keep, the rest as notes. */
// Long: one pass over a file of another tool's format, its sections read in order with shared
// state (src/import/, the importers' work: to be split with the import command).
function readContext(draft: SessionDraft, path: string, rec: Record<string, unknown>): void {
  const where = { file: path, line: null };
  const s = draft.session;
  draft.branch(where, str(rec.branch));
  const title = str(rec.title);
  if (title) draft.setTitle(where, title);
  const statusText = str(rec.status);
  if (statusText) {
    const status = STATUSES[statusText.trim().toLowerCase()];
    if (status) draft.setStatus(status, statusText);
    else
      draft.warn(
        where,
        `status ${JSON.stringify(statusText.slice(0, 40))} is none of active, paused, completed, abandoned: imported as ${s.status}`,
      );
  }
  s.created = s.created ?? parseTime(str(rec.started_at) ?? str(rec.created_at));
  s.updated = later(s.updated, parseTime(str(rec.last_updated) ?? str(rec.updated_at)));
  s.ended = later(s.ended, parseTime(str(rec.ended_at)));
  const objectives = Array.isArray(rec.objectives)
    ? rec.objectives
    : rec.objective !== undefined
      ? [rec.objective]
      : [];
  for (const o of objectives.slice(0, MAX_ITEMS)) {
    const text = isRecord(o) ? (str(o.text) ?? str(o.objective) ?? str(o.title)) : str(o);
    if (!text) {
      draft.note(where, 'context.json: objectives', jsonText(o));
      continue;
    }
    const st = isRecord(o) ? (str(o.status) ?? (o.completed === true ? 'done' : null)) : null;
    const status =
      st && /^(done|completed?|complete)$/i.test(st)
        ? 'done'
        : st && /progress|active|current/i.test(st)
          ? 'in-progress'
          : 'open';
    draft.objective(where, text.replace(ITEM_ID, ''), status, {
      at: isRecord(o) ? parseTime(str(o.completed_at)) : null,
      dedupe: true,
    });
  }
  for (const d of Array.isArray(rec.decisions) ? rec.decisions.slice(0, MAX_ITEMS) : []) {
    const text = isRecord(d) ? (str(d.text) ?? str(d.decision) ?? str(d.title)) : str(d);
    if (!text) {
      draft.note(where, 'context.json: decisions', jsonText(d));
      continue;
    }
    const r = isRecord(d) ? d : {};
    const alternatives = Array.isArray(r.alternatives)
      ? r.alternatives.map((a) => `- ${str(a) ?? jsonText(a)}`).join('\n')
      : str(r.alternatives);
    draft.decision(where, {
      text,
      title: null,
      rationale: str(r.rationale),
      alternatives,
      context: str(r.context),
      at: parseTime(str(r.timestamp) ?? str(r.at) ?? str(r.date)),
    });
  }
  for (const b of Array.isArray(rec.blockers) ? rec.blockers.slice(0, MAX_ITEMS) : []) {
    const text = isRecord(b) ? (str(b.text) ?? str(b.blocker)) : str(b);
    if (!text) {
      draft.note(where, 'context.json: blockers', jsonText(b));
      continue;
    }
    const resolved = isRecord(b) && (b.resolved === true || /^resolved$/i.test(str(b.status) ?? ''));
    draft.blocker(where, text.replace(ITEM_ID, ''), resolved ? 'resolved' : 'open', {
      resolution: isRecord(b) ? (str(b.resolution) ?? str(b.note)) : null,
    });
  }
  for (const c of Array.isArray(rec.checkpoints) ? rec.checkpoints.slice(0, MAX_ITEMS) : []) {
    if (!isRecord(c)) {
      draft.note(where, 'context.json: checkpoints', jsonText(c));
      continue;
    }
    const label = str(c.label) ?? str(c.message) ?? 'checkpoint';
    draft.checkpoint(where, {
      label,
      commit: str(c.commit) ?? str(c.sha),
      at: parseTime(str(c.timestamp) ?? str(c.at)),
      phase: null,
      phaseStatus: null,
      note: str(c.note) ?? (str(c.label) ? str(c.message) : null),
    });
    const decision = str(c.decision);
    if (decision)
      draft.decision(where, {
        text: decision,
        title: null,
        rationale: str(c.rationale),
        alternatives: null,
        context: null,
        at: parseTime(str(c.timestamp)),
      });
  }
  for (const n of Array.isArray(rec.next_steps) ? rec.next_steps.slice(0, MAX_ITEMS) : []) {
    const text = str(n) ?? (isRecord(n) ? str(n.text) : null);
    if (text) draft.entry(where, 'nextSteps', text);
    else draft.note(where, 'context.json: next_steps', jsonText(n));
  }
  const handoff = draft.text(where, 'the handoff', str(rec.handoff));
  if (handoff) s.handoff = handoff;
  const summary = draft.text(where, 'the summary', str(rec.summary));
  if (summary) s.summary = summary;
  const name = path.split('/').pop()!;
  for (const [k, v] of Object.entries(rec))
    if (!CONTEXT_KEYS.has(k) && v !== null && v !== undefined) draft.note(where, `${name}: ${k}`, jsonText(v));
}

function readJsonFile(file: SourceFile, warnings: ImportWarning[]): Record<string, unknown> | null {
  const text = decodeSource(file, warnings);
  if (!text) return null;
  const v = readJson(text, warnings);
  if (v === null) return null;
  if (!isRecord(v)) {
    warnings.push({ file: file.path, line: 1, message: 'not a JSON object: not read' });
    return null;
  }
  return v;
}

/** handoff.md: the whole text is the handoff; Next Steps and Decisions Made are read as such. */
function readHandoff(draft: SessionDraft, file: SourceFile, warnings: ImportWarning[]): void {
  const text = decodeSource(file, warnings);
  if (!text) return;
  draft.source(file.path);
  const doc = outline(file.path, text.lines, warnings);
  readBody(
    draft,
    file.path,
    doc,
    () => false,
    () => {},
  );
  draft.session.notes = draft.session.notes.filter((n) => n.file !== file.path);
  const h = draft.text({ file: file.path, line: 1 }, 'the handoff', text.text);
  if (h) draft.session.handoff = h;
}

interface LogDecision {
  branch: string | null;
  read: (draft: SessionDraft) => void;
}

/** The decision log's entries, each with the branch it names. */
function readDecisionLog(file: SourceFile, warnings: ImportWarning[]): LogDecision[] {
  const text = decodeSource(file, warnings);
  if (!text) return [];
  const doc = outline(file.path, text.lines, warnings);
  const out: LogDecision[] = [];
  const top = Math.min(2, ...doc.sections.map((s) => s.level).filter((l) => l > 1));
  doc.sections.forEach((s, i) => {
    if (s.level !== top) return;
    const head = /^(\d{4}-\d{2}-\d{2}(?:[T ][\d:]+Z?)?)\s*(?:[—–-]+\s*(.+))?$/.exec(s.title.trim());
    const subs = children(doc.sections, i).filter((c) => c.level === s.level + 1);
    if (head && subs.length > 0) {
      const at = parseTime(head[1]!);
      for (const sub of subs)
        out.push({
          branch: head[2]?.replace(/^`|`$/g, '').trim() ?? null,
          read: (draft) => {
            const t = decisionTitle(sub.title);
            readDecisionBlocks(draft, file.path, sub, { title: t.title, at: t.at ?? at });
          },
        });
      return;
    }
    let branch: string | null = null;
    for (const b of s.blocks)
      if (b.kind === 'paragraph')
        for (const f of fields(b).fields) if (fieldKey(f.key) === 'branch') branch = f.value.replace(/^`|`$/g, '');
    const t = decisionTitle(s.title);
    out.push({
      branch,
      read: (draft) =>
        readDecisionBlocks(
          draft,
          file.path,
          {
            ...s,
            blocks: s.blocks.map((b) =>
              b.kind === 'paragraph'
                ? {
                    ...b,
                    text: b.text
                      .split('\n')
                      .filter((l) => !/^\*\*branch\*\*\s*:/i.test(l) && !/^\*\*branch:\*\*/i.test(l))
                      .join('\n'),
                  }
                : b,
            ),
          },
          t,
        ),
    });
  });
  if (
    out.length === 0 &&
    doc.sections.length + doc.preamble.length > 0 &&
    headingKey(doc.sections[0]?.title ?? '') !== 'decision log'
  )
    warnings.push({
      file: file.path,
      line: 1,
      message: 'no decision entries found (## <date> — <branch> with ### decisions)',
    });
  return out;
}

/** Read seed 001's files (paths as `.git/sessions/…` and `.session/decision-log.md`, see above). */
// Long: one pass over a file of another tool's format, its sections read in order with shared
// state (src/import/, the importers' work: to be split with the import command).
export function parseGitDir(files: readonly SourceFile[]): ImportResult {
  const warnings: ImportWarning[] = [];
  const skipped: ImportResult['skipped'] = [];
  const sessions: ImportedSession[] = [];
  for (const extra of files.slice(MAX_FILES))
    skipped.push({ file: extra.path, reason: `more than ${MAX_FILES} files: not read` });
  const branches = new Map<string, Map<string, SourceFile>>();
  const archives: { id: string; file: SourceFile }[] = [];
  let log: SourceFile | null = null;
  for (const f of files.slice(0, MAX_FILES)) {
    const m = BRANCH_FILE.exec(f.path);
    if (m) {
      const b = branches.get(m[1]!) ?? new Map<string, SourceFile>();
      b.set(m[2]!, f);
      branches.set(m[1]!, b);
      continue;
    }
    const a = ARCHIVE.exec(f.path);
    if (a && a[1] !== 'state') {
      archives.push({ id: a[1]!, file: f });
      continue;
    }
    if (DECISION_LOG.test(f.path)) {
      log = f;
      continue;
    }
    skipped.push({
      file: f.path,
      reason: "not one of seed 001's session files (git-session's own store files are never read)",
    });
  }
  const byBranch = new Map<string, SessionDraft>();
  for (const branch of [...branches.keys()].sort()) {
    const parts = branches.get(branch)!;
    const draft = new SessionDraft('git-dir', branch, null, warnings);
    draft.session.title = branch;
    draft.session.name = slugName(branch.split('/').pop() ?? branch);
    draft.branch({ file: (parts.values().next().value as SourceFile).path, line: null }, branch);
    // The lists first: what they say of an objective is what context.json's copy is merged into.
    const objectives = parts.get('objectives.md');
    if (objectives)
      readMarkdownList(draft, objectives, warnings, (items) => readObjectives(draft, objectives.path, items));
    const blockers = parts.get('blockers.md');
    if (blockers)
      readMarkdownList(draft, blockers, warnings, (items) => {
        for (const it of items)
          readBlockerText(draft, { file: blockers.path, line: it.line }, it.text.replace(ITEM_ID, ''), it.box);
      });
    const ctx = parts.get('context.json');
    if (ctx) {
      const rec = readJsonFile(ctx, warnings);
      draft.source(ctx.path);
      if (rec) {
        const named = str(rec.branch);
        if (named && named !== branch)
          draft.warn(
            { file: ctx.path, line: null },
            `names branch ${JSON.stringify(named.slice(0, 80))}, but is in the folder of ${branch}: the folder's branch is kept`,
          );
        readContext(draft, ctx.path, { ...rec, branch });
      }
    }
    const handoff = parts.get('handoff.md');
    if (handoff) readHandoff(draft, handoff, warnings);
    if (draft.session.sources.length === 0) continue;
    byBranch.set(branch, draft);
    sessions.push(draft.session);
  }
  archives.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, file } of archives) {
    const rec = readJsonFile(file, warnings);
    if (!rec) continue;
    const draft = new SessionDraft('git-dir', `history/${id}`, null, warnings);
    const archivedBranch = str(rec.branch);
    draft.source(file.path);
    draft.setStatus('completed', null);
    draft.session.name = slugName(id);
    readContext(draft, file.path, rec);
    const summary = draft.session.summary;
    draft.setTitle(
      { file: file.path, line: null },
      str(rec.title) ?? (summary ? summary.split('\n')[0] : `${draft.session.branch ?? 'session'} (${id})`),
    );
    if (draft.session.status === 'completed') draft.session.ended ??= draft.session.updated;
    // The decision log's entries for this branch join it when no live folder has the branch.
    if (archivedBranch && draft.session.branch && !byBranch.has(archivedBranch)) byBranch.set(archivedBranch, draft);
    sessions.push(draft.session);
  }
  const logFile = log as SourceFile | null;
  if (logFile) {
    let orphan: SessionDraft | null = null;
    for (const d of readDecisionLog(logFile, warnings)) {
      let draft = d.branch ? byBranch.get(d.branch) : undefined;
      if (!draft) {
        if (!orphan) {
          orphan = new SessionDraft('git-dir', '.session/decision-log.md', null, warnings);
          orphan.setTitle({ file: logFile.path, line: null }, 'Decisions from .session/decision-log.md');
          orphan.session.name = 'decision-log';
          orphan.setStatus('completed', null);
          sessions.push(orphan.session);
        }
        draft = orphan;
      }
      draft.source(logFile.path);
      d.read(draft);
    }
  }
  return { sessions, warnings, skipped };
}
