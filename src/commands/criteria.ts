// `git session criteria add | list | remove | confirm` and `git session verify`: a session's
// acceptance criteria, and running their checks (app/criteria.ts).

import { targetSessionId } from '../app/change.js';
import { checkCheck } from '../app/checks.js';
import type { Context } from '../app/context.js';
import { addCriteria, confirmCriterion, removeCriterion, verifyCriteria } from '../app/criteria.js';
import { targetSession } from '../app/sessions.js';
import { shortIds } from '../core/short-ids.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import { checkDuration, criteriaLines, lastRun, outputTail, runEnd } from '../render/criteria-text.js';
import { safeBlock, safeLine } from '../render/term.js';
import { criterionView } from '../render/views.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

export interface CriteriaOptions {
  session?: string;
  check?: string;
}

export async function criteriaAdd(ctx: Context, texts: string[], o: CriteriaOptions): Promise<Output> {
  if (texts.length === 0)
    throw usageError('missing criterion text', 'git session criteria add "Tests pass" --check "npm test"');
  if (o.check !== undefined && texts.length > 1)
    throw usageError('--check goes with one criterion', 'add each criterion with its own check');
  for (const t of texts) checkText('criterion', t);
  if (o.check !== undefined) {
    checkText('check', o.check);
    checkCheck('check', o.check);
  }
  const id = targetSessionId(ctx, o.session);
  const m = await addCriteria(ctx, id, texts, o.check);
  const state = m.loaded.state;
  const short = shortIds(state);
  const added = state.criteria.filter((c) => m.result.includes(c.id)).map(criterionView);
  return {
    json: added.length === 1 ? added[0] : added,
    text: added
      .map(
        (c) =>
          `Added ${short(c.id)}: ${safeBlock(c.text, '  ')}${c.check ? `\n  check: ${safeBlock(c.check, '  ')}` : ''}`,
      )
      .join('\n'),
  };
}

export function criteriaList(ctx: Context, io: Io, o: CriteriaOptions): Output {
  const s = targetSession(ctx, o.session).state;
  const views = s.criteria.map(criterionView);
  const text =
    views.length === 0
      ? 'No acceptance criteria. Add one: git session criteria add "Tests pass" --check "npm test"'
      : criteriaLines(views, io.style, ctx.now(), shortIds(s)).join('\n');
  return { json: views, text };
}

function one(args: string[], usage: string): string {
  if (args.length !== 1)
    throw usageError(args.length === 0 ? 'missing criterion' : `expected one criterion, got ${args.length}`, usage);
  return args[0]!;
}

export async function criteriaRemove(ctx: Context, args: string[], o: CriteriaOptions): Promise<Output> {
  const ref = one(args, 'git session criteria remove <number or id>');
  const m = await removeCriterion(ctx, targetSessionId(ctx, o.session), ref);
  const c = m.result;
  return { json: criterionView(c), text: `Removed ${c.id}: ${safeLine(c.text)}` };
}

export async function criteriaConfirm(ctx: Context, io: Io, args: string[], o: CriteriaOptions): Promise<Output> {
  const ref = one(args, 'git session criteria confirm <number or id>');
  const m = await confirmCriterion(ctx, targetSessionId(ctx, o.session), ref);
  const c = m.loaded.state.criteria.find((x) => x.id === m.result.id)!;
  const view = criterionView(c);
  return {
    json: view,
    text: `Confirmed ${shortIds(m.loaded.state)(c.id)}: ${safeLine(c.text)} ${io.style.dim(`— ${lastRun(view, ctx.now())}`)}`,
  };
}

export interface VerifyOptions {
  session?: string;
  approve: boolean;
  timeout?: number;
  verbose: boolean;
}

export async function verify(ctx: Context, io: Io, refs: string[], o: VerifyOptions): Promise<Output> {
  const target = targetSession(ctx, o.session);
  const st = io.style;
  const timeoutS = o.timeout ?? (await ctx.config()).checks.timeout;
  // Output arrives in chunks that may cut a character in two: decoded as a stream.
  const decoder = new TextDecoder();
  const result = await verifyCriteria(ctx, target, refs, {
    approve: o.approve,
    timeoutMs: timeoutS * 1000,
    say: (line) => io.stderr?.(`${line}\n`),
    onOutput: o.verbose ? (chunk) => io.stderr?.(decoder.decode(chunk, { stream: true })) : undefined,
    approveWith: `git session verify --approve${refs.length > 0 ? ` ${refs.join(' ')}` : ''}`,
  });
  const s = result.loaded.state;
  const short = shortIds(s);
  const lines: string[] = [];
  for (const r of result.runs) {
    const took = checkDuration(r.durationMs);
    const head = `${short(r.criterion.id)}  ${safeLine(r.criterion.text)}`;
    if (r.passed) lines.push(`${st.green('✓ passed')}  ${head} ${st.dim(`(${took})`)}`);
    else {
      lines.push(`${st.red(`✗ failed (${runEnd(r)})`)}  ${head} ${st.dim(`(${took})`)}`);
      const tail = r.tail.replace(/\n$/, '').split('\n').slice(-20);
      if (r.tail !== '') lines.push(...outputTail(tail, st));
    }
  }
  for (const c of result.byHand)
    lines.push(
      `${st.yellow('? by hand')}  ${short(c.id)}  ${safeLine(c.text)} ${st.dim(`— git session criteria confirm ${short(c.id)}`)}`,
    );
  const failed = result.runs.filter((r) => !r.passed).length;
  const passed = result.runs.length - failed;
  if (result.runs.length === 0 && result.byHand.length === 0)
    lines.push(
      s.criteria.length === 0
        ? 'No acceptance criteria. Add one: git session criteria add "Tests pass" --check "npm test"'
        : 'Every criterion is confirmed by hand; nothing to run.',
    );
  else
    lines.push(
      st.dim(
        `${plural(passed, 'check')} passed, ${failed} failed${result.byHand.length > 0 ? `, ${result.byHand.length} to confirm by hand` : ''}.`,
      ),
    );
  return {
    json: {
      session: { id: s.id, name: s.name },
      commit: result.runs[0]?.commit ?? null,
      results: result.runs.map((r) => ({ ...criterionView(r.criterion), bytes: r.bytes })),
      byHand: result.byHand.map(criterionView),
      passed,
      failed,
    },
    text: lines.join('\n'),
    exitCode: failed > 0 ? 1 : 0,
  };
}
