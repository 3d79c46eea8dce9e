// The commit graph of one history walk, kept as bytes: rebuild needs every commit's parents to give
// each commit its generation number (core/clock.ts), and a string and a Map entry per commit cost
// more than the walk itself over 100,000 commits. Object names are copied from git's output into
// one growing buffer, found again through an open-addressing table of their first bytes, and
// parents are resolved to indexes once the walk is over.

const EMPTY = -1;

/** Copy a few bytes: cheaper in a loop than through Buffer#copy for an object name. */
function copy(from: Buffer, at: number, to: Buffer, start: number, length: number): void {
  for (let k = 0; k < length; k++) to[start + k] = from[at + k]!;
}

export class CommitGraph {
  /** Characters of an object name: 40 (SHA-1) or 64 (SHA-256), set by the first commit. */
  private width = 0;
  private names: Buffer = Buffer.alloc(1 << 16);
  private parentNames: Buffer = Buffer.alloc(1 << 16);
  private parentBytes = 0;
  private parentTotal = 0;
  /** Per commit: where its parents start in parentNames, and how many it has. */
  private parentStart = new Int32Array(1024);
  private parentCount = new Uint8Array(1024);
  /** Per commit, once resolved: index of the first parent (EMPTY when none in the walk). */
  private first = new Int32Array(0);
  private table = new Int32Array(0);
  private mask = 0;
  private sealed = false;
  size = 0;

  /**
   * Add a commit from git's output: its name in buf[nameStart, nameEnd) and its parents,
   * space-separated, in buf[parentsStart, parentsEnd). Returns the commit's index.
   */
  add(buf: Buffer, nameStart: number, nameEnd: number, parentsStart: number, parentsEnd: number): number {
    if (this.sealed) throw new Error('the graph is sealed');
    const width = nameEnd - nameStart;
    if (this.width === 0) this.width = width;
    if (width !== this.width) throw new Error('mixed object name lengths in one history');
    const i = this.size++;
    if (i >= this.parentStart.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.parentStart = grow(this.parentStart);
      const c = new Uint8Array(this.parentCount.length * 2);
      c.set(this.parentCount);
      this.parentCount = c;
    }
    this.names = ensure(this.names, (i + 1) * width);
    copy(buf, nameStart, this.names, i * width, width);
    const length = parentsEnd - parentsStart;
    const count = length <= 0 ? 0 : Math.round((length + 1) / (width + 1));
    this.parentStart[i] = this.parentBytes;
    this.parentCount[i] = Math.min(count, 255);
    this.parentTotal += this.parentCount[i]!;
    if (count > 0) {
      this.parentNames = ensure(this.parentNames, this.parentBytes + length);
      copy(buf, parentsStart, this.parentNames, this.parentBytes, length);
      this.parentBytes += length;
    }
    return i;
  }

  /** Add a commit given as strings (for commits decoded anyway, and tests). */
  addStrings(name: string, parents: string): number {
    const b = Buffer.from(`${name} ${parents}`, 'latin1');
    return this.add(b, 0, name.length, name.length + 1, b.length);
  }

  /** Mixed per process: names crafted to share their first digits cannot pile into one slot chain. */
  private readonly salt = (Math.random() * 0x7fffffff) | 0;

  private hashAt(b: Buffer, at: number): number {
    // The first 16 hex digits (64 bits) as four 4-byte words of text, mixed with the salt: names
    // sharing that many leading bits cannot be crafted.
    const w0 = b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
    const w1 = b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24);
    const w2 = b[at + 8]! | (b[at + 9]! << 8) | (b[at + 10]! << 16) | (b[at + 11]! << 24);
    const w3 = b[at + 12]! | (b[at + 13]! << 8) | (b[at + 14]! << 16) | (b[at + 15]! << 24);
    let h = Math.imul(w0 ^ this.salt, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ w1, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ w2, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16) ^ w3, 0x27d4eb2f);
    return (h ^ (h >>> 15)) & this.mask;
  }

  private sameName(b: Buffer, at: number, i: number): boolean {
    const names = this.names;
    const base = i * this.width;
    // Backwards: names in one slot chain share nothing in particular, and the end differs soonest.
    for (let k = this.width - 1; k >= 0; k--) if (names[base + k] !== b[at + k]) return false;
    return true;
  }

  /** Build the lookup table (once, after the last add; the queries below call it). */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    let capacity = 1024;
    while (capacity < this.size * 2) capacity *= 2;
    this.table = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hashAt(this.names, i * this.width);
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot] = i;
    }
    this.first = new Int32Array(this.size).fill(EMPTY);
  }

  private find(b: Buffer, at: number): number {
    if (this.size === 0) return EMPTY;
    for (let slot = this.hashAt(b, at); ; slot = (slot + 1) & this.mask) {
      const i = this.table[slot]!;
      if (i === EMPTY) return EMPTY;
      if (this.sameName(b, at, i)) return i;
    }
  }

  /** Index of a commit by name; undefined when the walk did not read it. */
  indexOf(name: string): number | undefined {
    this.seal();
    if (name.length !== this.width) return undefined;
    const i = this.find(Buffer.from(name, 'latin1'), 0);
    return i === EMPTY ? undefined : i;
  }

  nameOf(i: number): string {
    return this.names.toString('latin1', i * this.width, (i + 1) * this.width);
  }

  /**
   * Commit clocks: the highest of the commit's claim and 1 + its parents' clocks (with no claims,
   * the generation number: a root is 1). A parent outside the walk takes `outside(name)`, or 0 when
   * that is undefined too (listed in `unknown`). Commits come children first from git, so one pass
   * from the end does nearly all; a commit dated before its parent is resolved depth-first.
   */
  generations(
    outside: (name: string) => number | undefined,
    claim: (index: number) => number = () => 0,
  ): { gen: Float64Array; unknown: string[] } {
    this.seal();
    const n = this.size;
    const gen = new Float64Array(n);
    const unknown = new Set<string>();
    const w = this.width;
    // Parents resolved to indexes; a parent outside the walk is -2 - (index into `beyond`).
    const parentIndex = new Int32Array(this.parentTotal);
    const beyond: number[] = [];
    for (let i = 0, p = 0; i < n; i++) {
      const start = this.parentStart[i]!;
      for (let k = 0; k < this.parentCount[i]!; k++, p++) {
        const at = start + k * (w + 1);
        // git lists a commit's first parent right after it, as a rule: no hashing for those.
        const j =
          k === 0 && i + 1 < n && this.sameName(this.parentNames, at, i + 1) ? i + 1 : this.find(this.parentNames, at);
        if (j !== EMPTY) parentIndex[p] = j;
        else {
          const name = this.parentNames.toString('latin1', at, at + w);
          const g = outside(name);
          if (g === undefined) unknown.add(name);
          parentIndex[p] = -2 - beyond.length;
          beyond.push(g ?? 0);
        }
        if (k === 0) this.first[i] = parentIndex[p]! >= 0 ? parentIndex[p]! : EMPTY;
      }
    }
    const offset = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offset[i + 1] = offset[i]! + this.parentCount[i]!;
    const open = new Uint8Array(n);
    const stack: number[] = [];
    for (let s = n - 1; s >= 0; s--) {
      if (gen[s]! > 0) continue;
      stack.push(s);
      open[s] = 1;
      while (stack.length > 0) {
        const i = stack[stack.length - 1]!;
        let max = 0;
        let next = -1;
        for (let p = offset[i]!; p < offset[i + 1]!; p++) {
          const j = parentIndex[p]!;
          if (j < 0) {
            const g = beyond[-2 - j]!;
            if (g > max) max = g;
          } else if (gen[j]! > 0) {
            if (gen[j]! > max) max = gen[j]!;
          } else if (open[j] === 0) {
            next = j;
            break;
          }
          // A parent on the path being computed closes a loop (replace refs): it counts as 0.
        }
        if (next >= 0) {
          open[next] = 1;
          stack.push(next);
          continue;
        }
        gen[i] = Math.max(max + 1, claim(i));
        open[i] = 0;
        stack.pop();
      }
    }
    return { gen, unknown: [...unknown] };
  }

  /** Index of the first parent, when the walk read it (after generations()). */
  firstParent(i: number): number | undefined {
    const j = this.first[i]!;
    return j === EMPTY ? undefined : j;
  }
}

function ensure(b: Buffer, need: number): Buffer {
  if (need <= b.length) return b;
  let size = b.length * 2;
  while (size < need) size *= 2;
  const bigger = Buffer.alloc(size);
  b.copy(bigger);
  return bigger;
}
