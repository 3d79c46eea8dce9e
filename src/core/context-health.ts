// Context health: a context document (`.session/architecture.md`, a CLAUDE.md or AGENTS.md next to
// the code) that the code has moved away from. Seed 001 warns about stale context; here "stale"
// is measured, not guessed: how many commits changed the code the document describes since the
// document last changed.

/** What git says about one context document. */
export interface ContextDocFacts {
  path: string;
  /** The folder whose code it describes ('' for the whole repository). */
  dir: string;
  /** Its latest commit: when, or null when it was never committed. */
  lastChanged: string | null;
  /** Commits since then that changed files under `dir` (other than context documents). */
  commitsSince: number;
}

export interface StaleContext {
  path: string;
  lastChanged: string | null;
  commitsSince: number;
}

/** This many commits of code change without the document changing make it worth a look. */
export const STALE_AFTER_COMMITS = 10;

const AGENT_DOCS = new Set(['CLAUDE.md', 'claude.md', 'AGENTS.md', 'agents.md']);

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const inside = (file: string, dir: string) => dir === '' || file.startsWith(`${dir}/`);

/**
 * The agent documents (CLAUDE.md, AGENTS.md) in the folders of the files a session changed, and
 * their parents, nearest first: what an agent working there should read.
 */
export function nearbyContextDocs(tracked: readonly string[], changed: readonly string[]): string[] {
  const docs = tracked.filter((p) => AGENT_DOCS.has(p.slice(p.lastIndexOf('/') + 1)));
  const depth = (p: string) => p.split('/').length;
  return docs
    .filter((d) => changed.some((f) => inside(f, dirOf(d))))
    .sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
}

export function agentDocDir(path: string): string {
  return dirOf(path);
}

export function staleContext(facts: readonly ContextDocFacts[]): StaleContext[] {
  return facts
    .filter((f) => f.lastChanged !== null && f.commitsSince >= STALE_AFTER_COMMITS)
    .sort((a, b) => b.commitsSince - a.commitsSince)
    .map(({ path, lastChanged, commitsSince }) => ({ path, lastChanged, commitsSince }));
}
