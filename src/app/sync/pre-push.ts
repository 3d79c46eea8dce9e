// The pre-push hook's work (docs/sync.md, "Push with the code"): write this clone's journals into
// the session refs and push the refs that remote lacks, to the remote the user is pushing to,
// fast-forward only, within a time budget. A ref the remote has a newer version of is fetched,
// merged and pushed again once; what still does not go waits for the next push or `sync`. Whatever
// happens, the user's push is not affected: at most one warning line, never an error.

import { ENV } from '../../model/hook-contract.js';
import type { Context } from '../context.js';
import { ensureRefspecs, type Remote, remoteList, remoteNamespace } from './names.js';
import { localRound, localTips, noteSent, unpushed } from './round.js';
import { fetchSessions, type PushOutcome, pushSessions } from './transfer.js';

/** The whole hook's budget, from the start of the process. */
export const PRE_PUSH_BUDGET_MS = 3000;

/** When the process started (the budget counts Node's own start-up too). */
const processStart = () => Date.now() - performance.now();

export interface PrePushed {
  remote: string;
  sent: string[];
  /** The one line for the user, or null when all went. */
  warning: string | null;
}

export async function prePush(ctx: Context): Promise<PrePushed | null> {
  const deadline = processStart() + PRE_PUSH_BUDGET_MS;
  const remote = ctx.env[ENV.hookRemote] ?? '';
  const url = ctx.env[ENV.hookUrl] ?? '';
  if (url === '' || url === '.') return null;
  const config = await ctx.config();
  ctx.store.sync.setOff(!config.sync.push);
  if (!config.sync.push) return null;
  const named: Remote | undefined = remoteList(ctx).find((r) => r.name === remote);
  const namespace = await remoteNamespace(ctx);
  // A remote added after `git session init`: from now on a plain fetch brings its session refs too.
  if (named) ensureRefspecs(ctx, namespace, [named]);
  let round = localRound(ctx, config, { write: true });
  // Pushing to a URL: nothing says what it has, so every ref is offered (git says "up to date").
  const wanted = named ? unpushed(round.refs, named.name) : [...round.refs.local.keys()];
  if (wanted.length === 0) {
    if (named) ctx.store.sync.setPushed(named.name, round.version);
    return { remote, sent: [], warning: null };
  }
  const target = { name: named?.name ?? null, url };
  let out = await pushSessions(ctx, target, namespace, wanted, round.refs.local, deadline);
  if (out.behind.length > 0 && named && Date.now() < deadline) {
    // The remote moved: fetch those, merge, and push once more.
    const fetched = await fetchSessions(ctx, named.name, namespace, deadline - Date.now(), out.behind);
    if (fetched.ok) {
      round = localRound(ctx, config, { write: false });
      const again = await pushSessions(ctx, target, namespace, out.behind, round.refs.local, deadline);
      out = { ...again, sent: [...out.sent, ...again.sent], refused: [...out.refused, ...again.refused] };
    }
  }
  if (named) {
    noteSent(ctx, named.name, out.sent, round.refs.local);
    const left = unpushed(round.refs, named.name).filter((id) => !out.sent.includes(id));
    if (left.length === 0 && sameTips(localTips(ctx), round.refs.local))
      ctx.store.sync.setPushed(named.name, round.version);
  }
  return { remote, sent: out.sent, warning: warningOf(out, remote, namespace) };
}

function sameTips(a: ReadonlyMap<string, { commit: string }>, b: ReadonlyMap<string, { commit: string }>): boolean {
  return a.size === b.size && [...a].every(([id, r]) => b.get(id)?.commit === r.commit);
}

/** One line on what did not go, and what the user can do; null when everything went. */
export function warningOf(out: PushOutcome, remote: string, namespace: string): string | null {
  const n = (k: number) => `${k} session ref${k === 1 ? '' : 's'}`;
  if (out.refused.length > 0 && out.sent.length === 0) {
    const why = out.remoteSays || out.refused[0]!.why;
    const fallback =
      namespace === 'refs/sessions'
        ? "; if the host takes only branches, add 'sync: {refs: refs/heads/git-session}' to .session/config.yaml"
        : '';
    return `${remote} refused ${namespace}/* (${why}): sessions were not pushed${fallback}`;
  }
  if (out.timedOut)
    return `${n(out.failed.length + out.behind.length)} not pushed to ${remote} within ${PRE_PUSH_BUDGET_MS / 1000} s; they go with the next push or: git session sync`;
  if (out.behind.length > 0)
    return `${n(out.behind.length)} not pushed: ${remote} has newer versions; they go with the next push or: git session sync`;
  if (out.refused.length > 0) return `${remote} refused ${n(out.refused.length)} (${out.refused[0]!.why})`;
  if (out.failed.length > 0)
    return `${n(out.failed.length)} not pushed to ${remote}${out.message ? ` (${out.message})` : ''}; they go with the next push or: git session sync`;
  return null;
}
