// Which changed files are tests and which are source (docs/reports.md, "Tests and source").
// Decided from the path alone, the same on every clone.

/** A directory named like this anywhere in the path makes a test file. */
const TEST_DIR = /(^|\/)(tests?|__tests__|specs?|e2e)\//i;
/** `x.test.ts`, `x.spec.js`, `x_test.go`, `test_x.py`, `XTest.java`, `x_spec.rb`. */
const TEST_NAME =
  /(\.(test|spec)\.[^./]+$)|(_(test|spec)\.[^./]+$)|(^test_[^/]*\.py$)|([A-Za-z0-9](Test|Tests|Spec)\.(java|kt|scala|cs|swift)$)/;

/** Extensions of program source: a change to these without a test is what "untested" means. */
const SOURCE_EXT = new Set([
  'ts',
  'tsx',
  'mts',
  'cts',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'vue',
  'svelte',
  'py',
  'go',
  'rs',
  'java',
  'kt',
  'kts',
  'scala',
  'rb',
  'php',
  'c',
  'h',
  'cc',
  'cpp',
  'cxx',
  'hpp',
  'cs',
  'fs',
  'swift',
  'm',
  'mm',
  'dart',
  'ex',
  'exs',
  'erl',
  'clj',
  'hs',
  'ml',
  'lua',
  'pl',
  'sh',
  'zig',
  'sql',
]);

export type FileKind = 'test' | 'source' | 'other';

export function fileKind(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (TEST_DIR.test(path) || TEST_NAME.test(base)) return 'test';
  const dot = base.lastIndexOf('.');
  if (dot > 0 && SOURCE_EXT.has(base.slice(dot + 1).toLowerCase())) return 'source';
  return 'other';
}

export interface CommitKinds {
  tests: string[];
  sources: string[];
}

export function kindsOf(paths: readonly string[]): CommitKinds {
  const tests: string[] = [];
  const sources: string[] = [];
  for (const p of paths) {
    const k = fileKind(p);
    if (k === 'test') tests.push(p);
    else if (k === 'source') sources.push(p);
  }
  return { tests, sources };
}
