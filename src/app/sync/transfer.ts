// Moving session refs over the network (docs/sync.md): fetching a remote's into its tracking
// namespace, and pushing local ones to the namespace the configuration names — fast-forward only,
// with a time limit, never asking for a password, never running a pre-push hook.

import type { RefTree } from '../../git/parse.js';
import { run, runAsync } from '../../git/run.js';
import { fetchRefs, type Pushed, pushRefs, type Transfer, updateRefs } from '../../git/session-refs.js';
import type { Context } from '../context.js';
import { fetchRefspec, pushRefspec, trackingPrefix, trackingRef } from './names.js';

/** Fetch a remote's session refs (all, or only `sessions`) into its tracking namespace. */
export function fetchSessions(
  ctx: Context,
  remote: string,
  namespace: string,
  timeoutMs: number,
  sessions?: readonly string[],
): Promise<Transfer> {
  const refspecs = sessions
    ? sessions.map((id) => `+${namespace}/${id}:${trackingPrefix(remote)}/${id}`)
    : [fetchRefspec(namespace, remote)];
  return runAsync(ctx.repo, fetchRefs(remote, refspecs, timeoutMs));
}

/** What became of each session a push tried to carry. */
export interface PushOutcome {
  /** The remote has it as it is here now. */
  sent: string[];
  /** The remote has a version this clone has not merged (fetch, merge, push again). */
  behind: string[];
  /** The remote refused it (a hook, a host that takes only branches), with why. */
  refused: { session: string; why: string }[];
  /** Not pushed: the push failed or ran out of time (`message` says why). */
  failed: string[];
  timedOut: boolean;
  message: string;
  /** What the remote itself said, first line (a hook's words). */
  remoteSays: string;
}

/** At most this many refs per push: a command line stays far below the system's limit. */
const PER_PUSH = 500;

/**
 * Push the given sessions' local refs to `target` (a remote's name, or a URL) within `timeoutMs`.
 * For a named remote the tracking refs then say what it has. `tips`: the local refs, listed.
 */
export async function pushSessions(
  ctx: Context,
  target: { name: string | null; url: string },
  namespace: string,
  sessions: readonly string[],
  tips: ReadonlyMap<string, RefTree>,
  deadline: number,
): Promise<PushOutcome> {
  const out: PushOutcome = {
    sent: [],
    behind: [],
    refused: [],
    failed: [],
    timedOut: false,
    message: '',
    remoteSays: '',
  };
  const ids = sessions.filter((id) => tips.has(id));
  for (let i = 0; i < ids.length; i += PER_PUSH) {
    const chunk = ids.slice(i, i + PER_PUSH);
    const left = deadline - Date.now();
    if (left <= 0) {
      out.timedOut = true;
      out.failed.push(...ids.slice(i));
      break;
    }
    const pushed = await runAsync(
      ctx.repo,
      pushRefs(
        target.name ?? target.url,
        chunk.map((id) => pushRefspec(namespace, id)),
        left,
      ),
    );
    sort(out, chunk, pushed, namespace);
  }
  if (target.name !== null && out.sent.length > 0) {
    // What the remote now has: its tracking refs (a push by URL updates none of git's own).
    run(ctx.repo, updateRefs(out.sent.map((id) => ({ ref: trackingRef(target.name!, id), to: tips.get(id)!.commit }))));
  }
  return out;
}

/** Each session of one push put where its result says. */
function sort(out: PushOutcome, chunk: readonly string[], pushed: Pushed, namespace: string): void {
  if (pushed.timedOut) out.timedOut = true;
  if (!out.message && pushed.message) out.message = pushed.message;
  if (!out.remoteSays && pushed.remoteSays) out.remoteSays = pushed.remoteSays;
  const byRef = new Map(pushed.refs.map((r) => [r.ref, r]));
  for (const id of chunk) {
    const r = byRef.get(`${namespace}/${id}`);
    if (!r) out.failed.push(id);
    else if (r.flag !== '!') out.sent.push(id);
    else if (r.summary === '[rejected]' && /non-fast-forward|fetch first|stale info/.test(r.reason))
      out.behind.push(id);
    else out.refused.push({ session: id, why: r.reason || r.summary });
  }
}
