// Acceptance criteria in Markdown (the brief, the handoff, SESSION.md): a box per criterion,
// checked when it passed, with its check and what its latest run found. Pure.

import type { CriterionLine } from '../core/criteria.js';
import { mdBlock, mdCode } from './markdown.js';
import { day } from './time.js';

/** One list item: `- [x] crt-… text (`check`) — passed 2026-01-05`. */
export function criterionMarkdown(c: CriterionLine): string {
  const box = c.status === 'passed' ? '[x]' : '[ ]';
  // A check of several lines (or a very long one) shows its start: the whole is in `criteria list`.
  const first = (c.check ?? '').split(/\r?\n|\r/)[0]!.slice(0, 200);
  const check = c.check !== null ? ` (${mdCode(first === c.check ? first : `${first} …`)})` : '';
  const when = c.at ? ` ${day(c.at)}` : '';
  const state =
    c.status === 'passed'
      ? `passed${when}`
      : c.status === 'failed'
        ? `**failed**${c.timedOut ? ' (timed out)' : c.exitCode !== null ? ` (exit ${c.exitCode})` : ''}${when}`
        : c.check !== null
          ? 'unverified: `git session verify`'
          : `unverified: \`git session criteria confirm ${c.id}\``;
  return `- ${box} ${c.id} ${mdBlock(c.text, '  ')}${check} — ${state}`;
}
