// What a command hands back to the CLI: one value for --json, text for people, and notes that
// go to stderr in both modes.

import type { Progress } from '../render/progress.js';
import type { Style } from '../render/term.js';

export interface Output {
  json: unknown;
  text: string;
  notes?: string[];
  /**
   * Non-zero when the command did its work but found something it could not put right (doctor),
   * or did part of it and stopped (end --merge-to on a conflict): the output is printed as usual,
   * then the process exits with this code.
   */
  exitCode?: number;
}

export interface Io {
  style: Style;
  json: boolean;
  /** Whether standard error is a terminal (asked only when it matters: it costs a module load). */
  stderrIsTTY?: () => boolean;
  /** Lines (and a check's output, `verify --verbose`) on stderr as they happen, not at the end. */
  stderr?: (text: string) => void;
  /** Progress of long work on stderr (shown only on a terminal, after a second; render/progress.ts). */
  progress?: (title: string) => Progress;
}
