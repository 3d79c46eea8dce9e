// Gathering what the brief and the handoff are computed from: the session's commits and the TODOs
// they added (git), uncommitted files, where the branch stands, the project's test command, and the
// shared context files of `.session/` — every repository file read bounded (repo-file.ts).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefCommit, BriefInput, ContextFile, Todo, Uncommitted } from '../core/brief.js';
import {
  agentDocDir,
  type ContextDocFacts,
  nearbyContextDocs,
  type StaleContext,
  staleContext,
} from '../core/context-health.js';
import { withoutStarterText } from '../core/starter-text.js';
import { isCurrent, linkAcross, replacementsAcross } from '../core/supersede.js';
import { findTestCommand, PROJECT_FILES, type ProjectFiles, type TestCommand } from '../core/test-command.js';
import { trackedFiles, worktreeStatus } from '../git/changes.js';
import { addedLines, commitInfo, countCommits, lastChange } from '../git/commits.js';
import { currentBranch, type Repo } from '../git/repo.js';
import { run, runAsync } from '../git/run.js';
import { readRepoFile } from '../worktree/repo-file.js';
import { branchPosition } from './branch-position.js';
import { familyOf } from './children.js';
import { type Context, SESSION_DIR } from './context.js';
import { type Loaded, loadAllSessions } from './sessions.js';
import { ARCHITECTURE_MD, CONVENTIONS_MD } from './starter.js';

const TODO = /\b(TODO|FIXME|XXX|HACK)\b/;
const MAX_CONTEXT_BYTES = 64 * 1024;
/** A file a TODO was found in is compared line by line; past this it is not read. */
const MAX_TODO_FILE_BYTES = 1024 * 1024;
const MAX_PROJECT_FILE_BYTES = 256 * 1024;

const STARTERS: Record<string, string> = { 'architecture.md': ARCHITECTURE_MD, 'conventions.md': CONVENTIONS_MD };

/**
 * A shared context document as its author wrote it: `unfilled` when it is still init's starter. A
 * FIFO, a device or a symlink out of the repository is left out with one warning.
 */
function contextFile(ctx: Context, name: string): ContextFile | 'unfilled' | null {
  const path = `${SESSION_DIR}/${name}`;
  const read = readRepoFile(ctx.repo, path, MAX_CONTEXT_BYTES, (why) =>
    ctx.warn(`${why}; the brief goes on without it`),
  );
  if (!read) return null;
  const own = withoutStarterText(read.text, STARTERS[name] ?? '');
  if (own === null) return 'unfilled';
  return { path, text: read.truncated ? `${own}\n…` : own };
}

/** The test command: `commands.test`, else what the project's own files say. */
export async function testCommand(ctx: Context): Promise<TestCommand | null> {
  const configured = (await ctx.config()).commands.test;
  if (configured !== null) return findTestCommand(configured, {});
  const files: ProjectFiles = {};
  for (const name of PROJECT_FILES) {
    // Lock files only need to exist.
    const cap = /lock/.test(name) ? 0 : MAX_PROJECT_FILE_BYTES;
    files[name] = readRepoFile(ctx.repo, name, cap)?.text ?? null;
  }
  return findTestCommand(null, files);
}

/** TODO lines a later commit (or the work tree) removed again are done, not something to watch. */
function stillThere(ctx: Context, todos: Todo[]): Todo[] {
  const files = new Map<string, Set<string> | null>();
  return todos.filter((t) => {
    if (!files.has(t.file)) {
      const read = readRepoFile(ctx.repo, t.file, MAX_TODO_FILE_BYTES);
      files.set(t.file, read ? new Set(read.text.split('\n').map((l) => l.trim())) : null);
    }
    const lines = files.get(t.file);
    if (!lines) return false;
    const text = t.text.trim();
    // The text is cut at 200 characters: a longer line counts when it starts the same.
    return lines.has(text) || (text.length >= 200 && [...lines].some((l) => l.startsWith(text)));
  });
}

export function sessionCommits(ctx: Context, loaded: Loaded): BriefCommit[] {
  const info = run(ctx.repo, commitInfo(loaded.state.commits.map((c) => c.sha)));
  return loaded.state.commits.flatMap((c) => {
    const i = info.get(c.sha);
    return i ? [{ sha: c.sha, subject: i.subject, files: i.files }] : [];
  });
}

/** Uncommitted files other than the expected ones (SESSION.md, handoff notes...). */
export async function unexpectedUncommitted(ctx: Context): Promise<Uncommitted[]> {
  const config = await ctx.config();
  const expected = new Set([...config.uncommitted.expected, config.session_file.path, config.handoff.path]);
  return run(ctx.repo, worktreeStatus).filter(
    (u) => !expected.has(u.path) && !expected.has(u.path.split('/').pop() ?? ''),
  );
}

const AGENT_DOCS = ['CLAUDE.md', 'claude.md', 'AGENTS.md', 'agents.md'];

/** Tracked CLAUDE.md / AGENTS.md files anywhere in the work tree. */
const trackedAgentDocs = (repo: Repo) => run(repo, trackedFiles(AGENT_DOCS.map((n) => `:(glob)**/${n}`)));

/** What changes under a directory without being code: the shared context and the agent documents. */
const CONTEXT_EXCLUDES = [':(exclude).session', ...AGENT_DOCS.map((n) => `:(exclude,glob)**/${n}`)];

/**
 * For each context document: when it last changed, and how many commits since (up to 1,000)
 * changed the code under `dir` — two short git processes per document.
 */
function contextDocFacts(repo: Repo, docs: readonly { path: string; dir: string }[]): Promise<ContextDocFacts[]> {
  return Promise.all(
    docs.map(async ({ path, dir }) => {
      const last = await runAsync(repo, lastChange(path));
      if (!last) return { path, dir, lastChanged: null, commitsSince: 0 };
      const since = await runAsync(
        repo,
        countCommits(`${last.sha}..HEAD`, [dir === '' ? '.' : dir, ...CONTEXT_EXCLUDES], 1000),
      );
      return { path, dir, lastChanged: last.at, commitsSince: since };
    }),
  );
}

/** At most this many context documents are measured (two git processes each). */
const MAX_MEASURED_DOCS = 6;

/** The agent documents near the session's changes, and which context documents look stale. */
export async function contextHealth(
  ctx: Context,
  commits: readonly BriefCommit[],
): Promise<{ files: string[]; stale: StaleContext[] }> {
  const changed = [...new Set(commits.flatMap((c) => c.files))];
  const files = changed.length > 0 ? nearbyContextDocs(trackedAgentDocs(ctx.repo), changed) : [];
  const shared = ['architecture.md', 'conventions.md'].map((n) => ({ path: `${SESSION_DIR}/${n}`, dir: '' }));
  // A document deleted since is not stale, it is gone.
  const docs = [
    ...shared.filter((d) => existsSync(join(ctx.repo.top, d.path))),
    ...files.map((path) => ({ path, dir: agentDocDir(path) })),
  ].slice(0, MAX_MEASURED_DOCS);
  return { files, stale: staleContext(await contextDocFacts(ctx.repo, docs)) };
}

export async function briefInput(ctx: Context, given: Loaded): Promise<BriefInput> {
  const commits = sessionCommits(ctx, given);
  const onBranch = given.state.branch !== '' && currentBranch(ctx.repo) === given.state.branch;
  // Every session is read: other sessions' decisions, and which decisions (of any) were replaced.
  const all = loadAllSessions(ctx).filter((l) => l.state.id !== given.state.id);
  const state = linkAcross(given.state, replacementsAcross([given.state, ...all.map((l) => l.state)]));
  const loaded = { ...given, state };
  const texts = new Map<string, string>();
  for (const s of [state, ...all.map((l) => l.state)]) for (const d of s.decisions) texts.set(d.id, d.text);
  const replaced = new Map<string, string>();
  for (const d of state.decisions)
    if (d.supersedes !== null && texts.has(d.supersedes)) replaced.set(d.supersedes, texts.get(d.supersedes)!);
  // The 10 newest decisions of other sessions nobody replaced.
  const others = all
    .flatMap((l) =>
      l.state.decisions
        .filter(isCurrent)
        .map((decision) => ({ session: { id: l.state.id, name: l.state.name }, decision })),
    )
    .sort((a, b) => (a.decision.at < b.decision.at ? 1 : -1))
    .slice(0, 10);
  const branch = loaded.state.branch;
  const [health, position, test, config] = await Promise.all([
    contextHealth(ctx, commits),
    branch !== '' ? branchPosition(ctx.repo, branch) : Promise.resolve(null),
    testCommand(ctx),
    ctx.config(),
  ]);
  const architecture = contextFile(ctx, 'architecture.md');
  const conventions = contextFile(ctx, 'conventions.md');
  const unfilled = [architecture, conventions].flatMap((f, i) =>
    f === 'unfilled' ? [`${SESSION_DIR}/${i === 0 ? 'architecture.md' : 'conventions.md'}`] : [],
  );
  return {
    state: loaded.state,
    now: ctx.now(),
    commits,
    todos: stillThere(
      ctx,
      run(
        ctx.repo,
        addedLines(
          commits.map((c) => c.sha),
          TODO,
        ),
      ),
    ),
    // The worktree's changes belong to the session whose branch is checked out.
    uncommitted: onBranch ? await unexpectedUncommitted(ctx) : [],
    architecture: architecture === 'unfilled' ? null : architecture,
    conventions: conventions === 'unfilled' ? null : conventions,
    unfilled,
    otherDecisions: others,
    replaced,
    // A starter nobody filled in is not stale: it is unfilled, and said so once.
    staleContext: health.stale.filter((c) => !unfilled.includes(c.path)),
    contextFiles: health.files,
    checkedOut: onBranch,
    position,
    testCommand: test,
    project: config.context,
    family: familyOf(ctx, loaded, all),
  };
}
