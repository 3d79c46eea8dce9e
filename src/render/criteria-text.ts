// Acceptance criteria as text for people: each with its check and how its latest run went.

import { CRITERION_MARK } from '../codec/trailers.js';
import { type Style, safeBlock, safeLine } from './term.js';
import { ago, duration } from './time.js';

/** How long a check ran: `240 ms`, `3.2 s`, `1m 5s`, then as every duration (`1h 20m`). */
export function checkDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ${Math.floor((ms % 60_000) / 1000)}s`;
  return duration(ms);
}

import type { CriterionView } from './views.js';

/** `[ ]` unverified, `[x]` passed, `[!]` failed (the marks their trailer lines carry). */
export const criterionMark = (status: string): string =>
  (CRITERION_MARK as Readonly<Record<string, string>>)[status] ?? '[?]';

/** How a run ended: `exit 1`, `timed out`, `killed by SIGKILL`. */
export function runEnd(c: Pick<CriterionView, 'exitCode' | 'signal' | 'timedOut'>): string {
  if (c.timedOut) return 'timed out';
  if (c.exitCode !== null) return `exit ${c.exitCode}`;
  return c.signal ? `killed by ${c.signal}` : 'no exit code';
}

/** What the latest run says, in a few words: `passed 5 min ago at 1a2b3c4 (3 s)`. */
export function lastRun(c: CriterionView, now: string): string {
  if (c.status === 'unverified' || c.verifiedAt === null)
    return c.check === null ? 'unverified: confirm it by hand' : 'unverified: git session verify';
  const at = c.commit ? ` at ${c.commit.slice(0, 7)}` : '';
  const how = c.by === 'hand' ? 'confirmed by hand' : c.status === 'passed' ? 'passed' : `failed (${runEnd(c)})`;
  const took = c.durationMs !== null ? ` (${checkDuration(c.durationMs)})` : '';
  return `${how} ${ago(c.verifiedAt, now)}${at}${took}`;
}

function colored(status: string, text: string, st: Style): string {
  return status === 'passed' ? st.green(text) : status === 'failed' ? st.red(text) : st.yellow(text);
}

/** The criteria, numbered as `criteria confirm N` takes them. */
export function criteriaLines(
  criteria: readonly CriterionView[],
  st: Style,
  now: string,
  short: (id: string) => string,
): string[] {
  const out: string[] = [];
  criteria.forEach((c, i) => {
    const n = `${i + 1}.`.padStart(`${criteria.length}.`.length);
    const id = short(c.id);
    const pad = ' '.repeat(2 + n.length + 1 + 4 + id.length + 2);
    out.push(
      `  ${st.dim(n)} ${colored(c.status, criterionMark(c.status), st)} ${st.dim(id)}  ${safeBlock(c.text, pad)}`,
    );
    if (c.check !== null) out.push(`${pad}${st.dim('$')} ${safeBlock(c.check, `${pad}  `)}`);
    out.push(`${pad}${colored(c.status, lastRun(c, now), st)}`);
  });
  return out;
}

/** The status section: how many criteria pass, and each one. */
export function criteriaSection(
  criteria: readonly CriterionView[],
  st: Style,
  now: string,
  short: (id: string) => string,
): string[] {
  if (criteria.length === 0) return [];
  const passed = criteria.filter((c) => c.status === 'passed').length;
  return [
    '',
    st.bold('Acceptance criteria') + st.dim(`  ${passed}/${criteria.length} passed`),
    ...criteriaLines(criteria, st, now, short),
  ];
}

/** The tail of a failing check's output, indented, escaped. */
export function outputTail(lines: readonly string[], st: Style, indent = '    '): string[] {
  return lines.map((l) => `${indent}${st.dim('│')} ${safeLine(l)}`);
}
