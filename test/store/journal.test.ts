import { describe, expect, it } from 'vitest';
import { parseEventLine } from '../../src/codec/event-json.js';
import { readJournalText } from '../../src/store/journal.js';

const line = (extra = '') =>
  `{"v":1,"id":"x${extra}","type":"session.resumed","at":"2026-01-05T10:00:00.000Z","author":"a","session":"01936b2c-7f3e-7abc-9def-0123456789ab"}`;

describe('journal reading', () => {
  it('reads whole lines and reports nothing when clean', () => {
    const r = readJournalText(`${line('1')}\n${line('2')}\n`);
    expect(r.events).toHaveLength(2);
    expect(r.damaged).toEqual([]);
  });

  it('recognises an interrupted last append as a torn tail', () => {
    const r = readJournalText(`${line('1')}\n${line('2').slice(0, 30)}`);
    expect(r.events).toHaveLength(1);
    expect(r.tornTail).toBe(true);
    expect(r.damaged[0]!.line).toBe(2);
  });

  it('reports damage in the middle with its line number, keeping the rest', () => {
    const r = readJournalText(`${line('1')}\n{oops\n${line('3')}\n`);
    expect(r.events).toHaveLength(2);
    expect(r.tornTail).toBe(false);
    expect(r.damaged).toEqual([{ line: 2, text: '{oops', reason: expect.stringContaining('not JSON') }]);
  });
});

describe('event lines', () => {
  it('checks the fields the fold relies on', () => {
    expect(parseEventLine('{"v":2}')).toEqual({ ok: false, reason: 'unsupported format version 2' });
    expect(parseEventLine(line().replace('"session.resumed"', '"objective.added"'))).toMatchObject({
      ok: false,
      reason: 'objective.added: bad "objective"',
    });
    expect(parseEventLine(line().replace('2026-01-05T10:00:00.000Z', 'yesterday'))).toMatchObject({ ok: false });
  });

  it('checks criterion events as strictly: the files of other clones are read the same way', () => {
    const verified = (fields: string) =>
      parseEventLine(line().replace('"type":"session.resumed"', `"type":"criterion.verified",${fields}`));
    expect(verified('"criterion":"crt-abcd","result":"passed","exitCode":0')).toMatchObject({ ok: true });
    expect(verified('"criterion":"crt-abcd","result":"maybe"')).toMatchObject({ ok: false });
    expect(verified('"criterion":"crt-abcd","result":"failed","exitCode":"3"')).toMatchObject({
      ok: false,
      reason: 'criterion.verified: bad "exitCode"',
    });
    expect(
      parseEventLine(
        line().replace('"type":"session.resumed"', '"type":"criteria.overridden","reason":"r","unmet":[1]'),
      ),
    ).toMatchObject({ ok: false });
  });

  it('keeps events of unknown newer types', () => {
    expect(parseEventLine(line().replace('session.resumed', 'future.thing'))).toMatchObject({ ok: true });
  });
});
