// `git session mcp`: an MCP server over stdio, on the official TypeScript SDK (its v2 line,
// @modelcontextprotocol/server). Each tool call runs one git-session command in this process for
// the repository it names (`cwd`), else the one the server was started for: a fresh context per
// call (the branch may have changed since the last), the same store lock as the CLI, one call at a
// time. A failure is the tool's result (`isError`, the message and hint a person would read),
// never a crash of the server; standard output is the protocol's alone — warnings go into the
// result, anything else to standard error.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { McpServer } from '@modelcontextprotocol/server';
import { createContext } from '../app/context.js';
import { unexplainedFsFailure } from '../app/failure.js';
import type { Io, Output } from '../commands/output.js';
import { redactSecrets, scanSecrets } from '../core/secrets.js';
import { GitSessionError, userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import { makeStyle, safeLine } from '../render/term.js';
import { TOOLS } from './tools.js';

export interface ServerOptions {
  /** Where a call without `cwd` acts (`--cwd`, else CLAUDE_PROJECT_DIR, else the process's directory). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** One line for standard error. */
  log(line: string): void;
}

/** What agents read once, at the start (Codex keeps the first 512 characters). */
export const INSTRUCTIONS =
  "git-session keeps this git branch's working context: objectives, decisions and why, blockers, progress, next steps. " +
  'Call brief when starting or resuming work. Before changing a file, why gives the decisions behind it. ' +
  'Record decisions (with rationale), progress, discoveries, next steps and blockers as they happen (record). ' +
  'search finds earlier decisions and notes of every session; handoff leaves notes for whoever continues.';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const IO: Io = { json: false, style: makeStyle(false) };

/**
 * The message and hint a person would read on standard error. As there, an error that quotes what
 * was asked (a session named by a token) shows `[secret: <rule>]` in place of a secret.
 */
function failure(e: unknown): string {
  const known = e instanceof GitSessionError ? e : unexplainedFsFailure(e);
  const text =
    known instanceof GitSessionError
      ? `${known.message}${known.hint ? ` — ${known.hint}` : ''}`
      : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  return redactSecrets(text, scanSecrets(text));
}

const textResult = (text: string, isError = false) => ({
  content: [{ type: 'text' as const, text }],
  ...(isError ? { isError: true } : {}),
});

export function createServer(o: ServerOptions): McpServer {
  const server = new McpServer({ name: 'git-session', version: o.version }, { instructions: INSTRUCTIONS });
  // One call at a time: a second waits for the first (commands read, decide and write in turn).
  let queue: Promise<unknown> = Promise.resolve();
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: tool.readOnly, destructiveHint: false, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => {
        const call = queue.then(async () => {
          const warnings: string[] = [];
          try {
            const where = typeof args.cwd === 'string' ? resolve(o.cwd, args.cwd) : o.cwd;
            // Else git's spawn fails on the missing directory, which reads as git missing.
            if (!isDirectory(where))
              throw userError('no-directory', `'${clip(where)}' is not a directory`, 'give cwd as a repository folder');
            const ctx = createContext(where, o.env, (m) => warnings.push(`warning: ${safeLine(m)}`));
            // As the CLI does: the configuration read first, so what is wrong with it is said.
            await ctx.config().catch(() => undefined);
            const out: Output = await (tool.run as (c: typeof ctx, io: Io, a: unknown) => Promise<Output>)(
              ctx,
              IO,
              args,
            );
            const text = [out.text, ...(out.notes ?? []), ...warnings].filter((t) => t !== '').join('\n');
            return textResult(text === '' ? 'Done.' : text, (out.exitCode ?? 0) !== 0);
          } catch (e) {
            if (!(e instanceof GitSessionError) && o.env.GIT_SESSION_DEBUG === '1' && e instanceof Error)
              o.log(e.stack ?? e.message);
            return textResult([failure(e), ...warnings].join('\n'), true);
          }
        });
        queue = call.catch(() => undefined);
        return call;
      },
    );
  }
  server.server.onerror = (e) => o.log(`git-session mcp: ${safeLine(e.message)}`);
  return server;
}
