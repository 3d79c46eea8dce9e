// Fitting blocks to a number of lines (src/render/fit.ts), on blocks built by hand.

import { describe, expect, it } from 'vitest';
import { type Block, fitBlocks, fixed, shapesToFit, size } from '../../src/render/fit.js';

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
