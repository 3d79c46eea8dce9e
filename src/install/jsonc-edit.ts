// Edits of a user's JSON or JSONC file that change only what they add or remove: everything else —
// key order, indentation, comments, trailing commas, line ends, a byte-order mark — stays byte for
// byte. jsonc-parser parses and locates; the text is spliced here, in the file's own style, because
// jsonc-parser's formatter would also reflow the line an insertion lands on. Pure: text in, text out.

import { createScanner, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { ConfigFileError } from './agent-file.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };
export type JsonPath = (string | number)[];

export interface JsoncDialect {
  /** The program reading the file accepts `[1, 2,]` (OpenCode does; JSON.parse does not). */
  trailingCommas: boolean;
}

const BOM = '\uFEFF';
// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read.
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const EOF = 17;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: [...before[before.length - 1]!].length + 1 };
}

/** Nothing but white space and comments (a file someone emptied, or only annotated). */
export function isBlank(text: string): boolean {
  const scanner = createScanner(text.startsWith(BOM) ? text.slice(1) : text, false);
  for (let t = scanner.scan(); t !== EOF; t = scanner.scan())
    if (t !== TRIVIA && t !== LINE_BREAK && t !== LINE_COMMENT && t !== BLOCK_COMMENT) return false;
  return true;
}

/** A parsed file: its text without the byte-order mark, which `finish` puts back. */
export interface Doc {
  bom: string;
  text: string;
  root: Node;
  dialect: JsoncDialect;
}

/** Parses `text` (a file that exists and is not blank); throws ConfigFileError saying where it breaks. */
export function parseDoc(text: string, dialect: JsoncDialect): Doc {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = text.slice(bom.length);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(body, errors, { allowTrailingComma: dialect.trailingCommas, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses: a file nested thousands of levels deep overflows the stack.
    if (e instanceof RangeError) throw new ConfigFileError('not usable: nested too deeply to be a settings file');
    throw e;
  }
  const first = errors[0];
  if (first) {
    const at = lineColumn(body, first.offset);
    throw new ConfigFileError(
      `not valid JSON (${printParseErrorCode(first.error)} at line ${at.line}, column ${at.column})`,
      at.line,
      at.column,
    );
  }
  if (root?.type !== 'object') throw new ConfigFileError('not a JSON object at the top level', 1, 1);
  return { bom, text: body, root, dialect };
}

export function reparse(doc: Doc, text: string): Doc {
  return parseDoc(doc.bom + text, doc.dialect);
}

export function finish(doc: Doc): string {
  return doc.bom + doc.text;
}

function describe(path: JsonPath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.');
}

/**
 * The node at `path` (a property's value, an array's element), undefined when absent. A key given
 * twice on the way is refused: programs keep the last one, jsonc-parser finds the first, so an
 * edit there would change what nobody reads.
 */
export function nodeAt(doc: Doc, path: JsonPath): Node | undefined {
  let node: Node | undefined = doc.root;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      node = node.type === 'array' ? node.children?.[seg] : undefined;
      continue;
    }
    if (node.type !== 'object') return undefined;
    const props: Node[] = (node.children ?? []).filter((p) => p.children?.[0]?.value === seg);
    if (props.length > 1) {
      const at = lineColumn(doc.text, props[1]!.offset);
      throw new ConfigFileError(
        `not usable: "${describe(path.slice(0, i + 1))}" is given twice (line ${at.line}, column ${at.column})`,
        at.line,
        at.column,
      );
    }
    node = props[0]?.children?.[1];
  }
  return node;
}

/** The node at `path` when it is of `type`; absent is fine, another type is refused. */
export function expectAt(doc: Doc, path: JsonPath, type: 'object' | 'array'): Node | undefined {
  const node = nodeAt(doc, path);
  if (node && node.type !== type) {
    const at = lineColumn(doc.text, node.offset);
    throw new ConfigFileError(
      `not usable: "${describe(path)}" is not ${type === 'object' ? 'an object' : 'an array'} (line ${at.line}, column ${at.column})`,
      at.line,
      at.column,
    );
  }
  return node;
}

/** A node's value, built without prototypes: a `__proto__` key in a user's file stays a key. */
export function jsonValue(node: Node): Json {
  switch (node.type) {
    case 'object': {
      const out = Object.create(null) as JsonObject;
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) out[k.value as string] = jsonValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value as Json;
  }
}

/** A stable text of a value, for comparing what is in a file with what we would write. */
export function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

// ---- the file's own style -----------------------------------------------------------------------

/**
 * New entries are written the way the file already is (its indentation unit, its line ends) and
 * only the inserted text is new: jsonc-parser's own formatter would also reflow the line the
 * insertion lands on, rewriting the user's compact one-line objects. claude-settings.ts writes so too.
 */
export interface Style {
  unit: string;
  eol: string;
}

export function styleOf(text: string): Style {
  const unit = /\n([ \t]+)["{[/]/.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (unit?.startsWith('\t')) return { unit: '\t', eol };
  return { unit: unit ?? '  ', eol };
}

export function pretty(value: Json, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit)
    .split('\n')
    .join(style.eol + indent);
}

/** On one line, for a container written on one line (raw line breaks only come from the layout). */
function compact(value: Json): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
}

/** The indentation of the line `offset` is on, when only white space precedes it there; else null. */
export function ownLineIndent(text: string, offset: number): string | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : null;
}

function lineIndent(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];
}

/** The next token after `offset` that is not white space or a comment, and where it starts. */
function nextToken(text: string, offset: number): { kind: number; start: number; end: number } {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (;;) {
    const kind = scanner.scan();
    if (kind !== TRIVIA && kind !== LINE_BREAK && kind !== LINE_COMMENT && kind !== BLOCK_COMMENT)
      return { kind, start: scanner.getTokenOffset(), end: scanner.getPosition() };
  }
}

const end = (n: Node) => n.offset + n.length;

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function apply(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at))
    out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return out;
}

// ---- insertions ---------------------------------------------------------------------------------

/** `value` (under `key` in an object) added as the last member of the object or array `container`. */
function append(doc: Doc, container: Node, key: string | null, value: Json): string {
  const { text } = doc;
  const style = styleOf(text);
  const name = key === null ? '' : `${JSON.stringify(key)}: `;
  const entry = (indent: string) => name + pretty(value, indent, style);
  const last = container.children?.[container.children.length - 1];
  if (!last) {
    const open = container.offset;
    const close = end(container) - 1;
    const outer = ownLineIndent(text, open) ?? lineIndent(text, open);
    const inner = outer + style.unit;
    if (text.slice(open + 1, close).trim() === '')
      return apply(text, [
        { at: open + 1, remove: close - open - 1, insert: `${style.eol}${inner}${entry(inner)}${style.eol}${outer}` },
      ]);
    // Only comments inside: the entry goes after them, on its own line.
    let at = close;
    while (at > open + 1 && /\s/.test(text[at - 1]!)) at--;
    return apply(text, [{ at, remove: 0, insert: `${style.eol}${inner}${entry(inner)}` }]);
  }
  const after = nextToken(text, end(last));
  const trailing = after.kind === COMMA;
  const anchor = trailing ? after.end : end(last);
  const indent = ownLineIndent(text, last.offset);
  if (indent === null) {
    // A compact container stays on its line.
    const one = name + compact(value);
    return apply(text, [{ at: anchor, remove: 0, insert: trailing ? ` ${one},` : `, ${one}` }]);
  }
  // After the rest of the line when that is only a comment, so the comment stays where it was.
  const lineEnd = text.indexOf('\n', anchor);
  const stop = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const rest = text.slice(anchor, stop);
  const at = /^[ \t]*(\/\/.*)?$/.test(rest) || /^[ \t]*\/\*.*\*\/[ \t]*$/.test(rest) ? stop : anchor;
  const splices: Splice[] = [{ at, remove: 0, insert: `${style.eol}${indent}${entry(indent)}${trailing ? ',' : ''}` }];
  if (!trailing) splices.push({ at: end(last), remove: 0, insert: ',' });
  return apply(text, splices);
}

/** The value at `path` (which must exist) replaced by `value`, written in the style of its line. */
export function replaceAt(doc: Doc, path: JsonPath, value: Json): Doc {
  const existing = nodeAt(doc, path);
  if (!existing) throw new Error(`nothing at ${describe(path)}`);
  const member = existing.parent?.type === 'property' ? existing.parent : existing;
  const indent = ownLineIndent(doc.text, member.offset);
  const rendered = indent === null ? compact(value) : pretty(value, indent, styleOf(doc.text));
  return reparse(doc, apply(doc.text, [{ at: existing.offset, remove: existing.length, insert: rendered }]));
}

/** The object at `path` with `key` set to `value`: replaced in place when present, else appended. */
export function setProperty(doc: Doc, path: JsonPath, key: string, value: Json): Doc {
  const object = expectAt(doc, path, 'object');
  if (!object) throw new Error(`no object at ${describe(path)}`);
  if (nodeAt(doc, [...path, key])) return replaceAt(doc, [...path, key], value);
  return reparse(doc, append(doc, object, key, value));
}

/** `value` appended to the array at `path`. */
export function appendElement(doc: Doc, path: JsonPath, value: Json): Doc {
  const array = expectAt(doc, path, 'array');
  if (!array) throw new Error(`no array at ${describe(path)}`);
  return reparse(doc, append(doc, array, null, value));
}

/**
 * `value` at `path`, creating the objects on the way (each new one appended to its parent).
 * Every segment must be a key.
 */
export function setPath(doc: Doc, path: string[], value: Json): Doc {
  for (let i = 0; i < path.length - 1; i++) {
    if (!expectAt(doc, path.slice(0, i + 1), 'object')) {
      let v: Json = value;
      for (let j = path.length - 1; j > i; j--) v = { [path[j]!]: v };
      return setProperty(doc, path.slice(0, i), path[i]!, v);
    }
  }
  return setProperty(doc, path.slice(0, -1), path[path.length - 1]!, value);
}

// ---- removal ------------------------------------------------------------------------------------

/**
 * The member at `path` taken out with the one comma that came with it, and its line when it had
 * one of its own; a container left with nothing but white space inside becomes `{}` or `[]`.
 */
export function removeAt(doc: Doc, path: JsonPath): Doc {
  const found = nodeAt(doc, path);
  if (!found) return doc;
  const { text } = doc;
  const member = found.parent?.type === 'property' ? found.parent : found;
  const container = member.parent!;
  const siblings = container.children ?? [member];
  const i = siblings.indexOf(member);
  const prev = siblings[i - 1];
  const next = siblings[i + 1];
  // The member's own line goes with it: from the line break before it.
  const ownLine = ownLineIndent(text, member.offset) !== null;
  const lineStart = text.lastIndexOf('\n', member.offset - 1);
  const spanStart =
    ownLine && lineStart >= 0 ? (text[lineStart - 1] === '\r' ? lineStart - 1 : lineStart) : member.offset;
  const splices: Splice[] = [];
  const after = nextToken(text, end(member));
  if (after.kind === COMMA) {
    // The comma after it goes with it (a trailing comma too, which then stays with the one before).
    if (next && text.slice(after.end, next.offset).trim() === '')
      splices.push({ at: member.offset, remove: next.offset - member.offset, insert: '' });
    else splices.push({ at: spanStart, remove: after.end - spanStart, insert: '' });
  } else if (prev) {
    const comma = nextToken(text, end(prev));
    if (text.slice(comma.end, member.offset).trim() === '')
      splices.push({ at: comma.start, remove: end(member) - comma.start, insert: '' });
    else {
      splices.push({ at: comma.start, remove: 1, insert: '' });
      splices.push({ at: spanStart, remove: end(member) - spanStart, insert: '' });
    }
  } else splices.push({ at: spanStart, remove: end(member) - spanStart, insert: '' });
  let out = reparse(doc, apply(text, splices));
  // The container, found again in the new text, collapses when it is empty of everything.
  const path2 = path.slice(0, -1);
  const box = path2.length === 0 ? out.root : nodeAt(out, path2);
  if (box && (box.children?.length ?? 0) === 0) {
    const inner = out.text.slice(box.offset + 1, end(box) - 1);
    if (inner !== '' && inner.trim() === '')
      out = reparse(out, apply(out.text, [{ at: box.offset + 1, remove: inner.length, insert: '' }]));
  }
  return out;
}

/** Objects and arrays at `paths` that hold nothing now, removed (deepest first). */
export function removeIfEmpty(doc: Doc, paths: JsonPath[]): Doc {
  let out = doc;
  for (const p of [...paths].sort((a, b) => b.length - a.length)) {
    const node = nodeAt(out, p);
    if (node && (node.type === 'object' || node.type === 'array') && (node.children?.length ?? 0) === 0)
      out = removeAt(out, p);
  }
  return out;
}

/** A new file holding `value`, two-space indented, with a final newline. */
export function newFile(value: JsonObject): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
