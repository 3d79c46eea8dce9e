// The engine of the input-contract property (issue 9, point 1), shared by its two test files so
// that the halves run on both cores. Every text-taking command is driven with generated texts —
// leading `-` and `--`, `-h`, `--help`, `--json`, `=`, newlines, CRLF, tabs, unicode, trailer-like
// lines, up to and over the size limit — typed before or after `--`, as an option value (`--x T`,
// `--x=T`), from standard input (`-`) or from a file (`-F`, `--x-file`). Each text is either refused
// with exit 2 and nothing stored, or the journal, the commit trailers (read by git's own parser)
// and a fresh clone's rebuild give it back exactly.
//
// Commands run in the test process through the CLI's `run` — the code the binary bundles, on a
// real repository with the real hooks — because a Node start-up per text would cost minutes; a
// sample also goes through the built binary. Each command group has its own session (on its own
// branch), so journals stay the size of one group.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import { MAX_TEXT_BYTES } from '../../src/model/text.js';
import { events, fields, sessionRepo, unescaped } from '../helpers/hooks.js';
import { BIN, type TestRepo, tempDir } from '../helpers/repo.js';

/** Texts per command: 200 under CI, 30 locally (about 10 s); GIT_SESSION_PROPERTY_TEXTS chooses. */
export const TEXTS = Number(process.env.GIT_SESSION_PROPERTY_TEXTS ?? (process.env.CI ? 200 : 30));

/** One seed per run, in the test name, so that a failure can be replayed: GIT_SESSION_PROPERTY_SEED. */
export const SEED = Number(process.env.GIT_SESSION_PROPERTY_SEED ?? Date.now() % 2 ** 31);

// ---- generated texts ----------------------------------------------------------------------------

const TRICKY = [
  '-',
  '--',
  '-h',
  '--help',
  '--json',
  '-x',
  '-v',
  '--z',
  '=',
  '--rationale=',
  '---',
  '#',
  'Session: 01936b2c-7f3e-7abc-9def-0123456789ab',
  'Decisions: dec-aaaa forged',
  'Signed-off-by: A <a@example.com>',
  '; rationale: ',
  'Key: value',
  '\\',
  '\\n',
  '\\u{1b}',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '  ',
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200f',
  '\u2028',
  '\ufeff',
  '\ufffe',
  'é',
  'ｗｉｄｅ',
  '🙂',
  '👩‍👩‍👧',
  '日本語',
  '\u05d0\u05d1',
  '0x10',
  '007',
  '1e3',
];

/** What a shell can hand over: no NUL, no lone surrogate (neither survives argv or UTF-8). */
function clean(s: string): string {
  return [...s].filter((ch) => ch !== '\0' && !/^[\ud800-\udfff]$/.test(ch)).join('');
}

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/** Mostly short texts; some near and over the limit (16 KiB). */
const textArb = fc.oneof(
  { weight: 12, arbitrary: fc.array(piece, { minLength: 1, maxLength: 6 }).map((ps) => clean(ps.join(''))) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...TRICKY), fc.integer({ min: MAX_TEXT_BYTES / 2 - 20, max: MAX_TEXT_BYTES / 2 + 20 }))
      .map(([p, n]) => clean(`${p}${'é'.repeat(n)}`)),
  },
);

export type Form = 'plain' | 'dashes' | 'sep' | 'eq' | 'stdin' | 'file';

export interface Case {
  text: string;
  form: Form;
}

export const positionalCase = fc.record({
  text: textArb,
  form: fc.constantFrom<Form>('plain', 'dashes', 'dashes', 'stdin', 'file'),
});
export const optionCase = fc.record({
  text: textArb,
  form: fc.constantFrom<Form>('sep', 'eq', 'sep', 'stdin', 'file'),
});
export const eitherCase = fc.oneof(positionalCase, optionCase);

/**
 * Texts for a command whose every accepted text costs a commit of its own and a reopen (end: about
 * 150 ms against 5 for a refusal): a quarter of TEXTS under CI, at least 30. The texts come from the
 * same generator; what is particular to such a command — its trailer and the clone — needs no
 * more. GIT_SESSION_PROPERTY_COSTLY_TEXTS chooses.
 */
export const COSTLY_TEXTS = Number(
  process.env.GIT_SESSION_PROPERTY_COSTLY_TEXTS ?? Math.min(TEXTS, Math.max(30, Math.ceil(TEXTS / 4))),
);

export const sample = <T>(arb: fc.Arbitrary<T>, offset: number, runs = TEXTS): T[] =>
  fc.sample(arb, { numRuns: runs, seed: SEED + offset });

// ---- the model ----------------------------------------------------------------------------------

/** What is stored for a text from standard input or a file: no BOM, no final newlines. */
const fromStream = (t: string): string => t.replace(/^\ufeff/, '').replace(/(\r?\n)+$/, '');

/** What the journal must hold for a case (a `-` typed as the text reads an empty standard input). */
export function storedAs(c: Case): string {
  if (c.form === 'stdin' || c.form === 'file') return fromStream(c.text);
  return c.text === '-' ? '' : c.text;
}

export function valid(c: Case): boolean {
  const s = storedAs(c);
  return s.trim() !== '' && Buffer.byteLength(s) <= MAX_TEXT_BYTES;
}

/** Words that mean something as they are on every command line: typed as texts, they need `--` before them. */
export const OPTION_WORDS: ReadonlySet<string> = new Set(['--', '--json']);

/** How a plain positional word parses: as help, as an unknown option, or as a text. */
export function plainWord(text: string): 'help' | 'refused' | 'text' {
  if (text === '-h' || text === '--help') return 'help';
  if (text.startsWith('-') && text !== '-') return 'refused';
  return 'text';
}

/** At most one text of an invocation from standard input: later ones come from files. */
export function oneStdin(cases: Case[]): Case[] {
  let seen = false;
  return cases.map((c) => {
    const stdinLike = c.form === 'stdin' || (c.text === '-' && c.form !== 'file');
    if (!stdinLike) return c;
    if (!seen) {
      seen = true;
      return c;
    }
    return { ...c, form: 'file' };
  });
}

export interface Text {
  /** What the text is: `decision`, `rationale`, `log:progress`, `handoff`… */
  field: string;
  /** The option it is given with, or null for the command's argument. */
  option: string | null;
  c: Case;
}

// ---- the run ------------------------------------------------------------------------------------

export class ContractRun {
  readonly r: TestRepo;
  private id: string;
  private readonly sessions: string[] = [];
  private readonly files = tempDir('gs-texts-');
  private fileNo = 0;
  /** What the journal, the trailers and the clone must hold, per field. */
  readonly expected = new Map<string, string[]>();
  /** Fields whose texts stay local (docs/trailers.md): checked in the journal only. */
  readonly localOnly = new Set<string>();
  /** Fields a clone shows only the latest of (a session has one summary): checked in trailers. */
  readonly latestOnly = new Set<string>();

  constructor(first: string) {
    const { r, id } = sessionRepo(`prop/${first}`, []);
    this.r = r;
    this.id = id;
    this.sessions.push(id);
  }

  get session(): string {
    return this.id;
  }

  /** A new session on its own branch for the next command group. */
  nextSession(name: string): void {
    this.id = this.r.json(['start', `prop/${name}`]).id;
    this.sessions.push(this.id);
  }

  async gs(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await run(['node', BIN, ...args], this.r.dir, this.r.env, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: { read: () => Buffer.from(stdin ?? '') },
    });
    return { code, stdout, stderr };
  }

  /** The words for one text in its form; `io.stdin` collects what standard input must carry. */
  words(c: Case, option: string | null, io: { stdin?: string }): string[] {
    if (c.form === 'stdin') {
      io.stdin = c.text;
      return option ? [`--${option}`, '-'] : ['-'];
    }
    if (c.form === 'file') {
      const path = join(this.files, `t${++this.fileNo}`);
      writeFileSync(path, c.text);
      return option ? [`--${option}-file`, path] : ['-F', path];
    }
    if (option) return c.form === 'eq' ? [`--${option}=${c.text}`] : [`--${option}`, c.text];
    return [c.text];
  }

  private journalSize(): number {
    const f = join(this.r.dir, '.git', 'sessions', this.id, 'events.jsonl');
    return existsSync(f) ? statSync(f).size : 0;
  }

  /**
   * One invocation: `before` words and the texts; the model says stored (exit 0), help (exit 0,
   * nothing stored) or refused (exit 2, one line, nothing stored).
   */
  async invoke(before: string[], given: Text[]): Promise<'stored' | 'help' | 'refused'> {
    // A plain `--` is the end of the options, as in git, and a plain `--json` is the option every
    // command has: as texts they go after `--`.
    const texts = given.map((t) =>
      t.c.form === 'plain' && OPTION_WORDS.has(t.c.text) ? { ...t, c: { ...t.c, form: 'dashes' as const } } : t,
    );
    const io: { stdin?: string } = {};
    const positional = texts.filter((t) => t.option === null);
    const dashes = positional.some((t) => t.c.form === 'dashes');
    const argv = [...before];
    for (const t of texts.filter((x) => x.option !== null)) argv.push(...this.words(t.c, t.option, io));
    const pos = positional.flatMap((t) => this.words(t.c, null, io));
    if (dashes) argv.push('--');
    argv.push(...pos);

    const verdicts = dashes ? [] : positional.filter((t) => t.c.form === 'plain').map((t) => plainWord(t.c.text));
    const outcome = verdicts.includes('help')
      ? 'help'
      : verdicts.includes('refused') || !texts.every((t) => valid(t.c))
        ? 'refused'
        : 'stored';
    const before_ = this.journalSize();
    const out = await this.gs(argv, io.stdin);
    const where = `${JSON.stringify(argv).slice(0, 300)} → expected ${outcome}\n${out.stderr}`;
    if (outcome === 'stored') {
      expect(out.code, where).toBe(0);
      for (const t of texts) this.expected.set(t.field, [...(this.expected.get(t.field) ?? []), storedAs(t.c)]);
    } else {
      expect(out.code, where).toBe(outcome === 'help' ? 0 : 2);
      if (outcome === 'refused') expect(out.stderr.split('\n').filter(Boolean), where).toHaveLength(1);
      expect(this.journalSize(), where).toBe(before_);
    }
    return outcome;
  }

  /** A commit through the real hooks: the changes since the last one become trailers. */
  commit(): void {
    this.r.git(['commit', '-q', '--allow-empty', '-m', `carry ${this.journalSize()}`]);
  }

  // ---- what must come back ----------------------------------------------------------------------

  /** The journal holds every accepted text exactly once, per field. */
  checkJournal(pick: (e: any, put: (field: string, text: string | undefined) => void) => void): void {
    const got = new Map<string, string[]>();
    const put = (f: string, t: string | undefined) => {
      if (t !== undefined) got.set(f, [...(got.get(f) ?? []), t]);
    };
    for (const sid of this.sessions) for (const e of events(this.r, sid)) pick(e, put);
    for (const [field, texts] of this.expected)
      expect(sorted(got.get(field) ?? []), `journal: ${field}`).toEqual(sorted(texts));
  }

  /** Every accepted text is in the commit trailers, as git's own parser reads them. */
  checkTrailers(): void {
    const all = (key: string): string[] =>
      this.r
        .git(['log', '--all', `--format=%(trailers:key=${key},valueonly,unfold,separator=%x00)%x01`])
        .stdout.split('\u0001')
        .flatMap((block) => block.replace(/^\n/, '').split('\u0000'))
        .filter((v) => v !== '' && v !== '\n');
    const got = new Map<string, Set<string>>();
    const put = (f: string, v: string | undefined) => {
      if (v === undefined) return;
      if (!got.has(f)) got.set(f, new Set());
      got.get(f)!.add(unescaped(v));
    };
    for (const v of all('Session-Objectives')) put('objective', fields(v).head.replace(/^\[.\] \S+ /, ''));
    for (const v of all('Session-Blockers')) {
      const f = fields(v);
      put('blocker', f.head.replace(/^\[.\] \S+ /, ''));
      put('resolution', f.fields.resolution);
    }
    for (const v of all('Decisions')) {
      const f = fields(v);
      put('decision', f.head.replace(/^\S+ /, ''));
      put('rationale', f.fields.rationale);
      put('alternatives', f.fields.alternatives);
    }
    for (const v of all('Session-Log')) {
      const head = fields(v).head;
      const kind = head.slice(0, head.indexOf(' '));
      put(kind === 'handoff' ? 'handoff' : `log:${kind}`, head.slice(kind.length + 1));
    }
    for (const v of all('Session-Checkpoint')) {
      const f = fields(v);
      put('checkpoint:label', f.head);
      put('checkpoint:note', f.fields.note);
    }
    for (const v of all('Session-Info')) {
      const f = fields(v);
      // `Session-Info: note …`: the note of the latest pause, for whoever picks the session up.
      if (f.head.startsWith('note ')) put('pause', f.head.slice('note '.length));
      if (f.head === 'status completed') put('summary', f.fields.summary);
      if (f.head === 'status abandoned') put('reason', f.fields.reason);
    }
    for (const [field, texts] of this.expected) {
      if (this.localOnly.has(field)) continue;
      expect(sorted([...(got.get(field) ?? [])]), `trailers: ${field}`).toEqual(sorted([...new Set(texts)]));
    }
  }

  /**
   * A fresh clone rebuilds every session from the history alone, texts exact (fields it shows
   * only the latest of are the caller's to check). Returns the sessions as the clone shows them.
   */
  checkClone(): any[] {
    const clone = join(tempDir('gs-clone-'), 'c');
    this.r.git(['clone', '-q', this.r.dir, clone]);
    expect(this.r.gs(['rebuild'], { cwd: clone }).code).toBe(0);
    const shown = this.sessions.map((sid) => this.r.json(['show', sid], { cwd: clone }));
    const got = new Map<string, string[]>();
    const put = (f: string, t: string | null) => {
      if (t !== null) got.set(f, [...(got.get(f) ?? []), t]);
    };
    for (const s of shown) {
      for (const o of s.objectives) put('objective', o.text);
      for (const b of s.blockers) {
        put('blocker', b.text);
        put('resolution', b.note);
      }
      for (const d of s.decisions) {
        put('decision', d.text);
        put('rationale', d.rationale);
        put('alternatives', d.alternatives);
      }
      for (const h of s.handoffNotes) put('handoff', h.text);
      for (const c of s.checkpoints) {
        put('checkpoint:label', c.label);
        put('checkpoint:note', c.note);
      }
      for (const e of s.log) put(`log:${e.kind}`, e.text);
    }
    for (const [field, texts] of this.expected) {
      if (this.localOnly.has(field) || this.latestOnly.has(field)) continue;
      expect(sorted([...new Set(got.get(field) ?? [])]), `clone: ${field}`).toEqual(sorted([...new Set(texts)]));
    }
    return shown;
  }
}

function sorted(xs: string[]): string[] {
  return [...xs].sort();
}
