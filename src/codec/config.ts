// `.session/config.yaml`: shared, tracked settings. Parsed strictly — a wrong type or an unknown
// key is an error that names the key — because a setting silently ignored is worse than none.

import { parseDocument } from 'yaml';

export interface Config {
  version: 1;
  trailers: {
    /** Add session trailers to commits at all. */
    enabled: boolean;
    /** Carry journal entries (progress, discoveries, next steps) as `Session-Log:` trailers. */
    journal: boolean;
  };
  /** The living SESSION.md, rewritten on every change and branch switch. */
  session_file: { enabled: boolean; path: string };
  handoff: { path: string };
  /** Every decision also goes to this tracked file, so decisions show in code review. */
  decisions_log: { enabled: boolean; path: string };
  brief: { max_lines: number };
  /** Uncommitted files that are expected, not warned about (SESSION.md, notes for agents...). */
  uncommitted: { expected: string[] };
  /**
   * Which commits' trailers rebuild counts: `all`, or only `signed` ones git verifies (`%G?` is
   * G). The user's git config `session.trust` overrides it (docs/reliability.md, "Trust model").
   */
  trust: Trust;
}

export type Trust = 'all' | 'signed';
export const TRUST_MODES: readonly Trust[] = ['all', 'signed'];

export const DEFAULT_CONFIG: Config = {
  version: 1,
  trailers: { enabled: true, journal: true },
  session_file: { enabled: false, path: 'SESSION.md' },
  handoff: { path: 'NEXT_SESSION.md' },
  decisions_log: { enabled: true, path: '.session/decisions.md' },
  brief: { max_lines: 200 },
  uncommitted: { expected: ['SESSION.md', 'NEXT_SESSION.md', 'CLAUDE.md', 'AGENTS.md'] },
  trust: 'all',
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
  trailers: { enabled: 'boolean', journal: 'boolean' },
  session_file: { enabled: 'boolean', path: 'string' },
  handoff: { path: 'string' },
  decisions_log: { enabled: 'boolean', path: 'string' },
  brief: { max_lines: 'number' },
  uncommitted: { expected: 'strings' },
  trust: 'string',
};

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

function check(value: unknown, shape: Shape, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(path || '(top level)', `${path || 'the file'} must be a mapping of keys to values`);
  for (const [key, v] of Object.entries(value)) {
    const full = path ? `${path}.${key}` : key;
    const want = shape[key];
    if (want === undefined) {
      const known = Object.keys(shape).join(', ');
      throw new ConfigError(full, `unknown key '${full}' (known here: ${known})`);
    }
    if (typeof want === 'object') {
      check(v, want, full);
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

/** Parse the text of config.yaml. An empty file means all defaults. */
export function parseConfig(text: string): Config {
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
  if (value === null || value === undefined) return DEFAULT_CONFIG;
  check(value, SHAPE, '');
  const v = (value as { version?: number }).version;
  if (v !== undefined && v !== 1) throw new ConfigError('version', `'version' must be 1 (found ${v})`);
  const config = merge(DEFAULT_CONFIG, value);
  checkPath('session_file.path', config.session_file.path);
  checkPath('handoff.path', config.handoff.path);
  checkPath('decisions_log.path', config.decisions_log.path);
  if (!TRUST_MODES.includes(config.trust))
    throw new ConfigError('trust', `'trust' must be all or signed (found ${JSON.stringify(config.trust)})`);
  const max = config.brief.max_lines;
  if (!Number.isInteger(max) || max < 20 || max > 10_000)
    throw new ConfigError(
      'brief.max_lines',
      `'brief.max_lines' must be a whole number from 20 to 10000 (found ${max})`,
    );
  return config;
}

export const STARTER_CONFIG = `# git-session configuration — shared with the team (commit this file).
# Every key is described in git-session's docs/config.md; unknown keys are an error.
version: 1

trailers:
  # Add Session:, Session-Objectives:, Decisions: ... trailers to ordinary commits.
  enabled: true
  # Also carry journal entries (progress, discoveries, next steps) as Session-Log: trailers,
  # so a fresh clone can rebuild them with \`git session rebuild\`.
  journal: true

# A living SESSION.md for agents that read files: the current branch's session, rewritten on every
# change and every branch switch (kept out of git through .git/info/exclude).
session_file:
  enabled: false
  path: SESSION.md

handoff:
  # Where \`git session handoff --write\` and \`git session end --handoff\` put the handoff.
  path: NEXT_SESSION.md

# Every decision is also appended here (tracked), so decisions show up in code review.
decisions_log:
  enabled: true
  path: .session/decisions.md

brief:
  # The onboarding brief shrinks its sections to fit this many lines.
  max_lines: 200

uncommitted:
  # Uncommitted files that are expected; any other uncommitted file is pointed out in the brief.
  expected: [SESSION.md, NEXT_SESSION.md, CLAUDE.md, AGENTS.md]
`;
