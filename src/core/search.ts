// `git session search TERM...`: every text the sessions hold — objectives, decisions with their
// rationale and alternatives, blockers and how they were resolved, journal entries, handoff notes,
// checkpoints, titles and end summaries — of every session, ended ones included. A hit has every
// term (case aside, and compatibility forms such as ﬁ or full-width letters), and names its
// session and the commit that first carried it. Pure.

import { JOURNAL_KINDS, type JournalKind } from '../model/events.js';
import type { SessionState } from './fold.js';

export const SEARCH_KINDS = [
  'objective',
  'decision',
  'blocker',
  ...JOURNAL_KINDS,
  'handoff',
  'checkpoint',
  'session',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  /** The item's or entry's id; null for a session's own texts and entries of 0.1. */
  id: string | null;
  /** The item's text (a checkpoint's label, a session's title). */
  text: string;
  /** Which of its texts hold the terms: `text`, `rationale`, `alternatives`, `note`, `summary`, `reason`. */
  fields: string[];
  /** Those texts, by field (the item's text is `text`). */
  texts: Record<string, string>;
  session: { id: string; name: string; status: string; branch: string };
  /** The commit that first carried it; null while no commit has (or for what commits do not carry). */
  commit: string | null;
  at: string;
  /** Objective or blocker status; for a decision, `current` or `replaced`. */
  status: string | null;
}

/** Lower case and compatibility forms (ﬁ → fi, full-width → ASCII): what a person means by "the same word". */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** The search terms: each non-blank argument, folded. */
export function searchTerms(args: readonly string[]): string[] {
  return args.map((a) => fold(a.trim())).filter((a) => a !== '');
}

/** One line of terms as a search box takes it: words, and "quoted phrases" as one term. */
export function splitQuery(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term !== '') out.push(term);
  }
  return out;
}

interface Candidate {
  kind: SearchKind;
  id: string | null;
  texts: Record<string, string>;
  commit: string | null;
  at: string;
  status: string | null;
}

function candidates(s: SessionState): Candidate[] {
  const out: Candidate[] = [];
  const add = (c: Omit<Candidate, 'texts'> & { texts: Record<string, string | null> }) => {
    const texts: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.texts)) if (v !== null && v !== '') texts[k] = v;
    out.push({ ...c, texts });
  };
  add({
    kind: 'session',
    id: null,
    texts: { text: s.title || s.name, summary: s.summary, reason: s.endReason },
    commit: null,
    at: s.createdAt,
    status: s.status,
  });
  for (const o of s.objectives)
    add({ kind: 'objective', id: o.id, texts: { text: o.text }, commit: o.commit, at: o.createdAt, status: o.status });
  for (const d of s.decisions)
    add({
      kind: 'decision',
      id: d.id,
      texts: { text: d.text, rationale: d.rationale, alternatives: d.alternatives },
      commit: d.commit,
      at: d.at,
      status: d.supersededBy === null ? 'current' : 'replaced',
    });
  for (const b of s.blockers)
    add({
      kind: 'blocker',
      id: b.id,
      texts: { text: b.text, note: b.resolutions.map((r) => r.note ?? '').join('\n') },
      commit: b.commit,
      at: b.openedAt,
      status: b.status,
    });
  for (const e of s.log)
    add({ kind: e.kind as JournalKind, id: e.id, texts: { text: e.text }, commit: e.commit, at: e.at, status: null });
  for (const n of s.handoffNotes)
    add({ kind: 'handoff', id: null, texts: { text: n.text }, commit: n.commit, at: n.at, status: null });
  for (const c of s.checkpoints)
    add({
      kind: 'checkpoint',
      id: null,
      texts: { text: c.label, note: c.note },
      commit: c.commit,
      at: c.at,
      status: null,
    });
  return out;
}

/**
 * Every text of `states` that holds all `terms` (searchTerms), newest first, of the `kinds` asked
 * for (all when empty).
 */
export function search(
  states: Iterable<SessionState>,
  terms: readonly string[],
  kinds: readonly SearchKind[] = [],
): SearchHit[] {
  const hits: SearchHit[] = [];
  if (terms.length === 0) return hits;
  for (const s of states)
    for (const c of candidates(s)) {
      if (kinds.length > 0 && !kinds.includes(c.kind)) continue;
      const folded = Object.fromEntries(Object.entries(c.texts).map(([k, v]) => [k, fold(v)]));
      const all = Object.values(folded).join('\n');
      if (!terms.every((t) => all.includes(t))) continue;
      hits.push({
        kind: c.kind,
        id: c.id,
        text: c.texts.text ?? '',
        fields: Object.keys(folded).filter((k) => terms.some((t) => folded[k]!.includes(t))),
        texts: c.texts,
        session: { id: s.id, name: s.name, status: s.status, branch: s.branch },
        commit: c.commit,
        at: c.at,
        status: c.status,
      });
    }
  // Newest first; among equal times, a stable order by session and id.
  return hits.sort((a, b) =>
    a.at !== b.at ? (a.at < b.at ? 1 : -1) : `${a.session.id}${a.id}` < `${b.session.id}${b.id}` ? -1 : 1,
  );
}
