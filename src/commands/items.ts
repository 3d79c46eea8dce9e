// objectives / blockers / decisions: `<noun> <action> [...args]`. Each action is an entry of the
// command table (src/cli/commands.ts); these functions keep one entry point per noun.

import type { Context } from '../app/context.js';
import { mutate } from '../app/mutate.js';
import { targetSession } from '../app/sessions.js';
import { findItemRef } from '../core/item-ref.js';
import { checkText } from '../core/text.js';
import { usageError, userError } from '../model/errors.js';
import type { EventPayload } from '../model/events.js';
import { newItemId } from '../model/ids.js';
import { itemNumber, objectivesText, shortIds } from '../render/session-text.js';
import { safeBlock, safeLine } from '../render/term.js';
import { stamp } from '../render/time.js';
import { sessionView } from '../render/views.js';
import type { Io, Output } from './output.js';

export interface ItemOptions {
  session?: string;
  note?: string;
  rationale?: string;
  alternatives?: string;
}

function actionError(noun: string, action: string | undefined, actions: string[]): Error {
  return usageError(
    action === undefined ? `git session ${noun} needs an action` : `unknown ${noun} action '${action}'`,
    `use one of: ${actions.map((a) => `git session ${noun} ${a}`).join(', ')}`,
  );
}

function needOne(args: string[], what: string, usage: string): string {
  if (args.length !== 1)
    throw usageError(args.length === 0 ? `missing ${what}` : `expected one ${what}, got ${args.length}`, usage);
  return args[0]!;
}

function needSome(args: string[], what: string, usage: string): string[] {
  if (args.length === 0) throw usageError(`missing ${what}`, usage);
  return args;
}

export async function objectives(
  ctx: Context,
  io: Io,
  action: string | undefined,
  args: string[],
  o: ItemOptions,
): Promise<Output> {
  const target = targetSession(ctx, o.session);
  const id = target.state.id;
  switch (action) {
    case 'add': {
      const texts = needSome(args, 'objective text', 'git session objectives add "Implement OAuth2 login"');
      for (const t of texts) checkText('objective', t);
      const m = await mutate(ctx, id, (cur) => {
        const taken = new Set(cur?.state.objectives.map((x) => x.id));
        const added = texts.map((text) => {
          const objective = newItemId('objective', ctx.random, taken);
          taken.add(objective);
          return { type: 'objective.added' as const, objective, text };
        });
        return { events: added, result: added.map((a) => a.objective) };
      });
      const added = m.loaded.state.objectives.filter((x) => m.result.includes(x.id));
      return {
        json: added.length === 1 ? added[0] : added,
        text: added.map((x) => `Added ${x.id}: ${safeBlock(x.text, '  ')}`).join('\n'),
      };
    }
    case 'start':
    case 'complete':
    case 'reopen': {
      const ref = needOne(args, 'objective', `git session objectives ${action} <number or id>`);
      const m = await mutate(ctx, id, (cur) => {
        const obj = findItemRef(cur?.state.objectives ?? [], ref, 'objective', { byText: true });
        const want = action === 'start' ? 'in-progress' : action === 'complete' ? 'done' : 'open';
        if (action === 'reopen' && obj.status === 'open')
          throw userError('already', `${obj.id} is already open`, `start it: git session objectives start ${obj.id}`);
        const type =
          action === 'start'
            ? 'objective.started'
            : action === 'complete'
              ? 'objective.completed'
              : 'objective.reopened';
        const events: EventPayload[] = obj.status === want ? [] : [{ type, objective: obj.id }];
        // Starting a done objective is reopening it: say so, so history readers see the step back.
        if (action === 'start' && obj.status === 'done')
          events.unshift({ type: 'objective.reopened', objective: obj.id });
        return { events, result: { id: obj.id, changed: obj.status !== want } };
      });
      const obj = m.loaded.state.objectives.find((x) => x.id === m.result.id)!;
      const verb = action === 'start' ? 'Started' : action === 'complete' ? 'Completed' : 'Reopened';
      const text = m.result.changed
        ? `${verb} ${obj.id}: ${safeLine(obj.text)}`
        : `${obj.id} is already ${obj.status}.`;
      const done = m.loaded.state.objectives.filter((x) => x.status === 'done').length;
      return {
        json: obj,
        text: `${text}\n${io.style.dim(`${done}/${m.loaded.state.objectives.length} objectives done`)}`,
      };
    }
    case 'list': {
      if (args.length > 0) throw usageError('objectives list takes no arguments', 'git session objectives list');
      const view = sessionView(target.state, new Map(), ctx.now());
      return { json: view.objectives, text: objectivesText(view, io.style).join('\n') };
    }
    default:
      throw actionError('objectives', action, ['add', 'start', 'complete', 'reopen', 'list']);
  }
}

export async function blockers(
  ctx: Context,
  io: Io,
  action: string | undefined,
  args: string[],
  o: ItemOptions,
): Promise<Output> {
  const target = targetSession(ctx, o.session);
  const id = target.state.id;
  switch (action) {
    case 'add': {
      const texts = needSome(args, 'blocker text', 'git session blockers add "Waiting on API keys"');
      for (const t of texts) checkText('blocker', t);
      const m = await mutate(ctx, id, (cur) => {
        const taken = new Set(cur?.state.blockers.map((x) => x.id));
        const added = texts.map((text) => {
          const blocker = newItemId('blocker', ctx.random, taken);
          taken.add(blocker);
          return { type: 'blocker.added' as const, blocker, text };
        });
        return { events: added, result: added.map((a) => a.blocker) };
      });
      const added = m.loaded.state.blockers.filter((x) => m.result.includes(x.id));
      return {
        json: added.length === 1 ? added[0] : added,
        text: added.map((x) => `Added ${x.id}: ${safeBlock(x.text, '  ')}`).join('\n'),
      };
    }
    case 'resolve': {
      const ref = needOne(args, 'blocker', 'git session blockers resolve <number or id> [--note "…"]');
      if (o.note !== undefined) checkText('note', o.note);
      const m = await mutate(ctx, id, (cur) => {
        const b = findItemRef(cur?.state.blockers ?? [], ref, 'blocker', { byText: true });
        if (b.status === 'resolved') throw userError('already', `${b.id} is already resolved`);
        return {
          events: [{ type: 'blocker.resolved', blocker: b.id, ...(o.note !== undefined ? { note: o.note } : {}) }],
          result: b.id,
        };
      });
      const b = m.loaded.state.blockers.find((x) => x.id === m.result)!;
      const open = m.loaded.state.blockers.filter((x) => x.status === 'open').length;
      return {
        json: b,
        text: `Resolved ${b.id}: ${safeLine(b.text)}\n${io.style.dim(`${open} blocker${open === 1 ? '' : 's'} open`)}`,
      };
    }
    case 'list': {
      if (args.length > 0) throw usageError('blockers list takes no arguments', 'git session blockers list');
      const all = target.state.blockers;
      const short = shortIds(sessionView(target.state, new Map(), ctx.now()));
      const lines =
        all.length === 0
          ? ['No blockers.']
          : all.map((b, i) => {
              const n = itemNumber(i, all.length);
              const id = short(b.id);
              const pad = ' '.repeat(n.length + 1 + 4 + id.length + 2);
              return `${io.style.dim(n)} ${b.status === 'open' ? io.style.red('[!]') : io.style.dim('[x]')} ${io.style.dim(id)}  ${safeBlock(b.text, pad)}${b.note ? io.style.dim(` — ${safeLine(b.note)}`) : ''}`;
            });
      return { json: sessionView(target.state, new Map(), ctx.now()).blockers, text: lines.join('\n') };
    }
    default:
      throw actionError('blockers', action, ['add', 'resolve', 'list']);
  }
}

export async function decisions(
  ctx: Context,
  io: Io,
  action: string | undefined,
  args: string[],
  o: ItemOptions,
): Promise<Output> {
  const target = targetSession(ctx, o.session);
  const id = target.state.id;
  switch (action) {
    case 'add': {
      const text = checkText(
        'decision',
        needOne(args, 'decision text', 'git session decisions add "Use JWT" --rationale "…" --alternatives "…"'),
      );
      if (o.rationale !== undefined) checkText('rationale', o.rationale);
      if (o.alternatives !== undefined) checkText('alternatives', o.alternatives);
      const m = await mutate(ctx, id, (cur) => {
        const decision = newItemId('decision', ctx.random, new Set(cur?.state.decisions.map((x) => x.id)));
        return {
          events: [
            {
              type: 'decision.recorded',
              decision,
              text,
              ...(o.rationale !== undefined ? { rationale: o.rationale } : {}),
              ...(o.alternatives !== undefined ? { alternatives: o.alternatives } : {}),
            },
          ],
          result: decision,
        };
      });
      const d = m.loaded.state.decisions.find((x) => x.id === m.result)!;
      return { json: d, text: `Recorded ${d.id}: ${safeBlock(d.text, '  ')}` };
    }
    case 'list': {
      if (args.length > 0) throw usageError('decisions list takes no arguments', 'git session decisions list');
      const st = io.style;
      const lines: string[] = [];
      const all = target.state.decisions;
      const short = shortIds(sessionView(target.state, new Map(), ctx.now()));
      all.forEach((d, i) => {
        const n = itemNumber(i, all.length);
        const pad = ' '.repeat(n.length + 1);
        lines.push(`${st.dim(n)} ${st.dim(short(d.id))}  ${st.dim(stamp(d.at))}  ${safeBlock(d.text, `${pad}    `)}`);
        if (d.rationale) lines.push(`${pad}    ${st.dim('why:')} ${safeBlock(d.rationale, `${pad}         `)}`);
        if (d.alternatives)
          lines.push(`${pad}    ${st.dim('instead of:')} ${safeBlock(d.alternatives, `${pad}                `)}`);
      });
      return {
        json: sessionView(target.state, new Map(), ctx.now()).decisions,
        text: lines.length ? lines.join('\n') : 'No decisions yet.',
      };
    }
    default:
      throw actionError('decisions', action, ['add', 'list']);
  }
}
