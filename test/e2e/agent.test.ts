// Coding-agent integration: `agent install|uninstall|status claude|agents-md` on real files, and
// the installed Claude Code hook commands run the way Claude Code runs them (sh -c in the project,
// the event as JSON on stdin).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAUDE_EVENTS, claudeHookCommand, claudeSettingsPath, runClaudeHook } from '../helpers/agent.js';
import { initRepo } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const SETTINGS = `{
  "permissions": { "allow": ["Bash(npm test)"] },
  "hooks": {
    "Stop": [{ "hooks": [{ "type": "command", "command": "notify-send done" }] }],
    "PostToolUse": [
      {
        "matcher": "Write|Edit",
        "hooks": [{ "type": "command", "command": "npx prettier --write" }]
      }
    ]
  }
}
`;

function repoWithSession(): TestRepo {
  const r = initRepo();
  r.ok(['start', 'feature/agent', '-o', 'Teach the agent the context']);
  return r;
}

describe('agent install claude', () => {
  it('merges three hooks into existing settings, keeping other hooks and formatting', () => {
    const r = repoWithSession();
    mkdirSync(join(r.dir, '.claude'));
    writeFileSync(claudeSettingsPath(r), SETTINGS);
    const out = r.json(['agent', 'install', 'claude']);
    expect(out.claude.hooks).toEqual(CLAUDE_EVENTS);
    const after = readFileSync(claudeSettingsPath(r), 'utf8');
    // The user's lines are all still there, byte for byte; the one-line Stop list gains our entry
    // on that same line.
    for (const line of SETTINGS.split('\n').filter((l) => l.trim().length > 2 && !l.includes('"Stop"')))
      expect(after).toContain(line);
    expect(after).toContain('    "Stop": [{ "hooks": [{ "type": "command", "command": "notify-send done" }] }, {');
    const v = JSON.parse(after);
    expect(v.hooks.Stop.map((g: any) => g.hooks[0].command)).toEqual([
      'notify-send done',
      expect.stringContaining('git session agent hook stop'),
    ]);
    expect(v.hooks.PostToolUse).toHaveLength(1);
    expect(v.permissions).toEqual({ allow: ['Bash(npm test)'] });

    // Twice is once; status says what is there; uninstall gives back the original bytes.
    expect(r.ok(['agent', 'install', 'claude']).stdout).toContain('already installed');
    expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe(after);
    expect(r.ok(['agent', 'status']).stdout).toMatch(
      /claude .*SessionStart, UserPromptSubmit, PreCompact, Stop, SessionEnd, PreToolUse/,
    );
    r.ok(['agent', 'uninstall', 'claude']);
    expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe(SETTINGS);
    expect(r.json(['agent', 'status']).claude.installed).toBe(false);
  });

  it('gives back the exact original bytes, whatever odd shape they had', () => {
    const r = repoWithSession();
    mkdirSync(join(r.dir, '.claude'));
    for (const original of ['{"hooks":{"Stop":[]}}', '{"hooks":{}}\n', '', '{\n  "model": "opus"\n}']) {
      writeFileSync(claudeSettingsPath(r), original);
      r.ok(['agent', 'install', 'claude']);
      expect(readFileSync(claudeSettingsPath(r), 'utf8')).not.toBe(original);
      r.ok(['agent', 'uninstall', 'claude']);
      expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe(original);
    }
  });

  it('a reinstall over a partly removed install is undone completely', () => {
    const r = repoWithSession();
    mkdirSync(join(r.dir, '.claude'));
    writeFileSync(claudeSettingsPath(r), '{"hooks":{}}\n');
    r.ok(['agent', 'install', 'claude']);
    const v = JSON.parse(readFileSync(claudeSettingsPath(r), 'utf8'));
    delete v.hooks.SessionEnd;
    writeFileSync(claudeSettingsPath(r), `${JSON.stringify(v, null, 2)}\n`);
    r.ok(['agent', 'install', 'claude']);
    r.ok(['agent', 'uninstall', 'claude']);
    expect(r.json(['agent', 'status']).claude.hooks).toEqual([]);
  });

  it('Stop right after a session started, with nothing done, asks nothing', () => {
    const r = initRepo();
    r.ok(['start', 'feature/empty']);
    r.ok(['agent', 'install', 'claude']);
    expect(runClaudeHook(r, 'Stop', {}).stdout).toBe('');
  });

  it('after the user edited the file, uninstall removes only our entries and keeps the edit', () => {
    const r = repoWithSession();
    mkdirSync(join(r.dir, '.claude'));
    writeFileSync(claudeSettingsPath(r), '{\n  "model": "opus"\n}\n');
    r.ok(['agent', 'install', 'claude']);
    writeFileSync(claudeSettingsPath(r), readFileSync(claudeSettingsPath(r), 'utf8').replace('"opus"', '"sonnet"'));
    r.ok(['agent', 'uninstall', 'claude']);
    expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe('{\n  "model": "sonnet"\n}\n');
  });

  it('creates .claude/settings.json when missing and removes only a file it created', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    expect(existsSync(claudeSettingsPath(r))).toBe(true);
    r.ok(['agent', 'uninstall', 'claude']);
    expect(existsSync(claudeSettingsPath(r))).toBe(false);
  });

  it('refuses a malformed .claude/settings.json and leaves it untouched', () => {
    const r = repoWithSession();
    mkdirSync(join(r.dir, '.claude'));
    const broken = '{\n  "hooks": {\n    "Stop": [\n  }\n';
    writeFileSync(claudeSettingsPath(r), broken);
    const out = r.gs(['agent', 'install', 'claude']);
    expect(out.code).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('.claude/settings.json is not valid JSON');
    expect(lines[0]).toMatch(/line \d+, column \d+/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe(broken);
    // Valid JSON of the wrong shape is refused the same way.
    writeFileSync(claudeSettingsPath(r), '{"hooks": {"Stop": "say done"}}\n');
    expect(r.gs(['agent', 'install', 'claude']).stderr).toContain('"hooks.Stop" is not an array');
    expect(readFileSync(claudeSettingsPath(r), 'utf8')).toBe('{"hooks": {"Stop": "say done"}}\n');
  });
});

describe('the installed Claude Code hooks', () => {
  it('SessionStart prints the brief of the branch session', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    r.ok(['next', 'Start from the parser tests']);
    const out = runClaudeHook(r, 'SessionStart', { source: 'startup' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('# Session brief: Teach the agent the context');
    expect(out.stdout).toContain('Start from the parser tests');
  });

  it('SessionStart on a branch without a session says how to start or resume one', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    r.git(['switch', '-q', 'main']);
    const out = runClaudeHook(r, 'SessionStart', { source: 'startup' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('No git-session session on branch main');
    expect(out.stdout).toContain('agent (feature/agent)');
  });

  it('PreCompact records a checkpoint note and counts compactions', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    expect(runClaudeHook(r, 'PreCompact', { trigger: 'auto' }).code).toBe(0);
    expect(runClaudeHook(r, 'PreCompact', { trigger: 'manual' }).code).toBe(0);
    const show = r.json(['show']);
    expect(show.compactions).toBe(2);
    expect(show.checkpoints.map((c: any) => [c.label, c.note])).toEqual([
      ['compaction 1', 'before a context compaction (auto)'],
      ['compaction 2', 'before a context compaction (manual)'],
    ]);
  });

  it('Stop asks once for a handoff after the session changed, and not again until it changes', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    const first = runClaudeHook(r, 'Stop', {});
    expect(first.code).toBe(0);
    const decision = JSON.parse(first.stdout);
    expect(decision.decision).toBe('block');
    expect(decision.reason).toContain('git session next');
    // The agent is already continuing because of a Stop hook: never block again (no loops).
    expect(runClaudeHook(r, 'Stop', { stop_hook_active: true }).stdout).toBe('');
    // Reminded once for this batch of changes.
    expect(runClaudeHook(r, 'Stop', {}).stdout).toBe('');
    r.ok(['log', '--progress', 'More work']);
    expect(JSON.parse(runClaudeHook(r, 'Stop', {}).stdout).decision).toBe('block');
    // After a handoff note nothing is pending, and a context compaction is not new work.
    r.ok(['next', 'Continue with the parser']);
    expect(runClaudeHook(r, 'Stop', {}).stdout).toBe('');
    runClaudeHook(r, 'PreCompact', { trigger: 'auto' });
    expect(runClaudeHook(r, 'Stop', {}).stdout).toBe('');
  });

  it('UserPromptSubmit gives the brief when the user says "continue", once per conversation', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    expect(
      runClaudeHook(r, 'UserPromptSubmit', { prompt: 'fix the typo in the README', session_id: 'c1' }).stdout,
    ).toBe('');
    const first = runClaudeHook(r, 'UserPromptSubmit', { prompt: 'continue', session_id: 'c1' });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('# Session brief: Teach the agent the context');
    expect(runClaudeHook(r, 'UserPromptSubmit', { prompt: 'Continue please', session_id: 'c1' }).stdout).toBe('');
    expect(runClaudeHook(r, 'UserPromptSubmit', { prompt: 'where were we?', session_id: 'c2' }).stdout).toContain(
      'Session brief',
    );
  });

  it('SessionEnd writes the handoff when there is work not handed off, and only then', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    r.ok(['log', '--next', 'Wire the parser into the CLI']);
    const out = runClaudeHook(r, 'SessionEnd', { reason: 'exit' });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('wrote NEXT_SESSION.md');
    const handoff = readFileSync(join(r.dir, 'NEXT_SESSION.md'), 'utf8');
    expect(handoff).toContain('Wire the parser into the CLI');
    expect(r.json(['show']).handoffs).toHaveLength(1);
    // Nothing new since: no second handoff.
    expect(runClaudeHook(r, 'SessionEnd', { reason: 'exit' }).stderr).toBe('');
    expect(r.json(['show']).handoffs).toHaveLength(1);
  });

  it('never fails the agent: with git-session missing from PATH the hooks are silent', () => {
    const r = repoWithSession();
    r.ok(['agent', 'install', 'claude']);
    // A PATH with nothing on it: wherever install.sh linked git-session, it is not found.
    const out = spawnSync('/bin/sh', ['-c', claudeHookCommand(r, 'SessionStart')], {
      cwd: r.dir,
      env: { ...r.env, PATH: tempDir('gs-empty-path-') },
      input: '{}',
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('');
  });
});

describe('agent install agents-md', () => {
  it('adds a marked section to an existing AGENTS.md and removes exactly it', () => {
    const r = repoWithSession();
    const original = '# Agents\n\nRun `npm test` before every commit.\n';
    r.write('AGENTS.md', original);
    r.ok(['agent', 'install', 'agents-md']);
    const text = readFileSync(join(r.dir, 'AGENTS.md'), 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(text).toContain('git session brief');
    expect(r.json(['agent', 'status'])['agents-md'].installed).toBe(true);
    r.ok(['agent', 'install', 'agents-md']);
    expect(readFileSync(join(r.dir, 'AGENTS.md'), 'utf8')).toBe(text);
    r.ok(['agent', 'uninstall', 'agents-md']);
    expect(readFileSync(join(r.dir, 'AGENTS.md'), 'utf8')).toBe(original);
  });

  it('rejects an unknown target as a usage error', () => {
    const r = repoWithSession();
    const out = r.gs(['agent', 'install', 'vscode']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      "unknown agent target 'vscode' — use one of: claude, cursor, codex, gemini, opencode, agents-md, mcp",
    );
  });
});
