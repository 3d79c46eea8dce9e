import { describe, expect, it } from 'vitest';
import { findItem } from '../../src/core/items.js';

const objectives = [
  { id: 'obj-k3m9', text: 'Google login' },
  { id: 'obj-k3zz', text: 'GitHub login' },
  { id: 'obj-p2x7', text: 'p2' },
];

describe('findItem', () => {
  it('finds by full id, id without prefix, unique prefix, or exact text', () => {
    expect(findItem(objectives, 'obj-k3m9', 'objective').id).toBe('obj-k3m9');
    expect(findItem(objectives, 'k3m9', 'objective').id).toBe('obj-k3m9');
    expect(findItem(objectives, 'obj-p', 'objective').id).toBe('obj-p2x7');
    expect(findItem(objectives, 'GitHub login', 'objective', { byText: true }).id).toBe('obj-k3zz');
  });

  it('refuses an ambiguous prefix, naming the candidates', () => {
    expect(() => findItem(objectives, 'k3', 'objective')).toThrow(/obj-k3m9, obj-k3zz/);
  });

  it('names the candidates by their short ids, as lists show them', () => {
    const long = [
      { id: 'obj-a0wcpj2jrehpq', text: 'a' },
      { id: 'obj-a0wzz1x8k2m4n', text: 'b' },
      { id: 'obj-a0wczzzzzzzzz', text: 'c' },
    ];
    expect(() => findItem(long, 'a0w', 'objective')).toThrow("'a0w' matches obj-a0wcp, obj-a0wz, obj-a0wcz");
  });

  it('prefers an id over text and does not take prefixes of free text when told not to', () => {
    expect(findItem(objectives, 'p2', 'objective', { byText: true }).id).toBe('obj-p2x7');
    expect(() => findItem(objectives, 'k3m', 'objective', { byText: true, prefix: false })).toThrow(/no objective/);
  });

  it('explains an unknown id with the list command', () => {
    expect(() => findItem([], 'obj-x', 'blocker')).toThrow(/no blocker 'obj-x'/);
  });
});
