// Load a seed fixture folder (test/fixtures/seeds/NNN) as the SourceFile list a caller would read:
// repository-relative paths with `/`, and `dot-git/` given as `.git/` (git cannot track a `.git` folder).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../../src/import/model.js';

export const SEEDS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'seeds');

export function loadSeed(seed: string): SourceFile[] {
  const root = join(SEEDS, seed);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  return walk(root)
    .map((abs) => ({
      path: relative(root, abs)
        .split(sep)
        .join('/')
        .replace(/^dot-git\//, '.git/'),
      bytes: new Uint8Array(readFileSync(abs)),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const file = (path: string, text: string): SourceFile => ({ path, bytes: utf8(text) });
