// The `secrets.allow` matcher (core/secret-allow.ts, with RE2JS) lives in a chunk of its own,
// dist/secret-allow.cjs: in the main bundle its ~165 KB cost every command ~1–2 ms of start-up
// (measured through the code-cache loader), for a list of patterns few repositories have and
// that is asked only once a secret rule found something. The sources (tests) import the module.

import { createRequire } from 'node:module';
import { join } from 'node:path';

type SecretAllowModule = typeof import('../core/secret-allow.js');

/** Defined by the build (scripts/build.mjs) in the bundle: the chunk sits next to it. */
declare const __SECRET_ALLOW_CHUNK__: string | undefined;

export function loadSecretAllow(): Promise<SecretAllowModule> {
  if (typeof __SECRET_ALLOW_CHUNK__ === 'string' && typeof __filename === 'string')
    return Promise.resolve(createRequire(__filename)(join(__dirname, __SECRET_ALLOW_CHUNK__)) as SecretAllowModule);
  return import('../core/secret-allow.js');
}
