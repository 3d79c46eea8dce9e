// Which trailers the next commit of a session carries: every item changed since the last commit
// that carried items. Computed here whenever a session changes, stored as text for the sh hooks
// (docs/storage.md, "trailers"), so `git commit` never has to start Node.

import { formatTrailer, type TrailerItem } from '../codec/trailers.js';
import { TRAILER_FILE_HEADER } from '../model/hook-contract.js';
import type { SessionEvent } from './events.js';
import { isOpen, type SessionState } from './fold.js';
import { entryIdOf } from './ids.js';

/** `always` lines go on every commit; numbered lines only while their seq is above the committed mark. */
export interface PlannedTrailer {
  seq: number | 'always';
  line: string;
}

export interface TrailerPlanOptions {
  /** Carry journal entries (progress, discoveries, next steps) in `Session-Log:` trailers. */
  journal: boolean;
}

const STATUS_EVENTS = new Set(['session.completed', 'session.abandoned', 'session.reopened']);

export function planTrailers(
  state: SessionState,
  events: readonly SessionEvent[],
  options: TrailerPlanOptions,
): PlannedTrailer[] {
  const pending = events
    .filter((e) => e.session === state.id && e.seq !== undefined && e.seq > state.committedMark)
    .sort((a, b) => a.seq! - b.seq!);

  const info: PlannedTrailer[] = [];
  let status: PlannedTrailer | null = null;
  const latest = new Map<string, number>();
  const reopened = new Set<string>();
  const journal: PlannedTrailer[] = [];
  const checkpoints: PlannedTrailer[] = [];
  // The note of the latest pause: whoever picks the session up elsewhere reads it (issue 9).
  let pauseNote: PlannedTrailer | null = null;
  const touch = (id: string, seq: number) => latest.set(id, Math.max(latest.get(id) ?? 0, seq));
  const line = (seq: number, item: TrailerItem): PlannedTrailer => ({ seq, line: formatTrailer(item) });

  for (const e of pending) {
    const seq = e.seq!;
    switch (e.type) {
      case 'session.started':
      case 'session.info': {
        if (e.name !== undefined) info.push(line(seq, { kind: 'info', field: 'name', value: e.name }));
        if (e.title !== undefined && e.title !== '')
          info.push(line(seq, { kind: 'info', field: 'title', value: e.title }));
        if (e.branch !== undefined && e.branch !== '')
          info.push(line(seq, { kind: 'info', field: 'branch', value: e.branch }));
        for (const task of e.tasks ?? []) info.push(line(seq, { kind: 'info', field: 'task', value: task }));
        break;
      }
      case 'objective.reopened':
        reopened.add(e.objective);
        touch(e.objective, seq);
        break;
      case 'objective.added':
      case 'objective.started':
      case 'objective.completed':
        touch(e.objective, seq);
        break;
      case 'decision.recorded':
        touch(e.decision, seq);
        break;
      case 'blocker.added':
      case 'blocker.resolved':
        touch(e.blocker, seq);
        break;
      case 'journal.added':
        // The entry id makes two identical entries two trailers (git would fold them into one).
        if (options.journal)
          journal.push(line(seq, { kind: 'log', entry: e.kind, text: e.text, id: e.entry ?? entryIdOf('log', e.id) }));
        break;
      case 'handoff.noted':
        // Notes for whoever continues, possibly on another clone: always carried.
        journal.push(line(seq, { kind: 'handoff', text: e.text, id: e.entry ?? entryIdOf('log', e.id) }));
        break;
      case 'session.paused':
        // Only a note typed for others; a branch switch's own note stays here.
        if (e.shared && e.note) pauseNote = line(seq, { kind: 'info', field: 'note', value: e.note });
        break;
      case 'checkpoint.recorded':
        checkpoints.push(
          line(seq, {
            kind: 'checkpoint',
            label: e.label,
            note: e.note ?? null,
            phase: e.phase ?? null,
            phaseStatus: e.phaseStatus ?? null,
            id: e.entry ?? entryIdOf('checkpoint', e.id),
          }),
        );
        break;
      default:
        if (STATUS_EVENTS.has(e.type)) {
          // Only the latest lifecycle change matters to a reader of the history.
          const text =
            e.type === 'session.completed' ? (e.summary ?? null) : e.type === 'session.abandoned' ? e.reason : null;
          const st =
            e.type === 'session.completed' ? 'completed' : e.type === 'session.abandoned' ? 'abandoned' : 'reopened';
          status = line(seq, { kind: 'status', status: st, text });
        }
    }
  }

  const items: PlannedTrailer[] = [...info];
  if (pauseNote) items.push(pauseNote);
  for (const o of state.objectives) {
    const seq = latest.get(o.id);
    if (seq !== undefined)
      items.push(
        line(seq, { kind: 'objective', id: o.id, status: o.status, text: o.text, reopened: reopened.has(o.id) }),
      );
  }
  for (const d of state.decisions) {
    const seq = latest.get(d.id);
    if (seq !== undefined)
      items.push(
        line(seq, { kind: 'decision', id: d.id, text: d.text, rationale: d.rationale, alternatives: d.alternatives }),
      );
  }
  for (const b of state.blockers) {
    const seq = latest.get(b.id);
    if (seq !== undefined)
      items.push(
        line(seq, { kind: 'blocker', id: b.id, resolved: b.status === 'resolved', text: b.text, note: b.note }),
      );
  }
  items.push(...journal, ...checkpoints);
  if (status) items.push(status);
  // The commit that carries these items claims the session's clock: its items then order after
  // everything this clone had seen, on every clone that reads the commit (core/clock.ts).
  // Its seq is the latest item's: a commit that carries any item carries the claim too (also one
  // carrying items again, docs/storage.md "trailers"), a commit that carries none claims nothing.
  // (A loop, not Math.max(...): a session's full plan may list more items than a call has arguments.)
  let latestSeq = 0;
  for (const i of items) if ((i.seq as number) > latestSeq) latestSeq = i.seq as number;
  if (items.length > 0 && state.clock > 0)
    items.push({ seq: latestSeq, line: formatTrailer({ kind: 'clock', clock: state.clock }) });

  // An ended session still marks the one commit that carries its last items, then no more.
  const sessionSeq: number | 'always' | null = isOpen(state) ? 'always' : items.length > 0 ? latestSeq : null;
  const head: PlannedTrailer[] =
    sessionSeq === null ? [] : [{ seq: sessionSeq, line: formatTrailer({ kind: 'session', session: state.id }) }];
  return [...head, ...items];
}

export { TRAILER_FILE_HEADER };

/** The store file the hooks read: a header, then `<seq|always> <Key>: <value>` per line. */
export function renderTrailerFile(sessionId: string, planned: readonly PlannedTrailer[]): string {
  return [`${TRAILER_FILE_HEADER} ${sessionId}`, ...planned.map((p) => `${p.seq} ${p.line}`)].join('\n') + '\n';
}
