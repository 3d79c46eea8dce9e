// Seed 002: `.agents/sessions/YYYYMMDD-HHMMSS-<description>.md`. YAML frontmatter
// (`session: {title, status: in_progress|paused|completed, created, last_updated, linear_issue,
// linear_url}`, `orchestration: {current_task, spawned_agents: [{agent, task, status:
// pending|in_progress|completed, summary}]}`), then `# Session: Title` and the sections Context,
// Current State, Execution Progress (`### Wave N: Name (ACTIVE | blocked by Wave M | …)` with
// checklists of `ISSUE-123 - description`), Technical Context, Acceptance Criteria, Decisions
// (`### Decision N: Title` with **Decision** and **Rationale**), Blockers, Session Log
// (`### YYYY-MM-DD HH:MM - Agent/Action`), Next Steps, Files Modified. Session log times have no
// zone; the seed makes every other time with `date -u`, so they are read as UTC.

import { ownedKind } from '../codec/owned-marker.js';
import { slugName } from '../core/text.js';
import { SessionDraft } from './draft.js';
import { readFrontmatter, scalar, valueText } from './frontmatter.js';
import { children, headingKey, outline, type Section, saysNone } from './markdown.js';
import {
  type AgentStatus,
  type ImportedSession,
  type ImportedStatus,
  type ImportResult,
  type ImportWarning,
  MAX_FILES,
  MAX_ITEMS,
  type SourceFile,
  type WaveState,
} from './model.js';
import { keepBlocks, readBody } from './sections.js';
import { decodeSource, type TextFile } from './source.js';
import { parseTime, timeMs } from './times.js';

const SESSION_FILE = /(?:^|\/)\.agents\/sessions\/([^/]+)\.md$/;
const NAME = /^(\d{8}-\d{6})-(.+)$/;

const STATUSES: Record<string, ImportedStatus> = {
  in_progress: 'active',
  'in-progress': 'active',
  active: 'active',
  paused: 'paused',
  completed: 'completed',
  complete: 'completed',
  done: 'completed',
};

const AGENT_STATUSES: Record<string, AgentStatus> = {
  pending: 'pending',
  in_progress: 'in-progress',
  'in-progress': 'in-progress',
  running: 'in-progress',
  completed: 'completed',
  complete: 'completed',
  done: 'completed',
};

const SESSION_KEYS = new Set(['title', 'status', 'created', 'last_updated', 'linear_issue']);
const ORCHESTRATION_KEYS = new Set(['current_task', 'spawned_agents']);

/** `Wave 2: Name (blocked by Wave 1)` → number, name, state. */
function waveHeading(
  title: string,
): { number: number; name: string; state: WaveState | null; stateText: string | null; blockedBy: number[] } | null {
  const m = /^wave\s+(\d{1,4})\s*[:.—–-]?\s*(.*?)\s*(?:\(([^)]*)\))?\s*$/i.exec(title);
  if (!m) return null;
  const stateText = m[3]?.trim() ?? null;
  const s = stateText?.toLowerCase() ?? '';
  const blockedBy = [...s.matchAll(/wave\s*(\d{1,4})|(?:,|and)\s*(\d{1,4})/g)].map((x) => Number(x[1] ?? x[2]));
  const state: WaveState | null = /blocked|waiting/.test(s)
    ? 'blocked'
    : /^(active|in progress|in_progress|current)$/.test(s)
      ? 'active'
      : /^(complete|completed|done)$/.test(s)
        ? 'complete'
        : /^(pending|not started|todo|queued)$/.test(s)
          ? 'pending'
          : null;
  return {
    number: Number(m[1]),
    name: m[2]!.trim(),
    state,
    stateText,
    blockedBy: s.includes('blocked') ? blockedBy : [],
  };
}

const ISSUE_REF = /^([A-Z][A-Z0-9]{1,9}-\d{1,7})\s*(?:[-–—:]\s+|$)/;

function readExecution(draft: SessionDraft, file: string, sections: readonly Section[], index: number): void {
  const section = sections[index]!;
  const items = (s: Section, wave: number | null) => {
    for (const block of s.blocks) {
      if (block.kind !== 'list') {
        if (!(block.kind === 'paragraph' && saysNone(block.text))) keepBlocks(draft, file, s.title, [block]);
        continue;
      }
      for (const it of block.items) {
        if (saysNone(it.text)) continue;
        const ref = ISSUE_REF.exec(it.text)?.[1] ?? null;
        const status = it.box === 'done' ? 'done' : it.box === 'progress' ? 'in-progress' : 'open';
        draft.objective({ file, line: it.line }, it.text, status, { ref, wave });
      }
    }
  };
  items(section, null);
  for (const sub of children(sections, index)) {
    const w = waveHeading(sub.title);
    if (!w) {
      items(sub, null);
      continue;
    }
    if (draft.session.waves.length < MAX_ITEMS) {
      draft.session.waves.push({
        id: draft.ids.make('wave', `${w.number}`),
        number: w.number,
        name: w.name,
        state: w.state,
        stateText: w.stateText,
        blockedBy: w.blockedBy,
        file,
        line: sub.line,
      });
    }
    if (w.stateText && w.state === null)
      draft.warn(
        { file, line: sub.line },
        `wave state ${JSON.stringify(w.stateText.slice(0, 40))} is none of active, blocked by…, complete, pending: kept as written`,
      );
    items(sub, w.number);
  }
}

function readAgents(draft: SessionDraft, file: string, line: number | null, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    draft.warn({ file, line }, 'orchestration.spawned_agents is not a list: kept as a note');
    draft.note({ file, line }, 'frontmatter: orchestration.spawned_agents', valueText(value));
    return;
  }
  for (const [n, a] of value.entries()) {
    if (draft.session.agents.length >= MAX_ITEMS) {
      draft.warn({ file, line }, `more than ${MAX_ITEMS} spawned agents: the rest were not imported`);
      return;
    }
    const rec = typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : null;
    const agent = draft.text({ file, line }, 'an agent', scalar(rec?.agent));
    const task = draft.text({ file, line }, "an agent's task", scalar(rec?.task));
    if (!rec || !agent || !task) {
      draft.warn({ file, line }, `spawned agent ${n + 1} has no agent or no task: kept as a note`);
      draft.note({ file, line }, `frontmatter: orchestration.spawned_agents[${n}]`, valueText(a));
      continue;
    }
    const statusText = scalar(rec.status);
    const status = statusText ? (AGENT_STATUSES[statusText.trim().toLowerCase()] ?? null) : null;
    if (statusText && !status)
      draft.warn(
        { file, line },
        `spawned agent ${agent}: status ${JSON.stringify(statusText.slice(0, 40))} is none of pending, in_progress, completed: kept as written`,
      );
    draft.session.agents.push({
      id: draft.ids.make('agent', `${agent}\u0000${task}`),
      agent,
      task,
      status,
      statusText: status ? null : statusText,
      summary: draft.text({ file, line }, "an agent's summary", scalar(rec.summary)),
      file,
      line,
    });
    for (const [k, v] of Object.entries(rec))
      if (!['agent', 'task', 'status', 'summary'].includes(k) && v !== null && v !== undefined)
        draft.note({ file, line }, `spawned agent ${agent}: ${k}`, valueText(v));
  }
}

function readFile(file: SourceFile, text: TextFile, base: string, warnings: ImportWarning[]): ImportedSession {
  const named = NAME.exec(base);
  const stamp = named ? parseTime(named[1]) : null;
  if (!named || !stamp)
    warnings.push({
      file: file.path,
      line: null,
      message: 'file name is not YYYYMMDD-HHMMSS-<description>.md: imported, with the frontmatter times only',
    });
  const fm = readFrontmatter(text, warnings);
  const data = fm.data ?? {};
  const at = (key: string) => ({ file: file.path, line: fm.keyLines.get(key) ?? fm.line });
  const sessionPart = data.session;
  const orch = data.orchestration;
  const s =
    typeof sessionPart === 'object' && sessionPart !== null && !Array.isArray(sessionPart)
      ? (sessionPart as Record<string, unknown>)
      : {};
  const o = typeof orch === 'object' && orch !== null && !Array.isArray(orch) ? (orch as Record<string, unknown>) : {};
  const created = parseTime(scalar(s.created));
  const draft = new SessionDraft('agents', base, stamp ? timeMs(stamp) : timeMs(created), warnings);
  draft.source(file.path);
  draft.session.name = slugName(named ? named[2]! : base);
  if (fm.data) {
    for (const key of ['title', 'status', 'created', 'last_updated'])
      if (s[key] === undefined) draft.warn(at('session'), `frontmatter has no session.${key} (the seed requires it)`);
    if (o.current_task === undefined)
      draft.warn(at('orchestration'), 'frontmatter has no orchestration.current_task (the seed requires it)');
  }
  const statusText = scalar(s.status);
  const status = statusText ? STATUSES[statusText.trim().toLowerCase()] : undefined;
  if (status) draft.setStatus(status, statusText);
  else {
    draft.setStatus('active', statusText);
    if (statusText)
      draft.warn(
        at('session'),
        `session.status ${JSON.stringify(statusText.slice(0, 40))} is none of in_progress, paused, completed: imported as active`,
      );
  }
  draft.session.created = created ?? stamp;
  draft.session.updated = parseTime(scalar(s.last_updated));
  if (draft.session.status === 'completed') draft.session.ended = draft.session.updated;
  draft.task(at('session'), scalar(s.linear_issue));
  draft.session.currentTask = draft.text(at('orchestration'), 'the current task', scalar(o.current_task));
  readAgents(draft, file.path, fm.keyLines.get('orchestration') ?? fm.line, o.spawned_agents);
  for (const [k, v] of Object.entries(s))
    if (!SESSION_KEYS.has(k) && v !== null && v !== undefined)
      draft.note(at('session'), `frontmatter: session.${k}`, valueText(v));
  for (const [k, v] of Object.entries(o))
    if (!ORCHESTRATION_KEYS.has(k) && v !== null && v !== undefined)
      draft.note(at('orchestration'), `frontmatter: orchestration.${k}`, valueText(v));
  for (const [k, v] of Object.entries(data))
    if (k !== 'session' && k !== 'orchestration' && v !== null && v !== undefined)
      draft.note(at(k), `frontmatter: ${k}`, valueText(v));

  const doc = outline(file.path, fm.body, warnings);
  const h1 = doc.sections.find((x) => x.level === 1);
  draft.setTitle(
    { file: file.path, line: fm.keyLines.get('session') ?? null },
    scalar(s.title) ?? h1?.title.replace(/^session\s*:\s*/i, '') ?? base,
  );
  readBody(draft, file.path, doc, (i) => {
    const k = headingKey(doc.sections[i]!.title);
    if (/^(execution )?progress$|^waves$|^execution$/.test(k)) {
      readExecution(draft, file.path, doc.sections, i);
      return true;
    }
    return false;
  });
  draft.session.journal.sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0));
  return draft.session;
}

/** Read seed 002's session files. Paths are matched by their `.agents/sessions/…` part; other files are skipped. */
export function parseAgents(files: readonly SourceFile[]): ImportResult {
  const warnings: ImportWarning[] = [];
  const skipped: ImportResult['skipped'] = [];
  const sessions: ImportedSession[] = [];
  for (const extra of files.slice(MAX_FILES))
    skipped.push({ file: extra.path, reason: `more than ${MAX_FILES} files: not read` });
  const mine = files
    .slice(0, MAX_FILES)
    .flatMap((f) => {
      const m = SESSION_FILE.exec(f.path);
      if (!m) skipped.push({ file: f.path, reason: "not one of seed 002's .agents/sessions/*.md files" });
      return m ? [{ file: f, base: m[1]! }] : [];
    })
    .sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
  const seen = new Map<string, string>();
  for (const { file, base } of mine) {
    const first = seen.get(base);
    if (first) {
      warnings.push({
        file: file.path,
        line: null,
        message: `the same session file name as ${first}: not imported twice`,
      });
      continue;
    }
    seen.set(base, file.path);
    const text = decodeSource(file, warnings);
    if (!text) continue;
    // git-session's own view of its sessions (`session_file.format: agents`), never another tool's.
    if (ownedKind(text.text) !== null)
      skipped.push({
        file: file.path,
        reason: 'written by git-session (session_file.format: agents): a view of its own sessions',
      });
    else sessions.push(readFile(file, text, base, warnings));
  }
  return { sessions, warnings, skipped };
}
