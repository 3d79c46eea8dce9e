// How wide a label will be, estimated on the generous side, so that labels laid out by width never
// overlap in a real browser (test/e2e/report-browser.test.ts measures the DOM boxes in Chromium).
// Widths are for 11px system-ui sans-serif (DejaVu Sans on Debian, wider than most); wide scripts
// and emoji count as a full em or more. Pure.

const NARROW = new Set([..."iljI.,:;'|!`()[]{}/\\ "]);
const WIDE = new Set([...'mwMW@%&']);

function charWidth(cp: number, ch: string): number {
  if (cp < 0x80) {
    if (NARROW.has(ch)) return 4.2;
    if (WIDE.has(ch)) return 11.2;
    if (ch >= 'A' && ch <= 'Z') return 8.4;
    return 7.2;
  }
  // East Asian wide and fullwidth forms, Hangul.
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  )
    return 12;
  // Emoji and everything outside the basic plane.
  if (cp > 0xffff || (cp >= 0x2600 && cp <= 0x27bf)) return 15;
  return 8.4;
}

/** Estimated width in pixels of `text` at `fontPx`. */
export function textWidth(text: string, fontPx = 11): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!, ch);
  return Math.ceil((w * fontPx) / 11);
}

/** `text`, or as much of it as fits in `max` pixels followed by "…"; null when not even one character fits. */
export function fitText(text: string, max: number, fontPx = 11): string | null {
  if (textWidth(text, fontPx) <= max) return text;
  const chars = [...text];
  let w = textWidth('…', fontPx);
  let n = 0;
  for (; n < chars.length; n++) {
    const cw = textWidth(chars[n]!, fontPx);
    if (w + cw > max) break;
    w += cw;
  }
  return n === 0 ? null : `${chars.slice(0, n).join('').trimEnd()}…`;
}
