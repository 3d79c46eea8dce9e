import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, STARTER_CONFIG } from '../../src/codec/config.js';

describe('config.yaml', () => {
  it('parses the starter file to the defaults', () => {
    expect(parseConfig(STARTER_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('')).toEqual(DEFAULT_CONFIG);
  });

  it('merges partial settings over the defaults', () => {
    expect(parseConfig('trailers:\n  journal: false\n').trailers).toEqual({ enabled: true, journal: false });
  });

  it('names an unknown key', () => {
    expect(() => parseConfig('trailers:\n  jurnal: false\n')).toThrow("unknown key 'trailers.jurnal'");
  });

  it('names a key of the wrong type', () => {
    expect(() => parseConfig('trailers:\n  enabled: "yes"\n')).toThrow("'trailers.enabled' must be a boolean");
    expect(() => parseConfig('trailers: [1, 2]\n')).toThrow('trailers must be a mapping');
  });

  it('rejects YAML alias bombs without expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(() => parseConfig(bomb.join('\n'))).toThrow();
  });

  it('reports syntax errors with a line', () => {
    expect(() => parseConfig('trailers:\n  enabled: true\n bad')).toThrow(/not valid YAML/);
  });
});
