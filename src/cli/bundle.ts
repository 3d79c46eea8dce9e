// A second bundle next to the CLI's (dist/mcp.cjs), loaded the way bin/git-session.cjs loads the
// CLI: compiled through V8's code cache, kept in dist/ next to it, so that a server a coding agent
// starts in every conversation compiles its 800 KB once per build, not once per start.

import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { storeError } from '../model/errors.js';

/** The exports of `dist/<name>`, a CommonJS bundle the build wrote next to this one. */
export function loadBundle<T>(name: string): T {
  // In the bundle __dirname is dist/; the unbundled sources (tests) have no bundle to load.
  if (typeof __dirname !== 'string')
    throw storeError(`${name} is loaded from the built bundle`, 'run npm run build, then bin/git-session.cjs');
  const file = join(__dirname, name);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw storeError(`${file} is missing`, 'run ./install.sh (or npm run build) in the git-session folder');
  }
  const st = statSync(file);
  const cacheFile = join(__dirname, `.cache-${process.version}-${name}-${st.size}-${Math.floor(st.mtimeMs)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // Not compiled yet.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod = { exports: {} as T };
  script.runInThisContext()(mod.exports, require, mod, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install compiles each time.
    }
  }
  return mod.exports;
}
