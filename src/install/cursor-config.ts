// Cursor: git-session's hooks in the project's `.cursor/hooks.json` and its MCP server in
// `.cursor/mcp.json`, as cursor.com/docs/hooks and cursor.com/docs/mcp describe them (read
// December 2026). Cursor runs project hooks from the project root, in trusted workspaces, and
// reloads the file when it changes. Pure.
//
// Hooks file: `{ "version": 1, "hooks": { "<event>": [ { "command", "matcher"?, "timeout"? (s),
// "loop_limit"? } ] } }` — one flat list per event, no groups. What each role uses:
//   session-start  sessionStart   its `additional_context` output joins the conversation's
//                                 initial system context (cloud agents do not run it);
//   file-edit      postToolUse    matcher `Write`; `additional_context` lands after the tool's
//                                 result. Cursor has no context channel before an edit
//                                 (preToolUse can only allow or deny);
//   pre-compact    preCompact     observational: it cannot add anything to the context;
//   stop           stop           a `followup_message` is sent as the next user message;
//                                 loop_limit 1 so it can ask once per stop;
//   session-end    sessionEnd     fire and forget.
// Cursor has no per-prompt context hook (beforeSubmitPrompt can only block) and no hook after a
// compaction. It reads every hook's stdout as JSON: guardedHookCommand(…, 'json').

import { ConfigFileError, isAgentHookCommand } from './agent-file.js';
import { hookJsonPlanner, mcpJsonPlanner } from './json-planner.js';
import { type Doc, type Json, type JsonObject, lineColumn, nodeAt } from './jsonc-edit.js';

export type CursorHookRole = 'session-start' | 'file-edit' | 'pre-compact' | 'stop' | 'session-end';

const DIALECT = { trailingCommas: false };

function checkVersion(doc: Doc): void {
  const version = nodeAt(doc, ['version']);
  if (version && version.value !== 1) {
    const at = lineColumn(doc.text, version.offset);
    throw new ConfigFileError(
      `written for another version of Cursor's hooks format ("version": ${doc.text.slice(version.offset, version.offset + version.length)}; git-session knows version 1)`,
      at.line,
      at.column,
      'add the git-session hooks by hand, or update git-session',
    );
  }
}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const cursorHooks = hookJsonPlanner<CursorHookRole>({
  part: 'cursor-hooks',
  path: '.cursor/hooks.json',
  what: 'the Cursor hooks file',
  dialect: DIALECT,
  root: ['hooks'],
  preamble: { version: 1 },
  check: checkVersion,
  isOurs: (entry) => isObject(entry) && isAgentHookCommand(entry.command),
  roles: {
    'session-start': { event: 'sessionStart', entry: (command) => ({ command, timeout: 30 }) },
    'file-edit': { event: 'postToolUse', entry: (command) => ({ command, matcher: 'Write', timeout: 10 }) },
    'pre-compact': { event: 'preCompact', entry: (command) => ({ command, timeout: 30 }) },
    stop: { event: 'stop', entry: (command) => ({ command, timeout: 30, loop_limit: 1 }) },
    'session-end': { event: 'sessionEnd', entry: (command) => ({ command, timeout: 30 }) },
  },
});

/**
 * `${workspaceFolder}` is Cursor's own interpolation: the folder that holds `.cursor/mcp.json`.
 * Cursor does not document the working directory of a stdio server, so a server that accepts a
 * `--cwd` can be told where the repository is: `args: ['session', 'mcp', '--cwd', CURSOR_WORKSPACE_FOLDER]`.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Cursor's interpolation, not ours
export const CURSOR_WORKSPACE_FOLDER = '${workspaceFolder}';

export const cursorMcp = mcpJsonPlanner({
  part: 'cursor-mcp',
  path: '.cursor/mcp.json',
  what: "Cursor's MCP configuration",
  dialect: DIALECT,
  container: ['mcpServers'],
  entry: (server) => ({ type: 'stdio', command: server.command, args: server.args }),
  argv: (entry) => [entry.command, ...(Array.isArray(entry.args) ? entry.args : [])],
});
