// `git session view [SESSION] [--progress] [--decisions] …`: seed 003's /session-view. A session
// whole (as show), or only the sections asked for, each in full.

import type { Context } from '../app/context.js';
import { resolveSession, targetSession } from '../app/sessions.js';
import { viewOf } from '../app/view.js';
import { sessionText, VIEW_SECTIONS, type ViewSection } from '../render/session-text.js';
import type { SessionView } from '../render/views.js';
import type { Io, Output } from './output.js';

export { VIEW_SECTIONS };

/** The keys of the JSON view each section keeps (the identity of the session is always kept). */
const JSON_KEYS: Record<ViewSection, (keyof SessionView)[]> = {
  objectives: ['objectives'],
  progress: ['objectives', 'progress', 'log'],
  decisions: ['decisions'],
  blockers: ['blockers'],
  discoveries: ['log'],
  journal: ['log'],
  next: ['next', 'handoffNotes'],
  checkpoints: ['checkpoints'],
  commits: ['commits'],
};

const LOG_KINDS: Partial<Record<ViewSection, string[]>> = {
  progress: ['progress', 'done'],
  discoveries: ['discovery'],
  journal: ['progress', 'discovery', 'next', 'done'],
};

export async function view(
  ctx: Context,
  io: Io,
  ref: string | undefined,
  sections: readonly ViewSection[],
): Promise<Output> {
  const loaded = ref === undefined ? targetSession(ctx, undefined) : resolveSession(ctx, ref);
  const v = viewOf(ctx, loaded);
  const text = sessionText(v, io.style, { now: ctx.now(), full: true, sections });
  if (sections.length === 0) return { json: v, text };
  const json: Record<string, unknown> = { id: v.id, name: v.name, title: v.title, branch: v.branch, status: v.status };
  for (const s of sections) for (const k of JSON_KEYS[s]) json[k] = v[k];
  if ('log' in json) {
    const kinds = new Set(sections.flatMap((s) => LOG_KINDS[s] ?? []));
    json.log = v.log.filter((e) => kinds.has(e.kind));
  }
  return { json, text };
}
