// YAML frontmatter (`---` … `---` at the top of a Markdown file), read as data with the `yaml`
// package, as `.session/config.yaml` is (codec/config.ts): unique keys, no custom tags run, alias
// expansion capped ("billion laughs"). What `yaml` cannot be trusted with is refused before it
// sees it: more than 64 KiB, or flow collections nested deeper than 64 (`[[[[…` some thousands deep
// aborts the process inside the parser, past any catch).

import { parseDocument } from 'yaml';
import { jsonText } from './json.js';
import type { ImportWarning } from './model.js';
import type { TextFile } from './source.js';

export const MAX_FRONTMATTER_BYTES = 64 * 1024;
export const MAX_YAML_DEPTH = 64;
const MAX_ALIASES = 50;

export interface Frontmatter {
  /** The mapping, or null when there is none or it could not be read (then a warning says why). */
  data: Record<string, unknown> | null;
  /** 1-based line of each top-level key, for warnings about its value. */
  keyLines: Map<string, number>;
  /** The file's lines with the frontmatter blanked (line numbers stay the file's). */
  body: string[];
  /** 1-based line of the opening `---`, or null when the file has none. */
  line: number | null;
}

/** Deepest nesting of `[`/`{` outside quoted scalars (comments and block scalars count: erring safe). */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\n') quote = null;
  }
  return max;
}

export function readFrontmatter(file: TextFile, warnings: ImportWarning[]): Frontmatter {
  const none: Frontmatter = { data: null, keyLines: new Map(), body: file.lines, line: null };
  if (file.lines[0]?.trimEnd() !== '---') return none;
  let end = -1;
  for (let i = 1; i < file.lines.length; i++) {
    const l = file.lines[i]!.trimEnd();
    if (l === '---' || l === '...') {
      end = i;
      break;
    }
  }
  if (end < 0) {
    warnings.push({
      file: file.path,
      line: 1,
      message: 'frontmatter opened with --- is never closed: its keys were not read, the rest is read as Markdown',
    });
    return { ...none, body: ['', ...file.lines.slice(1)] };
  }
  const body = file.lines.map((l, i) => (i <= end ? '' : l));
  const yamlLines = file.lines.slice(1, end);
  const text = yamlLines.join('\n');
  const fail = (line: number | null, message: string): Frontmatter => {
    warnings.push({ file: file.path, line, message: `frontmatter ${message}; its keys were not read` });
    return { data: null, keyLines: new Map(), body, line: 1 };
  };
  if (text.length > MAX_FRONTMATTER_BYTES) return fail(1, `is larger than ${MAX_FRONTMATTER_BYTES / 1024} KiB`);
  if (flowDepth(text) > MAX_YAML_DEPTH) return fail(1, `nests brackets deeper than ${MAX_YAML_DEPTH} levels`);
  if (text.trim() === '') return { data: null, keyLines: new Map(), body, line: 1 };
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return fail(1, `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    // 1-based line within the YAML, from the error's offset (linePos needs prettyErrors).
    const offset = e.pos[0];
    let at = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) at++;
    return fail(at + 1, `is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return fail(1, `was rejected: ${(e as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return { data: null, keyLines: new Map(), body, line: 1 };
  if (typeof value !== 'object' || Array.isArray(value)) return fail(2, 'is not a mapping of keys to values');
  const keyLines = new Map<string, number>();
  yamlLines.forEach((l, i) => {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(l);
    if (m && !keyLines.has(m[1]!)) keyLines.set(m[1]!, i + 2);
  });
  return { data: value as Record<string, unknown>, keyLines, body, line: 1 };
}

/** A frontmatter value as a string (numbers and booleans as written); null for none or a structure. */
export function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A value shown as text in a note: a scalar as is, anything else as indented JSON (depth-capped). */
export function valueText(v: unknown): string {
  return scalar(v) ?? jsonText(v);
}
