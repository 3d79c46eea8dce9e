// The phase plan in SESSION.md (seed 004): the current phase and stage in the head, then every
// phase with its status — completed ones in a line, the current one with its verification progress.
// Pure.

import { criterionStatus, currentPhase, type PhasePlan, STATUS_WORDS, stageWord } from '../core/phases.js';
import { mdBlock, mdCode, mdLine } from './markdown.js';
import { day } from './time.js';

/** At most this many phases are listed (SESSION.md stays under 200 lines). */
const MAX_LISTED = 20;

/** `**Current Phase**` and `**Current Stage**` lines, or none without a phase in progress. */
export function currentPhaseLines(plan: PhasePlan | null): string[] {
  const cur = plan ? currentPhase(plan) : null;
  if (!cur) return [];
  return [
    `**Current Phase**: Phase ${cur.number} - ${mdLine(cur.phase.name)}`,
    `**Current Stage**: ${stageWord(cur.phase.stage ?? 'implementation')}`,
  ];
}

/** The `## Phases` part. */
export function phasesPart(plan: PhasePlan | null, path: string): string[] {
  if (!plan || plan.phases.length === 0) return [];
  const out = ['', `## Phases (${mdCode(path)})`];
  const listed = plan.phases.slice(0, MAX_LISTED);
  listed.forEach((p, i) => {
    out.push('', `### Phase ${i + 1}: ${mdLine(p.name)} [${STATUS_WORDS[p.status]}]`);
    if (p.status === 'complete') {
      out.push(
        '',
        `**Completed**: ${p.completed ? day(p.completed) : '?'}${p.commit ? ` | **Checkpoint**: ${p.commit.slice(0, 7)}` : ''}`,
      );
      return;
    }
    if (p.status === 'in-progress')
      out.push(
        '',
        `**Stage**: ${stageWord(p.stage ?? 'implementation')}${p.started ? ` | **Started**: ${day(p.started)}` : ''}`,
      );
    if (p.criteria.length > 0) {
      out.push('', p.status === 'in-progress' ? '**Verification Progress**:' : '**Verification Criteria**:', '');
      for (const c of p.criteria) {
        const status = criterionStatus(c);
        const what = c.check !== null && c.check === c.text ? mdCode(c.check) : mdBlock(c.text, '      ');
        const check = c.check !== null && c.check !== c.text ? ` (${mdCode(c.check)})` : '';
        const failed = status === 'failed' ? ` — failed${c.exitCode !== null ? ` (exit ${c.exitCode})` : ''}` : '';
        out.push(`- [${status === 'passed' ? 'x' : ' '}] ${what}${check}${failed}`);
      }
    }
  });
  if (plan.phases.length > MAX_LISTED)
    out.push('', `… ${plan.phases.length - MAX_LISTED} more: ${mdCode('git session phase list')}`);
  return out;
}
