import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { GIT_SESSION_MCP, guardedHookCommand } from '../../src/install/agent-file.js';
import { geminiHooks, geminiMcp } from '../../src/install/gemini-settings.js';
import { plannerContract, written } from '../helpers/planner-contract.js';

const read = (text: string) => parse(text);

const commands = {
  'session-start': guardedHookCommand('gemini session-start', 'json'),
  'user-prompt': guardedHookCommand('gemini user-prompt', 'json'),
  'file-edit': guardedHookCommand('gemini file-edit', 'json'),
  'session-end': guardedHookCommand('gemini session-end', 'json'),
};

// Gemini reads settings with comments; users keep their theme, their own hooks and servers here.
const SETTINGS = `{
  // UI
  "ui": { "theme": "GitHub" },
  "hooks": {
    "BeforeTool": [
      {
        "matcher": "run_shell_command",
        "hooks": [{ "name": "guard", "type": "command", "command": "./guard.sh", "timeout": 5000 }]
      }
    ]
  },
  "mcpServers": {
    "docs": { "httpUrl": "https://example.invalid/mcp" }
  }
}
`;

const hooksOf = (text: string) => (read(text)?.hooks ?? {}) as Record<string, { hooks: { command: string }[] }[]>;
const hasOurHooks = (text: string) =>
  Object.values(hooksOf(text)).some((groups) =>
    groups.some((g) => g.hooks.some((h) => h.command.includes('git session agent hook'))),
  );

describe('Gemini CLI hooks (.gemini/settings.json)', () => {
  plannerContract({
    planner: geminiHooks,
    options: { commands },
    existing: SETTINGS,
    crlfTabs: '{\r\n\t"ui": {\r\n\t\t"theme": "Default"\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{\n  "hooks": { "BeforeTool": [ ] ,, }\n}', line: 2, column: 33 },
      { text: '{"hooks": {"AfterTool": "x"}}', line: 1, column: 25 },
      { text: '{"a": 1,}', line: 1, column: 9 },
    ],
    installed: hasOurHooks,
    userKept(text) {
      const v = read(text);
      expect(v.ui.theme).toBe('GitHub');
      expect(v.hooks.BeforeTool[0].hooks[0].command).toBe('./guard.sh');
    },
    edit: (text) =>
      text.replace('"ui": { "theme": "GitHub" },', '"ui": { "theme": "GitHub" },\n  "general": { "vimMode": true },'),
    editKept: (text) => read(text).general?.vimMode === true,
  });

  it('writes groups with named handlers, timeouts in milliseconds, the reminder after write_file and replace', () => {
    const { content } = written(geminiHooks.install(null, { commands }));
    expect(read(content)).toEqual({
      hooks: {
        SessionStart: [
          {
            hooks: [
              {
                name: 'git-session-session-start',
                type: 'command',
                command: commands['session-start'],
                timeout: 30000,
              },
            ],
          },
        ],
        BeforeAgent: [
          {
            hooks: [
              { name: 'git-session-user-prompt', type: 'command', command: commands['user-prompt'], timeout: 30000 },
            ],
          },
        ],
        AfterTool: [
          {
            matcher: 'write_file|replace',
            hooks: [{ name: 'git-session-file-edit', type: 'command', command: commands['file-edit'], timeout: 30000 }],
          },
        ],
        SessionEnd: [
          {
            hooks: [
              { name: 'git-session-session-end', type: 'command', command: commands['session-end'], timeout: 30000 },
            ],
          },
        ],
      },
    });
  });

  it('says when the settings turn hooks off', () => {
    const { content } = written(geminiHooks.install(SETTINGS, { commands }));
    const off = content.replace(
      '"ui":',
      '"hooksConfig": { "enabled": false, "disabled": ["git-session-file-edit"] },\n  "ui":',
    );
    expect(geminiHooks.status(off, { commands })).toMatchObject({
      state: 'installed',
      notes: [
        'hooksConfig.enabled is false in this file: Gemini CLI runs no hooks',
        'hooksConfig.disabled turns off git-session-file-edit',
      ],
    });
  });
});

describe('Gemini CLI MCP servers, in the same file', () => {
  plannerContract({
    planner: geminiMcp,
    options: GIT_SESSION_MCP,
    existing: SETTINGS,
    crlfTabs: '{\r\n\t"ui": {\r\n\t\t"theme": "Default"\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{"mcpServers": {"git-session": {"command": "git", "args": ["session", "mcp"]}', line: 1, column: 78 },
    ],
    installed: (text) => read(text)?.mcpServers?.['git-session'] !== undefined,
    userKept: (text) => expect(read(text).mcpServers.docs.httpUrl).toBe('https://example.invalid/mcp'),
    edit: (text) =>
      text.replace('"ui": { "theme": "GitHub" },', '"ui": { "theme": "GitHub" },\n  "general": { "vimMode": true },'),
    editKept: (text) => read(text).general?.vimMode === true,
  });

  it('writes command and args, and says when mcp.excluded keeps it from starting', () => {
    const { content } = written(geminiMcp.install(SETTINGS, GIT_SESSION_MCP));
    expect(read(content).mcpServers['git-session']).toEqual({ command: 'git', args: ['session', 'mcp'] });
    const excluded = content.replace('"ui":', '"mcp": { "excluded": ["git-session"] },\n  "ui":');
    expect(geminiMcp.status(excluded, GIT_SESSION_MCP).notes).toEqual([
      'mcp.excluded names git-session: Gemini CLI does not start it',
    ]);
  });

  it('shares the file with the hooks: each uninstall takes out its own part, the last gives the bytes back', () => {
    const hooks = written(geminiHooks.install(SETTINGS, { commands }));
    const both = written(geminiMcp.install(hooks.content, GIT_SESSION_MCP, hooks.record));
    expect(both.record).toEqual({ before: SETTINGS, after: both.content, parts: ['gemini-hooks', 'gemini-mcp'] });
    // Hooks out first: the server stays, the record follows the file.
    const noHooks = geminiHooks.uninstall(both.content, both.record);
    expect(noHooks.action).toBe('write');
    if (noHooks.action !== 'write') return;
    expect(hasOurHooks(noHooks.content)).toBe(false);
    expect(read(noHooks.content).mcpServers['git-session']).toBeDefined();
    expect(noHooks.record).toEqual({ before: SETTINGS, after: noHooks.content, parts: ['gemini-mcp'] });
    // Then the server: the file is back to its bytes before either install.
    expect(geminiMcp.uninstall(noHooks.content, noHooks.record)).toMatchObject({
      action: 'write',
      content: SETTINGS,
      record: null,
    });
  });

  it('deletes the file it created once both parts are out', () => {
    const hooks = written(geminiHooks.install(null, { commands }));
    const both = written(geminiMcp.install(hooks.content, GIT_SESSION_MCP, hooks.record));
    const one = geminiMcp.uninstall(both.content, both.record);
    if (one.action !== 'write') throw new Error(one.action);
    expect(geminiHooks.uninstall(one.content, one.record)).toMatchObject({ action: 'delete' });
  });
});
