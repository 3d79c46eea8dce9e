// Rebuilding sessions from history: one commit's trailer block (as git's own parser read it)
// becomes events. Ids are derived from the commit, so reading the same commit twice yields the
// same events and a union with earlier imports changes nothing.

import { parseTrailerLines, type TrailerItem } from '../codec/trailers.js';
import type { EventPayload, SessionEvent } from './events.js';

export interface HistoryCommit {
  sha: string;
  /**
   * Committer time (seconds): when this commit object was made. Events take this time: with the
   * walk position it orders trailer deltas as the history presents them, also after a rebase.
   */
  commitTime: number;
  authorEmail: string;
  /** `Key: value` lines of our keys, unfolded, in block order. */
  trailers: string[];
}

export interface ImportResult {
  events: SessionEvent[];
  /** Lines with one of our keys that did not parse (hand-written or damaged). */
  rejected: string[];
  sessions: string[];
}

/** A short stable digest (FNV-1a, 64 bits as two 32-bit halves) of a journal entry. */
function contentKey(kind: string, text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = `${kind}\u0000${text}`;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function itemEvents(item: TrailerItem, sha: string): EventPayload[] {
  switch (item.kind) {
    case 'session':
      return [];
    case 'info':
      return [
        item.field === 'task'
          ? { type: 'session.info', tasks: [item.value] }
          : { type: 'session.info', [item.field]: item.value },
      ];
    case 'status':
      if (item.status === 'completed')
        return [{ type: 'session.completed', ...(item.text !== null ? { summary: item.text } : {}) }];
      if (item.status === 'abandoned') return [{ type: 'session.abandoned', reason: item.text ?? '' }];
      return [{ type: 'session.reopened' }];
    case 'objective': {
      // `[ ]` says the objective exists; only an explicit `reopened: yes` moves one back to open.
      const out: EventPayload[] = [{ type: 'objective.added', objective: item.id, text: item.text }];
      if (item.reopened) out.push({ type: 'objective.reopened', objective: item.id });
      if (item.status === 'in-progress') out.push({ type: 'objective.started', objective: item.id });
      if (item.status === 'done') out.push({ type: 'objective.completed', objective: item.id });
      return out;
    }
    case 'decision':
      return [
        {
          type: 'decision.recorded',
          decision: item.id,
          text: item.text,
          ...(item.rationale !== null ? { rationale: item.rationale } : {}),
          ...(item.alternatives !== null ? { alternatives: item.alternatives } : {}),
        },
      ];
    case 'blocker':
      return [
        { type: 'blocker.added', blocker: item.id, text: item.text },
        ...(item.resolved
          ? [
              {
                type: 'blocker.resolved',
                blocker: item.id,
                ...(item.note !== null ? { note: item.note } : {}),
              } as EventPayload,
            ]
          : []),
      ];
    case 'log':
      return [{ type: 'journal.added', kind: item.entry, text: item.text }];
    case 'handoff':
      return [{ type: 'handoff.noted', text: item.text }];
    case 'checkpoint':
      return [
        {
          type: 'checkpoint.recorded',
          label: item.label,
          commit: sha,
          ...(item.note !== null ? { note: item.note } : {}),
          ...(item.phase !== null ? { phase: item.phase } : {}),
          ...(item.phaseStatus !== null ? { phaseStatus: item.phaseStatus } : {}),
        },
      ];
  }
}

/**
 * Events of one commit. Items belong to the `Session:` line before them (a squash commit carries
 * several sessions, each followed by its own items); items before any Session line are ignored.
 */
export function importCommit(c: HistoryCommit, position = 0): ImportResult {
  const { items, rejected } = parseTrailerLines(c.trailers.join('\n'));
  const events: SessionEvent[] = [];
  const sessions: string[] = [];
  let session: string | null = null;
  let n = 0;
  for (const item of items) {
    if (item.kind === 'session') {
      session = item.session;
      if (!sessions.includes(session)) {
        sessions.push(session);
        events.push({
          v: 1,
          id: `git:${c.sha}:${session}`,
          at: iso(c.commitTime),
          order: -position * 10_000,
          author: c.authorEmail,
          session,
          origin: c.sha,
          type: 'commit.recorded',
          sha: c.sha,
        });
      }
      continue;
    }
    if (session === null) continue;
    for (const payload of itemEvents(item, c.sha)) {
      const index = n++;
      events.push({
        v: 1,
        // A journal entry is identified by its content: the same entry re-carried by a squash
        // commit or after an amend is one entry, not two.
        id:
          payload.type === 'journal.added'
            ? `git:log:${session}:${contentKey(payload.kind, payload.text)}`
            : payload.type === 'handoff.noted'
              ? `git:log:${session}:${contentKey('handoff', payload.text)}`
              : `git:${c.sha}:${String(index).padStart(4, '0')}`,
        at: iso(c.commitTime),
        // Same-second commits: older ones (later in the walk) first; in a commit, block order.
        order: -position * 10_000 + Math.min(index, 9_999),
        author: c.authorEmail,
        session,
        origin: c.sha,
        ...payload,
      } as SessionEvent);
    }
  }
  return { events, rejected, sessions };
}
