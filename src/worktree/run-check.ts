// Running one check of an acceptance criterion or a phase (`git session verify`, `phase complete`):
// a line of shell, in the repository root, in a process group of its own. A check is code the
// repository (or whoever typed it) supplies, so what it can cost here is bounded: it is killed —
// its whole process group, children included — after the timeout; its output is kept as a tail of
// fixed size however much it prints; stdin is closed (it cannot wait on ours); a background child
// that keeps the output pipes open after the shell exits is killed too; and Ctrl-C on git-session
// stops it. Only ever started by a command a person or an agent typed, never by a hook.

import { spawn } from 'node:child_process';

export interface CheckOutcome {
  exitCode: number | null;
  /** The signal that ended the shell (after a timeout: the one that killed it). */
  signal: string | null;
  timedOut: boolean;
  /** git-session was interrupted (SIGINT, SIGTERM) while the check ran: it was stopped. */
  interrupted: boolean;
  durationMs: number;
  /** The last `tailBytes` of what it printed (stdout and stderr as they came), cut at a line start. */
  tail: string;
  /** How many bytes it printed in all. */
  bytes: number;
}

export interface CheckOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** How much of the output's end is kept. */
  tailBytes: number;
  /** Every chunk as it arrives (`verify --verbose`). */
  onOutput?: (chunk: Buffer) => void;
  /** A monotonic clock in milliseconds. */
  now: () => number;
}

/** After SIGTERM, the group has this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** After the shell exits, output still arriving has this long; then the group is killed. */
const DRAIN_MS = 500;

/** The end of what was printed, kept in at most `cap` bytes (older chunks dropped as new ones come). */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  total = 0;
  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const c = chunk.length > this.cap ? chunk.subarray(chunk.length - this.cap) : chunk;
    this.chunks.push(c);
    this.size += c.length;
    while (this.size - this.chunks[0]!.length >= this.cap) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    let buf = Buffer.concat(this.chunks);
    const cut = buf.length > this.cap;
    if (cut) buf = buf.subarray(buf.length - this.cap);
    let text = buf.toString('utf8');
    // A cut tail starts at a line: half a line (or half a character) says nothing.
    if (cut || this.total > buf.length) {
      const nl = text.indexOf('\n');
      if (nl >= 0 && nl < text.length - 1) text = text.slice(nl + 1);
    }
    return text;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

// Long: one process's life — start, output, timeout, interruption, exit and drain — reads best as one.
export function runCheck(command: string, o: CheckOptions): Promise<CheckOutcome> {
  return new Promise((resolve, reject) => {
    const started = o.now();
    const tail = new Tail(o.tailBytes);
    let timedOut = false;
    let interrupted = false;
    let settled = false;
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: o.cwd,
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid;
    const onData = (chunk: Buffer) => {
      tail.push(chunk);
      o.onOutput?.(chunk);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const timers: NodeJS.Timeout[] = [];
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const stop = () => {
      killGroup(pid, 'SIGTERM');
      timers.push(setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS));
    };
    timers.push(
      setTimeout(() => {
        if (exit !== null) return;
        timedOut = true;
        stop();
      }, o.timeoutMs),
    );
    const onSignal = () => {
      interrupted = true;
      stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const finish = () => {
      if (settled || exit === null) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // Whatever the shell left running in its group goes with it.
      killGroup(pid, 'SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: exit.code,
        signal: exit.signal,
        timedOut,
        interrupted,
        durationMs: Math.max(0, Math.round(o.now() - started)),
        tail: tail.text(),
        bytes: tail.total,
      });
    };
    child.on('error', (e) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A background child may hold the pipes open: wait a little for the last output, no longer.
      timers.push(setTimeout(finish, DRAIN_MS));
    });
    child.on('close', () => finish());
  });
}
