// The edit reminder's work: the files a coding agent edits (one for Claude Code's and Gemini CLI's
// tools and Cursor's Write, those of a patch for Codex), the decisions in force behind them
// (core/why.ts), once per file per conversation (agent-memory.ts). Every agent's file-edit hook
// says it (app/agent-hooks.ts). The commits are asked first: a file no commit touched (a new one)
// costs one git process and nothing more.

import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SessionState } from '../core/fold.js';
import { activeDecisions, whyOf } from '../core/why.js';
import { pathCommits } from '../git/commits.js';
import { run } from '../git/run.js';
import { editReminder, REMINDER_MAX_CHARS, REMINDER_MAX_DECISIONS } from '../render/edit-reminder.js';
import { fileGiven, giveFile } from './agent-memory.js';
import type { Context } from './context.js';
import { loadAllSessions } from './sessions.js';

/** The newest commits of a file the reminder reads. */
const REMINDER_COMMITS = 200;
/** Files of one edit looked at (a patch can name many). */
const MAX_FILES = 10;

/** `path` relative to the top of the work tree (symlinks on the way resolved), or null outside it. */
function inWorktree(ctx: Context, path: string, base: string): string | null {
  const abs = resolve(base, path);
  let real = abs;
  try {
    real = join(realpathSync(dirname(abs)), basename(abs));
  } catch {
    // A folder that does not exist yet (Write creates it): the path as given.
  }
  for (const candidate of [real, abs]) {
    const rel = relative(ctx.repo.top, candidate);
    if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return null;
}

/**
 * The reminder for an edit of `paths` (as the agent gave them: absolute, or relative to `base`),
 * or null: none in the repository, each given already in this conversation, or no decision behind
 * any. Several files share one reminder's budget (5 decisions, 600 characters); a file whose
 * decisions do not fit any more is not recorded as given, so its reminder comes with its next edit.
 */
export function reminderFor(ctx: Context, conversation: string, paths: readonly string[], base: string): string | null {
  const parts: string[] = [];
  let used = 0;
  let decisions = 0;
  let states: SessionState[] | null = null;
  const seen = new Set<string>();
  const shown = new Set<string>();
  for (const path of paths.slice(0, MAX_FILES)) {
    const rel = inWorktree(ctx, path, base);
    if (rel === null || seen.has(rel) || rel.split('/').includes('.git')) continue;
    seen.add(rel);
    if (fileGiven(ctx, conversation, rel)) continue;
    const touching = run(ctx.repo, pathCommits(rel, { follow: true, max: REMINDER_COMMITS }));
    if (touching.length === 0) continue;
    states ??= loadAllSessions(ctx).map((l) => l.state);
    const behind = activeDecisions(whyOf(states, touching), REMINDER_MAX_DECISIONS);
    // A decision behind two files of the edit is said once; the file's decisions are all given then.
    const active = behind.filter((d) => !shown.has(d.id)).slice(0, REMINDER_MAX_DECISIONS - decisions);
    if (behind.length > 0 && active.length === 0 && behind.every((d) => shown.has(d.id))) {
      giveFile(ctx, conversation, rel);
      continue;
    }
    const text = editReminder(rel, active);
    if (text === null) continue;
    if (parts.length > 0 && used + 1 + text.length > REMINDER_MAX_CHARS) break;
    parts.push(text);
    used += (parts.length > 1 ? 1 : 0) + text.length;
    decisions += active.length;
    for (const d of active) shown.add(d.id);
    giveFile(ctx, conversation, rel);
    if (decisions >= REMINDER_MAX_DECISIONS) break;
  }
  return parts.length > 0 ? parts.join('\n') : null;
}
