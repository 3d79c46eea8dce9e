// The mark that makes a work-tree file git-session's own (src/codec/owned-marker.ts).

import { describe, expect, it } from 'vitest';
import { hasOwnedMark, OWNED_LINES, withOwnedMark } from '../../src/codec/owned-marker.js';

describe('owned marker', () => {
  it('is found in the first lines, after a BOM, with CRLF line ends; not further down, not in other text', () => {
    expect(hasOwnedMark(`${OWNED_LINES.handoff}\n# Handoff\n`)).toBe(true);
    expect(hasOwnedMark(`# Session State\r\n\r\n${OWNED_LINES['session-file']}\r\n`)).toBe(true);
    expect(hasOwnedMark(`\uFEFF${OWNED_LINES['decision-log']}\n`)).toBe(true);
    expect(hasOwnedMark(`${'line\n'.repeat(12)}${OWNED_LINES.handoff}\n`)).toBe(false);
    expect(hasOwnedMark('# README\n\nThis file was written by git-session, they say.\n')).toBe(false);
    expect(hasOwnedMark('<!-- >>> git-session >>> -->\n')).toBe(false);
    expect(hasOwnedMark('')).toBe(false);
  });

  it('recognises the decision log and the handoff of versions before the mark', () => {
    expect(
      hasOwnedMark(
        '# Decision log\n\nDecisions recorded with git-session (`git session decisions add`), oldest first.\n',
      ),
    ).toBe(true);
    expect(
      hasOwnedMark(
        '# Handoff: x\n\n`x` on branch `b`\nSession id: 01936b2c-7f3e-7abc-9def-0123456789ab — continue with `git session resume x`, then …\n',
      ),
    ).toBe(true);
  });

  it('withOwnedMark puts the mark first once; an older file gets the mark written again', () => {
    const once = withOwnedMark('# Handoff: x\n', 'handoff');
    expect(once).toBe(`${OWNED_LINES.handoff}\n# Handoff: x\n`);
    expect(withOwnedMark(once, 'handoff')).toBe(once);
    const legacy = '# Decision log\n\nDecisions recorded with git-session (`git session decisions add`).\n';
    expect(withOwnedMark(legacy, 'decision-log').startsWith(OWNED_LINES['decision-log'])).toBe(true);
  });
});
