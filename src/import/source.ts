// From the bytes a caller read to lines of text, or a warning that says why not. A file is read
// whole or not at all: one over the cap, not UTF-8, or with NUL bytes (binary) is refused with one
// warning, never half-read. A byte order mark is dropped; CRLF and lone CR end lines like LF.

import { type ImportWarning, MAX_FILE_BYTES, type SourceFile } from './model.js';

export interface TextFile {
  path: string;
  /** The text with line ends made `\n`, without a byte order mark. */
  text: string;
  lines: string[];
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** 1-based line of a byte offset (for a warning about a bad byte). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The first byte that starts an invalid UTF-8 sequence (the decoder only says that one exists). */
function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

export function decodeSource(file: SourceFile, warnings: ImportWarning[]): TextFile | null {
  const { path, bytes } = file;
  if (bytes.length > MAX_FILE_BYTES) {
    warnings.push({
      file: path,
      line: null,
      message: `larger than ${MAX_FILE_BYTES / 1024} KiB: not read (a session file is a few KiB; split or trim it)`,
    });
    return null;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    warnings.push({
      file: path,
      line: lineOfByte(bytes, nul),
      message: 'holds a NUL byte: a binary file, not a session file; not read',
    });
    return null;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstBadUtf8(bytes);
    warnings.push({
      file: path,
      line: lineOfByte(bytes, at),
      message: `not UTF-8 text (byte ${at + 1}); not read`,
    });
    return null;
  }
  // TextDecoder drops one leading BOM already (ignoreBOM: false); a second one is text.
  text = text.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { path, text, lines };
}
