// A session's append-only journal: one JSON event per line. Reading never throws away what is
// readable: damaged lines are reported with their line numbers, and `repair` moves them, verbatim,
// to damaged.jsonl next to the journal.

import { readFileSync } from 'node:fs';
import { parseEventLine, serialiseEvent } from '../codec/event-json.js';
import type { SessionEvent } from '../core/events.js';
import { storeError } from '../errors.js';
import { appendLines, fsFailure, writeFileAtomic } from './atomic.js';

export interface DamagedLine {
  line: number;
  text: string;
  reason: string;
}

export interface JournalRead {
  events: SessionEvent[];
  damaged: DamagedLine[];
  /** Only the last line is damaged and it has no newline: the trace of an interrupted append. */
  tornTail: boolean;
  bytes: number;
}

export function readJournalText(text: string): JournalRead {
  const events: SessionEvent[] = [];
  const damaged: DamagedLine[] = [];
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseEventLine(line);
    if (parsed.ok) events.push(parsed.event);
    else damaged.push({ line: i + 1, text: line, reason: parsed.reason });
  });
  const tornTail = damaged.length === 1 && damaged[0]!.line === lines.length && !endsWithNewline;
  return { events, damaged, tornTail, bytes: Buffer.byteLength(text) };
}

export function readJournal(path: string): JournalRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], damaged: [], tornTail: false, bytes: 0 };
    if ((e as NodeJS.ErrnoException).code === 'EISDIR')
      throw storeError(`${path} is a directory, not a journal`, `move it aside (mv ${path} ${path}.bad) and retry`);
    throw fsFailure(e, path, 'read');
  }
  return readJournalText(text);
}

export function appendEvents(path: string, events: readonly SessionEvent[]): void {
  appendLines(path, events.map(serialiseEvent));
}

/**
 * Move damaged lines out of the journal into `damagedFile` (appended, with their line numbers and
 * the reason), then rewrite the journal with the readable lines only. Caller holds the store lock.
 */
export function setAside(path: string, damagedFile: string, read: JournalRead, now: string): void {
  if (read.damaged.length === 0) return;
  appendLines(
    damagedFile,
    read.damaged.map((d) => JSON.stringify({ setAsideAt: now, line: d.line, reason: d.reason, text: d.text })),
  );
  const current = readFileSync(path, 'utf8');
  // Only rewrite when nothing was appended since it was read; otherwise the next run repairs.
  if (Buffer.byteLength(current) !== read.bytes) return;
  const kept = current
    .split('\n')
    .filter((_, i) => !read.damaged.some((d) => d.line === i + 1))
    .filter((l) => l.trim() !== '');
  writeFileAtomic(path, kept.map((l) => `${l}\n`).join(''));
}
