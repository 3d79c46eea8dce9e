// An agent file planner for a JSON or JSONC file: absent, empty and comment-only files, the
// refusals and the record handled once here; each agent module says what its entries are. Pure.

import {
  type AgentFilePlanner,
  ConfigFileError,
  checkHookCommand,
  GIT_SESSION_MCP,
  MCP_SERVER_NAME,
  type McpServerCommand,
  makePlanner,
  type PartStatus,
  unreadable,
} from './agent-file.js';
import { type HookLists, ourEntries, removeOurEntries, setOurEntries } from './hook-lists.js';
import {
  canonical,
  type Doc,
  finish,
  isBlank,
  type Json,
  type JsoncDialect,
  type JsonObject,
  newFile,
  parseDoc,
} from './jsonc-edit.js';
import { type McpEntry, mcpEntryState, removeMcpEntry, setMcpEntry } from './mcp-entry.js';

export interface JsonPlannerParts<Options> {
  part: string;
  path: string;
  what: string;
  dialect: JsoncDialect;
  /** Checks the shape of what the planner will touch; throws ConfigFileError. */
  check?(doc: Doc): void;
  /** The whole content of a file that does not exist yet. */
  fresh(options: Options): JsonObject;
  add(doc: Doc, options: Options): Doc;
  remove(doc: Doc): Doc;
  present(doc: Doc): boolean;
  /** Nothing is left that someone other than git-session wrote (`{}`, or Cursor's `{"version": 1}`). */
  leftover(doc: Doc): boolean;
  status(doc: Doc | null, options: Options): PartStatus;
  added: string;
}

export function jsonPlanner<Options>(p: JsonPlannerParts<Options>): AgentFilePlanner<Options> {
  const read = (text: string): Doc => {
    const doc = parseDoc(text, p.dialect);
    p.check?.(doc);
    return doc;
  };
  return makePlanner<Options>({
    part: p.part,
    path: p.path,
    what: p.what,
    added: p.added,
    add(current, options) {
      if (current === null || current.trim() === '') return newFile(p.fresh(options));
      // A file of comments only keeps them, above the new content.
      if (isBlank(current)) return `${current}${current.endsWith('\n') ? '' : '\n'}${newFile(p.fresh(options))}`;
      return finish(p.add(read(current), options));
    },
    remove(current) {
      if (isBlank(current)) return { text: current, empty: true };
      const doc = p.remove(read(current));
      return { text: finish(doc), empty: p.leftover(doc) };
    },
    present(current) {
      if (current === null || isBlank(current)) return false;
      return p.present(read(current));
    },
    status(current, options) {
      if (current === null || isBlank(current)) return p.status(null, options);
      try {
        return p.status(read(current), options);
      } catch (e) {
        if (e instanceof ConfigFileError) return unreadable(e);
        throw e;
      }
    },
  });
}

/** A status line from what was found and what is missing. */
export function statusOf(found: string[], missing: string[], notes: string[], conflict?: string): PartStatus {
  if (conflict) return { state: 'conflict', detail: conflict, found, missing, notes };
  if (found.length === 0) return { state: 'absent', detail: 'not installed', found, missing, notes };
  const state = missing.length === 0 ? 'installed' : 'partial';
  const detail =
    missing.length === 0 ? found.join(', ') : `${found.join(', ')}; missing or outdated: ${missing.join(', ')}`;
  return { state, detail, found, missing, notes };
}

// ---- MCP server entries ---------------------------------------------------------------------

export interface McpJsonParts {
  part: string;
  path: string;
  what: string;
  dialect: JsoncDialect;
  /** Where the servers are: `['mcpServers']`. */
  container: string[];
  /** The entry git-session writes for a server command. */
  entry(server: McpServerCommand): JsonObject;
  argv(entry: JsonObject): unknown[];
  /** Notes from elsewhere in the file (a list that excludes the server). */
  notes?(doc: Doc): string[];
  check?(doc: Doc): void;
}

/** A planner for git-session's entry in a JSON map of MCP servers; options: the server command. */
export function mcpJsonPlanner(p: McpJsonParts): AgentFilePlanner<McpServerCommand> {
  const spec = (server: McpServerCommand): McpEntry => ({
    container: p.container,
    entry: p.entry(server),
    argv: p.argv,
  });
  const any = spec(GIT_SESSION_MCP);
  return jsonPlanner<McpServerCommand>({
    part: p.part,
    path: p.path,
    what: p.what,
    dialect: p.dialect,
    ...(p.check ? { check: p.check } : {}),
    added: `added the ${MCP_SERVER_NAME} MCP server`,
    fresh(server) {
      let v: JsonObject = { [MCP_SERVER_NAME]: p.entry(server) };
      for (let i = p.container.length - 1; i >= 0; i--) v = { [p.container[i]!]: v };
      return v;
    },
    add: (doc, server) => setMcpEntry(doc, spec(server)),
    remove: (doc) => removeMcpEntry(doc, any),
    present: (doc) => {
      const { state } = mcpEntryState(doc, any);
      return state === 'installed' || state === 'partial';
    },
    leftover: (doc) => (doc.root.children?.length ?? 0) === 0,
    status(doc, server) {
      const notes = doc && p.notes ? p.notes(doc) : [];
      if (!doc) return statusOf([], [MCP_SERVER_NAME], notes);
      const { state } = mcpEntryState(doc, spec(server));
      if (state === 'conflict')
        return statusOf([], [MCP_SERVER_NAME], notes, `an entry named ${MCP_SERVER_NAME} runs something else`);
      if (state === 'absent') return statusOf([], [MCP_SERVER_NAME], notes);
      if (state === 'partial')
        return {
          state,
          detail: `${MCP_SERVER_NAME}, not as this version writes it (run the install again)`,
          found: [MCP_SERVER_NAME],
          missing: [MCP_SERVER_NAME],
          notes,
        };
      return statusOf([MCP_SERVER_NAME], [], notes);
    },
  });
}

// ---- hook entries -------------------------------------------------------------------------

/** What git-session's agent hooks do, whichever agent runs them. */
export type AgentHookRole = 'session-start' | 'user-prompt' | 'file-edit' | 'pre-compact' | 'stop' | 'session-end';

/** Options of a hooks planner: the command each role runs (a role left out is not installed). */
export interface HookCommands<Role extends AgentHookRole = AgentHookRole> {
  commands: Partial<Record<Role, string>>;
}

export interface HookRoleSpec {
  /** The agent's event name. */
  event: string;
  /** The list entry for a command. */
  entry(command: string): Json;
}

export interface HookJsonParts<Role extends AgentHookRole> {
  part: string;
  path: string;
  what: string;
  dialect: JsoncDialect;
  root: string[];
  roles: Record<Role, HookRoleSpec>;
  isOurs(entry: Json): boolean;
  /** Top-level keys a new file starts with besides the hooks (Cursor's `version`). */
  preamble?: JsonObject;
  check?(doc: Doc): void;
  notes?(doc: Doc): string[];
}

export function hookJsonPlanner<Role extends AgentHookRole>(
  p: HookJsonParts<Role>,
): AgentFilePlanner<HookCommands<Role>> {
  const spec: HookLists = { root: p.root, isOurs: p.isOurs };
  const wanted = (options: HookCommands<Role>) => {
    const out = new Map<string, Json>();
    for (const [role, command] of Object.entries(options.commands) as [Role, string | undefined][]) {
      const r = p.roles[role];
      if (!r) throw new Error(`${p.part} has no hook for ${role}`);
      if (command !== undefined) out.set(r.event, r.entry(checkHookCommand(command)));
    }
    return out;
  };
  const roleOf = (event: string) =>
    (Object.entries(p.roles) as [Role, HookRoleSpec][]).find(([, r]) => r.event === event)?.[0] ?? event;
  return jsonPlanner<HookCommands<Role>>({
    part: p.part,
    path: p.path,
    what: p.what,
    dialect: p.dialect,
    ...(p.check ? { check: p.check } : {}),
    added: 'added the git-session hooks',
    fresh(options) {
      let hooks: JsonObject = Object.fromEntries([...wanted(options)].map(([e, entry]) => [e, [entry]]));
      for (let i = p.root.length - 1; i >= 1; i--) hooks = { [p.root[i]!]: hooks };
      return { ...(p.preamble ?? {}), [p.root[0]!]: hooks };
    },
    add: (doc, options) => setOurEntries(doc, spec, wanted(options)),
    remove: (doc) => removeOurEntries(doc, spec),
    present: (doc) => ourEntries(doc, spec).size > 0,
    leftover(doc) {
      const keys = (doc.root.children ?? []).map((c) => c.children?.[0]?.value as string);
      return keys.every((k) => p.preamble?.[k] !== undefined && p.preamble[k] !== null);
    },
    status(doc, options) {
      const want = wanted(options);
      const mine = doc ? ourEntries(doc, spec) : new Map<string, Json[]>();
      const notes = doc && p.notes ? p.notes(doc) : [];
      const found = [...mine.keys()].map(roleOf);
      const missing = [...want]
        .filter(([event, entry]) => {
          const have = mine.get(event);
          return have?.length !== 1 || canonical(have[0]!) !== canonical(entry);
        })
        .map(([event]) => roleOf(event));
      const extra = [...mine.keys()].filter((e) => !want.has(e)).map(roleOf);
      return statusOf(found, [...missing, ...extra.map((r) => `${r} (not asked for)`)], notes);
    },
  });
}
