// What the coding agent's conversation already holds, as the agent hooks gave it: whether the brief
// of a session is in its context, and which files' decisions the edit reminder gave. Kept per
// worktree (`<git-dir>/git-session-agent.json`), per conversation (Claude Code's `session_id`, a
// subagent's `agent_id` apart: it has a context of its own), for the 20 conversations used last.
// A compaction or a /clear empties a conversation's entry: the model lost what was given, so the
// brief after the compaction and the next reminders come again — once.
//
// Two hooks of one conversation may run at once (parallel tool calls): the file is replaced
// atomically, and the worst a lost update does is one reminder given twice.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import type { Context } from './context.js';

const FILE = 'git-session-agent.json';
const MAX_CONVERSATIONS = 20;
const MAX_FILES = 500;
const MAX_KEY = 200;

interface Conversation {
  /** When a hook last wrote it (ISO): the oldest go first. */
  at: string;
  /** Sessions whose brief is in the conversation's context. */
  briefs: string[];
  /** Files (relative to the top of the work tree) whose decisions were given. */
  files: string[];
}

type Memory = Record<string, Conversation>;

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function read(ctx: Context): Memory {
  try {
    const v = JSON.parse(readFileSync(join(ctx.repo.gitDir, FILE), 'utf8')) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Memory = {};
    for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
      const x = c as Partial<Conversation> | null;
      if (x && typeof x.at === 'string' && isStrings(x.briefs) && isStrings(x.files))
        out[k] = { at: x.at, briefs: x.briefs, files: x.files };
    }
    return out;
  } catch {
    // None yet, or damaged: forgetting costs one repeated reminder at most.
    return {};
  }
}

function write(ctx: Context, memory: Memory): void {
  const kept = Object.entries(memory)
    .sort((a, b) => (a[1].at < b[1].at ? 1 : -1))
    .slice(0, MAX_CONVERSATIONS);
  writeFileAtomic(join(ctx.repo.gitDir, FILE), `${JSON.stringify(Object.fromEntries(kept))}\n`);
}

/** The conversation a hook's input names: `session_id`, and `agent_id` inside a subagent. */
export function conversationOf(input: Record<string, unknown>): string {
  const id = typeof input.session_id === 'string' && input.session_id !== '' ? input.session_id : 'unknown';
  const agent = typeof input.agent_id === 'string' && input.agent_id !== '' ? `/${input.agent_id}` : '';
  return `${id}${agent}`.slice(0, MAX_KEY);
}

function change(ctx: Context, conversation: string, edit: (c: Conversation) => boolean): boolean {
  const memory = read(ctx);
  const c = memory[conversation] ?? { at: '', briefs: [], files: [] };
  const changed = edit(c);
  if (!changed) return false;
  c.at = ctx.now();
  memory[conversation] = c;
  write(ctx, memory);
  return true;
}

/** Record that the brief of `session` is in the conversation; false when it was already. */
export function giveBrief(ctx: Context, conversation: string, session: string): boolean {
  return change(ctx, conversation, (c) => {
    if (c.briefs.includes(session)) return false;
    c.briefs.push(session);
    return true;
  });
}

/** Record that the decisions behind `file` were given; false when they were already. */
export function giveFile(ctx: Context, conversation: string, file: string): boolean {
  return change(ctx, conversation, (c) => {
    if (c.files.includes(file)) return false;
    c.files = [...c.files, file].slice(-MAX_FILES);
    return true;
  });
}

/** Whether the decisions behind `file` were given in the conversation (nothing is recorded). */
export function fileGiven(ctx: Context, conversation: string, file: string): boolean {
  return read(ctx)[conversation]?.files.includes(file) ?? false;
}

/**
 * The conversation starts over (a new one, a /clear) or lost its earlier context (a compaction):
 * nothing of what the hooks gave is in it any more; `brief` when a brief was given just now.
 */
export function forget(ctx: Context, conversation: string, brief?: string): void {
  change(ctx, conversation, (c) => {
    c.briefs = brief === undefined ? [] : [brief];
    c.files = [];
    return true;
  });
}
