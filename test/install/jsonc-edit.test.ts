import { describe, expect, it } from 'vitest';
import type { ConfigFileError } from '../../src/install/agent-file.js';
import {
  appendElement,
  type Doc,
  finish,
  isBlank,
  parseDoc,
  removeAt,
  setPath,
  setProperty,
} from '../../src/install/jsonc-edit.js';

const doc = (text: string, trailingCommas = false): Doc => parseDoc(text, { trailingCommas });
const add = (text: string, key: string, value: unknown, trailingCommas = false) =>
  finish(setProperty(doc(text, trailingCommas), [], key, value as never));
const drop = (text: string, path: (string | number)[], trailingCommas = false) =>
  finish(removeAt(doc(text, trailingCommas), path));

describe('JSONC splicing in the file’s own style', () => {
  const cases: [string, string, string][] = [
    // [before, after adding "b": 2, note]
    ['{\n  "a": 1\n}\n', '{\n  "a": 1,\n  "b": 2\n}\n', 'multi-line'],
    ['{"a": 1}', '{"a": 1, "b": 2}', 'compact'],
    ['{\n  "a": 1 // one\n}\n', '{\n  "a": 1, // one\n  "b": 2\n}\n', 'line comment after the last member'],
    ['{\n  "a": 1 /* one */\n}\n', '{\n  "a": 1, /* one */\n  "b": 2\n}\n', 'block comment after it'],
    ['{\n  "a": 1, // one\n}\n', '{\n  "a": 1, // one\n  "b": 2,\n}\n', 'trailing comma kept as the file’s style'],
    ['{\n\t"a": 1\n}', '{\n\t"a": 1,\n\t"b": 2\n}', 'tabs, no final newline'],
    ['{\r\n    "a": 1\r\n}\r\n', '{\r\n    "a": 1,\r\n    "b": 2\r\n}\r\n', 'CRLF, four spaces'],
    ['{}', '{\n  "b": 2\n}', 'empty'],
    ['{ // nothing yet\n}', '{ // nothing yet\n  "b": 2\n}', 'empty but for a comment'],
    ['\uFEFF{"a": 1}', '\uFEFF{"a": 1, "b": 2}', 'byte-order mark'],
    ['{\n  "a": 1}', '{\n  "a": 1,\n  "b": 2}', 'closing brace on the last line'],
  ];
  for (const [before, after, note] of cases)
    it(`adds and removes a member: ${note}`, () => {
      const trailing = before.includes(', //');
      expect(add(before, 'b', 2, trailing)).toBe(after);
      expect(drop(after, ['b'], trailing)).toBe(before);
    });

  it('renders a nested value in the indentation of its place', () => {
    const out = finish(setPath(doc('{\n    "x": {\n        "y": 1\n    }\n}'), ['x', 'z', 'w'], [1, { k: 'v' }]));
    expect(out).toBe(
      '{\n    "x": {\n        "y": 1,\n        "z": {\n            "w": [\n                1,\n                {\n                    "k": "v"\n                }\n            ]\n        }\n    }\n}',
    );
  });

  it('removes the first, a middle and the only member with the comma that came with it', () => {
    expect(drop('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', ['a'])).toBe('{\n  "b": 2,\n  "c": 3\n}');
    expect(drop('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', ['b'])).toBe('{\n  "a": 1,\n  "c": 3\n}');
    expect(drop('{"a": 1, "b": 2}', ['a'])).toBe('{"b": 2}');
    expect(drop('{"a": [1, 2, 3]}', ['a', 2])).toBe('{"a": [1, 2]}');
    expect(drop('{"a": [1]}', ['a', 0])).toBe('{"a": []}');
    expect(drop('{\n  "a": [\n    1\n  ]\n}', ['a', 0])).toBe('{\n  "a": []\n}');
    // A comment of the user's next to it stays.
    expect(drop('{\n  "a": 1, // keep\n  "b": 2\n}', ['b'])).toBe('{\n  "a": 1 // keep\n}');
    // One between it and its comma is its own, and goes with it.
    expect(drop('{\n  "b": 2 /* in */ , "a": 1\n}', ['b'])).toBe('{\n  "a": 1\n}');
    expect(drop('{\n  "b": 2, // about b\n  "a": 1\n}', ['b'])).toBe('{ // about b\n  "a": 1\n}');
    expect(drop('{\n  "a": 1,\n  "b": 2,\n}', ['b'], true)).toBe('{\n  "a": 1,\n}');
  });

  it('appends to arrays in their layout', () => {
    expect(finish(appendElement(doc('{"a": [1]}'), ['a'], 2))).toBe('{"a": [1, 2]}');
    expect(finish(appendElement(doc('{"a": [\n  1\n]}'), ['a'], 2))).toBe('{"a": [\n  1,\n  2\n]}');
    expect(finish(appendElement(doc('{"a": []}'), ['a'], { b: 1 }))).toBe('{"a": [\n  {\n    "b": 1\n  }\n]}');
  });

  it('refuses, with where: bad syntax, a non-object top, a key given twice on the path', () => {
    const fails = (text: string) => {
      try {
        doc(text);
      } catch (e) {
        return e as ConfigFileError;
      }
      return null;
    };
    expect(fails('{\n  "a": tru\n}')).toMatchObject({ line: 2, column: 8 });
    expect(fails('[1]')?.message).toBe('not a JSON object at the top level');
    expect(fails('{"a": 1} {"b": 2}')?.message).toMatch(/EndOfFileExpected at line 1, column 10/);
    const d = doc('{"x": {"a": 1}, "x": {"a": 2}}');
    expect(() => setProperty(d, ['x'], 'b', 1)).toThrow(/"x" is given twice \(line 1, column 17\)/);
  });

  it('knows a file of comments only', () => {
    expect(isBlank('  // nothing\n/* here */\n')).toBe(true);
    expect(isBlank('\uFEFF')).toBe(true);
    expect(isBlank('{}')).toBe(false);
  });

  it('keeps strings exactly: escapes, unicode, a line separator', () => {
    const value = 'a\u2028b "q" \\ é 😀 \n';
    const out = add('{"k": 1}', 'v', value);
    expect(JSON.parse(out).v).toBe(value);
    expect(drop(out, ['v'])).toBe('{"k": 1}');
  });

  it('handles a 1 MiB file in bounded time', () => {
    const big = `{\n${Array.from({ length: 20_000 }, (_, i) => `  "k${i}": "${'x'.repeat(40)}"`).join(',\n')}\n}\n`;
    expect(big.length).toBeGreaterThan(1_000_000);
    const out = add(big, 'git-session', { a: 1 });
    expect(drop(out, ['git-session'])).toBe(big);
  });
});
