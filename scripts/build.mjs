// Bundle the CLI into one CommonJS file (dist/git-session.cjs). CommonJS because yaml's ESM build
// calls require("process"), which a plain ESM bundle cannot; command modules stay lazily
// initialised inside the bundle, so a command pays only for what it uses.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// The hook contract as the sh runtime reads it (hooks/contract.sh, hooks/contract.awk): rendered
// from src/model/hook-contract.ts first, so that everything after — tests, lint, the bundle that
// copies the runtime — sees the runtime whole. Written only when it changed.
{
  const contract = await build({
    entryPoints: ['src/install/contract-files.ts'],
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const { contractFiles } = await import(
    `data:text/javascript;base64,${Buffer.from(contract.outputFiles[0].contents).toString('base64')}`
  );
  for (const [name, text] of contractFiles()) {
    const path = join('hooks', name);
    let old = null;
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      // Not generated yet.
    }
    if (old === text) continue;
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
}

// The hook runtime's stamp (src/install/apply.ts runtimeDigest, over every file of hooks/): a change
// compares the store's VERSION with this constant instead of hashing the package's files each time.
const runtime = createHash('sha256');
for (const name of readdirSync('hooks').sort())
  if (statSync(join('hooks', name)).isFile()) runtime.update(`${name}\0${readFileSync(join('hooks', name), 'utf8')}\0`);
const RUNTIME_STAMP = runtime.digest('hex').slice(0, 16);

// The import parsers (src/import/index.ts, with markdown-it) are a bundle of their own,
// dist/import.cjs, required only when `git session import` runs: in the main bundle every command
// would pay to load them. `__dirname` is dist/ both when the bundle runs from bin/ and directly.
const separateImport = {
  name: 'separate-import',
  setup(b) {
    b.onResolve({ filter: /\/import\/index\.js$/ }, (args) =>
      args.importer.endsWith(join('src', 'app', 'import.ts'))
        ? { path: 'import-bundle', namespace: 'import' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'import' }, () => ({
      contents: "module.exports = require(require('node:path').join(__dirname, 'import.cjs'));",
      loader: 'js',
    }));
  },
};

// What every build here shares: one CommonJS file for the Node floor of package.json, kept in
// memory (written below, or run and removed).
const nodeCjs = { write: false, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };

// Written in memory and renamed into place: a test run that starts the binary while another
// build is under way gets the old bundle or the new one, never half of one. Three bundles: the CLI,
// the MCP server (dist/mcp.cjs) that only `git session mcp` loads — the MCP SDK and zod are
// ~800 KB that no other command should compile —, and the import parsers (dist/import.cjs, above).
const bundle = (entry, outfile) =>
  build({
    ...nodeCjs,
    entryPoints: [entry],
    outfile,
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    minify: process.env.GIT_SESSION_BUILD_PLAIN !== '1',
    keepNames: false,
    sourcemap: 'linked',
    legalComments: 'none',
    // import.meta.url only serves the unbundled sources (tests); the bundle finds itself by __dirname.
    define: {
      __VERSION__: JSON.stringify(pkg.version),
      __RUNTIME_STAMP__: JSON.stringify(RUNTIME_STAMP),
      __SECRET_ALLOW_CHUNK__: JSON.stringify('secret-allow.cjs'),
      'import.meta.url': 'undefined',
    },
    // What a chunk holds stays out of the bundles: the sources' import of it is only for the tests.
    plugins: [
      separateImport,
      {
        name: 'chunks',
        setup(b) {
          b.onResolve({ filter: /\/core\/secret-allow\.js$/ }, (args) =>
            args.importer.endsWith('secret-allow-chunk.ts') ? { path: args.path, external: true } : undefined,
          );
        },
      },
    ],
  });

// Code only a few runs need, in chunks of their own next to the bundles (required by path from
// them): the `secrets.allow` matcher and RE2JS (src/app/secret-allow-chunk.ts says why).
const chunk = build({
  entryPoints: { 'secret-allow': 'src/core/secret-allow.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  ...nodeCjs,
  minify: process.env.GIT_SESSION_BUILD_PLAIN !== '1',
  legalComments: 'none',
});
const results = await Promise.all([
  bundle('src/main.ts', 'dist/git-session.cjs'),
  bundle('src/mcp/main.ts', 'dist/mcp.cjs'),
  bundle('src/import/index.ts', 'dist/import.cjs'),
  chunk,
]);

for (const file of results.flatMap((r) => r.outputFiles)) {
  mkdirSync(dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}

// Code caches of earlier bundles are keyed by their size and time and would never be read again.
for (const name of readdirSync('dist')) if (name.startsWith('.cache-')) rmSync(`dist/${name}`, { force: true });

// The manual pages and the shell completion come from the same command table as the parser
// (src/cli/commands.ts): a small bundle of src/cli/generate.ts writes them into dist/.
const generator = await build({
  ...nodeCjs,
  entryPoints: ['src/cli/generate.ts'],
  mainFields: ['module', 'main'],
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
});
const script = join('dist', `.generate.${process.pid}.cjs`);
writeFileSync(script, generator.outputFiles[0].contents);
try {
  execFileSync(process.execPath, [script, 'dist'], { stdio: 'inherit' });
} finally {
  rmSync(script, { force: true });
}
