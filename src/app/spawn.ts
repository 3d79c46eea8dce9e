// `git session spawn NAME --task TEXT`: a child session for one agent, on its own branch, in a new
// linked worktree next to this one, linked to the session that spawned it (issue 11 point 3, seed
// 002's spawned agents and waves). The child's session is recorded first, then the parent's record
// of it; if the child cannot be recorded, the worktree and the branch just made are taken away.

import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { decideChildRecord, decideSpawnChild } from '../core/decide/swarm.js';
import { isOpen } from '../core/fold.js';
import { checkName, checkText } from '../core/text.js';
import { branchExists, resolveCommit, worktreeBranches } from '../git/refs.js';
import { type Repo, repoDirs } from '../git/repo.js';
import { run } from '../git/run.js';
import { addWorktree, deleteBranch, removeWorktree } from '../git/worktree.js';
import { userError } from '../model/errors.js';
import { clip } from '../model/text.js';
import { change } from './change.js';
import { loadSessionsById } from './children.js';
import { type Context, worktreeContext } from './context.js';
import { checkNewBranch } from './lifecycle.js';
import { mutate } from './mutate.js';
import { refuseSecrets } from './secret-guard.js';
import { type Loaded, loadAllSessions, resolveSession, targetSession } from './sessions.js';

export interface SpawnInput {
  name: string;
  task: string;
  agent?: string;
  /** Sessions (names, ids, branches) the child waits for. */
  after: string[];
  branch?: string;
  worktree?: string;
  from?: string;
  objectives: string[];
  title?: string;
  /** The parent (default: the current session). */
  session?: string;
}

export interface Spawned {
  parent: Loaded;
  child: Loaded;
  branch: string;
  worktree: string;
  createdBranch: boolean;
  after: { id: string; name: string }[];
  waitingFor: string[];
}

/** An agent kind is a short label (`backend-dev`, `test-engineer`): one line, no control characters. */
function checkAgent(agent: string): string {
  checkText('agent', agent);
  if (agent.length > 64 || /[\u0000-\u001f\u007f]/.test(agent) || agent.trim() !== agent)
    throw userError(
      'bad-agent',
      `'${clip(agent)}' is not an agent kind`,
      'give a short label such as backend-dev (one line, at most 64 characters)',
    );
  return agent;
}

/** Where the child's worktree goes: --worktree (relative to where the command runs), else next to this one. */
function worktreePath(ctx: Context, input: SpawnInput): string {
  const top = ctx.repo.top;
  const path = input.worktree
    ? isAbsolute(input.worktree)
      ? input.worktree
      : resolve(ctx.cwd, input.worktree)
    : join(dirname(top), `${basename(top)}-${input.name}`);
  let used = false;
  try {
    used = existsSync(path) && readdirSync(path).length > 0;
  } catch {
    used = true;
  }
  if (used)
    throw userError(
      'path-exists',
      `${path} exists already and is not an empty directory`,
      'choose another place: --worktree <path>',
    );
  return path;
}

/** The sessions named by --after, each once, with whether it has ended. */
function afterSessions(ctx: Context, parent: Loaded, refs: readonly string[], all: Loaded[]) {
  const out: { id: string; name: string; open: boolean }[] = [];
  for (const ref of refs) {
    // A sibling by its name first: that is what --after names.
    const sibling = parent.state.children.find((c) => c.name === ref);
    const found = sibling ? all.find((l) => l.state.id === sibling.id) : resolveSession(ctx, ref, all);
    const id = found?.state.id ?? sibling!.id;
    if (out.some((a) => a.id === id)) continue;
    out.push({ id, name: found?.state.name ?? sibling!.name, open: found ? isOpen(found.state) : true });
  }
  return out;
}

interface Plan {
  parent: Loaded;
  taken: Set<string>;
  after: { id: string; name: string; open: boolean }[];
  branch: string;
  create: boolean;
  startPoint: string | undefined;
  path: string;
}

/** Everything checked before git is asked to change anything. */
async function plan(ctx: Context, input: SpawnInput): Promise<Plan> {
  checkName(input.name);
  checkText('task', input.task);
  if (input.agent !== undefined) checkAgent(input.agent);
  if (input.title !== undefined) checkText('title', input.title);
  for (const o of input.objectives) checkText('objective', o);
  const parent = targetSession(ctx, input.session);
  if (!isOpen(parent.state))
    throw userError(
      'not-open',
      `session '${parent.state.name}' is ${parent.state.status}: an ended session spawns nothing`,
      `reopen it first: git session reopen ${parent.state.name}`,
    );
  await ctx.config();
  ctx.store.lock(() => undefined);
  const all = loadAllSessions(ctx);
  const taken = new Set(all.map((l) => l.state.name));
  if (taken.has(input.name))
    throw userError('name-taken', `a session named '${input.name}' already exists`, 'choose another name');
  const after = afterSessions(ctx, parent, input.after, all);
  const branch = input.branch ?? `${parent.state.branch || 'session'}-${input.name}`;
  checkNewBranch(ctx, branch);
  const exists = run(ctx.repo, branchExists(branch));
  if (exists) {
    if (input.from !== undefined)
      throw userError(
        'branch-exists',
        `branch '${branch}' exists already; --from only places a new branch`,
        'leave out --from, or choose a new --branch',
      );
    const owner = ctx.store.branchSession(branch);
    const open = owner ? loadSessionsById(ctx, [owner]).get(owner) : undefined;
    if (open && isOpen(open))
      throw userError(
        'session-exists',
        `branch '${branch}' has the open session '${open.name}'`,
        'choose another --branch',
      );
    const elsewhere = run(ctx.repo, worktreeBranches).get(branch);
    if (elsewhere)
      throw userError(
        'checked-out-elsewhere',
        `branch '${branch}' is checked out in ${elsewhere}`,
        'choose another --branch',
      );
  }
  // The child starts from the parent's work: its branch's tip (or --from).
  const from =
    input.from ??
    (parent.state.branch && run(ctx.repo, branchExists(parent.state.branch)) ? parent.state.branch : 'HEAD');
  const startPoint = exists ? undefined : resolveCommit(ctx.repo, from);
  // A branch name is a ref, pushed with the branch: a secret in what was typed is refused before
  // git makes the branch and the worktree (the child's events are checked again when appended).
  await refuseSecrets(ctx, [
    { label: 'session name', text: input.name },
    { label: 'task', text: input.task },
    { label: 'branch name', text: branch },
    ...(input.title !== undefined ? [{ label: 'title', text: input.title }] : []),
    ...input.objectives.map((text) => ({ label: 'objective', text })),
    ...(input.agent !== undefined ? [{ label: 'agent', text: input.agent }] : []),
  ]);
  return { parent, taken, after, branch, create: !exists, startPoint, path: worktreePath(ctx, input) };
}

/** Create the worktree and the child's session, then record the child in its parent. */
export async function spawnChild(ctx: Context, input: SpawnInput): Promise<Spawned> {
  const p = await plan(ctx, input);
  run(ctx.repo, addWorktree(p.path, p.branch, { create: p.create, startPoint: p.startPoint }));
  let childRepo: Repo;
  const childId = ctx.newId();
  let child: Loaded;
  let waitingFor: string[];
  try {
    childRepo = run({ top: p.path }, repoDirs);
    const m = await mutate(ctx, childId, () =>
      decideSpawnChild(
        p.parent.state,
        {
          name: input.name,
          task: input.task,
          agent: input.agent ?? null,
          branch: p.branch,
          title: input.title,
          objectives: input.objectives,
          after: p.after,
        },
        p.taken,
        ctx.random,
      ),
    );
    child = m.loaded;
    waitingFor = m.result.waitingFor;
    ctx.store.setBranchSession(p.branch, childId);
    ctx.store.setCurrent(childRepo.gitDir, childId);
  } catch (e) {
    // Nothing of the child is recorded: the worktree and a branch made for it go again.
    run(ctx.repo, removeWorktree(p.path));
    if (p.create) run(ctx.repo, deleteBranch(p.branch));
    throw e;
  }
  const parent = (
    await change(ctx, p.parent.state.id, (s) =>
      decideChildRecord(s, {
        id: childId,
        name: input.name,
        task: input.task,
        agent: input.agent ?? null,
        branch: p.branch,
        after: p.after.map((a) => a.id),
      }),
    )
  ).loaded;
  // The child's worktree gets its living file now, as a switch there would write it.
  const { refreshSessionFile } = await import('./living-files.js');
  await refreshSessionFile(worktreeContext(ctx, childRepo), child);
  return {
    parent,
    child,
    branch: p.branch,
    worktree: childRepo.top,
    createdBranch: p.create,
    after: p.after.map(({ id, name }) => ({ id, name })),
    waitingFor,
  };
}
