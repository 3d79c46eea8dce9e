// Files kept in step with the sessions: the living SESSION.md (when enabled) for the checked-out
// branch, and the tracked decision log. Called after every change and every branch switch.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isOpen } from '../core/fold.js';
import { commitInfo } from '../git/commits.js';
import { currentBranch } from '../git/repo.js';
import { run } from '../git/run.js';
import { GitSessionError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import { renderDecisionEntry, renderDecisionLogHeader } from '../render/decision-log.js';
import { renderSessionFile } from '../render/session-file.js';
import { writeFileAtomic } from '../store/atomic.js';
import { appendGeneratedFile, replaceGeneratedFile } from '../worktree/file.js';
import { type Context, SESSION_DIR } from './context.js';
import { type Loaded, loadAllSessions, loadSession } from './sessions.js';

const EXCLUDE_MARK = '# git-session: the living session file';

/**
 * Keep SESSION.md out of `git status` without touching any tracked file: one line in
 * `.git/info/exclude` under our marker, for the path as it is now (an earlier path's line goes),
 * anchored, and with glob characters escaped so that it matches that one file only.
 */
function excludeLocally(ctx: Context, absolute: string): void {
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
  const kept = lines.filter((l, i) => l !== EXCLUDE_MARK && lines[i - 1] !== EXCLUDE_MARK);
  const want = [...kept.filter((l, i) => l !== '' || i < kept.length - 1), EXCLUDE_MARK, line, ''].join('\n');
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
    phases: await phasesForSessionFile(ctx, config.phases.path),
  });
  // Only a new file or git-session's own is replaced; the exclude line follows once that is known.
  replaceGeneratedFile(ctx, { rel: config.session_file.path, what: 'session_file.path' }, 'session-file', text, (abs) =>
    excludeLocally(ctx, abs),
  );
}

/** The phase plan for SESSION.md; a plan that cannot be read is left out (phase commands say why). */
async function phasesForSessionFile(ctx: Context, path: string) {
  const { phasePlanIfAny } = await import('./phases.js');
  const plan = await phasePlanIfAny(ctx);
  return plan ? { plan, path } : null;
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
  try {
    const { adrsAfterChange } = await import('./adr.js');
    await adrsAfterChange(ctx, loaded, appended);
  } catch (e) {
    ctx.warn(`the ADR file was not written: ${withHint(e)}`);
  }
  const branch = currentBranch(ctx.repo);
  if (branch && loaded.state.branch === branch) await refreshSessionFile(ctx, loaded);
}

/** SESSION.md after a change or a switch; a failure to write it only warns. */
export async function refreshSessionFile(ctx: Context, known?: Loaded): Promise<void> {
  try {
    await writeSessionFile(ctx, known);
  } catch (e) {
    ctx.warn(`SESSION.md was not updated: ${withHint(e)}`);
  }
}
