// A commit git-session makes itself (end --commit, checkpoints): the message gets the session's
// pending trailers the way the hooks would add them — git's interpret-trailers with explicit
// placement — and the commit is recorded here, so it works whether or not the hooks are installed.

import { committerTime, withTrailers } from '../git/commits.js';
import { headSha } from '../git/repo.js';
import { run } from '../git/run.js';
import { commitMessage } from '../git/write.js';
import { safeBlock } from '../render/term.js';
import type { Context } from './context.js';
import { mutate } from './mutate.js';
import { fullPlan, heldBase } from './published.js';
import type { Loaded } from './sessions.js';

export interface CommitOptions {
  /** Commit even with nothing staged. */
  allowEmpty: boolean;
  /** Stage every tracked change first (git commit --all). */
  all: boolean;
}

/**
 * The message with the session's trailers placed by git: every planned line the branch's history
 * does not hold yet (items whose commits left the branch included), and the lines a rewrite
 * dropped. `base` is what the history held, `mark` the highest seq the commit carries.
 */
export async function withSessionTrailers(
  ctx: Context,
  loaded: Loaded,
  message: string,
): Promise<{ text: string; mark: number; base: number }> {
  const config = await ctx.config();
  const base = heldBase(ctx, loaded, run(ctx.repo, headSha));
  const plan = fullPlan(loaded, config.trailers).filter(
    (p) => p.seq === 'always' || (typeof p.seq === 'number' && p.seq > base),
  );
  const mark = plan.reduce((m, p) => (typeof p.seq === 'number' && p.seq > m ? p.seq : m), base);
  const lines = plan.map((p) => p.line);
  const sessionLine = lines.findIndex((l) => l.startsWith('Session: '));
  if (sessionLine >= 0) {
    const carry = ctx.store.carryLines(loaded.state.id).filter((l) => !lines.includes(l));
    lines.splice(sessionLine + 1, 0, ...carry);
  }
  if (lines.length === 0) return { text: message, mark, base };
  return { text: run(ctx.repo, withTrailers(message, lines)), mark, base };
}

export async function sessionCommit(ctx: Context, loaded: Loaded, message: string, o: CommitOptions): Promise<string> {
  const { text, mark, base } = await withSessionTrailers(ctx, loaded, message);
  // Our own hooks stand aside (the trailers are in the message already); the user's still run.
  run(ctx.repo, commitMessage(text, o));
  const sha = run(ctx.repo, headSha) ?? '';
  const at = run(ctx.repo, committerTime('HEAD'));
  await mutate(ctx, loaded.state.id, () => ({ events: [], result: null }), {
    extra: [
      {
        v: 1,
        id: `commit:${loaded.state.id}:${sha}`,
        at: new Date(at).toISOString(),
        author: ctx.author(),
        session: loaded.state.id,
        type: 'commit.recorded',
        sha,
        mark,
        base,
      },
    ],
  });
  ctx.store.clearCarry(loaded.state.id);
  return sha;
}

/** The commit that carries a session's end (and whatever else its branch's history lacks). */
export function commitEnd(ctx: Context, loaded: Loaded): Promise<string> {
  const s = loaded.state;
  const abandoned = s.status === 'abandoned';
  // The text is quoted (and escaped) in the body: a last paragraph of `Key: value` lines would
  // otherwise join the trailer block below it, and a summary could forge our trailers. The exact
  // text travels in the Session-Info trailer.
  const quoted = (t: string) => `> ${safeBlock(t, '> ')}`;
  const body = abandoned
    ? `Abandoned, because:\n${quoted(s.endReason ?? '')}`
    : s.summary !== null
      ? `What was done:\n${quoted(s.summary)}`
      : '';
  return sessionCommit(
    ctx,
    loaded,
    `chore(session): ${abandoned ? 'abandon' : 'end'} ${s.name}${body ? `\n\n${body}` : ''}`,
    { allowEmpty: true, all: false },
  );
}
