// What a command hands back to the CLI: one value for --json, text for people, and notes that
// go to stderr in both modes.

import type { Style } from '../render/term.js';

export interface Output {
  json: unknown;
  text: string;
  notes?: string[];
  /**
   * Set when the command did part of its work and stopped (end --merge-to on a conflict): the
   * output is printed as usual, then the process exits with this code.
   */
  exitCode?: number;
}

export interface Io {
  style: Style;
  json: boolean;
}
