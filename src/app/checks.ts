// Running checks — of a session's acceptance criteria (`verify`) or of a phase (`phase complete`) —
// in the repository root, one after the other, never from a hook. What runs is said before it runs;
// a check this clone has not approved (it came with a commit, a fetched ref or the tracked plan
// file, not typed here) runs only with `--approve` (store/approved-checks.ts).

import { GitSessionError, userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import { safeLine } from '../render/term.js';
import { approveChecks, unapprovedChecks } from '../store/approved-checks.js';
import { type CheckOutcome, runCheck } from '../worktree/run-check.js';
import type { Context } from './context.js';
import { headCommit } from './git-state.js';

/** How much of a check's output is kept: in memory while it runs, and in the journal. */
export const OUTPUT_TAIL_BYTES = 4096;
/** Lines of that tail a failing check shows. */
export const SHOWN_TAIL_LINES = 20;

export interface CheckToRun {
  /** What the check belongs to (a criterion id, `phase 3`), for messages. */
  key: string;
  check: string;
}

export interface RanCheck extends CheckToRun, CheckOutcome {
  passed: boolean;
  /** When it started (ISO). */
  at: string;
  /** HEAD when it ran. */
  commit: string | null;
}

export interface RunOptions {
  /** Run checks this clone has not approved too, approving them. */
  approve: boolean;
  timeoutMs: number;
  /** Each line about what runs and how it went, as it happens (stderr). */
  say: (line: string) => void;
  /** Every chunk of output as it comes (`--verbose`). */
  onOutput?: (chunk: Buffer) => void;
  /** The command to suggest for approving (`git session verify --approve`). */
  approveWith: string;
}

/** Typed here: approved by typing it. */
export function approveTyped(ctx: Context, checks: readonly string[]): void {
  if (checks.length === 0) return;
  ctx.store.lock(() => approveChecks(ctx.store.paths, checks));
}

/** A check is a line (or a few) of shell: text under the usual limits, and never a NUL. */
export function checkCheck(label: string, check: string): void {
  if (check.includes('\0')) throw userError('bad-text', `${label} holds a NUL character`, 'give it as shell text');
  if (check.trim() === '')
    throw userError('empty-text', `${label} is empty`, 'give the command, e.g. --check "npm test"');
}

/**
 * Refuse before anything runs when a check is not approved here (nothing is run or recorded);
 * with `approve`, say what is approved and remember it.
 */
function requireApproved(ctx: Context, checks: readonly CheckToRun[], o: RunOptions): void {
  const unapproved = unapprovedChecks(
    ctx.store.paths,
    checks.map((c) => c.check),
  );
  if (unapproved.length === 0) return;
  const shown = unapproved.map((c) => JSON.stringify(clip(c, 200))).join('; ');
  if (!o.approve)
    throw userError(
      'unapproved-check',
      `${unapproved.length === 1 ? 'a check this clone has not run before (it came' : `${unapproved.length} checks this clone has not run before (they came`} with the repository, not typed here): ${shown}`,
      `read ${unapproved.length === 1 ? 'it' : 'them'}; to run ${unapproved.length === 1 ? 'it' : 'them'} with your rights: ${o.approveWith}`,
    );
  for (const c of unapproved) o.say(`Approved on this clone: ${JSON.stringify(clip(c, 200))}`);
  approveTyped(ctx, unapproved);
}

/** How a run ended, in a few words. */
export function outcomeWords(r: CheckOutcome): string {
  if (r.timedOut) return `timed out, stopped${r.signal ? ` (${r.signal})` : ''}`;
  if (r.exitCode !== null) return `exit ${r.exitCode}`;
  return `killed by ${r.signal ?? 'a signal'}`;
}

/** The last lines of a tail, for a failing check. */
export function lastLines(tail: string, n = SHOWN_TAIL_LINES): string[] {
  const lines = tail.replace(/\n$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - n));
}

/**
 * Run every check in the repository root, in order; each says what it runs before it runs. An
 * interruption (Ctrl-C) stops the check and the rest, and nothing is recorded.
 */
export async function runChecks(ctx: Context, checks: readonly CheckToRun[], o: RunOptions): Promise<RanCheck[]> {
  requireApproved(ctx, checks, o);
  const commit = headCommit(ctx);
  const env = { ...process.env, ...ctx.env };
  const out: RanCheck[] = [];
  for (const c of checks) {
    o.say(`Running ${c.key}: ${safeLine(clip(c.check, 200))}`);
    const at = ctx.now();
    let r: CheckOutcome;
    try {
      r = await runCheck(c.check, {
        cwd: ctx.repo.top,
        env,
        timeoutMs: o.timeoutMs,
        tailBytes: OUTPUT_TAIL_BYTES,
        onOutput: o.onOutput,
        now: () => performance.now(),
      });
    } catch (e) {
      throw new GitSessionError(
        'user',
        `${c.key}: the check could not start: ${(e as Error).message}`,
        'is /bin/sh there?',
        'check-failed-to-start',
      );
    }
    if (r.interrupted)
      throw userError(
        'interrupted',
        `stopped while ${c.key} ran; nothing was recorded`,
        'run it again when you are ready',
      );
    out.push({ ...c, ...r, passed: r.exitCode === 0 && !r.timedOut, at, commit });
  }
  return out;
}
