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
}

export const DEFAULT_CONFIG: Config = {
  version: 1,
  trailers: { enabled: true, journal: true },
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
};

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
  return merge(DEFAULT_CONFIG, value);
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
`;
