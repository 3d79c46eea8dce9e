import type { Context } from '../app/context.js';
import { hooksStatus } from '../app/hooks.js';

/** After a session starts: say so when commits will not carry its trailers. */
export function hookNotes(ctx: Context): string[] {
  const status = hooksStatus(ctx);
  if (status.installed) return [];
  if (status.hooks.every((h) => h.state === 'missing'))
    return [
      'Note: the git hooks are not installed, so commits will not carry session trailers: git session hooks install',
    ];
  return status.problems.map((p) => `Note: ${p.message} — ${p.fix}`);
}
