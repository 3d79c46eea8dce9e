// Sections every seed's Markdown shares — Decisions, Blockers, Next Steps, Discoveries, Acceptance
// Criteria, a session log — read the same way whichever file holds them; a seed's parser handles
// its own sections first and hands the rest here. A section nobody knows becomes a note, whole.

import type { SessionDraft } from './draft.js';
import {
  type Block,
  children,
  fieldKey,
  fields,
  headingKey,
  type ListItem,
  type Outline,
  type Section,
  saysNone,
} from './markdown.js';
import { parseTime, trailingTime } from './times.js';

export type SectionKind =
  | 'decisions'
  | 'blockers'
  | 'next'
  | 'discoveries'
  | 'criteria'
  | 'log'
  | 'summary'
  | 'context'
  | 'handoff';

const KINDS: [RegExp, SectionKind][] = [
  [/^(key )?decisions( made| log)?$/, 'decisions'],
  [/^(open |active |current )?blockers$|^known issues$|^issues$/, 'blockers'],
  [/^next( steps?| actions?)?( if continuing)?$|^todos?$|^to do$|^remaining work$/, 'next'],
  [/^discoveries$|^findings$|^learnings( insights)?$|^learnings & insights$/, 'discoveries'],
  [/^(acceptance|success|verification|exit) criteria$/, 'criteria'],
  [/^(session |activity |work )?log$|^journal$/, 'log'],
  [/^(session )?summary$/, 'summary'],
  [/^context$|^background$/, 'context'],
  [/^current state$|^current status$|^where we are$|^handoff( notes)?$/, 'handoff'],
];

export function sectionKind(title: string): SectionKind | null {
  const key = headingKey(title);
  for (const [re, kind] of KINDS) if (re.test(key)) return kind;
  return null;
}

type Where = { file: string; line: number | null };

/** A heading's decoration taken off: `1. Lock-first approach (2025-…)`, `Decision 2: Title`, `D-2025-10-30-1: Title`. */
export function decisionTitle(title: string): { title: string; at: string | null } {
  const { text, at } = trailingTime(title);
  const t = text
    .replace(/^\d+[.)]\s+/, '')
    .replace(/^decision\s+\d+\s*[:.-]\s*/i, '')
    .replace(/^D-[\w-]+:\s*/, '')
    .trim();
  return { title: t, at };
}

const DECISION_FIELD = /^(decision|choice|chosen|decided)$/;
const RATIONALE_FIELD = /^(rationale|why|reason|because)$/;
const ALTERNATIVES_FIELD = /^(options|alternatives|alternatives considered|options considered|rejected)$/;
const CONTEXT_FIELD = /^(context|problem)$/;
const DATE_FIELD = /^(date|when|at|time)$/;

/** Items of a list as one text: `- a` lines (checked ones marked), nesting kept by indent. */
export function listText(items: readonly ListItem[]): string {
  return items
    .map((it) => {
      const box = it.box === 'done' ? '[x] ' : it.box === 'open' ? '[ ] ' : it.box === 'progress' ? '[▶] ' : '';
      return `${'  '.repeat(it.depth)}- ${box}${it.text.replace(/\n/g, `\n${'  '.repeat(it.depth + 1)}`)}`;
    })
    .join('\n');
}

/**
 * A decision written as a group of `**Field**: value` lines (and lists after a field), under a
 * heading or on its own: what was decided, why, what else was weighed.
 */
export function readDecisionBlocks(
  draft: SessionDraft,
  file: string,
  section: Section,
  heading: { title: string; at: string | null } | null,
): void {
  let text: string | null = null;
  let rationale: string | null = null;
  let alternatives: string | null = null;
  let context: string | null = null;
  let at = heading?.at ?? null;
  const rest: string[] = [];
  let open: 'rationale' | 'alternatives' | 'context' | 'rest' | null = null;
  const put = (slot: typeof open, value: string) => {
    if (slot === 'rationale') rationale = rationale ? `${rationale}\n${value}` : value;
    else if (slot === 'alternatives') alternatives = alternatives ? `${alternatives}\n${value}` : value;
    else if (slot === 'context') context = context ? `${context}\n${value}` : value;
    else rest.push(value);
  };
  for (const block of section.blocks) {
    if (block.kind === 'paragraph') {
      const { fields: fs, lead } = fields(block);
      if (lead) rest.push(lead);
      for (const f of fs) {
        const k = fieldKey(f.key);
        if (DECISION_FIELD.test(k)) {
          text = f.value;
          open = null;
        } else if (RATIONALE_FIELD.test(k)) {
          open = 'rationale';
          put(open, f.value);
        } else if (ALTERNATIVES_FIELD.test(k)) {
          open = 'alternatives';
          put(open, f.value);
        } else if (CONTEXT_FIELD.test(k)) {
          open = 'context';
          put(open, f.value);
        } else if (DATE_FIELD.test(k)) at = parseTime(f.value) ?? at;
        else {
          open = 'rest';
          rest.push(`**${f.key}**: ${f.value}`);
        }
        if (f.value === '' && open === null) open = 'rest';
      }
    } else if (block.kind === 'list') {
      const lt = listText(block.items);
      put(open ?? 'rest', lt);
    } else if (block.text.trim() !== '') put('rest', block.text);
  }
  const where = { file, line: section.line };
  const decided = text ?? heading?.title ?? null;
  if (!decided) {
    if (rest.length > 0) draft.note(where, section.title, rest.join('\n\n'));
    return;
  }
  const d = draft.decision(where, {
    text: decided,
    title: text !== null ? (heading?.title ?? null) : null,
    rationale,
    alternatives,
    context,
    at,
  });
  const extra = rest.filter((r) => r.trim() !== '');
  if (d && extra.length > 0) draft.note(where, `Decision: ${decided.slice(0, 80)}`, extra.join('\n\n'));
}

/** `## Decisions`: `###` subsections, or list items (`Use X — because Y`), or field paragraphs. */
export function readDecisions(draft: SessionDraft, file: string, sections: readonly Section[], index: number): void {
  const section = sections[index]!;
  const subs = children(sections, index).filter((s) => s.level === section.level + 1);
  for (const block of section.blocks) {
    if (block.kind === 'list') {
      for (const item of block.items) {
        if (saysNone(item.text)) continue;
        const { text, at } = trailingTime(item.text);
        const [head, ...more] = text.split('\n');
        const m = /^(.*?)\s*(?:\n|$)/.exec(head ?? '');
        const rationaleLine = more.find((l) => /^\s*(\*\*)?rationale(\*\*)?\s*:/i.test(l));
        draft.decision(
          { file, line: item.line },
          {
            text: (m?.[1] ?? text).replace(/^\*\*(.+)\*\*$/, '$1'),
            title: null,
            rationale: rationaleLine ? rationaleLine.replace(/^\s*(\*\*)?rationale(\*\*)?\s*:\s*(\*\*)?/i, '') : null,
            alternatives: null,
            context: null,
            at,
          },
        );
        const others = more.filter((l) => l !== rationaleLine && l.trim() !== '');
        if (others.length > 0)
          draft.note({ file, line: item.line }, `Decision: ${(head ?? '').slice(0, 80)}`, others.join('\n'));
      }
    } else if (block.kind === 'paragraph') {
      if (saysNone(block.text)) continue;
      const { fields: fs } = fields(block);
      if (fs.length === 0) {
        draft.decision(
          { file, line: block.line },
          { text: block.text, title: null, rationale: null, alternatives: null, context: null, at: null },
        );
      }
    }
  }
  // Field paragraphs directly under the heading form one decision.
  if (section.blocks.some((b) => b.kind === 'paragraph' && fields(b).fields.length > 0))
    readDecisionBlocks(draft, file, { ...section, blocks: section.blocks.filter((b) => b.kind !== 'list') }, null);
  for (const sub of subs) readDecisionBlocks(draft, file, sub, decisionTitle(sub.title));
}

const RESOLVED_PREFIX = /^(✅|✔|\[resolved\]|resolved\s*[:—-]|\(resolved\))\s*/i;
const RESOLVED_SUFFIX = /\s*(\(resolved\)|—\s*resolved|✅)\s*$/i;

/** One blocker from a list item or paragraph: open, or resolved by a box, a strike or a word. */
export function readBlockerText(
  draft: SessionDraft,
  where: Where,
  raw: string,
  box: ListItem['box'],
  phase: number | null = null,
): void {
  if (saysNone(raw)) return;
  let text = raw.trim();
  let status: 'open' | 'resolved' = box === 'done' ? 'resolved' : 'open';
  let resolution: string | null = null;
  const strike = /^~~([\s\S]+)~~(.*)$/.exec(text);
  if (strike) {
    status = 'resolved';
    text = strike[1]!.trim();
    resolution = strike[2]!.replace(/^\s*[:—–-]\s*/, '').trim() || null;
  }
  if (RESOLVED_PREFIX.test(text)) {
    status = 'resolved';
    text = text.replace(RESOLVED_PREFIX, '');
  }
  if (RESOLVED_SUFFIX.test(text)) {
    status = 'resolved';
    text = text.replace(RESOLVED_SUFFIX, '');
  }
  const said = /^([\s\S]+?)\s+(?:[—–-]+\s+|\()resolved\s*[:—–-]\s*([^)]+?)\)?\s*$/i.exec(text);
  if (said) {
    status = 'resolved';
    text = said[1]!;
    resolution = said[2]!;
  }
  const arrow = /^([\s\S]+?)\s+(?:→|->)\s+(?:resolved\s*[:—-]?\s*)?([\s\S]+)$/i.exec(text);
  if (status === 'resolved' && arrow) {
    text = arrow[1]!;
    resolution = arrow[2]!;
  }
  const { text: t, at } = trailingTime(text);
  draft.blocker(where, t, status, { resolution, at, phase });
}

export function readBlockers(draft: SessionDraft, file: string, section: Section, phase: number | null = null): void {
  for (const block of section.blocks) {
    if (block.kind === 'list')
      for (const it of block.items) readBlockerText(draft, { file, line: it.line }, it.text, it.box, phase);
    else if (block.kind === 'paragraph') readBlockerText(draft, { file, line: block.line }, block.text, null, phase);
  }
}

/** `1. **Lock ordering** (2025-01-15T13:00): chain_watcher must…` → title, time, text. */
export function splitTitled(text: string): { title: string | null; at: string | null; text: string } {
  const m = /^\*\*([^*\n]{1,120})\*\*\s*(?:\(([^)\n]{4,40})\))?\s*[:—–-]\s*([\s\S]*)$/.exec(text);
  if (!m) {
    const { text: t, at } = trailingTime(text);
    return { title: null, at, text: t };
  }
  const at = m[2] ? parseTime(m[2]) : null;
  const body = m[3]!.trim();
  return { title: m[1]!.trim(), at, text: body === '' ? m[1]!.trim() : `${m[1]!.trim()}: ${body}` };
}

export function readEntries(
  draft: SessionDraft,
  file: string,
  section: Section,
  list: 'discoveries' | 'nextSteps',
  scope = '',
): void {
  for (const block of section.blocks) {
    if (block.kind === 'list') {
      for (const it of block.items) {
        if (saysNone(it.text)) continue;
        if (list === 'nextSteps' && it.box === 'done') continue;
        const s = splitTitled(it.text);
        draft.entry({ file, line: it.line }, list, s.text, { at: s.at, title: s.title, scope });
      }
    } else if (block.kind === 'paragraph') {
      if (saysNone(block.text)) continue;
      const s = splitTitled(block.text);
      draft.entry({ file, line: block.line }, list, s.text, { at: s.at, title: s.title, scope });
    } else if (block.text.trim() !== '') draft.note({ file, line: block.line }, section.title, block.text);
  }
}

export function readCriteria(draft: SessionDraft, file: string, section: Section, phase: number | null = null): void {
  for (const block of section.blocks) {
    if (block.kind === 'list') {
      for (const it of block.items)
        if (!saysNone(it.text)) draft.criterion({ file, line: it.line }, it.text, it.box === 'done', phase);
    } else if (block.kind === 'paragraph' && !saysNone(block.text))
      draft.note({ file, line: block.line }, section.title, block.text);
  }
}

const LOG_HEADING = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*(?:[-–—:|]\s*(.*))?$/;

/** `### 2025-12-04 14:30 - backend-dev` subsections, or `- 2025-12-04 14:30 - text` items. */
export function readLog(draft: SessionDraft, file: string, sections: readonly Section[], index: number): void {
  const section = sections[index]!;
  for (const block of section.blocks) {
    if (block.kind === 'list') {
      for (const it of block.items) {
        const m = LOG_HEADING.exec(it.text.split('\n')[0]!.trim());
        const at = m ? parseTime(m[1]!) : null;
        const text = m ? [m[2] ?? '', ...it.text.split('\n').slice(1)].join('\n') : it.text;
        draft.journal({ file, line: it.line }, 'progress', text, { at });
      }
    } else if (block.text.trim() !== '') draft.journal({ file, line: block.line }, 'progress', block.text);
  }
  for (const sub of children(sections, index)) {
    if (sub.level !== section.level + 1) continue;
    const m = LOG_HEADING.exec(sub.title);
    const at = m ? parseTime(m[1]!) : null;
    const who = m ? (m[2]?.trim() ?? null) : null;
    if (!m)
      draft.warn(
        { file, line: sub.line },
        `log entry heading without a date (${JSON.stringify(sub.title.slice(0, 60))}): imported without a time`,
      );
    draft.journal({ file, line: sub.line }, 'progress', sub.raw, {
      at,
      author: who && who.length <= 80 ? who : null,
      title: m ? null : sub.title,
    });
  }
}

/**
 * Read `sections[index]` by its kind: true when it was one of the shared kinds (and so is read),
 * false when the caller should keep it as a note.
 */
export function readShared(draft: SessionDraft, file: string, sections: readonly Section[], index: number): boolean {
  const section = sections[index]!;
  const where = { file, line: section.line };
  switch (sectionKind(section.title)) {
    case 'decisions':
      readDecisions(draft, file, sections, index);
      return true;
    case 'blockers':
      readBlockers(draft, file, section);
      for (const sub of children(sections, index)) readBlockers(draft, file, sub);
      return true;
    case 'next':
      readEntries(draft, file, section, 'nextSteps');
      for (const sub of children(sections, index)) readEntries(draft, file, sub, 'nextSteps');
      return true;
    case 'discoveries':
      readEntries(draft, file, section, 'discoveries');
      for (const sub of children(sections, index)) readEntries(draft, file, sub, 'discoveries');
      return true;
    case 'criteria':
      readCriteria(draft, file, section);
      for (const sub of children(sections, index)) readCriteria(draft, file, sub);
      return true;
    case 'log':
      readLog(draft, file, sections, index);
      return true;
    case 'summary': {
      const t = draft.text(where, 'the summary', section.raw);
      if (t && !saysNone(t)) draft.session.summary = t;
      return true;
    }
    case 'context': {
      const t = draft.text(where, 'the context', section.raw);
      if (t && !saysNone(t)) draft.session.context = t;
      return true;
    }
    case 'handoff': {
      const t = draft.text(where, 'the current state', section.raw);
      if (t && !saysNone(t)) draft.session.handoff = t;
      return true;
    }
    default:
      return false;
  }
}

/**
 * Read a whole outline: the blocks before the first section and under the title go to `lead`
 * (kept as a note when it is not given); then each section that is not inside one read already is
 * read by `own`, else by the shared readers, else kept whole as a note. Nothing is skipped unread.
 */
export function readBody(
  draft: SessionDraft,
  file: string,
  doc: Outline,
  own: (index: number) => boolean,
  lead?: (blocks: Block[]) => void,
): void {
  const sections = doc.sections;
  const h1 = sections.findIndex((s) => s.level === 1);
  const leadBlocks = [...doc.preamble, ...(h1 >= 0 ? sections[h1]!.blocks : [])];
  if (lead) lead(leadBlocks);
  else keepBlocks(draft, file, h1 >= 0 ? sections[h1]!.title : '(before the first heading)', leadBlocks);
  let coveredTo = -1;
  sections.forEach((s, i) => {
    if (i === h1 || i <= coveredTo) return;
    coveredTo = i + children(sections, i).length;
    if (own(i) || readShared(draft, file, sections, i)) return;
    if (s.raw.trim() !== '' && !saysNone(s.raw)) draft.note({ file, line: s.line }, s.title, s.raw);
  });
}

/** Blocks nobody reads, kept as one note. */
export function keepBlocks(draft: SessionDraft, file: string, heading: string, blocks: readonly Block[]): void {
  const text = blocks
    .map((b) =>
      b.kind === 'list' ? listText(b.items) : b.kind === 'code' ? `\`\`\`${b.info}\n${b.text}\n\`\`\`` : b.text,
    )
    .filter((t) => t.trim() !== '')
    .join('\n\n');
  if (text !== '') draft.note({ file, line: blocks[0]?.line ?? null }, heading, text);
}
