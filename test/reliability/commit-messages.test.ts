// Issue 15, Why #1: ordinary commits were aborted. On a session branch, `-m "Session: fix cookie
// expiry"`, `-m "Decisions: add ADR template"` or an editor message starting `Session:` ended in
// "Aborting commit due to empty commit message": commit-msg took every line starting with one of
// our key names for a trailer of ours. A line is ours only when the hooks added it in this very
// attempt; anything the user wrote is text, kept byte for byte. Every message source git has is
// driven here: -m, -F, the editor, a template, amend, merge, squash, and the comment, verbose and
// cleanup settings that change what git keeps.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDecision, parsed, recorded, script, sessionRepo, subject, values } from '../helpers/hooks.js';
import { cleanupAll, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

/** Lines that look like trailers of ours but are the user's text. */
const LOOKALIKES = [
  'Session-store: migrate to Redis',
  'Session: fix cookie expiry',
  'Decisions: add ADR template',
  'Session-Info: status completed',
];

/** An editor that replaces the message with `text` (keeping nothing git wrote). */
function writingEditor(text: string): string {
  const f = join(tempDir('gs-text-'), 'text');
  writeFileSync(f, text);
  return script(`cat '${f}' > "$1"`);
}

/** An editor that puts `text` above what git wrote (its comments, a verbose diff). */
function prependEditor(text: string): string {
  const f = join(tempDir('gs-text-'), 'text');
  writeFileSync(f, text);
  return script(`cat '${f}' "$1" > "$1.gs" && mv "$1.gs" "$1"`);
}

/** The commit message exactly as stored. */
function raw(r: TestRepo): string {
  const obj = r.git(['cat-file', 'commit', 'HEAD']).stdout;
  return obj.slice(obj.indexOf('\n\n') + 2);
}

describe('lines that look like ours are the user’s text (Why #1)', () => {
  let r: TestRepo;
  let id: string;
  beforeAll(() => {
    ({ r, id } = sessionRepo('feature/lookalike'));
    r.commit('base');
  });

  /**
   * The commit went through with the user's subject, carries the session and the pending decision
   * in git's own reading of its trailer block, and is recorded in the session.
   */
  function carried(subjectLine: string, decision: string): void {
    expect(subject(r)).toBe(subjectLine);
    expect(values(r, 'Session')).toContain(id);
    expect(values(r, 'Decisions').filter((v) => v.startsWith(`${decision} `))).toHaveLength(1);
    expect(recorded(r, id)).toContain(r.head());
  }

  for (const text of LOOKALIKES) {
    it(`-m "${text}"`, () => {
      const d = addDecision(r, `pending for -m ${text}`);
      const out = r.git(['commit', '-q', '--allow-empty', '-m', text], { allowFail: true });
      expect(out.stderr).not.toMatch(/empty commit message/);
      expect(out.code).toBe(0);
      carried(text, d);
      // The subject paragraph is untouched; ours are a paragraph of their own.
      expect(raw(r).startsWith(`${text}\n\nSession: ${id}\n`)).toBe(true);
    });
  }

  it('-F with a look-alike subject and a look-alike body paragraph: both stay, byte for byte', () => {
    const d = addDecision(r, 'pending for -F');
    const f = join(tempDir(), 'msg');
    writeFileSync(f, 'Session: fix cookie expiry\n\nDecisions: are recorded in ADRs now\n');
    r.git(['commit', '-q', '--allow-empty', '-F', f]);
    carried('Session: fix cookie expiry', d);
    // git takes the last paragraph for a trailer block (all its lines look like trailers): ours
    // join it, and the user's line stays where it was; git-session reads no item from it.
    expect(raw(r).startsWith('Session: fix cookie expiry\n\nDecisions: are recorded in ADRs now\n')).toBe(true);
    expect(r.json(['status']).decisions.map((x: { text: string }) => x.text)).not.toContain('are recorded in ADRs now');
  });

  it('an editor message that is only a look-alike subject', () => {
    const d = addDecision(r, 'pending for the editor');
    r.git(['commit', '-q', '--allow-empty'], { env: { GIT_EDITOR: writingEditor('Session: editor subject\n') } });
    carried('Session: editor subject', d);
  });

  it('a template whose subject looks like ours, edited in the editor', () => {
    const d = addDecision(r, 'pending for the template');
    const tpl = join(tempDir(), 'tpl');
    writeFileSync(tpl, 'Decisions: template subject\n');
    r.git(['-c', `commit.template=${tpl}`, 'commit', '-q', '--allow-empty'], {
      env: { GIT_EDITOR: prependEditor('') },
    });
    carried('Decisions: template subject', d);
  });

  it('--amend -m with a look-alike message', () => {
    r.commit('to be amended');
    const d = addDecision(r, 'pending for the amend');
    r.git(['commit', '-q', '--allow-empty', '--amend', '-m', 'Session: amended subject']);
    carried('Session: amended subject', d);
  });

  it('merge --no-ff -m with a look-alike message', () => {
    r.git(['branch', 'side-lookalike']);
    r.git(['switch', '-q', 'side-lookalike']);
    r.commit('side work', { 'side.txt': 'side\n' });
    r.git(['switch', '-q', 'feature/lookalike']);
    const d = addDecision(r, 'pending for the merge');
    r.git(['merge', '-q', '--no-ff', '-m', 'Session: merge side', 'side-lookalike']);
    carried('Session: merge side', d);
  });

  it('a squash merge committed with a look-alike message, with -m and through the editor', () => {
    r.git(['switch', '-q', '-c', 'squashed-lookalike']);
    r.commit('squashed work', { 'sq.txt': '1\n' });
    r.git(['switch', '-q', 'feature/lookalike']);
    const d = addDecision(r, 'pending for the squash');
    r.git(['merge', '-q', '--squash', 'squashed-lookalike']);
    r.git(['commit', '-q', '-m', 'Decisions: squashed']);
    carried('Decisions: squashed', d);
    r.git(['switch', '-q', 'squashed-lookalike']);
    r.commit('more squashed work', { 'sq2.txt': '2\n' });
    r.git(['switch', '-q', 'feature/lookalike']);
    const d2 = addDecision(r, 'pending for the squash editor');
    r.git(['merge', '-q', '--squash', 'squashed-lookalike']);
    r.git(['commit', '-q'], { env: { GIT_EDITOR: writingEditor('Session-Info: squashed in the editor\n') } });
    carried('Session-Info: squashed in the editor', d2);
  });

  it('core.commentChar=; with a look-alike subject and a ; comment', () => {
    const d = addDecision(r, 'pending for commentChar');
    r.git(['-c', 'core.commentChar=;', 'commit', '-q', '--allow-empty'], {
      env: { GIT_EDITOR: prependEditor('Session: semicolon subject\n') },
    });
    carried('Session: semicolon subject', d);
    expect(raw(r)).not.toContain(';');
  });

  it('a verbose commit (-v): the look-alike subject above the scissors, no diff in the message', () => {
    const d = addDecision(r, 'pending for verbose');
    r.write('verbose.txt', 'Session: a line of the diff\n');
    r.git(['add', 'verbose.txt']);
    r.git(['commit', '-q', '-v'], { env: { GIT_EDITOR: prependEditor('Session: verbose subject\n') } });
    carried('Session: verbose subject', d);
    expect(raw(r)).not.toContain('a line of the diff');
  });

  for (const mode of ['verbatim', 'whitespace', 'strip', 'scissors', 'default']) {
    it(`--cleanup=${mode}, with -m and through the editor`, () => {
      const d = addDecision(r, `pending for cleanup ${mode}`);
      r.git(['commit', '-q', '--allow-empty', `--cleanup=${mode}`, '-m', `Session: cleanup ${mode}`]);
      carried(`Session: cleanup ${mode}`, d);
      const d2 = addDecision(r, `pending for cleanup ${mode} editor`);
      r.git(['commit', '-q', '--allow-empty', `--cleanup=${mode}`], {
        env: { GIT_EDITOR: prependEditor(`Decisions: cleanup ${mode} editor\n`) },
      });
      expect(subject(r)).toBe(`Decisions: cleanup ${mode} editor`);
      // verbatim and whitespace keep git's comment lines in the message, after our block: git's
      // parser still finds the block, as it skips trailing comments.
      expect(values(r, 'Decisions').filter((v) => v.startsWith(`${d2} `))).toHaveLength(1);
      expect(recorded(r, id)).toContain(r.head());
    });
  }

  it('a message the user empties except for the lines prepare-commit-msg added still aborts, as git would', () => {
    const head = r.head();
    addDecision(r, 'pending through an emptied message');
    const out = r.git(['commit', '--allow-empty', '-m', 'Session: will be deleted', '-e'], {
      allowFail: true,
      env: { GIT_EDITOR: script(`sed '/^Session: will be deleted$/d' "$1" > "$1.gs" && mv "$1.gs" "$1"`) },
    });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/empty commit message/);
    expect(r.head()).toBe(head);
    // …but the same look-alike text left in place is the user's message: the commit is made (the
    // editor changes the message, so commit-msg looks at it again).
    const uncommenting = script(`sed '/^#/d' "$1" > "$1.gs" && mv "$1.gs" "$1"`);
    r.git(['commit', '-q', '--allow-empty', '-m', 'Session: kept this time', '-e'], {
      env: { GIT_EDITOR: uncommenting },
    });
    expect(subject(r)).toBe('Session: kept this time');
    expect(parsed(r).filter((l) => l === `Session: ${id}`)).toHaveLength(1);
  });

  it('-m "#123" -e left as it is: git strips the comment and aborts, as without git-session', () => {
    const head = r.head();
    addDecision(r, 'pending through a comment-only message');
    const alone = r.git(['commit', '--allow-empty', '-m', '#123', '-e'], {
      allowFail: true,
      env: { GIT_SESSION: '0' },
    });
    expect(alone.code, JSON.stringify(alone) + r.git(['log', '-1', '--format=%B']).stdout).not.toBe(0);
    const out = r.git(['commit', '--allow-empty', '-m', '#123', '-e'], { allowFail: true });
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/empty commit message/);
    expect(r.head()).toBe(head);
  });

  it('core.commentChar=S with -m … -e: git strips our lines as comments; the items wait for the next commit', () => {
    const d = addDecision(r, 'pending through commentChar S');
    const out = r.git(['-c', 'core.commentChar=S', 'commit', '-q', '--allow-empty', '-m', 'Plain subject', '-e']);
    expect(out.stderr).toContain("core.commentChar 'S'");
    expect(subject(r)).toBe('Plain subject');
    expect(values(r, 'Session')).toEqual([]);
    expect(recorded(r, id)).toContain(r.head());
    r.git(['commit', '-q', '--allow-empty', '-m', 'next']);
    expect(values(r, 'Decisions').filter((v) => v.startsWith(`${d} `))).toHaveLength(1);
  });
});
