import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUuidV7, isItemId, isSessionId, newItemId, uuidV7Time } from '../../src/core/ids.js';

let seed = 7;
const pseudoRandom = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 256));

describe('ids', () => {
  it('makes RFC 9562 version 7 UUIDs carrying the time', () => {
    const id = createUuidV7(pseudoRandom, () => 1_767_607_200_000)();
    expect(isSessionId(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(1_767_607_200_000);
  });

  it('keeps ids strictly increasing within one millisecond and when the clock steps back', () => {
    let t = 1_767_607_200_000;
    const next = createUuidV7(pseudoRandom, () => t);
    const ids = [next(), next(), next()];
    t -= 5;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it('makes short item ids with the kind prefix, unique among the taken ones', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const id = newItemId('objective', (n) => randomBytes(n), taken);
      expect(isItemId(id)).toBe(true);
      expect(id.startsWith('obj-')).toBe(true);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
    expect(newItemId('blocker', pseudoRandom, taken)).toMatch(/^blk-/);
  });

  it('grows the id when short ones keep colliding', () => {
    const zero = (n: number) => new Uint8Array(n);
    expect(newItemId('decision', zero, new Set(['dec-0000']))).toBe('dec-00000');
  });
});
