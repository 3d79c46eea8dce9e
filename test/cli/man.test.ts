import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { manPages, roffText } from '../../src/cli/man.js';

describe('manual pages from the table', () => {
  it('roff text: backslashes escaped, no line read as a request, ASCII only', () => {
    expect(roffText('a\\b')).toBe('a\\eb');
    expect(roffText(".TH x\n'quote")).toBe("\\&.TH x\n\\&'quote");
    expect(roffText('— … é 🙂')).toBe('\\(em .\\|.\\|. \\[u00E9] \\[u1F642]');
  });

  it('one page per visible command, each with NAME, SYNOPSIS, DESCRIPTION and OPTIONS', () => {
    const pages = manPages(COMMANDS, '1.2.3');
    expect(pages[0]!.name).toBe('git-session');
    expect(pages.map((p) => p.name)).not.toContain('git-session-hook');
    for (const p of pages) {
      expect(p.roff, p.name).toMatch(/^\.TH "GIT\\-SESSION/);
      for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION']) expect(p.roff, p.name).toContain(`.SH ${section}`);
      expect(/[^\x00-\x7f]/.test(p.roff), p.name).toBe(false);
    }
    const decisions = pages.find((p) => p.name === 'git-session-decisions')!.roff;
    expect(decisions).toContain('\\fB\\-\\-rationale\\-file\\fR');
    expect(decisions).toContain('.SH TEXTS');
  });
});
