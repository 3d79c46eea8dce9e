// `git session sync [REMOTE]`: fetch, merge and push the session refs, and say what moved.

import type { Context } from '../app/context.js';
import { loadAllSessions } from '../app/sessions.js';
import { type SyncReport, syncWith } from '../app/sync/sync.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export async function sync(ctx: Context, _io: Io, remote: string | undefined): Promise<Output> {
  const report = await syncWith(ctx, remote);
  const names = new Map(loadAllSessions(ctx).map((l) => [l.state.id, l.state.name]));
  const failed = report.remotes.some((r) => r.fetchError !== null || r.pushError !== null);
  return {
    json: { ...report, ok: !failed },
    text: syncText(report, (id) => names.get(id) ?? id.slice(0, 8)),
    exitCode: failed ? 1 : 0,
  };
}

/** What moved, a line per remote, then the sessions new here and what was not read. */
export function syncText(r: SyncReport, name: (id: string) => string): string {
  const list = (ids: readonly string[]) => {
    const shown = ids.slice(0, 5).map((id) => safeLine(name(id)));
    return `${shown.join(', ')}${ids.length > 5 ? `, and ${ids.length - 5} more` : ''}`;
  };
  const count = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  const lines: string[] = [];
  for (const remote of r.remotes) {
    const parts: string[] = [];
    if (remote.fetchError) parts.push(`fetch failed: ${safeLine(remote.fetchError)}`);
    else if (remote.received.length > 0)
      parts.push(`received ${count(remote.received.length)} (${list(remote.received)})`);
    if (remote.sent.length > 0) parts.push(`sent ${count(remote.sent.length)} (${list(remote.sent)})`);
    if (remote.refused.length > 0)
      parts.push(
        `refused ${r.namespace}/* (${safeLine(remote.pushError ?? remote.refused[0]!.why)})${
          r.namespace === 'refs/sessions'
            ? " — if the host takes only branches, add 'sync: {refs: refs/heads/git-session}' to .session/config.yaml"
            : ''
        }`,
      );
    if (remote.queued.length > 0)
      parts.push(
        `${count(remote.queued.length)} not pushed (${safeLine(remote.pushError ?? 'the remote moved')}); run git session sync again`,
      );
    if (parts.length === 0) parts.push('up to date');
    lines.push(`${remote.name}: ${parts.join('; ')}`);
  }
  if (r.added.length > 0) lines.push(`New here: ${list(r.added)}`);
  if (r.written.length > 0) lines.push(`Recorded here and written to the refs: ${list(r.written)}`);
  for (const s of r.skipped.slice(0, 5)) lines.push(`Not read: ${safeLine(s)}`);
  return lines.join('\n');
}
