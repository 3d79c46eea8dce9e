// A file-system failure no code named (a read-only or full store met deep inside a command), as the
// one-line error the CLI prints (cli/run.ts), with the way out.

export { unexplainedFsFailure } from '../store/atomic.js';
