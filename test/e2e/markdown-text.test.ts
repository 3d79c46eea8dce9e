// Issue 15, "text stays text": whatever a user typed — or a teammate's commit carried — into any
// field, every Markdown document git-session writes (brief, handoff, SESSION.md, decisions.md, the
// Markdown report) keeps it text. Each document is parsed by a real CommonMark + GFM parser
// (markdown-it) and must hold no structure made of it: no heading, list item, quote, fence, table,
// HTML, link or image whose text came from the session.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokens } from '../helpers/markdown.js';
import { cleanupAll, makeRepo, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

/** Every line tries to open a block; every text carries the marker INJECT. */
const HOSTILE = [
  'INJECT start',
  '# INJECT heading',
  '## INJECT heading two',
  '- INJECT list item',
  '* INJECT star item',
  '1. INJECT ordered',
  '> INJECT quote',
  '```',
  'INJECT fenced',
  '```',
  '| INJECT | table |',
  '| --- | --- |',
  '<div>INJECT html</div>',
  '[INJECT link](http://evil.example) ![INJECT](http://evil.example/t.png)',
  'INJECT setext',
  '===',
  'INJECT \u202eevil\u202c bidi',
].join('\n');

let r: TestRepo;
const docs: Record<string, string> = {};

beforeAll(() => {
  r = makeRepo();
  r.ok(['init']);
  const config = join(r.dir, '.session', 'config.yaml');
  writeFileSync(
    config,
    `${readFileSync(config, 'utf8')}\nsession_file:\n  enabled: true\n`.replace(
      /session_file:\n {2}enabled: false\n {2}path: SESSION.md\n/,
      '',
    ),
  );
  r.ok(['start', 'feature/md', '-o', HOSTILE, '--title', 'INJECT # title\n## INJECT']);
  r.ok(['objectives', 'add', `second ${HOSTILE}`]);
  r.ok([
    'decisions',
    'add',
    `decision ${HOSTILE}`,
    '--rationale',
    `why ${HOSTILE}`,
    '--alternatives',
    `alt ${HOSTILE}`,
  ]);
  const blocker = r.json(['blockers', 'add', `blocker ${HOSTILE}`]).id as string;
  r.ok(['blockers', 'add', `open ${HOSTILE}`]);
  r.ok(['blockers', 'resolve', blocker, '--note', `note ${HOSTILE}`]);
  r.ok([
    'log',
    '--progress',
    `progress ${HOSTILE}`,
    '--discovery',
    `discovery ${HOSTILE}`,
    '--next',
    `next ${HOSTILE}`,
  ]);
  r.ok(['next', `handoff ${HOSTILE}`]);
  r.commit('feat: something', { 'a.txt': 'a\n' });
  r.ok(['pause', '--note', `pause ${HOSTILE}`]);
  r.ok(['resume']);
  docs.brief = r.ok(['brief']).stdout;
  docs.handoff = r.ok(['handoff']).stdout;
  docs['SESSION.md'] = readFileSync(join(r.dir, 'SESSION.md'), 'utf8');
  docs['decisions.md'] = readFileSync(join(r.dir, '.session', 'decisions.md'), 'utf8');
  r.ok(['end', '--summary', `summary ${HOSTILE}`]);
  docs['ended brief'] = r.ok(['brief']).stdout;
  docs.report = r.ok(['report', '--project']).stdout;
});

describe('user text in every Markdown document stays text', () => {
  it('each document carries the texts', () => {
    for (const [name, doc] of Object.entries(docs)) expect(doc, name).toContain('INJECT');
  });

  it.each(['brief', 'handoff', 'SESSION.md', 'decisions.md', 'ended brief', 'report'])(
    '%s: no heading, list item, quote, fence, table, HTML, link or image is made of session text',
    (name) => {
      const all = tokens(docs[name]!);
      const made: string[] = [];
      // The report's own summary table is the one table allowed.
      let ownTables = name === 'report' ? 1 : 0;
      for (const [i, t] of all.entries()) {
        if (t.type === 'table_open' && ownTables-- > 0) continue;
        const next = all[i + 1];
        // Our own headings that quote a text's first line: a decision's (decisions.md), the title.
        const quoting =
          /^\S+ — decision INJECT start \(dec-|^Session brief: INJECT # title|^Handoff: INJECT # title|^md — INJECT # title/;
        if (t.type === 'heading_open' && next?.content.includes('INJECT') && !quoting.test(next.content))
          made.push(`heading: ${next.content}`);
        if (t.type === 'inline' && /^INJECT/.test(t.content)) made.push(`block starting with text: ${t.content}`);
        if (['fence', 'code_block', 'table_open', 'blockquote_open', 'link_open', 'image'].includes(t.type))
          made.push(`${t.type}: ${t.content}`);
        if (
          (t.type === 'html_block' || t.type === 'html_inline') &&
          !t.content.startsWith('<!-- Written by git-session')
        )
          made.push(`${t.type}: ${t.content}`);
      }
      expect(made, docs[name]).toEqual([]);
      // Bidi controls are shown escaped in files too.
      expect(docs[name]).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(docs[name]).toContain('\\u{202e}');
    },
  );
});
