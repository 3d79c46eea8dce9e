import type { Context } from '../app/context.js';
import { type Unpublished, unpublished } from '../app/published.js';
import { currentSession, type Loaded, resolveSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { isOpen } from '../core/fold.js';
import { describeLines } from '../core/plan-file.js';
import { headSha } from '../git/git.js';
import { type InProgress, inProgress } from '../git/state.js';
import { sessionText } from '../render/session-text.js';
import { type Style, safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export interface StatusOptions {
  objectives: boolean;
  verbose: boolean;
  session?: string;
}

const HOW_TO_GO_ON: Record<InProgress['operation'], string> = {
  rebase: 'git rebase --continue, or git rebase --abort',
  merge: 'git commit once the conflicts are resolved, or git merge --abort',
  'cherry-pick': 'git cherry-pick --continue, or git cherry-pick --abort',
  revert: 'git revert --continue, or git revert --abort',
  bisect: 'git bisect good|bad, or git bisect reset',
  am: 'git am --continue, or git am --abort',
};

/** One sentence on what git is in the middle of, and how to get out of it. */
export function inProgressLine(op: InProgress): string {
  const on = op.branch === null ? 'on a detached HEAD' : `on '${safeLine(op.branch)}'`;
  return `${op.operation[0]!.toUpperCase()}${op.operation.slice(1)} in progress ${on} (${HOW_TO_GO_ON[op.operation]}).`;
}

/** The session of the checked-out branch (or --session): where it stands. */
export async function status(ctx: Context, io: Io, o: StatusOptions): Promise<Output> {
  let loaded = o.session !== undefined ? resolveSession(ctx, o.session) : null;
  let branch: string | null = null;
  if (!loaded) {
    const cur = currentSession(ctx);
    loaded = cur.loaded;
    branch = cur.branch;
  }
  const op = inProgress(ctx.repo);
  const opLine = op ? [inProgressLine(op)] : [];
  if (!loaded) {
    if (branch === null) {
      const sha = headSha(ctx.repo)?.slice(0, 7);
      const text = [
        ...opLine,
        `HEAD is detached${sha ? ` at ${sha}` : ''}: no branch is checked out, so no session is current (sessions follow branches). Switch to a branch (git switch <branch>), or look at a session with git session show <session>.`,
      ].join('\n');
      return { json: null, text };
    }
    return {
      json: null,
      text: [
        ...opLine,
        `No session on branch '${safeLine(branch)}'. Start one: git session start ${safeLine(branch)} -o "…"`,
      ].join('\n'),
    };
  }
  const view = viewOf(ctx, loaded);
  const pending = await unpublished(ctx, loaded);
  const body = sessionText(view, io.style, { now: ctx.now(), objectivesOnly: o.objectives, full: o.verbose });
  const note = o.objectives ? [] : unpublishedText(loaded, pending, io.style, o.verbose);
  return {
    json: { ...view, inProgress: op, unpublished: pending.lines },
    text: [...opLine.map((l) => io.style.yellow(l)), body, ...(note.length > 0 ? ['', ...note] : [])].join('\n'),
  };
}

/**
 * What is recorded here but in no commit on the branch yet (before the next commit, or after a
 * reset, a dropped rebase pick, an amend or a --no-verify commit took it out of the history).
 */
function unpublishedText(loaded: Loaded, pending: Unpublished, st: Style, verbose: boolean): string[] {
  if (pending.lines.length === 0) return [];
  const where = pending.branch ? ` on ${safeLine(pending.branch)}` : '';
  const how = isOpen(loaded.state)
    ? 'the next commit on the branch carries it'
    : `commits no longer carry this session; put it in the history with: git session end --commit --session ${safeLine(loaded.state.name)}`;
  const lines = [st.yellow(`Not in any commit${where} yet: ${describeLines(pending.lines)}`) + st.dim(` — ${how}`)];
  if (verbose) for (const l of pending.lines) lines.push(`  ${safeLine(l)}`);
  return lines;
}
