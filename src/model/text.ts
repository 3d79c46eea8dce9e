// What user text may be, as every layer sees it: the limits of the stored contract, and how
// text is quoted back in a message.

/** Per text field. Large enough for a real rationale, small enough to keep commit messages sane. */
export const MAX_TEXT_BYTES = 16 * 1024;
export const MAX_NAME_LENGTH = 64;

/** Bounds on what a cloned repository's `secrets.allow` can make every text check compile. */
export const MAX_ALLOW_PATTERNS = 100;
export const MAX_ALLOW_PATTERN_LENGTH = 500;

/** User input quoted back in a message: the start of it, not a megabyte of it. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
