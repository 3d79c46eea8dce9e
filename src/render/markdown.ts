// User text inside the Markdown git-session writes (brief, handoff, SESSION.md, decisions.md,
// reports) stays text: whatever was typed — or arrived in a teammate's commit — it can never open a
// heading, a list, a quote, a fence, a table, a link, an image or HTML in the document around it,
// which agents read as structure and sometimes as instructions. Terminal-unsafe characters (controls,
// bidi overrides) are shown escaped, as on a terminal. The one place this is done; pure.

import { visibleUnsafe } from './term.js';

/** Characters that act anywhere in a line: escapes, code spans, emphasis, links, HTML, table cells. */
const INLINE = /[\\`*[\]<|]/g;
/** `_` emphasises only at a word boundary: `user_id` stays as it is. */
const UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** `~~` strikes through (GFM). */
const TILDES = /~(?=~)|(?<=~)~/g;
/** An entity reference (`&lt;`) would render as another character. */
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;
/**
 * What opens a block at the start of a line, after any indentation: ATX headings, block quotes,
 * bullet lists and thematic breaks (`-`, `+`; `*` is escaped inline), setext underlines (`=`),
 * `~~~` fences (backtick fences are escaped inline), ordered lists (`1.`, `1)`).
 */
const LINE_START = /^([ \t]*)(?:([#>+=~-])|(\d{1,9})([.)]))/;

function escapeInline(line: string): string {
  return line.replace(INLINE, '\\$&').replace(UNDERSCORE, '\\_').replace(TILDES, '\\~').replace(ENTITY, '\\&');
}

function escapeLine(line: string): string {
  const escaped = escapeInline(line).replace(
    LINE_START,
    (_m, space: string, mark?: string, digits?: string, dot?: string) =>
      mark !== undefined ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
  );
  return visibleUnsafe(escaped).replace(/\t/g, '    ');
}

/** The lines of a text, without the blank space around it (Markdown would drop it anyway). */
const linesOf = (text: string) =>
  text
    .replace(/^\s*(\r\n|\r|\n)|(\r\n|\r|\n)\s*$/g, '')
    .trim()
    .split(/\r\n|\r|\n/);

/** User text on one line of Markdown: newlines shown as ⏎, nothing active. */
export function mdLine(text: string): string {
  return linesOf(text).map(escapeLine).join(' ⏎ ');
}

/**
 * User text as a Markdown block: its lines kept, each continuation line indented by `indent` (the
 * column of the list item or paragraph it belongs to), no line able to start a block of its own. A
 * line's own indentation is kept up to three spaces: four after a blank line would open a code block.
 */
export function mdBlock(text: string, indent: string): string {
  return linesOf(text)
    .map((l) => (l.trim() === '' ? '' : escapeLine(l).replace(/^ {4,}/, '   ')))
    .join(`\n${indent}`)
    .replace(/\n[ \t]+(?=\n)/g, '\n');
}

/** Strong emphasis for a one-line text; a multi-line one is left plain (emphasis cannot span paragraphs). */
export function mdStrong(text: string, indent: string): string {
  const block = mdBlock(text, indent);
  return block.includes('\n') ? block : `**${block}**`;
}

/** Text as an inline code span, whatever backticks it holds (one line). */
export function mdCode(text: string): string {
  const line = visibleUnsafe(text.replace(/\r\n|\r|\n/g, ' ⏎ ')).replace(/\t/g, '\\t');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * Markdown of the repository's own (a context document shown inside the brief): it is Markdown on
 * purpose, so it keeps its structure, but a fence it leaves open is closed, so it cannot swallow
 * the rest of the document it is shown in.
 */
export function closeOpenFence(lines: readonly string[]): string[] {
  let open: string | null = null;
  for (const l of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (!m) continue;
    const mark = m[1]!;
    if (open === null) open = mark;
    else if (mark[0] === open[0] && mark.length >= open.length && l.trim() === mark) open = null;
  }
  return open === null ? [...lines] : [...lines, open];
}
