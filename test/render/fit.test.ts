// Fitting blocks to a number of lines (src/render/fit.ts), on blocks built by hand.

import { describe, expect, it } from 'vitest';
import { type Block, cutToBytes, fitBlocks, fixed, shapesToFit, size } from '../../src/render/fit.js';

const list = (key: string, n: number, min: number, collapsed?: string): Block => ({
  key,
  head: [`## ${key}`],
  items: Array.from({ length: n }, (_, i) => [`- ${key} ${i + 1}`]),
  more: (k) => `- … ${k} more ${key}`,
  min,
  ...(collapsed !== undefined ? { collapsed } : {}),
});

describe('size', () => {
  const b: Block = { ...list('x', 3, 1, 'x: 3 items'), items: [['a'], ['b', 'b2'], ['c']] };
  it('counts the head, the kept items (each may be several lines) and the "more" line', () => {
    expect(size(b, { kind: 'full' })).toBe(1 + 4);
    expect(size(b, { kind: 'partial', kept: 1 })).toBe(1 + 1 + 1);
    expect(size(b, { kind: 'partial', kept: 0 })).toBe(1 + 0 + 1);
  });
  it('a collapsed block is its one line (or the lines it holds)', () => {
    expect(size(b, { kind: 'collapsed' })).toBe(1);
    expect(size({ ...b, collapsed: '\n## x: see' }, { kind: 'collapsed' })).toBe(2);
  });
});

describe('fitBlocks', () => {
  const doc = () => [fixed('title', ['# Title']), list('a', 5, 2, 'a: 5 items'), list('b', 5, 1, 'b: 5 items')];

  it('leaves everything as it is when it fits', () => {
    const out = fitBlocks(doc(), ['a', 'b'], 100);
    expect(out.cut).toEqual([]);
    expect(out.lines).toHaveLength(1 + 6 + 6);
  });

  it('shrinks blocks in order, each only as far as needed, saying what it left out', () => {
    // 13 lines; 11 allowed: a keeps 2 of 5 (its head, 2 items and the "more" line: 4 lines).
    const out = fitBlocks(doc(), ['a', 'b'], 11);
    expect(out.cut).toEqual([{ block: 'a', kept: 2, of: 5 }]);
    expect(out.lines).toContain('- … 3 more a');
    expect(out.lines).toHaveLength(11);
  });

  it('goes down to each block’s minimum before the next block shrinks', () => {
    const out = fitBlocks(doc(), ['a', 'b'], 8);
    expect(out.cut).toEqual([
      { block: 'a', kept: 2, of: 5 },
      { block: 'b', kept: 1, of: 5 },
    ]);
    expect(out.lines).toHaveLength(8);
  });

  it('collapses blocks, in the same order, when their minimums still do not fit', () => {
    const out = fitBlocks(doc(), ['a', 'b'], 4);
    expect(out.cut).toEqual([
      { block: 'a', kept: 0, of: 5 },
      { block: 'b', kept: 0, of: 5 },
    ]);
    expect(out.lines).toEqual(['# Title', 'a: 5 items', 'b: 5 items']);
  });

  it('never cuts a block not in the order, nor one without a collapsed line below its minimum', () => {
    const out = fitBlocks([fixed('title', ['# T'], [['1'], ['2'], ['3']]), list('c', 4, 4)], ['title', 'c'], 1);
    expect(out.cut).toEqual([]);
    expect(out.lines).toHaveLength(1 + 3 + 5);
  });

  it('makes no cut that saves nothing: one item is not replaced by a "more" line', () => {
    const one = list('d', 1, 0);
    expect(shapesToFit([one], ['d'], 0).get('d')).toBeUndefined();
    const two = list('e', 2, 0);
    expect(shapesToFit([two], ['e'], 2).get('e')).toEqual({ kind: 'partial', kept: 0 });
  });

  it('keeps the blocks in their own order whatever the shrink order', () => {
    const out = fitBlocks(doc(), ['b', 'a'], 9);
    expect(out.lines[0]).toBe('# Title');
    expect(out.lines.indexOf('## a')).toBeLessThan(out.lines.indexOf('## b'));
    expect(out.cut.map((c) => c.block)).toEqual(['a', 'b'].filter((k) => out.cut.some((c) => c.block === k)));
  });
});

describe('fitting bytes as well as lines', () => {
  const doc = () => [fixed('title', ['# Title']), list('a', 5, 2, 'a: 5 items'), list('b', 5, 1, 'b: 5 items')];
  const bytes = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);

  it('shrinks until both limits hold, in the same order', () => {
    const all = bytes(fitBlocks(doc(), ['a', 'b'], 100).lines);
    const out = fitBlocks(doc(), ['a', 'b'], { lines: 100, bytes: all - 20 });
    expect(bytes(out.lines)).toBeLessThanOrEqual(all - 20);
    expect(out.cut[0]!.block).toBe('a');
    // Lines alone: nothing to cut.
    expect(fitBlocks(doc(), ['a', 'b'], { lines: 100 }).cut).toEqual([]);
  });

  it('a long one-line item is worth cutting for bytes even where a line count saves nothing', () => {
    const one: Block = { ...list('d', 2, 0), items: [['- short'], [`- ${'x'.repeat(500)}`]] };
    expect(shapesToFit([one], ['d'], { lines: 100, bytes: 100 }).get('d')).toEqual({ kind: 'partial', kept: 1 });
  });
});

describe('cutToBytes', () => {
  it('keeps whole lines while they fit, then part of one, then the note', () => {
    const out = cutToBytes('aaaa\nbbbb\ncccccccccc', 16, 'NOTE');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(16);
    expect(out.endsWith('\nNOTE')).toBe(true);
    expect(out.startsWith('aaaa\n')).toBe(true);
    expect(cutToBytes('short', 100, 'NOTE')).toBe('short');
  });

  it('never splits a character', () => {
    const out = cutToBytes('€'.repeat(100), 50, '…');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(50);
    expect(Buffer.from(out).toString()).toBe(out);
    expect(out).not.toContain('\ufffd');
  });
});
