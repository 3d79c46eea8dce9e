// The mark that makes a work-tree file git-session's own (src/codec/owned-marker.ts).

import { describe, expect, it } from 'vitest';
import { OWNED_LINES, ownedKind, withOwnedMark } from '../../src/codec/owned-marker.js';

const hasOwnedMark = (text: string) => ownedKind(text) !== null;

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

  it('tells the kinds apart, by the mark and by the headers of versions before the mark', () => {
    expect(ownedKind(`${OWNED_LINES.handoff}\n`)).toBe('handoff');
    expect(ownedKind(`${OWNED_LINES['decision-log']}\n`)).toBe('decision-log');
    expect(ownedKind(`# Session State\n\n${OWNED_LINES['session-file']}\n`)).toBe('session-file');
    // SESSION.md's header as its renderer writes it: any other line that starts with the mark.
    expect(ownedKind('# Session State\n\n<!-- Written by git-session for the checked-out branch -->\n')).toBe(
      'session-file',
    );
    expect(
      ownedKind('# Decision log\n\nDecisions recorded with git-session (`git session decisions add`), oldest first.\n'),
    ).toBe('decision-log');
    expect(
      ownedKind(
        '# Handoff: x\n\n`x` on branch `b`\nSession id: 01936b2c-7f3e-7abc-9def-0123456789ab — continue with `git session resume x`, then …\n',
      ),
    ).toBe('handoff');
    expect(ownedKind('# Handoff: x\n\n`x` on branch `b`\nSession id: 01936b2c-7f3e-7abc-9def-0123456789ab\n')).toBe(
      'handoff',
    );
    // A session id line alone, under another title, is not a handoff.
    expect(ownedKind('# Notes\n\nSession id: 01936b2c-7f3e-7abc-9def-0123456789ab\n')).toBeNull();
  });

  it('withOwnedMark puts the mark first once; an older file gets the mark written again', () => {
    const once = withOwnedMark('# Handoff: x\n', 'handoff');
    expect(once).toBe(`${OWNED_LINES.handoff}\n# Handoff: x\n`);
    expect(withOwnedMark(once, 'handoff')).toBe(once);
    const legacy = '# Decision log\n\nDecisions recorded with git-session (`git session decisions add`).\n';
    expect(withOwnedMark(legacy, 'decision-log').startsWith(OWNED_LINES['decision-log'])).toBe(true);
  });
});
