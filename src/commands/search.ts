// `git session search TERM... [--kind K] [--max-count N]`: every text of every session (ended ones
// too) that holds all the terms, newest first, naming its session and commit (core/search.ts).

import type { Context } from '../app/context.js';
import { loadAllSessions } from '../app/sessions.js';
import { SEARCH_KINDS, type SearchKind, search as searchAll, searchTerms } from '../core/search.js';
import { usageError } from '../model/errors.js';
import { searchText } from '../render/search-text.js';
import type { Io, Output } from './output.js';

export interface SearchOptions {
  terms: string[];
  kinds: string[];
  maxCount?: number;
}

export async function search(ctx: Context, io: Io, o: SearchOptions): Promise<Output> {
  const terms = searchTerms(o.terms);
  if (terms.length === 0) throw usageError('nothing to search for', 'git session search jwt cookie');
  for (const k of o.kinds)
    if (!SEARCH_KINDS.includes(k as SearchKind))
      throw usageError(`unknown kind '${k}'`, `use: ${SEARCH_KINDS.join(', ')}`);
  const hits = searchAll(
    loadAllSessions(ctx).map((l) => l.state),
    terms,
    o.kinds as SearchKind[],
  );
  const shown = o.maxCount === undefined ? hits : hits.slice(0, o.maxCount);
  return {
    json: { terms, total: hits.length, hits: shown },
    text: searchText(shown, hits.length, io.style),
    exitCode: hits.length === 0 ? 1 : 0,
  };
}
