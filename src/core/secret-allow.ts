// The patterns of config `secrets.allow`: values a secret rule finds that are known not to be
// secrets (a public sample key, a test fixture's token). The config file comes with the
// repository, i.e. from whoever wrote it, so the patterns run on RE2JS — RE2 syntax, as in a
// gitleaks allowlist (`(?i)` works, look-arounds and back-references do not), matching in time
// linear in the value whatever the pattern. RE2JS is ~260 KB of code: this module is imported
// only when a pattern must be compiled (a config that has some is read, or a finding must be
// checked against them), never on an ordinary command's start-up. Pure.

import { RE2JS } from 're2js';
import { MAX_ALLOW_PATTERN_LENGTH, MAX_ALLOW_PATTERNS } from '../model/text.js';
import type { SecretAllow } from './secrets.js';

export class SecretAllowError extends Error {
  constructor(
    /** Position of the bad pattern in the list (0-based). */
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

let compiled: { key: string; allow: SecretAllow } | undefined;

/** The patterns compiled; throws SecretAllowError naming the first unusable one. */
export function compileAllow(patterns: readonly string[]): SecretAllow {
  const key = JSON.stringify(patterns);
  if (compiled?.key === key) return compiled.allow;
  if (patterns.length > MAX_ALLOW_PATTERNS)
    throw new SecretAllowError(MAX_ALLOW_PATTERNS, `more than ${MAX_ALLOW_PATTERNS} patterns`);
  const res = patterns.map((p, i) => {
    if (typeof p !== 'string' || p === '') throw new SecretAllowError(i, `pattern ${i + 1} is empty`);
    if (p.length > MAX_ALLOW_PATTERN_LENGTH)
      throw new SecretAllowError(i, `pattern ${i + 1} is longer than ${MAX_ALLOW_PATTERN_LENGTH} characters`);
    try {
      return RE2JS.compile(p);
    } catch (e) {
      // RE2JS's message quotes the pattern, which is the config's own text, not a secret.
      throw new SecretAllowError(i, `pattern ${i + 1} is not a valid regular expression (${(e as Error).message})`);
    }
  });
  const allow: SecretAllow = { allows: (secret) => res.some((re) => re.test(secret)) };
  compiled = { key, allow };
  return allow;
}

/** What is wrong with `secrets.allow`, for the config check: null when every pattern compiles. */
export function checkAllowPatterns(patterns: readonly string[]): string | null {
  try {
    compileAllow(patterns);
    return null;
  } catch (e) {
    if (e instanceof SecretAllowError) return e.message;
    throw e;
  }
}
