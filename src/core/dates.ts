// Dates typed on the command line (`--since`, `--until`): read strictly, never in the local time
// zone unless git reads them so.

import { usageError } from '../model/errors.js';
import { clip } from '../model/text.js';

/**
 * `--since` / `--until`: a UTC date (YYYY-MM-DD, midnight), a time with an explicit zone, or
 * anything git's own date parser takes (`yesterday`, `2.weeks.ago`, `last monday`), relative to
 * git-session's clock. Nothing is read in the local time zone unless git reads it so.
 */
export function parseDateOption(
  text: string,
  flag: string,
  nowIso: string,
  viaGit: (t: string) => number | null,
): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text);
  if (day || zoned) {
    const t = day ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
    // Date.parse rolls 2026-02-30 over to March; a date must come back as written.
    if (!Number.isNaN(t) && (!day || new Date(t).toISOString().slice(0, 10) === text)) return new Date(t).toISOString();
  } else if (text.trim().toLowerCase() === 'now') return nowIso;
  else if (!/^\d{4}-\d{2}-\d{2}/.test(text) && text.trim() !== '') {
    const seconds = viaGit(text);
    if (seconds !== null && seconds > 0) return new Date(seconds * 1000).toISOString();
  }
  throw usageError(
    `${flag} '${clip(text)}' is not a date`,
    'use YYYY-MM-DD (UTC), a time with its zone such as 2026-01-05T09:00Z, or what git takes: yesterday, 2.weeks.ago',
  );
}

/** Kept for callers of the earlier name: a strict date, without git. */
export function parseSince(text: string): string {
  return parseDateOption(text, '--since', new Date(0).toISOString(), () => null);
}
