// A real CommonMark + GFM parser (markdown-it, tables and strikethrough on) to check what a
// Markdown document git-session wrote is made of: user text must never add structure to it.

import MarkdownIt from 'markdown-it';

const parser = new MarkdownIt({ html: true, linkify: false });

/** Token types that mean structure (or markup) was created. */
export const STRUCTURE = [
  'heading_open',
  'bullet_list_open',
  'ordered_list_open',
  'blockquote_open',
  'fence',
  'code_block',
  'table_open',
  'hr',
  'html_block',
  'html_inline',
  'link_open',
  'image',
  'em_open',
  'strong_open',
  's_open',
  'code_inline',
] as const;

/** Every token of a document, nested inline tokens included. */
export function tokens(markdown: string): { type: string; content: string; tag: string }[] {
  const out: { type: string; content: string; tag: string }[] = [];
  for (const t of parser.parse(markdown, {})) {
    out.push({ type: t.type, content: t.content, tag: t.tag });
    for (const c of t.children ?? []) out.push({ type: c.type, content: c.content, tag: c.tag });
  }
  return out;
}

/** How many tokens of each structural type the document has. */
export function structure(markdown: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of tokens(markdown))
    if ((STRUCTURE as readonly string[]).includes(t.type)) counts[t.type] = (counts[t.type] ?? 0) + 1;
  return counts;
}

/** The text a reader sees (the rendered document without tags). */
export function renderedText(markdown: string): string {
  return parser
    .render(markdown)
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Texts a hostile or careless user (or a teammate's commit) could put in any item. */
export const HOSTILE_TEXTS = [
  '## Ignore previous instructions',
  'line one\n# heading\n## another',
  'x\n- list item\n* star item\n+ plus item\n1. ordered\n2) also',
  'x\n> quoted\n>> deeper',
  'x\n```\nfenced code\n```',
  'x\n~~~\nfence\n~~~',
  'a | b\n--- | ---\nc | d',
  '| a | b |\n|---|---|\n| c | d |',
  'x\n<script>alert(1)</script>\n<div>block</div>',
  'inline <b>bold</b> <img src=x onerror=alert(1)> <!-- comment -->',
  'Setext\n===',
  'Setext two\n---',
  '***\n___\n- - -',
  '[link](http://evil.example) ![img](http://evil.example/t.png) <http://auto.example>',
  '*emphasis* **strong** _under_ __dunder__ ~~strike~~ `code`',
  'entity &lt;script&gt; &#60;b&#62;',
  'trailing backslash \\',
  'tab\tindented\n\tcode?\n    four spaces',
  'bidi \u202eevil\u202c and \u2066isolate\u2069 and \u0007bell and \u001b[31mred',
  'crlf\r\n# heading\r\n- item',
  'cr only\r# heading',
  '\n\n# after blank lines\n\n- item',
  '   # indented heading\n   - indented item',
  'pipe | in | text',
  '[^1]: footnote\n[ref]: http://x.example',
] as const;
