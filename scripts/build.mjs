// Bundle the CLI into one CommonJS file (dist/git-session.cjs). CommonJS because yaml's ESM build
// calls require("process"), which a plain ESM bundle cannot; command modules stay lazily
// initialised inside the bundle, so a command pays only for what it uses.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/git-session.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.GIT_SESSION_BUILD_PLAIN !== '1',
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'none',
  // import.meta.url only serves the unbundled sources (tests); the bundle finds itself by __dirname.
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': 'undefined' },
  logLevel: 'warning',
});
