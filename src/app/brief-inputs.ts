// Gathering what the brief and the handoff are computed from: the session's commits and the TODOs
// they added (git), uncommitted files, and the shared context files of `.session/`.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefCommit, BriefInput, ContextFile, Todo, Uncommitted } from '../core/brief.js';
import { agentDocDir, nearbyContextDocs, type StaleContext, staleContext } from '../core/context-health.js';
import {
  addedLines,
  commitInfo,
  contextDocFacts,
  currentBranch,
  trackedAgentDocs,
  worktreeStatus,
} from '../git/git.js';
import { type Context, SESSION_DIR } from './context.js';
import { type Loaded, loadAllSessions } from './sessions.js';
import { readWorktreeText } from './worktree-file.js';

const TODO = /\b(TODO|FIXME|XXX|HACK)\b/;
const MAX_CONTEXT_BYTES = 64 * 1024;

/**
 * A shared context file, read as a stranger's file: a regular file inside the work tree, its first
 * 64 KiB. A FIFO, a device or a symlink out of the repository is left out with one warning.
 */
function contextFile(ctx: Context, name: string): ContextFile | null {
  const path = `${SESSION_DIR}/${name}`;
  try {
    const read = readWorktreeText(
      ctx.repo,
      { rel: path, what: 'the context file' },
      { maxBytes: MAX_CONTEXT_BYTES, onLarger: 'truncate' },
    );
    if (!read) return null;
    return { path, text: read.truncated ? `${read.text}\n…` : read.text };
  } catch (e) {
    ctx.warn(`${(e as Error).message}; the brief goes on without it`);
    return null;
  }
}

/** A file a TODO was added to is searched in its first 4 MiB. */
const MAX_TODO_FILE_BYTES = 4 * 1024 * 1024;

/** The lines of a work-tree file, or null when it cannot be read as a regular file of the work tree. */
function worktreeLines(ctx: Context, path: string): Set<string> | null {
  try {
    const read = readWorktreeText(
      ctx.repo,
      { rel: path, what: 'reading' },
      { maxBytes: MAX_TODO_FILE_BYTES, onLarger: 'truncate' },
    );
    return read ? new Set(read.text.split('\n').map((l) => l.trim())) : null;
  } catch {
    return null;
  }
}

/** TODO lines a later commit (or the work tree) removed again are done, not something to watch. */
function stillThere(ctx: Context, todos: Todo[]): Todo[] {
  const files = new Map<string, Set<string> | null>();
  return todos.filter((t) => {
    if (!files.has(t.file)) files.set(t.file, worktreeLines(ctx, t.file));
    const lines = files.get(t.file);
    if (!lines) return false;
    const text = t.text.trim();
    // The text is cut at 200 characters: a longer line counts when it starts the same.
    return lines.has(text) || (text.length >= 200 && [...lines].some((l) => l.startsWith(text)));
  });
}

export function sessionCommits(ctx: Context, loaded: Loaded): BriefCommit[] {
  const info = commitInfo(
    ctx.repo,
    loaded.state.commits.map((c) => c.sha),
  );
  return loaded.state.commits.flatMap((c) => {
    const i = info.get(c.sha);
    return i ? [{ sha: c.sha, subject: i.subject, files: i.files }] : [];
  });
}

/** Uncommitted files other than the expected ones (SESSION.md, handoff notes...). */
export async function unexpectedUncommitted(ctx: Context): Promise<Uncommitted[]> {
  const config = await ctx.config();
  const expected = new Set([...config.uncommitted.expected, config.session_file.path, config.handoff.path]);
  return worktreeStatus(ctx.repo).filter((u) => !expected.has(u.path) && !expected.has(u.path.split('/').pop() ?? ''));
}

/** At most this many context documents are measured (two git processes each). */
const MAX_MEASURED_DOCS = 6;

/** The agent documents near the session's changes, and which context documents look stale. */
export async function contextHealth(
  ctx: Context,
  commits: readonly BriefCommit[],
): Promise<{ files: string[]; stale: StaleContext[] }> {
  const changed = [...new Set(commits.flatMap((c) => c.files))];
  const files = changed.length > 0 ? nearbyContextDocs(trackedAgentDocs(ctx.repo), changed) : [];
  const shared = ['architecture.md', 'conventions.md'].map((n) => ({ path: `${SESSION_DIR}/${n}`, dir: '' }));
  // A document deleted since is not stale, it is gone.
  const docs = [
    ...shared.filter((d) => existsSync(join(ctx.repo.top, d.path))),
    ...files.map((path) => ({ path, dir: agentDocDir(path) })),
  ].slice(0, MAX_MEASURED_DOCS);
  return { files, stale: staleContext(await contextDocFacts(ctx.repo, docs)) };
}

export async function briefInput(ctx: Context, loaded: Loaded): Promise<BriefInput> {
  const commits = sessionCommits(ctx, loaded);
  const onBranch = loaded.state.branch !== '' && currentBranch(ctx.repo) === loaded.state.branch;
  const others = loadAllSessions(ctx)
    .filter((l) => l.state.id !== loaded.state.id)
    .flatMap((l) =>
      l.state.decisions.map((decision) => ({ session: { id: l.state.id, name: l.state.name }, decision })),
    )
    .sort((a, b) => (a.decision.at < b.decision.at ? 1 : -1))
    .slice(0, 10);
  const health = await contextHealth(ctx, commits);
  return {
    state: loaded.state,
    now: ctx.now(),
    commits,
    todos: stillThere(
      ctx,
      addedLines(
        ctx.repo,
        commits.map((c) => c.sha),
        TODO,
      ),
    ),
    // The worktree's changes belong to the session whose branch is checked out.
    uncommitted: onBranch ? await unexpectedUncommitted(ctx) : [],
    architecture: contextFile(ctx, 'architecture.md'),
    conventions: contextFile(ctx, 'conventions.md'),
    otherDecisions: others,
    staleContext: health.stale,
    contextFiles: health.files,
  };
}
