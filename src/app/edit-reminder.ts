// The reminder an agent gets when it edits a file: the decisions of the sessions whose commits
// changed that file (git log --follow, through the sessions that recorded those commits), at most
// 5 and 600 characters, once per file per conversation, nothing when there are none. Every agent's
// file-edit hook says it (app/agent-hooks.ts); each agent places it next to the edit's result.

import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Decision } from '../core/fold.js';
import { commitsTouching } from '../git/commits.js';
import { run } from '../git/run.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Context } from './context.js';
import { loadAllSessions } from './sessions.js';

export const REMINDER_MAX_DECISIONS = 5;
export const REMINDER_MAX_CHARS = 600;
/** Commits read per file: the newest; a file's story older than that is `git session why`'s. */
const MAX_COMMITS = 200;
/** Files looked at per edit (a patch can name many). */
const MAX_FILES = 10;
/** Lines the memory of reminders keeps (the oldest go first). */
const MEMORY_LINES = 2000;

const MEMORY = 'git-session-edits';

/** The file inside the work tree, `/`-separated; null outside it. */
function inRepo(ctx: Context, cwd: string | null, file: string): string | null {
  const abs = isAbsolute(file) ? file : resolve(cwd ?? ctx.cwd, file);
  const rel = relative(ctx.repo.top, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  const posix = rel.split(sep).join('/');
  return posix.split('/').includes('.git') ? null : posix;
}

function memory(ctx: Context): string[] {
  try {
    return readFileSync(join(ctx.repo.gitDir, MEMORY), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function remember(ctx: Context, lines: string[]): void {
  const all = [...memory(ctx), ...lines].slice(-MEMORY_LINES);
  writeFileAtomic(join(ctx.repo.gitDir, MEMORY), `${all.join('\n')}\n`);
}

interface Behind {
  decision: Decision;
  session: string;
}

/** The decisions of the sessions whose commits changed `rel`, those of the latest commit's session first. */
function decisionsBehind(ctx: Context, rel: string, sessionOf: Map<string, { name: string; decisions: Decision[] }>) {
  const out: Behind[] = [];
  const seen = new Set<string>();
  for (const sha of run(ctx.repo, commitsTouching(rel, MAX_COMMITS))) {
    const session = sessionOf.get(sha);
    if (!session || seen.has(session.name)) continue;
    seen.add(session.name);
    for (const decision of [...session.decisions].reverse()) out.push({ decision, session: session.name });
    if (out.length >= REMINDER_MAX_DECISIONS) break;
  }
  return out.slice(0, REMINDER_MAX_DECISIONS);
}

const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim();

/** The reminder's text: one line per decision, cut to the budget. */
function render(files: string[], behind: Behind[]): string {
  const head = `git-session: decisions recorded for ${files.join(', ')} by the sessions that changed ${files.length > 1 ? 'them' : 'it'}:`;
  let text = head.length > REMINDER_MAX_CHARS - 40 ? `${head.slice(0, REMINDER_MAX_CHARS - 41)}…:` : head;
  for (const { decision, session } of behind) {
    const why = decision.rationale ? ` (why: ${oneLine(decision.rationale)})` : '';
    let line = `\n- ${decision.id} ${oneLine(decision.text)}${why} [${session}]`;
    const room = REMINDER_MAX_CHARS - text.length;
    if (room < 20) break;
    if (line.length > room) line = `${line.slice(0, room - 1)}…`;
    text += line;
  }
  return text;
}

/**
 * The reminder for an edit of `files` (as the agent named them, relative to `cwd`) in the agent's
 * conversation, or null: no file of the repository, every one reminded already, or no decision
 * behind any. The files reminded about are remembered for the conversation.
 */
export function editReminder(
  ctx: Context,
  input: { conversation: string | null; cwd: string | null; files: readonly string[] },
): string | null {
  const conversation = (input.conversation ?? 'unknown').replace(/[\t\n]/g, ' ');
  const known = new Set(memory(ctx));
  const files = [...new Set(input.files.map((f) => inRepo(ctx, input.cwd, f)).filter((f): f is string => f !== null))]
    .filter((f) => !known.has(`${conversation}\t${f}`))
    .slice(0, MAX_FILES);
  if (files.length === 0) return null;
  const sessionOf = new Map<string, { name: string; decisions: Decision[] }>();
  for (const { state } of loadAllSessions(ctx))
    for (const c of state.commits) sessionOf.set(c.sha, { name: state.name, decisions: state.decisions });
  const reminded: string[] = [];
  const behind: Behind[] = [];
  for (const f of files) {
    const found = decisionsBehind(ctx, f, sessionOf).filter(
      (b) => !behind.some((x) => x.decision.id === b.decision.id),
    );
    if (found.length === 0) continue;
    reminded.push(f);
    behind.push(...found);
  }
  if (behind.length === 0) return null;
  remember(
    ctx,
    reminded.map((f) => `${conversation}\t${f}`),
  );
  return render(reminded, behind.slice(0, REMINDER_MAX_DECISIONS));
}
