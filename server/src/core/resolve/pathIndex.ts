/**
 * Hash chains in typed arrays over the entries of a file tree (the files, or the directories),
 * each entry named by its parent directory's id and its own name. Three chains answer the
 * look-ups the resolver makes, each in time proportional to its answer, and each is built in
 * one pass with no sorting:
 * - `key` (parent, name): is this exact path here;
 * - `name`: every entry with a name (`index.ts`);
 * - `tail` (parent's name, name): every entry ending with two given segments (`auth/index.ts`).
 * A chain is a bucket head plus a `next` link per entry; look-ups compare the real names, so a
 * hash collision costs a comparison, never a wrong answer. Entries are never moved: a removed
 * one is marked dead and skipped (its slot is reclaimed when the owner rebuilds).
 */

/** FNV-1a's start and step: `hashRange` of a longer string goes on from a prefix's. */
export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `s[start, end)`. */
export function hashRange(s: string, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Two hashes (or a hash and an id) as one, well mixed (the murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The root directory's id in a directory table: it has no name and is in no chain. */
export const ROOT = 0;

export abstract class EntryTable {
  /** Ids handed out so far (live and dead). */
  count = 0;
  /** Entries marked dead. */
  deadCount = 0;
  parent: Int32Array;
  /** `hashRange` of the name. */
  nameHash: Int32Array;
  dead: Uint8Array;
  private keyHeads: Int32Array;
  private nameHeads: Int32Array;
  private tailHeads: Int32Array;
  private keyNext: Int32Array;
  private nameNext: Int32Array;
  private tailNext: Int32Array;

  constructor(capacity: number) {
    capacity = Math.max(16, capacity);
    this.parent = new Int32Array(capacity);
    this.nameHash = new Int32Array(capacity);
    this.dead = new Uint8Array(capacity);
    this.keyNext = new Int32Array(capacity);
    this.nameNext = new Int32Array(capacity);
    this.tailNext = new Int32Array(capacity);
    this.keyHeads = this.nameHeads = this.tailHeads = new Int32Array(0);
    this.newHeads(headsFor(capacity));
  }

  /** The string holding entry `id`'s name, and where in it the name starts and ends. */
  protected abstract text(id: number): string;
  protected abstract nameStart(id: number): number;
  protected abstract nameEnd(id: number): number;
  /** The name hashes of the directories entries' parents are (the root's entries have no tail). */
  protected abstract parentNames(): Int32Array;

  get live(): number {
    return this.count - this.deadCount;
  }

  /** Entry `id`'s name. */
  name(id: number): string {
    return this.text(id).slice(this.nameStart(id), this.nameEnd(id));
  }

  /** Whether entry `id`'s name is `s[start, end)`. */
  nameIs(id: number, s: string, start: number, end: number): boolean {
    const text = this.text(id);
    const from = this.nameStart(id);
    if (this.nameEnd(id) - from !== end - start) return false;
    // From the end: names that share a hash bucket differ at the extension more often than not.
    for (let k = end - start - 1; k >= 0; k--) if (text.charCodeAt(from + k) !== s.charCodeAt(start + k)) return false;
    return true;
  }

  /** The live entry named `s[start, end)` under `parent`, or -1. */
  find(parent: number, s: string, start: number, end: number, hash = hashRange(s, start, end)): number {
    for (let id = this.keyHeads[mix(parent, hash) & (this.keyHeads.length - 1)]!; id >= 0; id = this.keyNext[id]!) {
      if (this.parent[id] === parent && this.nameHash[id] === hash && this.dead[id] === 0 && this.nameIs(id, s, start, end)) return id;
    }
    return -1;
  }

  /** The live entries named `name`, in no particular order. */
  withName(name: string): number[] {
    const hash = hashRange(name, 0, name.length);
    const out: number[] = [];
    for (let id = this.nameHeads[bucket(hash, this.nameHeads.length)]!; id >= 0; id = this.nameNext[id]!) {
      if (this.nameHash[id] === hash && this.dead[id] === 0 && this.nameIs(id, name, 0, name.length)) out.push(id);
    }
    return out;
  }

  /**
   * The live entries whose parent is named `key[0, slash)` and who are named `key[slash + 1, end)`,
   * in no particular order. `parentIs(p)` checks the parent's name (the chain only knows hashes).
   */
  withTail(key: string, slash: number, parentIs: (parent: number, s: string, start: number, end: number) => boolean): number[] {
    const parentHash = hashRange(key, 0, slash);
    const hash = hashRange(key, slash + 1, key.length);
    const out: number[] = [];
    for (let id = this.tailHeads[mix(parentHash, hash) & (this.tailHeads.length - 1)]!; id >= 0; id = this.tailNext[id]!) {
      if (this.nameHash[id] !== hash || this.dead[id] !== 0 || !this.nameIs(id, key, slash + 1, key.length)) continue;
      const parent = this.parent[id]!;
      if (parent !== ROOT && this.parentNames()[parent] === parentHash && parentIs(parent, key, 0, slash)) out.push(id);
    }
    return out;
  }

  /** A new entry; the subclass records its name under the returned id first (`reserve`). */
  protected link(id: number, parent: number, hash: number): void {
    this.parent[id] = parent;
    this.nameHash[id] = hash;
    this.dead[id] = 0;
    this.chain(id, id + 1);
  }

  /** The next id, growing the arrays (and rehashing the chains) when they are full. */
  protected reserve(): number {
    if (this.count === this.parent.length) this.grow(this.count * 2);
    return this.count++;
  }

  /** Mark an entry dead: look-ups skip it from now on. */
  kill(id: number): void {
    if (this.dead[id] !== 0) return;
    this.dead[id] = 1;
    this.deadCount++;
  }

  /** Room for `capacity` entries; the chains are rehashed when their heads grow. Subclasses grow their own arrays first. */
  protected grow(capacity: number): void {
    this.parent = resized(this.parent, capacity);
    this.nameHash = resized(this.nameHash, capacity);
    this.dead = resized(this.dead, capacity);
    this.keyNext = resized(this.keyNext, capacity);
    this.nameNext = resized(this.nameNext, capacity);
    this.tailNext = resized(this.tailNext, capacity);
    const heads = headsFor(capacity);
    if (heads === this.keyHeads.length) return;
    this.newHeads(heads);
    this.chain(0, this.count);
  }

  /** How many buckets each chain has. */
  protected get headCount(): number {
    return this.keyHeads.length;
  }

  /** Empty chains with `heads` buckets (subclasses that add a chain: set in their constructor too, after their fields). */
  protected newHeads(heads: number): void {
    this.keyHeads = new Int32Array(heads).fill(-1);
    this.nameHeads = new Int32Array(heads).fill(-1);
    this.tailHeads = new Int32Array(heads).fill(-1);
  }

  /** Puts the live entries `[from, to)` at the heads of their chains: one entry, or a whole listing in one loop. */
  protected chain(from: number, to: number): void {
    const { parent, nameHash, dead, keyHeads, nameHeads, tailHeads, keyNext, nameNext, tailNext } = this;
    const parentNames = this.parentNames();
    const mask = keyHeads.length - 1;
    for (let id = from; id < to; id++) {
      if (dead[id] !== 0) continue;
      const dir = parent[id]!;
      const hash = nameHash[id]!;
      const key = mix(dir, hash) & mask;
      keyNext[id] = keyHeads[key]!;
      keyHeads[key] = id;
      const name = bucket(hash, mask + 1);
      nameNext[id] = nameHeads[name]!;
      nameHeads[name] = id;
      if (dir === ROOT) {
        tailNext[id] = -1;
        continue;
      }
      const tail = mix(parentNames[dir]!, hash) & mask;
      tailNext[id] = tailHeads[tail]!;
      tailHeads[tail] = id;
    }
  }
}

/** Bucket heads for `capacity` entries: a power of two, about two entries a bucket when full. */
export function headsFor(capacity: number): number {
  let heads = 16;
  while (heads * 2 < capacity) heads *= 2;
  return heads;
}

/** The bucket of a hash among `heads` (a power of two): FNV's low bits, folded with its high ones. */
export function bucket(hash: number, heads: number): number {
  return (hash ^ (hash >>> 16)) & (heads - 1);
}

/** A copy of a typed array with room for `capacity` elements. */
export function resized<T extends Int32Array | Uint16Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
