// Gemini CLI: git-session's hooks and MCP server in the project's `.gemini/settings.json`, as
// google-gemini/gemini-cli's docs/hooks/reference.md and docs/tools/mcp-server.md describe them
// (0.56, read December 2026). Gemini reads the file as JSON with comments (no trailing commas).
// Both planners edit the same file; the caller applies one after the other, and the install
// record tracks both parts. Pure.
//
// Hooks: `{ "hooks": { "<Event>": [ { "matcher"?, "hooks": [ { "name", "type": "command",
// "command", "timeout" (ms) } ] } ] } }`. What each role uses:
//   session-start  SessionStart   `additionalContext` is the first turn (startup, resume, clear;
//                                 Gemini has no SessionStart after a compression);
//   user-prompt    BeforeAgent    `additionalContext` is appended to this turn's prompt;
//   file-edit      AfterTool      matcher `write_file|replace`; `additionalContext` is appended
//                                 to the tool result (BeforeTool cannot add context);
//   pre-compact    PreCompress    asynchronous, observational;
//   stop           AfterAgent     a `deny` decision sends its reason back as a new prompt;
//   session-end    SessionEnd     best effort, not awaited.
// Stdout must be JSON only. Gemini fingerprints project hooks and warns before a new or changed
// one runs.
//
// MCP: `{ "mcpServers": { "git-session": { "command", "args" } } }` ("do not use underscores in
// server names": git-session has none); `mcp.excluded` / `mcp.allowed` can keep it from starting.

import { isAgentHookCommand } from './agent-file.js';
import { hookJsonPlanner, mcpJsonPlanner } from './json-planner.js';
import { type Doc, type Json, type JsonObject, jsonValue, nodeAt } from './jsonc-edit.js';

export type GeminiHookRole = 'session-start' | 'user-prompt' | 'file-edit' | 'pre-compact' | 'stop' | 'session-end';

const DIALECT = { trailingCommas: false };
const PATH = '.gemini/settings.json';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const at = (doc: Doc, path: string[]): Json | undefined => {
  const node = nodeAt(doc, path);
  return node ? jsonValue(node) : undefined;
};

const group = (role: string, command: string, matcher?: string): Json => ({
  ...(matcher ? { matcher } : {}),
  hooks: [{ name: `git-session-${role}`, type: 'command', command, timeout: 30_000 }],
});

export const geminiHooks = hookJsonPlanner<GeminiHookRole>({
  part: 'gemini-hooks',
  path: PATH,
  what: 'the Gemini CLI settings',
  dialect: DIALECT,
  root: ['hooks'],
  isOurs: (entry) =>
    isObject(entry) &&
    Array.isArray(entry.hooks) &&
    entry.hooks.some((h) => isObject(h) && isAgentHookCommand(h.command)),
  roles: {
    'session-start': { event: 'SessionStart', entry: (c) => group('session-start', c) },
    'user-prompt': { event: 'BeforeAgent', entry: (c) => group('user-prompt', c) },
    'file-edit': { event: 'AfterTool', entry: (c) => group('file-edit', c, 'write_file|replace') },
    'pre-compact': { event: 'PreCompress', entry: (c) => group('pre-compact', c) },
    stop: { event: 'AfterAgent', entry: (c) => group('stop', c) },
    'session-end': { event: 'SessionEnd', entry: (c) => group('session-end', c) },
  },
  notes(doc) {
    const notes: string[] = [];
    if (at(doc, ['hooksConfig', 'enabled']) === false)
      notes.push('hooksConfig.enabled is false in this file: Gemini CLI runs no hooks');
    const disabled = at(doc, ['hooksConfig', 'disabled']);
    if (Array.isArray(disabled)) {
      const ours = disabled.filter((n) => typeof n === 'string' && n.startsWith('git-session-'));
      if (ours.length > 0) notes.push(`hooksConfig.disabled turns off ${ours.join(', ')}`);
    }
    return notes;
  },
});

export const geminiMcp = mcpJsonPlanner({
  part: 'gemini-mcp',
  path: PATH,
  what: 'the Gemini CLI settings',
  dialect: DIALECT,
  container: ['mcpServers'],
  entry: (server) => ({ command: server.command, args: server.args }),
  argv: (entry) => [entry.command, ...(Array.isArray(entry.args) ? entry.args : [])],
  notes(doc) {
    const notes: string[] = [];
    const excluded = at(doc, ['mcp', 'excluded']);
    if (Array.isArray(excluded) && excluded.includes('git-session'))
      notes.push('mcp.excluded names git-session: Gemini CLI does not start it');
    const allowed = at(doc, ['mcp', 'allowed']);
    if (Array.isArray(allowed) && !allowed.includes('git-session'))
      notes.push('mcp.allowed does not name git-session: Gemini CLI does not start it');
    return notes;
  },
});
