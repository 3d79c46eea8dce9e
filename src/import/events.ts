// What one imported session (model.ts) adds to git-session: the events, each with an id made from
// the session, the thing it is about (an item id, the lifecycle, the current task…), the state the
// file gives it, and how many import events that thing had before. So a second import of the same
// files makes the very events the first one made — all of them already in the journal, nothing is
// appended — and a file that changed adds only what changed in it. A change made with git-session
// since is never undone by a file that did not change: the file's state applies only when it
// differs from what the last import of it applied. Pure: the app layer appends the events.

import type { SessionState } from '../core/fold.js';
import { slugName, uniqueName } from '../core/text.js';
import type { EventPayload } from '../model/events.js';
import { digest, IdMaker, sessionSeed } from './ids.js';
import type { ImportedObjective, ImportedSession } from './model.js';

/** An event to append as it is: its id and time come from the file. */
export type ImportEvent = EventPayload & { id: string; at: string };

export const IMPORT_ID_PREFIX = 'import:';

/** `import:<session>:<subject>:<state>:<n>`: what it says, and the how-manieth import event of its subject. */
export function importEventId(session: string, subject: string, state: string, n: number): string {
  return `${IMPORT_ID_PREFIX}${session}:${subject}:${state}:${n}`;
}

/** What earlier imports applied: per subject, the last state and how many events it had. */
export type Applied = Map<string, { state: string; n: number }>;

/** Read back from the journal: the ids of the import events of `session`, in journal order. */
export function appliedOf(session: string, ids: Iterable<string>): Applied {
  const prefix = `${IMPORT_ID_PREFIX}${session}:`;
  const out: Applied = new Map();
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    const last = rest.lastIndexOf(':');
    const mid = rest.lastIndexOf(':', last - 1);
    if (mid <= 0) continue;
    const subject = rest.slice(0, mid);
    // `<n>` or `<n>.<i>`: the i-th event of one state change.
    const n = Number.parseInt(rest.slice(last + 1), 10);
    if (!Number.isInteger(n)) continue;
    const prev = out.get(subject);
    out.set(subject, { state: rest.slice(mid + 1, last), n: Math.max(n + 1, prev?.n ?? 0) });
  }
  return out;
}

/** A short, stable digest of a text, for a state that is a text (a summary, the current task). */
const hashOf = (...parts: string[]) =>
  digest(parts)
    .slice(0, 2)
    .map((x) => x.toString(36))
    .join('');

export interface ImportContext {
  /** The session as it is now (journal and history), or null for a new one. */
  current: SessionState | null;
  /** What earlier imports of it applied (appliedOf the journal's ids). */
  applied: Applied;
  /** Names other sessions have. */
  taken: ReadonlySet<string>;
  /** The branch to link, already checked (a name git accepts); '' for none. */
  branch: string;
  /** When the import runs: the time of what the file does not date. */
  now: string;
}

/** Builds the events of one session: each subject's next state, once. */
class Batch {
  readonly events: ImportEvent[] = [];
  /** When what the file does not date happened: its last update. */
  at = '';
  constructor(
    private readonly s: ImportedSession,
    private readonly c: ImportContext,
  ) {}

  /** Append `payload` as the next state of `subject`, unless the last import applied that state already. */
  state(subject: string, state: string, at: string, payloads: EventPayload[]): boolean {
    const last = this.c.applied.get(subject);
    if (last?.state === state) return false;
    const n = last?.n ?? 0;
    for (const [i, p] of payloads.entries())
      this.events.push({
        ...p,
        id: importEventId(this.s.sessionId, subject, state, n) + (i > 0 ? `.${i}` : ''),
        at,
      } as ImportEvent);
    this.c.applied.set(subject, { state, n: n + 1 });
    return true;
  }

  get fresh(): boolean {
    return this.c.current === null;
  }
}

const STATUS_EVENT: Record<ImportedObjective['status'], EventPayload['type'] | null> = {
  open: null,
  'in-progress': 'objective.started',
  done: 'objective.completed',
};

function objectives(b: Batch, s: ImportedSession, c: ImportContext, t: Times): void {
  for (const o of s.objectives) {
    const known = c.current?.objectives.find((x) => x.id === o.id);
    const at = o.at ?? t.created;
    if (!known && !c.applied.has(o.id)) {
      const move = STATUS_EVENT[o.status];
      b.state(o.id, o.status, at, [
        { type: 'objective.added', objective: o.id, text: o.text },
        ...(move ? [{ type: move, objective: o.id } as EventPayload] : []),
      ]);
      continue;
    }
    // Known already: the file's state when it changed since the last import (or differs from a
    // session this clone has only from history).
    if (!c.applied.has(o.id) && known?.status === o.status) continue;
    const move: EventPayload['type'] =
      o.status === 'open' ? 'objective.reopened' : (STATUS_EVENT[o.status] as EventPayload['type']);
    b.state(o.id, o.status, o.status === 'done' ? (o.at ?? t.updated) : t.updated, [
      { type: move, objective: o.id } as EventPayload,
    ]);
  }
}

function decisionsAndBlockers(b: Batch, s: ImportedSession, c: ImportContext, t: Times): void {
  for (const d of s.decisions) {
    if (c.current?.decisions.some((x) => x.id === d.id)) continue;
    // The heading goes first unless the decision already says it (`PKCE` / `Using PKCE flow…`).
    const text = d.title && !d.text.toLowerCase().includes(d.title.toLowerCase()) ? `${d.title}: ${d.text}` : d.text;
    // The event has no field for why a decision was needed: it goes with the rationale.
    const rationale = [d.rationale, d.context ? `Context: ${d.context}` : null].filter((x) => x !== null).join('\n\n');
    b.state(d.id, 'added', d.at ?? t.created, [
      {
        type: 'decision.recorded',
        decision: d.id,
        text,
        ...(rationale !== '' ? { rationale } : {}),
        ...(d.alternatives ? { alternatives: d.alternatives } : {}),
      },
    ]);
  }
  for (const k of s.blockers) {
    const known = c.current?.blockers.find((x) => x.id === k.id);
    const at = k.at ?? t.created;
    const resolve: EventPayload = {
      type: 'blocker.resolved',
      blocker: k.id,
      ...(k.resolution ? { note: k.resolution } : {}),
    };
    if (!known && !c.applied.has(k.id))
      b.state(k.id, k.status, at, [
        { type: 'blocker.added', blocker: k.id, text: k.text },
        ...(k.status === 'resolved' ? [resolve] : []),
      ]);
    // git-session has no way to open a resolved blocker again: only a resolution is applied.
    else if (k.status === 'resolved' && known?.status !== 'resolved') b.state(k.id, 'resolved', t.updated, [resolve]);
  }
}

/** A dated text of the file: a journal entry whose entry id is the file's, so the fold and the trailers know it. */
function entry(
  b: Batch,
  c: ImportContext,
  id: string,
  kind: 'progress' | 'discovery' | 'next',
  text: string,
  at: string,
) {
  if (c.current?.log.some((e) => e.id === id)) return;
  b.state(id, 'added', at, [{ type: 'journal.added', kind, text, entry: id }]);
}

const titled = (title: string | null | undefined, text: string) => (title ? `${title}: ${text}` : text);

/** Stays a journal note: what git-session has no event for yet (criteria, phases, waves), and the file's other sections. */
function notes(b: Batch, s: ImportedSession, c: ImportContext, t: Times, ids: IdMaker): void {
  const note = (scope: string, text: string, at = t.created) =>
    entry(b, c, ids.make('entry', text, scope), 'progress', text, at);
  if (s.context) note('import:context', `Context: ${s.context}`);
  for (const cr of s.criteria)
    note(
      `import:${cr.id}`,
      `Acceptance criterion${cr.phase !== null ? ` (phase ${cr.phase})` : ''} [${cr.checked ? 'x' : ' '}] ${cr.text}`,
    );
  for (const p of s.phases) {
    const facts = [
      `Phase ${p.number}: ${p.name} [${p.status}]`,
      p.number === s.currentPhase ? `current${s.currentStage ? `, stage ${s.currentStage}` : ''}` : null,
      p.stage && p.number !== s.currentPhase ? `stage ${p.stage}` : null,
      p.type ? `type ${p.type}` : null,
      p.started ? `started ${p.started.slice(0, 10)}` : null,
      p.completed ? `completed ${p.completed.slice(0, 10)}` : null,
      p.checkpoint ? `checkpoint ${p.checkpoint}` : null,
      p.spec ? `spec ${p.spec}` : null,
      p.summary ? `summary: ${p.summary}` : null,
      p.nextAction ? `next action: ${p.nextAction}` : null,
      p.keyFiles ? `key files: ${p.keyFiles}` : null,
      p.knownIssues ? `known issues: ${p.knownIssues}` : null,
      p.currentIssue ? `current issue: ${p.currentIssue}` : null,
    ].filter((x) => x !== null);
    note(`import:phase:${p.number}`, facts.join('; '));
  }
  for (const w of s.waves) {
    const items = s.objectives
      .filter((o) => o.wave === w.number)
      .map((o) => o.ref ?? o.text.split('\n')[0]!.slice(0, 60));
    const state = w.stateText ?? w.state;
    note(
      `import:${w.id}`,
      `Wave ${w.number}: ${w.name}${state ? ` (${state})` : ''}${items.length > 0 ? `: ${items.join(', ')}` : ''}`,
    );
  }
  for (const n of s.notes) note(`import:${n.id}`, `${n.heading}: ${n.text}`);
}

function journal(b: Batch, s: ImportedSession, c: ImportContext, t: Times, ids: IdMaker): void {
  for (const d of s.discoveries) entry(b, c, d.id, 'discovery', titled(d.title, d.text), d.at ?? t.created);
  for (const n of s.nextSteps) entry(b, c, n.id, 'next', titled(n.title, n.text), n.at ?? t.updated);
  for (const j of s.journal) entry(b, c, j.id, 'progress', titled(j.title ?? j.author, j.text), j.at ?? t.created);
  for (const k of s.checkpoints) {
    if (c.current?.checkpoints.some((x) => x.id === k.id)) continue;
    b.state(k.id, 'added', k.at ?? t.updated, [
      {
        type: 'checkpoint.recorded',
        label: k.label,
        entry: k.id,
        ...(k.note ? { note: k.note } : {}),
        ...(k.commit ? { commit: k.commit } : {}),
        ...(k.phase !== null ? { phase: String(k.phase) } : {}),
        ...(k.phaseStatus ? { phaseStatus: k.phaseStatus } : {}),
      },
    ]);
  }
  if (s.handoff) {
    const id = ids.make('entry', s.handoff, 'import:handoff');
    // A clone has it from the commit that carried it (a handoff note keeps no id in the state: its text).
    const known = c.current?.handoffNotes.some((n) => n.text === s.handoff);
    if (!c.applied.has(id) && !known)
      b.state(id, 'added', t.updated, [{ type: 'handoff.noted', text: s.handoff, entry: id }]);
  }
}

function agents(b: Batch, s: ImportedSession, c: ImportContext): void {
  const names = new Set<string>();
  for (const a of s.agents) {
    const name = uniqueName(slugOf(a.agent), names);
    names.add(name);
    const status = a.status === 'in-progress' ? 'active' : a.status;
    // Known here from history already, as the file says it.
    const known = c.current?.children.find((k) => k.id === a.id);
    if (!c.applied.has(a.id) && known && known.status === (status ?? null) && known.summary === (a.summary ?? null))
      continue;
    b.state(a.id, hashOf(status ?? '', a.summary ?? ''), b.at, [
      {
        type: 'child.spawned',
        child: a.id,
        name,
        task: a.task,
        agent: a.agent,
        ...(status ? { status } : {}),
        ...(a.summary ? { summary: a.summary } : {}),
      },
    ]);
  }
}

/** A name from an agent kind (`Backend Dev` → `backend-dev`; `agent` when nothing is left). */
function slugOf(text: string): string {
  const slug = slugName(text);
  return slug === 'session' && !/session/i.test(text) ? 'agent' : slug;
}

/** The lifecycle last: paused (nobody works on an imported session here yet), or ended. */
function lifecycle(b: Batch, s: ImportedSession, c: ImportContext, t: Times): void {
  const state = s.status === 'paused' ? `paused-${hashOf(s.pauseNote ?? '')}` : s.status;
  const last = c.applied.get('status')?.state;
  if (last === state) return;
  // Never imported here, and history already says it (a clone of a repository whose session was imported).
  const cur = c.current;
  if (last === undefined && cur && cur.status === s.status && (s.status !== 'paused' || cur.pauseNote === s.pauseNote))
    return;
  const events: EventPayload[] = [];
  const ended = (x: string | undefined) => x === 'completed' || x === 'abandoned';
  if (ended(last) && !ended(s.status)) events.push({ type: 'session.reopened' });
  if (s.status === 'completed')
    events.push({ type: 'session.completed', ...(s.summary ? { summary: s.summary } : {}) });
  else if (s.status === 'abandoned') events.push({ type: 'session.abandoned', reason: s.abandonReason ?? 'abandoned' });
  else if (s.status === 'paused' && s.pauseNote)
    events.push({ type: 'session.paused', note: s.pauseNote, shared: true });
  // An active one stays paused: nobody works on it here until someone resumes it.
  if (events.length === 0 && last === undefined) return;
  b.state('status', state, ended(s.status) ? (s.ended ?? t.updated) : t.updated, events);
}

interface Times {
  created: string;
  updated: string;
}

/** Every event the import of `s` adds, in the order to append them (their clocks follow it). */
export function importEvents(s: ImportedSession, c: ImportContext): ImportEvent[] {
  const b = new Batch(s, c);
  const created = s.created ?? s.updated ?? c.now;
  const t: Times = { created, updated: s.updated ?? s.ended ?? created };
  b.at = t.updated;
  const ids = new IdMaker(sessionSeed(s.format, s.key));
  if (!c.current)
    b.state('session', 'started', created, [
      {
        type: 'session.started',
        name: uniqueName(s.name, c.taken),
        title: s.title,
        branch: c.branch,
        tasks: [...new Set(s.tasks)],
      },
    ]);
  // Paused at once: the time it was worked on is not known, so none is counted as active.
  if (!c.current)
    b.state('import', 'paused', created, [{ type: 'session.paused', note: `imported from ${s.sources[0] ?? s.key}` }]);
  objectives(b, s, c, t);
  decisionsAndBlockers(b, s, c, t);
  journal(b, s, c, t, ids);
  notes(b, s, c, t, ids);
  agents(b, s, c);
  const now = s.currentTask;
  const nowKnown = !c.applied.has('now') && c.current !== null && c.current.currentTask === now;
  if ((now !== null || c.applied.has('now')) && !nowKnown)
    b.state('now', hashOf(now ?? ''), t.updated, [{ type: 'session.now', ...(now !== null ? { text: now } : {}) }]);
  if (s.compactions !== null) {
    // What the last import applied; for a session known here only from history, what it holds.
    const last = c.applied.get('compactions');
    const had = last ? Number(last.state) : (c.current?.compactions ?? 0);
    const more = Math.min(Math.max(0, s.compactions - had), 1000);
    if (more > 0)
      b.state(
        'compactions',
        String(had + more),
        t.updated,
        Array.from({ length: more }, () => ({ type: 'agent.compacted' }) as EventPayload),
      );
  }
  lifecycle(b, s, c, t);
  return b.events;
}
