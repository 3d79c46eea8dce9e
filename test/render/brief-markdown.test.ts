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

describe('renderBriefMarkdown with a token budget', () => {
  it('shrinks by the same order until the estimate (UTF-8 bytes / 4) fits, and says what it is', () => {
    const full = renderBriefMarkdown(brief, 1000);
    expect(full.tokens).toBe(Math.ceil(Buffer.byteLength(full.text) / 4));
    const r = renderBriefMarkdown(brief, 1000, Math.floor(full.tokens * 0.8));
    expect(r.tokens).toBeLessThanOrEqual(Math.floor(full.tokens * 0.8));
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(Math.floor(full.tokens * 0.8) * 4);
    expect(r.cut.map((c) => c.block)).toContain('files');
    expect(r.cut.map((c) => c.block)).not.toContain('decisions');
    expect(r.truncated).toBe(false);
    expect(r.text).toContain('still to do');
  });

  it('under a budget smaller than what is never shrunk, cuts the end and says so', () => {
    const r = renderBriefMarkdown(brief, 1000, 100);
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(400);
    expect(r.truncated).toBe(true);
    expect(r.text.trimEnd().split('\n').pop()).toBe('… (cut to fit 100 tokens: `git session brief` shows it all)');
  });

  it('a multi-byte brief is measured in bytes, not characters', () => {
    const wide = buildBrief({ ...input, state: { ...state, title: '日本語'.repeat(200) } });
    const r = renderBriefMarkdown(wide, 1000, 300);
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(1200);
    expect(r.text).not.toContain('\ufffd');
  });
});
