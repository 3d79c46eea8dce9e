// Texts that reach git before any event is appended (a new session's branch, a checkpoint's
// commit message) are checked here, with the same rules and allow list as every change
// (app/mutate.ts, core/secret-check.ts).

import { findSecret, type LabelledText, secretRefusal } from '../core/secret-check.js';
import { userError } from '../model/errors.js';
import type { Context } from './context.js';
import { loadSecretAllow } from './secret-allow-chunk.js';

/** Throws the refusal when a text holds a secret; `what` completes "nothing was …". */
export async function refuseSecrets(ctx: Context, texts: readonly LabelledText[], what = 'recorded'): Promise<void> {
  let hit = findSecret(texts);
  if (!hit) return;
  const { secrets } = await ctx.config();
  if (secrets.allow.length > 0) {
    // RE2JS is loaded only now that a finding must be checked against the patterns.
    const { compileAllow } = await loadSecretAllow();
    hit = findSecret(texts, compileAllow(secrets.allow));
    if (!hit) return;
  }
  const refusal = secretRefusal(hit, what);
  throw userError(refusal.code, refusal.message, refusal.hint);
}
