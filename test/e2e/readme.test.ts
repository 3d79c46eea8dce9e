// The README is what a new user pastes: its quickstart must run as written, and every command its
// reference lists must exist.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, makeRepo, ROOT } from '../helpers/repo.js';

afterAll(cleanupAll);

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`## ${title}`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('starts with the two set-up commands', () => {
    const setup = /```sh\n([\s\S]*?)```/.exec(section('Set up'))![1]!.trim().split('\n');
    expect(setup).toEqual(['./install.sh', 'npm test']);
  });

  it('quickstart runs as written in a new repository', () => {
    const script = /```sh\n([\s\S]*?)```/.exec(section('Quickstart'))![1]!;
    const r = makeRepo({ empty: true });
    const out = spawnSync('sh', ['-e', '-c', script], { cwd: r.dir, env: r.env, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Session: [0-9a-f-]{36}$/m);
    expect(out.stdout).toMatch(/^Decisions: dec-\S+ Keep sessions in signed cookies; rationale: no server-side state/m);
    expect(out.stderr).toContain("paused 'login'");
    expect(out.stderr).toContain('Resumed login');
    expect(out.stdout).toContain('→ Remember-me checkbox');
    expect(out.stdout).toMatch(/login\s+✓ completed/);
    expect(r.trailers()).toContain('Session-Info: status completed; summary: Login done');
  });

  it('lists only commands that exist', () => {
    const r = makeRepo();
    const names = [...section('Commands').matchAll(/^\| `git session ([a-z]+)/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const name of new Set(names)) {
      const out = r.gs([name, '-h']);
      expect(out.code, name).toBe(0);
      expect(out.stdout, name).toContain(`usage: git session ${name}`);
    }
  });
});
