// `git session agent install|uninstall|status [<target>…] [--for <client>…]`, and `agent hook …`,
// what the installed agent hooks run: `agent hook <role>` for Claude Code (as installed by earlier
// versions too), `agent hook <agent> <role>` for Cursor, Codex and Gemini CLI. A hook reads the
// agent's JSON on stdin and prints the agent's own form of the answer; whatever happens, it exits
// 0 and prints what the agent reads as "carry on", with one line on stderr when something failed.

import { readSync } from 'node:fs';
import {
  AGENT_TARGETS,
  type AgentStatus,
  type AgentTarget,
  agentStatus,
  changeAgents,
  MCP_CLIENTS,
  type McpClient,
  type TargetStatus,
} from '../app/agent.js';
import type { Context } from '../app/context.js';
import {
  decodeHookInput,
  encodeHookOutput,
  HOOK_ROLES,
  HOOK_TOOLS,
  type HookRole,
  type HookTool,
  silentOutput,
} from '../codec/agent-hook-io.js';
import { redactSecrets, scanSecrets } from '../core/secrets.js';
import { usageError } from '../model/errors.js';
import { type Style, safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export interface AgentOptions {
  /** `--for`: the clients of `agent install mcp`. */
  clients: string[];
}

function targets(args: string[], verb: string, clients: readonly string[]): AgentTarget[] {
  if (args.length === 0)
    throw usageError(`agent ${verb} needs a target`, `git session agent ${verb} ${AGENT_TARGETS.join(' | ')}`);
  for (const a of args)
    if (!AGENT_TARGETS.includes(a as AgentTarget))
      throw usageError(`unknown agent target '${safeLine(a)}'`, `use one of: ${AGENT_TARGETS.join(', ')}`);
  const wantsMcp = args.includes('mcp');
  if (wantsMcp && clients.length === 0)
    throw usageError(
      `agent ${verb} mcp needs the clients to configure`,
      `git session agent ${verb} mcp --for ${MCP_CLIENTS.join(',')}`,
    );
  if (!wantsMcp && clients.length > 0)
    throw usageError('--for names the clients of the mcp target', `git session agent ${verb} mcp --for ${clients[0]}`);
  return [...new Set(args)] as AgentTarget[];
}

function mcpClients(values: readonly string[]): McpClient[] {
  for (const c of values)
    if (!MCP_CLIENTS.includes(c as McpClient))
      throw usageError(`unknown MCP client '${safeLine(c)}'`, `use one of: ${MCP_CLIENTS.join(', ')}`);
  return [...new Set(values)] as McpClient[];
}

export async function agent(
  ctx: Context,
  io: Io,
  action: string | undefined,
  args: string[],
  options: AgentOptions = { clients: [] },
): Promise<Output> {
  switch (action ?? 'status') {
    case 'install':
    case 'uninstall': {
      const verb = action as 'install' | 'uninstall';
      const clients = mcpClients(options.clients);
      const { lines, notes } = changeAgents(ctx, verb, targets(args, verb, clients), clients);
      return { json: agentStatus(ctx), text: lines.join('\n'), notes };
    }
    case 'status': {
      const s = pickStatus(agentStatus(ctx), args, mcpClients(options.clients));
      // Every file is listed; one that could not be read makes the status an error, as a
      // status that read only part of what it reports on must not look clean.
      const unreadable = shownTargets(s).filter((t) => t.state === 'unreadable');
      return unreadable.length > 0
        ? {
            json: s,
            text: statusText(s, io.style),
            notes: [
              `git-session: could not read ${[...new Set(unreadable.map((t) => safeLine(t.path)))].join(', ')} — the status says why; fix or remove it and ask again`,
            ],
            exitCode: 1,
          }
        : { json: s, text: statusText(s, io.style) };
    }
    default:
      throw usageError(
        `unknown agent action '${safeLine(action ?? '')}'`,
        'git session agent install | uninstall | status',
      );
  }
}

/** What `agent status` shows: every target, or those named. */
type ShownStatus = Partial<Omit<AgentStatus, 'mcp'>> & { mcp?: Partial<Record<McpClient, TargetStatus>> };

/** The status of the targets named (every one when none is); of mcp, the clients of --for (else each). */
function pickStatus(all: AgentStatus, args: readonly string[], clients: readonly McpClient[]): ShownStatus {
  for (const a of args)
    if (!AGENT_TARGETS.includes(a as AgentTarget))
      throw usageError(`unknown agent target '${safeLine(a)}'`, `use one of: ${AGENT_TARGETS.join(', ')}`);
  if (clients.length > 0 && args.length > 0 && !args.includes('mcp'))
    throw usageError('--for names the clients of the mcp target', `git session agent status mcp --for ${clients[0]}`);
  if (args.length === 0 && clients.length === 0) return all;
  const out: ShownStatus = {};
  for (const t of args.length === 0 ? ['mcp'] : new Set(args)) {
    if (t !== 'mcp') Object.assign(out, { [t]: all[t as Exclude<AgentTarget, 'mcp'>] });
    else out.mcp = Object.fromEntries((clients.length > 0 ? clients : MCP_CLIENTS).map((c) => [c, all.mcp[c]]));
  }
  return out;
}

const isTarget = (v: unknown): v is TargetStatus => typeof v === 'object' && v !== null && 'state' in v;

/** Every target status shown, the MCP clients' too. */
const shownTargets = (s: ShownStatus): TargetStatus[] => [
  ...Object.values(s).filter(isTarget),
  ...Object.values(s.mcp ?? {}).filter(isTarget),
];

function statusLine(style: Style, name: string, t: TargetStatus): string {
  const mark =
    t.state === 'installed'
      ? style.green('✓')
      : t.state === 'partial' || t.state === 'conflict' || t.state === 'unreadable'
        ? style.yellow('!')
        : style.dim('·');
  const notes = t.notes.length > 0 ? ` (${t.notes.map(safeLine).join('; ')})` : '';
  return `${mark} ${name.padEnd(12)} ${safeLine(t.path)}: ${safeLine(t.detail)}${notes}`;
}

function statusText(s: ShownStatus, style: Style): string {
  const lines: string[] = [];
  for (const t of ['claude', 'cursor', 'codex', 'gemini', 'opencode', 'agents-md'] as const) {
    const one = s[t];
    if (one) lines.push(statusLine(style, t, one));
  }
  for (const c of MCP_CLIENTS) {
    const one = s.mcp?.[c];
    if (one) lines.push(statusLine(style, `mcp ${c}`, one));
  }
  return lines.join('\n');
}

// ---- agent hook ---------------------------------------------------------------------------------

/** More than any agent's hook payload; a larger one is not read (the hook says nothing). */
const MAX_HOOK_INPUT = 8 * 1024 * 1024;

/** The agent's JSON on stdin; null when there is none, or it is too large or not JSON. */
function readHookInput(): unknown {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  const buf = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      const n = readSync(0, buf, 0, buf.length, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_HOOK_INPUT) return null;
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.trim() === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** Claude Code's hooks are named by their event where it differs from the role. */
const CLAUDE_HOOK_NAMES: Readonly<Record<string, HookRole>> = { 'pre-tool-use': 'file-edit' };

/** `agent hook <role>` (Claude Code) or `agent hook <agent> <role>`; null when it names neither. */
export function hookTarget(args: readonly string[]): { tool: HookTool; role: HookRole } | null {
  const [first, second] = args;
  if (second === undefined) {
    const role = Object.hasOwn(CLAUDE_HOOK_NAMES, first ?? '') ? CLAUDE_HOOK_NAMES[first!]! : first;
    return HOOK_ROLES.includes(role as HookRole) ? { tool: 'claude', role: role as HookRole } : null;
  }
  if (!HOOK_TOOLS.includes(first as HookTool) || !HOOK_ROLES.includes(second as HookRole)) return null;
  return { tool: first as HookTool, role: second as HookRole };
}

/**
 * What an installed agent hook runs. `makeContext` finds the repository (where the agent runs
 * the hook, else where the agent says it works); an agent that runs it elsewhere gets silence.
 */
export async function agentHook(
  args: readonly string[],
  makeContext: (cwd: string | null) => Context | null,
): Promise<Output> {
  const target = hookTarget(args);
  if (!target) {
    const named = args.map((a) => safeLine(a)).join(' ');
    return { json: null, text: '', notes: [`git-session: unknown agent hook '${named}'`] };
  }
  const input = decodeHookInput(target.tool, readHookInput(), process.env);
  // Cursor runs Claude Code's hooks too, and reads their answer in its own form.
  const speaks: HookTool = target.tool === 'claude' && input.fromCursor ? 'cursor' : target.tool;
  try {
    const ctx = makeContext(input.cwd);
    if (!ctx) return { json: null, text: silentOutput(speaks, target.role) };
    const { answerHook } = await import('../app/agent-hooks.js');
    const { answer, notes } = await answerHook(ctx, target.role, input, target.tool === 'claude');
    return { json: null, text: encodeHookOutput(speaks, target.role, answer), notes };
  } catch (e) {
    // An agent hook never stands in the agent's way.
    const message = e instanceof Error ? e.message : String(e);
    return {
      json: null,
      text: silentOutput(speaks, target.role),
      notes: [`git-session: ${safeLine(redactSecrets(message, scanSecrets(message)))} (the agent was not affected)`],
    };
  }
}
