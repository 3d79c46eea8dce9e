// `git-session hook <name>`: the work a sh hook hands to Node — `pre-push`, when a push has session
// refs to carry (app/sync/pre-push.ts); `post-checkout`, when a checkout
// changes which session a worktree is in and the sh runtime cannot make the switch alone (no
// precomputed `switch` file, a stale marker); `switched`, run in the background after a switch the
// sh runtime made, for what only the CLI writes (SESSION.md); and `plan`, when a commit finds the
// trailer plan of its branch's session marked stale (a command was killed between its journal
// append and the plan rewrite). Fails open: the caller (cli.ts) turns any error into one warning
// line and exit 0.

import type { Context } from '../app/context.js';
import { checkedOutSessionId, enterCheckedOut } from '../app/lifecycle.js';
import { refreshPlan } from '../app/mutate.js';
import { afterSwitch } from '../app/switch-state.js';
import { HOOK_COMMANDS } from '../model/hook-contract.js';
import { shortBrief } from '../render/session-text.js';
import { endedLine, pausedLine } from '../render/switch-state.js';
import { colorWanted, makeStyle, safeLine } from '../render/term.js';
import { sessionView } from '../render/views.js';
import type { Io, Output } from './output.js';

export async function hook(ctx: Context, io: Io, name: string | undefined): Promise<Output> {
  if (name === HOOK_COMMANDS.plan) {
    const id = checkedOutSessionId(ctx);
    if (id) await refreshPlan(ctx, id);
    return { json: null, text: '' };
  }
  if (name === HOOK_COMMANDS.prePush) {
    const { prePush } = await import('../app/sync/pre-push.js');
    const pushed = await prePush(ctx);
    return { json: null, text: '', notes: pushed?.warning ? [`git-session: ${safeLine(pushed.warning)}`] : [] };
  }
  if (name === HOOK_COMMANDS.switched) {
    await afterSwitch(ctx);
    return { json: null, text: '' };
  }
  if (name !== HOOK_COMMANDS.postCheckout) return { json: null, text: '' };
  // A fetch may have brought what this switch should show (docs/sync.md).
  const { mergeIfArrived } = await import('../app/sync/stamp.js');
  await mergeIfArrived(ctx);
  const { branch, left, entered } = await enterCheckedOut(ctx);
  const st = makeStyle(colorWanted(ctx.env, () => io.stderrIsTTY?.() === true));
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
