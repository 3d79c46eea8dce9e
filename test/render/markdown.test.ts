import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeOpenFence, mdBlock, mdCode, mdLine, mdStrong } from '../../src/render/markdown.js';
import { HOSTILE_TEXTS, renderedText, structure } from '../helpers/markdown.js';

describe('user text in Markdown stays text', () => {
  it.each(HOSTILE_TEXTS.map((t) => [JSON.stringify(t).slice(0, 60), t]))(
    'as a list item, a paragraph and a line: %s',
    (_name, text) => {
      const docs = [
        `# Doc\n\n- ${mdBlock(text, '  ')}\n- second\n`,
        `# Doc\n\n- ${mdStrong(text, '  ')} (dec-1)\n  - why: ${mdBlock(text, '    ')}\n`,
        `# Doc\n\n${mdBlock(text, '')}\n\nafter\n`,
        `# Doc\n\n**Next Action**: ${mdLine(text)}\n`,
        `# Doc\n\n## ${mdLine(text)} (dec-1)\n`,
        `| a | b |\n| --- | --- |\n| ${mdLine(text)} | x |\n`,
      ];
      const expected = [
        { heading_open: 1, bullet_list_open: 1 },
        { heading_open: 1, bullet_list_open: 2, ...(mdStrong(text, '').startsWith('**') ? { strong_open: 1 } : {}) },
        { heading_open: 1 },
        { heading_open: 1, strong_open: 1 },
        { heading_open: 2 },
        { table_open: 1 },
      ];
      for (const [i, doc] of docs.entries()) expect(structure(doc), doc).toEqual(expected[i]);
    },
  );

  it('keeps every visible character: the reader sees what was typed', () => {
    const text = 'a *b* _c_ `d` [e](f) <g> | h # i\n- j\n1. k\n> l';
    const seen = renderedText(`- ${mdBlock(text, '  ')}\n`).replace(/\s+/g, ' ');
    expect(seen).toContain('a *b* _c_ `d` [e](f) <g> | h # i - j 1. k > l');
  });

  it('leaves ordinary prose and identifiers alone', () => {
    expect(mdLine('Use user_id and snake_case names, 3.5 times faster - really')).toBe(
      'Use user_id and snake_case names, 3.5 times faster - really',
    );
    expect(mdLine('a -> b, issue #12, AT&T, 1. first')).toBe('a -> b, issue #12, AT&T, 1. first');
  });

  it('escapes block markers at the start of every line, after any indentation', () => {
    expect(mdBlock('x\n  # h\n- i\n10) j', '  ')).toBe('x\n    \\# h\n  \\- i\n  10\\) j');
  });

  it('shows newlines as ⏎ on one line, and bidi and control characters escaped', () => {
    expect(mdLine('a\r\nb\rc\nd')).toBe('a ⏎ b ⏎ c ⏎ d');
    expect(mdLine('x\u202ey\u2066z\u0007')).toBe('x\\u{202e}y\\u{2066}z\\u{7}');
    expect(mdBlock('x\u202e\ny', '  ')).toBe('x\\u{202e}\n  y');
  });

  it('makes a code span that holds any backticks', () => {
    expect(mdCode('src/a.ts')).toBe('`src/a.ts`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    for (const p of ['a`b', '``', '`x`', 'a ``` b'])
      expect(structure(`x ${mdCode(p)} y\n`)).toEqual({ code_inline: 1 });
  });

  it('closes a fence a context document leaves open', () => {
    expect(closeOpenFence(['a', '```sh', 'b'])).toEqual(['a', '```sh', 'b', '```']);
    expect(closeOpenFence(['````', '```', 'b'])).toEqual(['````', '```', 'b', '````']);
    expect(closeOpenFence(['~~~', 'x', '~~~'])).toEqual(['~~~', 'x', '~~~']);
    const doc = `${closeOpenFence(['```', 'code']).join('\n')}\n\n## After\n`;
    expect(structure(doc)).toEqual({ fence: 1, heading_open: 1 });
  });
});

describe('property: no text builds structure', () => {
  const active = fc.constantFrom(
    ...'#>-+=*_~`|<>[]()!\\&;:.1234567890 \t\n\r'.split(''),
    'a',
    'b',
    '\u202e',
    '</',
    '```',
  );
  const text = fc.array(active, { minLength: 1, maxLength: 40 }).map((a) => a.join(''));

  it('an indented line after a blank one opens no code block (found by the property below)', () => {
    expect(structure(`- ${mdBlock('#\r\r\t#', '  ')}\n- end\n`)).toEqual({ bullet_list_open: 1 });
    expect(structure(`${mdBlock('a\n\n        b', '')}\n`)).toEqual({});
  });

  it('a list item holds exactly one paragraph of text, whatever the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(t.trim() !== '');
        const s = structure(`- ${mdBlock(t, '  ')}\n- end\n`);
        expect(s).toEqual({ bullet_list_open: 1 });
      }),
      { numRuns: 1000 },
    );
  });

  it('a line in a table row never breaks out of its cell', () => {
    fc.assert(
      fc.property(text, (t) => {
        const s = structure(`| a | b |\n| --- | --- |\n| ${mdLine(t)} | x |\n`);
        expect(s).toEqual({ table_open: 1 });
      }),
      { numRuns: 1000 },
    );
  });
});
