// git-session's entry in an agent's JSON map of MCP servers (`mcpServers`, OpenCode's `mcp` or
// `mcp.servers`): added under the name `git-session`; when an entry of that name already starts
// `git session mcp`, only the keys git-session writes are set, so what the user added to it (an
// `env`, a `timeout`, `trust`) stays; an entry of that name that runs something else is the user's
// and is refused, never replaced. Pure, over the jsonc-edit Doc.

import { ConfigFileError, MCP_SERVER_NAME, runsGitSessionMcp } from './agent-file.js';
import {
  canonical,
  type Doc,
  expectAt,
  type Json,
  type JsonObject,
  jsonValue,
  lineColumn,
  nodeAt,
  removeAt,
  removeIfEmpty,
  setPath,
  setProperty,
} from './jsonc-edit.js';

export interface McpEntry {
  /** Where the servers are: `['mcpServers']`. */
  container: string[];
  /** The keys git-session writes, in order. */
  entry: JsonObject;
  /** The command line an existing entry runs (command and arguments), to recognise ours. */
  argv(entry: JsonObject): unknown[];
}

export type McpEntryState = 'installed' | 'partial' | 'absent' | 'conflict';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state of our entry in the file, and the entry found there. Throws ConfigFileError on a file of the wrong shape. */
export function mcpEntryState(doc: Doc, spec: McpEntry): { state: McpEntryState; found?: JsonObject } {
  for (let i = 1; i <= spec.container.length; i++) if (!expectAt(doc, spec.container.slice(0, i), 'object')) break;
  const node = nodeAt(doc, [...spec.container, MCP_SERVER_NAME]);
  if (!node) return { state: 'absent' };
  const value = jsonValue(node);
  if (!isObject(value) || !runsGitSessionMcp(spec.argv(value))) return { state: 'conflict' };
  const differs = Object.keys(spec.entry).some(
    (k) => value[k] === undefined || canonical(value[k]!) !== canonical(spec.entry[k]!),
  );
  return { state: differs ? 'partial' : 'installed', found: value };
}

function conflict(doc: Doc, spec: McpEntry): ConfigFileError {
  const node = nodeAt(doc, [...spec.container, MCP_SERVER_NAME])!;
  const at = lineColumn(doc.text, node.offset);
  const where = [...spec.container, MCP_SERVER_NAME].join('.');
  return new ConfigFileError(
    `not changed: its "${where}" (line ${at.line}) does not run \`git session mcp\``,
    at.line,
    at.column,
    `rename or remove that entry if it is not meant to be git-session's, then run the install again`,
  );
}

export function setMcpEntry(doc: Doc, spec: McpEntry): Doc {
  const { state, found } = mcpEntryState(doc, spec);
  if (state === 'conflict') throw conflict(doc, spec);
  if (state === 'absent') return setPath(doc, [...spec.container, MCP_SERVER_NAME], spec.entry);
  let out = doc;
  for (const [k, v] of Object.entries(spec.entry))
    if (found?.[k] === undefined || canonical(found[k]!) !== canonical(v))
      out = setProperty(out, [...spec.container, MCP_SERVER_NAME], k, v);
  return out;
}

/** Our entry taken out (someone else's of the same name stays), and the containers it leaves empty. */
export function removeMcpEntry(doc: Doc, spec: McpEntry): Doc {
  const { state } = mcpEntryState(doc, spec);
  if (state === 'absent' || state === 'conflict') return doc;
  const out = removeAt(doc, [...spec.container, MCP_SERVER_NAME]);
  return removeIfEmpty(
    out,
    spec.container.map((_, i) => spec.container.slice(0, i + 1)),
  );
}
