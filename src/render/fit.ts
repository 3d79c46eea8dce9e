// Fitting a document to a number of lines: the document is a list of blocks, each a heading and
// items; when it is too long, blocks shrink in a given order — first each down to its minimum
// number of items (keeping as many as fit, with a line saying what was left out), then, in the
// same order, to the one line that replaces the whole block. A cut is made only where it saves
// lines. Pure; the brief (brief-markdown.ts) is the document that uses it.

export interface Block {
  key: string;
  /** Lines before the items (a heading). */
  head: string[];
  /** Each item is one or more lines; items at the end go first when shrinking. */
  items: string[][];
  /** What to say for the items cut. */
  more: (n: number) => string;
  /** Never cut below this many items (Infinity: never cut). */
  min: number;
  /** The one line that replaces the whole block when even its minimum does not fit. */
  collapsed?: string;
}

/** A block that is never cut. */
export const fixed = (key: string, head: string[], items: string[][] = []): Block => ({
  key,
  head,
  items,
  more: () => '',
  min: Number.POSITIVE_INFINITY,
});

export type Shape = { kind: 'full' } | { kind: 'partial'; kept: number } | { kind: 'collapsed' };

const FULL: Shape = { kind: 'full' };

/** Lines the block takes in a shape. */
export function size(b: Block, shape: Shape): number {
  if (shape.kind === 'collapsed') return b.collapsed!.split('\n').length;
  const kept = shape.kind === 'full' ? b.items.length : shape.kept;
  let n = b.head.length + (shape.kind === 'partial' ? 1 : 0);
  for (let i = 0; i < kept; i++) n += b.items[i]!.length;
  return n;
}

function total(bs: readonly Block[], shapes: ReadonlyMap<string, Shape>): number {
  return bs.reduce((n, b) => n + size(b, shapes.get(b.key) ?? FULL), 0);
}

/**
 * The shape of each block that is not shown in full, so that the blocks fit `maxLines` when they
 * can: `order` says which blocks may shrink, first to shrink first.
 */
export function shapesToFit(bs: readonly Block[], order: readonly string[], maxLines: number): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  const fits = () => total(bs, shapes) <= maxLines;
  for (const key of order) {
    if (fits()) break;
    const b = bs.find((x) => x.key === key);
    if (!b) continue;
    const floor = Math.min(b.min, b.items.length);
    const full = size(b, FULL);
    for (let kept = b.items.length - 1; kept >= floor; kept--) {
      const partial: Shape = { kind: 'partial', kept };
      if (size(b, partial) >= full) continue;
      shapes.set(key, partial);
      if (fits()) break;
    }
  }
  for (const key of order) {
    if (fits()) break;
    const b = bs.find((x) => x.key === key);
    if (b?.collapsed && size(b, shapes.get(key) ?? FULL) > size(b, { kind: 'collapsed' }))
      shapes.set(key, { kind: 'collapsed' });
  }
  return shapes;
}

export interface Fitted {
  lines: string[];
  /** Blocks that were cut, with how many items each kept. */
  cut: { block: string; kept: number; of: number }[];
}

/** The blocks' lines in their shapes. */
export function layOut(bs: readonly Block[], shapes: ReadonlyMap<string, Shape>): Fitted {
  const lines: string[] = [];
  const cut: Fitted['cut'] = [];
  for (const b of bs) {
    const shape = shapes.get(b.key) ?? FULL;
    if (shape.kind === 'collapsed') {
      lines.push(b.collapsed!);
      cut.push({ block: b.key, kept: 0, of: b.items.length });
      continue;
    }
    const kept = shape.kind === 'full' ? b.items.length : shape.kept;
    lines.push(...b.head);
    for (let i = 0; i < kept; i++) lines.push(...b.items[i]!);
    if (shape.kind === 'partial') {
      lines.push(b.more(b.items.length - kept));
      cut.push({ block: b.key, kept, of: b.items.length });
    }
  }
  return { lines, cut };
}

/** The blocks fitted to `maxLines` (as far as their minimums allow), shrinking in `order`. */
export function fitBlocks(bs: readonly Block[], order: readonly string[], maxLines: number): Fitted {
  return layOut(bs, shapesToFit(bs, order, maxLines));
}
