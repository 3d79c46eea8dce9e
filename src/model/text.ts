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

/** UTF-8 length of `text` without allocating (the pure layers have no Buffer). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * Tokens of `text` as git-session estimates them: UTF-8 bytes ÷ 4, rounded up — the rule of thumb
 * Anthropic and OpenAI publish for English. Real counts differ by model (current Claude tokenizers
 * count about 30 % more than earlier ones) and by content (code and hashes count more, prose less);
 * bytes rather than characters, so that CJK text is not undercounted. No tokenizer is loaded: each
 * costs 90–860 ms and tens of MB, and none is the model that reads the brief (docs/brief.md).
 */
export const estimateTokens = (text: string): number => Math.ceil(utf8Length(text) / 4);
