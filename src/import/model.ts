// The neutral model every seed's session files are read into (issue 11 point 6). Pure data: the
// parsers in this folder make it from bytes, and `git session import` turns it into events. Every
// id in it is derived from the file's content (ids.ts), so reading the same files twice gives the
// same value, and an import that unions its events with what is there already adds nothing.
//
// Nothing in it is a path to write: `file` and `sources` name the files read, as the caller gave
// them, for messages only.

/**
 * Which tool wrote the files: seed 000 codemap (`.codemap/sessions/`), seed 001's session
 * management skill (`.git/sessions/<branch>/`), seed 002 (`.agents/sessions/*.md`), seed 003
 * (`.sessions/active|archive/*.md` and `.sessions/journal/`), seed 004 (`SESSION.md`).
 */
export type SeedFormat = 'codemap' | 'git-dir' | 'agents' | 'sessions-dir' | 'session-md';

export const SEED_FORMATS: readonly SeedFormat[] = ['codemap', 'git-dir', 'agents', 'sessions-dir', 'session-md'];

/** The seed each format comes from (the reference files in shared/reference/seeds/). */
export const SEED_NUMBER: Record<SeedFormat, string> = {
  codemap: '000',
  'git-dir': '001',
  agents: '002',
  'sessions-dir': '003',
  'session-md': '004',
};

/**
 * One file as read by the caller. `path` is relative to the repository root with `/` separators
 * (`.sessions/active/fix-sweep-bug-019a….md`); `bytes` is what was read, at most
 * MAX_FILE_BYTES + 1 bytes (one more says "larger than the cap": the file is then refused whole).
 */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

/** Bytes read and parsed per file. A session file of a month's work is 10–50 KiB. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Bytes one text of the model may hold: git-session's limit for any text (core/text.ts). */
export const MAX_TEXT_BYTES = 16 * 1024;
/** Items of one kind (objectives, journal entries…) one session may hold; the rest is reported. */
export const MAX_ITEMS = 2000;
/** Files one parse call reads; the rest is reported, not read. */
export const MAX_FILES = 10_000;
/** Lists and quotes nested deeper than this are not read (reported with their line). */
export const MAX_NESTING = 32;

/** Something that could not be read, or was read only in part: never guessed, always said. */
export interface ImportWarning {
  file: string;
  /** 1-based line, or null when it concerns the whole file. */
  line: number | null;
  message: string;
}

/** Where an item was read: the file and its 1-based line (null: a JSON value, a file name). */
export interface Located {
  file: string;
  line: number | null;
}

export type ImportedStatus = 'active' | 'paused' | 'completed' | 'abandoned';
export type ObjectiveStatus = 'open' | 'in-progress' | 'done';
export type BlockerStatus = 'open' | 'resolved';
export type PhaseStatus = 'pending' | 'in-progress' | 'complete' | 'blocked';
export type PhaseStage = 'implementation' | 'verification' | 'debugging';
export type AgentStatus = 'pending' | 'in-progress' | 'completed';
export type WaveState = 'active' | 'blocked' | 'complete' | 'pending';
/** git-session's journal kinds, plus `checkpoint` (a saved state) and `note` (anything else dated). */
export type JournalKind = 'progress' | 'checkpoint' | 'note';

export interface ImportedObjective extends Located {
  /** `obj-` + 13 characters: a valid git-session item id. */
  id: string;
  text: string;
  status: ObjectiveStatus;
  /** When it was done, or added, as the file says (ISO-8601 UTC). */
  at: string | null;
  /** A commit (`(commit: ghi9012)`) or an issue key (`BACK-123 - …`) the item names. */
  ref: string | null;
  /** Seed 004: the phase whose progress list holds it. */
  phase: number | null;
  /** Seed 002: the wave whose list holds it. */
  wave: number | null;
}

export interface ImportedDecision extends Located {
  /** `dec-` + 13 characters. */
  id: string;
  /** What was decided (seed 003's **Choice**, seed 002's **Decision**, or the title when that is all). */
  text: string;
  /** The heading it was recorded under, when the file gives one besides the decision. */
  title: string | null;
  rationale: string | null;
  /** Options considered (seed 003's **Options**, seed 001's alternatives). */
  alternatives: string | null;
  /** Why a decision was needed (seed 003's and seed 001's **Context**). */
  context: string | null;
  at: string | null;
}

/** A discovery or a next step: git-session keeps both as journal entries. */
export interface ImportedEntry extends Located {
  /** `log-` + 13 characters: a valid git-session entry id. */
  id: string;
  text: string;
  at: string | null;
  /** A title the file gives it (seed 003's `**Lock ordering**`), else null. */
  title: string | null;
}

export interface ImportedBlocker extends Located {
  /** `blk-` + 13 characters. */
  id: string;
  text: string;
  status: BlockerStatus;
  /** How it was resolved, when the file says. */
  resolution: string | null;
  at: string | null;
  phase: number | null;
}

export interface ImportedCriterion extends Located {
  /** `crt-` + 13 characters: git-session's criterion id, so it can be the id of the criterion events. */
  id: string;
  text: string;
  checked: boolean;
  /** Seed 004: the phase whose verification list holds it. */
  phase: number | null;
}

export interface ImportedJournalEntry extends Located {
  /** `log-` + 13 characters. */
  id: string;
  kind: JournalKind;
  at: string | null;
  /** Who wrote it, when the file says (seed 002's `### 2025-12-04 14:30 - backend-dev`). */
  author: string | null;
  /** The entry's heading or label, when it has one. */
  title: string | null;
  text: string;
}

export interface ImportedCheckpoint extends Located {
  /** `chk-` + 13 characters. */
  id: string;
  label: string;
  /** The commit the checkpoint names, as abbreviated in the file (not checked against git here). */
  commit: string | null;
  at: string | null;
  phase: number | null;
  /** `Complete`, `In Progress`… as the file says. */
  phaseStatus: string | null;
  note: string | null;
}

export interface ImportedPhase extends Located {
  number: number;
  name: string;
  status: PhaseStatus;
  /** The stage the file names for this phase (seed 004 names it for the current phase). */
  stage: PhaseStage | null;
  /** `API`, `UI`… (seed 004's **Type**). */
  type: string | null;
  started: string | null;
  completed: string | null;
  /** The phase's checkpoint commit. */
  checkpoint: string | null;
  summary: string | null;
  spec: string | null;
  nextAction: string | null;
  keyFiles: string | null;
  knownIssues: string | null;
  currentIssue: string | null;
}

export interface ImportedAgent extends Located {
  /** `agt-` + 13 characters. */
  id: string;
  /** The agent kind (`backend-dev`). */
  agent: string;
  task: string;
  status: AgentStatus | null;
  /** The status as written, when it is none of AgentStatus. */
  statusText: string | null;
  summary: string | null;
}

export interface ImportedWave extends Located {
  /** `wav-` + 13 characters. */
  id: string;
  number: number;
  name: string;
  state: WaveState | null;
  /** What the heading's parentheses said (`blocked by Wave 1`). */
  stateText: string | null;
  /** Waves this one waits for. */
  blockedBy: number[];
}

/** Something the model has no place for, kept whole (a section, a frontmatter key, a JSON value). */
export interface ImportedNote extends Located {
  /** `not-` + 13 characters. */
  id: string;
  /** Where it was: the section heading, `frontmatter: key`, `context.json: key`. */
  heading: string;
  text: string;
}

export interface ImportedSession {
  /** A UUIDv7-shaped session id derived from the format and `key` (ids.ts): the same on every read. */
  sessionId: string;
  format: SeedFormat;
  /** What identifies the session in its format: seed 003's id, a file name, a branch, `SESSION.md`. */
  key: string;
  /** The files read for it, as given. */
  sources: string[];
  title: string;
  /** A short name git-session accepts (lowercase, digits, `.`, `_`, `-`; at most 64), for `--name`. */
  name: string;
  status: ImportedStatus;
  /** The status as the file wrote it (`in_progress`, `[In Progress]`), or null when derived. */
  statusText: string | null;
  /** The branch the file names. Checked only for obvious damage: check it with git before use. */
  branch: string | null;
  created: string | null;
  updated: string | null;
  /** When it was completed or abandoned. */
  ended: string | null;
  /** Context compactions the agent went through (seed 003's `compaction_count`). */
  compactions: number | null;
  /** Task or issue keys the session is linked to (`BACK-123`, seed 003's task ids). */
  tasks: string[];
  /** What was accomplished (a close summary). */
  summary: string | null;
  /** Why it was abandoned. */
  abandonReason: string | null;
  /** Why it was paused. */
  pauseNote: string | null;
  /** Seed 002's `orchestration.current_task`. */
  currentTask: string | null;
  /** Background for whoever picks the work up (seed 002's `## Context`, seed 003's key context). */
  context: string | null;
  /** What the next person should read first: Current State, TL;DR, NEXT_SESSION.md, Next Action. */
  handoff: string | null;
  objectives: ImportedObjective[];
  decisions: ImportedDecision[];
  discoveries: ImportedEntry[];
  blockers: ImportedBlocker[];
  criteria: ImportedCriterion[];
  nextSteps: ImportedEntry[];
  journal: ImportedJournalEntry[];
  checkpoints: ImportedCheckpoint[];
  phases: ImportedPhase[];
  currentPhase: number | null;
  currentStage: PhaseStage | null;
  agents: ImportedAgent[];
  waves: ImportedWave[];
  notes: ImportedNote[];
}

export interface ImportResult {
  sessions: ImportedSession[];
  warnings: ImportWarning[];
  /** Files left alone on purpose, with why (git-session's own files, files of no seed). */
  skipped: { file: string; reason: string }[];
}
