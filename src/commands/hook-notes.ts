import type { Context } from '../app/context.js';

/** Reminders about hooks shown after a session starts (filled in by the hooks installer). */
export function hookNotes(_ctx: Context): string[] {
  return [];
}
