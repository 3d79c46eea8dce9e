import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  abbreviateIds,
  createUuidV7,
  entryIdOf,
  isEntryId,
  isItemId,
  isSessionId,
  newItemId,
  uuidV7Time,
} from '../../src/model/ids.js';

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

  it('makes ids of 65 random bits (13 characters), and still accepts the 4-character ids of 0.1', () => {
    const id = newItemId('decision', (n) => randomBytes(n), new Set());
    expect(id).toMatch(/^dec-[0-9a-hjkmnp-tv-z]{13}$/);
    expect(isItemId('dec-k3m9')).toBe(true);
    expect(isItemId('dec-k3m')).toBe(false);
    expect(isItemId(`dec-${'a'.repeat(17)}`)).toBe(false);
  });

  it('never returns a taken id', () => {
    let calls = 0;
    const repeat = (n: number) => new Uint8Array(n).fill(calls++ === 0 ? 0 : 1);
    expect(newItemId('decision', repeat, new Set(['dec-0000000000000']))).toBe('dec-1111111111111');
  });

  it('derives entry ids from event ids: stable, 13 characters, different for different events', () => {
    const a = entryIdOf('log', '01936b2c-0000-7000-8000-000000000001');
    expect(a).toMatch(/^log-[0-9a-hjkmnp-tv-z]{13}$/);
    expect(entryIdOf('log', '01936b2c-0000-7000-8000-000000000001')).toBe(a);
    expect(entryIdOf('log', '01936b2c-0000-7000-8000-000000000002')).not.toBe(a);
    expect(entryIdOf('checkpoint', '01936b2c-0000-7000-8000-000000000001')).toMatch(/^chk-/);
    expect(isEntryId(a)).toBe(true);
    const many = new Set(Array.from({ length: 20_000 }, (_, i) => entryIdOf('log', `e-${i}`)));
    expect(many.size).toBe(20_000);
  });

  it('shows ids as the shortest unique prefix of at least 4 characters, as git abbreviates', () => {
    const short = abbreviateIds([
      'dec-k3m9abcdefghj',
      'dec-k3m9abzzzzzzz',
      'dec-7hq2aaaaaaaaa',
      'obj-k3m9abcdefghj',
      'blk-4dq1',
    ]);
    expect(short.get('dec-7hq2aaaaaaaaa')).toBe('dec-7hq2');
    expect(short.get('dec-k3m9abcdefghj')).toBe('dec-k3m9abc');
    expect(short.get('dec-k3m9abzzzzzzz')).toBe('dec-k3m9abz');
    expect(short.get('obj-k3m9abcdefghj')).toBe('obj-k3m9');
    expect(short.get('blk-4dq1')).toBe('blk-4dq1');
  });
});
