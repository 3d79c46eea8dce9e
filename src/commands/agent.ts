// `git session agent install|uninstall|status claude|agents-md`, and `agent hook …`, what the
// installed Claude Code hooks run: the brief at session start and when the user says "continue",
// a checkpoint note before a context compaction, a reminder to leave a handoff when the agent
// stops, and the handoff itself when the agent's session ends with work not handed off.

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
import { briefInput } from '../app/brief-inputs.js';
import type { Context } from '../app/context.js';
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
      await recordCompaction(ctx, loaded, trigger);
      return { json: null, text: '' };
    }
    if (name === 'user-prompt') {
      if (!loaded) return { json: null, text: '' };
      const input = readStdin();
      const prompt = typeof input.prompt === 'string' ? input.prompt : '';
      if (!RESUME_PROMPT.test(prompt)) return { json: null, text: '' };
      // Once per agent conversation: the brief is in its context after that.
      const conversation = typeof input.session_id === 'string' ? input.session_id : 'unknown';
      if (!firstTime(ctx, 'git-session-prompted', `${conversation} ${loaded.state.id}`))
        return { json: null, text: '' };
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
