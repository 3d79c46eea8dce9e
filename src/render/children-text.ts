// The parent and children of a session as text for people (status, show): one line per child with
// its status, who it is, where it works, and its summary once it ended. Every piece of user text
// goes through safeLine.

import type { ChildView, ParentView } from '../core/children.js';
import { type Style, safeLine } from './term.js';

const MARK: Record<ChildView['status'], string> = {
  waiting: '…',
  pending: '○',
  active: '●',
  paused: '‖',
  completed: '✓',
  abandoned: '✗',
  unknown: '?',
};

function badge(status: ChildView['status'], st: Style): string {
  const text = `${MARK[status]} ${status}`;
  if (status === 'active') return st.green(text);
  if (status === 'completed') return st.cyan(text);
  if (status === 'waiting' || status === 'paused') return st.yellow(text);
  return st.dim(text);
}

/** The children block: `Spawned  2/3 ended`, then a line or two per child. */
export function childrenText(children: readonly ChildView[], st: Style): string[] {
  if (children.length === 0) return [];
  const ended = children.filter((c) => c.status === 'completed' || c.status === 'abandoned').length;
  const out = ['', st.bold('Spawned') + st.dim(`  ${ended}/${children.length} ended`)];
  for (const c of children) {
    const who = c.agent && c.agent !== c.name ? `${safeLine(c.name)} (${safeLine(c.agent)})` : safeLine(c.name);
    out.push(`  ${badge(c.status, st)}  ${st.bold(who)}  ${safeLine(c.task)}`);
    const where = [c.branch ? `branch ${safeLine(c.branch)}` : null, c.worktree ? `in ${safeLine(c.worktree)}` : null];
    if (c.waitingFor.length > 0) where.push(`waiting for ${c.waitingFor.map(safeLine).join(', ')}`);
    else if (c.after.length > 0) where.push(`after ${c.after.map(safeLine).join(', ')}`);
    const facts = where.filter((x) => x !== null);
    if (facts.length > 0) out.push(`      ${st.dim(facts.join(' · '))}`);
    if (c.summary) out.push(`      ${safeLine(c.summary)}`);
  }
  return out;
}

/** What a spawned session is for and whom it waits for, right under its header. */
export function parentText(parent: ParentView | null, currentTask: string | null, status: string, st: Style): string[] {
  const out: string[] = [];
  if (currentTask) out.push(`${st.bold('Now')}: ${safeLine(currentTask)}`);
  if (!parent) return out;
  const name = parent.name ? safeLine(parent.name) : parent.id.slice(0, 13);
  out.push(st.dim(`spawned by ${name}${parent.agent ? ` as ${safeLine(parent.agent)}` : ''}`));
  if (parent.waitingFor.length > 0)
    out.push(st.yellow(`waiting for ${parent.waitingFor.map(safeLine).join(', ')} to end before it starts`));
  else if (parent.after.length > 0 && status === 'paused')
    out.push(st.green(`${parent.after.map(safeLine).join(', ')} ended: it can start (git session resume)`));
  return out;
}
