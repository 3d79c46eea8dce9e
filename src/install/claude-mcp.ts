// Claude Code: git-session's MCP server in the project's `.mcp.json` (project scope, shared
// through git), as code.claude.com/docs/en/mcp describes it: `{ "mcpServers": { "<name>":
// { "type": "stdio", "command", "args", "env"? } } }`. Edited here rather than through `claude mcp
// add`, which may be absent and whose default scope writes `~/.claude.json`. Claude Code asks
// once per project before it starts a server from `.mcp.json`, and sets CLAUDE_PROJECT_DIR in the
// server's environment. Claude's hooks are claude-settings.ts. Pure.

import { mcpJsonPlanner } from './json-planner.js';

export const claudeMcp = mcpJsonPlanner({
  part: 'claude-mcp',
  path: '.mcp.json',
  what: "Claude Code's project MCP configuration",
  dialect: { trailingCommas: false },
  container: ['mcpServers'],
  entry: (server) => ({ type: 'stdio', command: server.command, args: server.args }),
  argv: (entry) => [entry.command, ...(Array.isArray(entry.args) ? entry.args : [])],
});
