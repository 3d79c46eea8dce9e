// Whether a process id is live on this host: what decides that a lock or a leftover file of a
// killed run is stale (lock.ts, atomic.ts removeLeftovers).

/** Signal 0 checks without signalling; EPERM means the process exists under another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
