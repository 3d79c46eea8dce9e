// The living session file in seed 002's format (`session_file.format: agents`), for tools that read
// `.agents/sessions/`: `<YYYYMMDD-HHMMSS>-<name>.md` with its YAML frontmatter (session, with
// git-session's id and branch beside the seed's keys; orchestration: the current task and the
// spawned agents) and its sections — Context, Current State, Execution Progress (the objectives,
// then the spawned agents in waves: a child spawned --after others is in a later wave), Decisions,
// Blockers, Session Log, Next Steps. Pure.
//
// Everything the session holds is someone's text: frontmatter values are double-quoted YAML
// scalars (JSON's escapes, plus those YAML's printable set needs), and the Markdown goes through
// render/markdown.ts, so no text can open a heading, a list or a frontmatter key of its own.

import { OWNED_LINES } from '../codec/owned-marker.js';
import type { ChildView } from '../core/children.js';
import type { SessionState } from '../core/fold.js';
import { openNextSteps } from '../core/next-steps.js';
import { mdBlock, mdCode, mdLine } from './markdown.js';
import { stamp } from './time.js';
import type { FamilyView } from './views.js';

/** The mark that makes the file git-session's: a YAML comment, so the frontmatter still opens the file. */
const AGENTS_FILE_MARK = OWNED_LINES['agents-file'];

/** Session Log entries kept (the newest): the file stays a handoff, not an archive. */
const MAX_LOG = 50;

/** `20251204-143000`: the session's creation time as seed 002 names its files. */
export function agentsFileStamp(createdAt: string): string {
  const d = createdAt.replace(/[-:]/g, '');
  return `${d.slice(0, 8)}-${d.slice(9, 15)}`;
}

/** `.agents/sessions/<YYYYMMDD-HHMMSS>-<name>.md` (the name is a session name: `[a-z0-9._-]`). */
export function agentsFilePath(s: Pick<SessionState, 'createdAt' | 'name'>): string {
  return `.agents/sessions/${agentsFileStamp(s.createdAt)}-${s.name}.md`;
}

/** A double-quoted YAML scalar: JSON's escapes are YAML's, and what YAML cannot hold raw is escaped too. */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u0084\u0086-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const STATUS: Record<SessionState['status'], string> = {
  active: 'in_progress',
  paused: 'paused',
  completed: 'completed',
  abandoned: 'completed',
};

const AGENT_STATUS: Record<ChildView['status'], string> = {
  waiting: 'pending',
  pending: 'pending',
  unknown: 'pending',
  active: 'in_progress',
  paused: 'in_progress',
  completed: 'completed',
  abandoned: 'completed',
};

/** The task seed 002 requires: the current one, else the objective under way, else the title. */
function currentTask(s: SessionState): string {
  const o = s.objectives.find((x) => x.status === 'in-progress') ?? s.objectives.find((x) => x.status === 'open');
  return s.currentTask ?? o?.text ?? (s.title || s.name);
}

function frontmatter(s: SessionState, family: FamilyView): string[] {
  const out = [
    '---',
    AGENTS_FILE_MARK,
    'session:',
    `  title: ${yamlString(s.title || s.name)}`,
    `  status: ${STATUS[s.status]}`,
    `  created: ${yamlString(`${s.createdAt.slice(0, 19)}Z`)}`,
    `  last_updated: ${yamlString(`${s.updatedAt.slice(0, 19)}Z`)}`,
  ];
  if (s.tasks[0]) out.push(`  linear_issue: ${yamlString(s.tasks[0])}`);
  out.push(`  id: ${yamlString(s.id)}`);
  if (s.branch) out.push(`  branch: ${yamlString(s.branch)}`);
  if (family.parent) out.push(`  parent: ${yamlString(family.parent.id)}`);
  out.push('', 'orchestration:', `  current_task: ${yamlString(currentTask(s))}`);
  if (family.children.length > 0) {
    out.push('  spawned_agents:');
    for (const c of family.children) {
      out.push(
        `    - agent: ${yamlString(c.agent ?? c.name)}`,
        `      task: ${yamlString(c.task)}`,
        `      status: ${AGENT_STATUS[c.status]}`,
      );
      if (c.summary) out.push(`      summary: ${yamlString(c.summary)}`);
      out.push(`      name: ${yamlString(c.name)}`);
      if (c.branch) out.push(`      branch: ${yamlString(c.branch)}`);
    }
  }
  out.push('---');
  return out;
}

function context(s: SessionState, family: FamilyView): string[] {
  const out = ['', '## Context', ''];
  out.push(
    `Session ${mdCode(s.name)}${s.branch ? ` on branch ${mdCode(s.branch)}` : ''}: ${mdLine(s.title || s.name)}.`,
  );
  if (s.tasks.length > 0) out.push(`Tasks: ${s.tasks.map(mdLine).join(', ')}.`);
  const p = family.parent;
  if (p)
    out.push(
      '',
      `Spawned by ${mdCode(p.name ?? p.id)}${p.agent ? ` as ${mdLine(p.agent)}` : ''}${p.task ? ` to: ${mdBlock(p.task, '')}` : ''}`,
    );
  const discoveries = s.log.filter((e) => e.kind === 'discovery').slice(-5);
  if (discoveries.length > 0) {
    out.push('', 'What was learned on the way:');
    for (const d of discoveries) out.push(`- ${mdBlock(d.text, '  ')}`);
  }
  return out;
}

function currentState(s: SessionState, family: FamilyView): string[] {
  const out = ['', '## Current State', ''];
  if (s.status === 'completed') out.push(`Completed.${s.summary ? ` ${mdBlock(s.summary, '')}` : ''}`);
  else if (s.status === 'abandoned') out.push(`Abandoned: ${mdBlock(s.endReason ?? '', '')}`);
  else if (family.parent && family.parent.waitingFor.length > 0)
    out.push(`Waiting for ${family.parent.waitingFor.map(mdCode).join(', ')} to end before it starts.`);
  else if (s.status === 'paused') out.push(`Paused${s.pauseNote ? `: ${mdBlock(s.pauseNote, '')}` : '.'}`);
  else out.push(`In progress: ${mdBlock(currentTask(s), '')}`);
  const done = s.objectives.filter((o) => o.status === 'done').length;
  out.push(
    '',
    `Objectives: ${done}/${s.objectives.length} done. Open blockers: ${s.blockers.filter((b) => b.status === 'open').length}.`,
  );
  const note = s.handoffNotes[s.handoffNotes.length - 1];
  if (note) out.push('', `**Handoff** (${stamp(note.at)}): ${mdBlock(note.text, '')}`);
  return out;
}

const CHILD_MARK: Record<ChildView['status'], string> = {
  waiting: '[ ]',
  pending: '[ ]',
  unknown: '[ ]',
  active: '[ ]',
  paused: '[ ]',
  completed: '[x]',
  abandoned: '[x]',
};

/** Waves of children: a child is one wave after the latest wave of those it was spawned after. */
export function waves(children: readonly ChildView[]): ChildView[][] {
  const wave = new Map<string, number>();
  const of = (c: ChildView, seen: Set<string>): number => {
    const known = wave.get(c.name);
    if (known !== undefined) return known;
    if (seen.has(c.name)) return 1;
    seen.add(c.name);
    let w = 1;
    for (const a of c.after) {
      const dep = children.find((x) => x.name === a);
      if (dep) w = Math.max(w, of(dep, seen) + 1);
    }
    wave.set(c.name, w);
    return w;
  };
  const out: ChildView[][] = [];
  for (const c of children) {
    const w = of(c, new Set());
    const list = out[w - 1] ?? [];
    list.push(c);
    out[w - 1] = list;
  }
  return out.filter((x) => x !== undefined);
}

function waveState(list: readonly ChildView[], index: number): string {
  if (list.every((c) => c.status === 'completed' || c.status === 'abandoned')) return 'COMPLETE';
  if (list.some((c) => c.status === 'waiting')) return index > 0 ? `blocked by Wave ${index}` : 'BLOCKED';
  if (list.some((c) => c.status === 'active' || c.status === 'paused')) return 'ACTIVE';
  return 'PENDING';
}

function progress(s: SessionState, family: FamilyView): string[] {
  const out = ['', '## Execution Progress', ''];
  if (s.objectives.length === 0 && family.children.length === 0) out.push('Nothing planned yet.');
  for (const o of s.objectives)
    out.push(
      `- ${o.status === 'done' ? '[x]' : '[ ]'} ${mdBlock(o.text, '  ')}${o.status === 'in-progress' ? ' <-- CURRENT' : ''}`,
    );
  waves(family.children).forEach((list, i) => {
    out.push('', `### Wave ${i + 1}: ${list.map((c) => c.name).join(', ')} (${waveState(list, i)})`);
    for (const c of list) {
      const tail = c.summary
        ? ` (${c.status}: ${mdLine(c.summary)})`
        : c.status === 'completed'
          ? ''
          : ` (${c.status})`;
      out.push(`- ${CHILD_MARK[c.status]} ${c.name} - ${mdLine(c.task)}${tail}`);
    }
  });
  return out;
}

/** The decisions in force, as SESSION.md shows them: a replaced one gives way to what replaced it. */
function decisions(s: SessionState): string[] {
  const current = s.decisions.filter((d) => d.supersededBy === null);
  if (current.length === 0) return [];
  const out = ['', '## Decisions'];
  current.forEach((d, i) => {
    out.push('', `### Decision ${i + 1}: ${mdLine(d.text)}`, `**Decision**: ${mdBlock(d.text, '')}`);
    if (d.rationale) out.push(`**Rationale**: ${mdBlock(d.rationale, '')}`);
    if (d.alternatives) out.push(`**Alternatives**: ${mdBlock(d.alternatives, '')}`);
  });
  return out;
}

function blockers(s: SessionState): string[] {
  const open = s.blockers.filter((b) => b.status === 'open');
  return ['', '## Blockers', '', ...(open.length === 0 ? ['- None'] : open.map((b) => `- ${mdBlock(b.text, '  ')}`))];
}

function sessionLog(s: SessionState): string[] {
  const entries = [
    ...s.log.map((e) => ({ at: e.at, who: e.author, text: `${e.kind}: ${e.text}` })),
    ...s.checkpoints.map((c) => ({ at: c.at, who: 'checkpoint', text: c.note ? `${c.label}: ${c.note}` : c.label })),
  ]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .slice(-MAX_LOG);
  const out = ['', '---', '', '## Session Log'];
  if (entries.length === 0) out.push('', 'Nothing logged yet.');
  for (const e of entries) out.push('', `### ${stamp(e.at)} - ${mdLine(e.who)}`, mdBlock(e.text, ''));
  return out;
}

function nextSteps(s: SessionState): string[] {
  const steps = openNextSteps(s.log, s.objectives);
  const open = s.objectives.filter((o) => o.status !== 'done').map((o) => o.text);
  const list = steps.length > 0 ? steps : open;
  return [
    '',
    '## Next Steps',
    '',
    ...(list.length === 0 ? ['None.'] : list.map((t, i) => `${i + 1}. ${mdBlock(t, '   ')}`)),
  ];
}

export function renderAgentsFile(s: SessionState, family: FamilyView): string {
  return `${[
    ...frontmatter(s, family),
    '',
    `# Session: ${mdLine(s.title || s.name)}`,
    ...context(s, family),
    ...currentState(s, family),
    ...progress(s, family),
    ...decisions(s),
    ...blockers(s),
    ...sessionLog(s),
    ...nextSteps(s),
  ].join('\n')}\n`;
}
