// Process entry: wire the real output and exit code. Everything testable lives in cli/run.ts.

import { run } from './cli/run.js';
import { FdWriter } from './cli/std-out.js';

// A closed pipe (`git session list | head`) is not an error worth a stack trace: FdWriter stops
// writing there.
const stderr = new FdWriter(2);
run(process.argv, process.cwd(), process.env, { stdout: new FdWriter(1), stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    stderr.write(`git-session: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
