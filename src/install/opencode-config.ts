// OpenCode: git-session's MCP server in the project's OpenCode configuration (`opencode.json` or
// `opencode.jsonc` at the top, or under `.opencode/`), which OpenCode reads as JSONC with trailing
// commas. Two generations of the format are in use (opencode.ai/docs/mcp-servers for V1, the npm
// release line 1.x; opencode.ai/v2/docs/mcp-servers for V2, read December 2026):
//   V1  "mcp": { "git-session": { "type": "local", "command": ["git", "session", "mcp"], "enabled": true } }
//   V2  "mcp": { "servers": { "git-session": { "type": "local", "command": ["git", "session", "mcp"] } },
//               "timeout": { … } }
// The command and its arguments are one array (there is no `args`). A file that already uses one
// shape is written in that shape; an empty one in the generation the caller names (from
// `opencode --version`), V1 when it names none. A `mcp` that is neither shape is refused. OpenCode
// has no hooks git-session could use without a plugin (its plugin hooks are `experimental.*`), so
// the brief reaches it through AGENTS.md and the MCP server. Pure.

import {
  type AgentFilePlanner,
  ConfigFileError,
  GIT_SESSION_MCP,
  MCP_SERVER_NAME,
  type McpServerCommand,
} from './agent-file.js';
import { jsonPlanner, statusOf } from './json-planner.js';
import { type Doc, type Json, type JsonObject, jsonValue, lineColumn, nodeAt } from './jsonc-edit.js';
import { type McpEntry, mcpEntryState, removeMcpEntry, setMcpEntry } from './mcp-entry.js';

/** Where OpenCode reads a project's configuration, in the order git-session picks an existing one. */
export const OPENCODE_FILES = [
  'opencode.jsonc',
  'opencode.json',
  '.opencode/opencode.jsonc',
  '.opencode/opencode.json',
] as const;

/** The file to edit: the first that exists, else `opencode.json`. */
export function opencodeFile(exists: (path: string) => boolean): string {
  return OPENCODE_FILES.find(exists) ?? 'opencode.json';
}

export type OpencodeGeneration = 1 | 2;

export interface OpencodeMcpOptions {
  server?: McpServerCommand;
  /** The OpenCode generation to write for when the file does not show one (default 1). */
  generation?: OpencodeGeneration;
}

const SCHEMA = 'https://opencode.ai/config.json';
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The generation a file's `mcp` is written for, or null when it does not show (absent or empty). */
export function opencodeGeneration(doc: Doc): OpencodeGeneration | null {
  const node = nodeAt(doc, ['mcp']);
  if (!node) return null;
  const mcp = jsonValue(node);
  const at = lineColumn(doc.text, node.offset);
  const neither = new ConfigFileError(
    `not usable: its "mcp" (line ${at.line}) is neither OpenCode's V1 shape (mcp.<name>) nor V2's (mcp.servers.<name>)`,
    at.line,
    at.column,
  );
  if (!isObject(mcp)) throw neither;
  const keys = Object.keys(mcp);
  if (keys.length === 0) return null;
  // V2 keeps servers under `servers` and defaults under `timeout`; a V1 server may have either
  // name, and then has a `type` of its own.
  const v2 = ['servers', 'timeout'].some((k) => isObject(mcp[k]) && typeof (mcp[k] as JsonObject).type !== 'string');
  if (v2) {
    if (mcp.servers !== undefined && !isObject(mcp.servers)) throw neither;
    return 2;
  }
  if (keys.every((k) => isObject(mcp[k]) && typeof (mcp[k] as JsonObject).type === 'string')) return 1;
  throw neither;
}

const argv = (entry: JsonObject): unknown[] => (Array.isArray(entry.command) ? entry.command : []);

function spec(generation: OpencodeGeneration, server: McpServerCommand): McpEntry {
  const command = [server.command, ...server.args];
  return generation === 1
    ? { container: ['mcp'], entry: { type: 'local', command, enabled: true }, argv }
    : { container: ['mcp', 'servers'], entry: { type: 'local', command }, argv };
}

/** The generation of an existing entry of ours, looking where each generation puts it. */
function located(doc: Doc): OpencodeGeneration {
  return opencodeGeneration(doc) ?? 1;
}

export function opencodeMcp(path: string): AgentFilePlanner<OpencodeMcpOptions> {
  const want = (doc: Doc | null, o: OpencodeMcpOptions) =>
    spec((doc && opencodeGeneration(doc)) ?? o.generation ?? 1, o.server ?? GIT_SESSION_MCP);
  return jsonPlanner<OpencodeMcpOptions>({
    part: 'opencode-mcp',
    path,
    what: 'the OpenCode configuration',
    dialect: { trailingCommas: true },
    check: (doc) => {
      opencodeGeneration(doc);
    },
    added: `added the ${MCP_SERVER_NAME} MCP server`,
    fresh(o): JsonObject {
      const s = want(null, o);
      const servers = { [MCP_SERVER_NAME]: s.entry };
      if (s.container.length === 1) return { $schema: SCHEMA, mcp: servers };
      return { mcp: { servers } };
    },
    add: (doc, o) => setMcpEntry(doc, want(doc, o)),
    remove: (doc) => removeMcpEntry(doc, spec(located(doc), GIT_SESSION_MCP)),
    present(doc) {
      const { state } = mcpEntryState(doc, spec(located(doc), GIT_SESSION_MCP));
      return state === 'installed' || state === 'partial';
    },
    leftover(doc) {
      const keys = (doc.root.children ?? []).map((c) => c.children?.[0]?.value as string);
      return keys.every((k) => k === '$schema' && nodeAt(doc, ['$schema'])?.value === SCHEMA);
    },
    status(doc, o) {
      if (!doc) return statusOf([], [MCP_SERVER_NAME], []);
      const s = want(doc, o);
      const { state, found } = mcpEntryState(doc, s);
      const notes = found?.enabled === false || found?.disabled === true ? ['the entry is disabled'] : [];
      if (state === 'conflict')
        return statusOf([], [MCP_SERVER_NAME], notes, `an entry named ${MCP_SERVER_NAME} runs something else`);
      if (state === 'absent') return statusOf([], [MCP_SERVER_NAME], notes);
      return statusOf([MCP_SERVER_NAME], state === 'partial' ? [MCP_SERVER_NAME] : [], notes);
    },
  });
}
