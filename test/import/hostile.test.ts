// Session files are a stranger's input (a cloned repository, a teammate's folder): whatever they
// hold, a parse costs bounded memory and time, never throws, never guesses, says what it could not
// read with file and line, and returns nothing that could be used as a path to write.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSessionId } from '../../src/core/ids.js';
import { MAX_FILE_BYTES, MAX_ITEMS, MAX_NESTING, SEED_FORMATS, type SourceFile } from '../../src/import/model.js';
import { MAX_WARNINGS_PER_FILE, parseSeedFiles } from '../../src/import/parse.js';
import { file, loadSeed, utf8 } from './fixtures.js';

const SESSION = '.sessions/active/x-0190aaaa-0000-7000-8000-000000000001.md';
const AGENTS = '.agents/sessions/20251204-143000-x.md';

describe('size, bytes and line ends', () => {
  it(`refuses a file over ${MAX_FILE_BYTES / 1024} KiB whole, and reads one at the cap`, () => {
    const body = '## Next Steps\n- one\n';
    const at = body + ' '.repeat(MAX_FILE_BYTES - body.length);
    const over = parseSeedFiles('sessions-dir', [{ path: SESSION, bytes: utf8(`${at} `) }]);
    expect(over.sessions).toEqual([]);
    expect(over.warnings).toEqual([
      {
        file: SESSION,
        line: null,
        message: 'larger than 1024 KiB: not read (a session file is a few KiB; split or trim it)',
      },
    ]);
    const ok = parseSeedFiles('sessions-dir', [{ path: SESSION, bytes: utf8(at) }]);
    expect(ok.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['one']);
  });

  it('refuses binary garbage and text that is not UTF-8, naming the line', () => {
    const bin = new Uint8Array([...utf8('# Session: x\n\n'), 0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff]);
    const latin1 = new Uint8Array([...utf8('---\nstatus: active\n---\n# Session: caf'), 0xe9, 0x0a]);
    const r = parseSeedFiles('sessions-dir', [
      { path: '.sessions/active/bin.md', bytes: bin },
      { path: '.sessions/active/latin1.md', bytes: latin1 },
    ]);
    expect(r.sessions).toEqual([]);
    expect(r.warnings).toEqual([
      {
        file: '.sessions/active/bin.md',
        line: 3,
        message: 'holds a NUL byte: a binary file, not a session file; not read',
      },
      { file: '.sessions/active/latin1.md', line: 4, message: 'not UTF-8 text (byte 38); not read' },
    ]);
  });

  it('reads CRLF, lone CR and a byte order mark exactly as LF files', () => {
    for (const [format, seed] of [
      ['sessions-dir', '003'],
      ['agents', '002'],
      ['session-md', '004'],
      ['codemap', '000'],
      ['git-dir', '001'],
    ] as const) {
      const files = loadSeed(seed);
      const text = (f: SourceFile) => new TextDecoder().decode(f.bytes);
      const crlf = files.map((f) => ({ path: f.path, bytes: utf8(`\uFEFF${text(f).replace(/\n/g, '\r\n')}`) }));
      const cr = files.map((f) => ({ path: f.path, bytes: utf8(text(f).replace(/\n/g, '\r')) }));
      const lf = parseSeedFiles(format, files);
      expect(parseSeedFiles(format, crlf), `${seed} with CRLF and a BOM`).toEqual(lf);
      expect(parseSeedFiles(format, cr), `${seed} with CR`).toEqual(lf);
    }
  });
});

describe('frontmatter', () => {
  it('an unclosed frontmatter: its keys are not read, the Markdown is', () => {
    const r = parseSeedFiles('sessions-dir', [
      file(SESSION, '---\nstatus: paused\n# Session: Open\n\n## Next Steps\n- go on\n'),
    ]);
    expect(r.sessions[0]).toMatchObject({ title: 'Open', status: 'active' });
    expect(r.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['go on']);
    expect(r.warnings[0]).toEqual({
      file: SESSION,
      line: 1,
      message: 'frontmatter opened with --- is never closed: its keys were not read, the rest is read as Markdown',
    });
  });

  it('malformed YAML is reported at its line in the file; duplicate keys and a list are refused too', () => {
    const bad = parseSeedFiles('sessions-dir', [
      file(SESSION, '---\nid: 1\nstatus: [active\nshortname: x\n---\n# Session: T\n'),
    ]);
    expect(bad.sessions[0]!.title).toBe('T');
    expect(bad.warnings[0]!.message).toMatch(/^frontmatter is not valid YAML: .*; its keys were not read$/);
    // The unclosed `[` on line 3 is found wanting where the next key starts, as the YAML parser says.
    expect(bad.warnings[0]!.line).toBe(4);
    const dup = parseSeedFiles('sessions-dir', [file(SESSION, '---\nstatus: active\nstatus: completed\n---\n')]);
    expect(dup.warnings[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/not valid YAML: Map keys must be unique/),
    });
    const list = parseSeedFiles('sessions-dir', [file(SESSION, '---\n- a\n- b\n---\n')]);
    expect(list.warnings[0]!.message).toBe('frontmatter is not a mapping of keys to values; its keys were not read');
  });

  it('a YAML alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [n, c] of ['b', 'c', 'd', 'e', 'f', 'g', 'h'].entries()) {
      const prev = n === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g'][n - 1]!;
      bomb.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = parseSeedFiles('agents', [file(AGENTS, `---\n${bomb.join('\n')}\n---\n# Session: B\n`)]);
    expect(r.sessions[0]!.title).toBe('B');
    expect(r.sessions[0]!.notes).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toContain(
      'frontmatter was rejected: Excessive alias count indicates a resource exhaustion attack; its keys were not read',
    );
  });

  it('brackets nested thousands deep never reach the YAML parser (it aborts the process)', () => {
    const deep = `---\nsession: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n# Session: D\n`;
    const r = parseSeedFiles('agents', [file(AGENTS, deep)]);
    expect(r.sessions[0]!.title).toBe('D');
    expect(r.warnings.map((w) => w.message)).toContain(
      'frontmatter nests brackets deeper than 64 levels; its keys were not read',
    );
  });

  it('custom tags are data, never run', () => {
    const r = parseSeedFiles('agents', [
      file(AGENTS, '---\nsession:\n  title: !!js/function "function () { return 1 }"\n  status: in_progress\n---\n'),
    ]);
    for (const s of r.sessions) expect(typeof s.title).toBe('string');
    expect(JSON.stringify(r)).not.toContain('[Function');
  });
});

describe('Markdown', () => {
  it(`lists or quotes nested deeper than ${MAX_NESTING} levels are reported at their line; what follows is read`, () => {
    let deep = '## Blockers\n';
    for (let i = 0; i < 200; i++) deep += `${'  '.repeat(i)}- level ${i}\n`;
    const r = parseSeedFiles('sessions-dir', [file(SESSION, `${deep}\n## Next Steps\n- after the deep list\n`)]);
    expect(r.warnings.find((w) => w.message.startsWith('lists or quotes nested deeper'))).toMatchObject({
      file: SESSION,
      line: expect.any(Number),
    });
    expect(r.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['after the deep list']);
    const quotes = parseSeedFiles('sessions-dir', [
      file(SESSION, `${'>'.repeat(5000)} x\n\n## Next Steps\n- still read\n`),
    ]);
    expect(quotes.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['still read']);
  });

  it('a `## ` line inside a code fence is code, not a section', () => {
    const r = parseSeedFiles('sessions-dir', [
      file(SESSION, '## Resume Commands\n```bash\n## Decisions\n### 1. Not a decision\n**Choice**: no\n```\n'),
    ]);
    expect(r.sessions[0]!.decisions).toEqual([]);
    expect(r.sessions[0]!.notes[0]!.text).toContain('### 1. Not a decision');
  });

  it('a text over 16 KiB is refused with its line; the rest of the file is read', () => {
    const big = 'x'.repeat(17 * 1024);
    const r = parseSeedFiles('sessions-dir', [file(SESSION, `## Next Steps\n- ${big}\n- small\n`)]);
    expect(r.sessions[0]!.nextSteps.map((n) => n.text)).toEqual(['small']);
    expect(r.warnings).toContainEqual({
      file: SESSION,
      line: 2,
      message: 'a next step is 17408 bytes, over the 16 KiB limit of a text: not imported',
    });
  });

  it(`more than ${MAX_ITEMS} items of a kind: the first are kept, one warning says so; warnings are capped per file`, () => {
    const items = Array.from({ length: MAX_ITEMS + 500 }, (_, i) => `- [ ] step ${i}`).join('\n');
    const r = parseSeedFiles('sessions-dir', [file(SESSION, `## Progress\n${items}\n`)]);
    expect(r.sessions[0]!.objectives).toHaveLength(MAX_ITEMS);
    expect(r.warnings.filter((w) => w.message.includes(`more than ${MAX_ITEMS} objectives`))).toHaveLength(1);
    const phases = Array.from({ length: 100 }, () => '## Phase 1: Same [Complete]').join('\n\n');
    const many = parseSeedFiles('session-md', [file('SESSION.md', phases)]);
    expect(many.warnings).toHaveLength(MAX_WARNINGS_PER_FILE + 1);
    expect(many.warnings[MAX_WARNINGS_PER_FILE]!.message).toBe('79 more warnings about this file not shown');
  });
});

describe('names, branches and paths from a file are never paths to write', () => {
  it('a hostile shortname becomes a plain short name; a hostile branch is left out with a warning', () => {
    const r = parseSeedFiles('sessions-dir', [
      file(SESSION, '---\nshortname: "../../../etc/passwd"\ngit_branch: "../../refs/heads/x"\nstatus: active\n---\n'),
    ]);
    const s = r.sessions[0]!;
    expect(s.name).toBe('etc-passwd');
    expect(s.branch).toBeNull();
    expect(r.warnings.map((w) => w.message)).toContain(
      '"../../refs/heads/x" is not a branch name git accepts: no branch imported',
    );
    for (const bad of ['-x', 'a b', 'a..b', 'x.lock', '/abs', 'a\u0000b', 'a~1', 'refs/.hidden/x'])
      expect(
        parseSeedFiles('sessions-dir', [file(SESSION, `---\ngit_branch: ${JSON.stringify(bad)}\n---\n`)]).sessions[0]!
          .branch,
      ).toBeNull();
  });

  it("a seed 001 folder named with '..' gives no branch; the result names files only where it says where it read", () => {
    const r = parseSeedFiles('git-dir', [file('.git/sessions/../../etc/objectives.md', '- [ ] a\n')]);
    expect(r.sessions[0]!.branch).toBeNull();
    expect(r.sessions[0]!.name).toBe('etc');
    const s = r.sessions[0]!;
    // The key and the title are the folder's name as text; nothing else repeats it.
    expect(s.sources).toEqual(['.git/sessions/../../etc/objectives.md']);
    expect(s.objectives[0]!.file).toBe('.git/sessions/../../etc/objectives.md');
    const { sources, objectives, key, title, ...rest } = s;
    expect(JSON.stringify(rest)).not.toContain('..');
  });

  it('files of no seed are skipped, never read', () => {
    const r = parseSeedFiles('agents', [file('/etc/passwd', 'root:x:0:0'), file('.agents/other/x.md', '# x')]);
    expect(r.sessions).toEqual([]);
    expect(r.skipped.map((s) => s.file)).toEqual(['.agents/other/x.md', '/etc/passwd']);
  });
});

describe('any input (property)', () => {
  const pieces = fc.constantFrom(
    '---\n',
    '# Session: ',
    '## Decisions\n',
    '### 1. ',
    '**Choice**: ',
    '**Rationale**: ',
    '## Progress\n',
    '### Completed\n',
    '- [x] ',
    '- [ ] ',
    '  - ',
    '1. ',
    '<- CURRENT',
    '## Phase 2: X [In Progress]\n',
    '**Progress**:\n',
    '## Blockers\n',
    '~~',
    '## Session Log\n',
    '### 2025-12-04 14:30 - dev\n',
    '```\n',
    '> ',
    'status: active\n',
    'a: &a [1]\nb: *a\n',
    '(2025-01-15T10:30)',
    '\r\n',
    '\n',
    '\u0000',
    '\uFEFF',
    '|',
    'text ',
    '{"summary": "x"}',
  );
  const doc = fc.array(fc.oneof(pieces, fc.string({ maxLength: 12 })), { maxLength: 60 }).map((a) => a.join(''));
  const paths: Record<(typeof SEED_FORMATS)[number], string> = {
    'sessions-dir': SESSION,
    agents: AGENTS,
    'session-md': 'SESSION.md',
    codemap: '.codemap/sessions/2026-04-05T02-53-34.json',
    'git-dir': '.git/sessions/feature/x/objectives.md',
  };

  it('never throws, reads the same twice, and gives well-formed sessions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_FORMATS), doc, (format, text) => {
        const files = [file(paths[format], text)];
        const a = parseSeedFiles(format, files);
        expect(parseSeedFiles(format, files)).toEqual(a);
        for (const s of a.sessions) {
          expect(isSessionId(s.sessionId)).toBe(true);
          expect(s.name).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
        }
        for (const w of a.warnings) expect(w.file).toBe(paths[format]);
      }),
      { numRuns: 300 },
    );
  });
});
