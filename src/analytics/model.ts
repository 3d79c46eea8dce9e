// What the analytics work from: a folded session, the git facts of its commits, and the active
// intervals of its journal clock when this clone has them. Built by src/app/report-inputs.ts;
// everything in src/analytics/ is pure (no I/O, no clock: `now` is passed in).

import type { SessionState } from '../core/fold.js';

export interface FileChange {
  path: string;
  /** Lines added and removed; null for a binary file. */
  added: number | null;
  removed: number | null;
}

export interface CommitFacts {
  sha: string;
  /** Committer time, ISO UTC (the time history events of this commit carry). */
  at: string;
  author: string;
  subject: string;
  /** Conventional-commit type (`feat`, `fix`, `test`…), null when the subject does not follow it. */
  type: string | null;
  files: FileChange[];
}

export interface Interval {
  from: string;
  to: string;
}

export interface SessionInput {
  state: SessionState;
  /** The session's commits that git still has, oldest first. */
  commits: CommitFacts[];
  /** Active intervals from the journal clock (see activity.ts); empty when only history is known. */
  journal: Interval[];
}

/** A time window [from, to), ISO UTC. */
export interface Window {
  from: string;
  to: string;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Two decimals, for rates (exact figures stay integers). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function inWindow(at: string, w: Window | null): boolean {
  return w === null || (at >= w.from && at < w.to);
}

export const ms = (from: string, to: string): number => Math.max(0, Date.parse(to) - Date.parse(from));

/** The later / earlier of two ISO times (they compare as strings). */
export function later(a: string, b: string): string {
  if (a < b) return b;
  return a;
}

export function earlier(a: string, b: string): string {
  if (b < a) return b;
  return a;
}
