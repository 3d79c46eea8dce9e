// Cursor, Codex, Gemini CLI, OpenCode and the MCP client configurations (issue 12.7), through the
// built binary on real files: `agent install` into absent files, into the user's own files (kept
// byte for byte, given back exactly by uninstall) and into malformed ones (refused, nothing
// written); and each installed hook run the way its agent runs it — the command from the file,
// through `sh -c` in the project, the agent's JSON on stdin — answering in the agent's own form.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_WORKSPACE_FOLDER } from '../../src/install/cursor-config.js';
import { sessionRepo } from '../helpers/hooks.js';
import { cleanupAll, type Run, type TestRepo, tempDir } from '../helpers/repo.js';
import { SAMPLES } from '../helpers/secret-samples.js';

afterAll(cleanupAll);

const read = (r: TestRepo, rel: string) => readFileSync(join(r.dir, rel), 'utf8');
const jsonc = (r: TestRepo, rel: string) => parseJsonc(read(r, rel));

/** The user's own files, as each agent's documentation shows them, with comments where allowed. */
const USER_FILES: Record<string, string> = {
  '.cursor/hooks.json': `{
  "version": 1,
  "hooks": {
    "afterFileEdit": [{ "command": ".cursor/hooks/format.sh" }],
    "stop": [{ "command": ".cursor/hooks/audit.sh", "loop_limit": 10 }]
  }
}
`,
  '.cursor/mcp.json': '{\n\t"mcpServers": {\n\t\t"linear": { "url": "https://mcp.linear.app/sse" }\n\t}\n}\n',
  '.codex/hooks.json': `{
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "python3 .codex/hooks/policy.py" }] }
    ]
  }
}
`,
  '.codex/config.toml': 'model = "o3"\r\n\r\n[mcp_servers.docs]\r\ncommand = "docs-mcp"\r\nargs = ["--stdio"]\r\n',
  '.gemini/settings.json': `{
  // the team's theme
  "ui": { "theme": "GitHub" },
  "hooks": {
    "BeforeTool": [
      { "matcher": "run_shell_command", "hooks": [{ "type": "command", "command": "./guard.sh" }] }
    ]
  },
  "mcpServers": { "github": { "command": "github-mcp" } }
}
`,
  'opencode.jsonc': `{
  // OpenCode's own file
  "$schema": "https://opencode.ai/config.json",
  "mcp": {
    "docs": { "type": "local", "command": ["docs-mcp"], "enabled": true, },
  },
}
`,
  '.mcp.json': '{"mcpServers":{"sentry":{"type":"http","url":"https://mcp.sentry.dev/mcp"}}}\n',
};

const ALL = ['cursor', 'codex', 'gemini', 'opencode', 'mcp', '--for', 'claude,cursor,codex,gemini'];

/** Every file install writes, with git-session's part in it found by the agent's own reading. */
function ours(r: TestRepo, opencode = 'opencode.json') {
  const cursor = jsonc(r, '.cursor/hooks.json');
  const codex = jsonc(r, '.codex/hooks.json');
  const gemini = jsonc(r, '.gemini/settings.json');
  const command = (h: { command?: string; hooks?: { command: string }[] }[]) =>
    h.map((e) => e.command ?? e.hooks?.map((x) => x.command).join(' ')).join(' ');
  return {
    cursor: Object.keys(cursor.hooks).filter((e) => command(cursor.hooks[e]).includes('agent hook cursor')),
    codex: Object.keys(codex.hooks).filter((e) => command(codex.hooks[e]).includes('agent hook codex')),
    gemini: Object.keys(gemini.hooks).filter((e) => command(gemini.hooks[e]).includes('agent hook gemini')),
    mcp: {
      claude: jsonc(r, '.mcp.json').mcpServers['git-session'],
      cursor: jsonc(r, '.cursor/mcp.json').mcpServers['git-session'],
      codex: (parseToml(read(r, '.codex/config.toml')) as any).mcp_servers['git-session'],
      gemini: gemini.mcpServers['git-session'],
      opencode: jsonc(r, opencode).mcp['git-session'],
    },
  };
}

const SERVER = ['git', 'session', 'mcp'];

describe('agent install for Cursor, Codex, Gemini CLI, OpenCode and the MCP clients', () => {
  it('creates each file as its agent documents it; uninstall leaves nothing behind', () => {
    const { r } = sessionRepo('feature/auth', ['Sign in with tokens']);
    const before = r.git(['status', '--porcelain']).stdout;
    const out = r.ok(['agent', 'install', ...ALL]);
    expect(out.stdout.split('\n').filter(Boolean)).toHaveLength(8);
    const o = ours(r);
    expect(o.cursor).toEqual(['sessionStart', 'postToolUse', 'preCompact', 'stop', 'sessionEnd']);
    expect(o.codex).toEqual(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PreCompact', 'Stop', 'SessionEnd']);
    expect(o.gemini).toEqual(['SessionStart', 'BeforeAgent', 'AfterTool', 'PreCompress', 'AfterAgent', 'SessionEnd']);
    expect(jsonc(r, '.cursor/hooks.json').hooks.postToolUse[0].matcher).toBe('Write');
    expect(jsonc(r, '.codex/hooks.json').hooks.PreToolUse[0].matcher).toBe('apply_patch');
    expect(jsonc(r, '.gemini/settings.json').hooks.AfterTool[0]).toMatchObject({
      matcher: 'write_file|replace',
      hooks: [{ type: 'command', timeout: 30000 }],
    });
    expect(o.mcp.claude).toEqual({ type: 'stdio', command: 'git', args: ['session', 'mcp'] });
    expect(o.mcp.cursor).toEqual({
      type: 'stdio',
      command: 'git',
      args: ['session', 'mcp', '--cwd', CURSOR_WORKSPACE_FOLDER],
    });
    expect(o.mcp.codex).toEqual({ command: 'git', args: ['session', 'mcp'] });
    expect(o.mcp.gemini).toEqual({ command: 'git', args: ['session', 'mcp'] });
    expect(o.mcp.opencode).toEqual({ type: 'local', command: SERVER, enabled: true });
    // What each agent asks of the user before it runs them, said once.
    expect(out.stderr).toContain('open /hooks in Codex');

    // Twice is once; status sees every part.
    const again = r.ok(['agent', 'install', ...ALL]).stdout;
    expect(again.split('\n').filter((l) => l.endsWith('already installed'))).toHaveLength(8);
    const status = r.json(['agent', 'status']);
    for (const t of ['cursor', 'codex', 'gemini', 'opencode']) expect(status[t].installed, t).toBe(true);
    for (const c of ['claude', 'cursor', 'codex', 'gemini', 'opencode'])
      expect(status.mcp[c].state, c).toBe('installed');
    expect(status.claude.installed).toBe(false);
    expect(r.ok(['agent', 'status']).stdout).toMatch(/^✓ codex +\.codex\/hooks\.json: session-start, user-prompt/m);
    // One agent's status, or some MCP clients'.
    const some = r.json(['agent', 'status', 'codex', 'mcp', '--for', 'gemini']);
    expect(Object.keys(some)).toEqual(['codex', 'mcp']);
    expect(Object.keys(some.mcp)).toEqual(['gemini']);
    expect(r.ok(['agent', 'status', 'cursor']).stdout.trim().split('\n')).toHaveLength(1);

    r.ok(['agent', 'uninstall', ...ALL]);
    for (const f of ['.cursor', '.codex', '.gemini', 'opencode.json', '.mcp.json'])
      expect(existsSync(join(r.dir, f)), f).toBe(false);
    expect(r.git(['status', '--porcelain']).stdout).toBe(before);
    expect(r.json(['agent', 'status']).mcp.codex.state).toBe('absent');
  });

  it("adds to the user's own files without changing a byte of theirs, and uninstall gives them back", () => {
    const { r } = sessionRepo('feature/auth', ['Sign in with tokens']);
    for (const [rel, text] of Object.entries(USER_FILES)) r.write(rel, text);
    r.ok(['agent', 'install', ...ALL]);
    const o = ours(r, 'opencode.jsonc');
    expect(o.cursor).toHaveLength(5);
    expect(o.mcp.opencode).toEqual({ type: 'local', command: SERVER, enabled: true });
    // The user's entries are all still there, as their agent reads them.
    expect(jsonc(r, '.cursor/hooks.json').hooks.stop.map((e: any) => e.command)).toEqual([
      '.cursor/hooks/audit.sh',
      expect.stringContaining('agent hook cursor stop'),
    ]);
    expect(jsonc(r, '.cursor/mcp.json').mcpServers.linear).toEqual({ url: 'https://mcp.linear.app/sse' });
    expect(read(r, '.cursor/mcp.json')).toContain('\n\t\t"git-session": {');
    expect(jsonc(r, '.codex/hooks.json').hooks.PreToolUse).toHaveLength(2);
    const toml = parseToml(read(r, '.codex/config.toml')) as any;
    expect(toml.model).toBe('o3');
    expect(toml.mcp_servers.docs).toEqual({ command: 'docs-mcp', args: ['--stdio'] });
    expect(read(r, '.codex/config.toml').replace(/\r\n/g, '')).not.toContain('\n');
    const gemini = jsonc(r, '.gemini/settings.json');
    expect(gemini.ui).toEqual({ theme: 'GitHub' });
    expect(gemini.hooks.BeforeTool).toHaveLength(1);
    expect(read(r, '.gemini/settings.json')).toContain("// the team's theme");
    expect(jsonc(r, 'opencode.jsonc').mcp.docs.command).toEqual(['docs-mcp']);
    expect(jsonc(r, '.mcp.json').mcpServers.sentry.type).toBe('http');
    expect(existsSync(join(r.dir, 'opencode.json'))).toBe(false);

    r.ok(['agent', 'uninstall', ...ALL]);
    for (const [rel, text] of Object.entries(USER_FILES)) expect(read(r, rel), rel).toBe(text);
  });

  it('after the user edited a file, uninstall takes out only git-session’s entries', () => {
    const { r } = sessionRepo('feature/auth', ['Sign in with tokens']);
    r.write('.gemini/settings.json', USER_FILES['.gemini/settings.json']!);
    r.ok(['agent', 'install', 'gemini', 'mcp', '--for', 'gemini']);
    writeFileSync(
      join(r.dir, '.gemini/settings.json'),
      read(r, '.gemini/settings.json').replace('"GitHub"', '"Dracula"'),
    );
    r.ok(['agent', 'uninstall', 'gemini']);
    const mid = jsonc(r, '.gemini/settings.json');
    expect(mid.hooks.BeforeTool).toHaveLength(1);
    expect(mid.hooks.SessionStart).toBeUndefined();
    expect(mid.mcpServers['git-session']).toBeDefined();
    r.ok(['agent', 'uninstall', 'mcp', '--for', 'gemini']);
    expect(read(r, '.gemini/settings.json')).toBe(
      USER_FILES['.gemini/settings.json']!.replace('"GitHub"', '"Dracula"'),
    );
  });

  it('refuses a malformed file, naming it and where it breaks, and writes nothing at all', () => {
    const { r } = sessionRepo('feature/auth', ['Sign in with tokens']);
    const cases: [string[], string, string, RegExp][] = [
      [
        ['cursor', 'codex'],
        '.codex/hooks.json',
        '{\n  "hooks": {\n    "Stop": [\n  }\n',
        /not valid JSON .*line 4, column 3/,
      ],
      [['cursor'], '.cursor/hooks.json', '{"version": 2, "hooks": {}}', /another version of Cursor's hooks format/],
      [['gemini'], '.gemini/settings.json', '{"hooks": {"AfterTool": {}}}', /"hooks\.AfterTool" is not an array/],
      [['mcp', '--for', 'codex'], '.codex/config.toml', 'model = "o3\n', /not valid TOML/],
      [
        ['mcp', '--for', 'codex'],
        '.codex/config.toml',
        '[mcp_servers.git-session]\ncommand = "uvx"\n',
        /does not run `git session mcp`/,
      ],
      [['opencode'], 'opencode.json', '{"mcp": ["git-session"]}', /neither OpenCode's V1 shape/],
      [
        ['mcp', '--for', 'claude'],
        '.mcp.json',
        '{"mcpServers": {"git-session": {"command": "node", "args": ["x.js"]}}}',
        /does not run `git session mcp`/,
      ],
    ];
    for (const [args, rel, text, why] of cases) {
      r.write(rel, text);
      const out = r.gs(['agent', 'install', ...args]);
      expect(out.code, rel).toBe(1);
      const lines = out.stderr.trim().split('\n');
      expect(lines, rel).toHaveLength(1);
      expect(lines[0], rel).toContain(join(r.dir, rel));
      expect(lines[0], rel).toMatch(why);
      expect(lines[0], rel).toContain('nothing was installed');
      expect(read(r, rel), rel).toBe(text);
      // The other files of the same command were not written either.
      if (args.includes('cursor') && rel !== '.cursor/hooks.json')
        expect(existsSync(join(r.dir, '.cursor', 'hooks.json')), rel).toBe(false);
    }
    // status reports every file, such a one too, and exits 1 for those it could not read.
    const status = r.gs(['agent', 'status', '--json']);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/could not read .*opencode\.json/);
    const s = JSON.parse(status.stdout);
    expect(s.mcp.claude.state).toBe('conflict');
    expect(s.opencode.state).toBe('unreadable');
    expect(s.claude.state).toBe('absent');
  });
});

// ---- the hooks, as each agent runs them -----------------------------------------------------------

/** The command an agent runs for `event`, from its installed file. */
function command(r: TestRepo, tool: 'cursor' | 'codex' | 'gemini' | 'claude', event: string): string {
  if (tool === 'cursor') return jsonc(r, '.cursor/hooks.json').hooks[event][0].command;
  const file = { codex: '.codex/hooks.json', gemini: '.gemini/settings.json', claude: '.claude/settings.json' }[tool];
  const group = jsonc(r, file).hooks[event].find((g: any) => g.hooks[0].command.includes('git session agent hook'));
  return group.hooks[0].command;
}

function runHook(
  r: TestRepo,
  tool: 'cursor' | 'codex' | 'gemini' | 'claude',
  event: string,
  input: object | string,
  env: Record<string, string> = {},
): Run {
  const out = spawnSync('/bin/sh', ['-c', command(r, tool, event)], {
    cwd: r.dir,
    env: { ...r.env, ...env },
    input: typeof input === 'string' ? input : JSON.stringify({ hook_event_name: event, ...input }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: out.status ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/**
 * A session with a decision carried by a commit that changed src/auth.ts, every agent's hooks
 * installed: one repository for every agent's hooks below (made once), each agent's conversation
 * its own; each agent's turn starts with a change, so that there is work to hand off again.
 */
let shared: TestRepo | null = null;
function agentRepo(work: string): TestRepo {
  shared ??= makeAgentRepo();
  const r = shared;
  beforeAll(() => r.ok(['log', '--progress', work]));
  return r;
}

function makeAgentRepo(): TestRepo {
  const { r } = sessionRepo('feature/auth', ['Sign in with tokens']);
  r.ok(['decisions', 'add', 'Validate tokens in the middleware', '--rationale', 'one place for auth']);
  r.commit('auth middleware', { 'src/auth.ts': 'export {};\n', 'src/other.ts': 'export {};\n' });
  r.commit('other', { 'src/plain.ts': 'export {};\n' });
  r.ok(['agent', 'install', 'cursor', 'codex', 'gemini']);
  return r;
}

describe('the Cursor hooks, as Cursor runs them', () => {
  const r = agentRepo('cursor');
  const base = { conversation_id: 'conv-1', generation_id: 'g', cursor_version: '1.7.2', workspace_roots: [r.dir] };

  it('sessionStart gives the brief as additional_context', () => {
    const out = runHook(r, 'cursor', 'sessionStart', { ...base, session_id: 'conv-1', composer_mode: 'agent' });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).additional_context).toContain('# Session brief: Sign in with tokens');
  });

  it('postToolUse after a Write gives the decisions behind the file, once per conversation', () => {
    const write = (file: string, conversation = 'conv-1') =>
      runHook(r, 'cursor', 'postToolUse', {
        ...base,
        conversation_id: conversation,
        tool_name: 'Write',
        tool_input: { file_path: join(r.dir, file), content: 'x' },
        tool_output: '{}',
        cwd: r.dir,
      });
    const first = JSON.parse(write('src/auth.ts').stdout);
    expect(first.additional_context).toContain('Validate tokens in the middleware (why: one place for auth)');
    expect(first.additional_context.length).toBeLessThanOrEqual(600);
    expect(JSON.parse(write('src/auth.ts').stdout)).toEqual({});
    expect(JSON.parse(write('src/auth.ts', 'conv-2').stdout).additional_context).toContain('middleware');
    // A file no session's commit changed: nothing to say.
    expect(JSON.parse(write('README.md').stdout)).toEqual({});
    expect(JSON.parse(write('../outside.ts').stdout)).toEqual({});
  });

  it('stop asks once for a handoff, never when it already looped or the turn was aborted', () => {
    const stop = (extra: object) => JSON.parse(runHook(r, 'cursor', 'stop', { ...base, ...extra }).stdout);
    expect(stop({ status: 'aborted', loop_count: 0 })).toEqual({});
    expect(stop({ status: 'completed', loop_count: 1 })).toEqual({});
    expect(stop({ status: 'completed', loop_count: 0 }).followup_message).toContain('git session next');
    expect(stop({ status: 'completed', loop_count: 0 })).toEqual({});
  });

  it('preCompact counts the compaction; sessionEnd writes the handoff', () => {
    const compactions = r.json(['show']).compactions;
    expect(JSON.parse(runHook(r, 'cursor', 'preCompact', { ...base, trigger: 'auto' }).stdout)).toEqual({});
    expect(r.json(['show']).compactions).toBe(compactions + 1);
    const end = runHook(r, 'cursor', 'sessionEnd', { ...base, session_id: 'conv-1', reason: 'completed' });
    expect(JSON.parse(end.stdout)).toEqual({});
    expect(end.stderr).toContain('wrote NEXT_SESSION.md');
    expect(existsSync(join(r.dir, 'NEXT_SESSION.md'))).toBe(true);
  });
});

describe('the Codex hooks, as Codex runs them', () => {
  const r = agentRepo('codex');
  const base = { session_id: 'thr_1', transcript_path: null, cwd: r.dir, model: 'gpt-5' };

  it('SessionStart (also after a compaction) and UserPromptSubmit give developer context', () => {
    for (const source of ['startup', 'compact']) {
      const out = JSON.parse(runHook(r, 'codex', 'SessionStart', { ...base, source }).stdout);
      expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
      expect(out.hookSpecificOutput.additionalContext).toContain('# Session brief');
    }
    expect(runHook(r, 'codex', 'UserPromptSubmit', { ...base, turn_id: 't', prompt: 'add a test' }).stdout).toBe('');
    // The brief is in this conversation already (SessionStart gave it): not twice.
    expect(runHook(r, 'codex', 'UserPromptSubmit', { ...base, turn_id: 't', prompt: 'continue' }).stdout).toBe('');
    const go = JSON.parse(
      runHook(r, 'codex', 'UserPromptSubmit', { ...base, session_id: 'thr_2', turn_id: 't', prompt: 'continue' })
        .stdout,
    );
    expect(go.hookSpecificOutput).toMatchObject({ hookEventName: 'UserPromptSubmit' });
    expect(go.hookSpecificOutput.additionalContext).toContain("the context of this branch's session");
  });

  it('PreToolUse on apply_patch reads the files from the patch', () => {
    const patch = `*** Begin Patch\n*** Update File: src/auth.ts\n@@\n-export {};\n+export const a = 1;\n*** Add File: src/new.ts\n+x\n*** Update File: src/other.ts\n*** Move to: src/moved.ts\n@@\n-export {};\n*** End Patch\n`;
    const out = runHook(r, 'codex', 'PreToolUse', {
      ...base,
      turn_id: 't',
      tool_name: 'apply_patch',
      tool_use_id: 'call_1',
      tool_input: { command: patch },
    });
    const v = JSON.parse(out.stdout);
    expect(v.hookSpecificOutput.hookEventName).toBe('PreToolUse');
    expect(v.hookSpecificOutput.additionalContext).toContain('src/auth.ts');
    // The decision behind both files the patch changes is said once.
    expect(v.hookSpecificOutput.additionalContext.split('Validate tokens in the middleware')).toHaveLength(2);
    expect(v.hookSpecificOutput.permissionDecision).toBeUndefined();
    // Both files are given now: the next edit of either says nothing.
    const again = runHook(r, 'codex', 'PreToolUse', {
      ...base,
      tool_name: 'apply_patch',
      tool_input: { command: '*** Begin Patch\n*** Update File: src/other.ts\n*** End Patch\n' },
    });
    expect(again.stdout).toBe('');
  });

  it('Stop answers JSON always: continue once with a reason, then {}', () => {
    const first = JSON.parse(runHook(r, 'codex', 'Stop', { ...base, turn_id: 't', stop_hook_active: false }).stdout);
    expect(first).toMatchObject({ decision: 'block' });
    expect(first.reason).toContain('git session log --next');
    expect(JSON.parse(runHook(r, 'codex', 'Stop', { ...base, stop_hook_active: true }).stdout)).toEqual({});
  });
});

describe('the Gemini CLI hooks, as Gemini CLI runs them', () => {
  const r = agentRepo('gemini');
  const base = { session_id: 'gem-1', transcript_path: '/t.json', cwd: r.dir, timestamp: '2026-12-01T10:00:00Z' };

  it('prints JSON only: SessionStart, BeforeAgent, AfterTool context; AfterAgent deny; PreCompress {}', () => {
    const compactions = r.json(['show']).compactions;
    const start = JSON.parse(runHook(r, 'gemini', 'SessionStart', { ...base, source: 'startup' }).stdout);
    expect(start.hookSpecificOutput).toMatchObject({ hookEventName: 'SessionStart' });
    // Given at the start, the brief is not given again for "resume" in the same conversation.
    expect(JSON.parse(runHook(r, 'gemini', 'BeforeAgent', { ...base, prompt: 'resume' }).stdout)).toEqual({});
    const prompt = JSON.parse(
      runHook(r, 'gemini', 'BeforeAgent', { ...base, session_id: 'gem-2', prompt: 'resume' }).stdout,
    );
    expect(prompt.hookSpecificOutput).toMatchObject({ hookEventName: 'BeforeAgent' });
    // A relative path, from the cwd Gemini reports.
    const edit = JSON.parse(
      runHook(r, 'gemini', 'AfterTool', {
        ...base,
        cwd: join(r.dir, 'src'),
        tool_name: 'replace',
        tool_input: { file_path: 'auth.ts', old_string: 'a', new_string: 'b' },
        tool_response: { llmContent: 'ok' },
      }).stdout,
    );
    expect(edit.hookSpecificOutput).toMatchObject({ hookEventName: 'AfterTool' });
    expect(edit.hookSpecificOutput.additionalContext).toContain('Validate tokens');
    const stop = JSON.parse(
      runHook(r, 'gemini', 'AfterAgent', { ...base, prompt: 'x', stop_hook_active: false }).stdout,
    );
    expect(stop).toMatchObject({ decision: 'deny' });
    expect(JSON.parse(runHook(r, 'gemini', 'AfterAgent', { ...base, stop_hook_active: true }).stdout)).toEqual({});
    expect(JSON.parse(runHook(r, 'gemini', 'PreCompress', { ...base, trigger: 'auto' }).stdout)).toEqual({});
    expect(r.json(['show']).compactions).toBe(compactions + 1);
  });
});

describe('agent hooks never stand in the way', () => {
  const r = agentRepo('other');

  it('without git-session on PATH, each prints what its agent reads as "carry on"', () => {
    const env = { PATH: tempDir('gs-empty-path-') };
    const input = { session_id: 's', cwd: r.dir };
    expect(runHook(r, 'cursor', 'sessionStart', input, env)).toMatchObject({ code: 0, stdout: '{}\n' });
    expect(runHook(r, 'gemini', 'AfterTool', input, env)).toMatchObject({ code: 0, stdout: '{}\n' });
    expect(runHook(r, 'codex', 'Stop', input, env)).toMatchObject({ code: 0, stdout: '{}\n' });
    expect(runHook(r, 'codex', 'SessionStart', input, env)).toMatchObject({ code: 0, stdout: '' });
  });

  it('with no JSON, too much of it, or outside a repository, it is silent and exits 0', () => {
    expect(runHook(r, 'gemini', 'AfterTool', 'not json')).toMatchObject({ code: 0, stdout: '{}\n' });
    const huge = JSON.stringify({ prompt: 'continue', pad: 'x'.repeat(9 * 1024 * 1024) });
    expect(runHook(r, 'codex', 'UserPromptSubmit', huge)).toMatchObject({ code: 0, stdout: '' });
    const away = tempDir('gs-nowhere-');
    const out = spawnSync('sh', ['-c', command(r, 'cursor', 'stop')], {
      cwd: away,
      env: r.env,
      input: JSON.stringify({ status: 'completed', loop_count: 0 }),
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('{}\n');
  });

  it('Claude Code hooks run by Cursor answer in Cursor’s form, and not at all where Cursor’s own hooks are', () => {
    r.ok(['agent', 'install', 'claude']);
    const fromCursor = { session_id: 'c', cursor_version: '1.7.2', workspace_roots: [r.dir] };
    expect(runHook(r, 'claude', 'SessionStart', fromCursor).stdout.trim()).toBe('{}');
    r.ok(['agent', 'uninstall', 'cursor']);
    const alone = JSON.parse(runHook(r, 'claude', 'SessionStart', fromCursor).stdout);
    expect(alone.additional_context).toContain('# Session brief');
    // Claude Code itself still gets plain text.
    expect(runHook(r, 'claude', 'SessionStart', { session_id: 'c', source: 'startup' }).stdout).toMatch(
      /^# Session brief/,
    );
    // Its PreToolUse hook is the same edit reminder, in its hookSpecificOutput form.
    const edit = r.gs(['agent', 'hook', 'pre-tool-use'], {
      input: JSON.stringify({
        session_id: 'c',
        cwd: r.dir,
        tool_name: 'Edit',
        tool_input: { file_path: 'src/auth.ts' },
      }),
    });
    expect(JSON.parse(edit.stdout).hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse' });
  });

  it('a secret the agent typed never comes back in a hook’s answer', () => {
    const token = SAMPLES['github-pat']!();
    expect(r.gs(['decisions', 'add', `use ${token}`]).code).toBe(1);
    const out = runHook(r, 'codex', 'UserPromptSubmit', { session_id: 'new-conv', prompt: `continue ${token}` });
    expect(out.stdout + out.stderr).not.toContain(token.slice(8, 30));
  });
});
