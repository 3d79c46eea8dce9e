// `git session phase add | list | start | stage | complete`: the repository's phase plan (seed
// 004), shared by every session, kept in the tracked plan file (app/phases.ts, docs/phases.md).

import { approveTyped, checkCheck } from '../app/checks.js';
import type { Context } from '../app/context.js';
import { changePlan, completePhase, readPhasePlan } from '../app/phases.js';
import {
  criterionStatus,
  currentPhase,
  decidePhaseAdd,
  decidePhaseStage,
  decidePhaseStart,
  type Phase,
  type PhaseCriterion,
  type PhasePlan,
  STATUS_WORDS,
  stageWord,
} from '../core/phases.js';
import { checkText } from '../core/text.js';
import { usageError } from '../model/errors.js';
import { PHASE_STAGES, type PhaseStage } from '../model/phases.js';
import { checkDuration, criterionMark, outputTail, runEnd } from '../render/criteria-text.js';
import { type Style, safeBlock, safeLine } from '../render/term.js';
import { ago, day } from '../render/time.js';
import { plural } from '../render/words.js';
import type { Io, Output } from './output.js';

/** A phase as `phase list --json` gives it (docs/json.md). */
export function phaseView(number: number, p: Phase) {
  return {
    number,
    name: p.name,
    status: p.status,
    stage: p.stage,
    started: p.started,
    completed: p.completed,
    commit: p.commit,
    criteria: p.criteria.map((c) => ({
      text: c.text,
      check: c.check,
      status: criterionStatus(c),
      by: c.by,
      exitCode: c.exitCode,
      signal: c.signal,
      timedOut: c.timedOut,
      durationMs: c.durationMs,
      verifiedAt: c.at,
      commit: c.commit,
    })),
  };
}

const planView = (plan: PhasePlan) => plan.phases.map((p, i) => phaseView(i + 1, p));

function criterionLine(c: PhaseCriterion, st: Style, now: string, pad: string): string[] {
  const status = criterionStatus(c);
  const mark = criterionMark(status);
  const colored = status === 'passed' ? st.green(mark) : status === 'failed' ? st.red(mark) : mark;
  const out = [`${pad}${colored} ${safeBlock(c.text, `${pad}    `)}`];
  const facts: string[] = [];
  if (c.check !== null && c.check !== c.text) facts.push(`$ ${safeLine(c.check)}`);
  if (c.result !== null && c.at !== null)
    facts.push(
      `${c.by === 'hand' ? 'confirmed' : c.result === 'passed' ? 'passed' : `failed (${runEnd(c)})`} ${ago(c.at, now)}${c.commit ? ` at ${c.commit.slice(0, 7)}` : ''}`,
    );
  if (facts.length > 0) out.push(`${pad}    ${st.dim(facts.join(' · '))}`);
  return out;
}

/** The plan as seed 004 shows it: each phase with its status; the current one with its criteria. */
export function planText(plan: PhasePlan, st: Style, now: string): string[] {
  if (plan.phases.length === 0) return ['No phases yet. Add one: git session phase add "Setup" --check "npm test"'];
  const out: string[] = [];
  const width = `${plan.phases.length}.`.length;
  plan.phases.forEach((p, i) => {
    const n = `${i + 1}.`.padStart(width);
    const word = `[${STATUS_WORDS[p.status]}]`;
    const badge =
      p.status === 'complete' ? st.green(word) : p.status === 'in-progress' ? st.yellow(word) : st.dim(word);
    const facts =
      p.status === 'complete'
        ? `completed ${p.completed ? day(p.completed) : ''}${p.commit ? ` at ${p.commit.slice(0, 7)}` : ''}`
        : p.status === 'in-progress'
          ? `stage: ${p.stage ?? 'implementation'}${p.started ? `, started ${ago(p.started, now)}` : ''}`
          : '';
    const passed = p.criteria.filter((c) => c.result === 'passed').length;
    const counts = p.criteria.length > 0 ? `${passed}/${p.criteria.length} criteria` : '';
    out.push(
      `${st.dim(n)} ${badge} ${st.bold(safeLine(p.name))}${[facts, counts].some(Boolean) ? st.dim(`  ${[facts, counts].filter(Boolean).join(' · ')}`) : ''}`,
    );
    if (p.status !== 'complete')
      for (const c of p.criteria) out.push(...criterionLine(c, st, now, ' '.repeat(width + 3)));
  });
  return out;
}

export async function phaseAdd(ctx: Context, name: string, criteria: string[], checks: string[]): Promise<Output> {
  checkText('phase name', name);
  for (const c of criteria) checkText('criterion', c);
  for (const c of checks) {
    checkText('check', c);
    checkCheck('check', c);
  }
  const { result: number, plan, file } = await changePlan(ctx, (p) => decidePhaseAdd(p, { name, criteria, checks }));
  approveTyped(ctx, checks);
  const p = plan.phases[number - 1]!;
  return {
    json: phaseView(number, p),
    text: `Added phase ${number}: ${safeLine(p.name)}${p.criteria.length > 0 ? ` (${plural(p.criteria.length, 'criterion')})` : ''} to ${safeLine(file.rel)}.`,
  };
}

export async function phaseList(ctx: Context, io: Io): Promise<Output> {
  const { plan } = await readPhasePlan(ctx);
  return { json: planView(plan), text: planText(plan, io.style, ctx.now()).join('\n') };
}

export async function phaseStart(ctx: Context, ref: string): Promise<Output> {
  const now = ctx.now();
  const { plan, result } = await changePlan(ctx, (p) => decidePhaseStart(p, ref, now));
  const p = plan.phases[result.number - 1]!;
  const verb =
    result.was === 'in-progress' ? 'is in progress already' : result.was === 'complete' ? 'started again' : 'started';
  return {
    json: phaseView(result.number, p),
    text: `Phase ${result.number} (${safeLine(p.name)}) ${verb}; stage: ${p.stage ?? 'implementation'}.`,
  };
}

export async function phaseStage(ctx: Context, stage: string, ref: string | undefined): Promise<Output> {
  if (!PHASE_STAGES.includes(stage as PhaseStage))
    throw usageError(`unknown stage '${safeLine(stage).slice(0, 40)}'`, `use one of: ${PHASE_STAGES.join(', ')}`);
  const { plan, result } = await changePlan(ctx, (p) => decidePhaseStage(p, stage as PhaseStage, ref));
  const p = plan.phases[result.number - 1]!;
  return {
    json: phaseView(result.number, p),
    text: `Phase ${result.number} (${safeLine(p.name)}): ${result.was === stage ? 'still in' : 'now in'} ${stageWord(stage as PhaseStage)}.`,
  };
}

export interface PhaseCompleteOptions {
  approve: boolean;
  timeout?: number;
  verbose: boolean;
}

export async function phaseComplete(ctx: Context, io: Io, ref: string, o: PhaseCompleteOptions): Promise<Output> {
  const st = io.style;
  const timeoutS = o.timeout ?? (await ctx.config()).checks.timeout;
  const decoder = new TextDecoder();
  const done = await completePhase(ctx, ref, {
    approve: o.approve,
    timeoutMs: timeoutS * 1000,
    say: (line) => io.stderr?.(`${line}\n`),
    onOutput: o.verbose ? (chunk) => io.stderr?.(decoder.decode(chunk, { stream: true })) : undefined,
    approveWith: `git session phase complete ${ref} --approve`,
  });
  const p = done.plan.phases[done.number - 1]!;
  const lines: string[] = [];
  for (const r of done.runs) {
    const head = `${r.key}  ${st.dim(`$ ${safeLine(r.check)}`)} ${st.dim(`(${checkDuration(r.durationMs)})`)}`;
    if (r.passed) lines.push(`${st.green('✓ passed')}  ${head}`);
    else {
      lines.push(`${st.red(`✗ failed (${runEnd(r)})`)}  ${head}`);
      if (r.tail !== '') lines.push(...outputTail(r.tail.replace(/\n$/, '').split('\n').slice(-20), st));
    }
  }
  const byHand = p.criteria.filter((c) => c.by === 'hand' && p.status === 'complete');
  for (const c of byHand)
    lines.push(
      `${st.green('✓ confirmed')}  ${safeLine(c.text)} ${st.dim('(no check: confirmed by completing the phase)')}`,
    );
  const failed = done.failed.length;
  if (failed > 0)
    lines.push(
      st.red(`Phase ${done.number} (${safeLine(p.name)}) is not complete: ${plural(failed, 'check')} failed.`) +
        st.dim(' Fix it (git session phase stage debugging), then run git session phase complete again.'),
    );
  else
    lines.push(`Phase ${done.number} (${safeLine(p.name)}) complete${p.commit ? ` at ${p.commit.slice(0, 7)}` : ''}.`);
  const next = currentPhase(done.plan) ?? null;
  const pending = done.plan.phases.findIndex((x) => x.status === 'pending');
  if (failed === 0 && next === null && pending >= 0)
    lines.push(st.dim(`Next: git session phase start ${pending + 1} (${safeLine(done.plan.phases[pending]!.name)})`));
  return {
    json: { ...phaseView(done.number, p), failed: done.failed.map((i) => i + 1) },
    text: lines.join('\n'),
    exitCode: failed > 0 ? 1 : 0,
  };
}
