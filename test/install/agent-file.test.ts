import { describe, expect, it } from 'vitest';
import {
  ConfigFileError,
  checkHookCommand,
  guardedHookCommand,
  isAgentHookCommand,
  makePlanner,
  runsGitSessionMcp,
} from '../../src/install/agent-file.js';

// A planner over a file of lines, where each part's entry is one line: the record rules alone.
function linePlanner(part: string) {
  const line = `OURS ${part}`;
  return makePlanner<null>({
    part,
    path: 'f',
    what: 'the file',
    added: `added ${part}`,
    add(current) {
      if (current?.includes('BROKEN')) throw new ConfigFileError('not readable', 1, 1);
      const text = current ?? '';
      return text.split('\n').includes(line) ? text : `${text}${line}\n`;
    },
    remove(current) {
      if (current.includes('BROKEN')) throw new ConfigFileError('not readable', 1, 1);
      const text = current
        .split('\n')
        .filter((l) => l !== line)
        .join('\n');
      return { text, empty: text.trim() === '' };
    },
    present(current) {
      if (current?.includes('BROKEN')) throw new ConfigFileError('not readable', 1, 1);
      return current?.split('\n').includes(line) ?? false;
    },
    status: () => ({ state: 'absent', detail: '', found: [], missing: [], notes: [] }),
  });
}
const a = linePlanner('a');
const b = linePlanner('b');

const write = (plan: ReturnType<typeof a.install>) => {
  if (plan.action !== 'write') throw new Error(JSON.stringify(plan));
  return plan;
};

describe('install records', () => {
  it('forgets the bytes before once the file holds our entries that no record explains', () => {
    const first = write(a.install('user\n', null));
    // Another clone, or the record lost: the entries are there, the bytes before them unknown.
    const edited = `${first.content}more\n`;
    expect(a.install(edited, null)).toMatchObject({ action: 'none', record: null });
    // Another part over it starts a record of its own: its uninstall gives back the file with a's entry.
    const withB = write(b.install(edited, null, first.record));
    expect(withB.record).toEqual({ before: edited, after: `${edited}OURS b\n`, parts: ['b'] });
    expect(b.uninstall(withB.content, withB.record)).toMatchObject({ content: edited });
  });

  it('starts a record over a file that was edited since, when none of ours is in it', () => {
    const plan = write(a.install('user\n', null, { before: 'old', after: 'not this' }));
    expect(plan.record).toEqual({ before: 'user\n', after: 'user\nOURS a\n', parts: ['a'] });
  });

  it('restores the bytes of a record kept by agent install claude (no parts)', () => {
    const after = 'user\nOURS a\n';
    expect(a.uninstall(after, { before: 'user\n', after })).toMatchObject({ action: 'write', content: 'user\n' });
    expect(a.uninstall(after, { before: null, after })).toMatchObject({ action: 'delete' });
    expect(a.uninstall(after, { before: after, after })).toMatchObject({ action: 'none', record: null });
  });

  it('takes out a part the record does not cover, and takes it out of the bytes before too', () => {
    // b was in the file before the record began (an install by an older version, or by hand).
    const start = 'user\nOURS b\n';
    const withA = write(a.install(start, null));
    expect(withA.record).toEqual({ before: start, after: 'user\nOURS b\nOURS a\n', parts: ['a'] });
    const noB = write(b.uninstall(withA.content, withA.record));
    expect(noB.content).toBe('user\nOURS a\n');
    expect(noB.record).toEqual({ before: 'user\n', after: 'user\nOURS a\n', parts: ['a'] });
    expect(a.uninstall(noB.content, noB.record)).toMatchObject({ action: 'write', content: 'user\n' });
  });

  it('deletes a file it created once nothing of anyone’s is left, even after an edit', () => {
    const created = write(a.install(null, null));
    const touched = `${created.content}\n`;
    expect(a.uninstall(touched, created.record)).toMatchObject({ action: 'delete' });
  });

  it('refuses on a file it cannot read, install and uninstall alike, with the default hints', () => {
    expect(a.install('BROKEN', null)).toEqual({
      action: 'refuse',
      refusal: { reason: 'not readable', line: 1, column: 1, hint: 'fix the file, then run the install again' },
    });
    expect(a.uninstall('BROKEN OURS a', null)).toMatchObject({
      action: 'refuse',
      refusal: { hint: 'remove the git-session entries by hand' },
    });
    expect(a.uninstall(null, null)).toMatchObject({ action: 'none', summary: 'nothing installed' });
  });
});

describe('hook commands and the MCP command', () => {
  it('guards a hook so a machine without git-session runs nothing, or prints {} where JSON is read', () => {
    expect(guardedHookCommand('cursor stop')).toBe(
      'command -v git-session >/dev/null 2>&1 && git session agent hook cursor stop || true',
    );
    expect(guardedHookCommand('cursor stop', 'json')).toBe(
      "if command -v git-session >/dev/null 2>&1; then git session agent hook cursor stop; else echo '{}'; fi",
    );
  });

  it('recognises its own commands and nothing else', () => {
    expect(isAgentHookCommand('git session agent hook session-start')).toBe(true);
    expect(isAgentHookCommand('git-session agent hook x')).toBe(true);
    expect(isAgentHookCommand('./my-git-session-agent.sh')).toBe(false);
    expect(isAgentHookCommand(42)).toBe(false);
    expect(() => checkHookCommand('git session agent hook a\nrm -rf ~')).toThrow();
    expect(runsGitSessionMcp(['git', 'session', 'mcp', '--cwd', '.'])).toBe(true);
    expect(runsGitSessionMcp(['git-session', 'mcp'])).toBe(true);
    expect(runsGitSessionMcp(['git', 'session'])).toBe(false);
    expect(runsGitSessionMcp(['npx', 'git-session-mcp'])).toBe(false);
  });
});
