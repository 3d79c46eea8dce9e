// The six tools of `git session mcp`, each one a git-session command run in-process: the same
// checks, the same store lock, the same output a person gets (without colour). Lean by design — a
// coding agent pays for every byte of `tools/list` in every conversation — so descriptions are
// one line and every tool shares the same optional `cwd` and `session`.

import * as z from 'zod/v4';
import type { Context } from '../app/context.js';
import type { Io, Output } from '../commands/output.js';
import { SEARCH_KINDS, type SearchKind, splitQuery } from '../core/search.js';
import { usageError } from '../model/errors.js';
import { JOURNAL_KINDS } from '../model/events.js';
import { MAX_TEXT_BYTES } from '../model/text.js';

const cwd = z.string().min(1).max(4096).optional().describe('repository directory (default: where the server runs)');
const session = z.string().min(1).max(200).optional().describe('session name, id or branch (default: this branch)');
const text = (what: string) => z.string().min(1).max(MAX_TEXT_BYTES).describe(what);

export const RECORD_KINDS = ['objective', 'decision', 'blocker', ...JOURNAL_KINDS, 'resolve'] as const;

export interface ToolSpec<S extends z.ZodObject> {
  name: string;
  description: string;
  input: S;
  readOnly: boolean;
  run(ctx: Context, io: Io, args: z.infer<S>): Promise<Output>;
}

const spec = <S extends z.ZodObject>(t: ToolSpec<S>): ToolSpec<S> => t;

/** `rationale`, `alternatives`, `supersedes` and `item` belong to some kinds: elsewhere they are refused, never dropped. */
function onlyFor(kind: string, given: Record<string, unknown>, allowed: Record<string, readonly string[]>): void {
  for (const [field, kinds] of Object.entries(allowed))
    if (given[field] !== undefined && !kinds.includes(kind))
      throw usageError(`${field} goes with kind ${kinds.join(' or ')}, not ${kind}`, 'leave it out, or use that kind');
}

export const TOOLS = [
  spec({
    name: 'brief',
    description:
      "This branch's session brief: what is built, decided, done, next, to watch. Read it first when starting or resuming work.",
    input: z.object({
      cwd,
      session,
      max_tokens: z.number().int().min(100).max(100_000).optional().describe('token budget (default 2000)'),
    }),
    readOnly: true,
    run: async (ctx, io, a) => {
      const maxTokens = a.max_tokens ?? (await ctx.config()).brief.agent_max_tokens;
      return (await import('../commands/brief.js')).brief(ctx, io, { session: a.session, maxTokens });
    },
  }),
  spec({
    name: 'status',
    description: 'Where the session stands: objectives, blockers, recent decisions, next steps, uncommitted work.',
    input: z.object({ cwd, session }),
    readOnly: true,
    run: async (ctx, io, a) =>
      (await import('../commands/status.js')).status(ctx, io, {
        objectives: false,
        verbose: false,
        session: a.session,
      }),
  }),
  spec({
    name: 'record',
    description:
      'Record in the session: an objective, a decision (with rationale; supersedes replaces an earlier one), a blocker, progress, a discovery, a next step, done (completes the objective named), or resolve (a blocker: item).',
    input: z.object({
      cwd,
      session,
      kind: z.enum(RECORD_KINDS),
      text: text('the text (resolve: how it was resolved)'),
      rationale: text('decision: why').optional(),
      alternatives: text('decision: what else was considered').optional(),
      supersedes: z.string().min(1).max(100).optional().describe('decision: id of the decision it replaces'),
      item: z.string().min(1).max(200).optional().describe('resolve: the blocker number or id'),
    }),
    readOnly: false,
    run: async (ctx, io, a) => {
      onlyFor(a.kind, a, {
        rationale: ['decision'],
        alternatives: ['decision'],
        supersedes: ['decision'],
        item: ['resolve'],
      });
      const items = await import('../commands/items.js');
      switch (a.kind) {
        case 'objective':
          return items.items(ctx, io, 'objectives', 'add', [a.text], { session: a.session });
        case 'blocker':
          return items.items(ctx, io, 'blockers', 'add', [a.text], { session: a.session });
        case 'decision':
          if (a.supersedes !== undefined)
            return items.supersede(ctx, io, {
              ref: a.supersedes,
              text: a.text,
              rationale: a.rationale,
              alternatives: a.alternatives,
              session: a.session,
            });
          return items.items(ctx, io, 'decisions', 'add', [a.text], {
            session: a.session,
            rationale: a.rationale,
            alternatives: a.alternatives,
          });
        case 'resolve':
          if (a.item === undefined) throw usageError('resolve needs item: the blocker number or id', 'item: "1"');
          return items.items(ctx, io, 'blockers', 'resolve', [a.item], { session: a.session, note: a.text });
        default: {
          const kind = a.kind;
          const entries = (k: string) => (k === kind ? [a.text] : []);
          return (await import('../commands/log.js')).log(ctx, io, {
            progress: entries('progress'),
            discovery: entries('discovery'),
            next: entries('next'),
            done: entries('done'),
            decision: [],
            blocker: [],
            session: a.session,
          });
        }
      }
    },
  }),
  spec({
    name: 'handoff',
    description:
      'The handoff for whoever continues; note adds a handoff note first, write puts the document in NEXT_SESSION.md.',
    input: z.object({
      cwd,
      session,
      note: text('a note for the next session').optional(),
      write: z.boolean().optional().describe('write NEXT_SESSION.md'),
    }),
    readOnly: false,
    run: async (ctx, io, a) => {
      const handoff = await import('../commands/handoff.js');
      const noted = a.note === undefined ? null : await handoff.next(ctx, io, a.note, { session: a.session });
      const doc = await handoff.handoff(ctx, io, { write: a.write === true, session: a.session });
      return noted ? { ...doc, text: `${noted.text}\n\n${doc.text}` } : doc;
    },
  }),
  spec({
    name: 'why',
    description:
      'The sessions, decisions (current and replaced) and objectives behind a file, folder or lines (path:10-20). Use before changing code.',
    input: z.object({ cwd, path: z.string().min(1).max(4096).describe('path, path:LINE or path:FROM-TO') }),
    readOnly: true,
    run: async (ctx, io, a) => (await import('../commands/why.js')).why(ctx, io, a.path),
  }),
  spec({
    name: 'search',
    description:
      'Search objectives, decisions, blockers, journal entries and handoff notes of every session, ended ones too.',
    input: z.object({
      cwd,
      query: z.string().min(1).max(1000).describe('words that must all appear; "quoted phrase" for one'),
      kind: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
      limit: z.number().int().min(1).max(100).optional().describe('at most this many, newest first (default 20)'),
    }),
    readOnly: true,
    run: async (ctx, io, a) => {
      const out = await (await import('../commands/search.js')).search(ctx, io, {
        terms: splitQuery(a.query),
        kinds: (a.kind ?? []) as SearchKind[],
        maxCount: a.limit ?? 20,
      });
      // No match is an answer, not a failure.
      return { ...out, exitCode: 0 };
    },
  }),
] as const;
