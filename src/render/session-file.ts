// SESSION.md, after seed 004: a navigation hub under 200 lines that a file-reading agent opens to
// know where the branch's work stands. Always the checked-out branch's session. Pure.

import type { Uncommitted } from '../core/brief.js';
import type { SessionState } from '../core/fold.js';
import { openNextSteps } from '../core/next-steps.js';
import { mdBlock, mdCode, mdLine } from './markdown.js';
import { day, stamp } from './time.js';

export interface SessionFileInput {
  branch: string | null;
  state: SessionState | null;
  now: string;
  /** Commits of the session with their time, oldest first (for "completed in" and key files). */
  commits: { sha: string; at: string; files: string[] }[];
  uncommitted: Uncommitted[];
  expected: string[];
  /** Other open sessions, for a branch without one. */
  others: { name: string; branch: string; status: string }[];
}

const MAX_LINES = 200;
const HEADER =
  '<!-- Written by git-session for the checked-out branch and rewritten on every change; change the session with `git session …`, not this file. -->';

function keyFiles(commits: SessionFileInput['commits']): string[] {
  const counts = new Map<string, number>();
  for (const c of commits) for (const f of c.files) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([f]) => f);
}

/** Without a session: what to do, and the open sessions elsewhere. */
function noSession(i: SessionFileInput): string[] {
  const out = [
    i.branch
      ? `No git-session session on branch ${mdCode(i.branch)}. Start one: ${mdCode(`git session start ${i.branch} -o "…"`)}.`
      : 'HEAD is detached: no session. Switch to a branch to see its session.',
  ];
  if (i.others.length > 0) {
    out.push('', '**Open sessions elsewhere**:');
    for (const o of i.others.slice(0, 20)) out.push(`- ${mdLine(o.name)} on ${mdCode(o.branch)} (${o.status})`);
  }
  return out;
}

/** Seed 004's head: the session, the branch, the current phase, the last checkpoint. */
function stateHead(s: SessionState): string[] {
  const phased = [...s.checkpoints].reverse().find((c) => c.phase !== null);
  const last = s.checkpoints[s.checkpoints.length - 1];
  const out = [
    `**Session**: ${mdLine(s.name)}${s.title ? ` — ${mdLine(s.title)}` : ''}`,
    `**Branch**: ${mdCode(s.branch)} · **Status**: ${s.status} · **Updated**: ${stamp(s.updatedAt)} UTC`,
  ];
  if (phased)
    out.push(
      `**Current Phase**: Phase ${mdLine(phased.phase!)}${phased.phaseStatus ? ` (${mdLine(phased.phaseStatus)})` : ''}`,
    );
  if (last)
    out.push(
      `**Last Checkpoint**: ${last.commit ? last.commit.slice(0, 7) : '(not committed yet)'} (${day(last.at)}) ${mdLine(last.label)}`,
    );
  out.push(
    '**Planning Docs**: `.session/architecture.md`, `.session/conventions.md`, `.session/decisions.md`',
    '',
    '---',
    '',
  );
  return out;
}

/** The objectives (the current one marked, a done one with the commit that completed it) and the next action. */
function objectivesPart(s: SessionState, commits: SessionFileInput['commits']): string[] {
  const done = s.objectives.filter((o) => o.status === 'done').length;
  const state =
    s.objectives.length > 0 && done === s.objectives.length
      ? 'Complete'
      : s.status === 'paused'
        ? 'Paused'
        : 'In Progress';
  const out = [`## Objectives [${state}]`, ''];
  if (s.objectives.length === 0) out.push('None yet: `git session objectives add "…"`.');
  const current = s.objectives.find((o) => o.status === 'in-progress') ?? s.objectives.find((o) => o.status === 'open');
  for (const o of s.objectives) {
    const commit = o.completedAt ? commits.find((c) => c.at >= o.completedAt!) : undefined;
    const mark = o.status === 'done' ? '[x]' : '[ ]';
    const tail =
      o.status === 'done' && commit ? ` (commit: ${commit.sha.slice(0, 7)})` : o === current ? ' <-- CURRENT' : '';
    out.push(`- ${mark} ${mdBlock(o.text, '  ')}${tail}`);
  }
  const next =
    openNextSteps(s.log, s.objectives)[0] ??
    (current ? `${current.status === 'in-progress' ? 'Continue' : 'Start'}: ${current.text}` : null);
  out.push('', `**Next Action**: ${next ? mdLine(next) : 'none recorded (git session log --next "…")'}`);
  return out;
}

/** Key files, known issues, notes, where it was left, recent decisions. */
function contextPart(s: SessionState, commits: SessionFileInput['commits']): string[] {
  const files = keyFiles(commits);
  const out = ['', `**Key Files**: ${files.length > 0 ? files.map(mdCode).join(', ') : 'none yet'}`];
  const open = s.blockers.filter((b) => b.status === 'open');
  out.push('', `**Known Issues**: ${open.length === 0 ? 'None' : ''}`);
  for (const b of open) out.push(`- ${mdBlock(b.text, '  ')} (${b.id}, since ${day(b.openedAt)})`);
  const note = s.handoffNotes[s.handoffNotes.length - 1];
  if (note) out.push('', `**Handoff Notes** (${stamp(note.at)}): ${mdBlock(note.text, '')}`);
  if (s.pauseNote && (s.status === 'active' || s.status === 'paused'))
    out.push('', `**Left Off**: ${mdBlock(s.pauseNote, '')}`);
  const current = s.decisions.filter((d) => d.supersededBy === null);
  if (current.length > 0) {
    out.push('', '## Recent Decisions', '');
    for (const d of current.slice(-5).reverse())
      out.push(`- ${mdBlock(d.text, '  ')}${d.rationale ? ` — ${mdLine(d.rationale)}` : ''} (${day(d.at)})`);
  }
  return out;
}

function uncommittedPart(i: SessionFileInput): string[] {
  const out = ['', '## Uncommitted Changes', ''];
  if (i.uncommitted.length === 0) out.push('Clean: nothing unexpected is uncommitted.');
  else {
    out.push('⚠ Unexpected uncommitted files — commit them, stash them, or say why in the session:', '');
    for (const u of i.uncommitted.slice(0, 30)) out.push(`- ${mdCode(u.path)} (${u.status})`);
    if (i.uncommitted.length > 30) out.push(`- … ${i.uncommitted.length - 30} more (git status)`);
  }
  out.push('', `Expected between sessions and not listed: ${i.expected.map(mdCode).join(', ')}.`);
  return out;
}

export function renderSessionFile(i: SessionFileInput): string {
  const out: string[] = ['# Session State', '', HEADER, ''];
  const s = i.state;
  if (!s) return `${[...out, ...noSession(i)].join('\n')}\n`;
  out.push(...stateHead(s), ...objectivesPart(s, i.commits), ...contextPart(s, i.commits), ...uncommittedPart(i));
  // Seed 004: SESSION.md stays under 200 lines.
  const lines = out.join('\n').split('\n');
  return `${(lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES - 1), '… (cut at 200 lines)'] : lines).join('\n')}\n`;
}
