// A session's append-only journal: one JSON event per line. Reading never throws away what is
// readable: damaged lines are reported with their line numbers, and `repair` moves them, verbatim,
// to damaged.jsonl next to the journal.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseEventLine, serialiseEvent } from '../codec/event-json.js';
import { storeError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import { type Appended, appendLines, fsFailure, writeFileAtomic } from './atomic.js';

export interface DamagedLine {
  line: number;
  /** What is set aside (verbatim); empty when the line only lost its newline. */
  text: string;
  reason: string;
  /**
   * Complete records found on the same line after the damage: an append that came after an
   * interrupted write (the post-commit hook appends without looking at the last byte) is joined
   * to the cut line. They are read as events and stay in the journal when the damage is set aside.
   */
  kept?: string[];
}

export interface JournalRead {
  events: SessionEvent[];
  damaged: DamagedLine[];
  /**
   * Every damaged line is the trace of an interrupted write: the last line without its newline,
   * or a cut line that a later append was joined to. Such damage is set aside without asking.
   */
  tornTail: boolean;
  bytes: number;
}

/** Every record starts like this (serialiseEvent and the hooks' printf). */
const RECORD_START = '{"v":';

/**
 * A line that does not parse but ends with a complete record: split it where that record starts.
 * The part before is what an interrupted write left (or, if it parses, a record that lost only
 * its newline).
 */
function splitJoined(
  line: string,
): { before: string; beforeEvent: SessionEvent | null; after: string; afterEvent: SessionEvent } | null {
  for (let i = line.indexOf(RECORD_START, 1); i > 0; i = line.indexOf(RECORD_START, i + 1)) {
    const after = parseEventLine(line.slice(i));
    if (!after.ok) continue;
    const before = parseEventLine(line.slice(0, i));
    return {
      before: line.slice(0, i),
      beforeEvent: before.ok ? before.event : null,
      after: line.slice(i),
      afterEvent: after.event,
    };
  }
  return null;
}

export function readJournalText(text: string): JournalRead {
  const events: SessionEvent[] = [];
  const damaged: DamagedLine[] = [];
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  let interrupted = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseEventLine(line);
    if (parsed.ok) {
      events.push(parsed.event);
      return;
    }
    const joined = splitJoined(line);
    if (joined) {
      interrupted++;
      if (joined.beforeEvent) {
        events.push(joined.beforeEvent, joined.afterEvent);
        damaged.push({ line: i + 1, text: '', reason: 'two records on one line', kept: [joined.before, joined.after] });
      } else {
        events.push(joined.afterEvent);
        const reason = parseEventLine(joined.before);
        damaged.push({
          line: i + 1,
          text: joined.before,
          reason: `cut by an interrupted write (${reason.ok ? '' : reason.reason})`,
          kept: [joined.after],
        });
      }
      return;
    }
    if (i === lines.length - 1 && !endsWithNewline) interrupted++;
    damaged.push({ line: i + 1, text: line, reason: parsed.reason });
  });
  const tornTail = damaged.length > 0 && interrupted === damaged.length;
  return { events, damaged, tornTail, bytes: Buffer.byteLength(text) };
}

export function readJournal(path: string): JournalRead {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], damaged: [], tornTail: false, bytes: 0 };
    if ((e as NodeJS.ErrnoException).code === 'EISDIR')
      throw storeError(`${path} is a directory, not a journal`, `move it aside (mv ${path} ${path}.bad) and retry`);
    throw fsFailure(e, path, 'read');
  }
  // The size on disk (a line with bytes that are not UTF-8 reads as more bytes than it holds).
  return { ...readJournalText(raw.toString('utf8')), bytes: raw.length };
}

export function appendEvents(path: string, events: readonly SessionEvent[]): Appended | null {
  return appendLines(path, events.map(serialiseEvent));
}

/**
 * Move damaged lines out of the journal into `damagedFile` (appended, with their line numbers and
 * the reason), then rewrite the journal with the readable lines only. Caller holds the store lock;
 * the hooks do not take it, so a line they append while the journal is rewritten is carried over.
 */
export function setAside(path: string, damagedFile: string, read: JournalRead, now: string): void {
  if (read.damaged.length === 0) return;
  const aside = read.damaged.filter((d) => d.text !== '');
  appendLines(
    damagedFile,
    aside.map((d) => JSON.stringify({ setAsideAt: now, line: d.line, reason: d.reason, text: d.text })),
  );
  const fd = openSync(path, 'r');
  try {
    const raw = readFileSync(fd);
    // Only rewrite when nothing was appended since it was read; otherwise the next run repairs.
    if (raw.length !== read.bytes) return;
    const current = raw.toString('utf8');
    const byLine = new Map(read.damaged.map((d) => [d.line, d]));
    const kept = current
      .split('\n')
      .flatMap((l, i) => byLine.get(i + 1)?.kept ?? (byLine.has(i + 1) ? [] : [l]))
      .filter((l) => l.trim() !== '');
    writeFileAtomic(path, kept.map((l) => `${l}\n`).join(''));
    // A hook that appended to the old file between the read and the rename: copy its lines over.
    const grown = fstatSync(fd).size - read.bytes;
    if (grown > 0) {
      const extra = Buffer.alloc(grown);
      readSync(fd, extra, 0, grown, read.bytes);
      const lines = extra.toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      appendLines(path, lines);
    }
  } finally {
    closeSync(fd);
  }
}
