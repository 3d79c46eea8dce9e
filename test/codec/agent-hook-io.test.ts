import { describe, expect, it } from 'vitest';
import {
  decodeHookInput,
  encodeHookOutput,
  HOOK_ROLES,
  HOOK_TOOLS,
  MAX_HOOK_FILES,
  patchPaths,
  silentOutput,
} from '../../src/codec/agent-hook-io.js';

describe("each agent's hook input", () => {
  it('Claude Code: session, prompt, the file of Write/Edit, the stop guard', () => {
    const input = decodeHookInput(
      'claude',
      {
        session_id: 'abc',
        cwd: '/p',
        hook_event_name: 'PreToolUse',
        tool_name: 'Edit',
        tool_input: { file_path: '/p/src/a.ts', old_string: 'a', new_string: 'b' },
        stop_hook_active: true,
      },
      {},
    );
    expect(input).toMatchObject({ conversation: 'abc', cwd: '/p', files: ['/p/src/a.ts'], continuing: true });
    expect(input.fromCursor).toBe(false);
    // A subagent has a context of its own: its conversation is apart, and bounded.
    expect(decodeHookInput('claude', { session_id: 'abc', agent_id: 'sub-1' }, {}).conversation).toBe('abc/sub-1');
    expect(decodeHookInput('claude', { session_id: 'x'.repeat(900), agent_id: 'a' }, {}).conversation).toHaveLength(
      200,
    );
  });

  it('Cursor: conversation_id, workspace_roots for a cwd, loop_count and status of a stop', () => {
    const input = decodeHookInput(
      'cursor',
      {
        conversation_id: 'c1',
        workspace_roots: ['/w'],
        cursor_version: '1.7.2',
        tool_name: 'Write',
        tool_input: { target_file: 'src/b.ts' },
        status: 'aborted',
        loop_count: 1,
      },
      {},
    );
    expect(input).toMatchObject({
      conversation: 'c1',
      cwd: '/w',
      files: ['src/b.ts'],
      continuing: true,
      interrupted: true,
      fromCursor: true,
    });
    // Claude Code's hooks, run by Cursor: the payload or the environment says so.
    expect(decodeHookInput('claude', { cursor_version: '2.0' }, {}).fromCursor).toBe(true);
    expect(decodeHookInput('claude', {}, { CURSOR_VERSION: '2.0' }).fromCursor).toBe(true);
    // Tool input given as JSON text (Cursor's MCP events).
    expect(decodeHookInput('cursor', { tool_input: '{"file_path":"x.ts"}' }, {}).files).toEqual(['x.ts']);
    expect(decodeHookInput('cursor', { status: 'completed' }, {}).interrupted).toBe(false);
  });

  it('Codex: the files of an apply_patch come from the patch text', () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: docs/new.md',
      '+hello',
      '*** Update File: src/app.ts',
      '*** Move to: src/main.ts',
      '@@',
      '-a',
      '+b',
      '*** Delete File: old.txt',
      '*** Update File: src/app.ts',
      '*** End Patch',
    ].join('\n');
    const input = decodeHookInput(
      'codex',
      { session_id: 's', tool_name: 'apply_patch', tool_input: { command: patch } },
      {},
    );
    expect(input.files).toEqual(['docs/new.md', 'src/app.ts', 'src/main.ts', 'old.txt']);
    // A Bash command is not an edit.
    expect(decodeHookInput('codex', { tool_name: 'Bash', tool_input: { command: 'ls' } }, {}).files).toEqual([]);
    // CRLF patches, and paths with spaces.
    expect(patchPaths('*** Begin Patch\r\n*** Update File: a b.ts\r\n*** End Patch\r\n')).toEqual(['a b.ts']);
  });

  it('Gemini CLI: write_file and replace name file_path; BeforeAgent has the prompt', () => {
    const input = decodeHookInput(
      'gemini',
      { session_id: 'g', cwd: '/g', prompt: 'continue', tool_name: 'replace', tool_input: { file_path: 'a.ts' } },
      {},
    );
    expect(input).toMatchObject({ conversation: 'g', prompt: 'continue', files: ['a.ts'] });
  });

  it('reads anything malformed or hostile as absent, and bounds what it keeps', () => {
    for (const raw of [null, [], 'text', 42, { session_id: 7, cwd: {}, tool_input: [], prompt: null }]) {
      const input = decodeHookInput('claude', raw, {});
      expect(input).toMatchObject({ conversation: null, cwd: null, prompt: '', files: [], continuing: false });
    }
    expect(decodeHookInput('claude', { cwd: 'a\0b', session_id: 'x'.repeat(5000) }, {})).toMatchObject({
      cwd: null,
      conversation: null,
    });
    const many = Array.from({ length: 500 }, (_, i) => `*** Add File: f${i}`).join('\n');
    expect(patchPaths(many)).toHaveLength(MAX_HOOK_FILES);
    expect(decodeHookInput('gemini', { prompt: 'p'.repeat(1e6) }, {}).prompt.length).toBe(64 * 1024);
  });
});

describe("each agent's hook output", () => {
  const brief = '# Session brief';
  it("is each agent's documented form for context", () => {
    expect(encodeHookOutput('claude', 'session-start', { context: brief })).toBe(brief);
    expect(JSON.parse(encodeHookOutput('cursor', 'session-start', { context: brief }))).toEqual({
      additional_context: brief,
    });
    expect(JSON.parse(encodeHookOutput('cursor', 'file-edit', { context: brief }))).toEqual({
      additional_context: brief,
    });
    expect(JSON.parse(encodeHookOutput('codex', 'file-edit', { context: brief }))).toEqual({
      hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: brief },
    });
    expect(JSON.parse(encodeHookOutput('codex', 'user-prompt', { context: brief }))).toEqual({
      hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: brief },
    });
    expect(JSON.parse(encodeHookOutput('gemini', 'user-prompt', { context: brief }))).toEqual({
      hookSpecificOutput: { hookEventName: 'BeforeAgent', additionalContext: brief },
    });
    expect(JSON.parse(encodeHookOutput('gemini', 'file-edit', { context: brief }))).toEqual({
      hookSpecificOutput: { hookEventName: 'AfterTool', additionalContext: brief },
    });
  });

  it('keeps the agent going after a stop in its own words', () => {
    const followup = 'leave a handoff';
    expect(JSON.parse(encodeHookOutput('claude', 'stop', { followup }))).toEqual({
      decision: 'block',
      reason: followup,
    });
    expect(JSON.parse(encodeHookOutput('codex', 'stop', { followup }))).toEqual({
      decision: 'block',
      reason: followup,
    });
    expect(JSON.parse(encodeHookOutput('cursor', 'stop', { followup }))).toEqual({ followup_message: followup });
    expect(JSON.parse(encodeHookOutput('gemini', 'stop', { followup }))).toEqual({
      decision: 'deny',
      reason: followup,
    });
  });

  it('says nothing in a form each agent accepts: JSON where it reads JSON', () => {
    for (const tool of HOOK_TOOLS)
      for (const role of HOOK_ROLES) {
        const out = silentOutput(tool, role);
        const json = tool === 'cursor' || tool === 'gemini' || (tool === 'codex' && role === 'stop');
        if (json) expect(JSON.parse(out), `${tool} ${role}`).toEqual({});
        else expect(out, `${tool} ${role}`).toBe('');
      }
  });
});
