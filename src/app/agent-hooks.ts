// What git-session's agent hooks say, whichever agent runs them (Claude Code, Cursor, Codex,
// Gemini CLI): the brief when a conversation starts, the short brief when the user says
// "continue", the decisions behind a file the agent edits, a checkpoint note before a context
// compaction, a reminder to leave a handoff when the agent stops, and the handoff itself when its
// session ends with work not handed off. Each agent's question and answer forms are
// codec/agent-hook-io.ts; this decides what the answer is.

import type { HookAnswer, HookInput, HookRole } from '../codec/agent-hook-io.js';
import { buildBrief } from '../core/brief.js';
import { isOpen } from '../core/fold.js';
import { workSinceHandoff } from '../core/handoff.js';
import { renderBriefMarkdown } from '../render/brief-markdown.js';
import { safeLine } from '../render/term.js';
import { firstTime, ourCursorHooks, recordCompaction } from './agent.js';
import { forget, giveBrief } from './agent-memory.js';
import { briefInput } from './brief-inputs.js';
import type { Context } from './context.js';
import { reminderFor } from './edit-reminder.js';
import { writeHandoff } from './handoff.js';
import { currentSession, type Loaded, loadAllSessions } from './sessions.js';

export interface HookResult {
  answer: HookAnswer;
  /** Lines for the agent's log (stderr). */
  notes: string[];
}

const nothing: HookResult = { answer: {}, notes: [] };

/** What a user says to pick up where things were: the agent then gets the short brief. */
const RESUME_PROMPT = /^\s*(continue|resume|go on|carry on|keep going|pick (it |this )?up|where (were|did) we)\b/i;

/** The brief as an agent gets it: fitted to brief.max_lines (or fewer) and brief.agent_max_tokens. */
async function agentBrief(ctx: Context, loaded: Loaded, maxLines?: number): Promise<string> {
  const config = await ctx.config();
  return renderBriefMarkdown(
    buildBrief(await briefInput(ctx, loaded)),
    Math.min(config.brief.max_lines, maxLines ?? config.brief.max_lines),
    config.brief.agent_max_tokens,
  ).text.trimEnd();
}

const conversationOf = (input: HookInput) => input.conversation ?? 'unknown';

async function sessionStart(
  ctx: Context,
  branch: string | null,
  loaded: Loaded | null,
  input: HookInput,
): Promise<HookResult> {
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
    return { answer: { context: lines.join('\n') }, notes: [] };
  }
  const brief = await agentBrief(ctx, loaded);
  if (input.source === 'resume') giveBrief(ctx, conversation, loaded.state.id);
  else forget(ctx, conversation, loaded.state.id);
  return { answer: { context: brief }, notes: [] };
}

async function userPrompt(ctx: Context, loaded: Loaded, input: HookInput): Promise<HookResult> {
  if (!RESUME_PROMPT.test(input.prompt)) return nothing;
  // Once in the conversation's context: not when SessionStart (after a compaction too) gave it.
  if (!giveBrief(ctx, conversationOf(input), loaded.state.id)) return nothing;
  const brief = await agentBrief(ctx, loaded, 80);
  return { answer: { context: `git-session: the context of this branch's session.\n\n${brief}` }, notes: [] };
}

function stop(ctx: Context, loaded: Loaded, input: HookInput): HookResult {
  // The agent already goes on because of a stop hook, or the turn was cut short: never ask (no loops).
  if (input.continuing || input.interrupted) return nothing;
  const latest = workSinceHandoff(loaded.local);
  if (!latest) return nothing;
  // One reminder per batch of changes: remember what was reminded about.
  if (!firstTime(ctx, 'git-session-reminded', latest.id)) return nothing;
  const followup = `git-session: session '${loaded.state.name}' changed since its last handoff. Before stopping, record where you are: \`git session log --next "<concrete next step>"\` and \`git session next "<what the next session must know>"\` (or \`git session handoff --write\`).`;
  return { answer: { followup }, notes: [] };
}

/**
 * The answer of `role` to an agent's hook. Never throws for the agent's sake: the caller turns
 * an error into the agent's "carry on" and one line on stderr.
 */
export async function answerHook(ctx: Context, role: HookRole, input: HookInput, claude: boolean): Promise<HookResult> {
  // Cursor also runs Claude Code's hooks (its third-party hooks setting): where its own hooks are
  // installed they answer, and the Claude ones stay silent, so nothing is said twice.
  if (claude && input.fromCursor && ourCursorHooks(ctx)) return nothing;
  if (role === 'file-edit') {
    // The decisions behind a file are every session's, whether or not this branch has one.
    const context = reminderFor(ctx, conversationOf(input), input.files, input.cwd ?? ctx.cwd);
    return context ? { answer: { context }, notes: [] } : nothing;
  }
  // The compaction drops what the hooks gave: a session start after it (where the agent has one)
  // gives the brief again, and the reminders come again as files are edited.
  if (role === 'pre-compact') forget(ctx, conversationOf(input));
  const { branch, loaded } = currentSession(ctx);
  if (role === 'session-start') return sessionStart(ctx, branch, loaded, input);
  if (!loaded) return nothing;
  switch (role) {
    case 'user-prompt':
      return userPrompt(ctx, loaded, input);
    case 'pre-compact':
      await recordCompaction(ctx, loaded, input.trigger);
      return nothing;
    case 'stop':
      return stop(ctx, loaded, input);
    case 'session-end': {
      if (!workSinceHandoff(loaded.local)) return nothing;
      const written = await writeHandoff(ctx, loaded, undefined);
      return { answer: {}, notes: [`git-session: wrote ${safeLine(written.path)} for the next session`] };
    }
  }
}
