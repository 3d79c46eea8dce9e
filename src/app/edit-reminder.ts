// The PreToolUse edit reminder's work: the file a coding agent is about to edit, the decisions in
// force behind it (core/why.ts), once per file per conversation (agent-memory.ts). The commits
// are asked first: a file no commit touched (a new one) costs one git process and nothing more.

import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { activeDecisions, whyOf } from '../core/why.js';
import { pathCommits } from '../git/commits.js';
import { run } from '../git/run.js';
import { editReminder, REMINDER_MAX_DECISIONS } from '../render/edit-reminder.js';
import { fileGiven, giveFile } from './agent-memory.js';
import type { Context } from './context.js';
import { loadAllSessions } from './sessions.js';

/** The newest commits of a file the reminder reads. */
const REMINDER_COMMITS = 200;

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
 * The reminder for an edit of `path` (as the agent gave it: absolute, or relative to `base`), or
 * null: outside the repository, given already in this conversation, or no decision behind it.
 */
export function reminderFor(ctx: Context, conversation: string, path: string, base: string): string | null {
  const rel = inWorktree(ctx, path, base);
  if (rel === null || rel.split('/').includes('.git')) return null;
  if (fileGiven(ctx, conversation, rel)) return null;
  const touching = run(ctx.repo, pathCommits(rel, { follow: true, max: REMINDER_COMMITS }));
  if (touching.length === 0) return null;
  const why = whyOf(
    loadAllSessions(ctx).map((l) => l.state),
    touching,
  );
  const text = editReminder(rel, activeDecisions(why, REMINDER_MAX_DECISIONS));
  if (text === null) return null;
  giveFile(ctx, conversation, rel);
  return text;
}
