// A commit git-session makes itself (end --commit, checkpoints): the message gets the session's
// pending trailers the way the hooks would add them — git's interpret-trailers with explicit
// placement — and the commit is recorded here, so it works whether or not the hooks are installed.

import { gitError, userError } from '../errors.js';
import { firstGitMessage, headSha, runGit } from '../git/git.js';
import { INTERPRET_TRAILERS_ARGS } from '../model/hook-contract.js';
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
  const base = heldBase(ctx, loaded, headSha(ctx.repo));
  const plan = fullPlan(loaded, config.trailers).filter((p) => p.seq === 'always' || p.seq > base);
  const mark = plan.reduce((m, p) => (p.seq !== 'always' && p.seq > m ? p.seq : m), base);
  const lines = plan.map((p) => p.line);
  const sessionLine = lines.findIndex((l) => l.startsWith('Session: '));
  if (sessionLine >= 0) {
    const carry = ctx.store.carryLines(loaded.state.id).filter((l) => !lines.includes(l));
    lines.splice(sessionLine + 1, 0, ...carry);
  }
  if (lines.length === 0) return { text: message, mark, base };
  const args: string[] = [...INTERPRET_TRAILERS_ARGS];
  for (const l of lines) args.push('--trailer', l);
  const r = runGit(args, { cwd: ctx.repo.top, input: message.endsWith('\n') ? message : `${message}\n` });
  if (r.status !== 0) throw gitError(`could not add the session trailers: ${firstGitMessage(r.stderr)}`);
  return { text: r.stdout, mark, base };
}

export async function sessionCommit(ctx: Context, loaded: Loaded, message: string, o: CommitOptions): Promise<string> {
  const { text, mark, base } = await withSessionTrailers(ctx, loaded, message);
  const args = ['commit', '--quiet', '--cleanup=whitespace', '--file=-'];
  if (o.allowEmpty) args.push('--allow-empty');
  if (o.all) args.push('--all');
  // Our own hooks stand aside (the trailers are in the message already); the user's still run.
  const r = runGit(args, { cwd: ctx.repo.top, input: text, quietHooks: true });
  if (r.status !== 0) {
    const why = firstGitMessage(`${r.stderr}\n${r.stdout}`);
    if (/nothing (added )?to commit|no changes added/.test(`${r.stdout}${r.stderr}`))
      throw userError(
        'nothing-to-commit',
        'nothing is staged to commit',
        'stage changes with git add, or use --all or --allow-empty',
      );
    throw gitError(`git commit failed: ${why}`);
  }
  const sha = runGit(['rev-parse', 'HEAD'], { cwd: ctx.repo.top }).stdout.trim();
  const at = runGit(['log', '-1', '--format=%cI', 'HEAD'], { cwd: ctx.repo.top }).stdout.trim();
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
