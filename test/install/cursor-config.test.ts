import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { GIT_SESSION_MCP, guardedHookCommand } from '../../src/install/agent-file.js';
import { CURSOR_WORKSPACE_FOLDER, cursorHooks, cursorMcp } from '../../src/install/cursor-config.js';
import { plannerContract, written } from '../helpers/planner-contract.js';

const read = (text: string) => parse(text.replace(/^\uFEFF/, ''));

const commands = {
  'session-start': guardedHookCommand('cursor session-start', 'json'),
  'file-edit': guardedHookCommand('cursor file-edit', 'json'),
  'pre-compact': guardedHookCommand('cursor pre-compact', 'json'),
  stop: guardedHookCommand('cursor stop', 'json'),
  'session-end': guardedHookCommand('cursor session-end', 'json'),
};

// A hooks file as the docs show them, with the user's own hooks and a comment.
const HOOKS = `{
  "version": 1,
  // the team's formatter
  "hooks": {
    "afterFileEdit": [{ "command": ".cursor/hooks/format.sh" }],
    "stop": [
      {
        "command": ".cursor/hooks/audit.sh",
        "loop_limit": 10
      }
    ]
  }
}
`;

describe('Cursor hooks (.cursor/hooks.json)', () => {
  const ours = (text: string) =>
    Object.values((read(text).hooks ?? {}) as Record<string, { command: string }[]>).some((list) =>
      list.some((e) => e.command.includes('git session agent hook')),
    );
  plannerContract({
    planner: cursorHooks,
    options: { commands },
    existing: HOOKS,
    crlfTabs: '{\r\n\t"version": 1,\r\n\t"hooks": {\r\n\t\t"stop": [{ "command": "say done" }]\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{\n  "hooks": {\n    "stop": [ }\n}\n', line: 3, column: 15 },
      { text: '{ "version": 1, }', line: 1, column: 17 },
      { text: '[]', line: 1, column: 1 },
      { text: '{"version": 2, "hooks": {}}', line: 1, column: 13 },
      { text: '{"hooks": []}', line: 1, column: 11 },
      { text: '{"hooks": {"stop": {}}}', line: 1, column: 20 },
      { text: '{"hooks": {}, "hooks": {"stop": []}}', line: 1, column: 15 },
    ],
    installed: ours,
    userKept(text) {
      const v = read(text);
      expect(v.version).toBe(1);
      expect(v.hooks.afterFileEdit?.[0]?.command ?? '.cursor/hooks/format.sh').toBe('.cursor/hooks/format.sh');
    },
    edit: (text) => text.replace('"version": 1,', '"version": 1,\n  "x-team": true,'),
    editKept: (text) => read(text)['x-team'] === true,
  });

  it('writes the documented shape: one entry per event, the reminder after a Write, stop asking once', () => {
    const { content } = written(cursorHooks.install(null, { commands }));
    expect(read(content)).toEqual({
      version: 1,
      hooks: {
        sessionStart: [{ command: commands['session-start'], timeout: 30 }],
        postToolUse: [{ command: commands['file-edit'], matcher: 'Write', timeout: 10 }],
        preCompact: [{ command: commands['pre-compact'], timeout: 30 }],
        stop: [{ command: commands.stop, timeout: 30, loop_limit: 1 }],
        sessionEnd: [{ command: commands['session-end'], timeout: 30 }],
      },
    });
    expect(commands.stop).toBe(
      "if command -v git-session >/dev/null 2>&1; then git session agent hook cursor stop; else echo '{}'; fi",
    );
  });

  it("puts its stop hook after the user's, and replaces an outdated copy where it stands", () => {
    const { content } = written(cursorHooks.install(HOOKS, { commands }));
    expect(read(content).hooks.stop.map((e: { command: string }) => e.command)).toEqual([
      '.cursor/hooks/audit.sh',
      commands.stop,
    ]);
    const old = content.replace('"loop_limit": 1\n', '"loop_limit": 3\n');
    const user = old.replace(
      `"loop_limit": 3\n      }`,
      `"loop_limit": 3\n      },\n      { "command": "./after.sh" }`,
    );
    expect(read(user).hooks.stop).toHaveLength(3);
    const fixed = written(cursorHooks.install(user, { commands })).content;
    expect(
      read(fixed).hooks.stop.map((e: { command: string; loop_limit?: number }) => e.loop_limit ?? e.command),
    ).toEqual([10, 1, './after.sh']);
  });

  it('installs only the roles asked for, and takes out ours that are no longer asked for', () => {
    const { content } = written(cursorHooks.install(HOOKS, { commands }));
    const fewer = written(cursorHooks.install(content, { commands: { 'session-start': commands['session-start'] } }));
    expect(Object.keys(read(fewer.content).hooks)).toEqual(['afterFileEdit', 'stop', 'sessionStart']);
    expect(cursorHooks.status(fewer.content, { commands })).toMatchObject({
      state: 'partial',
      found: ['session-start'],
      missing: ['file-edit', 'pre-compact', 'stop', 'session-end'],
    });
  });

  it('refuses a command that would not be recognised as git-session’s later', () => {
    expect(() => cursorHooks.install(null, { commands: { stop: 'echo hi' } })).toThrow(/not a git-session agent hook/);
    expect(() => cursorHooks.install(null, { commands: { stop: 'git session agent hook x\nrm -rf /' } })).toThrow();
  });

  it('leaves a file with only its own version behind as the user’s when it did not create it', () => {
    const mine = '{\n  "version": 1\n}\n';
    const { content } = written(cursorHooks.install(mine, { commands }));
    const plan = cursorHooks.uninstall(content, { before: null, after: 'something else' });
    // The record says git-session created the file; the bytes are not the ones it left, but
    // nothing of anyone's is left either: the file goes.
    expect(plan.action).toBe('delete');
  });
});

const MCP = `{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } // theirs
  }
}
`;

describe('Cursor MCP (.cursor/mcp.json)', () => {
  const entry = (text: string) => read(text)?.mcpServers?.['git-session'];
  plannerContract({
    planner: cursorMcp,
    options: GIT_SESSION_MCP,
    existing: MCP,
    crlfTabs: '{\r\n\t"mcpServers": {\r\n\t\t"x": { "command": "x" }\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{\n  "mcpServers": {\n    "a": 1,,\n  }\n}', line: 3, column: 12 },
      { text: '{"mcpServers": []}', line: 1, column: 16 },
    ],
    installed: (text) => entry(text) !== undefined,
    userKept: (text) => expect(read(text).mcpServers.github.command).toBe('npx'),
    edit: (text) => text.replace('"github": {', '"other": { "command": "o" },\n    "github": {'),
    editKept: (text) => read(text).mcpServers.other?.command === 'o',
  });

  it('writes a stdio entry that runs git session mcp, after the comment on the last line', () => {
    const { content } = written(cursorMcp.install(MCP, GIT_SESSION_MCP));
    expect(entry(content)).toEqual({ type: 'stdio', command: 'git', args: ['session', 'mcp'] });
    expect(content).toContain('"@modelcontextprotocol/server-github"] }, // theirs\n    "git-session": {');
  });

  it('keeps what the user added to its entry, and refuses an entry of that name that is not git-session', () => {
    const { content } = written(cursorMcp.install(null, GIT_SESSION_MCP));
    const tweaked = content.replace('"type": "stdio",', '"type": "stdio",\n      "env": { "A": "1" },');
    const args = [...GIT_SESSION_MCP.args, '--cwd', CURSOR_WORKSPACE_FOLDER];
    const updated = written(cursorMcp.install(tweaked, { command: 'git', args })).content;
    expect(entry(updated)).toEqual({ type: 'stdio', env: { A: '1' }, command: 'git', args });
    expect(cursorMcp.status(updated, GIT_SESSION_MCP).state).toBe('partial');
    const theirs = '{ "mcpServers": { "git-session": { "command": "node", "args": ["other.js"] } } }';
    const plan = cursorMcp.install(theirs, GIT_SESSION_MCP);
    expect(plan).toMatchObject({ action: 'refuse', refusal: { line: 1, column: 34 } });
    expect(cursorMcp.status(theirs, GIT_SESSION_MCP).state).toBe('conflict');
    expect(cursorMcp.uninstall(theirs, null)).toMatchObject({ action: 'none' });
  });
});
