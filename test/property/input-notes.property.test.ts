// The input contract as a property (engine and model: input-contract.ts), second half: handoff
// notes (next), checkpoint labels and notes, pause notes, end summaries and abandon reasons —
// and a sample through the built binary, as a shell passes argv, standard input and files.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/repo.js';
import {
  type Case,
  COSTLY_TEXTS,
  ContractRun,
  eitherCase,
  OPTION_WORDS,
  oneStdin,
  optionCase,
  plainWord,
  positionalCase,
  SEED,
  sample,
  storedAs,
  TEXTS,
  valid,
} from './input-contract.js';

afterAll(cleanupAll);

let t: ContractRun;

describe('the input contract, as a property: notes, summaries and reasons', () => {
  it(`next, checkpoint and pause keep ${TEXTS} generated texts each exactly and end ${COSTLY_TEXTS}, or refuse them (seed ${SEED})`, {
    timeout: 600_000,
  }, async () => {
    t = new ContractRun('next');
    // next TEXT: the handoff notes (-F reads them).
    for (const [i, c] of sample(positionalCase, 4).entries()) {
      await t.invoke(['next'], [{ field: 'handoff', option: null, c }]);
      if (i % 50 === 49) t.commit();
    }
    t.commit();

    // checkpoint --no-commit --label L --note N (-F reads the note)
    t.nextSession('checkpoint');
    for (const [i, row] of sample(fc.tuple(optionCase, optionCase), 5).entries()) {
      const [label, note] = oneStdin(row);
      await t.invoke(
        ['checkpoint', '--no-commit'],
        [
          { field: 'checkpoint:label', option: 'label', c: label! },
          { field: 'checkpoint:note', option: 'note', c: note! },
        ],
      );
      if (i % 50 === 49) t.commit();
    }
    t.commit();

    // pause NOTE / pause --note NOTE: a note for a session already paused is kept as well. The next
    // commit carries the latest note (`Session-Info: note …`), so each accepted one gets a commit.
    t.nextSession('pause');
    const pauseSession = t.session;
    let lastPauseNote: string | undefined;
    for (const c of sample(eitherCase, 6)) {
      const option = c.form === 'sep' || c.form === 'eq' ? 'note' : null;
      if ((await t.invoke(['pause'], [{ field: 'pause', option, c }])) === 'stored') {
        t.commit();
        lastPauseNote = t.expected.get('pause')!.at(-1);
      }
    }
    expect((await t.gs(['pause'])).code).toBe(0);
    t.commit();
    t.latestOnly.add('pause'); // a clone shows the latest note

    // end SUMMARY / end --abandon REASON, each carried by a commit of its own, then reopened.
    t.nextSession('end');
    // Each accepted text costs a commit and a reopen: fewer texts than the other groups (COSTLY_TEXTS).
    for (const [i, c] of sample(eitherCase, 7, COSTLY_TEXTS).entries()) {
      const abandon = i % 3 === 2;
      const option = c.form === 'sep' || c.form === 'eq' ? (abandon ? 'reason' : 'summary') : null;
      const outcome = await t.invoke(
        ['end', '--commit', ...(abandon ? ['--abandon'] : [])],
        [{ field: abandon ? 'reason' : 'summary', option, c }],
      );
      if (outcome === 'stored') expect((await t.gs(['reopen', t.session])).code).toBe(0);
    }
    t.commit();
    // A session has one summary: the clone shows the latest; the trailers carry every one.
    t.latestOnly.add('summary');
    t.latestOnly.add('reason');

    t.checkJournal((e, put) => {
      if (e.type === 'handoff.noted') put('handoff', e.text);
      if (e.type === 'checkpoint.recorded') {
        put('checkpoint:label', e.label);
        put('checkpoint:note', e.note);
      }
      // Switching branches pauses the session left with a note of its own: the pause group's only.
      if (e.type === 'session.paused' && e.session === pauseSession) put('pause', e.note);
      if (e.type === 'session.completed') put('summary', e.summary);
      if (e.type === 'session.abandoned') put('reason', e.reason);
    });
    t.checkTrailers();
    const clone = t.checkClone();
    // A clone shows the last pause note a commit carried.
    expect(clone.find((s) => s.id === pauseSession).pauseNote).toBe(lastPauseNote ?? null);
  });

  it('a sample through the built binary: argv, standard input and files as a shell passes them', () => {
    const r = t.r;
    for (const row of fc.sample(fc.tuple(positionalCase, optionCase), { numRuns: 12, seed: SEED + 8 })) {
      const [p, o] = oneStdin(row) as [Case, Case];
      const io: { stdin?: string } = {};
      const argv = ['decisions', 'add', '--json', ...t.words(o, 'rationale', io)];
      if (p.form === 'dashes' || (p.form === 'plain' && OPTION_WORDS.has(p.text))) argv.push('--');
      argv.push(...t.words(p, null, io));
      const word = p.form === 'plain' && !OPTION_WORDS.has(p.text) ? plainWord(p.text) : 'text';
      const out = r.gs(argv, { input: io.stdin ?? '' } as never);
      if (word === 'help') expect(out.code).toBe(0);
      else if (word === 'refused' || !valid(p) || !valid(o)) expect(out.code, out.stderr).toBe(2);
      else {
        expect(out.code, out.stderr).toBe(0);
        const d = JSON.parse(out.stdout);
        expect([d.text, d.rationale]).toEqual([storedAs(p), storedAs(o)]);
      }
    }
  });
});
