// OpenAI Codex CLI: git-session's MCP server in the project's `.codex/config.toml` and its hooks in
// `.codex/hooks.json`, as learn.chatgpt.com/docs/extend/mcp and …/docs/hooks describe them (read
// December 2026). Codex loads a project's `.codex/` layer only once the project is trusted, and
// runs a project hook only after the user reviewed its exact definition (`/hooks`): a changed hook
// command is reviewed again. Pure.
//
// config.toml is edited as text: git-session appends one marked block,
//   # >>> git-session >>>
//   [mcp_servers.git-session]
//   command = "git"
//   args = ["session", "mcp"]
//   # <<< git-session <<<
// and every edit is checked with a TOML parser (smol-toml): the file must parse before and after,
// and mean exactly what it meant plus (or minus) that one table. Anything else is refused rather
// than guessed at — a `mcp_servers` written as an inline table cannot take a new table, for one.
//
// hooks.json has Claude Code's shape: `{ "hooks": { "<Event>": [ { "matcher"?, "hooks": [ { "type":
// "command", "command", "timeout" (s) } ] } ] } }`. What each role uses:
//   session-start  SessionStart      matcher startup|resume|clear|compact; stdout or
//                                    `additionalContext` is developer context (also after a compaction);
//   user-prompt    UserPromptSubmit  the same, for the turn;
//   file-edit      PreToolUse        matcher apply_patch (edits go through it; the paths are in the
//                                    patch text of `tool_input.command`, not in a file_path);
//   pre-compact    PreCompact        matcher manual|auto;
//   stop           Stop              must print JSON when it exits 0;
//   session-end    SessionEnd        at most 3 seconds.

import { parse, TomlError } from 'smol-toml';
import {
  type AgentFilePlanner,
  ConfigFileError,
  GIT_SESSION_MCP,
  isAgentHookCommand,
  MCP_SERVER_NAME,
  type McpServerCommand,
  makePlanner,
  type PartStatus,
  runsGitSessionMcp,
  unreadable,
} from './agent-file.js';
import { hookJsonPlanner, statusOf } from './json-planner.js';
import type { Json, JsonObject } from './jsonc-edit.js';

export type CodexHookRole = 'session-start' | 'user-prompt' | 'file-edit' | 'pre-compact' | 'stop' | 'session-end';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const group = (command: string, matcher?: string, timeout = 30): Json => ({
  ...(matcher ? { matcher } : {}),
  hooks: [{ type: 'command', command, timeout }],
});

export const codexHooks = hookJsonPlanner<CodexHookRole>({
  part: 'codex-hooks',
  path: '.codex/hooks.json',
  what: 'the Codex hooks file',
  dialect: { trailingCommas: false },
  root: ['hooks'],
  isOurs: (entry) =>
    isObject(entry) &&
    Array.isArray(entry.hooks) &&
    entry.hooks.some((h) => isObject(h) && isAgentHookCommand(h.command)),
  roles: {
    'session-start': { event: 'SessionStart', entry: (c) => group(c, 'startup|resume|clear|compact') },
    'user-prompt': { event: 'UserPromptSubmit', entry: (c) => group(c) },
    'file-edit': { event: 'PreToolUse', entry: (c) => group(c, 'apply_patch') },
    'pre-compact': { event: 'PreCompact', entry: (c) => group(c, 'manual|auto') },
    stop: { event: 'Stop', entry: (c) => group(c) },
    'session-end': { event: 'SessionEnd', entry: (c) => group(c, undefined, 3) },
  },
});

// ---- config.toml --------------------------------------------------------------------------------

const BEGIN = '# >>> git-session >>>';
const END = '# <<< git-session <<<';
const TABLE = `mcp_servers.${MCP_SERVER_NAME}`;

type Toml = Record<string, unknown>;

/** Integers beyond 2^53 are kept exactly (as bigint), so comparing meanings never rounds. */
const parseToml = (text: string): Toml => parse(text, { integersAsBigInt: 'asNeeded' });

function readToml(text: string): Toml {
  try {
    return parseToml(text);
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new ConfigFileError(`not valid TOML (${first} at line ${e.line}, column ${e.column})`, e.line, e.column);
    }
    throw e;
  }
}

/** A stable text of a parsed TOML value, for "means the same" checks. */
function canonical(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return JSON.stringify(`${v.constructor.name}:${String(v)}`);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const table = (doc: Toml, key: string): Record<string, unknown> | undefined => {
  const v = (doc as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
    ? (v as Record<string, unknown>)
    : undefined;
};

function ourTable(doc: Toml): Record<string, unknown> | undefined {
  const v = table(doc, 'mcp_servers')?.[MCP_SERVER_NAME];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const argvOf = (t: Record<string, unknown>) => [t.command, ...(Array.isArray(t.args) ? t.args : [])];

/** The document without our table (and without `mcp_servers` when ours was all it held). */
function withoutOurs(doc: Toml): Toml {
  const copy = { ...doc } as Record<string, unknown>;
  const servers = table(doc, 'mcp_servers');
  if (!servers || !(MCP_SERVER_NAME in servers)) return doc;
  const rest = { ...servers };
  delete rest[MCP_SERVER_NAME];
  if (Object.keys(rest).length === 0) delete copy.mcp_servers;
  else copy.mcp_servers = rest;
  return copy as Toml;
}

const sameMeaning = (a: Toml, b: Toml) => canonical(a) === canonical(b);

function block(server: McpServerCommand, eol: string): string {
  const lines = [
    BEGIN,
    `[${TABLE}]`,
    `command = ${JSON.stringify(server.command)}`,
    `args = [${server.args.map((a) => JSON.stringify(a)).join(', ')}]`,
    END,
  ];
  return lines.join(eol) + eol;
}

/** Where our marked block is: from the start of its BEGIN line to the end of its END line. */
function blockSpan(text: string): { start: number; end: number } | null {
  const begin = new RegExp(`^${BEGIN}[ \\t]*\\r?$`, 'm').exec(text);
  if (!begin) return null;
  const endRe = new RegExp(`^${END}[ \\t]*(\\r?\\n|$)`, 'm');
  const rest = text.slice(begin.index);
  const end = endRe.exec(rest);
  if (!end) return null;
  return { start: begin.index, end: begin.index + end.index + end[0].length };
}

/** The text with our block taken out, together with the blank line the install put before it. */
function cutBlock(text: string, span: { start: number; end: number }): string {
  let start = span.start;
  const before = text.slice(0, start);
  const blank = /(\r?\n)(\r?\n)$/.exec(before);
  if (blank) start -= blank[2]!.length;
  return text.slice(0, start) + text.slice(span.end);
}

/** A hand-written `[mcp_servers.git-session]` table: from its header to the next header. */
function tableSpan(text: string): { start: number; end: number } | null {
  const header =
    /^[ \t]*\[[ \t]*mcp_servers[ \t]*\.[ \t]*(?:git-session|"git-session"|'git-session')[ \t]*\][ \t]*(#.*)?\r?$/m.exec(
      text,
    );
  if (!header) return null;
  const after = header.index + header[0].length;
  const next = /^[ \t]*\[/m.exec(text.slice(after));
  const end = next ? after + next.index : text.length;
  return { start: header.index, end };
}

function addToToml(current: string | null, server: McpServerCommand): string {
  const text = current ?? '';
  const before = readToml(text);
  const existing = ourTable(before);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const span = blockSpan(text);
  if (existing) {
    if (!runsGitSessionMcp(argvOf(existing)))
      throw new ConfigFileError(
        `not changed: its [${TABLE}] does not run \`git session mcp\``,
        undefined,
        undefined,
        "rename or remove that table if it is not meant to be git-session's, then run the install again",
      );
    if (canonical(argvOf(existing)) === canonical([server.command, ...server.args])) return text;
    // Ours, from an older install: its command and args lines are written again in place, so
    // what the user added to the table (env, timeouts, enabled_tools) stays.
    if (!span) return text;
    const inside = text.slice(span.start, span.end);
    const lines: [RegExp, string][] = [
      [/^command[ \t]*=.*$/m, `command = ${JSON.stringify(server.command)}`],
      [/^args[ \t]*=.*$/m, `args = [${server.args.map((a) => JSON.stringify(a)).join(', ')}]`],
    ];
    let rewritten = inside;
    for (const [re, line] of lines) rewritten = re.test(rewritten) ? rewritten.replace(re, line) : rewritten;
    const out = text.slice(0, span.start) + rewritten + text.slice(span.end);
    check(out, before, server, existing);
    return out;
  }
  const sep = text.trim() === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
  const out = text + sep + block(server, eol);
  check(out, before, server);
  return out;
}

/**
 * The new text must parse and mean the old one plus our table, exactly; a table of ours that was
 * there keeps every key but its command and args.
 */
function check(out: string, before: Toml, server: McpServerCommand, was?: Record<string, unknown>): void {
  let after: Toml;
  try {
    after = parseToml(out);
  } catch {
    throw new ConfigFileError(
      was
        ? `not changed: its [${TABLE}] is written in a way git-session cannot rewrite in place`
        : 'written in a form git-session cannot add a table to (is mcp_servers an inline table?)',
      undefined,
      undefined,
      `${was ? 'set' : `add [${TABLE}] with`} command = "${server.command}" and args = ${JSON.stringify(server.args)}${was ? ` in [${TABLE}]` : ''} by hand`,
    );
  }
  const ours = ourTable(after);
  const rest = (t: Record<string, unknown>) => canonical({ ...t, command: null, args: null });
  if (
    !ours ||
    canonical(argvOf(ours)) !== canonical([server.command, ...server.args]) ||
    (was && rest(ours) !== rest(was)) ||
    !sameMeaning(withoutOurs(after), withoutOurs(before))
  )
    throw new ConfigFileError(
      `not changed: git-session cannot write its [${TABLE}] without changing what else the file says`,
      undefined,
      undefined,
      `set command = "${server.command}" and args = ${JSON.stringify(server.args)} in [${TABLE}] by hand`,
    );
}

function removeFromToml(current: string): { text: string; empty: boolean } {
  const before = readToml(current);
  if (!ourTable(before) || !runsGitSessionMcp(argvOf(ourTable(before)!))) return { text: current, empty: false };
  const span = blockSpan(current);
  let out: string | null = null;
  if (span) out = cutBlock(current, span);
  else {
    const t = tableSpan(current);
    if (t) out = current.slice(0, t.start) + current.slice(t.end);
  }
  let after: Toml | null = null;
  try {
    after = out === null ? null : parseToml(out);
  } catch {
    after = null;
  }
  if (out === null || after === null || ourTable(after) || !sameMeaning(after, withoutOurs(before)))
    throw new ConfigFileError(
      `not changed: its [${TABLE}] is written in a way git-session cannot take out on its own`,
      undefined,
      undefined,
      `remove the [${TABLE}] table by hand`,
    );
  return { text: out, empty: Object.keys(after).length === 0 && out.replace(/#.*$/gm, '').trim() === '' };
}

function tomlStatus(current: string | null, server: McpServerCommand): PartStatus {
  if (current === null) return statusOf([], [MCP_SERVER_NAME], []);
  let doc: Toml;
  try {
    doc = readToml(current);
  } catch (e) {
    return unreadable(e);
  }
  const ours = ourTable(doc);
  if (!ours) return statusOf([], [MCP_SERVER_NAME], []);
  if (!runsGitSessionMcp(argvOf(ours))) return statusOf([], [MCP_SERVER_NAME], [], `[${TABLE}] runs something else`);
  const notes = ours.enabled === false ? [`[${TABLE}] has enabled = false`] : [];
  const same = canonical(argvOf(ours)) === canonical([server.command, ...server.args]);
  return statusOf([MCP_SERVER_NAME], same ? [] : [MCP_SERVER_NAME], notes);
}

export const codexMcp: AgentFilePlanner<McpServerCommand> = makePlanner<McpServerCommand>({
  part: 'codex-mcp',
  path: '.codex/config.toml',
  what: 'the Codex configuration',
  added: `added the ${MCP_SERVER_NAME} MCP server`,
  add: (current, server) => addToToml(current, server ?? GIT_SESSION_MCP),
  remove: removeFromToml,
  present(current) {
    if (current === null) return false;
    const ours = ourTable(readToml(current));
    return ours !== undefined && runsGitSessionMcp(argvOf(ours));
  },
  status: (current, server) => tomlStatus(current, server ?? GIT_SESSION_MCP),
});

/**
 * What `.codex/config.toml` says about hooks, for `agent status codex`: notes on hooks that are
 * turned off, or also written inline (Codex then merges both and warns at start-up).
 */
export function codexConfigNotes(configToml: string | null): string[] {
  if (configToml === null) return [];
  let doc: Toml;
  try {
    doc = readToml(configToml);
  } catch {
    return [];
  }
  const notes: string[] = [];
  const features = table(doc, 'features');
  if (features?.hooks === false || features?.codex_hooks === false)
    notes.push('.codex/config.toml turns hooks off ([features] hooks = false)');
  if (table(doc, 'hooks') !== undefined)
    notes.push('.codex/config.toml also has inline [hooks]; Codex merges them with .codex/hooks.json and warns');
  return notes;
}
