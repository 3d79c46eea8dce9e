// Lint every shell script of the project with shellcheck (POSIX sh dialect for the hooks).
// `npm test` never installs anything: without shellcheck, the lint says it was skipped and how to
// get it; under CI=true (where .ci/run installs it) a missing shellcheck fails the run, because
// hooks that were never linted must not pass as linted there.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const have = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
if (!have) {
  if (process.env.CI === 'true') {
    console.error(
      'shellcheck: not installed, and CI=true requires it (.ci/run installs it: apt-get install shellcheck)',
    );
    process.exit(1);
  }
  console.error(
    'shellcheck: SKIPPED — not installed, so the hooks were not linted (apt-get install shellcheck; CI=true makes this an error)',
  );
  process.exit(0);
}

// The hooks' awk programs are awk, not shell.
const files = [
  'install.sh',
  'scripts/install-extras.sh',
  '.ci/run',
  ...readdirSync('hooks')
    .filter((f) => !f.endsWith('.awk'))
    .map((f) => join('hooks', f)),
];
try {
  execFileSync('shellcheck', ['--shell=sh', '--severity=style', '--external-sources', '--source-path=.', ...files], {
    stdio: 'inherit',
  });
  console.log(`shellcheck: ${files.length} files clean`);
} catch {
  process.exit(1);
}
