// Identifier formats. Randomness and time are passed in, so this module stays pure and testable.

export type RandomBytes = (n: number) => Uint8Array;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Crockford-style base32 without i, l, o, u: easy to read aloud and to type. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type ItemKind = 'objective' | 'decision' | 'blocker';
export const ITEM_PREFIX: Record<ItemKind, string> = { objective: 'obj', decision: 'dec', blocker: 'blk' };
const ITEM_RE = /^(obj|dec|blk)-[0-9a-hjkmnp-tv-z]{4,12}$/;

export function isSessionId(s: string): boolean {
  return UUID_RE.test(s);
}

export function isItemId(s: string): boolean {
  return ITEM_RE.test(s);
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * UUIDv7 (RFC 9562): 48-bit millisecond time, then random bits. Within one generator the ids are
 * strictly increasing even inside one millisecond (the random tail is incremented), so events one
 * command writes keep their order when sorted by id.
 */
export function createUuidV7(random: RandomBytes, now: () => number): () => string {
  let lastMs = -1;
  let last: Uint8Array | null = null;
  return () => {
    let ms = now();
    let bytes: Uint8Array;
    if (last !== null && ms <= lastMs) {
      ms = lastMs;
      bytes = Uint8Array.from(last);
      // Increment the 74 random bits (bytes 6..15 minus version/variant bits) as one big counter.
      for (let i = 15; i >= 6; i--) {
        const b = bytes[i]!;
        if (b < 0xff) {
          bytes[i] = b + 1;
          break;
        }
        bytes[i] = 0;
      }
    } else {
      bytes = new Uint8Array(16);
      bytes.set(random(10), 6);
    }
    let t = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    lastMs = ms;
    last = bytes;
    const h = hex(bytes);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** A short item id such as `obj-k3m9`, unique among `taken` (grows by a character on collision). */
export function newItemId(kind: ItemKind, random: RandomBytes, taken: ReadonlySet<string>): string {
  for (let length = 4; ; length++) {
    for (let attempt = 0; attempt < 8; attempt++) {
      let body = '';
      for (const b of random(length)) body += ALPHABET[b % 32];
      const id = `${ITEM_PREFIX[kind]}-${body}`;
      if (!taken.has(id)) return id;
    }
  }
}
