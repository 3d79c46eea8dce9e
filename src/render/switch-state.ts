// The `switch` file (docs/storage.md): what a branch switch prints and needs to know of a session,
// rendered by the CLI whenever the session changes, so that post-checkout pauses, resumes and
// prints the brief with shell builtins. Pure.

import type { SessionState } from '../core/fold.js';
import { ENDED_BRANCH, SWITCH_FILE_HEADER, SWITCH_RECORDS } from '../model/hook-contract.js';
import { shortBrief } from './session-text.js';
import { makeStyle, type Style, safeLine } from './term.js';
import { type SessionView, sessionView } from './views.js';

/** The colour codes term.ts makeStyle writes. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Where the pause note goes: a note no text can hold (private-use characters are never escaped). */
const NOTE_SLOT = '\ue000git-session-note\ue000';

/** `git-session: paused '<name>'`: what a branch switch says of the session it left. */
export function pausedLine(name: string, st: Style): string {
  return st.dim(`git-session: paused '${safeLine(name)}'`);
}

/** What a branch switch says on entering an ended session; `branch` is the one checked out. */
export function endedLine(state: SessionState, branch: string): string {
  const name = safeLine(state.name);
  return `git-session: the session on ${safeLine(branch)} ('${name}') is ${state.status}; reopen it with git session reopen ${name}`;
}

/**
 * The brief a branch switch prints, with its pause note line split off: the lines before it, the
 * text before the note on its line, the lines after. The note is the latest pause's, which a switch
 * itself may change (hooks/lib.sh fills it in).
 */
function briefAround(view: SessionView, st: Style): { lines: string[]; slot: number; prefix: string } {
  const lines = shortBrief(view, st, 'Resumed').split('\n');
  const slot = lines.findIndex((l) => l.endsWith(NOTE_SLOT));
  if (slot < 0) throw new Error('the brief has no place for the pause note');
  const prefix = lines[slot]!.slice(0, -NOTE_SLOT.length);
  lines.splice(slot, 1);
  return { lines, slot, prefix };
}

/**
 * The file: a header with a token (the hooks' records in `switched` name the token of the file they
 * apply to), then `<record> <text>` lines — status, the pause note, the line for a pause, the
 * line for an ended session (`{branch}` where the branch goes), the brief without and with colour
 * (`plain`/`color`; the record alone followed by the text before the note marks where the note goes),
 * and the switch events already included (`seen`).
 */
export function renderSwitchState(
  state: SessionState,
  o: { token: string; now: string; seen: readonly string[] },
): string {
  const r = SWITCH_RECORDS;
  const out = [`${SWITCH_FILE_HEADER} ${state.id} ${o.token}`, `${r.status} ${state.status}`];
  if (state.pauseNote) out.push(`${r.note} ${safeLine(state.pauseNote)}`);
  out.push(
    `${r.left} ${pausedLine(state.name, makeStyle(false))}`,
    `${r.leftColor} ${pausedLine(state.name, makeStyle(true))}`,
  );
  if (state.status === 'completed' || state.status === 'abandoned')
    out.push(`${r.ended} ${endedLine(state, ENDED_BRANCH)}`);
  else {
    // Rendered once, with colour; without it is the same text less the colour codes (user text
    // never holds a raw escape: it is shown escaped).
    const view = { ...sessionView(state, new Map(), o.now), pauseNote: NOTE_SLOT };
    const colored = briefAround(view, makeStyle(true));
    const plain = (text: string) => text.replace(SGR, '');
    for (const [record, noteRecord, color] of [
      [r.plain, r.plainNote, false],
      [r.color, r.colorNote, true],
    ] as const) {
      const { lines, slot, prefix } = colored;
      const shown = (text: string) => (color ? text : plain(text));
      lines.forEach((l, i) => {
        if (i === slot) out.push(`${noteRecord} ${shown(prefix)}`);
        out.push(`${record} ${shown(l)}`);
      });
      if (slot === lines.length) out.push(`${noteRecord} ${shown(prefix)}`);
    }
  }
  for (const id of o.seen) out.push(`${r.seen} ${id}`);
  return `${out.join('\n')}\n`;
}
