// Files kept in step with the sessions: the living SESSION.md (when enabled) for the checked-out
// branch, and the tracked decision log. Called after every change and every branch switch.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ownedKind } from '../codec/owned-marker.js';
import { isOpen } from '../core/fold.js';
import { commitInfo } from '../git/commits.js';
import { worktreeBranches } from '../git/refs.js';
import { currentBranch, repoDirs } from '../git/repo.js';
import { run } from '../git/run.js';
import { GitSessionError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import { renderDecisionEntry, renderDecisionLogHeader } from '../render/decision-log.js';
import { renderSessionFile } from '../render/session-file.js';
import { writeFileAtomic } from '../store/atomic.js';
import { sha256 } from '../store/digest.js';
import { readRegularFile } from '../store/regular-file.js';
import { appendGeneratedFile, removeWorktreeFile, replaceGeneratedFile } from '../worktree/file.js';
import { type Context, SESSION_DIR, worktreeContext } from './context.js';
import { type Loaded, loadAllSessions, loadSession } from './sessions.js';

const EXCLUDE_MARK = '# git-session: the living session file';

/**
 * Keep SESSION.md out of `git status` without touching any tracked file: one line in
 * `.git/info/exclude` under our marker, for the path as it is now (an earlier path's line goes),
 * anchored, and with glob characters escaped so that it matches that one file only.
 */
function excludeLocally(ctx: Context, absolute: string, marker = EXCLUDE_MARK, replace = true): void {
  const exclude = join(ctx.repo.commonDir, 'info', 'exclude');
  const rel = relative(ctx.repo.top, absolute).split(sep).join('/');
  const line = `/${rel.replace(/[\\[\]*?!#]/g, (c) => `\\${c}`)}`;
  let text = '';
  try {
    text = readFileSync(exclude, 'utf8');
  } catch {
    // No exclude file yet.
  }
  const lines = text.split('\n');
  // Seed 002's files are one per session: each keeps its line (`replace` false).
  if (!replace && lines.some((l, i) => l === line && lines[i - 1] === marker)) return;
  const kept = replace ? lines.filter((l, i) => l !== marker && lines[i - 1] !== marker) : lines;
  const want = [...kept.filter((l, i) => l !== '' || i < kept.length - 1), marker, line, ''].join('\n');
  if (want === text) return;
  writeFileAtomic(exclude, want);
}

/**
 * Rewrite SESSION.md for the session of the checked-out branch (or say there is none); `known`: that
 * session as a change just left it (not read again).
 */
export async function writeSessionFile(ctx: Context, known?: Loaded): Promise<void> {
  const config = await ctx.config();
  // A branch switch made by the hooks has it rewritten in the background while this marker is there.
  ctx.store.markSessionFile(config.session_file.enabled);
  if (!config.session_file.enabled) return;
  if (config.session_file.format === 'agents') return writeAgentsFile(ctx, known);
  const branch = currentBranch(ctx.repo);
  const id = branch ? ctx.store.branchSession(branch) : null;
  const loaded = id ? (known?.state.id === id ? known : loadSession(ctx, id)) : null;
  const info = loaded ? run(ctx.repo, commitInfo(loaded.state.commits.map((c) => c.sha))) : new Map();
  const commits = (loaded?.state.commits ?? []).flatMap((c) => {
    const i = info.get(c.sha);
    return i ? [{ sha: c.sha, at: i.at, files: i.files }] : [];
  });
  const others = loaded
    ? []
    : loadAllSessions(ctx)
        .filter((l) => isOpen(l.state) && l.state.branch)
        .map((l) => ({ name: l.state.name, branch: l.state.branch, status: l.state.status }));
  const text = renderSessionFile({
    branch,
    state: loaded?.state ?? null,
    now: ctx.now(),
    commits,
    uncommitted: loaded ? await (await import('./brief-inputs.js')).unexpectedUncommitted(ctx) : [],
    expected: [...new Set([...config.uncommitted.expected, config.session_file.path])],
    others,
  });
  // Only a new file or git-session's own is replaced; the exclude line follows once that is known.
  replaceGeneratedFile(ctx, { rel: config.session_file.path, what: 'session_file.path' }, 'session-file', text, (abs) =>
    excludeLocally(ctx, abs),
  );
}

const AGENTS_EXCLUDE_MARK = "# git-session: a living session file in seed 002's format";

/**
 * `session_file.format: agents`: the checked-out branch's session as seed 002's
 * `.agents/sessions/<created>-<name>.md` (render/agents-file.ts), through the same guarded,
 * ownership-marked write as SESSION.md. A branch without a session has no file.
 */
async function writeAgentsFile(ctx: Context, known?: Loaded): Promise<void> {
  const branch = currentBranch(ctx.repo);
  const id = branch ? ctx.store.branchSession(branch) : null;
  const loaded = id ? (known?.state.id === id ? known : loadSession(ctx, id)) : null;
  if (!loaded) return;
  const { renderAgentsFile, agentsFilePath } = await import('../render/agents-file.js');
  const { familyOf } = await import('./children.js');
  const rel = agentsFilePath(loaded.state);
  replaceGeneratedFile(
    ctx,
    { rel, what: 'the seed 002 session file' },
    'agents-file',
    renderAgentsFile(loaded.state, familyOf(ctx, loaded)),
    (abs) => excludeLocally(ctx, abs, AGENTS_EXCLUDE_MARK, false),
  );
  dropRenamed(ctx, rel, loaded.state.id);
}

/**
 * The file a session had under its earlier name (`edit --name`): same creation time, git-session's
 * mark, this session's id, and unchanged since git-session wrote it — else it is left alone.
 */
function dropRenamed(ctx: Context, rel: string, sessionId: string): void {
  const dir = join(ctx.repo.top, dirname(rel));
  const prefix = `${basename(rel).slice(0, 16)}`;
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.md') && n !== basename(rel));
  } catch {
    return;
  }
  for (const name of names) {
    const abs = join(dir, name);
    try {
      const read = readRegularFile(abs, { maxBytes: 1024 * 1024, noFollow: true, name });
      if (!read || ctx.store.writtenDigest(abs) !== sha256(read.data)) continue;
      const head = read.data.subarray(0, 4096).toString('utf8');
      if (ownedKind(head) === 'agents-file' && head.includes(`id: ${JSON.stringify(sessionId)}`))
        removeWorktreeFile(ctx.repo, { rel: `${dirname(rel)}/${name}`, what: 'the seed 002 session file' });
    } catch {
      // Not ours to remove, or gone already.
    }
  }
}

/**
 * Append the decisions just recorded to the decision log, one entry each, once: the entry carries
 * the decision id, so running twice (or on another clone) adds nothing.
 */
export async function appendDecisions(ctx: Context, loaded: Loaded, appended: readonly SessionEvent[]): Promise<void> {
  const decisions = appended.filter((e) => e.type === 'decision.recorded');
  if (decisions.length === 0) return;
  const config = await ctx.config();
  if (!config.decisions_log.enabled) return;
  // The log is part of the shared context `git session init` sets up; without it, nothing to add to.
  if (!existsSync(join(ctx.repo.top, SESSION_DIR))) return;
  appendGeneratedFile(
    ctx,
    { rel: config.decisions_log.path, what: 'decisions_log.path' },
    'decision-log',
    renderDecisionLogHeader(),
    (present) =>
      loaded.state.decisions
        .filter((d) => decisions.some((e) => e.type === 'decision.recorded' && e.decision === d.id))
        .filter((d) => !present.includes(`(${d.id})`))
        .map((d) => renderDecisionEntry(d, loaded.state))
        .join(''),
  );
}

/** An error as one warning line, with the way out when it has one. */
function withHint(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return e instanceof GitSessionError && e.hint ? `${message} — ${e.hint}` : message;
}

/** After a change: the change itself is recorded; a file that cannot follow only warns. */
export async function afterChange(ctx: Context, loaded: Loaded, appended: readonly SessionEvent[]): Promise<void> {
  try {
    await appendDecisions(ctx, loaded, appended);
  } catch (e) {
    ctx.warn(`the decision log was not updated: ${withHint(e)}`);
  }
  const branch = currentBranch(ctx.repo);
  if (branch && loaded.state.branch === branch) await refreshSessionFile(ctx, loaded);
  const spawn = loaded.state.spawn;
  if (spawn && appended.some((e) => LIFECYCLE.has(e.type))) await refreshParentFile(ctx, spawn.parent);
}

/** What a parent's seed 002 file shows of a child: its status and summary. */
const LIFECYCLE = new Set([
  'session.started',
  'session.paused',
  'session.resumed',
  'session.completed',
  'session.abandoned',
  'session.reopened',
]);

/**
 * A child started, paused, resumed or ended: its parent's seed 002 file lists it among the spawned
 * agents, so that file is written again, in the worktree where the parent's branch is checked out.
 */
async function refreshParentFile(ctx: Context, parentId: string): Promise<void> {
  try {
    const parent = loadSession(ctx, parentId);
    if (!parent?.state.branch) return;
    const where = run(ctx.repo, worktreeBranches).get(parent.state.branch);
    if (!where) return;
    // The parent's worktree, with its own configuration (a tracked file: each worktree has its own).
    const there = where === ctx.repo.top ? ctx : worktreeContext(ctx, run({ top: where }, repoDirs));
    const config = await there.config();
    if (!config.session_file.enabled || config.session_file.format !== 'agents') return;
    await writeSessionFile(there, parent);
  } catch (e) {
    ctx.warn(`the parent's session file was not updated: ${withHint(e)}`);
  }
}

/** SESSION.md after a change or a switch; a failure to write it only warns. */
export async function refreshSessionFile(ctx: Context, known?: Loaded): Promise<void> {
  try {
    await writeSessionFile(ctx, known);
  } catch (e) {
    ctx.warn(`SESSION.md was not updated: ${withHint(e)}`);
  }
}
