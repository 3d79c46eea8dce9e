// The layers of src/ as docs/architecture.md draws them, checked on every run: which folder may
// import which, no cycle between folders, the pure centre free of node: modules, git spawned only
// by src/git/, and no function longer than ~80 lines without a reason written next to it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/repo.js';

const SRC = join(ROOT, 'src');

/** What each folder of src/ may import (besides itself). `main` is src/main.ts. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  codec: ['model'],
  core: ['model', 'codec'],
  analytics: ['model', 'codec', 'core'],
  import: ['model', 'codec', 'core'],
  render: ['model', 'codec', 'core', 'analytics'],
  git: ['model', 'codec'],
  store: ['model', 'codec'],
  worktree: ['model', 'codec', 'git', 'store'],
  install: ['model', 'codec', 'core', 'git', 'store', 'worktree'],
  app: ['model', 'codec', 'core', 'analytics', 'import', 'render', 'git', 'store', 'worktree', 'install'],
  commands: ['model', 'codec', 'core', 'analytics', 'render', 'app'],
  cli: ['model', 'core', 'render', 'app', 'commands'],
  // The MCP server: a bundle of its own (dist/mcp.cjs), the commands run in-process.
  mcp: ['model', 'core', 'render', 'app', 'commands'],
  main: ['cli'],
};

/** Folders that are pure: no node: module, no clock, no process (time and randomness come from app/context.ts). */
const PURE = ['model', 'codec', 'core', 'analytics', 'import', 'render'];
const PURE_FILES = ['install/plan.ts', 'install/blocks.ts'];

/** Files outside src/git/ that start a process, and what they start (never git). */
const SPAWNS_ELSEWHERE: Record<string, string> = {
  'install/apply.ts': 'lefthook install',
  'cli/manual.ts': 'man',
  'commands/demo.ts': 'the demo script, in a scratch repository',
};

const LONG_FUNCTION = 80;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const files = sourceFiles(SRC).map((path) => {
  const rel = relative(SRC, path).split(sep).join('/');
  return {
    path,
    rel,
    folder: rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.ts$/, ''),
    text: readFileSync(path, 'utf8'),
  };
});

/** Every module specifier a file names: static imports, re-exports and dynamic import(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*'([^']+)'/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) out.push(m[1]!);
  return out;
}

function folderOf(fromPath: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(SRC, resolve(dirname(fromPath), spec))
    .split(sep)
    .join('/');
  return target.includes('/') ? target.split('/')[0]! : target.replace(/\.js$/, '');
}

const edges = new Map<string, Set<string>>();
const offending: string[] = [];
for (const f of files) {
  for (const spec of specifiers(f.text)) {
    const to = folderOf(f.path, spec);
    if (to === null || to === f.folder) continue;
    const set = edges.get(f.folder) ?? new Set<string>();
    edges.set(f.folder, set);
    set.add(to);
    const allowed = MAY_IMPORT[f.folder];
    if (allowed && !allowed.includes(to)) offending.push(`src/${f.rel} imports ${spec} (${f.folder} -> ${to})`);
  }
}

describe('the architecture of src/', () => {
  it('every folder has its place in the layers', () => {
    const unknown = [...new Set(files.map((f) => f.folder))].filter((f) => !(f in MAY_IMPORT));
    expect(unknown, 'add the folder to MAY_IMPORT here and to docs/architecture.md').toEqual([]);
  });

  it('each folder imports only the layers below it', () => {
    expect(offending).toEqual([]);
  });

  it('no cycle between folders', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
        return;
      }
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it('the pure centre uses no node: module, clock or process', () => {
    const impure = files
      .filter((f) => PURE.includes(f.folder) || PURE_FILES.includes(f.rel))
      .flatMap((f) => {
        const found: string[] = [];
        for (const spec of specifiers(f.text)) if (spec.startsWith('node:')) found.push(spec);
        for (const m of f.text.matchAll(/\b(Date\.now|new Date\(\)|Math\.random|process\.\w+)/g)) found.push(m[1]!);
        return found.length > 0 ? [`src/${f.rel}: ${[...new Set(found)].join(', ')}`] : [];
      });
    expect(impure).toEqual([]);
  });

  it('only src/git/ runs git; other processes are started in the few places listed', () => {
    const spawning = files
      .filter((f) => f.folder !== 'git')
      .filter((f) => /node:child_process/.test(f.text))
      .map((f) => f.rel);
    expect(spawning.sort()).toEqual(Object.keys(SPAWNS_ELSEWHERE).sort());
    for (const rel of spawning) {
      const text = files.find((f) => f.rel === rel)!.text;
      expect(text, `src/${rel} must not start git`).not.toMatch(/(spawnSync|execFile|spawn)\(\s*'git'/);
    }
  });

  it('no file outside src/git/ builds a git command line: queries are made there, and only run elsewhere', () => {
    const building = files
      .filter((f) => f.folder !== 'git')
      .filter(
        (f) => specifiers(f.text).some((spec) => /\/git\/(spawn|query)\.js$/.test(spec)) || /\bargv:\s*\[/.test(f.text),
      )
      .map((f) => `src/${f.rel}`);
    expect(building).toEqual([]);
  });

  it('commands reach git, the store and the work tree only through src/app/', () => {
    const reaching = files
      .filter((f) => f.folder === 'commands')
      .filter((f) => /\bctx\.(store|repo)\b/.test(f.text))
      .map((f) => `src/${f.rel}`);
    expect(reaching).toEqual([]);
  });

  it(`no function longer than ${LONG_FUNCTION} lines without a reason in a comment`, () => {
    const long: string[] = [];
    for (const f of files) {
      const sf = ts.createSourceFile(f.rel, f.text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = sf.getLineAndCharacterOfPosition(node.getStart()).line;
          const last = sf.getLineAndCharacterOfPosition(node.end).line;
          if (last - first + 1 > LONG_FUNCTION && !hasLengthReason(f.text, node))
            long.push(`src/${f.rel}:${first + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });
});

/** A `Long:` line in the comments right above the function (or the statement that holds it) says why. */
function hasLengthReason(text: string, node: ts.Node): boolean {
  let holder: ts.Node = node;
  while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent)) holder = holder.parent;
  const ranges = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
  return ranges.some((r) => /\bLong:/.test(text.slice(r.pos, r.end)));
}
