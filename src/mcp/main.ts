// The entry of dist/mcp.cjs, a bundle of its own: the MCP SDK and zod (~800 KB) are loaded only by
// `git session mcp`, never by the commands and hooks that run on every commit and switch.

import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { createServer } from './server.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface ServeOptions {
  /** `--cwd`, as typed (relative to the directory the server starts in). */
  cwd?: string;
  env: NodeJS.ProcessEnv;
  stderr(line: string): void;
}

/**
 * Serve MCP on standard input and output until the client closes standard input. The repository
 * of a call without `cwd`: `--cwd`, else CLAUDE_PROJECT_DIR (Claude Code sets it for the servers it
 * starts), else the directory the server was started in.
 */
export async function serve(o: ServeOptions): Promise<void> {
  const base =
    o.cwd !== undefined
      ? resolve(process.cwd(), o.cwd)
      : o.env.CLAUDE_PROJECT_DIR
        ? o.env.CLAUDE_PROJECT_DIR
        : process.cwd();
  const server = createServer({ cwd: base, env: o.env, version: VERSION, log: (l) => o.stderr(`${l}\n`) });
  const closed = new Promise<void>((done) => {
    server.server.onclose = done;
  });
  await server.connect(new StdioServerTransport());
  await closed;
}
