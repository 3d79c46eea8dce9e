#!/usr/bin/env node
// `git session …` runs this (git finds `git-session` on PATH). The code is one bundled file,
// compiled through V8's code cache: Node 20 has no built-in compile cache, and compiling the
// bundle is most of what git-session adds to Node's own start-up.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const file = path.join(__dirname, '..', 'dist', 'git-session.cjs');
let source;
try {
  source = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write(
    `git-session: ${file} is missing — run ./install.sh (or npm run build) in the git-session folder\n`,
  );
  process.exit(1);
}
const st = fs.statSync(file);
const cacheFile = path.join(
  __dirname,
  '..',
  'dist',
  `.cache-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}.bin`,
);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, path.dirname(file));
if (cachedData === undefined || script.cachedDataRejected) {
  // Written after the command ran, so the cache holds the functions it compiled.
  process.once('beforeExit', () => {
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {}
  });
}
