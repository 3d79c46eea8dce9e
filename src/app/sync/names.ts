// Where session refs are, here and on remotes (docs/sync.md): `refs/sessions/<id>` here; on a
// remote the namespace the configuration names (`sync.refs`: `refs/sessions`, or a branch
// namespace for hosts that take only branches), fetched into `refs/session-remotes/<remote>/<id>`.
// The fetch refspec each remote needs is kept in its configuration, so a plain `git fetch` brings
// them; never one that writes into refs/sessions/ itself.

import { checkSyncRefs } from '../../codec/config.js';
import { configValue } from '../../git/repo.js';
import { run } from '../../git/run.js';
import { addFetchRefspec, remotes as remotesQuery, removeFetchRefspec } from '../../git/session-refs.js';
import { isSessionId } from '../../model/ids.js';
import { SESSION_REFS, TRACKING_REFS } from '../../model/sync.js';
import type { Context } from '../context.js';

export const localRef = (session: string): string => `${SESSION_REFS}/${session}`;
export const trackingPrefix = (remote: string): string => `${TRACKING_REFS}/${remote}`;
export const trackingRef = (remote: string, session: string): string => `${trackingPrefix(remote)}/${session}`;

/** What brings a remote's session refs into its tracking namespace. */
export const fetchRefspec = (namespace: string, remote: string): string =>
  `+${namespace}/*:${trackingPrefix(remote)}/*`;

/** What pushes one session's ref to a remote: fast-forward only (no `+`). */
export const pushRefspec = (namespace: string, session: string): string =>
  `${localRef(session)}:${namespace}/${session}`;

/** The session a local ref (`refs/sessions/<id>`) is for, or null. */
export function sessionOfLocalRef(ref: string): string | null {
  const prefix = `${SESSION_REFS}/`;
  if (!ref.startsWith(prefix)) return null;
  const id = ref.slice(prefix.length);
  return isSessionId(id) ? id : null;
}

/** The remote and session of a tracking ref (`refs/session-remotes/<remote>/<id>`), or null. */
export function ofTrackingRef(ref: string): { remote: string; session: string } | null {
  const prefix = `${TRACKING_REFS}/`;
  if (!ref.startsWith(prefix)) return null;
  const rest = ref.slice(prefix.length);
  const cut = rest.lastIndexOf('/');
  if (cut <= 0) return null;
  const session = rest.slice(cut + 1);
  const remote = rest.slice(0, cut);
  return isSessionId(session) && isRemoteName(remote) ? { remote, session } : null;
}

/** A remote name that can name a tracking namespace (git's ref rules, roughly; others are skipped). */
export function isRemoteName(name: string): boolean {
  return (
    /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,99}$/.test(name) &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.endsWith('/') &&
    !name.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock'))
  );
}

/**
 * The namespace session refs take on remotes: the user's own `git config session.syncRefs` first,
 * then `.session/config.yaml`'s `sync.refs` (both checked: refs/sessions or refs/heads/…).
 */
export async function remoteNamespace(ctx: Context): Promise<string> {
  const own = run(ctx.repo, configValue('session.syncRefs'));
  if (own) {
    try {
      return checkSyncRefs(own.trim());
    } catch {
      ctx.warn(`git config session.syncRefs '${own.trim()}' is not refs/sessions or refs/heads/…; using the default`);
    }
  }
  return (await ctx.config()).sync.refs;
}

export interface Remote {
  name: string;
  url: string;
  fetch: string[];
}

/** The remotes with a URL whose name can name a tracking namespace. */
export function remoteList(ctx: Context): Remote[] {
  return [...run(ctx.repo, remotesQuery).values()]
    .filter((r) => r.url !== null && isRemoteName(r.name))
    .map((r) => ({ name: r.name, url: r.url!, fetch: r.fetch }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Every remote fetches its session refs into its tracking namespace, from the namespace configured
 * now: a refspec of ours for another namespace is taken out first (two refspecs writing one
 * tracking ref would make git refuse the fetch). Returns the remotes whose refspec was added.
 */
export function ensureRefspecs(ctx: Context, namespace: string, list: Remote[] = remoteList(ctx)): string[] {
  const added: string[] = [];
  for (const r of list) {
    const wanted = fetchRefspec(namespace, r.name);
    const ours = r.fetch.filter((f) => f.endsWith(`:${trackingPrefix(r.name)}/*`));
    if (ours.length === 1 && ours[0] === wanted) continue;
    for (const f of ours) if (f !== wanted) run(ctx.repo, removeFetchRefspec(r.name, f));
    if (!ours.includes(wanted) && run(ctx.repo, addFetchRefspec(r.name, wanted))) added.push(r.name);
  }
  return added;
}
