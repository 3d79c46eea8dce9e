import { describe, expect, it } from 'vitest';
import { compileAllow } from '../../src/core/secret-allow.js';
import { findSecret, secretRefusal, textsOfEvent } from '../../src/core/secret-check.js';
import type { EventPayload } from '../../src/model/events.js';
import { SAMPLES } from '../helpers/secret-samples.js';

describe('the texts of an event', () => {
  it('are every string it holds but ids and hashes, each named for a message', () => {
    const cases: [EventPayload, [string, string][]][] = [
      [
        { type: 'session.started', name: 'n', title: 't', branch: 'b', tasks: ['A-1', 'B-2'] },
        [
          ['session name', 'n'],
          ['title', 't'],
          ['branch name', 'b'],
          ['task', 'A-1'],
          ['task', 'B-2'],
        ],
      ],
      [
        { type: 'decision.recorded', decision: 'dec-1', text: 'd', rationale: 'r', alternatives: 'a' },
        [
          ['decision', 'd'],
          ["decision's rationale", 'r'],
          ["decision's alternatives", 'a'],
        ],
      ],
      [{ type: 'journal.added', kind: 'next', text: 'x', entry: 'log-1' }, [['next step', 'x']]],
      [{ type: 'journal.added', kind: 'discovery', text: 'x' }, [['discovery', 'x']]],
      [{ type: 'blocker.resolved', blocker: 'blk-1', note: 'n' }, [["blocker's resolution note", 'n']]],
      [
        { type: 'checkpoint.recorded', label: 'l', note: 'n', commit: 'abc' },
        [
          ['checkpoint label', 'l'],
          ['checkpoint note', 'n'],
        ],
      ],
      [{ type: 'commit.recorded', sha: 'a'.repeat(40), mark: 3 }, []],
      [{ type: 'session.paused', note: 'p', machine: 'm1' }, [['pause note', 'p']]],
      [{ type: 'handoff.noted', text: 'h' }, [['handoff note', 'h']]],
      [{ type: 'session.now', text: 'n' }, [['current task', 'n']]],
      [
        { type: 'session.spawned', parent: 'p-1', task: 't', agent: 'a' },
        [
          ['session parent', 'p-1'],
          ['task', 't'],
          ['agent', 'a'],
        ],
      ],
    ];
    for (const [event, want] of cases)
      expect(
        textsOfEvent(event).map((t) => [t.label, t.text]),
        event.type,
      ).toEqual(want);
  });

  it('covers an event type it does not know yet: every field is text unless it is an id', () => {
    const future = { type: 'decision.superseded', decision: 'dec-1', by: 'dec-2', text: 't', extra: { note: 'x' } };
    expect(textsOfEvent(future as unknown as EventPayload).map((t) => [t.label, t.text])).toEqual([
      ['decision by', 'dec-2'],
      ['decision', 't'],
      ['decision extra note', 'x'],
    ]);
  });
});

describe('a secret in an event', () => {
  it('is refused naming the text, the rule and where, never the secret', () => {
    const token = SAMPLES['slack-bot-token']!();
    const hit = findSecret([
      { label: 'decision', text: 'fine' },
      { label: "decision's rationale", text: `two lines\nthe bot uses ${token} and ${SAMPLES['github-pat']!()}` },
    ]);
    expect(hit?.text.label).toBe("decision's rationale");
    const refusal = secretRefusal(hit!);
    expect(refusal).toMatchObject({ refused: true, code: 'secret' });
    expect(refusal.message).toBe(
      "the decision's rationale holds a Slack bot token (rule slack-bot-token) at line 2, column 14 (and 1 more); nothing was recorded",
    );
    expect(refusal.hint).toContain('secrets.allow');
    expect(`${refusal.message} ${refusal.hint}`).not.toContain(token.slice(5, 20));
  });

  it('is let through when the allow list says it is not one', () => {
    const key = SAMPLES['gcp-api-key']!();
    const texts = [{ label: 'decision', text: `maps key ${key}` }];
    expect(findSecret(texts)).not.toBeNull();
    expect(findSecret(texts, compileAllow([`^${key.slice(0, 12)}`]))).toBeNull();
    expect(findSecret([{ label: 'decision', text: 'Use JWT; rationale: stateless' }])).toBeNull();
  });
});
