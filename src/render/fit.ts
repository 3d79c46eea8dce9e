// Fitting a document to a number of lines, and to a number of bytes (what a token budget is, at
// four bytes a token: model/text.ts estimateTokens): the document is a list of blocks, each a
// heading and items; when it is too long, blocks shrink in a given order — first each down to its
// minimum number of items (keeping as many as fit, with a line saying what was left out), then, in
// the same order, to the one line that replaces the whole block. A cut is made only where it saves
// something. Pure; the brief (brief-markdown.ts) is the document that uses it.

import { utf8Length } from '../model/text.js';

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

/** What the document may take: lines, and — when given — UTF-8 bytes, each line's newline counted. */
export interface Limits {
  lines: number;
  bytes?: number;
}

/** A line's bytes with its newline. */
const bytesOf = (line: string): number => utf8Length(line) + 1;

/** Lines the block takes in a shape. */
export function size(b: Block, shape: Shape): number {
  if (shape.kind === 'collapsed') return b.collapsed!.split('\n').length;
  const kept = shape.kind === 'full' ? b.items.length : shape.kept;
  let n = b.head.length + (shape.kind === 'partial' ? 1 : 0);
  for (let i = 0; i < kept; i++) n += b.items[i]!.length;
  return n;
}

/** A block's lines and bytes, measured once: shrinking asks for them many times. */
class Measured {
  readonly headBytes: number;
  /** Bytes of the first k items, for k = 0 … items. */
  readonly prefixBytes: number[];
  readonly collapsedBytes: number;

  constructor(readonly block: Block) {
    this.headBytes = block.head.reduce((n, l) => n + bytesOf(l), 0);
    this.prefixBytes = [0];
    for (const item of block.items)
      this.prefixBytes.push(this.prefixBytes[this.prefixBytes.length - 1]! + item.reduce((n, l) => n + bytesOf(l), 0));
    this.collapsedBytes = block.collapsed === undefined ? 0 : bytesOf(block.collapsed);
  }

  bytes(shape: Shape): number {
    if (shape.kind === 'collapsed') return this.collapsedBytes;
    if (shape.kind === 'full') return this.headBytes + this.prefixBytes[this.block.items.length]!;
    const cut = this.block.items.length - shape.kept;
    return this.headBytes + this.prefixBytes[shape.kept]! + bytesOf(this.block.more(cut));
  }
}

/**
 * The shape of each block that is not shown in full, so that the blocks fit `limits` when they
 * can: `order` says which blocks may shrink, first to shrink first.
 */
export function shapesToFit(
  bs: readonly Block[],
  order: readonly string[],
  limits: number | Limits,
): Map<string, Shape> {
  const { lines: maxLines, bytes: maxBytes = Number.POSITIVE_INFINITY } =
    typeof limits === 'number' ? { lines: limits } : limits;
  const measured = new Map(bs.map((b) => [b.key, new Measured(b)]));
  const shapes = new Map<string, Shape>();
  const shapeOf = (key: string) => shapes.get(key) ?? FULL;
  // Totals kept up to date as shapes change (a fit is asked after every change).
  let lines = bs.reduce((n, b) => n + size(b, FULL), 0);
  let bytes = [...measured.values()].reduce((n, m) => n + m.bytes(FULL), 0);
  const set = (key: string, shape: Shape) => {
    const m = measured.get(key)!;
    const old = shapeOf(key);
    lines += size(m.block, shape) - size(m.block, old);
    bytes += m.bytes(shape) - m.bytes(old);
    shapes.set(key, shape);
  };
  const fits = () => lines <= maxLines && bytes <= maxBytes;
  /** A shape is worth taking when it saves something that is over its limit. */
  const saves = (m: Measured, shape: Shape, than: Shape) =>
    (lines > maxLines && size(m.block, shape) < size(m.block, than)) ||
    (bytes > maxBytes && m.bytes(shape) < m.bytes(than));
  for (const key of order) {
    if (fits()) break;
    const m = measured.get(key);
    if (!m) continue;
    const b = m.block;
    const floor = Math.min(b.min, b.items.length);
    for (let kept = b.items.length - 1; kept >= floor; kept--) {
      const partial: Shape = { kind: 'partial', kept };
      if (!saves(m, partial, FULL)) continue;
      set(key, partial);
      if (fits()) break;
    }
  }
  for (const key of order) {
    if (fits()) break;
    const m = measured.get(key);
    const collapsed: Shape = { kind: 'collapsed' };
    if (m?.block.collapsed && saves(m, collapsed, shapeOf(key))) set(key, collapsed);
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

/** The blocks fitted to `limits` (as far as their minimums allow), shrinking in `order`. */
export function fitBlocks(bs: readonly Block[], order: readonly string[], limits: number | Limits): Fitted {
  return layOut(bs, shapesToFit(bs, order, limits));
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, `note` included: whole lines from the end, then —
 * when one line alone is too long — that line at a character boundary. For what must stay under a
 * hard limit even when the blocks that are never cut exceed it.
 */
export function cutToBytes(text: string, maxBytes: number, note: string): string {
  if (utf8Length(text) <= maxBytes) return text;
  const room = Math.max(0, maxBytes - bytesOf(note));
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const b = bytesOf(line);
    if (used + b <= room) {
      kept.push(line);
      used += b;
      continue;
    }
    // The first line that does not fit: as much of it as fits, whole characters only.
    let part = '';
    let partBytes = 0;
    for (const ch of line) {
      const cb = utf8Length(ch);
      if (used + partBytes + cb + bytesOf('…') > room) break;
      part += ch;
      partBytes += cb;
    }
    if (part !== '') kept.push(`${part}…`);
    break;
  }
  return `${kept.join('\n')}\n${note}`;
}
