// `git session __complete KIND [STATES]`: what the bash and zsh completion offer, one candidate a
// line, `value<TAB>description`. Run on every Tab press: it reads only local state and never
// prints an error (the CLI keeps it silent).

import type { Context } from '../app/context.js';
import { loadAllSessions, targetSession } from '../app/sessions.js';
import { isOpen } from '../core/fold.js';
import { clip } from '../model/text.js';
import { safeLine } from '../render/term.js';
import type { Output } from './output.js';

const line = (value: string, description: string) => `${value}\t${safeLine(clip(description, 60))}`;

export async function complete(
  ctx: Context,
  kind: string,
  states: string | undefined,
  session: string | undefined,
): Promise<Output> {
  const wanted = states ? new Set(states.split(',')) : null;
  let lines: string[] = [];
  if (kind === 'sessions') {
    // Open sessions first: they are what resume, switch and --session are usually for.
    const all = loadAllSessions(ctx).sort((a, b) => Number(isOpen(b.state)) - Number(isOpen(a.state)));
    lines = all.map((l) => line(l.state.name, `${l.state.status}, ${l.state.branch} — ${l.state.title}`));
  } else {
    const s = targetSession(ctx, session).state;
    const items: { id: string; text: string; status: string }[] =
      kind === 'objective'
        ? s.objectives
        : kind === 'blocker'
          ? s.blockers
          : kind === 'criterion'
            ? s.criteria
            : s.decisions.map((d) => ({ ...d, status: 'recorded' }));
    lines = items.filter((i) => wanted === null || wanted.has(i.status)).map((i) => line(i.id, i.text));
  }
  return { json: lines.map((l) => l.split('\t')[0]), text: lines.join('\n') };
}
