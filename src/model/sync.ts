// Team sync's names and limits (docs/sync.md): where session refs live, how their trees are laid
// out, and what one ref may cost a clone that reads it. Pure data.

/** The local session refs: `refs/sessions/<session id>`, one chain of commits per session. */
export const SESSION_REFS = 'refs/sessions';
/** Where each remote's session refs are fetched to: `refs/session-remotes/<remote>/<session id>`. */
export const TRACKING_REFS = 'refs/session-remotes';
/** A session ref's tree holds one file per clone that recorded events: `<machine id>.jsonl`. */
export const SYNC_FILE_SUFFIX = '.jsonl';

/**
 * What a ref read from a remote may cost. A ref is a stranger's input, like a commit message:
 * beyond these, the rest is not read (and the sync says so).
 */
export const SYNC_LIMITS = {
  /** One event line. A decision with three 16 KiB texts fits; escaping makes JSON longer. */
  lineBytes: 256 * 1024,
  /** One clone's file in one session's ref. */
  fileBytes: 16 * 1024 * 1024,
  /** All files of one session's ref. */
  refBytes: 32 * 1024 * 1024,
  /** Clones (files) one session's ref may hold. */
  filesPerRef: 256,
  /** Events of one clone's file. */
  eventsPerFile: 100_000,
  /** Sessions read from one remote in one run (the others wait for the next one). */
  refsPerRemote: 10_000,
} as const;

/**
 * The highest clock an event from a ref may carry: as a commit's claim (hook-contract
 * MAX_CLOCK_CLAIM), so that the clock of a change made after it stays far below MAX_CLOCK.
 */
export const MAX_SYNCED_CLOCK = 2 ** 49;

/** The committer of the commits of session refs (the email is the user's). */
export const SYNC_COMMITTER_NAME = 'git-session';
