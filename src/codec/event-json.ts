// One event per journal line, as JSON (docs/storage.md). Reading is strict about what the fold
// relies on and lenient about the rest: unknown event types of a newer version are kept.

import { CHILD_STATUSES, JOURNAL_KINDS, MAX_CLOCK, type SessionEvent } from '../model/events.js';
import { isSessionId } from '../model/ids.js';

type FieldKind = 'string' | 'string?' | 'strings' | 'strings?' | 'number?' | 'boolean?';

const PAYLOADS: Record<string, Record<string, FieldKind>> = {
  'session.started': { name: 'string', title: 'string', branch: 'string', tasks: 'strings' },
  'session.info': { name: 'string?', title: 'string?', branch: 'string?', tasks: 'strings?', pauseNote: 'string?' },
  'session.paused': { note: 'string?', shared: 'boolean?', machine: 'string?' },
  'session.resumed': { machine: 'string?' },
  'session.completed': { summary: 'string?' },
  'session.abandoned': { reason: 'string' },
  'session.reopened': {},
  'objective.added': { objective: 'string', text: 'string' },
  'objective.started': { objective: 'string', text: 'string?' },
  'objective.completed': { objective: 'string', text: 'string?' },
  'objective.reopened': { objective: 'string', text: 'string?' },
  'decision.recorded': {
    decision: 'string',
    text: 'string',
    rationale: 'string?',
    alternatives: 'string?',
    supersedes: 'string?',
  },
  'blocker.added': { blocker: 'string', text: 'string' },
  'blocker.resolved': { blocker: 'string', note: 'string?', text: 'string?' },
  'journal.added': { kind: 'string', text: 'string', entry: 'string?' },
  'checkpoint.recorded': {
    label: 'string',
    note: 'string?',
    commit: 'string?',
    phase: 'string?',
    phaseStatus: 'string?',
    entry: 'string?',
  },
  'handoff.noted': { text: 'string', entry: 'string?' },
  'handoff.written': { path: 'string' },
  'agent.compacted': {},
  'commit.recorded': { sha: 'string', mark: 'number?', base: 'number?' },
  'session.now': { text: 'string?' },
  'session.spawned': { parent: 'string', task: 'string?', agent: 'string?', after: 'strings?' },
  'child.spawned': {
    child: 'string',
    name: 'string',
    task: 'string',
    agent: 'string?',
    branch: 'string?',
    after: 'strings?',
    status: 'string?',
    summary: 'string?',
  },
};

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function checkField(value: unknown, kind: FieldKind): boolean {
  if (value === undefined) return kind.endsWith('?');
  switch (kind) {
    case 'string':
    case 'string?':
      return typeof value === 'string';
    case 'strings':
    case 'strings?':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number?':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean?':
      return typeof value === 'boolean';
  }
}

/** Normalise times to the one sortable form the fold compares as strings. */
export function normaliseTime(at: string): string {
  // Already canonical (what every writer here produces): no Date round trip.
  if (at.length === 24 && at.charCodeAt(19) === 46 && at.charCodeAt(23) === 90) return at;
  return new Date(at).toISOString();
}

export type ParsedLine = { ok: true; event: SessionEvent } | { ok: false; reason: string };

export function parseEventLine(line: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `not JSON (${(e as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const o = raw as Record<string, unknown>;
  if (o.v !== 1) return { ok: false, reason: `unsupported format version ${JSON.stringify(o.v)}` };
  for (const f of ['id', 'type', 'at', 'author', 'session'] as const)
    if (typeof o[f] !== 'string') return { ok: false, reason: `missing "${f}"` };
  if (!ISO_RE.test(o.at as string) || Number.isNaN(Date.parse(o.at as string)))
    return { ok: false, reason: `bad time ${JSON.stringify(o.at)}` };
  if (!isSessionId(o.session as string)) return { ok: false, reason: 'bad session id' };
  if (o.seq !== undefined && !(typeof o.seq === 'number' && Number.isInteger(o.seq) && o.seq > 0))
    return { ok: false, reason: 'bad seq' };
  if (o.lc !== undefined && !(typeof o.lc === 'number' && Number.isInteger(o.lc) && o.lc > 0 && o.lc <= MAX_CLOCK))
    return { ok: false, reason: 'bad lc' };
  // The order among events of one clock is derived where they are read (core/clock.ts), never stored.
  delete o.order;
  const schema = PAYLOADS[o.type as string];
  if (schema) {
    for (const [field, kind] of Object.entries(schema))
      if (!checkField(o[field], kind)) return { ok: false, reason: `${o.type}: bad "${field}"` };
    if (o.type === 'journal.added' && !JOURNAL_KINDS.includes(o.kind as never))
      return { ok: false, reason: `journal.added: bad kind ${JSON.stringify(o.kind)}` };
    if (o.type === 'child.spawned' && o.status !== undefined && !CHILD_STATUSES.includes(o.status as never))
      return { ok: false, reason: `child.spawned: bad status ${JSON.stringify(o.status)}` };
  }
  o.at = normaliseTime(o.at as string);
  return { ok: true, event: o as unknown as SessionEvent };
}

export function serialiseEvent(e: SessionEvent): string {
  return JSON.stringify(e);
}
