// `git session agent install|uninstall|status claude|agents-md`, and `agent hook …`, what the
// installed Claude Code hooks run: the brief at session start and when the user says "continue",
// a checkpoint note before a context compaction, a reminder to leave a handoff when the agent
// stops, and the handoff itself when the agent's session ends with work not handed off.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { briefInput } from '../app/brief-inputs.js';
import type { Context } from '../app/context.js';
import { writeHandoff } from '../app/handoff.js';
import { mutate } from '../app/mutate.js';
import { currentSession, loadAllSessions } from '../app/sessions.js';
import { buildBrief } from '../core/brief.js';
import { isOpen } from '../core/fold.js';
import { addAgentsSection, hasAgentsSection, removeAgentsSection } from '../install/agents-md.js';
import {
  addClaudeHooks,
  CLAUDE_HOOKS,
  installedEvents,
  removeClaudeHooks,
  SettingsError,
} from '../install/claude-settings.js';
import { usageError, userError } from '../model/errors.js';
import type { SessionEvent } from '../model/events.js';
import { renderBriefMarkdown } from '../render/brief-markdown.js';
import { safeLine } from '../render/term.js';
import { writeFileAtomic } from '../store/atomic.js';
import { editWorktreeFile, readWorktreeText, removeWorktreeFile, type WorktreeFile } from '../worktree/file.js';
import { worktreeTarget } from '../worktree/path.js';
import type { Io, Output } from './output.js';

const TARGETS = ['claude', 'agents-md'] as const;
type Target = (typeof TARGETS)[number];

function pathOf(ctx: Context, target: Target): string {
  return join(ctx.repo.top, fileOf(target).rel);
}

/** The files of a cloned repository: read and written only as regular files inside it. */
function fileOf(target: Target): WorktreeFile {
  return target === 'claude'
    ? { rel: '.claude/settings.json', what: 'the Claude Code settings' }
    : { rel: 'AGENTS.md', what: 'the agents file' };
}

const MAX_AGENT_FILE_BYTES = 1024 * 1024;

function read(ctx: Context, target: Target): string | null {
  return readWorktreeText(ctx.repo, fileOf(target), { maxBytes: MAX_AGENT_FILE_BYTES })?.text ?? null;
}

/**
 * What `agent install` changed, per file: the bytes before and after. Uninstall gives back the
 * bytes before when the file is still exactly as the install left it; otherwise it removes our
 * entries from whatever the file has become.
 */
interface Installed {
  before: string | null;
  after: string;
}
const manifest = (ctx: Context) => join(ctx.store.paths.root, 'agent-installed.json');
function installed(ctx: Context): Record<string, Installed> {
  try {
    const v = JSON.parse(readFileSync(manifest(ctx), 'utf8')) as unknown;
    // An earlier version kept only the list of files it created.
    if (Array.isArray(v)) return Object.fromEntries(v.map((p) => [String(p), { before: null, after: '' }]));
    return typeof v === 'object' && v !== null ? (v as Record<string, Installed>) : {};
  } catch {
    return {};
  }
}
function saveInstalled(ctx: Context, record: Record<string, Installed>): void {
  ctx.store.ensure();
  writeFileAtomic(manifest(ctx), `${JSON.stringify(record)}\n`);
}

function status(ctx: Context) {
  const claude = read(ctx, 'claude');
  const agents = read(ctx, 'agents-md');
  return {
    claude: {
      path: '.claude/settings.json',
      hooks: installedEvents(claude),
      installed: installedEvents(claude).length === Object.keys(CLAUDE_HOOKS).length,
    },
    'agents-md': { path: 'AGENTS.md', installed: hasAgentsSection(agents) },
  };
}

function target(args: string[], verb: string): Target[] {
  if (args.length === 0)
    throw usageError(`agent ${verb} needs a target`, `git session agent ${verb} claude | agents-md`);
  for (const a of args)
    if (!TARGETS.includes(a as Target)) throw usageError(`unknown agent target '${a}'`, `use: ${TARGETS.join(', ')}`);
  return args as Target[];
}

/** An edit of the user's file; one that cannot be read is left exactly as it is. */
function edited<T>(path: string, edit: () => T, hint: string): T {
  try {
    return edit();
  } catch (e) {
    if (e instanceof SettingsError)
      throw userError('bad-settings', `${path} is ${e.message}; it was left as it is`, hint);
    throw e;
  }
}

function install(ctx: Context, t: Target): string {
  const path = pathOf(ctx, t);
  // Checked as a write first: the refusal then says that nothing was written.
  worktreeTarget(ctx.repo, fileOf(t).rel, fileOf(t).what, 'write');
  const before = read(ctx, t);
  const after = edited(
    path,
    () => (t === 'claude' ? addClaudeHooks(before) : addAgentsSection(before)),
    'fix the file, then run the install again',
  );
  if (after === before) return `${t}: already installed in ${path}`;
  editWorktreeFile(ctx.repo, fileOf(t), after);
  const record = installed(ctx);
  const earlier = record[path];
  // Reinstalling over our own install keeps the bytes from before the first one. Over a file that
  // already holds some of our entries (edited since), the bytes before are unknown: uninstall then
  // removes our entries instead of restoring anything.
  const oursBefore = t === 'claude' ? installedEvents(before).length > 0 : hasAgentsSection(before);
  if (earlier && earlier.after === before) record[path] = { before: earlier.before, after };
  else if (oursBefore) delete record[path];
  else record[path] = { before, after };
  saveInstalled(ctx, record);
  return t === 'claude'
    ? `claude: added ${Object.keys(CLAUDE_HOOKS).join(', ')} hooks to ${path}`
    : `agents-md: added the git-session section to ${path}`;
}

function uninstall(ctx: Context, t: Target): string {
  const path = pathOf(ctx, t);
  worktreeTarget(ctx.repo, fileOf(t).rel, fileOf(t).what, 'write');
  const before = read(ctx, t);
  if (before === null) return `${t}: nothing installed`;
  const record = installed(ctx);
  const mine = record[path];
  if (mine && mine.after === before) {
    delete record[path];
    saveInstalled(ctx, record);
    if (mine.before === null) {
      removeWorktreeFile(ctx.repo, fileOf(t));
      return `${t}: removed ${path} (git-session had created it)`;
    }
    editWorktreeFile(ctx.repo, fileOf(t), mine.before);
    return `${t}: ${path} is back as it was before the install`;
  }
  const after = edited(
    path,
    () => (t === 'claude' ? removeClaudeHooks(before) : removeAgentsSection(before)),
    'remove the git-session hooks by hand',
  );
  if (mine) {
    delete record[path];
    saveInstalled(ctx, record);
  }
  if (after === null && mine?.before === null) {
    removeWorktreeFile(ctx.repo, fileOf(t));
    return `${t}: removed ${path} (git-session had created it)`;
  }
  if (after === before) return `${t}: nothing installed`;
  editWorktreeFile(ctx.repo, fileOf(t), after ?? '{}\n');
  return `${t}: removed the git-session entries from ${path}`;
}

export async function agent(ctx: Context, io: Io, action: string | undefined, args: string[]): Promise<Output> {
  switch (action ?? 'status') {
    case 'install': {
      const lines = target(args, 'install').map((t) => install(ctx, t));
      return { json: status(ctx), text: lines.join('\n') };
    }
    case 'uninstall': {
      const lines = target(args, 'uninstall').map((t) => uninstall(ctx, t));
      return { json: status(ctx), text: lines.join('\n') };
    }
    case 'status': {
      const s = status(ctx);
      const st = io.style;
      const mark = (ok: boolean) => (ok ? st.green('✓') : st.dim('·'));
      return {
        json: s,
        text: [
          `${mark(s.claude.installed)} claude     ${s.claude.path}: ${s.claude.hooks.length === 0 ? 'not installed' : `${s.claude.hooks.join(', ')}`}`,
          `${mark(s['agents-md'].installed)} agents-md  ${s['agents-md'].path}: ${s['agents-md'].installed ? 'section present' : 'not installed'}`,
        ].join('\n'),
      };
    }
    case 'hook':
      return hook(ctx, args[0]);
    default:
      throw usageError(`unknown agent action '${action}'`, 'git session agent install | uninstall | status');
  }
}

// ---- what the installed Claude Code hooks run ---------------------------------------------------

function readStdin(): Record<string, unknown> {
  try {
    if (process.stdin.isTTY) return {};
    const text = readFileSync(0, 'utf8');
    const v = JSON.parse(text || '{}') as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Events that are work, as opposed to bookkeeping (pauses, compactions, the handoff itself). */
const BOOKKEEPING = new Set([
  'session.started',
  'session.paused',
  'session.resumed',
  'agent.compacted',
  // What PreCompact records: a context compaction is not work to hand off.
  'checkpoint.recorded',
  'handoff.written',
  'handoff.noted',
]);

/** What a user says to pick up where things were: the agent then gets the short brief. */
const RESUME_PROMPT = /^\s*(continue|resume|go on|carry on|keep going|pick (it |this )?up|where (were|did) we)\b/i;

/** The latest event that is work done since the last handoff (note or document), if any. */
function workSinceHandoff(events: readonly SessionEvent[]): SessionEvent | undefined {
  const lastHandoff = events.filter((e) => e.type === 'handoff.noted' || e.type === 'handoff.written').pop();
  const work = events.filter((e) => !BOOKKEEPING.has(e.type) && (!lastHandoff || e.at > lastHandoff.at));
  return work[work.length - 1];
}

async function hook(ctx: Context, name: string | undefined): Promise<Output> {
  try {
    const { branch, loaded } = currentSession(ctx);
    if (name === 'session-start') {
      if (!loaded) {
        const open = loadAllSessions(ctx).filter((l) => isOpen(l.state) && l.state.branch);
        const lines = [`No git-session session on ${branch ? `branch ${safeLine(branch)}` : 'a detached HEAD'}.`];
        if (open.length > 0)
          lines.push(
            `Open sessions: ${open.map((l) => `${safeLine(l.state.name)} (${safeLine(l.state.branch)})`).join(', ')}; \`git session resume <name>\` switches to one.`,
          );
        lines.push('Start one for this work: `git session start <branch> -o "<objective>"`.');
        return { json: null, text: lines.join('\n') };
      }
      const config = await ctx.config();
      return {
        json: null,
        text: renderBriefMarkdown(buildBrief(await briefInput(ctx, loaded)), config.brief.max_lines).text.trimEnd(),
      };
    }
    if (name === 'pre-compact') {
      if (!loaded) return { json: null, text: '' };
      const input = readStdin();
      const trigger = typeof input.trigger === 'string' ? input.trigger : 'unknown';
      await mutate(ctx, loaded.state.id, (cur) => ({
        events: [
          { type: 'agent.compacted' },
          {
            type: 'checkpoint.recorded',
            label: `compaction ${(cur?.state.compactions ?? 0) + 1}`,
            note: `before a context compaction (${trigger})`,
          },
        ],
        result: null,
      }));
      return { json: null, text: '' };
    }
    if (name === 'user-prompt') {
      if (!loaded) return { json: null, text: '' };
      const input = readStdin();
      const prompt = typeof input.prompt === 'string' ? input.prompt : '';
      if (!RESUME_PROMPT.test(prompt)) return { json: null, text: '' };
      // Once per agent conversation: the brief is in its context after that.
      const marker = join(ctx.repo.gitDir, 'git-session-prompted');
      const conversation = typeof input.session_id === 'string' ? input.session_id : 'unknown';
      const key = `${conversation} ${loaded.state.id}`;
      if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === key) return { json: null, text: '' };
      writeFileAtomic(marker, `${key}\n`);
      const config = await ctx.config();
      const brief = renderBriefMarkdown(
        buildBrief(await briefInput(ctx, loaded)),
        Math.min(config.brief.max_lines, 80),
      );
      return { json: null, text: `git-session: the context of this branch's session.\n\n${brief.text.trimEnd()}` };
    }
    if (name === 'session-end') {
      if (!loaded || !workSinceHandoff(loaded.local)) return { json: null, text: '' };
      const written = await writeHandoff(ctx, loaded, undefined);
      return { json: null, text: '', notes: [`git-session: wrote ${safeLine(written.path)} for the next session`] };
    }
    if (name === 'stop') {
      if (!loaded || readStdin().stop_hook_active === true) return { json: null, text: '' };
      const latest = workSinceHandoff(loaded.local);
      if (!latest) return { json: null, text: '' };
      // One reminder per batch of changes: remember what was reminded about.
      const marker = join(ctx.repo.gitDir, 'git-session-reminded');
      if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === latest.id) return { json: null, text: '' };
      writeFileAtomic(marker, `${latest.id}\n`);
      const reason = `git-session: session '${loaded.state.name}' changed since its last handoff. Before stopping, record where you are: \`git session log --next "<concrete next step>"\` and \`git session next "<what the next session must know>"\` (or \`git session handoff --write\`).`;
      return { json: null, text: JSON.stringify({ decision: 'block', reason }) };
    }
    return { json: null, text: '', notes: [`git-session: unknown agent hook '${safeLine(name ?? '')}'`] };
  } catch (e) {
    // An agent hook never stands in the agent's way.
    return {
      json: null,
      text: '',
      notes: [`git-session: ${safeLine((e as Error).message)} (the agent was not affected)`],
    };
  }
}
