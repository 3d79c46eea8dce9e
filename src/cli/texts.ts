// The input contract for texts, after parsing: read what came as `-` (standard input) or from a
// file (-F FILE, --<option>-file FILE), and refuse — exit 2, one line — anything that cannot be
// kept as it is: an empty or blank text, one over the size limit, a file that is not UTF-8. A text
// that passes is handed on byte for byte; a file or standard input loses only its final newlines
// (as `$(cat FILE)` does) and a UTF-8 byte order mark.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { GitSessionError } from '../model/errors.js';
import { MAX_TEXT_BYTES } from '../model/text.js';
import { isText, optionsOf } from './parse.js';
import type { CommandSpec } from './spec.js';
import type { RawValue, TextSource } from './values.js';
import { Values } from './values.js';

export interface TextInput {
  cwd: string;
  /** Standard input, up to `limit` bytes (more only to say it is too long). */
  readStdin(limit: number): Buffer;
  /** Asked only when a text is read from standard input (opening process.stdin costs ~2 ms). */
  stdinIsTTY: () => boolean;
  /** Told before waiting on a terminal. */
  notice(message: string): void;
}

const textError = (code: string, message: string, hint: string) => new GitSessionError('usage', message, hint, code);

/** The most we read before saying "too long": room for the final newlines we drop. */
const READ_LIMIT = MAX_TEXT_BYTES + 4096;

/** Read a whole file descriptor synchronously, stopping past `limit` bytes. */
export function readFd(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking descriptor with nothing yet: wait a little and read again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF' || code === 'EBADF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > limit) break;
  }
  return Buffer.concat(chunks);
}

export function readStdinSync(limit: number): Buffer {
  return readFd(0, limit);
}

function decode(bytes: Buffer, where: string, label: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw textError('bad-text', `${where} is not UTF-8 text`, `give the ${label} as UTF-8`);
  }
  return text.replace(/(\r?\n)+$/, '');
}

function readFile(path: string, cwd: string, label: string): { text: string } {
  const full = resolve(cwd, path);
  let fd: number;
  try {
    fd = openSync(full, 'r');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw textError('bad-file', `cannot read the ${label} from ${path}: ${why}`, 'give the path of a readable file');
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory())
      throw textError('bad-file', `cannot read the ${label} from ${path}: it is a directory`, 'give a file');
    const bytes = readFd(fd, READ_LIMIT);
    if (bytes.length > READ_LIMIT) throw tooLong(label, st.isFile() ? `${st.size}` : `more than ${READ_LIMIT}`);
    return { text: decode(bytes, path, label) };
  } finally {
    closeSync(fd);
  }
}

const tooLong = (label: string, size: string) =>
  textError(
    'text-too-long',
    `${label} is ${size} bytes; the limit is ${MAX_TEXT_BYTES}`,
    'keep it short here and put the long version in a file of the repository',
  );

function check(label: string, text: string, where: string): string {
  if (text.trim() === '')
    throw textError(
      'empty-text',
      `the ${label}${where} is empty`,
      where === '' ? `give the ${label} as text, e.g. "…"` : `give a ${label} that is not blank`,
    );
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_TEXT_BYTES) throw tooLong(label, `${bytes}`);
  return text;
}

function resolveOne(label: string, source: TextSource, input: TextInput): string {
  if (source.from === 'arg') return check(label, source.text, '');
  if (source.from === 'stdin' || source.path === '-') {
    if (input.stdinIsTTY()) input.notice(`reading the ${label} from standard input (end it with Ctrl-D)`);
    const bytes = input.readStdin(READ_LIMIT);
    if (bytes.length > READ_LIMIT) throw tooLong(label, `more than ${READ_LIMIT}`);
    return check(label, decode(bytes, 'standard input', label), ' read from standard input');
  }
  return check(label, readFile(source.path, input.cwd, label).text, ` in ${source.path}`);
}

/** Every text of a parsed command read and checked; the values a command runs with. */
export function resolveTexts(c: CommandSpec, values: Record<string, RawValue[]>, input: TextInput): Values {
  const texts = new Set<string>([
    ...(c.args ?? []).filter((a) => a.value.type === 'text').map((a) => a.name),
    ...optionsOf(c)
      .filter(isText)
      .map((o) => o.long),
  ]);
  const out: Record<string, (string | boolean)[]> = {};
  for (const [key, list] of Object.entries(values)) {
    out[key] = list.map((v) => {
      if (typeof v !== 'object') {
        if (texts.has(key) && typeof v === 'string') return check(key, v, '');
        return v;
      }
      return resolveOne(key, v, input);
    });
  }
  return new Values(out);
}
