// `git session agent install|uninstall|status`: git-session's entries in each coding agent's own
// files — Claude Code's settings, Cursor's, Codex's and Gemini CLI's hooks, the MCP server in
// each client's MCP configuration, OpenCode's configuration, a section of AGENTS.md. Each file's
// edit is planned by its planner (src/install/*: only our entries are added, everything else
// stays byte for byte, a malformed file is refused); here the file is read and written through
// the guarded work-tree functions, and the record of what each install changed is kept, so that
// uninstall gives back the bytes from before. Also what the installed hooks keep between runs.

import { existsSync, lstatSync, readFileSync, rmdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decideCompaction } from '../core/decide/journal.js';
import {
  type AgentFilePlanner,
  ConfigFileError,
  GIT_SESSION_MCP,
  guardedHookCommand,
  type InstallRecord,
  makePlanner,
  type PartStatus,
  unreadable,
} from '../install/agent-file.js';
import { addAgentsSection, hasAgentsSection, removeAgentsSection } from '../install/agents-md.js';
import { claudeMcp } from '../install/claude-mcp.js';
import {
  addClaudeHooks,
  CLAUDE_HOOKS,
  type ClaudeEvent,
  installedEvents,
  removeClaudeHooks,
  SettingsError,
} from '../install/claude-settings.js';
import { codexConfigNotes, codexHooks, codexMcp } from '../install/codex-config.js';
import { CURSOR_WORKSPACE_FOLDER, cursorHooks, cursorMcp } from '../install/cursor-config.js';
import { geminiHooks, geminiMcp } from '../install/gemini-settings.js';
import type { AgentHookRole } from '../install/json-planner.js';
import { opencodeFile, opencodeMcp } from '../install/opencode-config.js';
import { GitSessionError, userError } from '../model/errors.js';
import { writeFileAtomic } from '../store/atomic.js';
import {
  editWorktreeFile,
  readWorktreeText,
  removeWorktreeFile,
  statWorktreeFile,
  type WorktreeFile,
} from '../worktree/file.js';
import { worktreeTarget } from '../worktree/path.js';
import { change } from './change.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

/** What `agent install` can set up. */
export const AGENT_TARGETS = ['claude', 'cursor', 'codex', 'gemini', 'opencode', 'agents-md', 'mcp'] as const;
export type AgentTarget = (typeof AGENT_TARGETS)[number];

/** The clients whose MCP configuration `agent install mcp --for …` writes. */
export const MCP_CLIENTS = ['claude', 'cursor', 'codex', 'gemini', 'opencode'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];

// ---- the planners of each target ----------------------------------------------------------------

/** Claude Code's hooks (install/claude-settings.ts) in the planners' shape. */
const claudeHooks = makePlanner<null>({
  part: 'claude-hooks',
  path: '.claude/settings.json',
  what: 'the Claude Code settings',
  added: `added the ${Object.keys(CLAUDE_HOOKS).join(', ')} hooks`,
  add: (current) => asConfigError(() => addClaudeHooks(current)),
  remove(current) {
    const out = asConfigError(() => removeClaudeHooks(current));
    return { text: out ?? '{}\n', empty: out === null };
  },
  present: (current) =>
    current !== null && current.trim() !== '' && asConfigError(() => claudeEvents(current)).length > 0,
  status(current) {
    let found: ClaudeEvent[];
    try {
      found = current === null || current.trim() === '' ? [] : asConfigError(() => claudeEvents(current));
    } catch (e) {
      return unreadable(e);
    }
    const all = Object.keys(CLAUDE_HOOKS) as ClaudeEvent[];
    const missing = all.filter((e) => !found.includes(e));
    const state = found.length === 0 ? 'absent' : missing.length === 0 ? 'installed' : 'partial';
    return { state, detail: found.length === 0 ? 'not installed' : found.join(', '), found, missing, notes: [] };
  },
});

/** The events of ours in Claude Code's settings; throws SettingsError on a file it cannot read. */
function claudeEvents(text: string): ClaudeEvent[] {
  // installedEvents reads a broken file as "nothing installed": the install's own reader says why.
  addClaudeHooks(text);
  return installedEvents(text);
}

function asConfigError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SettingsError) throw new ConfigFileError(e.message, ...lineOf(e.message));
    throw e;
  }
}

const lineOf = (message: string): [number?, number?] => {
  const m = /line (\d+), column (\d+)/.exec(message);
  return m ? [Number(m[1]), Number(m[2])] : [];
};

const agentsMd = makePlanner<null>({
  part: 'agents-md',
  path: 'AGENTS.md',
  what: 'the agents file',
  added: 'added the git-session section',
  add: (current) => addAgentsSection(current),
  remove(current) {
    const out = removeAgentsSection(current);
    return { text: out ?? '', empty: out === null };
  },
  present: (current) => hasAgentsSection(current),
  status(current) {
    const on = hasAgentsSection(current);
    return {
      state: on ? 'installed' : 'absent',
      detail: on ? 'section present' : 'not installed',
      found: on ? ['section'] : [],
      missing: on ? [] : ['section'],
      notes: [],
    };
  },
});

/** The hook commands of an agent's roles: `git session agent hook <tool> <role>`, guarded. */
function hookCommands<R extends AgentHookRole>(tool: string, roles: readonly R[], json: (role: R) => boolean) {
  return {
    commands: Object.fromEntries(
      roles.map((role) => [role, guardedHookCommand(`${tool} ${role}`, json(role) ? 'json' : 'silent')]),
    ) as Record<R, string>,
  };
}

const ALL_ROLES = ['session-start', 'user-prompt', 'file-edit', 'pre-compact', 'stop', 'session-end'] as const;
// Cursor has no per-prompt context hook; it and Gemini CLI read every hook's stdout as JSON;
// Codex reads its Stop hook's stdout as JSON.
const CURSOR_COMMANDS = hookCommands(
  'cursor',
  ALL_ROLES.filter((r) => r !== 'user-prompt'),
  () => true,
);
const CODEX_COMMANDS = hookCommands('codex', ALL_ROLES, (r) => r === 'stop');
const GEMINI_COMMANDS = hookCommands('gemini', ALL_ROLES, () => true);

interface Part {
  /** For messages and status: `cursor`, `mcp claude`. */
  label: string;
  // biome-ignore lint/suspicious/noExplicitAny: each planner takes its own options, given with it
  planner: AgentFilePlanner<any>;
  options: unknown;
  /** Facts about running it, said after an install (null: nothing to say). */
  after?: string | (() => string | null);
}

function opencodePart(ctx: Context, label: string): Part {
  const exists = (rel: string) => {
    try {
      return statWorktreeFile(ctx.repo, { rel, what: 'the OpenCode configuration' }) !== null;
    } catch {
      return true;
    }
  };
  return {
    label,
    planner: opencodeMcp(opencodeFile(exists)),
    options: { server: GIT_SESSION_MCP },
    after: "OpenCode reads AGENTS.md for instructions: `git session agent install agents-md` adds git-session's",
  };
}

function mcpPart(ctx: Context, client: McpClient): Part {
  const label = `mcp ${client}`;
  switch (client) {
    case 'claude':
      return {
        label,
        planner: claudeMcp,
        options: GIT_SESSION_MCP,
        after: 'Claude Code asks once before it starts a server from .mcp.json',
      };
    case 'cursor':
      // Cursor does not document where a stdio server starts: its own interpolation names the
      // folder that holds .cursor/mcp.json, and `git session mcp --cwd` acts there.
      return {
        label,
        planner: cursorMcp,
        options: {
          command: GIT_SESSION_MCP.command,
          args: [...GIT_SESSION_MCP.args, '--cwd', CURSOR_WORKSPACE_FOLDER],
        },
      };
    case 'codex':
      return {
        label,
        planner: codexMcp,
        options: GIT_SESSION_MCP,
        after: 'Codex reads .codex/config.toml in trusted projects only',
      };
    case 'gemini':
      return { label, planner: geminiMcp, options: GIT_SESSION_MCP };
    case 'opencode':
      return opencodePart(ctx, label);
  }
}

/** The files a target is made of. */
function partsOf(ctx: Context, target: AgentTarget, clients: readonly McpClient[]): Part[] {
  switch (target) {
    case 'claude':
      return [{ label: 'claude', planner: claudeHooks, options: null }];
    case 'agents-md':
      return [{ label: 'agents-md', planner: agentsMd, options: null }];
    case 'cursor':
      return [
        {
          label: 'cursor',
          planner: cursorHooks,
          options: CURSOR_COMMANDS,
          after: 'Cursor runs project hooks in trusted workspaces and reloads the file on save',
        },
      ];
    case 'codex':
      return [
        {
          label: 'codex',
          planner: codexHooks,
          options: CODEX_COMMANDS,
          after: 'Codex runs project hooks once the project is trusted and each hook is reviewed: open /hooks in Codex',
        },
      ];
    case 'gemini':
      return [
        {
          label: 'gemini',
          planner: geminiHooks,
          options: GEMINI_COMMANDS,
          after: 'Gemini CLI asks before it runs a new or changed project hook',
        },
      ];
    case 'opencode':
      return [opencodePart(ctx, 'opencode')];
    case 'mcp':
      return clients.map((c) => mcpPart(ctx, c));
  }
}

// ---- the record of installs ---------------------------------------------------------------------

/**
 * What `agent install` changed, per file (by absolute path): the bytes before and after, the
 * parts installed there (install/agent-file.ts InstallRecord), and the folders the install
 * created for it, which go again with the file.
 */
type Installed = InstallRecord & { dirs?: string[] };

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

// ---- reading and writing ------------------------------------------------------------------------

const MAX_AGENT_FILE_BYTES = 1024 * 1024;

const fileOf = (p: Part): WorktreeFile => ({ rel: p.planner.path, what: p.planner.what });

function read(ctx: Context, file: WorktreeFile): string | null {
  return readWorktreeText(ctx.repo, file, { maxBytes: MAX_AGENT_FILE_BYTES })?.text ?? null;
}

/** The folders on the way to `rel` that do not exist yet, the deepest last. */
function missingDirs(ctx: Context, rel: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(rel); dir !== '.' && dir !== ''; dir = dirname(dir))
    if (!existsSync(join(ctx.repo.top, dir))) out.unshift(dir);
  return out;
}

/** Folders the install created, taken away again when nothing else is in them. */
function removeEmptyDirs(ctx: Context, dirs: readonly string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      const abs = worktreeTarget(ctx.repo, dir, 'a folder git-session created', 'create');
      // A folder only (a symbolic link put there since is not followed), and only an empty one.
      if (lstatSync(abs).isDirectory()) rmdirSync(abs);
    } catch {
      // Not empty (someone put a file there), or gone already: it stays, or there is nothing to do.
    }
  }
}

/** A file as the parts of one command leave it, before anything is written. */
interface Pending {
  file: WorktreeFile;
  abs: string;
  original: string | null;
  content: string | null;
  record: Installed | null;
  /** Folders the file's first install created (or will). */
  dirs: string[];
}

/** One part planned on top of what the parts before it left; throws its refusal. */
function planPart(part: Part, action: 'install' | 'uninstall', p: Pending): string {
  const plan =
    action === 'install'
      ? part.planner.install(p.content, part.options, p.record)
      : part.planner.uninstall(p.content, p.record);
  if (plan.action === 'refuse') {
    const at =
      plan.refusal.line !== undefined && !/line \d+/.test(plan.refusal.reason) ? ` (line ${plan.refusal.line})` : '';
    throw userError(
      'bad-settings',
      `${p.abs} is ${plan.refusal.reason}${at}; nothing was ${action === 'install' ? 'installed' : 'removed'}`,
      plan.refusal.hint,
    );
  }
  if (plan.action === 'write') p.content = plan.content;
  if (plan.action === 'delete') p.content = null;
  p.record = plan.action === 'delete' ? null : plan.record;
  return `${part.label} (${p.file.rel}): ${plan.summary}`;
}

/** The planned files written (or removed, with the folders their install made), and the record kept. */
function writePending(ctx: Context, files: Iterable<Pending>): void {
  const records = installed(ctx);
  const before = JSON.stringify(records);
  for (const p of files) {
    if (p.content !== p.original) {
      if (p.content === null) {
        removeWorktreeFile(ctx.repo, p.file);
        removeEmptyDirs(ctx, p.dirs);
      } else editWorktreeFile(ctx.repo, p.file, p.content);
    }
    if (p.record) records[p.abs] = p.dirs.length > 0 ? { ...p.record, dirs: p.dirs } : p.record;
    else delete records[p.abs];
  }
  if (JSON.stringify(records) !== before) saveInstalled(ctx, records);
}

export interface AgentChange {
  lines: string[];
  /** Facts about the agents that installed what, for stderr. */
  notes: string[];
}

/**
 * Installs or uninstalls each target (for `mcp`, each client of `clients`). Every file is planned
 * before any is written: a refused file leaves every file as it was.
 */
export function changeAgents(
  ctx: Context,
  action: 'install' | 'uninstall',
  targets: readonly AgentTarget[],
  clients: readonly McpClient[],
): AgentChange {
  const records = installed(ctx);
  const files = new Map<string, Pending>();
  const lines: string[] = [];
  const notes: string[] = [];
  for (const target of targets)
    for (const part of partsOf(ctx, target, clients)) {
      const file = fileOf(part);
      let p = files.get(file.rel);
      if (!p) {
        // Checked as a write first: a refusal then says that nothing was written.
        worktreeTarget(ctx.repo, file.rel, file.what, 'write');
        const abs = join(ctx.repo.top, file.rel);
        const original = read(ctx, file);
        const record = records[abs] ?? null;
        const dirs = record?.dirs ?? (original === null ? missingDirs(ctx, file.rel) : []);
        p = { file, abs, original, content: original, record, dirs };
        files.set(file.rel, p);
      }
      const line = planPart(part, action, p);
      lines.push(line);
      const after = typeof part.after === 'function' ? part.after() : part.after;
      if (action === 'install' && after && !line.endsWith('already installed')) notes.push(`${part.label}: ${after}`);
    }
  writePending(ctx, files.values());
  return { lines, notes };
}

// ---- status -------------------------------------------------------------------------------------

export interface TargetStatus {
  path: string;
  installed: boolean;
  state: PartStatus['state'];
  detail: string;
  /** What of git-session's is there: hook events or roles, the server name. */
  found: string[];
  missing: string[];
  notes: string[];
}

function statusOf(ctx: Context, part: Part): TargetStatus {
  const file = fileOf(part);
  let s: PartStatus;
  try {
    s = part.planner.status(read(ctx, file), part.options);
  } catch (e) {
    if (!(e instanceof GitSessionError)) throw e;
    s = { state: 'unreadable', detail: e.message, found: [], missing: [], notes: [] };
  }
  return {
    path: file.rel,
    installed: s.state === 'installed',
    state: s.state,
    detail: s.detail,
    found: s.found,
    missing: s.missing,
    notes: s.notes,
  };
}

export type AgentStatus = Record<Exclude<AgentTarget, 'mcp'>, TargetStatus> & {
  claude: TargetStatus & { hooks: string[] };
  mcp: Record<McpClient, TargetStatus>;
};

export function agentStatus(ctx: Context): AgentStatus {
  const one = (t: Exclude<AgentTarget, 'mcp'>) => statusOf(ctx, partsOf(ctx, t, [])[0]!);
  const claude = one('claude');
  const codex = one('codex');
  let codexConfig: string | null = null;
  try {
    codexConfig = read(ctx, { rel: '.codex/config.toml', what: 'the Codex configuration' });
  } catch {
    // Unreadable: its own status line (mcp codex) says so.
  }
  return {
    claude: { ...claude, hooks: claude.found },
    cursor: one('cursor'),
    codex: { ...codex, notes: [...codex.notes, ...codexConfigNotes(codexConfig)] },
    gemini: one('gemini'),
    opencode: one('opencode'),
    'agents-md': one('agents-md'),
    mcp: Object.fromEntries(MCP_CLIENTS.map((c) => [c, statusOf(ctx, mcpPart(ctx, c))])) as Record<
      McpClient,
      TargetStatus
    >,
  };
}

/** Whether git-session's Cursor hooks are in this work tree's `.cursor/hooks.json`. */
export function ourCursorHooks(ctx: Context): boolean {
  try {
    return cursorHooks.status(read(ctx, fileOf(partsOf(ctx, 'cursor', [])[0]!)), CURSOR_COMMANDS).found.length > 0;
  } catch {
    return false;
  }
}

// ---- what the installed hooks keep between runs -------------------------------------------------

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
