// parseCli on its own: the command table, the words typed, the request that comes out. No
// process, no repository.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { type CliRequest, optionsOf, parseCli } from '../../src/cli/parse.js';
import { GitSessionError } from '../../src/model/errors.js';

const parse = (...argv: string[]): CliRequest => parseCli(argv, COMMANDS);

function run(...argv: string[]) {
  const r = parse(...argv);
  if (r.kind !== 'run') throw new Error(`expected a command, got ${r.kind}`);
  return { path: r.command.path.join(' '), values: r.values, json: r.json };
}

function refused(argv: string[]): GitSessionError {
  try {
    parse(...argv);
  } catch (e) {
    if (e instanceof GitSessionError) return e;
    throw e;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

const arg = (text: string) => ({ from: 'arg', text });

describe('commands and actions', () => {
  it('finds multi-word commands as entries of their own', () => {
    expect(run('objectives', 'add', 'x').path).toBe('objectives add');
    expect(run('blockers', 'resolve', '1').path).toBe('blockers resolve');
    expect(run('checkpoint', 'list').path).toBe('checkpoint list');
    expect(run('checkpoint', '--all').path).toBe('checkpoint');
  });

  it('runs the default action of a noun given alone (git remote, git branch)', () => {
    expect(run('objectives').path).toBe('objectives list');
    expect(run('hooks').path).toBe('hooks status');
    expect(run('agent').path).toBe('agent status');
  });

  it('takes aliases for the command they stand for', () => {
    expect(run('close', '--abandon', '--reason', 'r').path).toBe('end');
    expect(run('repair').path).toBe('doctor');
  });

  it('suggests the command meant, and the git-session word for other tools’ words', () => {
    expect(refused(['stauts']).hint).toBe("did you mean 'git session status'?");
    expect(refused(['session-start']).hint).toBe('in git-session: git session start');
    expect(refused(['complete', 'obj-1']).hint).toBe('in git-session: git session objectives complete');
    expect(refused(['objectives', 'complet', '1']).hint).toBe("did you mean 'git session objectives complete'?");
    expect(refused(['frobnicate']).hint).toBe('see the commands: git session -h');
  });

  it('hides internal commands from suggestions', () => {
    expect(refused(['hok']).hint).not.toContain('hook');
  });

  it('gives the overview without a command, and -h/--help/--version before one', () => {
    expect(parse()).toEqual({ kind: 'help', command: null, manual: false, exitCode: 1 });
    expect(parse('-h')).toMatchObject({ kind: 'help', command: null, manual: false, exitCode: 0 });
    expect(parse('--help')).toMatchObject({ kind: 'help', command: null, manual: true });
    expect(parse('--version').kind).toBe('version');
    expect(refused(['--status']).hint).toBe('the command is written without dashes: git session status');
  });
});

describe('help', () => {
  it('-h is the short usage and --help the manual, wherever they are before --', () => {
    expect(parse('decisions', 'add', '-h')).toMatchObject({ kind: 'help', manual: false });
    expect(parse('decisions', 'add', 'x', '--rationale', 'y', '--help')).toMatchObject({ kind: 'help', manual: true });
    expect(parse('objectives', '-h')).toMatchObject({ kind: 'help', manual: false });
    expect(parse('decisions', 'add', '--frob', '-h')).toMatchObject({ kind: 'help' });
  });

  it('but -h as a value or after -- is text', () => {
    expect(run('decisions', 'add', 'x', '--rationale', '-h').values.rationale).toEqual([arg('-h')]);
    expect(run('next', '--', '-h').values.note).toEqual([arg('-h')]);
    expect(run('start', 'b', '-o', '--help').values.objective).toEqual([arg('--help')]);
  });
});

describe('texts are kept as typed or refused', () => {
  it('an option that takes a value takes the next word whatever it looks like, as git does', () => {
    const v = run('decisions', 'add', 'use x', '--rationale', '-x is faster', '--alternatives', '--json').values;
    expect(v).toMatchObject({
      decision: [arg('use x')],
      rationale: [arg('-x is faster')],
      alternatives: [arg('--json')],
    });
    expect(run('decisions', 'add', 'd', '--rationale=--a=b').values.rationale).toEqual([arg('--a=b')]);
    expect(run('start', 'b', '-o-x').values.objective).toEqual([arg('-x')]);
  });

  it('numbers stay strings exactly as typed', () => {
    const v = run('start', 'b', '--task', '007', '--title', '1e3', '-o', '0x10').values;
    expect(v).toMatchObject({ task: ['007'], title: [arg('1e3')], objective: [arg('0x10')] });
    expect(run('next', '42').values.note).toEqual([arg('42')]);
  });

  it('a text that starts with - before -- is refused with the way to give it', () => {
    for (const t of [
      '-verbose logging everywhere',
      '-x flag-like objective',
      '-v',
      '--z double-dash text',
      '-n note2',
    ]) {
      const e = refused(['objectives', 'add', t]);
      expect(e.kind).toBe('usage');
      expect(e.hint).toContain('put it after --');
    }
    expect(refused(['decisions', 'add', '---\nmore']).kind).toBe('usage');
  });

  it('after -- every word is text, including -h, --help, --json and -', () => {
    const v = run('objectives', 'add', '--', '-h', '--help', '--json', '- text', '--', '=').values;
    expect(v.objective).toEqual([arg('-h'), arg('--help'), arg('--json'), arg('- text'), arg('--'), arg('=')]);
    expect(run('decisions', 'add', '--', '- text').values.decision).toEqual([arg('- text')]);
  });

  it('an option after -- is a text with no room: it says options go first', () => {
    expect(refused(['decisions', 'add', '--', '- text', '--rationale', 'x']).hint).toContain('options go before --');
  });

  it('- reads standard input, -F and --X-file read files; standard input only once', () => {
    expect(run('next', '-').values.note).toEqual([{ from: 'stdin' }]);
    expect(run('next', '-F', 'notes.md').values.note).toEqual([{ from: 'file', path: 'notes.md' }]);
    expect(run('next', '--file=-').values.note).toEqual([{ from: 'file', path: '-' }]);
    expect(run('decisions', 'add', 'd', '--rationale-file', 'why.md').values.rationale).toEqual([
      { from: 'file', path: 'why.md' },
    ]);
    expect(run('log', '--progress', '-', '--next-file', 'n.md').values).toMatchObject({
      progress: [{ from: 'stdin' }],
      next: [{ from: 'file', path: 'n.md' }],
    });
    expect(refused(['decisions', 'add', '-', '--rationale', '-']).message).toBe('standard input can be read only once');
    expect(refused(['next', 'x', '-F', 'f']).message).toContain('not both');
    expect(refused(['decisions', 'add', 'd', '--rationale', 'r', '--rationale-file', 'f']).message).toContain(
      'more than once',
    );
  });

  it('-F maps to the main text of each command', () => {
    expect(run('objectives', 'add', '-F', 'f').values.objective).toEqual([{ from: 'file', path: 'f' }]);
    expect(run('blockers', 'resolve', '1', '-F', 'f').values.note).toEqual([{ from: 'file', path: 'f' }]);
    expect(run('pause', '-F', 'f').values.text).toEqual([{ from: 'file', path: 'f' }]);
    expect(run('end', '-F', 'f').values.text).toEqual([{ from: 'file', path: 'f' }]);
    expect(run('checkpoint', '-F', 'f').values.note).toEqual([{ from: 'file', path: 'f' }]);
    expect(refused(['log', '-F', 'f']).kind).toBe('usage');
  });

  it('one text for commands that take one: several words are refused, not joined', () => {
    expect(refused(['next', 'two', 'words']).hint).toBe('quote it: git session next "two words"');
    expect(refused(['decisions', 'add', 'use', 'JWT']).message).toContain('takes one decision');
  });
});

describe('options', () => {
  it('unknown options exit 2 with a suggestion', () => {
    const e = refused(['status', '--frob']);
    expect(e.kind).toBe('usage');
    expect(e.message).toBe("unknown option '--frob' for git session status");
    expect(refused(['log', '--progres', 'x']).hint).toBe('did you mean --progress?');
    expect(refused(['decisions', 'add', 'x', '--rationle', 'y']).hint).toBe('did you mean --rationale?');
  });

  it('seed words get the git-session form', () => {
    expect(refused(['start', 'b', '--resume']).hint).toContain('git session resume');
  });

  it('a value for a flag, a missing value, a single option given twice: refused', () => {
    expect(refused(['list', '--all=yes']).message).toBe('option --all takes no value');
    expect(refused(['decisions', 'add', 'x', '--rationale']).message).toBe('option --rationale needs a value');
    expect(refused(['start', 'b', '--title', 'a', '--title', 'b']).message).toContain('more than once');
    expect(refused(['report', '--format', 'pdf']).message).toContain('is not one of markdown, json, html');
    expect(refused(['history', '--count', '0']).message).toContain('at least 1');
    expect(refused(['history', '--count', '1.5']).message).toContain('whole number');
  });

  it('--task A,B is two tasks; --goal and --tasks are the seed spellings', () => {
    const v = run('start', 'b', '--goal', 'g', '--tasks=A,B', '--task', 'C').values;
    expect(v).toMatchObject({ objective: [arg('g')], task: ['A', 'B', 'C'] });
    expect(refused(['start', 'b', '--task', 'A,,B']).message).toContain('empty entry');
  });

  it('--json anywhere before --, also before the command', () => {
    expect(run('status', '--json').json).toBe(true);
    expect(run('--json', 'status').json).toBe(true);
    expect(run('next', '--', '--json').json).toBe(false);
  });

  it('optional values only with = (--write[=PATH]), as git does', () => {
    expect(run('handoff', '--write').values.write).toEqual([true]);
    expect(run('handoff', '--write=x.md').values.write).toEqual(['x.md']);
    expect(run('handoff', '--write', 'x.md').values).toMatchObject({ write: [true], path: ['x.md'] });
  });

  it('a short group with a letter no option has is refused as a whole', () => {
    const e = refused(['objectives', 'add', '-x a-b']);
    expect(e.message).toContain("'-x a-b'");
  });
});

describe('arguments', () => {
  it('missing and extra arguments', () => {
    expect(refused(['objectives', 'add']).message).toBe('missing <objective>');
    expect(refused(['reopen']).message).toBe('missing <session>');
    expect(refused(['status', 'extra']).message).toBe("unexpected argument 'extra'");
    expect(run('compare', 'a').values).toMatchObject({ a: ['a'] });
    expect(run('start').values.branch).toBeUndefined();
  });
});

describe('the table', () => {
  it('no command has an argument and an option of the same name', () => {
    for (const c of COMMANDS) {
      const options = new Set(optionsOf(c).flatMap((o) => [o.long, ...(o.aliases ?? [])]));
      for (const a of c.args ?? []) expect(options.has(a.name), `${c.path.join(' ')} <${a.name}>`).toBe(false);
    }
  });

  it('every -F names an argument or option of its command, and only the last argument is variadic', () => {
    for (const c of COMMANDS) {
      if (c.fileText)
        expect(
          [...(c.args ?? []).map((a) => a.name), ...(c.options ?? []).map((o) => o.long)],
          c.path.join(' '),
        ).toContain(c.fileText);
      const args = c.args ?? [];
      args.forEach((a, i) => {
        if (a.variadic) expect(i, c.path.join(' ')).toBe(args.length - 1);
      });
    }
  });
});

describe('property: any text given after -- or as an option value comes out exactly', () => {
  const texts = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
  it('objectives add -- TEXT… and decisions add --rationale TEXT', () => {
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 5 }), texts, (objectives, rationale) => {
        const a = run('objectives', 'add', '--', ...objectives).values.objective;
        expect(a).toEqual(objectives.map((t) => (t === '-' ? { from: 'stdin' } : arg(t))));
        if (objectives.filter((t) => t === '-').length > 1) return;
        const d = run('decisions', 'add', 'd', '--rationale', rationale).values.rationale;
        expect(d).toEqual([rationale === '-' ? { from: 'stdin' } : arg(rationale)]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a text typed before -- is either kept exactly or refused as usage', () => {
    fc.assert(
      fc.property(texts, (t) => {
        let r: CliRequest | undefined;
        try {
          r = parse('next', t);
        } catch (e) {
          expect((e as GitSessionError).kind).toBe('usage');
          expect(t.startsWith('-')).toBe(true);
          return;
        }
        if (r.kind === 'help') {
          expect(['-h', '--help']).toContain(t);
          return;
        }
        expect(r.kind).toBe('run');
        if (r.kind === 'run') expect(r.values.note).toEqual([t === '-' ? { from: 'stdin' } : arg(t)]);
      }),
      { numRuns: 1000 },
    );
  });
});
