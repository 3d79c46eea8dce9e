// Progress of long work (rebuild, report; later import and sync) on stderr, as git shows it:
// nothing for the first second, then one line rewritten in place at most ten times a second
// ("Reading history: 45% (4500/10000)"), ending with ", done." — and only on a terminal: piped,
// redirected or read by a program, stderr stays silent. Pure: the clock and the stream come in.

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** `done` items so far, of `total` when known. */
  tick(done: number, total?: number): void;
  /** The work ended: finish the line if one was shown. */
  end(): void;
}

export const SILENT: Progress = { tick: () => undefined, end: () => undefined };

export interface ProgressOptions {
  /** Milliseconds of a monotonic clock (the caller's: this module reads none). */
  now: () => number;
  /** Shown only when the work is still running after this long (git: 1 s for most commands). */
  delayMs?: number;
  /** At most one redraw per this many milliseconds. */
  everyMs?: number;
}

function line(title: string, done: number, total: number | undefined): string {
  if (total === undefined || total <= 0) return `${title}: ${done}`;
  const pct = Math.min(100, Math.floor((done * 100) / total));
  return `${title}: ${String(pct).padStart(3)}% (${done}/${total})`;
}

export function createProgress(title: string, sink: ProgressSink, o: ProgressOptions): Progress {
  if (sink.isTTY !== true) return SILENT;
  const now = o.now;
  const delay = o.delayMs ?? 1000;
  const every = o.everyMs ?? 100;
  const started = now();
  let drawn = -Infinity;
  let shown = false;
  let last: { done: number; total: number | undefined } = { done: 0, total: undefined };
  let width = 0;
  const draw = (text: string) => {
    // Pad over a longer previous line instead of clearing it (no escape sequences needed).
    sink.write(`\r${text.padEnd(width)}`);
    width = text.length;
  };
  return {
    tick(done, total) {
      last = { done, total };
      const t = now();
      if (t - started < delay || t - drawn < every) return;
      drawn = t;
      shown = true;
      draw(line(title, done, total));
    },
    end() {
      if (!shown) return;
      draw(`${line(title, last.total ?? last.done, last.total)}, done.`);
      sink.write('\n');
      shown = false;
    },
  };
}
