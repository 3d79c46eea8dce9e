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

// V8 caches only the functions compiled by the time the cache is made: a cache made by one command
// leaves another's functions to be compiled on every run (~15 ms for `decisions add` after a cache
// made by `hooks status`). The cache is made again after each command it has not seen yet — it
// then holds what the earlier ones compiled too —, a bounded number of times per build: the
// commands it has seen are listed next to it.
const commandsFile = `${cacheFile}.commands`;
const WORD = /^[a-z][a-z0-9-]{0,29}$/;
const words = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const command = WORD.test(words[0] ?? '') ? (WORD.test(words[1] ?? '') ? `${words[0]} ${words[1]}` : words[0]) : '';
let seen = [];
if (cachedData !== undefined && command !== '') {
  try {
    seen = fs.readFileSync(commandsFile, 'utf8').split('\n').filter(Boolean);
  } catch {}
}

const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, path.dirname(file));
const fresh = cachedData === undefined || script.cachedDataRejected;
if (fresh || (command !== '' && seen.length < 24 && !seen.includes(command))) {
  // Written after the command ran, so the cache holds the functions it compiled.
  process.once('beforeExit', () => {
    try {
      // A read-only install keeps the cache it has: made again in vain, it would cost every run.
      if (!fresh) fs.accessSync(path.dirname(cacheFile), fs.constants.W_OK);
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
      const list = `${[...(fresh ? [] : seen), command].filter(Boolean).join('\n')}\n`;
      fs.writeFileSync(`${commandsFile}.${process.pid}`, list);
      fs.renameSync(`${commandsFile}.${process.pid}`, commandsFile);
    } catch {}
  });
}
