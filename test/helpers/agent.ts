// Claude Code's side of the agent tests: the hook events git-session installs, and an installed
// hook command run the way Claude Code runs it (`sh -c` in the project, the event as JSON on stdin).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run, TestRepo } from './repo.js';

/** The Claude Code events git-session installs a hook for, in the order the settings file gets them. */
export const CLAUDE_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreCompact', 'Stop', 'SessionEnd', 'PreToolUse'];

export const claudeSettingsPath = (r: TestRepo): string => join(r.dir, '.claude', 'settings.json');

/** The command Claude Code would run for `event`, from the installed settings. */
export function claudeHookCommand(r: TestRepo, event: string): string {
  const v = JSON.parse(readFileSync(claudeSettingsPath(r), 'utf8'));
  const group = v.hooks[event].find((g: any) => g.hooks[0].command.includes('git session agent hook'));
  return group.hooks[0].command;
}

/** The installed hook for `event`, given `{hook_event_name, cwd, ...input}` on stdin. */
export function runClaudeHook(r: TestRepo, event: string, input: object): Run {
  const out = spawnSync('sh', ['-c', claudeHookCommand(r, event)], {
    cwd: r.dir,
    env: r.env,
    input: JSON.stringify({ hook_event_name: event, cwd: r.dir, ...input }),
    encoding: 'utf8',
  });
  return { code: out.status ?? 1, stdout: out.stdout, stderr: out.stderr };
}
