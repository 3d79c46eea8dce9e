// `.session/config.yaml`: shared, tracked settings. A wrong value is an error that names the key —
// a setting silently ignored is worse than none — while a key git-session does not know is only a
// warning (one line on every command), so a file written for another version, or for seed 001's
// tool, never stops anyone. Seed 001's keys are accepted: mapped where git-session has the same
// setting, warned about where it has none (docs/config.md).

import { parseDocument } from 'yaml';
import { MAX_ALLOW_PATTERN_LENGTH, MAX_ALLOW_PATTERNS } from '../model/text.js';

export interface Config {
  version: 1;
  trailers: {
    /** Add session trailers to commits at all (false: `mode` is `off`). */
    enabled: boolean;
    /** Carry journal entries (progress, discoveries, next steps) as `Session-Log:` trailers. */
    journal: boolean;
    /**
     * What commits carry: `full` (the session's items), `id` (only `Session: <id>`) or `off`
     * (nothing; the commits still join the session). With `id` and `off` the session refs carry
     * the rest (docs/sync.md).
     */
    mode: TrailerMode;
  };
  /** Team sync (docs/sync.md). */
  sync: {
    /** Where session refs go on remotes: `refs/sessions`, or a branch namespace such as `refs/heads/git-session`. */
    refs: string;
    /** Push the session refs before every push (the pre-push hook). */
    push: boolean;
  };
  /**
   * The living session file, rewritten on every change and branch switch: SESSION.md at `path`
   * (seed 004's structure), or with `format: agents` `.agents/sessions/<created>-<name>.md` (seed 002's).
   */
  session_file: { enabled: boolean; path: string; format: SessionFileFormat };
  handoff: {
    path: string;
    /** `end` also writes the handoff, as `end --handoff` does (seed 001's `session.handoff_on_end`). */
    on_end: boolean;
  };
  /** Every decision also goes to this tracked file, so decisions show in code review. */
  decisions_log: { enabled: boolean; path: string };
  /**
   * `max_lines`: what the brief fits by default. `agent_max_tokens`: the budget, in estimated
   * tokens (model/text.ts), of the brief the agent hooks and the MCP brief tool give.
   */
  brief: { max_lines: number; agent_max_tokens: number };
  /** Uncommitted files that are expected, not warned about (SESSION.md, notes for agents...). */
  uncommitted: { expected: string[] };
  /** How to check the work; the brief and handoff show it (else it is found in the project's files). */
  commands: { test: string | null };
  /** What the code must follow, shown by the brief under "How we build it" (seed 001's `context`). */
  context: { architecture: string | null; patterns: string[] };
  /**
   * Which commits' trailers rebuild counts: `all`, or only `signed` ones git verifies (`%G?` is
   * G). The user's git config `session.trust` overrides it (docs/reliability.md, "Trust model").
   */
  trust: Trust;
  /** Checks of acceptance criteria and phases (`verify`, `phase complete`): stopped after `timeout` seconds. */
  checks: { timeout: number };
  /** Decisions also written as numbered ADR files (MADR) in this folder; null: none. */
  adr: { dir: string | null };
  /** The phase plan: a tracked file shared by every session (docs/phases.md). */
  phases: { path: string };
  /**
   * Values the secret rules find that are not secrets: RE2 patterns tried against the value
   * found (core/secret-allow.ts). Checked for syntax where the file is read (app/context.ts).
   */
  secrets: { allow: string[] };
}

/** The configuration and what to warn about it (unknown keys, keys without effect). */
export interface ReadConfig {
  config: Config;
  warnings: string[];
}

export type SessionFileFormat = 'session-md' | 'agents';
export const SESSION_FILE_FORMATS: readonly SessionFileFormat[] = ['session-md', 'agents'];

export type Trust = 'all' | 'signed';
export type TrailerMode = 'full' | 'id' | 'off';
export const TRAILER_MODES: readonly TrailerMode[] = ['full', 'id', 'off'];
export const TRUST_MODES: readonly Trust[] = ['all', 'signed'];

export const DEFAULT_CONFIG: Config = {
  version: 1,
  trailers: { enabled: true, journal: true, mode: 'full' },
  sync: { refs: 'refs/sessions', push: true },
  session_file: { enabled: false, path: 'SESSION.md', format: 'session-md' },
  handoff: { path: 'NEXT_SESSION.md', on_end: false },
  decisions_log: { enabled: true, path: '.session/decisions.md' },
  brief: { max_lines: 200, agent_max_tokens: 2000 },
  uncommitted: { expected: ['SESSION.md', 'NEXT_SESSION.md', 'CLAUDE.md', 'AGENTS.md'] },
  commands: { test: null },
  context: { architecture: null, patterns: [] },
  trust: 'all',
  checks: { timeout: 600 },
  adr: { dir: null },
  phases: { path: '.session/phases.yaml' },
  secrets: { allow: [] },
};

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

type Shape = { [key: string]: 'boolean' | 'string' | 'number' | 'strings' | Shape };

const SHAPE: Shape = {
  version: 'number',
  trailers: { enabled: 'boolean', journal: 'boolean', mode: 'string' },
  sync: { refs: 'string', push: 'boolean' },
  session_file: { enabled: 'boolean', path: 'string', format: 'string' },
  handoff: { path: 'string', on_end: 'boolean' },
  decisions_log: { enabled: 'boolean', path: 'string' },
  brief: { max_lines: 'number', agent_max_tokens: 'number' },
  uncommitted: { expected: 'strings' },
  commands: { test: 'string' },
  context: { architecture: 'string', patterns: 'strings' },
  trust: 'string',
  checks: { timeout: 'number' },
  adr: { dir: 'string' },
  phases: { path: 'string' },
  secrets: { allow: 'strings' },
  // Seed 001's keys (its config.yaml): see SEED_KEYS.
  session: { auto_track: 'boolean', handoff_on_end: 'boolean' },
  tracking: { watch_patterns: 'strings' },
};

/** Seed 001's keys git-session has no setting for: accepted, and said to have no effect. */
const WITHOUT_EFFECT: Record<string, string> = {
  'session.auto_track': 'git-session records every commit through its hooks (trailers.enabled turns the trailers off)',
  'tracking.watch_patterns': "git-session follows every file the session's commits change",
};

/** Edit distance, for "did you mean" (keys are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function unknownKey(full: string, key: string, shape: Shape): string {
  const near = Object.keys(shape).find((k) => distance(k, key) <= 2);
  const prefix = full.slice(0, full.length - key.length);
  return `unknown key '${full}' ignored${near ? ` (did you mean '${prefix}${near}'?)` : ''}`;
}

/** Paths in the config are files of the working tree: relative, and never outside it. */
function checkPath(key: string, p: string): void {
  if (
    p.trim() === '' ||
    p.startsWith('/') ||
    p.includes('\0') ||
    p.split(/[\\/]/).includes('..') ||
    /^[a-zA-Z]:/.test(p)
  )
    throw new ConfigError(
      key,
      `'${key}' must be a path inside the repository (relative, without '..'), not ${JSON.stringify(p)}`,
    );
  if (p.split(/[\\/]/).some((s) => s.toLowerCase() === '.git'))
    throw new ConfigError(key, `'${key}' must not point into .git`);
}

const MAX_CONFIG_BYTES = 256 * 1024;

/** Check types; unknown keys are removed from `value` and reported in `unknown`. */
function check(value: unknown, shape: Shape, path: string, unknown: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(path || '(top level)', `${path || 'the file'} must be a mapping of keys to values`);
  const record = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(record)) {
    const full = path ? `${path}.${key}` : key;
    const want = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (want === undefined) {
      unknown.push(unknownKey(full, key, shape));
      delete record[key];
      continue;
    }
    if (typeof want === 'object') {
      check(v, want, full, unknown);
      continue;
    }
    const ok =
      want === 'strings'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : want === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : typeof v === want;
    if (!ok) throw new ConfigError(full, `'${full}' must be ${want === 'strings' ? 'a list of strings' : `a ${want}`}`);
  }
}

function merge<T>(base: T, over: unknown): T {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return (over ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out as T;
}

/**
 * Parse the text of config.yaml (an empty file means all defaults); errors throw, the rest is warned.
 * Long: one check per key, in the order of docs/config.md, each with its own message.
 */
export function readConfig(text: string): ReadConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES)
    throw new ConfigError('(file)', `the file is larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
  // maxAliasCount guards against alias bombs ("billion laughs"); unique keys are enforced.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}` : '';
    throw new ConfigError('(syntax)', `not valid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new ConfigError('(aliases)', `rejected: ${(e as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return { config: DEFAULT_CONFIG, warnings: [] };
  // `trailers: id` is short for `trailers: {mode: id}`.
  const top = value as Record<string, unknown>;
  if (typeof top === 'object' && typeof top.trailers === 'string') top.trailers = { mode: top.trailers };
  const warnings: string[] = [];
  check(value, SHAPE, '', warnings);
  const v = (value as { version?: number }).version;
  if (v !== undefined && v !== 1) throw new ConfigError('version', `'version' must be 1 (found ${v})`);
  const seed = value as {
    session?: { auto_track?: boolean; handoff_on_end?: boolean };
    tracking?: { watch_patterns?: string[] };
    handoff?: { on_end?: boolean };
  };
  for (const [key, why] of Object.entries(WITHOUT_EFFECT)) {
    const [group, name] = key.split('.') as [keyof typeof seed, string];
    if ((seed[group] as Record<string, unknown> | undefined)?.[name] !== undefined)
      warnings.push(`'${key}' has no effect: ${why}`);
  }
  // Seed 001's name for handoff.on_end; git-session's own key wins when both are set.
  const onEnd = seed.handoff?.on_end ?? seed.session?.handoff_on_end;
  delete seed.session;
  delete seed.tracking;
  const config = merge(DEFAULT_CONFIG, value);
  if (onEnd !== undefined) config.handoff = { ...config.handoff, on_end: onEnd };
  checkPath('session_file.path', config.session_file.path);
  checkPath('handoff.path', config.handoff.path);
  checkPath('decisions_log.path', config.decisions_log.path);
  checkPath('phases.path', config.phases.path);
  if (config.adr.dir !== null) checkPath('adr.dir', config.adr.dir);
  const timeout = config.checks.timeout;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86_400)
    throw new ConfigError(
      'checks.timeout',
      `'checks.timeout' must be a whole number of seconds from 1 to 86400 (found ${timeout})`,
    );
  if (!SESSION_FILE_FORMATS.includes(config.session_file.format))
    throw new ConfigError(
      'session_file.format',
      `'session_file.format' must be session-md or agents (found ${JSON.stringify(config.session_file.format)})`,
    );
  checkTrailers(config, (value as { trailers?: { mode?: unknown } }).trailers?.mode !== undefined);
  config.sync = { ...config.sync, refs: checkSyncRefs(config.sync.refs) };
  if (!TRUST_MODES.includes(config.trust))
    throw new ConfigError('trust', `'trust' must be all or signed (found ${JSON.stringify(config.trust)})`);
  const max = config.brief.max_lines;
  if (!Number.isInteger(max) || max < 20 || max > 10_000)
    throw new ConfigError(
      'brief.max_lines',
      `'brief.max_lines' must be a whole number from 20 to 10000 (found ${max})`,
    );
  const tokens = config.brief.agent_max_tokens;
  if (!Number.isInteger(tokens) || tokens < 200 || tokens > 100_000)
    throw new ConfigError(
      'brief.agent_max_tokens',
      `'brief.agent_max_tokens' must be a whole number from 200 to 100000 (found ${tokens})`,
    );
  const test = config.commands.test;
  if (test !== null && (test.trim() === '' || /[\r\n\0]/.test(test) || test.length > 1000))
    throw new ConfigError('commands.test', "'commands.test' must be one line of shell, such as npm test");
  const arch = config.context.architecture;
  if (arch !== null && (/[\r\n\0]/.test(arch) || arch.length > 200))
    throw new ConfigError('context.architecture', "'context.architecture' must be a short line, such as hexagonal");
  if (config.context.patterns.length > 50 || config.context.patterns.some((p) => /[\r\n\0]/.test(p) || p.length > 200))
    throw new ConfigError('context.patterns', "'context.patterns' must be at most 50 short lines");
  checkSecretsAllow(config.secrets.allow);
  return { config, warnings };
}

/** `secrets.allow` bounded, as its patterns come with the repository (app/context.ts checks their syntax). */
function checkSecretsAllow(allow: readonly string[]): void {
  const badAllow = allow.findIndex((p) => p === '' || p.length > MAX_ALLOW_PATTERN_LENGTH || p.includes('\0'));
  if (allow.length > MAX_ALLOW_PATTERNS || badAllow >= 0)
    throw new ConfigError(
      'secrets.allow',
      allow.length > MAX_ALLOW_PATTERNS
        ? `'secrets.allow' has more than ${MAX_ALLOW_PATTERNS} patterns`
        : `'secrets.allow' pattern ${badAllow + 1} must be a regular expression of 1 to ${MAX_ALLOW_PATTERN_LENGTH} characters`,
    );
}

/** `trailers.mode` checked; `enabled: false` without a mode is `off`, and `enabled` follows the mode. */
function checkTrailers(config: Config, modeGiven: boolean): void {
  const t = config.trailers;
  if (!TRAILER_MODES.includes(t.mode))
    throw new ConfigError('trailers.mode', `'trailers' must be full, id or off (found ${JSON.stringify(t.mode)})`);
  const mode: TrailerMode = modeGiven ? t.mode : t.enabled ? 'full' : 'off';
  config.trailers = { ...t, mode, enabled: mode !== 'off' };
}

/**
 * Where session refs go on a remote: `refs/sessions`, or a namespace of branches (`refs/heads/…`)
 * for hosts that accept only branches. The file comes with the repository: nothing else is
 * accepted (never tags, never a branch itself), so a clone's config cannot aim the refs elsewhere.
 */
export function checkSyncRefs(refs: string): string {
  const r = refs.replace(/\/+$/, '');
  const ok =
    r === 'refs/sessions' ||
    (/^refs\/heads\/[A-Za-z0-9._/-]{1,100}$/.test(r) &&
      !r.includes('//') &&
      !r.includes('..') &&
      !r.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock') || c === ''));
  if (!ok)
    throw new ConfigError(
      'sync.refs',
      `'sync.refs' must be refs/sessions or a branch namespace such as refs/heads/git-session (found ${JSON.stringify(refs)})`,
    );
  return r;
}

/** The configuration alone (what tests and tools that need no warnings use). */
export function parseConfig(text: string): Config {
  return readConfig(text).config;
}

export const STARTER_CONFIG = `# git-session configuration — shared with the team (commit this file).
# Every key is described in git-session's docs/config.md; unknown keys are warned about and ignored.
version: 1

trailers:
  # Add Session:, Session-Objectives:, Decisions: ... trailers to ordinary commits.
  enabled: true
  # Also carry journal entries (progress, discoveries, next steps) as Session-Log: trailers,
  # so a fresh clone can rebuild them with \`git session rebuild\`.
  journal: true
  # What commits carry: full (the items), id (only Session: <id>) or off (nothing). The session
  # refs carry everything whatever the mode (git session sync).
  mode: full

# Team sync: session refs travel with every push and fetch (git session sync).
sync:
  # Where they go on remotes; a host that accepts only branches: refs/heads/git-session
  refs: refs/sessions
  # Push them before every push (the pre-push hook).
  push: true

# A living SESSION.md for agents that read files: the current branch's session, rewritten on every
# change and every branch switch (kept out of git through .git/info/exclude).
session_file:
  enabled: false
  path: SESSION.md
  # session-md: SESSION.md at the path above (seed 004). agents: one file per session in
  # .agents/sessions/<created>-<name>.md, seed 002's frontmatter and sections.
  format: session-md

handoff:
  # Where \`git session handoff --write\` and \`git session end --handoff\` put the handoff.
  path: NEXT_SESSION.md
  # Write it on every \`git session end\`, as --handoff does.
  on_end: false

# Every decision is also appended here (tracked), so decisions show up in code review.
decisions_log:
  enabled: true
  path: .session/decisions.md

brief:
  # The onboarding brief shrinks its sections to fit this many lines.
  max_lines: 200
  # The brief coding agents get (the agent hooks, the MCP brief tool) fits this many tokens
  # (estimated as UTF-8 bytes / 4).
  agent_max_tokens: 2000

uncommitted:
  # Uncommitted files that are expected; any other uncommitted file is pointed out in the brief.
  expected: [SESSION.md, NEXT_SESSION.md, CLAUDE.md, AGENTS.md]

# How to check the work, shown by the brief and the handoff. Without it, git-session looks in
# package.json, Makefile, pyproject.toml, Cargo.toml and go.mod.
# commands:
#   test: npm test

# Checks of acceptance criteria and phases (git session verify, git session phase complete) are
# stopped after this many seconds.
# checks:
#   timeout: 600

# The phase plan shared by every session (git session phase): a tracked file.
# phases:
#   path: .session/phases.yaml

# Each decision is also written as a numbered ADR file (0001-<slug>.md, MADR) in this folder.
# adr:
#   dir: docs/decisions

# What the code must follow, shown by the brief under "How we build it".
# context:
#   architecture: hexagonal
#   patterns: [repository-pattern, dependency-injection]

# Texts that look like a token, a key or a password are refused before they are stored (trailers are
# pushed and stay in history). Values that are not secrets can be allowed by pattern (RE2 syntax,
# matched against the value found), e.g. a public sample key:
# secrets:
#   allow: ['^AIzaSyExamplePublicKey']
`;
