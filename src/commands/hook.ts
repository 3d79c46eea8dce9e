// `git-session hook <name>`: the work a sh hook hands to Node — `post-checkout`, when a checkout
// changes which session a worktree is in and the sh runtime cannot make the switch alone (no
// precomputed `switch` file, a stale marker); `switched`, run in the background after a switch the
// sh runtime made, for what only the CLI writes (SESSION.md); and `plan`, when a commit finds the
// trailer plan of its branch's session marked stale (a command was killed between its journal
// append and the plan rewrite). Fails open: the caller (cli.ts) turns any error into one warning
// line and exit 0.

import type { Context } from '../app/context.js';
import { enter } from '../app/lifecycle.js';
import { refreshPlan } from '../app/mutate.js';
import { loadSession } from '../app/sessions.js';
import { writeSwitchState } from '../app/switch-state.js';
import { currentBranch } from '../git/git.js';
import { HOOK_COMMANDS } from '../model/hook-contract.js';
import { shortBrief } from '../render/session-text.js';
import { endedLine, pausedLine } from '../render/switch-state.js';
import { colorWanted, makeStyle } from '../render/term.js';
import { sessionView } from '../render/views.js';
import type { Io, Output } from './output.js';

export async function hook(ctx: Context, _io: Io, name: string | undefined): Promise<Output> {
  if (name === HOOK_COMMANDS.plan) {
    const branch = currentBranch(ctx.repo);
    const id = branch ? ctx.store.branchSession(branch) : null;
    if (id) await refreshPlan(ctx, id);
    return { json: null, text: '' };
  }
  if (name === HOOK_COMMANDS.switched) {
    await afterSwitch(ctx);
    return { json: null, text: '' };
  }
  if (name !== HOOK_COMMANDS.postCheckout) return { json: null, text: '' };
  const branch = currentBranch(ctx.repo);
  const enteredId = branch ? ctx.store.branchSession(branch) : null;
  const leftId = ctx.store.current(ctx.repo.gitDir);
  const { left, entered } = await enter(ctx, enteredId, branch ? `switched to ${branch}` : 'detached HEAD');
  // The next switch between these sessions is made by the sh runtime: what it reads is written now.
  await writeMissingSwitchStates(ctx, [leftId, enteredId]);
  const st = makeStyle(colorWanted(ctx.env, process.stderr.isTTY === true));
  const notes: string[] = [];
  if (left) notes.push(pausedLine(left.state.name, st));
  if (entered) {
    const s = entered.state;
    if (s.status === 'completed' || s.status === 'abandoned') notes.push(endedLine(s, branch ?? ''));
    // The brief shows no commits: no need to ask git about them on every branch switch.
    else notes.push(shortBrief(sessionView(s, new Map(), ctx.now()), st, 'Resumed'));
  }
  return { json: null, text: '', notes };
}

/**
 * The `switch` files of the sessions a switch was between, where there is none (a store of an
 * older version) or the derived files are stale (a command was stopped half-way): what the switch
 * did not write itself.
 */
async function writeMissingSwitchStates(ctx: Context, ids: (string | null)[]): Promise<void> {
  const wanted = ids.filter((id): id is string => id !== null && ctx.store.sessionDirExists(id));
  for (const id of wanted) if (ctx.store.isStale(id)) await refreshPlan(ctx, id);
  if (wanted.every((id) => ctx.store.switchHeader(id) !== null)) return;
  ctx.store.lock(() => {
    for (const id of wanted) {
      if (ctx.store.switchHeader(id) !== null) continue;
      const loaded = loadSession(ctx, id);
      if (loaded) writeSwitchState(ctx, loaded);
    }
  });
}

/**
 * After a switch the sh runtime made: SESSION.md for the branch now checked out. Run in the
 * background, so a later switch's run may finish first: each run looks at the branch again after
 * writing, and writes again if it changed meanwhile, so the last one to finish leaves the file of
 * the branch checked out.
 */
async function afterSwitch(ctx: Context): Promise<void> {
  const { refreshSessionFile } = await import('../app/living-files.js');
  for (let round = 0; round < 5; round++) {
    const branch = currentBranch(ctx.repo);
    await refreshSessionFile(ctx);
    if (currentBranch(ctx.repo) === branch) return;
  }
}
