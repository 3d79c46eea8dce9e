// What a session leaves when it ends (core/leftovers.ts), with the ADR folder read to know which
// decisions have their file.

import { type Leftovers, leftovers } from '../core/leftovers.js';
import { readAdrIndex } from './adr.js';
import type { Context } from './context.js';
import type { Loaded } from './sessions.js';

export async function whatIsLeft(ctx: Context, loaded: Loaded): Promise<Leftovers> {
  const dir = (await ctx.config()).adr.dir;
  let files: ReadonlyMap<string, string> = new Map();
  if (dir !== null) {
    try {
      files = readAdrIndex(ctx, dir).files;
    } catch (e) {
      ctx.warn(`${dir}: ${(e as Error).message}`);
    }
  }
  return leftovers(loaded.state, { dir, has: (id) => files.has(id) });
}
