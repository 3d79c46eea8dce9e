// The cases every agent file planner must pass, run by each agent's test file with its own files:
// absent, empty, the user's file kept byte for byte (comments, CRLF, tabs), idempotent, malformed
// refused with its line and column, uninstall back to the exact bytes, or only our entries out
// once the user edited the file.

import { expect, it } from 'vitest';
import type { AgentFilePlanner, FilePlan, InstallRecord } from '../../src/install/agent-file.js';

export interface ContractFixtures<O> {
  planner: AgentFilePlanner<O>;
  options: O;
  /** A file as a user writes it, with their own entries and comments. */
  existing: string;
  /** The same kind of file with CRLF line ends and tab indentation. */
  crlfTabs: string;
  /** Broken files and where the refusal must point. */
  malformed: { text: string; line: number; column: number }[];
  /** Whether git-session's entries are in the text (read with the agent's own format). */
  installed(text: string): boolean;
  /** The user's own entries still there, read with the agent's format. */
  userKept(text: string): void;
  /** `text` (as the install left it) with an edit of the user's: something added. */
  edit(text: string): string;
  /** Whether the user's edit is still there. */
  editKept(text: string): boolean;
}

export function written(plan: FilePlan): { content: string; record: InstallRecord | null } {
  if (plan.action !== 'write') throw new Error(`expected a write, got ${JSON.stringify(plan)}`);
  return { content: plan.content, record: plan.record };
}

export function plannerContract<O>(f: ContractFixtures<O>): void {
  const { planner, options } = f;

  it('creates the file from nothing, and uninstall deletes it', () => {
    const { content, record } = written(planner.install(null, options));
    expect(f.installed(content)).toBe(true);
    expect(content.endsWith('\n')).toBe(true);
    expect(record).toEqual({ before: null, after: content, parts: [planner.part] });
    expect(planner.status(content, options).state).toBe('installed');
    expect(planner.status(null, options).state).toBe('absent');
    expect(planner.uninstall(content, record)).toMatchObject({ action: 'delete', record: null });
    // Without the record (another clone), the entries come out and nothing of anyone's is left.
    const bare = planner.uninstall(content, null);
    expect(bare.action).toBe('write');
    if (bare.action === 'write') expect(f.installed(bare.content)).toBe(false);
  });

  it('fills an empty file, and uninstall gives the empty file back', () => {
    for (const empty of ['', '\n']) {
      const { content, record } = written(planner.install(empty, options));
      expect(f.installed(content)).toBe(true);
      expect(record?.before).toBe(empty);
      expect(planner.uninstall(content, record)).toMatchObject({ action: 'write', content: empty, record: null });
    }
  });

  it("adds to the user's file without changing a byte of it, and takes out exactly that", () => {
    const { content, record } = written(planner.install(f.existing, options));
    expect(f.installed(content)).toBe(true);
    f.userKept(content);
    // Every line of the user's is still there, in order (a comma may have joined its end).
    let at = 0;
    const joined = content.replace(/,/g, '');
    for (const line of f.existing.split('\n').filter((l) => l.trim() !== '' && !/^\s*[\]}],?$/.test(l))) {
      const i = joined.indexOf(line.replace(/,/g, ''), at);
      expect(i, line).toBeGreaterThanOrEqual(0);
      at = i + line.length;
    }
    expect(planner.uninstall(content, record)).toMatchObject({ action: 'write', content: f.existing, record: null });
    // Taking our entries out without the record gives the same bytes.
    expect(planner.uninstall(content, null)).toMatchObject({ action: 'write', content: f.existing });
  });

  it('is idempotent', () => {
    const { content, record } = written(planner.install(f.existing, options));
    expect(planner.install(content, options, record)).toEqual({ action: 'none', record, summary: 'already installed' });
    expect(planner.status(content, options)).toMatchObject({ state: 'installed', missing: [] });
  });

  it('keeps CRLF line ends and tab indentation', () => {
    const { content, record } = written(planner.install(f.crlfTabs, options));
    expect(f.installed(content)).toBe(true);
    expect(content.replace(/\r\n/g, '')).not.toContain('\n');
    expect(content).not.toMatch(/^ +\S/m);
    expect(planner.uninstall(content, record)).toMatchObject({ content: f.crlfTabs });
    expect(planner.uninstall(content, null)).toMatchObject({ content: f.crlfTabs });
  });

  it('refuses a malformed file, saying where it breaks, and reports it unreadable', () => {
    for (const m of f.malformed) {
      const plan = planner.install(m.text, options);
      expect(plan.action, m.text).toBe('refuse');
      if (plan.action !== 'refuse') continue;
      expect(plan.refusal, m.text).toMatchObject({ line: m.line, column: m.column });
      expect(plan.refusal.reason).toMatch(/^(not |written )/);
      expect(plan.refusal.hint).toBeTruthy();
      expect(planner.uninstall(m.text, null).action, m.text).toBe('refuse');
      expect(planner.status(m.text, options), m.text).toMatchObject({
        state: 'unreadable',
        line: m.line,
        column: m.column,
      });
    }
  });

  it("removes only git-session's entries once the user edited the file", () => {
    const { content, record } = written(planner.install(f.existing, options));
    const edited = f.edit(content);
    expect(edited).not.toBe(content);
    expect(f.installed(edited)).toBe(true);
    const plan = planner.uninstall(edited, record);
    expect(plan.action).toBe('write');
    if (plan.action !== 'write') return;
    expect(f.installed(plan.content)).toBe(false);
    expect(f.editKept(plan.content)).toBe(true);
    f.userKept(plan.content);
    expect(plan.record).toBeNull();
    // A second uninstall has nothing left to do.
    expect(planner.uninstall(plan.content, null)).toMatchObject({ action: 'none', summary: 'nothing installed' });
  });

  it('re-installing over its own install keeps the bytes from before the first', () => {
    const first = written(planner.install(f.existing, options));
    const again = planner.install(first.content, options, first.record);
    expect(again.action).toBe('none');
    expect(again.action === 'none' && again.record).toEqual(first.record);
  });
}
