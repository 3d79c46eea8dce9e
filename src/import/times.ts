// Times as the seeds write them, to ISO-8601 UTC (`2025-01-15T10:30:00.000Z`), or null when the text
// is no time at all. A time written without a zone is taken as UTC: every seed generates its times
// with `date -u` or UTC ISO stamps (seed 002 says so; seed 003's and codemap's ids are UTC). Pure:
// Date.UTC computes, it never reads the clock.

const PATTERNS: RegExp[] = [
  // 2025-01-15T10:00:00Z, 2025-01-15T10:00:00.123+02:00, 2025-01-15 10:00, 2025-01-15T10:30
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/i,
  // codemap session ids and file-system-safe stamps: 2026-04-05T02-53-34, 2025-01-15T10-00-00Z
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})(?:-(\d{2})(?:[.-](\d{1,9}))?)?(Z)?$/i,
  // seed 002 file names: 20251204-143000
  /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})()(Z)?$/i,
];

/** ISO-8601 UTC of a written time, or null. Out-of-range fields (month 13, Feb 30) are no time. */
export function parseTime(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const s = text.trim();
  if (s.length > 40) return null;
  for (const re of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1, 7).map((x) => x ?? '0') as string[];
    const frac = m[7] ? Number(`0.${m[7]}`) : 0;
    const zone = m[8];
    const Y = Number(y);
    const M = Number(mo);
    const D = Number(d);
    const H = Number(h);
    const Mi = Number(mi);
    const S = Number(se);
    if (M < 1 || M > 12 || D < 1 || D > 31 || H > 23 || Mi > 59 || S > 60) return null;
    let ms = Date.UTC(Y, M - 1, D, H, Mi, Math.min(S, 59), Math.floor(frac * 1000));
    const check = new Date(Date.UTC(Y, M - 1, D));
    if (check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D) return null;
    if (zone && /^[+-]/.test(zone)) {
      const z = zone.replace(':', '');
      const sign = z[0] === '-' ? -1 : 1;
      const offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
      ms -= offset * 60_000;
    }
    if (!Number.isFinite(ms)) return null;
    return new Date(ms).toISOString();
  }
  return null;
}

/** Milliseconds of an ISO time from parseTime. */
export const timeMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/**
 * A time in parentheses at the end of a text, as seed 003 and seed 002 write them:
 * `Reproduce bug in test (2025-01-15T10:30)` → the text without it, and the time.
 */
export function trailingTime(text: string): { text: string; at: string | null } {
  const m = /\s*\(([0-9][0-9T:.+\- Z]{7,38})\)\s*$/i.exec(text);
  if (!m) return { text, at: null };
  const at = parseTime(m[1]!);
  return at ? { text: text.slice(0, m.index), at } : { text, at: null };
}

/** The later of two ISO times (either may be null). */
export const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
