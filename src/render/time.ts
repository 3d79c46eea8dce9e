// Human times: "3h ago", "1h 20m". Machine output keeps ISO times and milliseconds.
// A time no real session can have — in the future, or before git existed — comes from a wrong clock
// or a forged commit date: it is shown as the date it claims, never as thousands of days.

export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return ms > 0 ? '<1m' : '0m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return mins > 0 ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

/** git's first commit: no commit of a session is older. */
const GIT_EPOCH = Date.parse('2005-04-07T00:00:00Z');
/** Clocks disagree a little; a day ahead of now is not yet implausible. */
const SKEW_MS = 86_400_000;
/** Past this, "412d ago" says less than the date. */
const RELATIVE_LIMIT_MS = 90 * 86_400_000;

/** Whether a time cannot be a real moment of a session seen at `now`. */
export function implausible(iso: string, now: string): boolean {
  const t = Date.parse(iso);
  return Number.isNaN(t) || t < GIT_EPOCH || t > Date.parse(now) + SKEW_MS;
}

export function ago(iso: string, now: string): string {
  if (implausible(iso, now)) return `on ${day(iso)}`;
  const ms = Date.parse(now) - Date.parse(iso);
  if (ms < 60_000) return 'just now';
  if (ms > RELATIVE_LIMIT_MS) return `on ${day(iso)}`;
  return `${duration(ms)} ago`;
}

/** The length of a span, or — when an end is implausible — the dates it claims. */
export function span(from: string, to: string, now: string): string {
  if (implausible(from, now) || implausible(to, now)) return `${day(from)} to ${day(to)} (implausible dates)`;
  return duration(Math.max(0, Date.parse(to) - Date.parse(from)));
}

/** 2026-11-22 10:42 (UTC), for lists and documents. */
export function stamp(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}
