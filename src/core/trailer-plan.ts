// Which trailers the next commit of a session carries: every item changed since the last commit
// that carried items. Computed here whenever a session changes, stored as text for the sh hooks
// (docs/storage.md, "trailers"), so `git commit` never has to start Node.

import { formatTrailer, type TrailerItem } from '../codec/trailers.js';
import { checkRunFacts } from '../model/check-run.js';
import type { EventOf, SessionEvent } from '../model/events.js';
import { TRAILER_FILE_HEADER } from '../model/hook-contract.js';
import { entryIdOf } from '../model/ids.js';
import type { Criterion } from './criteria.js';
import { isOpen, type SessionState } from './fold.js';

/**
 * `always` lines go on every commit; numbered lines only while their seq is above the committed
 * mark. A `record` line (config `trailers: off`) goes on no commit: it says the branch's commits
 * still join the session.
 */
export interface PlannedTrailer {
  seq: number | 'always' | 'record';
  line: string;
}

export interface TrailerPlanOptions {
  /** Carry journal entries (progress, discoveries, next steps) in `Session-Log:` trailers. */
  journal: boolean;
}

const STATUS_EVENTS = new Set(['session.completed', 'session.abandoned', 'session.reopened']);

/** What the pending events say, gathered by kind (items by id, with the seq of their latest change). */
interface Collected {
  info: PlannedTrailer[];
  status: PlannedTrailer | null;
  latest: Map<string, number>;
  reopened: Set<string>;
  journal: PlannedTrailer[];
  checkpoints: PlannedTrailer[];
  /** The note of the latest pause: whoever picks the session up elsewhere reads it (issue 9). */
  pauseNote: PlannedTrailer | null;
  /** Ends forced past unmet criteria. */
  overrides: PlannedTrailer[];
  /** The latest current task, and the parent link (issue 11 point 3). */
  now: PlannedTrailer | null;
  parent: PlannedTrailer | null;
}

const line = (seq: number, item: TrailerItem): PlannedTrailer => ({ seq, line: formatTrailer(item) });

function infoLines(e: EventOf<'session.started'> | EventOf<'session.info'>, seq: number): PlannedTrailer[] {
  const out: PlannedTrailer[] = [];
  if (e.name !== undefined) out.push(line(seq, { kind: 'info', field: 'name', value: e.name }));
  if (e.title !== undefined && e.title !== '') out.push(line(seq, { kind: 'info', field: 'title', value: e.title }));
  if (e.branch !== undefined && e.branch !== '')
    out.push(line(seq, { kind: 'info', field: 'branch', value: e.branch }));
  for (const task of e.tasks ?? []) out.push(line(seq, { kind: 'info', field: 'task', value: task }));
  return out;
}

/** Only the latest lifecycle change matters to a reader of the history. */
function statusLine(e: SessionEvent, seq: number): PlannedTrailer {
  const text = e.type === 'session.completed' ? (e.summary ?? null) : e.type === 'session.abandoned' ? e.reason : null;
  const st = e.type === 'session.completed' ? 'completed' : e.type === 'session.abandoned' ? 'abandoned' : 'reopened';
  return line(seq, { kind: 'status', status: st, text });
}

function collect(c: Collected, e: SessionEvent, seq: number, options: TrailerPlanOptions): void {
  const touch = (id: string) => c.latest.set(id, Math.max(c.latest.get(id) ?? 0, seq));
  switch (e.type) {
    case 'session.started':
    case 'session.info':
      c.info.push(...infoLines(e, seq));
      return;
    case 'objective.reopened':
      c.reopened.add(e.objective);
      touch(e.objective);
      return;
    case 'objective.added':
    case 'objective.started':
    case 'objective.completed':
      touch(e.objective);
      return;
    case 'decision.recorded':
      touch(e.decision);
      return;
    case 'blocker.added':
    case 'blocker.resolved':
      touch(e.blocker);
      return;
    case 'criterion.added':
    case 'criterion.removed':
    case 'criterion.verified':
      touch(e.criterion);
      return;
    case 'criteria.overridden':
      c.overrides.push(line(seq, { kind: 'criteria-override', reason: e.reason, unmet: [...e.unmet] }));
      return;
    case 'journal.added':
      // The entry id makes two identical entries two trailers (git would fold them into one).
      if (options.journal)
        c.journal.push(line(seq, { kind: 'log', entry: e.kind, text: e.text, id: e.entry ?? entryIdOf('log', e.id) }));
      return;
    case 'handoff.noted':
      // Notes for whoever continues, possibly on another clone: always carried.
      c.journal.push(line(seq, { kind: 'handoff', text: e.text, id: e.entry ?? entryIdOf('log', e.id) }));
      return;
    case 'session.paused':
      // Only a note typed for others; a branch switch's own note stays here.
      if (e.shared && e.note) c.pauseNote = line(seq, { kind: 'info', field: 'note', value: e.note });
      return;
    case 'session.now':
      c.now = line(seq, { kind: 'now', text: e.text ?? null });
      return;
    case 'session.spawned':
      c.parent = line(seq, {
        kind: 'parent',
        parent: e.parent,
        task: e.task ?? null,
        agent: e.agent ?? null,
        after: [...(e.after ?? [])],
      });
      return;
    case 'child.spawned':
      touch(`child:${e.child}`);
      return;
    case 'checkpoint.recorded':
      c.checkpoints.push(
        line(seq, {
          kind: 'checkpoint',
          label: e.label,
          note: e.note ?? null,
          phase: e.phase ?? null,
          phaseStatus: e.phaseStatus ?? null,
          id: e.entry ?? entryIdOf('checkpoint', e.id),
        }),
      );
      return;
    default:
      if (STATUS_EVENTS.has(e.type)) c.status = statusLine(e, seq);
  }
}

/** One line per item changed, as the state shows it now, in list order. */
function itemLines(state: SessionState, c: Collected): PlannedTrailer[] {
  const items: PlannedTrailer[] = [];
  for (const o of state.objectives) {
    const seq = c.latest.get(o.id);
    if (seq !== undefined)
      items.push(
        line(seq, { kind: 'objective', id: o.id, status: o.status, text: o.text, reopened: c.reopened.has(o.id) }),
      );
  }
  for (const d of state.decisions) {
    const seq = c.latest.get(d.id);
    if (seq !== undefined)
      items.push(
        line(seq, {
          kind: 'decision',
          id: d.id,
          text: d.text,
          rationale: d.rationale,
          alternatives: d.alternatives,
          supersedes: d.supersedes,
        }),
      );
  }
  for (const b of state.blockers) {
    const seq = c.latest.get(b.id);
    if (seq !== undefined)
      items.push(
        line(seq, { kind: 'blocker', id: b.id, resolved: b.status === 'resolved', text: b.text, note: b.note }),
      );
  }
  for (const [list, removed] of [
    [state.criteria, false],
    [state.removedCriteria, true],
  ] as const)
    for (const k of list) {
      const seq = c.latest.get(k.id);
      if (seq !== undefined) items.push(line(seq, criterionItem(k, removed)));
    }
  for (const k of state.children) {
    const seq = c.latest.get(`child:${k.id}`);
    if (seq !== undefined)
      items.push(
        line(seq, {
          kind: 'child',
          child: k.id,
          name: k.name,
          task: k.task,
          agent: k.agent,
          branch: k.branch,
          after: k.after,
          status: k.status,
          summary: k.summary,
        }),
      );
  }
  return items;
}

/** A criterion's line: its check, and its latest run as the run's own fields (the output stays here). */
function criterionItem(k: Criterion, removed: boolean): TrailerItem {
  const r = k.last;
  return {
    kind: 'criterion',
    id: k.id,
    status: removed ? 'removed' : k.status,
    text: k.text,
    check: k.check,
    run: r ? { manual: r.manual, ...checkRunFacts(r) } : null,
  };
}

export function planTrailers(
  state: SessionState,
  events: readonly SessionEvent[],
  options: TrailerPlanOptions,
): PlannedTrailer[] {
  const pending = events
    .filter((e) => e.session === state.id && e.seq !== undefined && e.seq > state.committedMark)
    .sort((a, b) => a.seq! - b.seq!);
  const c: Collected = {
    info: [],
    status: null,
    latest: new Map(),
    reopened: new Set(),
    journal: [],
    checkpoints: [],
    pauseNote: null,
    overrides: [],
    now: null,
    parent: null,
  };
  for (const e of pending) collect(c, e, e.seq!, options);

  const items: PlannedTrailer[] = [...c.info];
  if (c.parent) items.push(c.parent);
  if (c.now) items.push(c.now);
  if (c.pauseNote) items.push(c.pauseNote);
  items.push(...itemLines(state, c), ...c.journal, ...c.checkpoints, ...c.overrides);
  if (c.status) items.push(c.status);
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
