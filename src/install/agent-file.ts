// What installing git-session into a coding agent's configuration file means, as values: the
// bytes to write (or the file to delete), a typed refusal, or nothing to do — plus the record that
// lets uninstall give back the exact bytes from before. Every agent's planner (cursor-config.ts,
// codex-config.ts, gemini-settings.ts, opencode-config.ts, claude-mcp.ts) has this shape; the
// caller reads the file, keeps the records, and writes. Pure.

/** A file git-session will not edit, and why; line and column (1-based) point at the problem. */
export class ConfigFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
    /** What to do about it, when the default hint of the action does not fit. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * Kept by the caller per file, between an install and the uninstall: the bytes before git-session
 * first touched the file (null: there was no file), the bytes its last change left, and which
 * parts (planner ids) it installed there. While the file is still exactly `after`, uninstalling
 * the last part gives back `before`; once someone edited it, only git-session's entries are taken
 * out. A record without `parts` (as `agent install claude` keeps them) counts as one part.
 */
export interface InstallRecord {
  before: string | null;
  after: string;
  parts?: string[];
}

export interface Refusal {
  /** Completes "<file> is …": `not valid JSON (ValueExpected at line 3, column 5)`. */
  reason: string;
  line?: number;
  column?: number;
  hint: string;
}

export type FilePlan =
  /** Nothing to write. `record` replaces the one kept for the file (null: forget it). */
  | { action: 'none'; record: InstallRecord | null; summary: string }
  | { action: 'write'; content: string; record: InstallRecord | null; summary: string }
  /** The file goes: git-session had created it and nothing else is in it. */
  | { action: 'delete'; record: null; summary: string }
  /** The file is left exactly as it is. */
  | { action: 'refuse'; refusal: Refusal };

export type PartState =
  /** Every wanted entry is there, as git-session writes it. */
  | 'installed'
  /** Some of git-session's entries are there, not all, or not as it writes them now. */
  | 'partial'
  | 'absent'
  /** Something of the user's stands where git-session's entry would go. */
  | 'conflict'
  /** The file cannot be read as the agent's format. */
  | 'unreadable';

export interface PartStatus {
  state: PartState;
  /** One line for people: "sessionStart, postToolUse, stop" or "not installed". */
  detail: string;
  /** What of git-session's is in the file (hook roles, or the server name). */
  found: string[];
  /** What was asked for and is not there as wanted. */
  missing: string[];
  /** Facts that stop the entries from running although they are there. */
  notes: string[];
  line?: number;
  column?: number;
}

export interface AgentFilePlanner<Options> {
  /** The planner's id, the part name in an InstallRecord: `cursor-hooks`. */
  part: string;
  /** The file, relative to the top of the work tree, `/`-separated. */
  path: string;
  /** For messages: "the Cursor hooks file". */
  what: string;
  install(current: string | null, options: Options, record?: InstallRecord | null): FilePlan;
  uninstall(current: string | null, record?: InstallRecord | null): FilePlan;
  status(current: string | null, options: Options): PartStatus;
}

export interface Removal {
  text: string;
  /** Nothing is left that anyone but git-session wrote (the file can go if git-session made it). */
  empty: boolean;
}

export interface PlannerParts<Options> {
  part: string;
  path: string;
  what: string;
  /** The file with our entries as `options` asks; throws ConfigFileError to refuse. */
  add(current: string | null, options: Options): string;
  /** The file without our entries; throws ConfigFileError to refuse. */
  remove(current: string): Removal;
  /** Whether any of our entries (of this part) is in the file; throws ConfigFileError when it cannot be read. */
  present(current: string | null): boolean;
  status(current: string | null, options: Options): PartStatus;
  /** "added the git-session MCP server" */
  added: string;
}

const INSTALL_HINT = 'fix the file, then run the install again';
const UNINSTALL_HINT = 'remove the git-session entries by hand';

function refusal(e: unknown, hint: string): FilePlan {
  if (!(e instanceof ConfigFileError)) throw e;
  return {
    action: 'refuse',
    refusal: {
      reason: e.message,
      hint: e.hint ?? hint,
      ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}),
    },
  };
}

const partsOf = (record: InstallRecord, part: string) => record.parts ?? [part];

export function makePlanner<Options>(p: PlannerParts<Options>): AgentFilePlanner<Options> {
  return {
    part: p.part,
    path: p.path,
    what: p.what,
    status: p.status,
    install(current, options, record) {
      let after: string;
      try {
        after = p.add(current, options);
      } catch (e) {
        return refusal(e, INSTALL_HINT);
      }
      const valid = record && record.after === current ? record : null;
      if (after === current) return { action: 'none', record: valid, summary: 'already installed' };
      let next: InstallRecord | null;
      if (valid) next = { before: valid.before, after, parts: [...new Set([...partsOf(valid, p.part), p.part])] };
      // Over entries of ours that no record explains, the bytes before them are unknown:
      // uninstall will take the entries out instead of restoring anything.
      else if (p.present(current)) next = null;
      else next = { before: current, after, parts: [p.part] };
      return { action: 'write', content: after, record: next, summary: p.added };
    },
    uninstall(current, record) {
      if (current === null) return { action: 'none', record: null, summary: 'nothing installed' };
      const valid = record && record.after === current ? record : null;
      try {
        if (valid && partsOf(valid, p.part).includes(p.part)) {
          const parts = partsOf(valid, p.part).filter((x) => x !== p.part);
          if (parts.length === 0) {
            if (valid.before === null)
              return { action: 'delete', record: null, summary: 'removed the file (git-session had created it)' };
            if (valid.before === current) return { action: 'none', record: null, summary: 'nothing installed' };
            return {
              action: 'write',
              content: valid.before,
              record: null,
              summary: 'back as it was before the install',
            };
          }
          const { text } = p.remove(current);
          return {
            action: 'write',
            content: text,
            record: { before: valid.before, after: text, parts },
            summary: 'removed the git-session entries',
          };
        }
        if (!p.present(current)) return { action: 'none', record: valid, summary: 'nothing installed' };
        const { text, empty } = p.remove(current);
        if (empty && record?.before === null)
          return { action: 'delete', record: null, summary: 'removed the file (git-session had created it)' };
        let next: InstallRecord | null = null;
        if (valid && valid.before !== null) {
          // Entries that were there before the record began leave its "before" too.
          try {
            next = { ...valid, before: p.remove(valid.before).text, after: text };
          } catch {
            next = null;
          }
        } else if (valid) next = { ...valid, after: text };
        return { action: 'write', content: text, record: next, summary: 'removed the git-session entries' };
      } catch (e) {
        return refusal(e, UNINSTALL_HINT);
      }
    },
  };
}

/** The status of a file that cannot be read. */
export function unreadable(e: unknown): PartStatus {
  if (!(e instanceof ConfigFileError)) throw e;
  return {
    state: 'unreadable',
    detail: e.message,
    found: [],
    missing: [],
    notes: [],
    ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}),
  };
}

// ---- what the hooks run -------------------------------------------------------------------------

/**
 * What every hook command of git-session contains, whatever agent it serves: how an entry is
 * recognised as ours (and left alone when it is not).
 */
export const AGENT_HOOK_MARK = /\bgit[ -]session agent hook\b/;

export function isAgentHookCommand(command: unknown): boolean {
  return typeof command === 'string' && AGENT_HOOK_MARK.test(command);
}

/** A hook command given to a planner must be recognisable as ours later, or uninstall could not find it. */
export function checkHookCommand(command: string): string {
  if (!isAgentHookCommand(command) || /[\r\n]/.test(command))
    throw new Error(`not a git-session agent hook command: ${JSON.stringify(command)}`);
  return command;
}

/**
 * `git session agent hook <args>` guarded so that a project opened where git-session is not
 * installed runs nothing and fails nothing. `fallback: 'json'` prints `{}` then, for agents that
 * read every hook's stdout as JSON (Cursor; Codex's Stop).
 */
export function guardedHookCommand(args: string, fallback: 'silent' | 'json' = 'silent'): string {
  const run = `git session agent hook ${args}`;
  return fallback === 'json'
    ? `if command -v git-session >/dev/null 2>&1; then ${run}; else echo '{}'; fi`
    : `command -v git-session >/dev/null 2>&1 && ${run} || true`;
}

// ---- the MCP server ---------------------------------------------------------------------------

/** How an agent starts git-session's MCP server. */
export interface McpServerCommand {
  command: string;
  args: string[];
}

export const MCP_SERVER_NAME = 'git-session';
export const GIT_SESSION_MCP: McpServerCommand = { command: 'git', args: ['session', 'mcp'] };

/** An MCP entry is git-session's when it starts `git session mcp` (or `git-session mcp`), whatever follows. */
export function runsGitSessionMcp(argv: readonly unknown[]): boolean {
  return (
    (argv[0] === 'git' && argv[1] === 'session' && argv[2] === 'mcp') ||
    (argv[0] === 'git-session' && argv[1] === 'mcp')
  );
}
