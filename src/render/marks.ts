// The marks lists show before an item, the same everywhere a person reads one: an objective's box
// is the one its trailer carries (codec/trailers.ts, docs/trailers.md), a blocker is `[!]` while
// open.

import { OBJECTIVE_MARK } from '../codec/trailers.js';

/** `[ ]` open, `[>]` in progress, `[x]` done; `[?]` for a status this version does not know. */
export const objectiveMark = (status: string): string =>
  (OBJECTIVE_MARK as Readonly<Record<string, string>>)[status] ?? '[?]';

/** `[!]` open, `[x]` resolved. */
export const blockerMark = (status: string): string => (status === 'open' ? '[!]' : '[x]');
