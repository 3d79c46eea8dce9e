// Precomputing what a branch switch needs (the `switch` file, docs/storage.md): written with the
// other derived files whenever a session changes, so that post-checkout pauses, resumes and prints
// the brief without starting Node. Caller holds the store lock.

import { currentBranch } from '../git/repo.js';
import { HOOK_EVENT_ID, SWITCH_FILE_HEADER, SWITCH_SEEN } from '../model/hook-contract.js';
import { renderSwitchState } from '../render/switch-state.js';
import type { Context } from './context.js';
import { type Loaded, loadSession } from './sessions.js';

/** The latest switch events of the journal (post-checkout's), newest last. */
function seenSwitches(loaded: Loaded): string[] {
  const ids: string[] = [];
  for (let i = loaded.local.length - 1; i >= 0 && ids.length < SWITCH_SEEN; i--) {
    const id = loaded.local[i]!.id;
    if (id.startsWith(HOOK_EVENT_ID.switch)) ids.unshift(id);
  }
  return ids;
}

/**
 * Write session `loaded`'s `switch` file. The hooks write the status they leave to `switched`,
 * naming the token of the `switch` file they read; a new token voids what they wrote, so the file
 * gets one only when what it says includes it:
 *
 * - loaded with its journal's size (`journalBytes`, what a change reads after its append): a new
 *   token; if a hook appended to the journal after that read, the session is read again and
 *   written again. A hook that read the old file and wrote after the rename writes its state
 *   again under the new token, unless the new file lists its event (`seen`): so nothing a hook did
 *   is lost, and nothing is applied over a change the CLI made after it.
 * - otherwise (doctor, rebuild: no event of theirs) the token stays, and so does what the hooks wrote.
 */
export function writeSwitchState(ctx: Context, loaded: Loaded): void {
  const id = loaded.state.id;
  let current = loaded;
  for (let round = 0; ; round++) {
    const bytes = current.journalBytes;
    const kept = bytes === undefined ? keptToken(ctx, id) : null;
    const token = kept ?? Buffer.from(ctx.random(6)).toString('hex');
    const text = renderSwitchState(current.state, { token, now: ctx.now(), seen: seenSwitches(current) });
    ctx.store.writeSwitchState(id, text);
    if (bytes === undefined || round >= 3 || ctx.store.journalBytes(id) === bytes) return;
    const again = loadSession(ctx, id);
    if (!again) return;
    current = again;
  }
}

/** The token of the session's `switch` file, when there is a valid one. */
function keptToken(ctx: Context, id: string): string | null {
  const header = ctx.store.switchHeader(id);
  const prefix = `${SWITCH_FILE_HEADER} ${id} `;
  if (!header?.startsWith(prefix)) return null;
  const token = header.slice(prefix.length);
  return /^[0-9a-f]{12}$/.test(token) ? token : null;
}

/**
 * The `switch` files of the sessions a switch was between, where there is none (a store of an
 * older version) or the derived files are stale (a command was stopped half-way): what the switch
 * did not write itself.
 */
export async function writeMissingSwitchStates(ctx: Context, ids: (string | null)[]): Promise<void> {
  const wanted = ids.filter((id): id is string => id !== null && ctx.store.sessionDirExists(id));
  const { refreshPlan } = await import('./mutate.js');
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
export async function afterSwitch(ctx: Context): Promise<void> {
  const { refreshSessionFile } = await import('./living-files.js');
  for (let round = 0; round < 5; round++) {
    const branch = currentBranch(ctx.repo);
    await refreshSessionFile(ctx);
    if (currentBranch(ctx.repo) === branch) return;
  }
}
