// `--help` and `git session help`: open the manual page the build wrote (dist/man/man1/), with
// man, as git does for its own commands. Where man is missing, or the page was not built, the
// short usage is printed instead, with a line saying why.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** dist/ of this installation: the bundle lives in it; the sources are two levels below the root. */
export function distDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  return resolve(dirname(new URL(import.meta.url).pathname), '..', '..', 'dist');
}

export const manPagePath = (page: string): string => join(distDir(), 'man', 'man1', `${page}.1`);

export interface ManualStreams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Open `page` with man; the exit code to leave with. */
export function openManual(page: string, fallback: string, streams: ManualStreams, env: NodeJS.ProcessEnv): number {
  const path = manPagePath(page);
  if (!existsSync(path)) {
    streams.stdout.write(`${fallback}\n`);
    streams.stderr.write(
      `git-session: the manual page ${page}(1) is not built here (npm run build); this is the short usage\n`,
    );
    return 0;
  }
  const { spawnSync } = createRequire(typeof __filename === 'string' ? __filename : import.meta.url)(
    'node:child_process',
  ) as typeof import('node:child_process');
  const r = spawnSync('man', [path], { stdio: 'inherit', env });
  if (r.error || r.status !== 0) {
    streams.stdout.write(`${fallback}\n`);
    const why = r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'man is not installed' : 'man failed';
    streams.stderr.write(`git-session: ${why}; this is the short usage (the manual page is ${path})\n`);
    return 0;
  }
  return 0;
}
