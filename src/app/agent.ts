// `git session agent install|uninstall|status`: the coding agents' files (.claude/settings.json,
// AGENTS.md) edited in place, with a record of what each install changed so that uninstall gives
// back the bytes from before; and what the installed agent hooks keep between their runs.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideCompaction } from '../core/decide/journal.js';
import { addAgentsSection, hasAgentsSection, removeAgentsSection } from '../install/agents-md.js';
import {
  addClaudeHooks,
  CLAUDE_HOOKS,
  installedEvents,
  removeClaudeHooks,
  SettingsError,
} from '../install/claude-settings.js';
import { userError } from '../model/errors.js';
import { writeFileAtomic } from '../store/atomic.js';
import { editWorktreeFile, readWorktreeText, removeWorktreeFile, type WorktreeFile } from '../worktree/file.js';
import { worktreeTarget } from '../worktree/path.js';
import { change } from './change.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

export const TARGETS = ['claude', 'agents-md'] as const;
export type Target = (typeof TARGETS)[number];

function pathOf(ctx: Context, target: Target): string {
  return join(ctx.repo.top, fileOf(target).rel);
}

/** The files of a cloned repository: read and written only as regular files inside it. */
function fileOf(target: Target): WorktreeFile {
  return target === 'claude'
    ? { rel: '.claude/settings.json', what: 'the Claude Code settings' }
    : { rel: 'AGENTS.md', what: 'the agents file' };
}

const MAX_AGENT_FILE_BYTES = 1024 * 1024;

function read(ctx: Context, target: Target): string | null {
  return readWorktreeText(ctx.repo, fileOf(target), { maxBytes: MAX_AGENT_FILE_BYTES })?.text ?? null;
}

/**
 * What `agent install` changed, per file: the bytes before and after. Uninstall gives back the
 * bytes before when the file is still exactly as the install left it; otherwise it removes our
 * entries from whatever the file has become.
 */
interface Installed {
  before: string | null;
  after: string;
}
const manifest = (ctx: Context) => join(ctx.store.paths.root, 'agent-installed.json');
function installed(ctx: Context): Record<string, Installed> {
  try {
    const v = JSON.parse(readFileSync(manifest(ctx), 'utf8')) as unknown;
    // An earlier version kept only the list of files it created.
    if (Array.isArray(v)) return Object.fromEntries(v.map((p) => [String(p), { before: null, after: '' }]));
    return typeof v === 'object' && v !== null ? (v as Record<string, Installed>) : {};
  } catch {
    return {};
  }
}
function saveInstalled(ctx: Context, record: Record<string, Installed>): void {
  ctx.store.ensure();
  writeFileAtomic(manifest(ctx), `${JSON.stringify(record)}\n`);
}

export function agentStatus(ctx: Context) {
  const claude = read(ctx, 'claude');
  const agents = read(ctx, 'agents-md');
  return {
    claude: {
      path: '.claude/settings.json',
      hooks: installedEvents(claude),
      installed: installedEvents(claude).length === Object.keys(CLAUDE_HOOKS).length,
    },
    'agents-md': { path: 'AGENTS.md', installed: hasAgentsSection(agents) },
  };
}

/** An edit of the user's file; one that cannot be read is left exactly as it is. */
function edited<T>(path: string, edit: () => T, hint: string): T {
  try {
    return edit();
  } catch (e) {
    if (e instanceof SettingsError)
      throw userError('bad-settings', `${path} is ${e.message}; it was left as it is`, hint);
    throw e;
  }
}

export function installAgent(ctx: Context, t: Target): string {
  const path = pathOf(ctx, t);
  // Checked as a write first: the refusal then says that nothing was written.
  worktreeTarget(ctx.repo, fileOf(t).rel, fileOf(t).what, 'write');
  const before = read(ctx, t);
  const after = edited(
    path,
    () => (t === 'claude' ? addClaudeHooks(before) : addAgentsSection(before)),
    'fix the file, then run the install again',
  );
  if (after === before) return `${t}: already installed in ${path}`;
  editWorktreeFile(ctx.repo, fileOf(t), after);
  const record = installed(ctx);
  const earlier = record[path];
  // Reinstalling over our own install keeps the bytes from before the first one. Over a file that
  // already holds some of our entries (edited since), the bytes before are unknown: uninstall then
  // removes our entries instead of restoring anything.
  const oursBefore = t === 'claude' ? installedEvents(before).length > 0 : hasAgentsSection(before);
  if (earlier && earlier.after === before) record[path] = { before: earlier.before, after };
  else if (oursBefore) delete record[path];
  else record[path] = { before, after };
  saveInstalled(ctx, record);
  return t === 'claude'
    ? `claude: added ${Object.keys(CLAUDE_HOOKS).join(', ')} hooks to ${path}`
    : `agents-md: added the git-session section to ${path}`;
}

export function uninstallAgent(ctx: Context, t: Target): string {
  const path = pathOf(ctx, t);
  worktreeTarget(ctx.repo, fileOf(t).rel, fileOf(t).what, 'write');
  const before = read(ctx, t);
  if (before === null) return `${t}: nothing installed`;
  const record = installed(ctx);
  const mine = record[path];
  if (mine && mine.after === before) {
    delete record[path];
    saveInstalled(ctx, record);
    if (mine.before === null) {
      removeWorktreeFile(ctx.repo, fileOf(t));
      return `${t}: removed ${path} (git-session had created it)`;
    }
    editWorktreeFile(ctx.repo, fileOf(t), mine.before);
    return `${t}: ${path} is back as it was before the install`;
  }
  const after = edited(
    path,
    () => (t === 'claude' ? removeClaudeHooks(before) : removeAgentsSection(before)),
    'remove the git-session hooks by hand',
  );
  if (mine) {
    delete record[path];
    saveInstalled(ctx, record);
  }
  if (after === null && mine?.before === null) {
    removeWorktreeFile(ctx.repo, fileOf(t));
    return `${t}: removed ${path} (git-session had created it)`;
  }
  if (after === before) return `${t}: nothing installed`;
  editWorktreeFile(ctx.repo, fileOf(t), after ?? '{}\n');
  return `${t}: removed the git-session entries from ${path}`;
}

/**
 * Whether `key` is new for the marker `name` (in this worktree's git dir), recording it: a hook
 * says a thing once per conversation, or once per batch of changes.
 */
export function firstTime(ctx: Context, name: 'git-session-reminded', key: string): boolean {
  const marker = join(ctx.repo.gitDir, name);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === key) return false;
  writeFileAtomic(marker, `${key}\n`);
  return true;
}

/** A context compaction of the agent working in the session: counted, with a checkpoint note. */
export async function recordCompaction(ctx: Context, loaded: Loaded, trigger: string): Promise<void> {
  await change(ctx, loaded.state.id, (s) => decideCompaction(s, trigger));
}
