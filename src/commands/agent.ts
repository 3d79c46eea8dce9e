// `git session agent install|uninstall|status claude|agents-md`, and `agent hook …`, what the
// installed Claude Code hooks run: the brief at session start and when the user says "continue"
// (once: after a compaction the one SessionStart gives), a checkpoint note before a context
// compaction, the decisions in force behind a file the agent edits (once per file), a reminder to
// leave a handoff when the agent stops, and the handoff itself when the agent's session ends with
// work not handed off.

import { readFileSync } from 'node:fs';
import {
  agentStatus,
  firstTime,
  installAgent,
  recordCompaction,
  TARGETS,
  type Target,
  uninstallAgent,
} from '../app/agent.js';
import { conversationOf, forget, giveBrief } from '../app/agent-memory.js';
import { briefInput } from '../app/brief-inputs.js';
import type { Context } from '../app/context.js';
import { reminderFor } from '../app/edit-reminder.js';
import { writeHandoff } from '../app/handoff.js';
import { currentSession, loadAllSessions } from '../app/sessions.js';
import { buildBrief } from '../core/brief.js';
import { isOpen } from '../core/fold.js';
import { workSinceHandoff } from '../core/handoff.js';
import { usageError } from '../model/errors.js';
import { renderBriefMarkdown } from '../render/brief-markdown.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

function target(args: string[], verb: string): Target[] {
  if (args.length === 0)
    throw usageError(`agent ${verb} needs a target`, `git session agent ${verb} claude | agents-md`);
  for (const a of args)
    if (!TARGETS.includes(a as Target)) throw usageError(`unknown agent target '${a}'`, `use: ${TARGETS.join(', ')}`);
  return args as Target[];
}

export async function agent(ctx: Context, io: Io, action: string | undefined, args: string[]): Promise<Output> {
  switch (action ?? 'status') {
    case 'install': {
      const lines = target(args, 'install').map((t) => installAgent(ctx, t));
      return { json: agentStatus(ctx), text: lines.join('\n') };
    }
    case 'uninstall': {
      const lines = target(args, 'uninstall').map((t) => uninstallAgent(ctx, t));
      return { json: agentStatus(ctx), text: lines.join('\n') };
    }
    case 'status': {
      const s = agentStatus(ctx);
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

/** What a user says to pick up where things were: the agent then gets the short brief. */
const RESUME_PROMPT = /^\s*(continue|resume|go on|carry on|keep going|pick (it |this )?up|where (were|did) we)\b/i;

const SILENT: Output = { json: null, text: '' };

/** The brief as an agent gets it: fitted to brief.max_lines (or fewer) and brief.agent_max_tokens. */
async function agentBrief(
  ctx: Context,
  loaded: NonNullable<ReturnType<typeof currentSession>['loaded']>,
  maxLines?: number,
) {
  const config = await ctx.config();
  return renderBriefMarkdown(
    buildBrief(await briefInput(ctx, loaded)),
    Math.min(config.brief.max_lines, maxLines ?? config.brief.max_lines),
    config.brief.agent_max_tokens,
  ).text.trimEnd();
}

/**
 * PreToolUse (Edit, Write, MultiEdit): the decisions in force behind the file, as Claude Code
 * documents added context — `hookSpecificOutput.additionalContext`, no permission decision, so
 * the user's permission flow is untouched — or nothing at all.
 */
function preToolUse(ctx: Context): Output {
  const input = readStdin();
  const tool = input.tool_input;
  const file =
    typeof tool === 'object' && tool !== null && typeof (tool as Record<string, unknown>).file_path === 'string'
      ? ((tool as Record<string, unknown>).file_path as string)
      : null;
  if (file === null || file === '') return SILENT;
  const base = typeof input.cwd === 'string' && input.cwd !== '' ? input.cwd : ctx.cwd;
  const reminder = reminderFor(ctx, conversationOf(input), file, base);
  if (reminder === null) return SILENT;
  return {
    json: null,
    text: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: reminder } }),
  };
}

async function hook(ctx: Context, name: string | undefined): Promise<Output> {
  try {
    // Asked before the session: an edit outside any session still has decisions behind it.
    if (name === 'pre-tool-use') return preToolUse(ctx);
    const { branch, loaded } = currentSession(ctx);
    if (name === 'session-start') {
      const input = readStdin();
      // A new conversation, a /clear or a compaction: what the hooks gave before is gone from it.
      const conversation = conversationOf(input);
      if (!loaded) {
        if (input.source !== 'resume') forget(ctx, conversation);
        const open = loadAllSessions(ctx).filter((l) => isOpen(l.state) && l.state.branch);
        const lines = [`No git-session session on ${branch ? `branch ${safeLine(branch)}` : 'a detached HEAD'}.`];
        if (open.length > 0)
          lines.push(
            `Open sessions: ${open.map((l) => `${safeLine(l.state.name)} (${safeLine(l.state.branch)})`).join(', ')}; \`git session resume <name>\` switches to one.`,
          );
        lines.push('Start one for this work: `git session start <branch> -o "<objective>"`.');
        return { json: null, text: lines.join('\n') };
      }
      const text = await agentBrief(ctx, loaded);
      if (input.source === 'resume') giveBrief(ctx, conversation, loaded.state.id);
      else forget(ctx, conversation, loaded.state.id);
      return { json: null, text };
    }
    if (name === 'pre-compact') {
      const input = readStdin();
      // The compaction drops what the hooks gave: SessionStart (compact) gives the brief again, and
      // the reminders come again as files are edited.
      forget(ctx, conversationOf(input));
      if (!loaded) return SILENT;
      const trigger = typeof input.trigger === 'string' ? input.trigger : 'unknown';
      await recordCompaction(ctx, loaded, trigger);
      return SILENT;
    }
    if (name === 'user-prompt') {
      if (!loaded) return SILENT;
      const input = readStdin();
      const prompt = typeof input.prompt === 'string' ? input.prompt : '';
      if (!RESUME_PROMPT.test(prompt)) return SILENT;
      // Once in the conversation's context: not when SessionStart (after a compaction too) gave it.
      if (!giveBrief(ctx, conversationOf(input), loaded.state.id)) return SILENT;
      const text = await agentBrief(ctx, loaded, 80);
      return { json: null, text: `git-session: the context of this branch's session.\n\n${text}` };
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
      if (!firstTime(ctx, 'git-session-reminded', latest.id)) return { json: null, text: '' };
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
