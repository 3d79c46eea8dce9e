// The block structure of a Markdown file — headings, paragraphs, lists with their checkboxes,
// code, tables — with the line of each, from markdown-it (CommonMark + tables), so that a `## `
// inside a code fence is never a section and a list is a list however it is indented. Inline
// Markdown is not parsed: texts are kept as the user wrote them (`**bold**`, backticks and all).

import MarkdownIt from 'markdown-it';
import { type ImportWarning, MAX_NESTING } from './model.js';

type Token = ReturnType<MarkdownIt['parse']>[number];

export interface ListItem {
  /** 1-based line of the item's marker. */
  line: number;
  /** Nesting: 0 for a top-level item. */
  depth: number;
  ordered: boolean;
  /** What follows the marker and the checkbox: the item's paragraphs, joined by blank lines. */
  text: string;
  /** `[x]` done, `[ ]` open, `[▶]` / `[>]` / `[~]` / `[/]` in progress, null without a box. */
  box: 'done' | 'open' | 'progress' | null;
}

export type Block =
  | { kind: 'paragraph'; line: number; text: string }
  | { kind: 'list'; line: number; items: ListItem[] }
  | { kind: 'code'; line: number; info: string; text: string }
  | { kind: 'other'; line: number; text: string };

export interface Section {
  level: number;
  /** The heading's text as written (inline Markdown kept). */
  title: string;
  /** 1-based line of the heading. */
  line: number;
  /** Blocks up to the next heading of any level. */
  blocks: Block[];
  /** Source lines up to the next heading of the same or a higher level, without the heading. */
  raw: string;
  /** The raw text up to the next heading of any level. */
  ownRaw: string;
}

export interface Outline {
  /** Blocks before the first heading. */
  preamble: Block[];
  /** Every heading, in order, each with what follows it. */
  sections: Section[];
}

let parser: MarkdownIt | null = null;

function markdown(): MarkdownIt {
  if (parser) return parser;
  // maxNesting is an option markdown-it reads but its type definitions leave out.
  const options = { html: true, linkify: false, typographer: false, maxNesting: MAX_NESTING };
  const md = new MarkdownIt('default', options);
  // Only the block structure is wanted: inline tokens keep their raw content.
  md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  parser = md;
  return md;
}

const BOX = /^\[([ xX▶>~/])\][ \t]+|^\[([ xX▶>~/])\]$/;

function boxOf(text: string): { box: ListItem['box']; rest: string } {
  const m = BOX.exec(text);
  if (!m) return { box: null, rest: text };
  const mark = m[1] ?? m[2]!;
  const box = mark === ' ' ? 'open' : mark === 'x' || mark === 'X' ? 'done' : 'progress';
  return { box, rest: text.slice(m[0].length) };
}

const trimBlank = (lines: readonly string[]) => {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b).join('\n');
};

/** Read the items of the list that opens at tokens[start]; returns them and the index after its close. */
function readList(tokens: Token[], start: number): { items: ListItem[]; next: number } {
  const items: ListItem[] = [];
  // The items being read, innermost last, with the parts of their text.
  const open: { item: ListItem; parts: string[] }[] = [];
  let depth = -1;
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') depth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') {
      depth--;
      if (depth < 0) return { items, next: i + 1 };
    } else if (t.type === 'list_item_open') {
      const item: ListItem = {
        line: (t.map?.[0] ?? 0) + 1,
        depth,
        ordered: t.markup === '.' || t.markup === ')',
        text: '',
        box: null,
      };
      items.push(item);
      open.push({ item, parts: [] });
    } else if (t.type === 'list_item_close') {
      const done = open.pop();
      if (done) {
        const { box, rest } = boxOf(done.parts.join('\n\n'));
        done.item.box = box;
        done.item.text = rest.trim();
      }
    } else if (t.type === 'inline' && open.length > 0) {
      open[open.length - 1]!.parts.push(t.content);
    } else if ((t.type === 'fence' || t.type === 'code_block') && open.length > 0) {
      open[open.length - 1]!.parts.push(`\`\`\`${t.info}\n${t.content}\`\`\``);
    } else if (t.type === 'html_block' && open.length > 0) {
      open[open.length - 1]!.parts.push(t.content.trimEnd());
    }
  }
  return { items, next: i };
}

/** Skip from an opening token to just after its matching close (same nesting level). */
function skipBlock(tokens: Token[], start: number): number {
  const level = tokens[start]!.level;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level === level && t.nesting === -1) return i + 1;
  }
  return tokens.length;
}

/** A line that starts a block at the left margin and is no list item or quote: where reading can go on. */
const RESUME = /^(?![-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>)\S/;

/**
 * Tokens of the whole file. markdown-it stops reading at a block nested past maxNesting and skips
 * the rest of the file with it, silently: the skipped lines are reported and reading goes on at the
 * next line that starts a block at the left margin (a heading, a paragraph).
 */
function tokensOf(path: string, lines: readonly string[], warnings: ImportWarning[]): Token[] {
  const out: Token[] = [];
  let from = 0;
  for (let round = 0; from < lines.length && round < 1000; round++) {
    // Blank lines before `from` keep the token lines the file's.
    const tokens = markdown().parse([...new Array<string>(from).fill(''), ...lines.slice(from)].join('\n'), {});
    const deep = tokens.findIndex((t) => t.level >= MAX_NESTING - 1);
    if (deep < 0) {
      out.push(...tokens);
      break;
    }
    const at = tokens.slice(0, deep + 1).reduce((line, t) => (t.map ? t.map[0] + 1 : line), from + 1);
    let resume = lines.length;
    for (let k = at; k < lines.length; k++)
      if (RESUME.test(lines[k]!)) {
        resume = k;
        break;
      }
    warnings.push({
      file: path,
      line: at,
      message: `lists or quotes nested deeper than ${MAX_NESTING} levels: lines ${at}–${resume} were not read`,
    });
    // What was read before the deep block stands; its unclosed containers are closed by their own tokens.
    out.push(...tokens.filter((t) => !t.map || t.map[0] + 1 < at));
    from = resume;
  }
  return out;
}

export function outline(path: string, lines: readonly string[], warnings: ImportWarning[]): Outline {
  const tokens = tokensOf(path, lines, warnings);
  const headings: { level: number; title: string; line: number; index: number }[] = [];
  const out: Outline = { preamble: [], sections: [] };
  let target = out.preamble;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const line = (t.map?.[0] ?? 0) + 1;
    const rawOf = (tok: Token) => (tok.map ? trimBlank(lines.slice(tok.map[0], tok.map[1])) : tok.content);
    switch (t.type) {
      case 'heading_open': {
        const title = tokens[i + 1]?.type === 'inline' ? tokens[i + 1]!.content.trim() : '';
        const section: Section = { level: Number(t.tag.slice(1)), title, line, blocks: [], raw: '', ownRaw: '' };
        headings.push({ level: section.level, title, line, index: out.sections.length });
        out.sections.push(section);
        target = section.blocks;
        i = skipBlock(tokens, i);
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        target.push({ kind: 'paragraph', line, text: inline?.type === 'inline' ? inline.content : '' });
        i = skipBlock(tokens, i);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const { items, next } = readList(tokens, i);
        target.push({ kind: 'list', line, items });
        i = next;
        break;
      }
      case 'fence':
      case 'code_block':
        target.push({ kind: 'code', line, info: t.info.trim(), text: t.content.replace(/\n$/, '') });
        i++;
        break;
      case 'hr':
        i++;
        break;
      default:
        if (t.nesting === 1) {
          target.push({ kind: 'other', line, text: rawOf(t) });
          i = skipBlock(tokens, i);
        } else {
          if (t.nesting === 0 && t.type !== 'inline') target.push({ kind: 'other', line, text: rawOf(t) });
          i++;
        }
    }
  }
  // Raw text of each section: up to the next heading (ownRaw), and up to the next one of its level or above (raw).
  for (let h = 0; h < headings.length; h++) {
    const cur = headings[h]!;
    const nextAny = headings[h + 1]?.line ?? lines.length + 1;
    let nextSame = lines.length + 1;
    for (let k = h + 1; k < headings.length; k++)
      if (headings[k]!.level <= cur.level) {
        nextSame = headings[k]!.line;
        break;
      }
    const section = out.sections[cur.index]!;
    section.ownRaw = trimBlank(lines.slice(cur.line, nextAny - 1));
    section.raw = trimBlank(lines.slice(cur.line, nextSame - 1));
  }
  return out;
}

/** The sections nested directly or deeper under `sections[index]` (until a heading of its level or above). */
export function children(sections: readonly Section[], index: number): Section[] {
  const parent = sections[index]!;
  const out: Section[] = [];
  for (let k = index + 1; k < sections.length; k++) {
    if (sections[k]!.level <= parent.level) break;
    out.push(sections[k]!);
  }
  return out;
}

/** Heading text reduced for matching: lowercase, no emoji or punctuation around it, no trailing parenthesis. */
export function headingKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/\(.*?\)\s*$/, '')
    .replace(/[^\p{L}\p{N}\s;/&-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Field {
  key: string;
  value: string;
  line: number;
}

// `**Key**:`, `**Key:**`, and `**Key** (a remark):` as seed 003 writes `**Key Context** (survives compaction):`.
const FIELD_AT_START = /^\*\*([^*\n]{1,60}?)(?::\*\*|\*\*(?:[ \t]*\([^)\n]{0,80}\))?[ \t]*:)[ \t]*/;
const FIELD_AFTER_BAR = /\s+\|\s+(?=\*\*[^*\n]{1,60}?(?::\*\*|\*\*[ \t]*:))/;

/**
 * `**Key**: value` lines of a paragraph (also `**Key:** value`, and several on one line joined by
 * ` | `, as seed 004 writes `**Completed**: 2025-10-15 | **Checkpoint**: abc1234`). A line that
 * starts no field continues the value of the one before; text before the first field is returned as
 * `lead`.
 */
export function fields(paragraph: { line: number; text: string }): { fields: Field[]; lead: string } {
  const out: Field[] = [];
  const lead: string[] = [];
  paragraph.text.split('\n').forEach((l, n) => {
    const line = paragraph.line + n;
    if (!FIELD_AT_START.test(l)) {
      const last = out[out.length - 1];
      if (last) last.value = last.value === '' ? l.trim() : `${last.value}\n${l.trim()}`;
      else lead.push(l);
      return;
    }
    for (const part of l.split(FIELD_AFTER_BAR)) {
      const m = FIELD_AT_START.exec(part);
      if (m) out.push({ key: m[1]!.trim(), value: part.slice(m[0].length).trim(), line });
      else if (out.length > 0) out[out.length - 1]!.value += ` | ${part.trim()}`;
    }
  });
  return { fields: out, lead: lead.join('\n').trim() };
}

/** Lowercase field key without punctuation: `Key Context` → `key context`. */
export const fieldKey = (key: string) => headingKey(key);

/** Whether a text says there is nothing (`None`, `None currently`, `(none yet)`, `N/A`, `-`). */
export function saysNone(text: string): boolean {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^[(_*]+|[)_*.]+$/g, '')
    .trim();
  return /^(none|none yet|none currently|nothing|nothing yet|n\/a|na|-|—|tbd|no blockers?|no issues?|no known issues)$/.test(
    t,
  );
}
