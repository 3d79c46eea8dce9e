// The input contract after parsing: texts read from standard input and files, and checked.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { findCommand } from '../../src/cli/parse.js';
import { resolveTexts } from '../../src/cli/texts.js';
import type { GitSessionError } from '../../src/model/errors.js';
import { cleanupAll, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

const next = findCommand(COMMANDS, ['next'])!;
const decide = findCommand(COMMANDS, ['decisions', 'add'])!;

function input(stdin = '', tty = false) {
  const notices: string[] = [];
  return {
    notices,
    cwd: tempDir('gs-in-'),
    readStdin: () => Buffer.from(stdin),
    stdinIsTTY: () => tty,
    notice: (m: string) => notices.push(m),
  };
}

function refused(f: () => unknown): GitSessionError {
  try {
    f();
  } catch (e) {
    return e as GitSessionError;
  }
  throw new Error('accepted');
}

describe('texts', () => {
  it('typed texts are kept byte for byte; blank and oversized ones exit 2', () => {
    const odd = ' \t-x\r\n\u0001 ';
    expect(resolveTexts(next, { note: [{ from: 'arg', text: odd }] }, input()).str('note')).toBe(odd);
    const blank = refused(() => resolveTexts(next, { note: [{ from: 'arg', text: ' \n\t' }] }, input()));
    expect([blank.kind, blank.code, blank.message]).toEqual(['usage', 'empty-text', 'the note is empty']);
    const big = refused(() => resolveTexts(next, { note: [{ from: 'arg', text: 'é'.repeat(8193) }] }, input()));
    expect([big.code, big.message]).toEqual(['text-too-long', 'note is 16386 bytes; the limit is 16384']);
  });

  it('standard input and files lose their final newlines and a BOM, nothing else; a terminal is told', () => {
    const i = input('\ufeff  body\r\n\n second\t\n\n', true);
    expect(resolveTexts(next, { note: [{ from: 'stdin' }] }, i).str('note')).toBe('  body\r\n\n second\t');
    expect(i.notices).toEqual(['reading the note from standard input (end it with Ctrl-D)']);
    mkdirSync(join(i.cwd, 'd'));
    writeFileSync(join(i.cwd, 'd', 'why.md'), 'because\n');
    const v = resolveTexts(
      decide,
      { decision: [{ from: 'arg', text: 'd' }], rationale: [{ from: 'file', path: 'd/why.md' }] },
      i,
    );
    expect(v.str('rationale')).toBe('because');
  });

  it('a file that is not UTF-8, missing, a directory or too long is refused with exit 2', () => {
    const i = input();
    writeFileSync(join(i.cwd, 'bad'), Buffer.from([0xff, 0x41]));
    writeFileSync(join(i.cwd, 'big'), 'x'.repeat(40_000));
    for (const [path, message] of [
      ['bad', 'bad is not UTF-8 text'],
      ['nope', 'cannot read the note from nope: no such file'],
      ['.', 'cannot read the note from .: it is a directory'],
      ['big', 'note is 40000 bytes; the limit is 16384'],
    ]) {
      const e = refused(() => resolveTexts(next, { note: [{ from: 'file', path: path! }] }, i));
      expect([e.kind, e.message]).toEqual(['usage', message]);
    }
  });
});
