import { describe, expect, it } from 'vitest';
import {
  addClaudeHooks,
  installedEvents,
  removeClaudeHooks,
  SettingsError,
} from '../../src/install/claude-settings.js';
import { CLAUDE_EVENTS } from '../helpers/agent.js';

// A settings file as people write them: compact objects, their own hooks, a comment, two-space indent.
const EXISTING = `{
  // team settings
  "permissions": { "allow": ["Bash(npm test)"], "deny": [] },
  "hooks": {
    "Stop": [
      {
        "hooks": [{ "type": "command", "command": "say done" }]
      }
    ],
    "PostToolUse": [{ "matcher": "Write", "hooks": [{ "type": "command", "command": "npx prettier -w" }] }]
  },
  "model": "opus"
}
`;

describe('Claude settings merge', () => {
  it('adds our hooks and leaves every other line as it was', () => {
    const out = addClaudeHooks(EXISTING);
    expect(installedEvents(out)).toEqual(CLAUDE_EVENTS);
    for (const line of EXISTING.split('\n').filter((l) => l.trim() !== '' && !/^\s*[\]}],?$/.test(l)))
      expect(out).toContain(line);
    const v = JSON.parse(out.replace(/^\s*\/\/.*$/m, ''));
    expect(v.hooks.Stop).toHaveLength(2);
    expect(v.hooks.Stop[0].hooks[0].command).toBe('say done');
    expect(v.hooks.PostToolUse[0].hooks[0].command).toBe('npx prettier -w');
    expect(v.hooks.SessionStart[0].hooks[0].command).toContain('git session agent hook session-start');
    expect(v.permissions).toEqual({ allow: ['Bash(npm test)'], deny: [] });
    expect(Object.keys(v)).toEqual(['permissions', 'hooks', 'model']);
  });

  it('is idempotent and round-trips to the original bytes', () => {
    const once = addClaudeHooks(EXISTING);
    expect(addClaudeHooks(once)).toBe(once);
    expect(removeClaudeHooks(once)).toBe(EXISTING);
  });

  it('keeps tab indentation and CRLF line ends', () => {
    const tabbed = '{\r\n\t"model": "opus"\r\n}\r\n';
    const out = addClaudeHooks(tabbed);
    expect(out).toContain('\r\n\t"hooks": {');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).not.toMatch(/^ +"/m);
    expect(removeClaudeHooks(out)).toBe(tabbed);
  });

  it('replaces an outdated copy of our entry instead of adding a second', () => {
    const old = addClaudeHooks(null).replace('"timeout": 30', '"timeout": 5');
    const out = addClaudeHooks(old);
    const v = JSON.parse(out);
    expect(v.hooks.SessionStart).toHaveLength(1);
    expect(v.hooks.SessionStart[0].hooks[0].timeout).toBe(30);
  });

  it('creates the file content from nothing and removes it to nothing', () => {
    const out = addClaudeHooks(null);
    expect(Object.keys(JSON.parse(out).hooks)).toEqual(CLAUDE_EVENTS);
    expect(JSON.parse(out).hooks.PreToolUse[0].matcher).toBe('Edit|Write|MultiEdit');
    expect(removeClaudeHooks(out)).toBeNull();
  });

  it('refuses a file that is not JSON, naming where it breaks', () => {
    expect(() => addClaudeHooks('{ "hooks": { "Stop": [ }')).toThrow(SettingsError);
    expect(() => addClaudeHooks('{ "a": 1, }')).toThrow(/line 1/);
    expect(() => addClaudeHooks('[1, 2]')).toThrow(/top level/);
    expect(() => addClaudeHooks('{"hooks": []}')).toThrow(/"hooks" is not an object/);
    expect(() => addClaudeHooks('{"hooks": {"Stop": {}}}')).toThrow(/hooks.Stop/);
    expect(() => removeClaudeHooks('{ nope')).toThrow(SettingsError);
    expect(installedEvents('{ nope')).toEqual([]);
  });
});
