// Ids of imported things, derived from what identifies them, never from the clock or chance: a
// second import of the same files yields the same ids, so its events are the ones already there.
//
// The digest is a 128-bit non-cryptographic hash (four multiply-rotate lanes over the UTF-16 code
// units, then a MurmurHash3-style finaliser with the lanes mixed into each other). It keeps
// accidental collisions out of reach (2^-64 for any two of a session's items); it is no security
// boundary: a hostile file could make two of its own items share an id, which confuses only the
// import of that file.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** Four 32-bit words. Parts are separated so that ["ab","c"] and ["a","bc"] differ. */
export function digest(parts: readonly string[]): [number, number, number, number] {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  let c = 0xc2b2ae35;
  let d = 0x27d4eb2f;
  let n = 0;
  const step = (ch: number) => {
    a = Math.imul(rotl(a ^ ch, 13), 0x01000193) + 0x6b43a9b5;
    b = Math.imul(rotl(b ^ ch, 15), 0x5bd1e995) + 0x3c6ef372;
    c = Math.imul(rotl(c ^ ch, 17), 0x27d4eb2d) + 0xa54ff53a;
    d = Math.imul(rotl(d ^ ch, 19), 0x165667b1) + 0x510e527f;
    n++;
  };
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) step(part.charCodeAt(i));
    step(0x1f0000 + part.length);
  }
  a ^= n;
  b ^= n;
  c ^= n;
  d ^= n;
  a = fmix((a + b + c + d) | 0);
  b = fmix((b + a) | 0);
  c = fmix((c + a) | 0);
  d = fmix((d + a) | 0);
  a = fmix((a + b + c + d) | 0);
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

/** 13 base-32 characters (65 bits) of the digest: the body of git-session's item and entry ids. */
function body(parts: readonly string[]): string {
  const [a, b, c] = digest(parts);
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[(a >>> (i * 5)) & 31];
  out += ALPHABET[((a >>> 30) | ((b & 7) << 2)) & 31];
  for (let i = 0; i < 5; i++) out += ALPHABET[(b >>> (3 + i * 5)) & 31];
  out += ALPHABET[((b >>> 28) | ((c & 1) << 4)) & 31];
  return out;
}

/** Kinds of derived ids and their prefixes; obj, dec, blk, log and chk are git-session's own formats. */
export const ID_PREFIX = {
  objective: 'obj',
  decision: 'dec',
  blocker: 'blk',
  entry: 'log',
  checkpoint: 'chk',
  criterion: 'cri',
  agent: 'agt',
  wave: 'wav',
  note: 'not',
} as const;
export type IdKind = keyof typeof ID_PREFIX;

/** Collapse runs of white space, so re-wrapping a paragraph keeps its id. */
export const normalizeForId = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Makes the ids of one session's items. An item's id comes from the session, its kind, its scope
 * (a phase, a wave, a journal file) and its text; the same text twice in one scope gets its
 * occurrence number too, so two identical lines stay two items, and an item keeps its id when
 * another is added in another scope or its state (checked, resolved) changes.
 */
export class IdMaker {
  private readonly seen = new Map<string, number>();
  constructor(private readonly sessionSeed: string) {}

  make(kind: IdKind, text: string, scope = ''): string {
    const norm = normalizeForId(text);
    const k = `${kind}\u0000${scope}\u0000${norm}`;
    const n = (this.seen.get(k) ?? 0) + 1;
    this.seen.set(k, n);
    return `${ID_PREFIX[kind]}-${body([this.sessionSeed, kind, scope, norm, String(n)])}`;
  }
}

/** The seed a session's item ids grow from: its format and key. */
export const sessionSeed = (format: string, key: string) => `${format}\u0000${key}`;

/**
 * A UUIDv7-shaped session id (RFC 9562 layout, as git-session's own ids): 48 bits of time — the
 * creation time the session's identity carries (0 when it carries none: a branch, SESSION.md) —
 * then 74 bits of the digest of format and key. Identity, not content: the id stays when the file
 * changes.
 */
export function importedSessionId(format: string, key: string, timeMs: number | null): string {
  const ms = timeMs !== null && Number.isFinite(timeMs) && timeMs >= 0 && timeMs < 2 ** 48 ? Math.floor(timeMs) : 0;
  const [a, b, c] = digest(['session', format, key]);
  const bytes = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  const words = [a, b, c];
  for (let i = 6; i < 16; i++) bytes[i] = (words[Math.floor((i - 6) / 4)]! >>> (((i - 6) % 4) * 8)) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let h = '';
  for (const x of bytes) h += x.toString(16).padStart(2, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const isUuidV7 = (s: string) => UUID7.test(s);

/** Milliseconds of a UUIDv7's time field. */
export const uuidV7Ms = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
