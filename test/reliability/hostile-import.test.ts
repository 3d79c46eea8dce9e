// `git session import` on session files a clone brings (issue 11 point 6): huge, binary, malformed
// frontmatter, a YAML alias bomb, symlinks to /dev/zero and out of the repository, a FIFO, a short
// name and a branch that would leave their place. Each run is bounded in time and memory, so a regression fails here
// instead of hanging the suite; docs/reliability.md lists what users get.

import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initRepo } from '../helpers/hooks.js';
import { BIN, cleanupAll, type Run, type TestRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupAll);

/** The CLI under `timeout -s KILL` and `ulimit -v` 3 GB (the processes it starts included). */
function bounded(r: TestRepo, args: string[], seconds = 20): Run {
  const p = spawnSync(
    'timeout',
    ['-s', 'KILL', String(seconds), 'sh', '-c', 'ulimit -v 3000000 && exec "$@"', 'sh', process.execPath, BIN, ...args],
    { cwd: r.dir, env: r.env, encoding: 'utf8' },
  );
  return { code: p.status ?? 137, stdout: p.stdout, stderr: p.stderr };
}

const session = (title: string) =>
  `---\nsession:\n  title: "${title}"\n  status: in_progress\n  created: "2025-12-01T10:00:00Z"\n  last_updated: "2025-12-01T10:00:00Z"\norchestration:\n  current_task: "x"\n---\n\n# Session: ${title}\n\n## Next Steps\n1. Go on\n`;

describe('hostile session files', () => {
  let r: TestRepo;
  let out: Run;
  const dir = '.agents/sessions';

  beforeAll(() => {
    r = initRepo();
    r.write(`${dir}/20251201-100000-fine.md`, session('A fine one'));
    // 1 MiB and one byte; and a 50 MiB sparse file (zeros): neither is read past the cap.
    r.write(`${dir}/20251201-100001-huge.md`, `${session('Huge')}${'x'.repeat(1024 * 1024)}`);
    r.write(`${dir}/20251201-100002-sparse.md`, '');
    truncateSync(join(r.dir, dir, '20251201-100002-sparse.md'), 50 * 1024 * 1024);
    r.write(`${dir}/20251201-100003-binary.md`, `${session('Binary')}\n\u0000\u0001garbage`);
    r.write(
      `${dir}/20251201-100004-badyaml.md`,
      '---\nsession:\n  title: [unclosed\n  status: in_progress\n---\n# Session: Bad YAML\n\n## Next Steps\n1. Still read\n',
    );
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 60; i++)
      bomb.push(`a${i}: &a${i} [*a${i - 1 || ''},*a${i - 1 || ''},*a${i - 1 || ''}]`.replace('*a0', '*a'));
    r.write(`${dir}/20251201-100005-bomb.md`, `---\n${bomb.join('\n')}\n---\n# Session: Bomb\n`);
    symlinkSync('/dev/zero', join(r.dir, dir, '20251201-100006-zero.md'));
    const outside = join(tempDir(), 'outside');
    mkdirSync(join(outside, 'active'), { recursive: true });
    writeFileSync(join(outside, 'active', 'secret-0193f1a2-7c4d-7e21-9a10-5b6c7d8e9f01.md'), '# Session: Outside\n');
    mkdirSync(join(r.dir, '.sessions'));
    symlinkSync(outside, join(r.dir, '.sessions', 'archive'));
    // A seed 003 file whose name and branch would reach out of their place.
    r.write(
      '.sessions/active/evil-0194b2c3-d4e5-7f60-8a1b-2c3d4e5f6a70.md',
      '---\nid: 0194b2c3-d4e5-7f60-8a1b-2c3d4e5f6a70\nshortname: ../../../etc/passwd\nstatus: active\ngit_branch: ../../refs/heads/main\ncreated_at: 2025-01-16T15:00:00Z\n---\n\n# Session: Evil\n',
    );
    mkdirSync(join(r.dir, '.codemap', 'sessions'), { recursive: true });
    spawnSync('mkfifo', [join(r.dir, '.codemap', 'sessions', '2026-01-01T00-00-00.json')]);
    r.write(
      'SESSION.md',
      '# Session State\n\n**Current Phase**: Phase 1\n\n## Phase 1: Setup [In Progress]\n\n**Next Action**: go\n',
    );
    out = bounded(r, ['import', '--json', '--verbose']);
  });

  it('refuses the huge, the sparse and the binary file whole, says so with file and line, exits 1', () => {
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report.refused.sort()).toEqual([
      `${dir}/20251201-100001-huge.md`,
      `${dir}/20251201-100002-sparse.md`,
      `${dir}/20251201-100003-binary.md`,
    ]);
    expect(out.stderr).toContain(`${dir}/20251201-100001-huge.md: larger than 1024 KiB: not read`);
    expect(out.stderr).toMatch(new RegExp(`${dir}/20251201-100003-binary\\.md:\\d+: holds a NUL byte`));
    // What could be read is imported all the same.
    expect(report.sessions.map((s: any) => s.name).sort()).toEqual([
      'badyaml',
      'bomb',
      'etc-passwd',
      'fine',
      'session',
    ]);
  });

  it('reads the Markdown of a file whose frontmatter is broken, and refuses a YAML alias bomb unexpanded', () => {
    expect(out.stderr).toMatch(
      new RegExp(`${dir}/20251201-100004-badyaml\\.md:\\d+: frontmatter .*its keys were not read`),
    );
    expect(r.json(['show', 'badyaml']).next).toEqual(['Still read']);
    expect(out.stderr).toMatch(new RegExp(`${dir}/20251201-100005-bomb\\.md:\\d+: frontmatter .*alias`));
  });

  it('follows no symlink — not to /dev/zero, not out of the repository — and waits on no FIFO', () => {
    const report = JSON.parse(out.stdout);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { file: `${dir}/20251201-100006-zero.md`, reason: 'a symbolic link: not followed' },
        { file: '.sessions/archive', reason: 'reached through a symbolic link: not followed' },
        {
          file: '.codemap/sessions/2026-01-01T00-00-00.json',
          reason: 'not a regular file (a FIFO, a device or a socket): not read',
        },
      ]),
    );
    expect(r.gs(['list', '--all']).stdout).not.toContain('Outside');
  });

  it('gives a hostile short name and branch nothing outside their place: a plain name, no branch, no ref', () => {
    const evil = r.json(['show', '0194b2c3-d4e5-7f60-8a1b-2c3d4e5f6a70']);
    expect(evil).toMatchObject({ name: 'etc-passwd', title: 'Evil', branch: '' });
    expect(JSON.parse(out.stdout).linked).toEqual([]);
    expect(r.git(['for-each-ref', '--format=%(refname)']).stdout.trim().split('\n')).toEqual(['refs/heads/main']);
  });

  it('a second run over the same hostile files adds nothing', () => {
    const again = bounded(r, ['import', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).sessions.every((s: any) => s.result === 'unchanged')).toBe(true);
  });
});
