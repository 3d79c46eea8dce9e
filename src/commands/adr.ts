// `git session decisions adr [ID...]`: the session's decisions that have no ADR file in `adr.dir`
// yet get one (decisions recorded before adr.dir was set, or on another clone).

import { adrDir, readAdrIndex, writeAdrs } from '../app/adr.js';
import type { Context } from '../app/context.js';
import { targetSession } from '../app/sessions.js';
import { findItemRef } from '../core/item-ref.js';
import { shortIds } from '../core/short-ids.js';
import { userError } from '../model/errors.js';
import { safeLine } from '../render/term.js';
import type { Io, Output } from './output.js';

export async function decisionsAdr(ctx: Context, _io: Io, refs: string[], o: { session?: string }): Promise<Output> {
  const dir = await adrDir(ctx);
  if (dir === null)
    throw userError(
      'no-adr-dir',
      'decisions are not kept as ADR files here (adr.dir is not set)',
      'set it in .session/config.yaml, e.g. adr: { dir: docs/decisions }',
    );
  const loaded = targetSession(ctx, o.session);
  const s = loaded.state;
  const chosen = refs.length === 0 ? s.decisions : refs.map((r) => findItemRef(s.decisions, r, 'decision'));
  const before = readAdrIndex(ctx, dir);
  const had = chosen.filter((d) => before.files.has(d.id));
  const written = writeAdrs(ctx, dir, loaded, chosen);
  const short = shortIds(s);
  const lines = [
    ...written.map((f, i) => {
      const d = chosen.filter((x) => !before.files.has(x.id))[i]!;
      return `Wrote ${dir}/${f} (${short(d.id)}: ${safeLine(d.text)})`;
    }),
    ...(refs.length > 0 ? had.map((d) => `${short(d.id)} has one already: ${dir}/${before.files.get(d.id)}`) : []),
  ];
  if (lines.length === 0)
    lines.push(
      s.decisions.length === 0 ? 'The session has no decisions.' : `Every decision has its ADR file in ${dir}.`,
    );
  return {
    json: {
      dir,
      written: written.map((f) => `${dir}/${f}`),
      existing: had.map((d) => ({ decision: d.id, path: `${dir}/${before.files.get(d.id)}` })),
    },
    text: lines.join('\n'),
  };
}
