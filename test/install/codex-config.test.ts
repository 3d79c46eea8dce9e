import { parse as parseJson } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { GIT_SESSION_MCP, guardedHookCommand } from '../../src/install/agent-file.js';
import { codexConfigNotes, codexHooks, codexMcp } from '../../src/install/codex-config.js';
import { plannerContract, written } from '../helpers/planner-contract.js';

const commands = {
  'session-start': guardedHookCommand('codex session-start'),
  'user-prompt': guardedHookCommand('codex user-prompt'),
  'file-edit': guardedHookCommand('codex file-edit'),
  'pre-compact': guardedHookCommand('codex pre-compact'),
  stop: guardedHookCommand('codex stop', 'json'),
  'session-end': guardedHookCommand('codex session-end'),
};

const HOOKS = `{
  "description": "Team hooks",
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [
          {
            "type": "command",
            "command": "/usr/bin/python3 \\"$(git rev-parse --show-toplevel)/.codex/hooks/policy.py\\"",
            "statusMessage": "Checking Bash command"
          }
        ]
      }
    ]
  }
}
`;

describe('Codex hooks (.codex/hooks.json)', () => {
  const ours = (text: string) =>
    Object.values((parseJson(text)?.hooks ?? {}) as Record<string, { hooks: { command: string }[] }[]>).some((g) =>
      g.some((x) => x.hooks.some((h) => h.command.includes('git session agent hook'))),
    );
  plannerContract({
    planner: codexHooks,
    options: { commands },
    existing: HOOKS,
    crlfTabs:
      '{\r\n\t"hooks": {\r\n\t\t"Stop": [\r\n\t\t\t{ "hooks": [{ "type": "command", "command": "say done" }] }\r\n\t\t]\r\n\t}\r\n}\r\n',
    malformed: [
      { text: '{ "hooks": { "Stop": [ { "hooks": [] } } }', line: 1, column: 40 },
      { text: '{ "hooks": null }', line: 1, column: 12 },
    ],
    installed: ours,
    userKept: (text) => expect(parseJson(text).hooks.PreToolUse[0].matcher).toBe('Bash'),
    edit: (text) => text.replace('"description": "Team hooks"', '"description": "Team hooks, reviewed"'),
    editKept: (text) => parseJson(text).description === 'Team hooks, reviewed',
  });

  it("writes Claude-style groups: apply_patch for edits, compaction in SessionStart's matcher, SessionEnd within 3 s", () => {
    const v = parseJson(written(codexHooks.install(null, { commands })).content);
    const one = (command: string, matcher?: string, timeout = 30) => [
      { ...(matcher ? { matcher } : {}), hooks: [{ type: 'command', command, timeout }] },
    ];
    expect(v).toEqual({
      hooks: {
        SessionStart: one(commands['session-start'], 'startup|resume|clear|compact'),
        UserPromptSubmit: one(commands['user-prompt']),
        PreToolUse: one(commands['file-edit'], 'apply_patch'),
        PreCompact: one(commands['pre-compact'], 'manual|auto'),
        Stop: one(commands.stop),
        SessionEnd: one(commands['session-end'], undefined, 3),
      },
    });
  });

  it('reads what config.toml says about hooks', () => {
    expect(codexConfigNotes(null)).toEqual([]);
    expect(codexConfigNotes('[features]\nhooks = false\n')).toEqual([
      '.codex/config.toml turns hooks off ([features] hooks = false)',
    ]);
    expect(codexConfigNotes('[[hooks.Stop]]\nmatcher = ""\n')).toEqual([
      '.codex/config.toml also has inline [hooks]; Codex merges them with .codex/hooks.json and warns',
    ]);
    expect(codexConfigNotes('not toml = = 1')).toEqual([]);
  });
});

const CONFIG = `# Codex project settings
model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-mcp"]   # pinned
startup_timeout_sec = 20

[profiles.fast]
model_reasoning_effort = "low"
`;

describe('Codex MCP (.codex/config.toml)', () => {
  const ourTable = (text: string) => (parseToml(text) as any).mcp_servers?.['git-session'];
  plannerContract({
    planner: codexMcp,
    options: GIT_SESSION_MCP,
    existing: CONFIG,
    crlfTabs: '[profiles.x]\r\n\tmodel = "a"\r\n',
    malformed: [
      { text: 'model = "a"\n[mcp_servers\ncommand = "x"\n', line: 2, column: 13 },
      { text: 'a = 1\na = 2\n', line: 2, column: 1 },
    ],
    installed: (text) => ourTable(text) !== undefined,
    userKept(text) {
      const v = parseToml(text) as any;
      expect(v.model).toBe('gpt-5-codex');
      expect(v.mcp_servers.docs.args).toEqual(['-y', 'docs-mcp']);
      expect(v.profiles.fast.model_reasoning_effort).toBe('low');
    },
    edit: (text) => text.replace('approval_policy = "on-request"', 'approval_policy = "never"'),
    editKept: (text) => (parseToml(text) as any).approval_policy === 'never',
  });

  it('appends one marked table, after a blank line', () => {
    const { content } = written(codexMcp.install(CONFIG, GIT_SESSION_MCP));
    expect(content).toBe(
      `${CONFIG}\n# >>> git-session >>>\n[mcp_servers.git-session]\ncommand = "git"\nargs = ["session", "mcp"]\n# <<< git-session <<<\n`,
    );
    expect(ourTable(content)).toEqual({ command: 'git', args: ['session', 'mcp'] });
  });

  it('rewrites its block in place for other arguments, keeping what follows it', () => {
    const { content } = written(codexMcp.install(CONFIG, GIT_SESSION_MCP));
    const later = `${content}\n[sandbox]\nmode = "workspace-write"\n`;
    const args = ['session', 'mcp', '--quiet'];
    const updated = written(codexMcp.install(later, { command: 'git', args })).content;
    expect(ourTable(updated).args).toEqual(args);
    expect((parseToml(updated) as any).sandbox.mode).toBe('workspace-write');
    expect(codexMcp.status(updated, GIT_SESSION_MCP).state).toBe('partial');
    expect(codexMcp.uninstall(updated, null)).toMatchObject({
      content: `${CONFIG}\n[sandbox]\nmode = "workspace-write"\n`,
    });
  });

  it('keeps what the user added to its table when the arguments change, and refuses what it cannot rewrite', () => {
    const { content } = written(codexMcp.install(CONFIG, GIT_SESSION_MCP));
    const tuned = content.replace('args = ["session", "mcp"]\n', 'args = ["session", "mcp"]\nenv = { A = "1" }\n');
    const args = ['session', 'mcp', '--quiet'];
    const updated = written(codexMcp.install(tuned, { command: 'git', args })).content;
    expect(ourTable(updated)).toEqual({ command: 'git', args, env: { A: '1' } });
    const multiline = content.replace('args = ["session", "mcp"]', 'args = [\n  "session",\n  "mcp",\n]');
    expect(codexMcp.install(multiline, { command: 'git', args })).toMatchObject({
      action: 'refuse',
      refusal: { hint: expect.stringContaining('by hand') },
    });
  });

  it('takes out a table written by hand, and refuses one it cannot take out cleanly', () => {
    const byHand = `${CONFIG}\n[mcp_servers."git-session"]\ncommand = "git-session"\nargs = ["mcp"]\n\n[tui]\nnotifications = true\n`;
    expect(codexMcp.status(byHand, GIT_SESSION_MCP).state).toBe('partial');
    expect(codexMcp.uninstall(byHand, null)).toMatchObject({ content: `${CONFIG}\n[tui]\nnotifications = true\n` });
    const dotted = `mcp_servers.git-session.command = "git"\nmcp_servers.git-session.args = ["session", "mcp"]\n`;
    expect(codexMcp.uninstall(dotted, null)).toMatchObject({
      action: 'refuse',
      refusal: { hint: 'remove the [mcp_servers.git-session] table by hand' },
    });
  });

  it("refuses another server under git-session's name, and a mcp_servers it cannot add a table to", () => {
    const theirs = '[mcp_servers.git-session]\ncommand = "node"\nargs = ["x.js"]\n';
    expect(codexMcp.install(theirs, GIT_SESSION_MCP)).toMatchObject({ action: 'refuse' });
    expect(codexMcp.status(theirs, GIT_SESSION_MCP).state).toBe('conflict');
    expect(codexMcp.uninstall(theirs, null)).toMatchObject({ action: 'none' });
    const inline = 'mcp_servers = { docs = { command = "npx" } }\n';
    const plan = codexMcp.install(inline, GIT_SESSION_MCP);
    expect(plan).toMatchObject({ action: 'refuse', refusal: { reason: expect.stringContaining('inline table') } });
  });

  it('keeps a file without a final newline, and large integers exactly', () => {
    const text = 'big = 9007199254740993\n# no newline at the end';
    const { content, record } = written(codexMcp.install(text, GIT_SESSION_MCP));
    expect(content.startsWith(`${text}\n\n# >>> git-session >>>\n`)).toBe(true);
    expect(codexMcp.uninstall(content, record)).toMatchObject({ content: text });
  });

  it('reports a disabled table', () => {
    const off = '[mcp_servers.git-session]\ncommand = "git"\nargs = ["session", "mcp"]\nenabled = false\n';
    expect(codexMcp.status(off, GIT_SESSION_MCP)).toMatchObject({
      state: 'installed',
      notes: ['[mcp_servers.git-session] has enabled = false'],
    });
  });
});
