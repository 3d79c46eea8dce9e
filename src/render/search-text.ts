// `git session search` for people (and for the MCP `search` tool): one hit per entry, what it is,
// its text, and where it came from — session, commit, day — with the other text that matched
// (a rationale, a resolution note) underneath. Pure.

import type { SearchHit } from '../core/search.js';
import type { Style } from './term.js';
import { safeLine } from './term.js';
import { day } from './time.js';
import { plural } from './words.js';

const clipped = (text: string, max: number): string => {
  const line = safeLine(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function searchText(hits: readonly SearchHit[], total: number, st: Style): string {
  if (total === 0) return 'No match.';
  const out: string[] = [];
  for (const h of hits) {
    const status = h.status !== null && h.kind !== 'session' ? ` [${h.status}]` : '';
    out.push(`${st.bold(h.kind)}${h.id ? ` ${st.dim(h.id)}` : ''}${status}  ${clipped(h.text, 120)}`);
    for (const f of h.fields) if (f !== 'text') out.push(`    ${st.dim(`${f}:`)} ${clipped(h.texts[f] ?? '', 110)}`);
    out.push(
      `    ${st.dim(`session ${safeLine(h.session.name)} (${h.session.status}) · ${h.commit ? `commit ${h.commit.slice(0, 7)}` : 'not in a commit yet'} · ${day(h.at)}`)}`,
    );
  }
  if (total > hits.length) out.push('', st.dim(`… ${plural(total - hits.length, 'more match')} (--max-count)`));
  return out.join('\n');
}
