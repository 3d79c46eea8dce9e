import { describe, expect, it } from 'vitest';
import { findItemRef } from '../../src/core/item-ref.js';
import type { GitSessionError } from '../../src/model/errors.js';

const items = [
  { id: 'obj-k3m9', text: 'Google login' },
  { id: 'obj-1ab2', text: 'GitHub login' },
  { id: 'obj-p2x7', text: '3' },
];

const refused = (ref: string) => {
  try {
    findItemRef(items, ref, 'objective', { byText: true });
  } catch (e) {
    return e as GitSessionError;
  }
  throw new Error(`${ref} was accepted`);
};

describe('items by their number in the list', () => {
  it('a number, #number or obj-number is the item at that place', () => {
    expect(findItemRef(items, '1', 'objective').id).toBe('obj-k3m9');
    expect(findItemRef(items, '#2', 'objective').id).toBe('obj-1ab2');
    expect(findItemRef(items, 'obj-3', 'objective').id).toBe('obj-p2x7');
    // A number wins over an objective whose text is that number.
    expect(findItemRef(items, '3', 'objective', { byText: true }).id).toBe('obj-p2x7');
  });

  it('ids, prefixes and texts still work', () => {
    expect(findItemRef(items, 'obj-k3m9', 'objective').id).toBe('obj-k3m9');
    expect(findItemRef(items, 'k3', 'objective').id).toBe('obj-k3m9');
    expect(findItemRef(items, 'GitHub login', 'objective', { byText: true }).id).toBe('obj-1ab2');
  });

  it('obj-1 that is both number 1 and the start of another id is ambiguous; a number past the end is refused', () => {
    const e = refused('obj-1');
    expect(e.code).toBe('ambiguous');
    expect(e.message).toBe("'obj-1' is objective number 1 (obj-k3m9) and also the start of obj-1ab2");
    expect(e.hint).toBe('give the number alone (1) or the id obj-1ab2');
    // Long ids are named by their short form, as lists show them.
    const long = [
      { id: 'obj-k3m9qqqqqqqqq', text: 'a' },
      { id: 'obj-1ab2rrrrrrrrr', text: 'b' },
    ];
    expect(() => findItemRef(long, 'obj-1', 'objective')).toThrow(
      "'obj-1' is objective number 1 (obj-k3m9) and also the start of obj-1ab2",
    );
    expect(refused('4').message).toBe('no objective number 4: there are 3 objectives');
    expect(refused('0').code).toBe('unknown-objective');
  });
});
