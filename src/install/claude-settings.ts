// Our entries in Claude Code's `.claude/settings.json`: SessionStart prints the brief into the
// agent's context, UserPromptSubmit gives the short brief when the user says "continue",
// PreCompact notes a checkpoint and counts compactions, Stop reminds to leave a handoff,
// SessionEnd writes the handoff when the work changed since the last one, and PreToolUse gives the
// decisions in force behind a file the agent edits (once per file per conversation). Edited in
// place with jsonc-parser, so everything else in the file — other hooks, key
// order, indentation, comments, line ends — stays byte for byte; a file that does not parse is
// refused, never rewritten. Pure: text in, text out.

import { findNodeAtLocation, type Node, type ParseError, parse, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Json, ownLineIndent, pretty, styleOf } from './jsonc-edit.js';

export type ClaudeEvent = 'SessionStart' | 'UserPromptSubmit' | 'PreCompact' | 'Stop' | 'SessionEnd' | 'PreToolUse';

const MARK = 'git session agent hook';
/** Silent when git-session is not installed for whoever opens the project. */
const command = (name: string) => `command -v git-session >/dev/null 2>&1 && ${MARK} ${name} || true`;

export const CLAUDE_HOOKS: Record<ClaudeEvent, { matcher?: string; command: string; timeout?: number }> = {
  SessionStart: { matcher: 'startup|resume|clear|compact', command: command('session-start') },
  UserPromptSubmit: { command: command('user-prompt') },
  PreCompact: { matcher: 'manual|auto', command: command('pre-compact') },
  Stop: { command: command('stop') },
  SessionEnd: { command: command('session-end') },
  // An exact list (letters and `|` only, so not a regex: `Edit` never matches NotebookEdit).
  // MultiEdit left Claude Code in 2.0; kept for older installs, a name that never fires costs
  // nothing. The edit waits for the hook: a short timeout, after which Claude Code goes on.
  PreToolUse: { matcher: 'Edit|Write|MultiEdit', command: command('pre-tool-use'), timeout: 10 },
};
const EVENTS = Object.keys(CLAUDE_HOOKS) as ClaudeEvent[];

export class SettingsError extends Error {}

type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function read(text: string): Obj {
  const errors: ParseError[] = [];
  const v: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  const first = errors[0];
  if (first)
    throw new SettingsError(
      `not valid JSON (${printParseErrorCode(first.error)} at ${lineAndColumn(text, first.offset)})`,
    );
  if (!isObj(v)) throw new SettingsError('not a JSON object at the top level');
  if (v.hooks !== undefined && !isObj(v.hooks)) throw new SettingsError('not usable: "hooks" is not an object');
  for (const event of EVENTS) {
    const list = isObj(v.hooks) ? v.hooks[event] : undefined;
    if (list !== undefined && !Array.isArray(list))
      throw new SettingsError(`not usable: "hooks.${event}" is not an array`);
  }
  return v;
}

/** `entry` added as the last member of the object or array `node`. */
function append(text: string, node: Node, entry: (indent: string) => string): string {
  const style = styleOf(text);
  const last = node.children?.[node.children.length - 1];
  if (last) {
    const end = last.offset + last.length;
    const indent = ownLineIndent(text, last.offset);
    const insert =
      indent === null ? `, ${entry('').replace(/\r?\n\s*/g, ' ')}` : `,${style.eol}${indent}${entry(indent)}`;
    return text.slice(0, end) + insert + text.slice(end);
  }
  const outer =
    ownLineIndent(text, node.offset) ?? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', node.offset) + 1))![0];
  const inner = outer + style.unit;
  const [open, close] = node.type === 'array' ? ['[', ']'] : ['{', '}'];
  const body = `${open}${style.eol}${inner}${entry(inner)}${style.eol}${outer}${close}`;
  return text.slice(0, node.offset) + body + text.slice(node.offset + node.length);
}

function appendProperty(text: string, object: Node, key: string, value: Json): string {
  const style = styleOf(text);
  return append(text, object, (indent) => `${JSON.stringify(key)}: ${pretty(value, indent, style)}`);
}

function appendElement(text: string, array: Node, value: Json): string {
  const style = styleOf(text);
  return append(text, array, (indent) => pretty(value, indent, style));
}

/** Our group added to `hooks[event]`, creating what is missing on the way. */
function addGroup(text: string, event: ClaudeEvent): string {
  const tree = parseTree(text)!;
  const list = findNodeAtLocation(tree, ['hooks', event]);
  if (list) return appendElement(text, list, groupFor(event));
  const hooks = findNodeAtLocation(tree, ['hooks']);
  if (hooks) return appendProperty(text, hooks, event, [groupFor(event)]);
  return appendProperty(text, tree, 'hooks', { [event]: [groupFor(event)] });
}

/** The member at `path` taken out together with the comma and line break that came with it. */
function remove(text: string, path: (string | number)[]): string {
  const found = findNodeAtLocation(parseTree(text)!, path);
  if (!found) return text;
  // An object's member is its property node (key and value), an array's is the value itself.
  const member = found.parent?.type === 'property' ? found.parent : found;
  const siblings = member.parent?.children ?? [member];
  const i = siblings.indexOf(member);
  const prev = siblings[i - 1];
  const next = siblings[i + 1];
  const end = member.offset + member.length;
  if (prev) return text.slice(0, prev.offset + prev.length) + text.slice(end);
  if (next) return text.slice(0, member.offset) + text.slice(next.offset);
  const container = member.parent!;
  const [open, close] = container.type === 'array' ? ['[', ']'] : ['{', '}'];
  return text.slice(0, container.offset) + open + close + text.slice(container.offset + container.length);
}

function ours(group: Json | undefined): boolean {
  return (
    isObj(group) &&
    Array.isArray(group.hooks) &&
    group.hooks.some((h) => isObj(h) && typeof h.command === 'string' && h.command.includes(MARK))
  );
}

function groupFor(event: ClaudeEvent): Obj {
  const spec = CLAUDE_HOOKS[event];
  return {
    ...(spec.matcher ? { matcher: spec.matcher } : {}),
    hooks: [{ type: 'command', command: spec.command, timeout: spec.timeout ?? 30 }],
  };
}

const listOf = (v: Obj, event: ClaudeEvent): Json[] =>
  isObj(v.hooks) && Array.isArray(v.hooks[event]) ? (v.hooks[event] as Json[]) : [];

/** Our groups of one event, removed from the last to the first so indexes stay right. */
function withoutOurs(text: string, event: ClaudeEvent): string {
  const list = listOf(read(text), event);
  let out = text;
  for (let i = list.length - 1; i >= 0; i--) if (ours(list[i])) out = remove(out, ['hooks', event, i]);
  return out;
}

export function installedEvents(text: string | null): ClaudeEvent[] {
  if (text === null || text.trim() === '') return [];
  let v: Obj;
  try {
    v = read(text);
  } catch {
    return [];
  }
  return EVENTS.filter((e) => listOf(v, e).some(ours));
}

/** The settings with our three hook entries (an older copy of one is replaced). */
export function addClaudeHooks(text: string | null): string {
  let out = text === null || text.trim() === '' ? '{}\n' : text;
  read(out);
  for (const event of EVENTS) {
    const want = JSON.stringify(groupFor(event));
    const mine = listOf(read(out), event).filter(ours);
    if (mine.length === 1 && JSON.stringify(mine[0]) === want) continue;
    out = withoutOurs(out, event);
    out = addGroup(out, event);
  }
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** The settings without our entries; null when nothing else is left in them (the file can go). */
export function removeClaudeHooks(text: string | null): string | null {
  if (text === null || text.trim() === '') return text;
  let out = text;
  for (const event of EVENTS) {
    if (!listOf(read(out), event).some(ours)) continue;
    out = withoutOurs(out, event);
    if (listOf(read(out), event).length === 0) out = remove(out, ['hooks', event]);
  }
  const v = read(out);
  if (isObj(v.hooks) && Object.keys(v.hooks).length === 0 && out !== text) out = remove(out, ['hooks']);
  return Object.keys(read(out)).length === 0 ? null : out;
}
