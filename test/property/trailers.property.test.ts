// Properties of the trailer codec over generated input: any string survives escaping; every item
// survives formatting and parsing; the parser takes any input without throwing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeText,
  formatItem,
  formatTrailer,
  parseItem,
  parseTrailerLines,
  unescapeText,
} from '../../src/codec/trailers.js';
import { anyText, trailerItem } from './arbitraries.js';

describe('trailer codec properties', () => {
  it('encode/decode round-trips any string (lone surrogates, controls, escapes included)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(unescapeText(escapeText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('an encoded value is one line git cannot trim or split: no line breaks, no edge spaces, no bare `;`, no controls', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const enc = escapeText(text);
        expect(enc).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        // git trims ASCII whitespace only (its own isspace): a no-break or ideographic space at an
        // edge stays, as `git interpret-trailers --parse` shows, so only those need escaping.
        expect(enc).not.toMatch(/^[ \t\n\v\f\r]|[ \t\n\v\f\r]$/);
        expect(enc).not.toMatch(/(^|[^\\])(\\\\)*;/);
      }),
      { numRuns: 2000 },
    );
  });

  it('every item round-trips through its `Key: value` line', () => {
    fc.assert(
      fc.property(trailerItem, (item) => {
        const { key, value } = formatItem(item);
        expect(parseItem(key, value)).toEqual(item);
        expect(parseTrailerLines(formatTrailer(item)).items).toEqual([item]);
      }),
      { numRuns: 2000 },
    );
  });

  it('the parser never throws on arbitrary lines, and reads nothing from lines without our keys', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (lines) => {
        const r = parseTrailerLines(lines.join('\n'));
        expect(r.items.length + r.rejected.length).toBeLessThanOrEqual(lines.join('\n').split('\n').length);
        const plain = parseTrailerLines(lines.map((l) => `X-Other: ${l.replace(/\n/g, ' ')}`).join('\n'));
        expect(plain).toEqual({ items: [], rejected: [] });
      }),
      { numRuns: 1000 },
    );
  });
});
