// Human times: "3h ago", "1h 20m". Machine output keeps ISO times and milliseconds.

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

export function ago(iso: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(iso);
  if (ms < 60_000) return 'just now';
  return `${duration(ms)} ago`;
}

/** 2026-11-22 10:42 (UTC), for lists and documents. */
export function stamp(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}
