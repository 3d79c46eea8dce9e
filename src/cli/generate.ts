// Build step (scripts/build.mjs): write the manual pages and the completion scripts derived from
// the command table into dist/ — dist/man/man1/*.1, dist/completion/{git-session.bash,_git-session}.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from './commands.js';
import { bashCompletion, zshCompletion } from './completion.js';
import { manPages } from './man.js';

export function generate(dist: string, version: string): string[] {
  const man = join(dist, 'man', 'man1');
  mkdirSync(man, { recursive: true });
  const written: string[] = [];
  const pages = manPages(COMMANDS, version);
  const names = new Set(pages.map((p) => `${p.name}.1`));
  // Pages of commands that no longer exist go.
  for (const f of readdirSync(man)) if (!names.has(f)) rmSync(join(man, f), { force: true });
  for (const p of pages) {
    writeFileSync(join(man, `${p.name}.1`), p.roff);
    written.push(join('man', 'man1', `${p.name}.1`));
  }
  const completion = join(dist, 'completion');
  mkdirSync(completion, { recursive: true });
  writeFileSync(join(completion, 'git-session.bash'), bashCompletion(COMMANDS));
  writeFileSync(join(completion, '_git-session'), zshCompletion(COMMANDS));
  written.push(join('completion', 'git-session.bash'), join('completion', '_git-session'));
  return written;
}

declare const __VERSION__: string;
const [dist] = process.argv.slice(2);
if (dist) generate(dist, typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev');
