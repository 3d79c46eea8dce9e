// Identifier formats. Randomness and time are passed in, so this module stays pure and testable.

import { SESSION_ID_ERE } from '../model/hook-contract.js';

export type RandomBytes = (n: number) => Uint8Array;

/** A session id: a UUIDv7 (the hooks check the same, hooks/contract.sh gs_valid_sid). */
const UUID_RE = new RegExp(SESSION_ID_ERE);
/** Crockford-style base32 without i, l, o, u: easy to read aloud and to type. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type ItemKind = 'objective' | 'decision' | 'blocker';
export const ITEM_PREFIX: Record<ItemKind, string> = { objective: 'obj', decision: 'dec', blocker: 'blk' };
/**
 * Characters of a new item id after its prefix: 13 base-32 characters are 65 random bits, enough
 * for ids made on any number of clones never to meet (git-session before 0.2 made 4: ids of that
 * length stay valid everywhere).
 */
export const ITEM_ID_LENGTH = 13;
/** The fewest characters an id is shown with (as git shows at least 4 of a sha). */
export const MIN_SHOWN = 4;
const ITEM_RE = /^(obj|dec|blk)-[0-9a-hjkmnp-tv-z]{4,16}$/;

/** Journal entries (progress, next steps, handoff notes) and checkpoints: ids carried in trailers. */
export type EntryKind = 'log' | 'checkpoint';
export const ENTRY_PREFIX: Record<EntryKind, string> = { log: 'log', checkpoint: 'chk' };
const ENTRY_RE = /^(log|chk)-[0-9a-hjkmnp-tv-z]{4,16}$/;

/** An agent a seed 002 file names, recorded as a child without a session of its own (`agt-…`). */
const AGENT_RE = /^agt-[0-9a-hjkmnp-tv-z]{4,16}$/;

export function isAgentId(s: string): boolean {
  return AGENT_RE.test(s);
}

export function isSessionId(s: string): boolean {
  return UUID_RE.test(s);
}

export function isItemId(s: string): boolean {
  return ITEM_RE.test(s);
}

export function isEntryId(s: string): boolean {
  return ENTRY_RE.test(s);
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

/** A new item id such as `obj-k3m9x2p7q4ab5`: 65 random bits, unique among `taken` as well. */
export function newItemId(kind: ItemKind, random: RandomBytes, taken: ReadonlySet<string>): string {
  for (;;) {
    let body = '';
    for (const b of random(ITEM_ID_LENGTH)) body += ALPHABET[b % 32];
    const id = `${ITEM_PREFIX[kind]}-${body}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The id of a journal entry or checkpoint, derived from the id of the event that made it: every
 * clone computes the same one, and the trailer that carries the entry carries this id, so the
 * entry read back from history is recognised as the same entry (and two identical texts stay two
 * entries). 65 bits of three independent 32-bit FNV-1a style lanes over the event id.
 */
export function entryIdOf(kind: EntryKind, eventId: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  for (let i = 0; i < eventId.length; i++) {
    const ch = eventId.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193) >>> 0;
    b = Math.imul(b ^ ch, 0x5bd1e995) >>> 0;
    c = Math.imul(c ^ ch, 0x27d4eb2d) >>> 0;
  }
  // 13 characters of 5 bits: 32 bits of a, 32 of b, 1 of c.
  let body = '';
  for (let i = 0; i < 6; i++) body += ALPHABET[(a >>> (i * 5)) & 31];
  body += ALPHABET[((a >>> 30) | ((b & 7) << 2)) & 31];
  for (let i = 0; i < 5; i++) body += ALPHABET[(b >>> (3 + i * 5)) & 31];
  body += ALPHABET[((b >>> 28) | ((c & 1) << 4)) & 31];
  return `${ENTRY_PREFIX[kind]}-${body}`;
}

/**
 * How each id is shown: the shortest prefix that no other id of `ids` shares, with at least
 * MIN_SHOWN characters after the kind prefix — as git abbreviates object names. Any unique prefix
 * finds the item again (core/items.ts), so old 4-character ids and new long ones work alike.
 */
export function abbreviateIds(ids: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, string>();
  const common = (x: string | undefined, y: string | undefined): number => {
    if (x === undefined || y === undefined) return 0;
    let n = 0;
    while (n < x.length && n < y.length && x[n] === y[n]) n++;
    return n;
  };
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    const dash = id.indexOf('-') + 1;
    const shared = Math.max(common(id, sorted[i - 1]), common(id, sorted[i + 1]));
    out.set(id, id.slice(0, Math.max(dash + MIN_SHOWN, shared + 1)));
  }
  return out;
}
