// The context Claude Code gets, run the way Claude Code runs the installed hooks (`sh -c` in the
// project, the event as JSON on stdin): the PreToolUse edit reminder — the decisions in force
// behind a file, once per file per conversation, nothing when there are none — and the brief
// given once per conversation, once again after a compaction, within its token budget.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeHookCommand, runClaudeHook } from '../helpers/agent.js';
import { sessionRepo } from '../helpers/hooks.js';
import { cleanupAll, type Run, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

/** The installed hook for `event`, in conversation `conv-1` unless `input` names another. */
const runHook = (r: TestRepo, event: string, input: object): Run =>
  runClaudeHook(r, event, { session_id: 'conv-1', ...input });

const edit = (r: TestRepo, file: string, extra: object = {}) =>
  runHook(r, 'PreToolUse', {
    tool_name: 'Edit',
    tool_input: { file_path: join(r.dir, file), old_string: 'a', new_string: 'b' },
    tool_use_id: 'toolu_1',
    ...extra,
  });

describe('the PreToolUse edit reminder', () => {
  let r: TestRepo;

  beforeAll(() => {
    ({ r } = sessionRepo('feature/pay', ['Take payments']));
    r.ok(['agent', 'install', 'claude']);
    r.ok(['log', ...[1, 2, 3, 4, 5, 6, 7].flatMap((i) => ['--decision', `Rule ${i} ${'about payments '.repeat(i)}`])]);
    r.commit('feat(pay): rules', { 'src/pay.ts': 'export const cents = 1;\n' });
    r.ok(['decisions', 'add', 'Amounts in integer cents', '--rationale', 'no float rounding']);
    r.commit('feat(pay): amounts', { 'src/pay.ts': 'export const cents = 2;\n' });
    r.commit('docs: readme', { 'README.md': 'pay\n' });
  });

  it('is installed for Edit, Write and MultiEdit, with a short timeout', () => {
    const v = JSON.parse(readFileSync(join(r.dir, '.claude', 'settings.json'), 'utf8'));
    const ours = v.hooks.PreToolUse.find((g: any) => g.hooks[0].command.includes('git session agent hook'));
    expect(ours).toEqual({
      matcher: 'Edit|Write|MultiEdit',
      hooks: [{ type: 'command', command: expect.stringContaining('pre-tool-use'), timeout: 10 }],
    });
  });

  it('gives the decisions in force as Claude Code documents added context: at most 5, at most 600 characters', () => {
    const out = edit(r, 'src/pay.ts');
    expect(out.code).toBe(0);
    const v = JSON.parse(out.stdout);
    expect(Object.keys(v)).toEqual(['hookSpecificOutput']);
    expect(v.hookSpecificOutput.hookEventName).toBe('PreToolUse');
    expect(v.hookSpecificOutput.permissionDecision).toBeUndefined();
    const context: string = v.hookSpecificOutput.additionalContext;
    expect(context).toMatch(/^git-session: decisions in force behind src\/pay\.ts/);
    expect([...context].length).toBeLessThanOrEqual(600);
    const lines = context.split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(5);
    // Newest first: the cents decision, then the rules, cut to fit.
    expect(lines[0]).toMatch(/^- Amounts in integer cents \(why: no float rounding\) \[dec-\w+, session pay\]$/);
    expect(lines[1]).toContain('Rule 7');
  });

  it('is given once per file per conversation; another conversation, or another file, gets it again', () => {
    expect(edit(r, 'src/pay.ts').stdout).toBe('');
    expect(edit(r, 'src/pay.ts', { session_id: 'conv-2' }).stdout).toContain('decisions in force');
    // A subagent has a context of its own.
    expect(edit(r, 'src/pay.ts', { agent_id: 'sub-1' }).stdout).toContain('decisions in force');
    expect(edit(r, 'README.md').stdout).toContain('behind README.md');
  });

  it('says nothing for a new file, a file outside the repository, or a tool input without a path', () => {
    expect(edit(r, 'src/new.ts')).toMatchObject({ code: 0, stdout: '' });
    expect(
      runHook(r, 'PreToolUse', { tool_name: 'Write', tool_input: { file_path: '/etc/hosts', content: 'x' } }),
    ).toMatchObject({ code: 0, stdout: '' });
    expect(runHook(r, 'PreToolUse', { tool_name: 'Edit', tool_input: {} })).toMatchObject({ code: 0, stdout: '' });
  });

  it('a compaction forgets what was given: the reminder comes again, once', () => {
    runHook(r, 'PreCompact', { trigger: 'auto' });
    expect(edit(r, 'src/pay.ts').stdout).toContain('decisions in force');
    expect(edit(r, 'src/pay.ts').stdout).toBe('');
  });

  it('a replaced decision is given as the decision that replaces it', () => {
    const cents = r.json(['decisions', 'list']).find((d: any) => d.text === 'Amounts in integer cents');
    r.ok([
      'decisions',
      'supersede',
      cents.id,
      'Amounts as decimal strings',
      '--rationale',
      'currencies with 3 decimals',
    ]);
    const out = edit(r, 'src/pay.ts', { session_id: 'conv-3' });
    const context = JSON.parse(out.stdout).hookSpecificOutput.additionalContext as string;
    expect(context).not.toContain('integer cents');
    expect(context.split('\n')[1]).toContain('Amounts as decimal strings (why: currencies with 3 decimals)');
  });

  it('never stands in the way: a broken store is one line on stderr, exit 0, nothing on stdout', () => {
    const out = spawnSync('sh', ['-c', claudeHookCommand(r, 'PreToolUse')], {
      cwd: r.dir,
      env: { ...r.env, GIT_DIR: '/nonexistent' },
      input: '{"tool_input":{"file_path":"x"}',
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('');
  });
});

describe('the brief in the agent’s context', () => {
  let r: TestRepo;

  beforeAll(() => {
    ({ r } = sessionRepo('feature/lean', ['Keep the context lean']));
    r.ok(['agent', 'install', 'claude']);
    r.ok([
      'log',
      ...Array.from({ length: 60 }, (_v, i) => ['--progress', `Step ${i}: ${'details of the work '.repeat(8)}`]).flat(),
    ]);
  });

  it('fits brief.agent_max_tokens (2,000 estimated tokens) at session start', () => {
    const out = runHook(r, 'SessionStart', { source: 'startup' });
    expect(out.stdout).toContain('# Session brief: Keep the context lean');
    expect(Buffer.byteLength(out.stdout)).toBeLessThanOrEqual(2000 * 4);
    // The CLI gives it whole; --max-tokens fits it the same way, and says what it cut.
    expect(Buffer.byteLength(r.ok(['brief']).stdout)).toBeGreaterThan(2000 * 4);
    const fitted = r.json(['brief', '--max-tokens', '500']).markdown;
    expect(fitted.tokens).toBeLessThanOrEqual(500);
    expect(fitted.cut.map((c: any) => c.block)).toContain('progress');
  });

  it('is given once: SessionStart, then "continue" does not repeat it; after a compaction SessionStart gives it once more', () => {
    runHook(r, 'SessionStart', { source: 'startup', session_id: 'c1' });
    expect(runHook(r, 'UserPromptSubmit', { prompt: 'continue', session_id: 'c1' }).stdout).toBe('');
    runHook(r, 'PreCompact', { trigger: 'auto', session_id: 'c1' });
    const after = runHook(r, 'SessionStart', { source: 'compact', session_id: 'c1' });
    expect(after.stdout).toContain('# Session brief');
    expect(runHook(r, 'UserPromptSubmit', { prompt: 'continue', session_id: 'c1' }).stdout).toBe('');
  });

  it('without a SessionStart after the compaction, the next "continue" gives it — once', () => {
    runHook(r, 'SessionStart', { source: 'startup', session_id: 'c2' });
    runHook(r, 'PreCompact', { trigger: 'manual', session_id: 'c2' });
    const first = runHook(r, 'UserPromptSubmit', { prompt: 'continue', session_id: 'c2' });
    expect(first.stdout).toContain('# Session brief');
    expect(Buffer.byteLength(first.stdout)).toBeLessThanOrEqual(2000 * 4 + 200);
    expect(runHook(r, 'UserPromptSubmit', { prompt: 'where were we?', session_id: 'c2' }).stdout).toBe('');
  });

  it('takes its budget from brief.agent_max_tokens', () => {
    r.write('.session/config.yaml', 'brief:\n  agent_max_tokens: 300\n');
    const out = runHook(r, 'SessionStart', { source: 'startup', session_id: 'c3' });
    expect(Buffer.byteLength(out.stdout)).toBeLessThanOrEqual(300 * 4);
    r.write('.session/config.yaml', 'brief:\n  agent_max_tokens: 50\n');
    const bad = r.gs(['brief']);
    expect(bad.stderr).toContain("'brief.agent_max_tokens' must be a whole number from 200 to 100000");
  });
});
