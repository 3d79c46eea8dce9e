// Lint every shell script of the project with shellcheck (POSIX sh dialect for the hooks).
// Installs shellcheck from Debian's packages when it is missing and we may; otherwise fails with
// the command to run, because hooks that were never linted must not pass as linted.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function have() {
  return spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
}

if (!have() && process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
  console.error('shellcheck is missing; installing it from Debian packages...');
  spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null'],
    {
      stdio: 'inherit',
    },
  );
}
if (!have()) {
  console.error('shellcheck is not installed: apt-get install shellcheck (or see https://www.shellcheck.net)');
  process.exit(1);
}

const files = [
  'install.sh',
  'scripts/install-extras.sh',
  '.ci/run',
  ...readdirSync('hooks').map((f) => join('hooks', f)),
];
try {
  execFileSync('shellcheck', ['--shell=sh', '--severity=style', '--external-sources', '--source-path=.', ...files], {
    stdio: 'inherit',
  });
  console.log(`shellcheck: ${files.length} files clean`);
} catch {
  process.exit(1);
}
