// objectives / blockers / decisions: `<noun> <action> [...args]`. Each action is an entry of the
// command table (src/cli/commands.ts); what each action may do is decided by one table
// (core/decide/items.ts), and this module parses, calls it, and prints the result.

import { change, targetSessionId } from '../app/change.js';
import type { Context } from '../app/context.js';
import { type Loaded, loadAllSessions, targetSession } from '../app/sessions.js';
import { decideAdd, decideMove, decideSupersede, type ItemMove } from '../core/decide/items.js';
import { shortIds } from '../core/short-ids.js';
import { linkAcross, replacementsAcross } from '../core/supersede.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import type { ItemKind } from '../model/ids.js';
import { blockerMark } from '../render/marks.js';
import { itemNumber, objectivesText } from '../render/session-text.js';
import { safeBlock, safeLine } from '../render/term.js';
import { stamp } from '../render/time.js';
import { sessionView } from '../render/views.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

export type ItemNoun = 'objectives' | 'blockers' | 'decisions';

export interface ItemOptions {
  session?: string;
  note?: string;
  rationale?: string;
  alternatives?: string;
}

const KIND: Record<ItemNoun, ItemKind> = { objectives: 'objective', blockers: 'blocker', decisions: 'decision' };

/** The actions of each noun, and how to write each (for the usage line of a wrong call). */
const ACTIONS: Record<ItemNoun, Record<string, string>> = {
  objectives: {
    add: 'git session objectives add "Implement OAuth2 login"',
    start: 'git session objectives start <number or id>',
    complete: 'git session objectives complete <number or id>',
    reopen: 'git session objectives reopen <number or id>',
    list: 'git session objectives list',
  },
  blockers: {
    add: 'git session blockers add "Waiting on API keys"',
    resolve: 'git session blockers resolve <number or id> [--note "…"]',
    list: 'git session blockers list',
  },
  decisions: {
    add: 'git session decisions add "Use JWT" --rationale "…" --alternatives "…"',
    supersede: 'git session decisions supersede <number or id> "Use sessions" --rationale "…"',
    list: 'git session decisions list',
  },
};

const MOVED: Record<ItemMove, string> = {
  start: 'Started',
  complete: 'Completed',
  reopen: 'Reopened',
  resolve: 'Resolved',
};

function needOne(args: string[], what: string, usage: string): string {
  if (args.length !== 1)
    throw usageError(args.length === 0 ? `missing ${what}` : `expected one ${what}, got ${args.length}`, usage);
  return args[0]!;
}

export async function items(
  ctx: Context,
  io: Io,
  noun: ItemNoun,
  action: string | undefined,
  args: string[],
  o: ItemOptions,
): Promise<Output> {
  const usage = action === undefined ? undefined : ACTIONS[noun][action];
  if (usage === undefined)
    throw usageError(
      action === undefined ? `git session ${noun} needs an action` : `unknown ${noun} action '${action}'`,
      `use one of: ${Object.keys(ACTIONS[noun])
        .map((a) => `git session ${noun} ${a}`)
        .join(', ')}`,
    );
  if (action === 'list') {
    const target = targetSession(ctx, o.session);
    if (args.length > 0) throw usageError(`${noun} list takes no arguments`, usage);
    return list(ctx, io, noun, target);
  }
  const kind = KIND[noun];
  const id = targetSessionId(ctx, o.session);
  if (action === 'add') return add(ctx, id, kind, args, o, usage);
  const ref = needOne(args, kind, usage);
  if (o.note !== undefined) checkText('note', o.note);
  const m = await change(ctx, id, (s) => decideMove(s, action as ItemMove, ref, o.note));
  const state = m.loaded.state;
  const short = shortIds(state);
  if (kind === 'blocker') {
    const b = state.blockers.find((x) => x.id === m.result.id)!;
    const open = state.blockers.filter((x) => x.status === 'open').length;
    return {
      json: b,
      text: `Resolved ${short(b.id)}: ${safeLine(b.text)}\n${io.style.dim(`${plural(open, 'blocker')} open`)}`,
    };
  }
  const obj = state.objectives.find((x) => x.id === m.result.id)!;
  const text = m.result.changed
    ? `${MOVED[action as ItemMove]} ${short(obj.id)}: ${safeLine(obj.text)}`
    : `${short(obj.id)} is already ${obj.status}.`;
  const done = state.objectives.filter((x) => x.status === 'done').length;
  return { json: obj, text: `${text}\n${io.style.dim(`${done}/${state.objectives.length} objectives done`)}` };
}

async function add(
  ctx: Context,
  id: string,
  kind: ItemKind,
  args: string[],
  o: ItemOptions,
  usage: string,
): Promise<Output> {
  // A decision is one text with its reasons; objectives and blockers come one or more at a time.
  const texts = kind === 'decision' ? [needOne(args, 'decision text', usage)] : args;
  if (texts.length === 0) throw usageError(`missing ${kind} text`, usage);
  for (const t of texts) checkText(kind, t);
  const details = kind === 'decision' ? { rationale: o.rationale, alternatives: o.alternatives } : {};
  if (details.rationale !== undefined) checkText('rationale', details.rationale);
  if (details.alternatives !== undefined) checkText('alternatives', details.alternatives);
  const m = await change(ctx, id, (s) => decideAdd(s, kind, texts, details, ctx.random));
  const state = m.loaded.state;
  const short = shortIds(state);
  const all: readonly { id: string; text: string }[] =
    kind === 'objective' ? state.objectives : kind === 'blocker' ? state.blockers : state.decisions;
  const added = all.filter((x) => m.result.includes(x.id));
  const verb = kind === 'decision' ? 'Recorded' : 'Added';
  return {
    json: added.length === 1 ? added[0] : added,
    text: added.map((x) => `${verb} ${short(x.id)}: ${safeBlock(x.text, '  ')}`).join('\n'),
  };
}

export interface SupersedeOptions {
  ref: string;
  text: string;
  rationale?: string;
  alternatives?: string;
  session?: string;
}

/**
 * `decisions supersede REF TEXT`: a new decision that replaces one of this session or of another.
 * Every session is read first: the one replaced may be another's, and another may have replaced it
 * already.
 */
export async function supersede(ctx: Context, _io: Io, o: SupersedeOptions): Promise<Output> {
  checkText('decision', o.text);
  if (o.rationale !== undefined) checkText('rationale', o.rationale);
  if (o.alternatives !== undefined) checkText('alternatives', o.alternatives);
  const id = targetSessionId(ctx, o.session);
  const all = loadAllSessions(ctx);
  const replacements = replacementsAcross(all.map((l) => l.state));
  const others = all
    .filter((l) => l.state.id !== id)
    .flatMap((l) =>
      l.state.decisions.map((decision) => ({ session: { id: l.state.id, name: l.state.name }, decision })),
    );
  const details = { rationale: o.rationale, alternatives: o.alternatives };
  const m = await change(ctx, id, (s) =>
    decideSupersede(linkAcross(s, replacements), o.ref, o.text, details, ctx.random, others),
  );
  const state = m.loaded.state;
  const short = shortIds(state);
  const d = state.decisions.find((x) => x.id === m.result.id)!;
  const old = m.result.replaced;
  const where = old.session.id === state.id ? '' : ` of session ${safeLine(old.session.name)}`;
  return {
    json: { ...d, replaced: { ...old.decision, supersededBy: d.id, session: old.session } },
    text: `Recorded ${short(d.id)}: ${safeBlock(d.text, '  ')}\nIt replaces ${old.decision.id}${where}: ${safeLine(old.decision.text)}`,
  };
}

function list(ctx: Context, io: Io, noun: ItemNoun, target: Loaded): Output {
  const view = sessionView(noun === 'decisions' ? linkedAcross(ctx, target) : target.state, new Map(), ctx.now());
  const short = shortIds(view);
  const st = io.style;
  if (noun === 'objectives') return { json: view.objectives, text: objectivesText(view, st).join('\n') };
  if (noun === 'blockers') {
    const all = view.blockers;
    const lines =
      all.length === 0
        ? ['No blockers.']
        : all.map((b, i) => {
            const n = itemNumber(i, all.length);
            const id = short(b.id);
            const pad = ' '.repeat(n.length + 1 + 4 + id.length + 2);
            return `${st.dim(n)} ${b.status === 'open' ? st.red(blockerMark(b.status)) : st.dim(blockerMark(b.status))} ${st.dim(id)}  ${safeBlock(b.text, pad)}${b.note ? st.dim(` — ${safeLine(b.note)}`) : ''}`;
          });
    return { json: view.blockers, text: lines.join('\n') };
  }
  const lines: string[] = [];
  view.decisions.forEach((d, i) => {
    const n = itemNumber(i, view.decisions.length);
    const pad = ' '.repeat(n.length + 1);
    const text = d.supersededBy !== null ? st.dim(safeBlock(d.text, `${pad}    `)) : safeBlock(d.text, `${pad}    `);
    lines.push(`${st.dim(n)} ${st.dim(short(d.id))}  ${st.dim(stamp(d.at))}  ${text}`);
    if (d.supersededBy !== null) lines.push(`${pad}    ${st.yellow('replaced by')} ${d.supersededBy}`);
    if (d.supersedes !== null) lines.push(`${pad}    ${st.dim('replaces')} ${d.supersedes}`);
    if (d.rationale) lines.push(`${pad}    ${st.dim('why:')} ${safeBlock(d.rationale, `${pad}         `)}`);
    if (d.alternatives)
      lines.push(`${pad}    ${st.dim('instead of:')} ${safeBlock(d.alternatives, `${pad}                `)}`);
  });
  return { json: view.decisions, text: lines.length ? lines.join('\n') : 'No decisions yet.' };
}

/** The session with what other sessions say of its decisions (one replaced by a decision of theirs). */
function linkedAcross(ctx: Context, target: Loaded) {
  const all = loadAllSessions(ctx);
  return linkAcross(
    target.state,
    replacementsAcross([target.state, ...all.filter((l) => l.state.id !== target.state.id).map((l) => l.state)]),
  );
}
