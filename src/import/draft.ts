// One session being read: every parser fills a draft, which keeps the limits (text size, item
// count), makes the ids, and reports what it refuses with file and line. Items are kept in the order
// the files give them.

import { slugName } from '../core/text.js';
import { utf8Length } from '../model/text.js';
import { IdMaker, importedSessionId, sessionSeed } from './ids.js';
import {
  type ImportedBlocker,
  type ImportedCheckpoint,
  type ImportedCriterion,
  type ImportedDecision,
  type ImportedEntry,
  type ImportedJournalEntry,
  type ImportedObjective,
  type ImportedSession,
  type ImportedStatus,
  type ImportWarning,
  MAX_ITEMS,
  MAX_TEXT_BYTES,
  type SeedFormat,
} from './model.js';

type Where = { file: string; line: number | null };
type ListKey = 'objectives' | 'decisions' | 'discoveries' | 'blockers' | 'criteria' | 'nextSteps' | 'journal';

/** The id maker of each session read, so that a later file of the same session goes on counting. */
const makers = new WeakMap<ImportedSession, IdMaker>();

export class SessionDraft {
  readonly session: ImportedSession;
  readonly ids: IdMaker;
  private readonly full = new Set<string>();
  /** The first item of each kind, scope and text, for merging what another file repeats (no scan per item). */
  private readonly index = new Map<string, unknown>();

  private indexed<T>(kind: string, scope: string, text: string): T | undefined {
    return this.index.get(`${kind}\u0000${scope}\u0000${text.replace(/\s+/g, ' ')}`) as T | undefined;
  }

  private remember(kind: string, scope: string, text: string, item: unknown): void {
    const k = `${kind}\u0000${scope}\u0000${text.replace(/\s+/g, ' ')}`;
    if (!this.index.has(k)) this.index.set(k, item);
  }

  /** Go on filling a session read earlier (another file of it). */
  static resume(session: ImportedSession, warnings: ImportWarning[]): SessionDraft {
    const draft = new SessionDraft(session.format, session.key, null, warnings, session);
    return draft;
  }

  constructor(
    format: SeedFormat,
    key: string,
    /** The time the identity carries (see ids.ts importedSessionId). */
    identityMs: number | null,
    readonly warnings: ImportWarning[],
    existing?: ImportedSession,
  ) {
    const known = existing ? makers.get(existing) : undefined;
    this.ids = known ?? new IdMaker(sessionSeed(format, key));
    if (existing) {
      this.session = existing;
      return;
    }
    this.session = {
      sessionId: importedSessionId(format, key, identityMs),
      format,
      key,
      sources: [],
      title: key,
      name: slugName(key),
      status: 'active',
      statusText: null,
      branch: null,
      created: null,
      updated: null,
      ended: null,
      compactions: null,
      tasks: [],
      summary: null,
      abandonReason: null,
      pauseNote: null,
      currentTask: null,
      context: null,
      handoff: null,
      objectives: [],
      decisions: [],
      discoveries: [],
      blockers: [],
      criteria: [],
      nextSteps: [],
      journal: [],
      checkpoints: [],
      phases: [],
      currentPhase: null,
      currentStage: null,
      agents: [],
      waves: [],
      notes: [],
    };
    makers.set(this.session, this.ids);
  }

  source(path: string): void {
    if (!this.session.sources.includes(path)) this.session.sources.push(path);
  }

  warn(where: Where, message: string): void {
    this.warnings.push({ file: where.file, line: where.line, message });
  }

  /**
   * A text the model may keep: trimmed, not blank, within MAX_TEXT_BYTES. A longer one is refused
   * with a warning rather than cut (the file keeps it whole).
   */
  text(where: Where, what: string, value: string | null | undefined): string | null {
    if (typeof value !== 'string') return null;
    const t = value.trim();
    if (t === '') return null;
    const bytes = utf8Length(t);
    if (bytes > MAX_TEXT_BYTES) {
      this.warn(
        where,
        `${what} is ${bytes} bytes, over the ${MAX_TEXT_BYTES / 1024} KiB limit of a text: not imported`,
      );
      return null;
    }
    return t;
  }

  /** Room for one more item in a list, else one warning for that list. */
  private room(where: Where, list: ListKey | 'checkpoints' | 'notes' | 'agents' | 'waves' | 'phases'): boolean {
    const n = (this.session[list] as unknown[]).length;
    if (n < MAX_ITEMS) return true;
    if (!this.full.has(list)) {
      this.full.add(list);
      this.warn(where, `more than ${MAX_ITEMS} ${list} in one session: the rest were not imported`);
    }
    return false;
  }

  setTitle(where: Where, title: string | null | undefined): void {
    const t = this.text(where, 'the title', title?.replace(/\s+/g, ' '));
    if (t) this.session.title = t.length > 200 ? `${t.slice(0, 199)}…` : t;
  }

  setStatus(status: ImportedStatus, text: string | null): void {
    this.session.status = status;
    this.session.statusText = text;
  }

  objective(
    where: Where,
    text: string,
    status: ImportedObjective['status'],
    extra: Partial<Pick<ImportedObjective, 'at' | 'ref' | 'phase' | 'wave'>> & { dedupe?: boolean } = {},
  ): ImportedObjective | null {
    const t = this.text(where, 'an objective', text);
    if (!t) return null;
    const phase = extra.phase ?? null;
    const wave = extra.wave ?? null;
    const scope = phase !== null ? `phase ${phase}` : wave !== null ? `wave ${wave}` : '';
    if (extra.dedupe) {
      // The same objective listed by another file of the session: the further state wins.
      const same = this.indexed<ImportedObjective>('objective', scope, t);
      if (same) {
        const rank = { open: 0, 'in-progress': 1, done: 2 } as const;
        if (rank[status] > rank[same.status]) same.status = status;
        same.at ??= extra.at ?? null;
        return same;
      }
    }
    if (!this.room(where, 'objectives')) return null;
    const o: ImportedObjective = {
      id: this.ids.make('objective', t, scope),
      text: t,
      status,
      at: extra.at ?? null,
      ref: extra.ref ?? null,
      phase,
      wave,
      ...where,
    };
    this.session.objectives.push(o);
    this.remember('objective', scope, t, o);
    return o;
  }

  /** A decision; one with the same text as one already read (another file of the session) fills its gaps instead. */
  decision(where: Where, d: Omit<ImportedDecision, 'id' | 'file' | 'line'>): ImportedDecision | null {
    const text = this.text(where, 'a decision', d.text);
    if (!text) return null;
    const same = this.indexed<ImportedDecision>('decision', '', text);
    const rationale = this.text(where, 'a rationale', d.rationale);
    const alternatives = this.text(where, 'the alternatives', d.alternatives);
    const context = this.text(where, 'the context of a decision', d.context);
    const title = this.text(where, 'a decision title', d.title);
    if (same) {
      same.rationale ??= rationale;
      same.alternatives ??= alternatives;
      same.context ??= context;
      same.title ??= title;
      same.at ??= d.at;
      return same;
    }
    if (!this.room(where, 'decisions')) return null;
    const out: ImportedDecision = {
      id: this.ids.make('decision', text),
      text,
      title,
      rationale,
      alternatives,
      context,
      at: d.at,
      ...where,
    };
    this.session.decisions.push(out);
    this.remember('decision', '', text, out);
    return out;
  }

  entry(
    where: Where,
    list: 'discoveries' | 'nextSteps',
    text: string,
    extra: { at?: string | null; title?: string | null; scope?: string } = {},
  ): ImportedEntry | null {
    const t = this.text(where, list === 'discoveries' ? 'a discovery' : 'a next step', text);
    if (!t) return null;
    // The same entry in another file of the session (a handoff repeating the next steps) is one entry.
    const same = this.indexed<ImportedEntry>(list, extra.scope ?? '', t);
    if (same && same.file !== where.file) return same;
    if (!this.room(where, list)) return null;
    const e: ImportedEntry = {
      id: this.ids.make('entry', t, `${list}${extra.scope ?? ''}`),
      text: t,
      at: extra.at ?? null,
      title: extra.title ?? null,
      ...where,
    };
    this.session[list].push(e);
    this.remember(list, extra.scope ?? '', t, e);
    return e;
  }

  blocker(
    where: Where,
    text: string,
    status: ImportedBlocker['status'],
    extra: Partial<Pick<ImportedBlocker, 'resolution' | 'at' | 'phase'>> = {},
  ): ImportedBlocker | null {
    const t = this.text(where, 'a blocker', text);
    if (!t) return null;
    const same = this.indexed<ImportedBlocker>('blocker', `${extra.phase ?? ''}`, t);
    if (same) {
      if (status === 'resolved') same.status = 'resolved';
      same.resolution ??= extra.resolution ?? null;
      return same;
    }
    if (!this.room(where, 'blockers')) return null;
    const phase = extra.phase ?? null;
    const b: ImportedBlocker = {
      id: this.ids.make('blocker', t, phase === null ? '' : `phase ${phase}`),
      text: t,
      status,
      resolution: this.text(where, 'a resolution', extra.resolution),
      at: extra.at ?? null,
      phase,
      ...where,
    };
    this.session.blockers.push(b);
    this.remember('blocker', `${phase ?? ''}`, t, b);
    return b;
  }

  criterion(where: Where, text: string, checked: boolean, phase: number | null = null): ImportedCriterion | null {
    const t = this.text(where, 'a criterion', text);
    if (!t || !this.room(where, 'criteria')) return null;
    const c: ImportedCriterion = {
      id: this.ids.make('criterion', t, phase === null ? '' : `phase ${phase}`),
      text: t,
      checked,
      phase,
      ...where,
    };
    this.session.criteria.push(c);
    return c;
  }

  journal(
    where: Where,
    kind: ImportedJournalEntry['kind'],
    text: string,
    extra: { at?: string | null; author?: string | null; title?: string | null } = {},
  ): ImportedJournalEntry | null {
    const t = this.text(where, 'a journal entry', text) ?? this.text(where, 'a journal entry', extra.title);
    if (!t || !this.room(where, 'journal')) return null;
    const e: ImportedJournalEntry = {
      id: this.ids.make('entry', `${extra.at ?? ''} ${extra.title ?? ''} ${t}`, `journal ${where.file}`),
      kind,
      at: extra.at ?? null,
      author: extra.author ?? null,
      title: extra.title ?? null,
      text: t,
      ...where,
    };
    this.session.journal.push(e);
    return e;
  }

  checkpoint(where: Where, c: Omit<ImportedCheckpoint, 'id' | 'file' | 'line'>): ImportedCheckpoint | null {
    if (c.commit && this.indexed('checkpoint', '', c.commit)) return null;
    const label = this.text(where, 'a checkpoint label', c.label);
    if (!label || !this.room(where, 'checkpoints')) return null;
    const out: ImportedCheckpoint = {
      ...c,
      label,
      note: this.text(where, 'a checkpoint note', c.note),
      id: this.ids.make('checkpoint', `${label} ${c.commit ?? ''} ${c.at ?? ''}`),
      ...where,
    };
    this.session.checkpoints.push(out);
    if (c.commit) this.remember('checkpoint', '', c.commit, out);
    return out;
  }

  note(where: Where, heading: string, text: string): void {
    const t = this.text(where, `the section '${heading.slice(0, 60)}'`, text);
    if (!t || !this.room(where, 'notes')) return;
    this.session.notes.push({ id: this.ids.make('note', t, heading), heading, text: t, ...where });
  }

  /** Link to a task or issue key (deduplicated, bounded). */
  task(where: Where, key: string | null): void {
    const t = this.text(where, 'a task id', key);
    if (!t || this.session.tasks.includes(t)) return;
    if (t.length > 200 || /[\r\n]/.test(t)) {
      this.warn(where, 'a task id longer than a line: kept as a note');
      this.note(where, 'tasks', t);
      return;
    }
    if (this.session.tasks.length < MAX_ITEMS) this.session.tasks.push(t);
  }

  /**
   * The branch the file names, when it could be one: git's rules are checked again by whoever uses
   * it (git check-ref-format); what is plainly no branch name is reported and left out here.
   */
  branch(where: Where, value: string | null | undefined): void {
    if (typeof value !== 'string' || value.trim() === '') return;
    const b = value.trim();
    if (
      b.length > 200 ||
      b.startsWith('-') ||
      b.startsWith('/') ||
      b.endsWith('/') ||
      b.includes('..') ||
      b.includes('//') ||
      b.includes('@{') ||
      /[\x00-\x20\x7f~^:?*[\\]/.test(b) ||
      b.split('/').some((p) => p.startsWith('.') || p.endsWith('.lock'))
    ) {
      this.warn(where, `${JSON.stringify(b.slice(0, 80))} is not a branch name git accepts: no branch imported`);
      return;
    }
    this.session.branch = b;
  }
}

/** Sessions in a stable order: by key. */
export const byKey = (a: ImportedSession, b: ImportedSession) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
