import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { GIT_SESSION_MCP } from '../../src/install/agent-file.js';
import { claudeMcp } from '../../src/install/claude-mcp.js';
import { plannerContract, written } from '../helpers/planner-contract.js';

const read = (text: string) => parse(text.replace(/^\uFEFF/, ''));

const EXISTING = `{
  "mcpServers": {
    "shared-server": {
      "command": "/path/to/server",
      "args": [],
      "env": {}
    }
  }
}
`;

describe("Claude Code's project MCP servers (.mcp.json)", () => {
  plannerContract({
    planner: claudeMcp,
    options: GIT_SESSION_MCP,
    existing: EXISTING,
    crlfTabs: '{\r\n\t"mcpServers": {\r\n\t\t"a": {"command": "a"}\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{"mcpServers": {"a": }}', line: 1, column: 22 },
      { text: '"just a string"', line: 1, column: 1 },
      { text: '{"mcpServers": "none"}', line: 1, column: 16 },
      { text: '{"mcpServers": {"git-session": {}}, "mcpServers": {}}', line: 1, column: 37 },
    ],
    installed: (text) => read(text)?.mcpServers?.['git-session'] !== undefined,
    userKept: (text) => expect(read(text).mcpServers['shared-server'].command).toBe('/path/to/server'),
    edit: (text) => text.replace('{\n  "mcpServers"', '{\n  "enabledMcpjsonServers": ["x"],\n  "mcpServers"'),
    editKept: (text) => read(text).enabledMcpjsonServers?.[0] === 'x',
  });

  it('writes the documented stdio entry', () => {
    const { content } = written(claudeMcp.install(null, GIT_SESSION_MCP));
    expect(content).toBe(
      '{\n  "mcpServers": {\n    "git-session": {\n      "type": "stdio",\n      "command": "git",\n      "args": [\n        "session",\n        "mcp"\n      ]\n    }\n  }\n}\n',
    );
  });

  it('fills an empty mcpServers and gives back exactly `{}` when taking it out', () => {
    const text = '{\n  "mcpServers": {}\n}\n';
    const { content } = written(claudeMcp.install(text, GIT_SESSION_MCP));
    expect(content).toContain('"mcpServers": {\n    "git-session": {');
    // Without the record the emptied container goes too: nothing of the user's was in it.
    expect(claudeMcp.uninstall(content, null)).toMatchObject({ content: '{}\n' });
  });

  it('recognises a hand-written git-session entry as installed, and a `git-session mcp` one too', () => {
    const byHand = '{"mcpServers": {"git-session": {"command": "git", "args": ["session", "mcp"]}}}';
    expect(claudeMcp.status(byHand, GIT_SESSION_MCP).state).toBe('partial');
    const { content } = written(claudeMcp.install(byHand, GIT_SESSION_MCP));
    expect(read(content).mcpServers['git-session']).toEqual({
      command: 'git',
      args: ['session', 'mcp'],
      type: 'stdio',
    });
    const direct = '{"mcpServers": {"git-session": {"command": "git-session", "args": ["mcp"]}}}';
    expect(claudeMcp.status(direct, GIT_SESSION_MCP).state).toBe('partial');
    expect(claudeMcp.uninstall(direct, null)).toMatchObject({ action: 'write', content: '{}' });
  });

  it('keeps a byte-order mark, and a `__proto__` key stays a key', () => {
    const text = '\uFEFF{"__proto__": {"polluted": true}}';
    const { content, record } = written(claudeMcp.install(text, GIT_SESSION_MCP));
    expect(content.startsWith('\uFEFF{"__proto__": {"polluted": true}, "mcpServers": {')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(claudeMcp.uninstall(content, record)).toMatchObject({ content: text });
    expect(claudeMcp.uninstall(content, null)).toMatchObject({ content: text });
  });

  it('refuses a file nested too deeply to parse, without a stack trace', () => {
    const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const plan = claudeMcp.install(deep, GIT_SESSION_MCP);
    expect(plan).toMatchObject({
      action: 'refuse',
      refusal: { reason: 'not usable: nested too deeply to be a settings file' },
    });
  });
});
