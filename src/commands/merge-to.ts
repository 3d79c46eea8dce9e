// `git session end --merge-to BRANCH` (seed 001): end the session with a commit that carries the
// end, switch to BRANCH and merge the session's branch with `git merge --no-ff`. Everything that
// can refuse is checked before anything changes; a merge that stops on conflicts leaves git's usual
// state, as a `git merge` typed by hand would.

import type { Context } from '../app/context.js';
import { checkMergeTo, mergeInto } from '../app/merge-to.js';
import { targetSession } from '../app/sessions.js';
import { safeLine } from '../render/term.js';
import { type EndOptions, end } from './lifecycle.js';
import type { Io, Output } from './output.js';

export async function endAndMerge(ctx: Context, io: Io, o: Omit<EndOptions, 'commit'>, into: string): Promise<Output> {
  const target = targetSession(ctx, o.session);
  checkMergeTo(ctx, target, into);
  const branch = target.state.branch;
  const ended = await end(ctx, io, { ...o, commit: true });
  const { transition, merged } = await mergeInto(ctx, branch, into);
  const { left, entered } = transition;
  const notes = [
    ...(ended.notes ?? []),
    `Switched to '${into}'${entered ? ` (session '${entered.state.name}')` : ''}.`,
  ];
  if (left) notes.push(`Paused '${left.state.name}'.`);
  const base = (ended.json ?? {}) as Record<string, unknown>;
  if (!merged.ok) {
    const files = merged.conflicts;
    notes.push(
      files.length > 0
        ? `git-session: merging '${branch}' into '${into}' stopped on conflicts in ${files.slice(0, 5).map(safeLine).join(', ')}${files.length > 5 ? ', …' : ''} — resolve them, git add and git commit (or git merge --abort); the session is ended either way`
        : `git-session: git merge --no-ff ${branch} failed: ${safeLine(merged.message)} — the session is ended; merge by hand`,
    );
    return {
      json: {
        ...base,
        merge: { into, status: files.length > 0 ? 'conflict' : 'failed', conflicts: files, commit: null },
      },
      text: ended.text,
      notes,
      exitCode: 1,
    };
  }
  const sha = merged.commit;
  notes.push(`Merged '${branch}' into '${into}' (${sha.slice(0, 7)}, --no-ff).`);
  return { json: { ...base, merge: { into, status: 'merged', conflicts: [], commit: sha } }, text: ended.text, notes };
}
