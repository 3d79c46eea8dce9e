// Seed 004: `SESSION.md`, the project's living navigation file. A header (**Current Phase**,
// **Current Stage**, **Last Checkpoint**: `<sha> (<date>)`, **Planning Docs**), then one
// `## Phase N: Name [Status]` section per phase (Pending, In Progress, Complete, Blocked) with
// **Completed** / **Checkpoint** / **Summary** for finished ones and, for the current one,
// **Type** / **Started** / **Spec**, a **Progress** checklist (`(commit: abc1234)`, `<-- CURRENT`),
// **Current Stage**, **Verification Progress**, **Current Issue**, **Next Action**, **Key Files**,
// **Known Issues**.
//
// One file is one session (its phases span the project's sessions): the session is completed when
// every phase is, active otherwise. A SESSION.md that git-session wrote itself (its mark near the
// top) is skipped: it is a view of sessions git-session already has.

import { ownedKind } from '../codec/owned-marker.js';
import { slugName } from '../core/text.js';
import { SessionDraft } from './draft.js';
import { type Block, type Field, fieldKey, fields, type ListItem, outline, saysNone } from './markdown.js';
import {
  type ImportedPhase,
  type ImportedSession,
  type ImportResult,
  type ImportWarning,
  MAX_FILES,
  MAX_ITEMS,
  type PhaseStage,
  type PhaseStatus,
  type SourceFile,
} from './model.js';
import { keepBlocks, listText, readBlockerText, readBody } from './sections.js';
import { decodeSource } from './source.js';
import { later, parseTime } from './times.js';

const SESSION_FILE = /(?:^|\/)SESSION\.md$/;

const PHASE_STATUS: [RegExp, PhaseStatus][] = [
  [/^(complete|completed|done|✅.*|finished)$/, 'complete'],
  [/^(in progress|in-progress|in_progress|active|current|🔄.*|🚧.*)$/, 'in-progress'],
  [/^(pending|not started|todo|planned|⏸.*|⏳.*)$/, 'pending'],
  [/^(blocked|waiting|🚫.*|⛔.*)$/, 'blocked'],
];

const STAGES: Record<string, PhaseStage> = {
  implementation: 'implementation',
  implementing: 'implementation',
  verification: 'verification',
  verifying: 'verification',
  debugging: 'debugging',
  debug: 'debugging',
};

/** `Phase 3: Tasks API [In Progress]` (also `Phase 3 - Name (Complete)`, `Phase 3: Name ✅`). */
function phaseHeading(title: string): { number: number; name: string; statusText: string | null } | null {
  const m = /^phase\s+(\d{1,4})\s*[:.—–-]?\s*(.*?)\s*(?:\[([^\]]{1,40})\]|\(([^)]{1,40})\))?\s*$/i.exec(title);
  if (!m) return null;
  let name = m[2]!.trim();
  let statusText = (m[3] ?? m[4])?.trim() ?? null;
  const emoji = /\s*(✅|🔄|🚧|⏸️?|⏳|🚫|⛔)\s*$/u.exec(name);
  if (!statusText && emoji) {
    statusText = emoji[1]!;
    name = name.slice(0, emoji.index).trim();
  }
  return { number: Number(m[1]), name, statusText };
}

function phaseStatus(text: string): PhaseStatus | null {
  const t = text.trim().toLowerCase();
  for (const [re, s] of PHASE_STATUS) if (re.test(t)) return s;
  return null;
}

export function stageOf(text: string | null): PhaseStage | null {
  if (!text) return null;
  return (
    STAGES[
      text
        .trim()
        .toLowerCase()
        .replace(/[^a-z]/g, '')
    ] ?? null
  );
}

/** `abc1234 (2025-10-23)` → commit and date. The commit is kept as written (the seed's own examples are not hex). */
function checkpointRef(text: string): { commit: string | null; at: string | null } {
  const m = /^`?([0-9a-z]{4,40})`?\s*(?:\(([^)]*)\))?$/i.exec(text.trim());
  if (!m) return { commit: null, at: null };
  return { commit: m[1]!.toLowerCase(), at: m[2] ? parseTime(m[2]) : null };
}

/** Field paragraphs and the lists that follow an empty-valued field (`**Progress**:` then a list). */
function fieldsAndLists(blocks: readonly Block[]): { fields: Field[]; lists: Map<Field, ListItem[]>; other: Block[] } {
  const out: Field[] = [];
  const lists = new Map<Field, ListItem[]>();
  const other: Block[] = [];
  let waiting: Field | null = null;
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const { fields: fs, lead } = fields(b);
      if (lead) other.push({ kind: 'paragraph', line: b.line, text: lead });
      out.push(...fs);
      const last = fs[fs.length - 1];
      waiting = last && last.value === '' ? last : fs.length > 0 ? null : waiting;
    } else if (b.kind === 'list' && waiting) {
      lists.set(waiting, [...(lists.get(waiting) ?? []), ...b.items]);
    } else other.push(b);
  }
  return { fields: out, lists, other };
}

// Long: one pass over a file of another tool's format, its sections read in order with shared
// state (src/import/, the importers' work: to be split with the import command).
function readFile(
  file: SourceFile,
  warnings: ImportWarning[],
  skipped: ImportResult['skipped'],
): ImportedSession | null {
  const text = decodeSource(file, warnings);
  if (!text) return null;
  if (ownedKind(text.text) !== null) {
    skipped.push({
      file: file.path,
      reason: 'written by git-session (its mark is near the top): a view of its own sessions',
    });
    return null;
  }
  const key = file.path;
  const draft = new SessionDraft('session-md', key, null, warnings);
  draft.source(file.path);
  draft.session.name = slugName(key.replace(/(^|\/)SESSION\.md$/, '$1session').replace(/\//g, '-'));
  const doc = outline(file.path, text.lines, warnings);
  const h1 = doc.sections.find((s) => s.level === 1);
  const f = file.path;
  let headerStage: PhaseStage | null = null;
  let currentPhase: number | null = null;
  let lastCheckpoint: { where: { file: string; line: number }; commit: string; at: string | null } | null = null;

  // The header: the title's own blocks and anything before it.
  const header = (blocks: Block[]) => {
    const { fields: fs, lists, other } = fieldsAndLists(blocks);
    for (const fl of fs) {
      const k = fieldKey(fl.key);
      const where = { file: f, line: fl.line };
      if (k === 'current phase') {
        const m = /(\d{1,4})/.exec(fl.value);
        if (m) currentPhase = Number(m[1]);
        else if (!saysNone(fl.value))
          draft.warn(where, `**Current Phase** ${JSON.stringify(fl.value.slice(0, 40))} names no phase number`);
      } else if (k === 'current stage') {
        headerStage = stageOf(fl.value);
        if (!headerStage && !saysNone(fl.value))
          draft.warn(
            where,
            `**Current Stage** ${JSON.stringify(fl.value.slice(0, 40))} is none of Implementation, Verification, Debugging`,
          );
      } else if (k === 'last checkpoint') {
        const ref = checkpointRef(fl.value);
        if (ref.commit) {
          // Added after the phases: a phase's own checkpoint with the same commit says more.
          lastCheckpoint = { where, commit: ref.commit, at: ref.at };
          draft.session.updated = later(draft.session.updated, ref.at);
        } else if (!saysNone(fl.value)) draft.note(where, 'Last Checkpoint', fl.value);
      } else if (k === 'next action') {
        draft.entry(where, 'nextSteps', fl.value);
      } else {
        const list = lists.get(fl);
        draft.note(where, fl.key, list ? `${fl.value}\n${listText(list)}`.trim() : fl.value);
      }
    }
    keepBlocks(draft, f, h1?.title ?? 'SESSION.md', other);
  };

  const phases: ImportedPhase[] = [];
  // Long: the phases of the body, read in order (see readFile).
  readBody(
    draft,
    f,
    doc,
    (i) => {
      const s = doc.sections[i]!;
      const ph = phaseHeading(s.title);
      if (!ph) return false;
      const where = { file: f, line: s.line };
      let status = ph.statusText ? phaseStatus(ph.statusText) : null;
      if (!status) {
        draft.warn(
          where,
          ph.statusText
            ? `phase ${ph.number}: status ${JSON.stringify(ph.statusText)} is none of Pending, In Progress, Complete, Blocked: imported as pending`
            : `phase ${ph.number} has no [Status]: imported as pending`,
        );
        status = 'pending';
      }
      if (phases.some((p) => p.number === ph.number))
        draft.warn(where, `phase ${ph.number} appears twice: both are imported`);
      const phase: ImportedPhase = {
        number: ph.number,
        name: ph.name,
        status,
        stage: null,
        type: null,
        started: null,
        completed: null,
        checkpoint: null,
        summary: null,
        spec: null,
        nextAction: null,
        keyFiles: null,
        knownIssues: null,
        currentIssue: null,
        ...where,
      };
      // The phase's blocks and those of its subsections (`### Verification`…), in order.
      const blocks = [...s.blocks];
      for (let k = i + 1; k < doc.sections.length && doc.sections[k]!.level > s.level; k++) {
        const sub = doc.sections[k]!;
        blocks.push({ kind: 'paragraph', line: sub.line, text: `**${sub.title}**:` }, ...sub.blocks);
      }
      const { fields: fs, lists, other } = fieldsAndLists(blocks);
      for (const fl of fs) {
        const k = fieldKey(fl.key);
        const at = { file: f, line: fl.line };
        const list = lists.get(fl);
        const value = fl.value;
        const t = (what: string) => draft.text(at, what, list ? `${value}\n${listText(list)}`.trim() : value);
        if (k === 'completed') phase.completed = parseTime(value) ?? phase.completed;
        else if (k === 'started') phase.started = parseTime(value) ?? phase.started;
        else if (k === 'checkpoint') phase.checkpoint = checkpointRef(value).commit ?? phase.checkpoint;
        else if (k === 'summary') phase.summary = t('a phase summary');
        else if (k === 'type') phase.type = t('a phase type');
        else if (k === 'spec') phase.spec = t('a phase spec');
        else if (k === 'key files') phase.keyFiles = t('the key files');
        else if (k === 'current stage') {
          phase.stage = stageOf(value);
          if (!phase.stage && !saysNone(value))
            draft.warn(
              at,
              `**Current Stage** ${JSON.stringify(value.slice(0, 40))} is none of Implementation, Verification, Debugging`,
            );
        } else if (k === 'next action') {
          phase.nextAction = t('the next action');
        } else if (k === 'known issues' || k === 'current issue' || k === 'blockers') {
          const whole = t('the known issues');
          if (k === 'current issue') phase.currentIssue = whole;
          else phase.knownIssues = whole && !saysNone(whole) ? whole : null;
          if (list)
            for (const it of list) readBlockerText(draft, { file: f, line: it.line }, it.text, it.box, ph.number);
          if (value !== '' && !saysNone(value)) readBlockerText(draft, at, value, null, ph.number);
        } else if (/progress$|^tasks$/.test(k) && list) {
          const verification = /verification/.test(k);
          for (const it of list) {
            if (saysNone(it.text)) continue;
            const current = /\s*<-+\s*(CURRENT|HERE)\s*$/i.exec(it.text);
            let itemText = current ? it.text.slice(0, current.index) : it.text;
            const commit = /\s*\(commit:?\s*`?([0-9a-z]{4,40})`?\)\s*$/i.exec(itemText);
            if (commit) itemText = itemText.slice(0, commit.index);
            const where2 = { file: f, line: it.line };
            if (verification) draft.criterion(where2, itemText, it.box === 'done', ph.number);
            else
              draft.objective(
                where2,
                itemText,
                it.box === 'done' ? 'done' : current || it.box === 'progress' ? 'in-progress' : 'open',
                {
                  phase: ph.number,
                  ref: commit ? commit[1]!.toLowerCase() : null,
                },
              );
          }
          if (value !== '') draft.note(at, `Phase ${ph.number}: ${fl.key}`, value);
        } else {
          const whole = list ? `${value}\n${listText(list)}`.trim() : value;
          if (whole !== '') draft.note(at, `Phase ${ph.number}: ${fl.key}`, whole);
        }
      }
      keepBlocks(draft, f, `Phase ${ph.number}: ${ph.name}`, other);
      if (phase.checkpoint)
        draft.checkpoint(where, {
          label: `Phase ${ph.number} ${ph.statusText ?? status}`,
          commit: phase.checkpoint,
          at: phase.completed,
          phase: ph.number,
          phaseStatus: ph.statusText,
          note: phase.summary,
        });
      if (phases.length < MAX_ITEMS) phases.push(phase);
      else draft.warn(where, `more than ${MAX_ITEMS} phases: the rest were not imported`);
      draft.session.updated = later(later(draft.session.updated, phase.started), phase.completed);
      return true;
    },
    header,
  );
  draft.session.phases = phases;
  const last = lastCheckpoint as { where: { file: string; line: number }; commit: string; at: string | null } | null;
  if (last)
    draft.checkpoint(last.where, {
      label: 'Last checkpoint',
      commit: last.commit,
      at: last.at,
      phase: null,
      phaseStatus: null,
      note: null,
    });
  const cur = currentPhase ?? phases.find((p) => p.status === 'in-progress')?.number ?? null;
  draft.session.currentPhase = cur;
  const curPhase = phases.find((p) => p.number === cur) ?? null;
  if (currentPhase !== null && !curPhase && phases.length > 0)
    draft.warn(
      { file: f, line: null },
      `**Current Phase** is ${currentPhase}, which has no ## Phase ${currentPhase} section`,
    );
  draft.session.currentStage = headerStage ?? curPhase?.stage ?? null;
  if (curPhase && !curPhase.stage) curPhase.stage = draft.session.currentStage;
  if (curPhase?.nextAction) {
    draft.entry({ file: f, line: curPhase.line }, 'nextSteps', curPhase.nextAction);
    draft.session.handoff = `Next Action: ${curPhase.nextAction}`;
  } else if (draft.session.nextSteps[0]) draft.session.handoff = `Next Action: ${draft.session.nextSteps[0].text}`;
  const allDone = phases.length > 0 && phases.every((p) => p.status === 'complete');
  draft.setStatus(allDone ? 'completed' : 'active', null);
  if (allDone) draft.session.ended = phases.reduce<string | null>((a, p) => later(a, p.completed), null);
  const h1Title = h1?.title.trim() ?? '';
  const title =
    h1Title !== '' && !/^session state$/i.test(h1Title)
      ? h1Title
      : curPhase
        ? `Phase ${curPhase.number}: ${curPhase.name}`
        : f;
  draft.setTitle({ file: f, line: h1?.line ?? null }, title);
  return draft.session;
}

/** Read seed 004's SESSION.md files (several in a monorepo: each is its own session). */
export function parseSessionMd(files: readonly SourceFile[]): ImportResult {
  const warnings: ImportWarning[] = [];
  const skipped: ImportResult['skipped'] = [];
  const sessions: ImportedSession[] = [];
  for (const extra of files.slice(MAX_FILES))
    skipped.push({ file: extra.path, reason: `more than ${MAX_FILES} files: not read` });
  const mine = [...files.slice(0, MAX_FILES)].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of mine) {
    if (!SESSION_FILE.test(file.path)) {
      skipped.push({ file: file.path, reason: 'not a SESSION.md' });
      continue;
    }
    const s = readFile(file, warnings, skipped);
    if (s) sessions.push(s);
  }
  return { sessions, warnings, skipped };
}
