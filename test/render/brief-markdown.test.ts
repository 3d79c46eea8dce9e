// The brief's sections as blocks, and how the brief shrinks to its line budget
// (src/render/brief-markdown.ts on src/render/fit.ts), from a brief built by hand.

import { describe, expect, it } from 'vitest';
import { type BriefInput, buildBrief } from '../../src/core/brief.js';
import { fold } from '../../src/core/fold.js';
import { briefBlocks, renderBriefMarkdown, SHRINK_ORDER } from '../../src/render/brief-markdown.js';
import { script } from '../helpers/events.js';

const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));

const state = fold(
  script(
    { type: 'session.started', name: 'big', title: 'A big one', branch: 'feature/big', tasks: [] },
    { type: 'objective.added', objective: 'obj-open', text: 'still to do' },
    ...many(12, (i) => `dec-${String(i).padStart(4, 'x')}`).map((decision, i) => ({
      type: 'decision.recorded' as const,
      decision,
      text: `decision ${i + 1}`,
    })),
    ...many(10, (i) => `discovery ${i}`).map((text) => ({
      type: 'journal.added' as const,
      kind: 'discovery' as const,
      text,
    })),
    { type: 'blocker.added', blocker: 'blk-aaaa', text: 'waiting' },
  ),
)!;

const input: BriefInput = {
  state,
  now: '2026-01-05T12:00:00.000Z',
  commits: many(20, (i) => i.toString(16).padStart(40, '0')).map((sha, i) => ({
    sha,
    subject: `feat: step ${i + 1}`,
    files: [`src/f${i}.ts`],
  })),
  todos: [],
  uncommitted: many(6, (i) => `u${i}.txt`).map((path) => ({ path, status: 'modified' as const })),
  architecture: null,
  conventions: null,
  otherDecisions: [],
  staleContext: [],
  contextFiles: [],
  unfilled: [],
  checkedOut: true,
  position: null,
  testCommand: null,
  project: { architecture: null, patterns: [] },
};
const brief = buildBrief(input);

describe('briefBlocks', () => {
  const keys = briefBlocks(brief).map((b) => b.key);

  it('one block per section, in the order the brief prints them', () => {
    expect(keys).toEqual([
      'header',
      'continue',
      'building-heading',
      'building',
      'next-heading',
      'next',
      'watch-heading',
      'blockers',
      'uncommitted',
      'how-heading',
      'decisions',
      'discoveries',
      'done-heading',
      'commits',
      'files',
    ]);
  });

  it('only blocks in the shrink order may be cut; what we build, what is next and blockers never are', () => {
    for (const b of briefBlocks(brief))
      if (!(SHRINK_ORDER as readonly string[]).includes(b.key)) expect(b.min, b.key).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('renderBriefMarkdown', () => {
  it('prints everything when there is room', () => {
    const r = renderBriefMarkdown(brief, 1000);
    expect(r.cut).toEqual([]);
    expect(r.text).toContain('# Session brief: A big one');
    expect(r.text).toContain('- Blocker blk-aaaa');
    expect(r.text).toContain('decision 12');
    expect(r.lines).toBe(r.text.split('\n').length - 1);
  });

  it('files and commits go before decisions; what matters most stays', () => {
    const full = renderBriefMarkdown(brief, 1000).lines;
    const r = renderBriefMarkdown(brief, full - 20);
    expect(r.lines).toBeLessThanOrEqual(full - 20);
    const cut = r.cut.map((c) => c.block);
    expect(cut).toContain('files');
    expect(cut).not.toContain('decisions');
    // A little over budget: the first block of the shrink order that can save lines goes alone.
    expect(renderBriefMarkdown(brief, full - 2).cut.map((c) => c.block)).toEqual(['files']);
    expect(r.text).toContain('still to do');
    expect(r.text).toContain('waiting');
  });

  it('at a tight budget every block that may shrink has, and blocks collapse to one line', () => {
    const r = renderBriefMarkdown(brief, 30);
    expect(r.cut.map((c) => c.block)).toEqual(
      expect.arrayContaining(['files', 'commits', 'discoveries', 'decisions', 'uncommitted']),
    );
    expect(r.text).toContain('12 decisions in this session: git session decisions list');
    expect(r.text).toContain('- 6 uncommitted changes not expected between sessions (git status)');
    expect(r.text).toContain('still to do');
  });
});
