import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { OPENCODE_FILES, opencodeFile, opencodeMcp } from '../../src/install/opencode-config.js';
import { plannerContract, written } from '../helpers/planner-contract.js';

const read = (text: string) => parse(text, [], { allowTrailingComma: true });
const planner = opencodeMcp('opencode.jsonc');

// OpenCode's JSONC: comments and trailing commas, a V1 server of the user's.
const V1 = `{
  "$schema": "https://opencode.ai/config.json",
  // models
  "model": "anthropic/claude-sonnet-4-5",
  "mcp": {
    "jira": {
      "type": "remote",
      "url": "https://jira.example.invalid/mcp",
      "enabled": true,
    },
  },
}
`;

const V2 = `{
  "mcp": {
    "servers": {
      "context7": { "type": "remote", "url": "https://mcp.context7.com/mcp" },
    },
    "timeout": { "startup": 60000 },
  },
}
`;

describe('OpenCode MCP (opencode.json / opencode.jsonc)', () => {
  plannerContract({
    planner,
    options: {},
    existing: V1,
    crlfTabs: '{\r\n\t"model": "x",\r\n\t"mcp": {\r\n\t\t"a": { "type": "local", "command": ["a"] },\r\n\t},\r\n}\r\n',
    malformed: [
      { text: '{\n  "mcp": { "a": { "type": "local" } \n', line: 3, column: 1 },
      { text: '{"mcp": {"a": 1}}', line: 1, column: 9 },
      { text: '{"mcp": ["git"]}', line: 1, column: 9 },
    ],
    installed: (text) => {
      const v = read(text);
      return (v?.mcp?.['git-session'] ?? v?.mcp?.servers?.['git-session']) !== undefined;
    },
    userKept: (text) => expect(read(text).mcp.jira.url).toBe('https://jira.example.invalid/mcp'),
    edit: (text) => text.replace('"model": "anthropic/claude-sonnet-4-5",', '"model": "openai/gpt-5",'),
    editKept: (text) => read(text).model === 'openai/gpt-5',
  });

  it('writes V1 next to V1 servers, with the trailing comma the file uses', () => {
    const { content } = written(planner.install(V1, {}));
    expect(read(content).mcp['git-session']).toEqual({
      type: 'local',
      command: ['git', 'session', 'mcp'],
      enabled: true,
    });
    expect(content).toContain('      "enabled": true,\n    },\n    "git-session": {');
    expect(content).toMatch(/"enabled": true\n {4}},\n {2}},\n}\n$/);
  });

  it('writes V2 under mcp.servers when the file is V2, whatever generation was asked for', () => {
    const { content, record } = written(planner.install(V2, { generation: 1 }));
    const v = read(content);
    expect(v.mcp.servers['git-session']).toEqual({ type: 'local', command: ['git', 'session', 'mcp'] });
    expect(v.mcp['git-session']).toBeUndefined();
    expect(v.mcp.timeout).toEqual({ startup: 60000 });
    expect(planner.uninstall(content, record)).toMatchObject({ content: V2 });
    expect(planner.uninstall(content, null)).toMatchObject({ content: V2 });
  });

  it('writes the generation asked for into a new or empty configuration', () => {
    const v1 = read(written(planner.install(null, {})).content);
    expect(v1).toEqual({
      $schema: 'https://opencode.ai/config.json',
      mcp: { 'git-session': { type: 'local', command: ['git', 'session', 'mcp'], enabled: true } },
    });
    const v2 = read(written(planner.install('{ "mcp": {} }', { generation: 2 })).content);
    expect(v2).toEqual({ mcp: { servers: { 'git-session': { type: 'local', command: ['git', 'session', 'mcp'] } } } });
  });

  it('tells a V1 server called "servers" from V2', () => {
    const text = '{"mcp": {"servers": {"type": "local", "command": ["s"]}}}';
    const v = read(written(planner.install(text, { generation: 2 })).content);
    expect(v.mcp['git-session']).toBeDefined();
    expect(v.mcp.servers.command).toEqual(['s']);
  });

  it('reports a disabled entry', () => {
    const text = '{"mcp": {"git-session": {"type": "local", "command": ["git", "session", "mcp"], "enabled": false}}}';
    expect(planner.status(text, {})).toMatchObject({ state: 'partial', notes: ['the entry is disabled'] });
    const on = read(written(planner.install(text, {})).content);
    expect(on.mcp['git-session'].enabled).toBe(true);
  });

  it('picks the configuration file that exists, opencode.json when none does', () => {
    expect(OPENCODE_FILES[0]).toBe('opencode.jsonc');
    expect(opencodeFile(() => false)).toBe('opencode.json');
    expect(opencodeFile((p) => p === '.opencode/opencode.json')).toBe('.opencode/opencode.json');
    expect(opencodeFile((p) => p === 'opencode.json' || p === 'opencode.jsonc')).toBe('opencode.jsonc');
  });
});
