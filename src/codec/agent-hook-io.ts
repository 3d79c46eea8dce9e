// What each coding agent hands its hooks on standard input, and what it reads back on standard
// output, as their documentation describes it (read December 2026; research notes in the install
// planners, src/install/*-config.ts). Every agent sends one JSON object; each names the same
// things differently, and each wants its answer in its own shape — plain text or JSON, snake case
// or camel case, `additional_context` or `hookSpecificOutput.additionalContext`. git-session's
// hooks decide once what to say (app/agent-hooks.ts); this module reads the question and writes
// the answer for each agent. Pure.

/** The agents whose hooks git-session installs. */
export const HOOK_TOOLS = ['claude', 'cursor', 'codex', 'gemini'] as const;
export type HookTool = (typeof HOOK_TOOLS)[number];

/** What git-session's agent hooks do, whichever agent runs them. */
export const HOOK_ROLES = ['session-start', 'user-prompt', 'file-edit', 'pre-compact', 'stop', 'session-end'] as const;
export type HookRole = (typeof HOOK_ROLES)[number];

/** One agent's question, in git-session's words. */
export interface HookInput {
  /** The agent's conversation: `session_id` (Claude Code, Codex, Gemini CLI), `conversation_id` (Cursor), `/agent_id` in a subagent. */
  conversation: string | null;
  /** Where the agent works: `cwd`, else Cursor's first workspace root. */
  cwd: string | null;
  /** What the user typed (UserPromptSubmit, BeforeAgent). */
  prompt: string;
  /** What set off a compaction: `auto`, `manual`. */
  trigger: string;
  /** How a session started: `startup`, `resume`, `clear`, `compact`. */
  source: string | null;
  /** The agent already goes on because of a stop hook: asking again would loop. */
  continuing: boolean;
  /** The turn did not end normally (Cursor's stop `status` aborted or error). */
  interrupted: boolean;
  /** The files a file tool wrote or is about to write, as the agent named them (absolute, or relative to `cwd`). */
  files: string[];
  /** Cursor ran the hook — it also runs Claude Code's hooks when its third-party hooks are on. */
  fromCursor: boolean;
}

/** What git-session's hook has to say. */
export interface HookAnswer {
  /** Context for the model to read. */
  context?: string;
  /** A message that keeps the agent going (stop hooks). */
  followup?: string;
}

/** Limits on what an agent's payload can make a hook hold or look at. */
export const MAX_HOOK_FILES = 50;
const MAX_PATH = 4096;
const MAX_PROMPT = 64 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = MAX_PATH): string | null =>
  typeof v === 'string' && v !== '' && v.length <= max && !v.includes('\0') ? v : null;

// ---- Codex's apply_patch ------------------------------------------------------------------------

/** The headers of Codex's patch format that name a file (`*** Move to:` names where it goes). */
const PATCH_FILE = /^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+?)\s*$/gm;

/**
 * The files a Codex `apply_patch` patch touches, in the order it names them (each once): the
 * patch text is `tool_input.command`, between `*** Begin Patch` and `*** End Patch`.
 */
export function patchPaths(patch: string): string[] {
  const out = new Set<string>();
  PATCH_FILE.lastIndex = 0;
  for (let m = PATCH_FILE.exec(patch); m !== null && out.size < MAX_HOOK_FILES; m = PATCH_FILE.exec(patch)) {
    const path = str(m[1]);
    if (path) out.add(path);
  }
  return [...out];
}

// ---- reading ------------------------------------------------------------------------------------

/** A tool's arguments: an object, or (Cursor's MCP events) its JSON text. */
function argsOf(v: unknown): Obj {
  if (isObj(v)) return v;
  if (typeof v === 'string' && v.length <= 1024 * 1024)
    try {
      const parsed: unknown = JSON.parse(v);
      return isObj(parsed) ? parsed : {};
    } catch {
      return {};
    }
  return {};
}

/**
 * The files of a file tool's call. Claude Code and Gemini CLI name one in `tool_input.file_path`
 * (Claude's NotebookEdit: `notebook_path`); Cursor does not document its Write tool's input, so
 * the names its other events and tools use are read too (`file_path`, `path`, `target_file`);
 * Codex edits through `apply_patch`, whose patch text names them.
 */
function filesOf(tool: HookTool, raw: Obj): string[] {
  const args = argsOf(raw.tool_input);
  if (tool === 'codex') {
    const command = typeof args.command === 'string' ? args.command : '';
    return String(raw.tool_name ?? '') === 'apply_patch' || command.includes('*** Begin Patch')
      ? patchPaths(command)
      : [];
  }
  const names = ['file_path', 'notebook_path', 'path', 'target_file', 'filePath'];
  const found = [
    ...names.map((n) => str(args[n])),
    // Cursor's afterFileEdit event names the file at the top.
    str(raw.file_path),
  ].filter((p): p is string => p !== null);
  return [...new Set(found)].slice(0, MAX_HOOK_FILES);
}

/** Conversation keys are kept per worktree (app/agent-memory.ts): bounded. */
const MAX_CONVERSATION = 200;

/**
 * The conversation: `session_id` (Claude Code, Codex, Gemini CLI) or `conversation_id` (Cursor),
 * and inside a Claude Code subagent its `agent_id` too — a subagent has a context of its own.
 */
function conversationOf(o: Obj): string | null {
  const id = str(o.session_id, 1000) ?? str(o.conversation_id, 1000);
  if (id === null) return null;
  const agent = str(o.agent_id, 1000);
  return `${id}${agent ? `/${agent}` : ''}`.slice(0, MAX_CONVERSATION);
}

/** The agent's JSON on stdin, in git-session's words (anything missing or malformed reads as absent). */
export function decodeHookInput(
  tool: HookTool,
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): HookInput {
  const o = isObj(raw) ? raw : {};
  const roots = Array.isArray(o.workspace_roots) ? o.workspace_roots : [];
  const prompt = typeof o.prompt === 'string' ? o.prompt.slice(0, MAX_PROMPT) : '';
  const loops = typeof o.loop_count === 'number' ? o.loop_count : 0;
  const status = str(o.status, 100);
  return {
    conversation: conversationOf(o),
    cwd: str(o.cwd) ?? str(roots[0]),
    prompt,
    trigger: str(o.trigger, 100) ?? 'unknown',
    source: str(o.source, 100),
    continuing: o.stop_hook_active === true || loops > 0,
    interrupted: status !== null && status !== 'completed',
    files: filesOf(tool, o),
    fromCursor: tool === 'cursor' || str(o.cursor_version, 100) !== null || Boolean(env.CURSOR_VERSION),
  };
}

// ---- writing ------------------------------------------------------------------------------------

/** The event name an agent's `hookSpecificOutput` must repeat. */
const EVENT_NAMES: Record<'claude' | 'codex' | 'gemini', Partial<Record<HookRole, string>>> = {
  claude: { 'session-start': 'SessionStart', 'user-prompt': 'UserPromptSubmit', 'file-edit': 'PreToolUse' },
  codex: { 'session-start': 'SessionStart', 'user-prompt': 'UserPromptSubmit', 'file-edit': 'PreToolUse' },
  gemini: { 'session-start': 'SessionStart', 'user-prompt': 'BeforeAgent', 'file-edit': 'AfterTool' },
};

const json = (v: Obj) => JSON.stringify(v);

/** Context in the `hookSpecificOutput` form (Claude Code, Codex, Gemini CLI). */
function specific(tool: 'claude' | 'codex' | 'gemini', role: HookRole, context: string | undefined): string | null {
  const event = EVENT_NAMES[tool][role];
  if (!event || !context) return null;
  return json({ hookSpecificOutput: { hookEventName: event, additionalContext: context } });
}

/**
 * What the hook prints on stdout for `answer` (empty: nothing). Each agent's documented form:
 * - Claude Code: the brief as plain text (SessionStart, UserPromptSubmit add it as context), a
 *   PreToolUse reminder as `hookSpecificOutput.additionalContext`, a stop as `decision: block`;
 * - Cursor reads every hook's stdout as JSON: `additional_context` (sessionStart, postToolUse),
 *   `followup_message` (stop), `{}` for nothing;
 * - Codex: `hookSpecificOutput.additionalContext` (SessionStart, UserPromptSubmit, PreToolUse),
 *   `decision: block` to go on after Stop, whose stdout must be JSON when it exits 0;
 * - Gemini CLI: JSON only ("silence is mandatory"): `hookSpecificOutput.additionalContext`
 *   (SessionStart, BeforeAgent, AfterTool), `decision: deny` with the reason as the next prompt
 *   (AfterAgent), `{}` for nothing.
 */
export function encodeHookOutput(tool: HookTool, role: HookRole, answer: HookAnswer): string {
  const { context, followup } = answer;
  switch (tool) {
    case 'claude':
      if (role === 'stop') return followup ? json({ decision: 'block', reason: followup }) : '';
      if (role === 'file-edit') return specific('claude', role, context) ?? '';
      return role === 'session-start' || role === 'user-prompt' ? (context ?? '') : '';
    case 'cursor':
      if (role === 'stop') return json(followup ? { followup_message: followup } : {});
      if ((role === 'session-start' || role === 'file-edit') && context) return json({ additional_context: context });
      return '{}';
    case 'codex':
      if (role === 'stop') return json(followup ? { decision: 'block', reason: followup } : {});
      return specific('codex', role, context) ?? '';
    case 'gemini':
      if (role === 'stop') return json(followup ? { decision: 'deny', reason: followup } : {});
      return specific('gemini', role, context) ?? '{}';
  }
}

/** What the hook prints when it has nothing to say, or failed: what the agent reads as "carry on". */
export const silentOutput = (tool: HookTool, role: HookRole): string => encodeHookOutput(tool, role, {});
