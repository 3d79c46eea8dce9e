// pause / resume / switch / end / reopen: a session's lifecycle from the command line.

import type { Context } from '../app/context.js';
import type { NewSession } from '../app/create.js';
import { writeHandoff } from '../app/handoff.js';
import {
  endSession,
  openSessionOn,
  pauseByHand,
  reopenSession,
  requireSessionBranch,
  resumeOn,
  switchToNew,
} from '../app/lifecycle.js';
import { unpublished } from '../app/published.js';
import { commitEnd } from '../app/session-commit.js';
import {
  activeElsewhereNote,
  currentSession,
  type Loaded,
  loadAllSessions,
  loadSession,
  resolveSession,
  targetSession,
} from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { activeMs, isOpen, lastActive } from '../core/fold.js';
import { describeLines } from '../core/plan-file.js';
import { checkText } from '../core/text.js';
import { usageError, userError } from '../model/errors.js';
import { shortBrief } from '../render/session-text.js';
import { safeLine } from '../render/term.js';
import { duration } from '../render/time.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

export async function pause(ctx: Context, _io: Io, o: { note?: string; session?: string }): Promise<Output> {
  if (o.note !== undefined) checkText('note', o.note);
  const target = targetSession(ctx, o.session);
  const name = safeLine(target.state.name);
  const { loaded, result } = await pauseByHand(ctx, target, o.note);
  if (result === 'already') return { json: viewOf(ctx, loaded), text: `'${name}' is already paused.` };
  if (result === 'noted')
    return { json: viewOf(ctx, loaded), text: `'${name}' was already paused; noted where it stopped.` };
  return {
    json: viewOf(ctx, loaded),
    text: `Paused '${name}' after ${duration(activeMs(loaded.state, ctx.now()))} active. Resume with: git session resume ${name}`,
  };
}

/** Bring a session back: check out its branch, mark it active, print where it stands. */
async function resumeLoaded(ctx: Context, io: Io, target: Loaded): Promise<Output> {
  // Someone works on it elsewhere: said once, and the resume goes on (two may work together).
  const elsewhere = activeElsewhereNote(ctx, target);
  const { left, entered } = await resumeOn(ctx, target);
  const view = viewOf(ctx, entered ?? target);
  const notes = left ? [`Paused '${left.state.name}' (${left.state.branch}).`] : [];
  // A child spawned --after others: resumed as asked, with what it was to wait for.
  const waiting = view.spawn?.waitingFor ?? [];
  if (waiting.length > 0)
    notes.push(
      `'${safeLine(view.name)}' was spawned to start once ${waiting.map(safeLine).join(', ')} ended; still open.`,
    );
  if (elsewhere) notes.push(elsewhere);
  return { json: view, text: shortBrief(view, io.style, 'Resumed'), notes };
}

export async function resume(ctx: Context, io: Io, ref: string | undefined): Promise<Output> {
  if (ref !== undefined) return resumeLoaded(ctx, io, resolveSession(ctx, ref));
  const { branch, loaded } = currentSession(ctx);
  if (loaded && isOpen(loaded.state)) return resumeLoaded(ctx, io, loaded);
  // The most recently touched open session elsewhere (an "active" one whose branch was left
  // without the hooks installed counts too: it is not active anywhere).
  const now = ctx.now();
  const candidates = loadAllSessions(ctx)
    .filter((l) => isOpen(l.state) && l.state.branch && l.state.branch !== branch)
    .sort((a, b) => (lastActive(a.state, now) < lastActive(b.state, now) ? 1 : -1));
  if (candidates[0]) return resumeLoaded(ctx, io, candidates[0]);
  throw userError('nothing-to-resume', 'there is no open session to resume', 'list sessions: git session list --all');
}

/** Leave the current session for `branch`: resume its session, or start one there. */
export async function switchTo(ctx: Context, io: Io, input: NewSession): Promise<Output> {
  const open = openSessionOn(ctx, input.branch);
  if (open) {
    if (
      input.objectives.length > 0 ||
      input.title !== undefined ||
      input.name !== undefined ||
      input.tasks.length > 0 ||
      input.from !== undefined
    )
      throw usageError(
        `branch '${input.branch}' already has session '${open.state.name}'; options for a new session do not apply`,
        `git session switch ${input.branch}`,
      );
    return resumeLoaded(ctx, io, open);
  }
  const { made, left, from, created } = await switchToNew(ctx, input);
  const view = viewOf(ctx, made);
  const notes = [
    `Started session '${made.state.name}' on ${input.branch}${created ? ` (new branch from ${input.from ?? from ?? 'HEAD'})` : ''}.`,
  ];
  if (left) notes.unshift(`Paused '${left.state.name}' (${left.state.branch}).`);
  return { json: view, text: shortBrief(view, io.style, 'Started'), notes };
}

export interface EndOptions {
  summary?: string;
  abandon: boolean;
  reason?: string;
  session?: string;
  /** Also make a commit (empty if nothing is staged) that carries the end into the history. */
  commit: boolean;
  /** Also write the handoff document (handoff.path) and print it. */
  handoff: boolean;
}

export async function end(ctx: Context, _io: Io, o: EndOptions): Promise<Output> {
  if (o.abandon && o.reason === undefined)
    throw usageError('--abandon needs --reason', 'git session end --abandon --reason "requirements changed"');
  if (!o.abandon && o.reason !== undefined)
    throw usageError('--reason goes with --abandon', 'git session end --abandon --reason "…"');
  if (o.abandon && o.summary !== undefined)
    throw usageError('--summary is for completing; use --reason with --abandon');
  if (o.summary !== undefined) checkText('summary', o.summary);
  if (o.reason !== undefined) checkText('reason', o.reason);
  const target = targetSession(ctx, o.session);
  if (o.commit)
    requireSessionBranch(ctx, target, `--commit needs the session's branch '${target.state.branch}' checked out`);
  if (!isOpen(target.state)) return publishEnded(ctx, target, o);
  let loaded = await endSession(
    ctx,
    target,
    o.abandon ? { abandon: true, reason: o.reason! } : { abandon: false, summary: o.summary },
  );
  const notes: string[] = [];
  if (o.commit) {
    const sha = await commitEnd(ctx, loaded);
    loaded = loadSession(ctx, loaded.state.id) ?? loaded;
    notes.push(`Committed ${sha.slice(0, 7)}: the end is in the history now.`);
  } else {
    notes.push(await unpublishedNote(ctx, loaded, o.session !== undefined));
  }
  const s = loaded.state;
  const done = s.objectives.filter((x) => x.status === 'done').length;
  const verb = o.abandon ? 'Abandoned' : 'Completed';
  const facts = `${done}/${plural(s.objectives.length, 'objective')} done, ${plural(s.decisions.length, 'decision')}, ${plural(s.commits.length, 'commit')}, active ${duration(activeMs(s, ctx.now()))}`;
  const summary = `${verb} '${safeLine(s.name)}' (${facts}).`;
  // handoff.on_end (seed 001's session.handoff_on_end) makes every end write the handoff.
  if (o.handoff || (await ctx.config()).handoff.on_end) {
    const written = await writeHandoff(ctx, loaded, undefined);
    notes.push(summary, `Wrote the handoff to ${safeLine(written.path)}.`);
    return {
      json: { ...viewOf(ctx, loadSession(ctx, s.id) ?? loaded), handoff: written.path },
      text: written.markdown.trimEnd(),
      notes,
    };
  }
  return { json: viewOf(ctx, loaded), text: summary, notes };
}

/**
 * An ended session's branch no longer carries it in commits: say in one line what its history does
 * not hold yet, and how to put it there.
 */
async function unpublishedNote(ctx: Context, loaded: Loaded, named: boolean): Promise<string> {
  const s = loaded.state;
  const left = await unpublished(ctx, loaded);
  const branch = left.branch ?? s.branch;
  const how = `git session end --commit${named ? ` --session ${safeLine(s.name)}` : ''}`;
  if (left.lines.length === 0) return `Commits on ${safeLine(branch)} no longer carry this session.`;
  return `Not in any commit on ${safeLine(branch)} yet: ${describeLines(left.lines)}; commits there no longer carry this session. Put it in the history with: ${how}`;
}

/**
 * `end --commit` for a session that has ended already: the commit that carries what its branch's
 * history lacks (the end above all). Anything else on an ended session is the usual error.
 */
async function publishEnded(ctx: Context, target: Loaded, o: EndOptions): Promise<Output> {
  const s = target.state;
  const pending = o.commit && !o.abandon && o.summary === undefined ? await unpublished(ctx, target) : null;
  if (!pending || pending.lines.length === 0)
    throw userError(
      'not-open',
      `session '${s.name}' is already ${s.status}${pending ? ' and its history holds all of it' : ''}`,
      `reopen it: git session reopen ${s.name}`,
    );
  const sha = await commitEnd(ctx, target);
  const loaded = loadSession(ctx, s.id) ?? target;
  return {
    json: viewOf(ctx, loaded),
    text: `Committed ${sha.slice(0, 7)}: ${describeLines(pending.lines)} of '${safeLine(s.name)}' in the history now.`,
  };
}

export async function reopen(ctx: Context, io: Io, ref: string): Promise<Output> {
  const loaded = await reopenSession(ctx, resolveSession(ctx, ref));
  const view = viewOf(ctx, loaded);
  const hint = loaded.state.status === 'paused' ? `\nResume it: git session resume ${safeLine(loaded.state.name)}` : '';
  return { json: view, text: `${shortBrief(view, io.style, 'Reopened')}${hint}` };
}
