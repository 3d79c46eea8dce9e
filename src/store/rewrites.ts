// The local record of rewritten commits (`old new` per line, appended by post-rewrite).

import { readFileSync } from 'node:fs';
import type { StorePaths } from './paths.js';

export function readRewrites(paths: StorePaths): Map<string, string> {
  const map = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(paths.rewrites, 'utf8');
  } catch {
    return map;
  }
  for (const line of text.split('\n')) {
    const [from, to] = line.split(' ');
    if (from && to && /^[0-9a-f]{40,64}$/.test(from) && /^[0-9a-f]{40,64}$/.test(to)) map.set(from, to);
  }
  return map;
}
