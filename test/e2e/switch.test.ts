// A branch switch without Node (hooks/switch.sh): post-checkout pauses the session left, resumes the
// one entered and prints the brief from what the CLI precomputed (the `switch` file). The same
// switches made by the CLI (`git-session hook post-checkout`, which the hook falls back to) are the
// reference: same output, same journal events in the same order.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../../src/codec/event-json.js';
import { addBlocker, addDecision, gsLines, hookToolsOnlyPath, sessionDir, startSession } from '../helpers/hooks.js';
import { cleanupAll, makeRepo, type TestRepo } from '../helpers/repo.js';

afterAll(cleanupAll);

const UNICODE = 'feature/ünï"q\u202ex';

/** A repository with sessions of every kind a switch meets, made the same way each time. */
function world(): { r: TestRepo; ids: Record<string, string> } {
  const r = makeRepo();
  r.ok(['init']);
  const ids: Record<string, string> = {};
  ids.alpha = startSession(r, 'feature/alpha', ['first objective', 'second objective']);
  addBlocker(r, 'waiting on the API keys');
  r.ok(['next', 'start from the failing test']);
  r.git(['switch', '-q', 'main']);
  ids.beta = startSession(r, 'feature/beta', ['beta objective']);
  addDecision(r, 'use PKCE', { rationale: 'safer' });
  r.ok(['pause', '--note', 'stopped at the parser']);
  r.git(['switch', '-q', 'main']);
  ids.ended = startSession(r, 'feature/ended', ['done already']);
  r.ok(['end', 'finished']);
  r.git(['switch', '-q', 'main']);
  ids.uni = startSession(r, UNICODE, ['unicode objective \u001b[31m']);
  r.git(['switch', '-q', 'main']);
  r.git(['branch', 'plain']);
  return { r, ids };
}

/** The steps: every kind of move between them, colour on some. */
const STEPS: { to: string[]; color?: boolean }[] = [
  { to: ['feature/alpha'] },
  { to: ['feature/beta'] },
  { to: ['plain'] },
  { to: ['feature/ended'] },
  { to: ['feature/alpha'], color: true },
  { to: ['--detach'] },
  { to: ['feature/beta'], color: true },
  { to: [UNICODE] },
  { to: ['feature/alpha'] },
  { to: [UNICODE] },
  { to: ['feature/beta'] },
  { to: ['feature/ended'] },
  { to: ['main'] },
];

/** Output with what differs between two repositories (ids, shas) named the same way. */
function normalise(text: string, ids: Record<string, string>): string {
  let out = text;
  for (const [name, id] of Object.entries(ids)) out = out.replaceAll(id, `<${name}>`);
  return out.replace(/\b(obj|dec|blk)-[0-9a-z]{4,}/g, '$1-*');
}

/** A session's journal as events, with what may differ between the two paths taken out. */
function shapes(r: TestRepo, id: string, ids: Record<string, string>) {
  const file = join(sessionDir(r, id), 'events.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const p = parseEventLine(l);
      if (!p.ok) throw new Error(`${file}: ${p.reason}: ${l}`);
      const e = p.event as unknown as Record<string, unknown>;
      return {
        type: e.type,
        session: normalise(String(e.session), ids),
        note: e.note,
        author: e.author,
        machine: typeof e.machine === 'string' && /^[0-9a-f]{16}$/.test(e.machine),
      };
    });
}

describe('a branch switch made by the sh runtime is the one the CLI makes', () => {
  let sh: { r: TestRepo; ids: Record<string, string> };
  let cli: { r: TestRepo; ids: Record<string, string> };
  const outputs: { sh: string; cli: string }[] = [];

  beforeAll(() => {
    sh = world();
    cli = world();
    for (const step of STEPS) {
      const env: Record<string, string> = step.color ? { FORCE_COLOR: '1', NO_COLOR: '' } : {};
      const a = sh.r.git(['switch', '-q', ...step.to], { env });
      // The CLI's way: no precomputed state anywhere, so post-checkout hands the switch to it.
      for (const id of Object.values(cli.ids)) rmSync(join(sessionDir(cli.r, id), 'switch'), { force: true });
      const b = cli.r.git(['switch', '-q', ...step.to], { env });
      outputs.push({ sh: normalise(a.stderr, sh.ids), cli: normalise(b.stderr, cli.ids) });
    }
  });

  it('prints the same lines at every switch: the session left, the brief of the one entered, an ended session', () => {
    expect(outputs.map((o) => o.sh)).toEqual(outputs.map((o) => o.cli));
    const all = outputs.map((o) => o.sh);
    // What the steps go through, so that the comparison above compares something.
    expect(all[0]).toMatch(/^Resumed alpha \(feature\/alpha\)/m);
    expect(all[0]).toContain('handoff: start from the failing test');
    expect(all[0]).toMatch(/blocker 1\. blk-\* waiting on the API keys/);
    expect(all[1]).toMatch(/^git-session: paused 'alpha'\nResumed beta/);
    expect(all[1]).toContain('  left off: stopped at the parser');
    expect(all[3]).toContain("git-session: the session on feature/ended ('ended') is completed");
    expect(all[4]).toContain('\u001b[1mResumed alpha\u001b[22m');
    expect(all[4]).toContain('  left off: switched to feature/beta');
    expect(all[7]).toContain('\\u{1b}[31m');
    expect(all[8]).toMatch(/^git-session: paused 'uni-q-x'\nResumed alpha/);
    expect(all[8]).toContain('left off: detached HEAD');
    expect(all[9]).toContain('left off: switched to feature/alpha');
    expect(all[10]).toContain('left off: switched to feature/ünï"q\\u{202e}x');
    expect(all[11]).toMatch(/^git-session: paused 'beta'\ngit-session: the session on feature\/ended/);
    expect(all[12]).toBe('');
  });

  it('appends the same events to every journal, in the same order', () => {
    for (const name of Object.keys(sh.ids)) {
      const a = shapes(sh.r, sh.ids[name]!, sh.ids);
      const b = shapes(cli.r, cli.ids[name]!, cli.ids);
      expect(a, name).toEqual(b);
    }
    const alpha = shapes(sh.r, sh.ids.alpha!, sh.ids).filter((e) => e.type === 'session.paused');
    expect(alpha.map((e) => e.note)).toContain('switched to feature/beta');
    expect(alpha.every((e) => e.machine)).toBe(true);
  });

  it('leaves every session in the same state', () => {
    for (const name of Object.keys(sh.ids)) {
      const a = sh.r.json(['show', sh.ids[name]!]);
      const b = cli.r.json(['show', cli.ids[name]!]);
      expect([a.status, a.pauses, normalise(String(a.pauseNote ?? ''), sh.ids)], name).toEqual([
        b.status,
        b.pauses,
        normalise(String(b.pauseNote ?? ''), cli.ids),
      ]);
    }
    expect(readFileSync(join(sh.r.dir, '.git/git-session-current'), 'utf8')).toBe('');
  });

  it('writes journal lines of its own: unique `switch:` ids, the machine id, no clock (ordered by their line)', () => {
    const machine = readFileSync(join(sh.r.dir, '.git/sessions/machine'), 'utf8').trim();
    const lines = Object.values(sh.ids).flatMap((id) =>
      readFileSync(join(sessionDir(sh.r, id), 'events.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"id":"switch:')),
    );
    expect(lines.length).toBeGreaterThan(12);
    const events = lines.map((l) => JSON.parse(l));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual(
        [
          'v',
          'id',
          'type',
          'at',
          'author',
          'session',
          'machine',
          ...(e.type === 'session.paused' ? ['note'] : []),
        ].sort(),
      );
      expect(e.machine).toBe(machine);
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(sh.r.json(['doctor']).problems).toEqual([]);
  });
});

describe('when the sh runtime leaves the switch to the CLI', () => {
  let r: TestRepo;
  let a: string;
  let b: string;
  beforeAll(() => {
    r = makeRepo();
    r.ok(['init']);
    a = startSession(r, 'feature/a', ['objective a']);
    r.git(['switch', '-q', 'main']);
    b = startSession(r, 'feature/b', ['objective b']);
  });

  /** Switch to `branch`; returns whether the CLI made it (its events carry a seq, the hooks' do not). */
  function switchTo(branch: string): { byCli: boolean; stderr: string } {
    const journal = (id: string) => readFileSync(join(sessionDir(r, id), 'events.jsonl'), 'utf8');
    const before = [journal(a).length, journal(b).length];
    const out = r.git(['switch', '-q', branch]);
    const fresh = [journal(a).slice(before[0]), journal(b).slice(before[1])]
      .flatMap((j) => j.split('\n'))
      .filter((l) => /session\.(paused|resumed)/.test(l));
    expect(fresh, out.stderr).toHaveLength(2);
    return { byCli: fresh.every((l) => l.includes('"seq":')), stderr: out.stderr };
  }

  it('a `stale` marker (a command stopped half-way): the CLI derives everything again, then the hooks go on alone', () => {
    writeFileSync(join(sessionDir(r, a), 'stale'), '');
    expect(switchTo('feature/a').byCli).toBe(true);
    expect(existsSync(join(sessionDir(r, a), 'stale'))).toBe(false);
    expect(switchTo('feature/b').byCli).toBe(false);
  });

  it('a branch name of kilobytes (the pause note would not be one short write): the CLI writes the pause', () => {
    const long = Array.from({ length: 5 }, (_, i) => `${i}${'x'.repeat(240)}`).join('/');
    r.git(['branch', long, 'main']);
    const on = r.git(['branch', '--show-current']).stdout.trim();
    const left = on === 'feature/a' ? a : b;
    r.git(['switch', '-q', long]);
    const last = readFileSync(join(sessionDir(r, left), 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ type: 'session.paused', note: `switched to ${long}` });
    expect(last).toContain('"seq":');
    r.git(['switch', '-q', on]);
    expect(r.json(['show', left]).status).toBe('active');
  });

  it('a `switch` file that is damaged, a directory, of another format, or `switched` grown past its bound', () => {
    const file = join(sessionDir(r, a), 'switch');
    const damage: [string, () => void][] = [
      ['garbage', () => writeFileSync(file, '\u0000\u0001 not a switch file\n')],
      [
        'another header',
        () => writeFileSync(file, readFileSync(file, 'utf8').replace('git-session-switch 1', 'git-session-switch 2')),
      ],
      [
        'an unknown status',
        () => writeFileSync(file, readFileSync(file, 'utf8').replace(/^status \w+$/m, 'status sleeping')),
      ],
      [
        'a directory',
        () => {
          rmSync(file);
          mkdirSync(file);
        },
      ],
      [
        'switched past its bound',
        () => writeFileSync(join(sessionDir(r, a), 'switched'), 'x status active\n'.repeat(20)),
      ],
    ];
    let on = 'feature/b';
    for (const [what, spoil] of damage) {
      spoil();
      on = on === 'feature/a' ? 'feature/b' : 'feature/a';
      if (what === 'a directory') {
        // The CLI cannot write it either: one line names it and the way out; nothing is half done.
        const out = r.git(['switch', '-q', on]);
        expect(gsLines(out.stderr)).toHaveLength(1);
        expect(out.stderr).toMatch(/switch: something else is in the way \(EISDIR\)/);
        expect(r.json(['show', a]).status).toBe(r.json(['show', b]).status === 'active' ? 'paused' : 'active');
        rmSync(file, { recursive: true, force: true });
        r.git(['switch', '-q', on === 'feature/a' ? 'feature/b' : 'feature/a']);
        r.git(['switch', '-q', on]);
        continue;
      }
      const s = switchTo(on);
      expect(s.byCli, what).toBe(true);
      expect(
        gsLines(s.stderr).filter((l) => !l.startsWith('git-session: paused')),
        what,
      ).toEqual([]);
    }
    // Whatever was there, the CLI wrote it anew, and the next switch is the hooks' again.
    r.ok(['doctor']);
    expect(switchTo(on === 'feature/a' ? 'feature/b' : 'feature/a').byCli).toBe(false);
    expect(r.json(['show', a]).status).not.toBe(r.json(['show', b]).status);
  });
});

describe('SESSION.md after a switch the hooks made', () => {
  it('is rewritten in the background: the checkout does not wait for Node, and the file ends up for the branch checked out', async () => {
    const r = makeRepo();
    r.ok(['init']);
    writeFileSync(join(r.dir, '.session/config.yaml'), 'session_file:\n  enabled: true\n');
    startSession(r, 'feature/one', ['objective one']);
    r.git(['switch', '-q', 'main']);
    startSession(r, 'feature/two', ['objective two']);
    expect(existsSync(join(r.dir, '.git/sessions/session-file'))).toBe(true);
    for (const branch of ['feature/one', 'feature/two', 'feature/one']) {
      const out = r.git(['switch', '-q', branch]);
      expect(out.stderr).toMatch(/^Resumed /m);
    }
    const deadline = Date.now() + 20_000;
    const sessionFile = () =>
      existsSync(join(r.dir, 'SESSION.md')) ? readFileSync(join(r.dir, 'SESSION.md'), 'utf8') : '';
    while (!sessionFile().includes('objective one') && Date.now() < deadline)
      await new Promise((res) => setTimeout(res, 100));
    expect(sessionFile()).toContain('objective one');
    expect(sessionFile()).not.toContain('objective two');
    expect(readdirSync(join(r.dir, '.git/sessions'))).toContain('background.log');
    // Without Node, the switch is made all the same, and one line says SESSION.md was left behind.
    writeFileSync(join(r.dir, '.git/sessions/hooks/node'), '/nonexistent/node\n');
    const out = r.git(['switch', '-q', 'feature/two'], { env: { PATH: hookToolsOnlyPath() } });
    expect(gsLines(out.stderr)).toEqual([
      "git-session: paused 'one'",
      'git-session: git-session is not on PATH; SESSION.md was not updated',
    ]);
    expect(out.stderr).toMatch(/^Resumed two /m);
  });
});
