// `git session doctor` (alias repair): check the store and put right what can be put right
// without losing anything — leftovers of killed runs removed, damaged journal lines moved aside
// verbatim, derived files rewritten from the journals, branch links to missing sessions removed —
// and report the hooks' state. What it cannot put right (a read-only store, a config it cannot
// read, a file it cannot write) is reported, and the exit code is 1.

import type { Context } from '../app/context.js';
import { repair } from '../app/doctor.js';
import { noun, plural } from '../render/words.js';
import type { Io, Output } from './output.js';

export async function doctor(ctx: Context, io: Io): Promise<Output> {
  const r = await repair(ctx);
  const { problems, repaired, unlinked, regenerated, leftovers, restored, history, hooks } = r;
  const st = io.style;
  const lines: string[] = [];
  for (const p of problems) lines.push(`${st.red('error')} ${p.message}${p.hint ? ` — ${p.hint}` : ''}`);
  if (leftovers.length > 0)
    lines.push(
      `${st.yellow('removed')} ${plural(leftovers.length, 'leftover file')} of interrupted runs: ${leftovers.join(', ')}`,
    );
  for (const r of repaired)
    lines.push(
      `${st.yellow('repaired')} ${r.session}: moved damaged ${noun(r.lines.length, 'line')} ${r.lines.join(', ')} to ${r.file}`,
    );
  for (const b of unlinked) lines.push(`${st.yellow('unlinked')} branch ${b}: its session no longer exists`);
  for (const r of restored)
    lines.push(
      `${st.green('restored')} ${r.session}: ${r.items.join(', ')} from the history (their journal lines are in damaged.jsonl)`,
    );
  if (!history.upToDate) lines.push(`${st.green('ok')} read ${plural(history.scanned, 'new commit')} of the history`);
  if (r.writable && r.configured)
    lines.push(
      `${st.green('ok')} rewrote the trailers and marks the hooks read, for ${plural(regenerated, 'session')}`,
    );
  if (hooks.problems.length === 0 && hooks.installed) lines.push(`${st.green('ok')} hooks installed and reached`);
  for (const p of hooks.problems) lines.push(`${st.yellow('hooks')} ${p.message} — ${p.fix}`);
  if (hooks.hooks.every((h) => h.state === 'missing'))
    lines.push(`${st.yellow('hooks')} not installed — run: git session hooks install`);
  return {
    json: { repaired, unlinked, regenerated, restored, leftovers, problems, hooks },
    text: lines.join('\n'),
    ...(problems.length > 0 ? { exitCode: 1 } : {}),
  };
}
