// The project's test command, for whoever continues cold: `commands.test` from the config, else
// what the project's own files say — package.json's `test` script (run with the package manager
// its lock file names), a Makefile `test` target, pytest in pyproject.toml, Cargo.toml, go.mod.
// Pure: src/app/brief-inputs.ts reads the files (bounded) and hands their text in.

export interface TestCommand {
  command: string;
  /** Where it was found: `.session/config.yaml` or the file's name. */
  source: string;
}

/** The files looked at, by name at the top of the work tree; null when absent or not readable. */
export type ProjectFiles = Partial<Record<(typeof PROJECT_FILES)[number], string | null>>;

export const PROJECT_FILES = [
  'package.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lockb',
  'bun.lock',
  'Makefile',
  'makefile',
  'GNUmakefile',
  'pyproject.toml',
  'poetry.lock',
  'uv.lock',
  'Cargo.toml',
  'go.mod',
] as const;

/** What `npm init` writes when there are no tests. */
const NPM_PLACEHOLDER = /no test specified/;

function packageManager(pkg: Record<string, unknown>, files: ProjectFiles): string {
  const declared = typeof pkg.packageManager === 'string' ? /^(npm|pnpm|yarn|bun)@/.exec(pkg.packageManager) : null;
  if (declared) return declared[1]!;
  if (files['pnpm-lock.yaml'] != null) return 'pnpm';
  if (files['yarn.lock'] != null) return 'yarn';
  if (files['bun.lockb'] != null || files['bun.lock'] != null) return 'bun';
  return 'npm';
}

function fromPackageJson(text: string, files: ProjectFiles): string | null {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) return null;
  const scripts = (pkg as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null) return null;
  const test = (scripts as Record<string, unknown>).test;
  if (typeof test !== 'string' || test.trim() === '' || NPM_PLACEHOLDER.test(test)) return null;
  const pm = packageManager(pkg as Record<string, unknown>, files);
  return pm === 'bun' ? 'bun run test' : `${pm} test`;
}

/** A `test:` rule (possibly among other targets: `test check:`), not a variable (`test := …`). */
const MAKE_TEST = /^(?:[A-Za-z0-9_.-]+[ \t]+)*test(?:[ \t]+[A-Za-z0-9_.-]+)*[ \t]*::?(?!=)/m;

function fromPyproject(text: string, files: ProjectFiles): string | null {
  if (!/\bpytest\b/.test(text)) return null;
  if (files['uv.lock'] != null) return 'uv run pytest';
  if (files['poetry.lock'] != null || /^\[tool\.poetry\]/m.test(text)) return 'poetry run pytest';
  return 'pytest';
}

export function findTestCommand(configured: string | null, files: ProjectFiles): TestCommand | null {
  if (configured !== null && configured.trim() !== '')
    return { command: configured.trim(), source: '.session/config.yaml' };
  const pkg = files['package.json'];
  const npm = pkg != null ? fromPackageJson(pkg, files) : null;
  if (npm) return { command: npm, source: 'package.json' };
  for (const name of ['GNUmakefile', 'makefile', 'Makefile'] as const) {
    const text = files[name];
    if (text != null && MAKE_TEST.test(text)) return { command: 'make test', source: name };
  }
  const py = files['pyproject.toml'];
  const pytest = py != null ? fromPyproject(py, files) : null;
  if (pytest) return { command: pytest, source: 'pyproject.toml' };
  const cargo = files['Cargo.toml'];
  if (cargo != null && /^\[(package|workspace)\]/m.test(cargo))
    return { command: /^\[workspace\]/m.test(cargo) ? 'cargo test --workspace' : 'cargo test', source: 'Cargo.toml' };
  const gomod = files['go.mod'];
  if (gomod != null && /^module\s+\S/m.test(gomod)) return { command: 'go test ./...', source: 'go.mod' };
  return null;
}
