// JSON session files (seed 000's archives, seed 001's context.json): parsed with JSON.parse, which
// has no aliases to expand and no depth limit of its own, and shown back in notes with a depth cap,
// so a value nested a million deep costs its bytes and nothing more.

import type { ImportWarning } from './model.js';
import type { TextFile } from './source.js';

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The file's JSON value, or null with a warning naming the line where it stops being JSON. */
export function readJson(file: TextFile, warnings: ImportWarning[]): unknown {
  try {
    return JSON.parse(file.text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column/.exec(message);
    const line = lineCol ? Number(lineCol[1]) : pos ? lineAt(file.text, Number(pos[1])) : null;
    warnings.push({
      file: file.path,
      line,
      message: `not valid JSON (${message.split('\n')[0]!.slice(0, 120)}); not read`,
    });
    return null;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_DEPTH = 16;

/** A value as indented JSON text, structures deeper than 16 levels shown as `…`. */
export function jsonText(value: unknown): string {
  const cut = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_DEPTH) return '…';
    if (Array.isArray(v)) return v.map((x) => cut(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cut(x, depth + 1);
    return out;
  };
  if (typeof value === 'string') return value;
  return JSON.stringify(cut(value, 0), null, 2) ?? String(value);
}

/** A string, or a number or boolean as written; null otherwise. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}
