import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_MD, CONVENTIONS_MD } from '../../src/app/starter.js';
import { withoutStarterText } from '../../src/core/starter-text.js';

describe('starter text nobody edited', () => {
  it('is nothing: the unedited starters are null', () => {
    expect(withoutStarterText(ARCHITECTURE_MD, ARCHITECTURE_MD)).toBeNull();
    expect(withoutStarterText(CONVENTIONS_MD, CONVENTIONS_MD)).toBeNull();
    // Comments removed or reflowed by hand change nothing.
    expect(withoutStarterText(ARCHITECTURE_MD.replace(/<!--[\s\S]*?-->/, ''), ARCHITECTURE_MD)).toBeNull();
  });

  it("keeps what the author wrote, with the headings it sits under, and drops the starter's lines", () => {
    const edited = ARCHITECTURE_MD.replace(
      'One paragraph: what the system does and for whom.',
      'A billing service for the shop team.',
    ).replace('# test', 'npm test');
    expect(withoutStarterText(edited, ARCHITECTURE_MD)).toBe(
      '# Architecture\n\n## What this is\nA billing service for the shop team.\n\n## How to run it\n```sh\nnpm test\n```',
    );
  });

  it('an entirely different document is kept whole', () => {
    const doc = '# Architecture\n\nHexagonal: `core/` pure, `adapters/` for I/O.\n';
    expect(withoutStarterText(doc, ARCHITECTURE_MD)).toBe(doc.trim());
  });

  it('headings alone are not content', () => {
    expect(withoutStarterText('# Architecture\n\n## What this is\n\n## Shape\n', ARCHITECTURE_MD)).toBeNull();
  });
});
