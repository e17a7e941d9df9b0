import { commonTailLength, endsWithSegments, tail2 } from './paths';
import { EntryTable, FNV_BASIS, FNV_PRIME, ROOT, bucket, hashRange, resized } from './pathIndex';

/** What a glob matched: capped, sorted, workspace-relative. */
export interface GlobResult {
  matches: string[];
  /** True when more files matched than `matches` holds. */
  truncated: boolean;
}

/** Cached answers per index are bounded: a document being typed asks for a new name per keystroke. */
const MAX_CACHED = 5000;

/**
 * The files of a workspace folder, for the look-ups the resolver makes: by name, by trailing
 * segments, by the longest shared tail (files and directories), and the files under a literal
 * prefix in path order (globs). One index per folder, built once from the listing and then
 * updated in place by watcher events: a file created or deleted costs a few hash-chain
 * operations, not a rebuild.
 *
 * Memory: a path is not kept as a string. Each directory's path is stored once; a file is its
 * directory's id and its name, the names of the listing packed in one string, and its links in
 * typed arrays. At 300,000 files (70 characters a path) that is 21 MB, 8 of them on the heap in
 * a few large strings, instead of 41 MB for the paths as 300,000 strings and the sorted indexes
 * and directory set over them. Paths are made on demand for answers, which are small.
 */
export class FileIndex {
  private dirs: DirTable;
  private files: FileTable;
  /** File ids below this are in path order (the listing's); later ones are files created since. */
  private ordered: number;
  /** The live files created since the listing, sorted. */
  private added: string[] = [];
  /** Bumped by every change of the file set. */
  private version = 0;
  private sortedCache: { version: number; ref: WeakRef<string[]> } | undefined;
  /** `endingWith` answers: a document names the same short name again and again (`index.ts`). */
  private readonly suffixes = new Map<string, readonly string[]>();
  /** Glob results by pattern, with the literal directory (`base/`) a change must be under to affect one. */
  private readonly globs = new Map<string, { under: string; result: GlobResult }>();

  private constructor(tables: Tables) {
    this.dirs = tables.dirs;
    this.files = tables.files;
    this.ordered = tables.files.count;
  }

  /** From `git ls-files -z` output: UTF-8 paths separated by NULs, at most `limit` of them. */
  static fromBytes(bytes: Uint8Array, limit = Infinity): FileIndex {
    return new FileIndex(build(bytes, limit, false) ?? buildUnordered(bytes, limit));
  }

  /** From paths in any order. */
  static fromList(paths: readonly string[], limit = Infinity): FileIndex {
    return FileIndex.fromBytes(encoder.encode(paths.join('\0')), limit);
  }

  /** How many files the index holds. */
  get size(): number {
    return this.files.live;
  }

  has(path: string): boolean {
    return this.idOf(path) >= 0;
  }

  /** Adds a file; false when it was already there (or is not a clean relative path). */
  add(path: string): boolean {
    if (!isClean(path)) return false;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? ROOT : this.dirs.intern(path, slash);
    if (this.files.find(dir, path, slash + 1, path.length) >= 0) return false;
    this.files.addCreated(dir, path, path.length - slash - 1);
    this.dirs.children[dir]!++;
    this.added.splice(lowerBound(this.added, path), 0, path);
    this.changed(path);
    return true;
  }

  /** Removes a file; false when it was not there. */
  remove(path: string): boolean {
    const id = this.idOf(path);
    if (id < 0) return false;
    this.files.kill(id);
    this.dirs.release(this.files.parent[id]!);
    if (id >= this.ordered) this.added.splice(lowerBound(this.added, path), 1);
    this.changed(path);
    return true;
  }

  /** Removes every file below directory `dir` (a deleted directory); returns how many. */
  removeUnder(dir: string): number {
    if (dir === '' || this.dirs.lookup(dir, dir.length) < 0) return 0;
    const below: string[] = [];
    this.forEachUnder(`${dir}/`, (path) => {
      below.push(path);
    });
    for (const path of below) this.remove(path);
    return below.length;
  }

  /** Every file, sorted. Made on demand (and kept while in use): callers that only look up never need it. */
  sorted(): readonly string[] {
    const cached = this.sortedCache?.version === this.version ? this.sortedCache.ref.deref() : undefined;
    if (cached) return cached;
    const all: string[] = [];
    this.forEachUnder('', (path) => {
      all.push(path);
    });
    this.sortedCache = { version: this.version, ref: new WeakRef(all) };
    return all;
  }

  /**
   * Visits the files starting with `prefix` ('' = all of them) in path order, until `visit`
   * returns false; with `name`, only those whose name passes it (a test that needs no path made).
   * The listing's files are in path order already (a binary-searched run); the files created
   * since are merged in.
   */
  forEachUnder(prefix: string, visit: (path: string) => boolean | void, name?: (name: string) => boolean): void {
    const added = this.added;
    let j = prefix === '' ? 0 : lowerBound(added, prefix);
    const nextAdded = (): string | undefined => {
      for (; j < added.length && added[j]!.startsWith(prefix); j++) if (!name || name(added[j]!.slice(added[j]!.lastIndexOf('/') + 1))) return added[j++];
      return undefined;
    };
    let other = nextAdded();
    const end = prefix === '' ? this.ordered : this.endOrdered(prefix);
    // Files come in runs of one directory: its part of the path is made once a run.
    let dir = -1;
    let dirPart = '';
    for (let id = prefix === '' ? 0 : this.firstOrdered(prefix); id < end; id++) {
      if (this.files.dead[id] !== 0 || (name && !name(this.files.name(id)))) continue;
      if (this.files.parent[id] !== dir) {
        dir = this.files.parent[id]!;
        dirPart = dir === ROOT ? '' : `${this.dirs.paths[dir]!}/`;
      }
      const path = dirPart + this.files.name(id);
      while (other !== undefined && other < path) {
        if (visit(other) === false) return;
        other = nextAdded();
      }
      if (visit(path) === false) return;
    }
    for (; other !== undefined; other = nextAdded()) if (visit(other) === false) return;
  }

  /** Every file equal to `suffix` or ending with `/suffix` (whole segments), sorted. Shared: do not mutate. */
  endingWith(suffix: string): readonly string[] {
    let result = this.suffixes.get(suffix);
    if (!result) {
      const key = tail2(suffix);
      // A bare name's files are the answer as they are; a longer suffix must be checked beyond two segments.
      result = key === undefined ? this.withBasename(suffix) : this.withTail(key).filter((path) => endsWithSegments(path, suffix));
      if (this.suffixes.size >= MAX_CACHED) this.suffixes.clear();
      this.suffixes.set(suffix, result);
    }
    return result;
  }

  /** Every file named `name`, sorted. */
  withBasename(name: string): string[] {
    return this.files
      .withName(name)
      .map((id) => this.pathOf(id))
      .sort();
  }

  /**
   * The files sharing the longest tail with `segments` (an absolute path from another machine):
   * at least `parent/name` when any file has that, else the bare name but only when it is unique,
   * because a lone file name shared by several files says nothing about which one was meant.
   */
  longestFileTail(segments: readonly string[]): string[] {
    return longestTail(segments, true, (key) => this.withTail(key), (name) => this.withBasename(name));
  }

  /** Every directory named `name`, sorted. */
  dirsNamed(name: string): string[] {
    return this.dirs
      .withName(name)
      .map((id) => this.dirs.paths[id]!)
      .sort();
  }

  /** The same for directories; `allowBareName: false` refuses the bare-name fallback altogether. */
  longestDirTail(segments: readonly string[], allowBareName: boolean): string[] {
    const paths = (ids: number[]) => ids.map((id) => this.dirs.paths[id]!).sort();
    return longestTail(
      segments,
      allowBareName,
      (key) => paths(this.dirs.withTail(key, key.lastIndexOf('/'), this.parentIs)),
      (name) => paths(this.dirs.withName(name)),
    );
  }

  /** A glob's cached result (see `cacheGlob`). */
  cachedGlob(pattern: string): GlobResult | undefined {
    return this.globs.get(pattern)?.result;
  }

  /** Keep a glob's result until a file under `base` (a literal directory, '' = anywhere) changes. */
  cacheGlob(pattern: string, base: string, result: GlobResult): void {
    if (this.globs.size >= MAX_CACHED) this.globs.clear();
    this.globs.set(pattern, { under: base === '' ? '' : `${base}/`, result });
  }

  private readonly parentIs = (dir: number, s: string, start: number, end: number): boolean => this.dirs.nameIs(dir, s, start, end);

  /** Files whose last two segments are `key` (`parent/name`), sorted. */
  private withTail(key: string): string[] {
    return this.files
      .withTail(key, key.lastIndexOf('/'), this.parentIs)
      .map((id) => this.pathOf(id))
      .sort();
  }

  private idOf(path: string): number {
    if (!isClean(path)) return -1;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? ROOT : this.dirs.lookup(path, slash);
    return dir < 0 ? -1 : this.files.find(dir, path, slash + 1, path.length);
  }

  private pathOf(id: number): string {
    const dir = this.files.parent[id]!;
    const name = this.files.name(id);
    return dir === ROOT ? name : `${this.dirs.paths[dir]!}/${name}`;
  }

  /** The first listed file (live or not) not sorting before `prefix`. */
  private firstOrdered(prefix: string): number {
    return this.firstListed((path) => path < prefix);
  }

  /** The first listed file (live or not) after those starting with `prefix`. */
  private endOrdered(prefix: string): number {
    return this.firstListed((path) => path < prefix || path.startsWith(prefix));
  }

  /** The first listed file for which `before` is false (it must be true up to a point, false after). */
  private firstListed(before: (path: string) => boolean): number {
    let low = 0;
    let high = this.ordered;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.pathOf(mid))) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** After a change to `path`: forget what it may have changed, and rebuild when churn has piled up. */
  private changed(path: string): void {
    this.version++;
    if (this.suffixes.size > 0) {
      this.suffixes.delete(path);
      for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) this.suffixes.delete(path.slice(slash + 1));
    }
    for (const [pattern, entry] of this.globs) if (path.startsWith(entry.under)) this.globs.delete(pattern);
    // Files created since the listing are merged into every ordered walk, and dead entries are
    // skipped by every look-up: past a share of the index, one rebuild is cheaper than carrying them.
    const created = this.files.count - this.ordered;
    const dead = this.files.deadCount + this.dirs.deadCount;
    if ((created > 4096 && created > this.ordered >>> 3) || (dead > 4096 && dead > this.files.live)) this.rebuild();
  }

  private rebuild(): void {
    const tables = build(encoder.encode(this.sorted().join('\0')), Infinity, true)!;
    this.dirs = tables.dirs;
    this.files = tables.files;
    this.ordered = tables.files.count;
    this.added = [];
  }
}

/** One `FileIndex` per `files()` array identity, for views that do not keep an index themselves. */
export class FileIndexCache {
  private cache = new WeakMap<readonly string[], FileIndex>();

  get(files: readonly string[]): FileIndex {
    let index = this.cache.get(files);
    if (!index) {
      index = FileIndex.fromList(files);
      this.cache.set(files, index);
    }
    return index;
  }

  /** Forget every index, for views that mutate their `files()` array in place. */
  clear(): void {
    this.cache = new WeakMap();
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Non-empty, relative, no empty segment: the only paths a file can have. */
function isClean(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.endsWith('/') && !path.includes('//');
}

/** The first index of sorted `list` whose value does not sort before `value`. */
function lowerBound(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** See `FileIndex.longestFileTail`. */
function longestTail(segments: readonly string[], allowBareName: boolean, withTail: (key: string) => string[], withName: (name: string) => string[]): string[] {
  const name = segments[segments.length - 1];
  if (name === undefined) return [];
  if (segments.length >= 2) {
    let best = 0;
    let winners: string[] = [];
    for (const path of withTail(`${segments[segments.length - 2]!}/${name}`)) {
      const length = commonTailLength(path, segments);
      if (length > best) {
        best = length;
        winners = [path];
      } else if (length === best) {
        winners.push(path);
      }
    }
    if (winners.length > 0) return winners;
  }
  if (!allowBareName) return [];
  const bare = withName(name);
  return bare.length === 1 ? bare : [];
}

/**
 * Directories: each one's path stored once, as a string, and its count of live children. Found by
 * path in one look-up (a fourth chain, on the whole path), not one per segment.
 */
class DirTable extends EntryTable {
  paths: string[] = [];
  /** Where each directory's own name starts in its path. */
  private nameAt: Int32Array;
  /** Live files and directories directly inside: a directory lives while it holds something. */
  children: Int32Array;
  private pathHash: Int32Array;
  private pathHeads: Int32Array;
  private pathNext: Int32Array;

  constructor(capacity: number) {
    super(capacity);
    this.nameAt = new Int32Array(this.parent.length);
    this.children = new Int32Array(this.parent.length);
    this.pathHash = new Int32Array(this.parent.length);
    this.pathNext = new Int32Array(this.parent.length);
    this.pathHeads = new Int32Array(this.headCount).fill(-1);
    // The root: no name, in no chain, never dies.
    this.reserve();
    this.paths.push('');
  }

  protected text(id: number): string {
    return this.paths[id]!;
  }

  protected parentNames(): Int32Array {
    return this.nameHash;
  }

  protected nameStart(id: number): number {
    return this.nameAt[id]!;
  }

  protected nameEnd(id: number): number {
    return this.paths[id]!.length;
  }

  /** The live directory `path[0, end)`, or -1. */
  lookup(path: string, end: number, hash = hashRange(path, 0, end)): number {
    if (end === 0) return ROOT;
    for (let id = this.pathHeads[bucket(hash, this.pathHeads.length)]!; id >= 0; id = this.pathNext[id]!) {
      const candidate = this.paths[id]!;
      if (this.pathHash[id] === hash && this.dead[id] === 0 && candidate.length === end && path.startsWith(candidate)) return id;
    }
    return -1;
  }

  /** The directory `path[0, end)`, made (with its ancestors) when missing. `path` must be clean. */
  intern(path: string, end: number): number {
    if (end === 0) return ROOT;
    // Every ancestor's path hash in one pass (FNV runs on: a prefix's hash is a state on the way),
    // then the deepest existing ancestor, then the missing ones below it.
    let levels = 0;
    let hash = FNV_BASIS;
    for (let i = 0; i <= end; i++) {
      const c = i < end ? path.charCodeAt(i) : 47;
      if (c === 47) {
        if (levels === this.levelEnds.length) {
          this.levelEnds = resized(this.levelEnds, levels * 2);
          this.levelHashes = resized(this.levelHashes, levels * 2);
        }
        this.levelEnds[levels] = i;
        this.levelHashes[levels] = hash;
        levels++;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    let level = levels - 1;
    let dir = ROOT;
    for (; level >= 0; level--) {
      dir = this.lookup(path, this.levelEnds[level]!, this.levelHashes[level]);
      if (dir >= 0) break;
    }
    if (level < 0) dir = ROOT;
    for (level++; level < levels; level++) {
      const start = level === 0 ? 0 : this.levelEnds[level - 1]! + 1;
      const stop = this.levelEnds[level]!;
      const parent = dir;
      dir = this.reserve();
      this.paths[dir] = stop === path.length ? path : path.slice(0, stop);
      this.nameAt[dir] = start;
      this.children[dir] = 0;
      this.pathHash[dir] = this.levelHashes[level]!;
      this.link(dir, parent, hashRange(path, start, stop));
      this.children[parent]!++;
    }
    return dir;
  }

  /** `intern`'s scratch: where each ancestor's path ends, and its hash. */
  private levelEnds = new Int32Array(16);
  private levelHashes = new Int32Array(16);

  /** One child of `dir` is gone: a directory left empty goes too, and so on up. */
  release(dir: number): void {
    for (;;) {
      if (--this.children[dir]! > 0 || dir === ROOT) return;
      this.kill(dir);
      dir = this.parent[dir]!;
    }
  }

  protected override grow(capacity: number): void {
    this.nameAt = resized(this.nameAt, capacity);
    this.children = resized(this.children, capacity);
    this.pathHash = resized(this.pathHash, capacity);
    this.pathNext = resized(this.pathNext, capacity);
    super.grow(capacity);
  }

  protected override newHeads(heads: number): void {
    super.newHeads(heads);
    this.pathHeads = new Int32Array(heads).fill(-1);
  }

  protected override chain(from: number, to: number): void {
    // The root is in no chain.
    from = Math.max(from, ROOT + 1);
    super.chain(from, to);
    for (let id = from; id < to; id++) {
      if (this.dead[id] !== 0) continue;
      const head = bucket(this.pathHash[id]!, this.pathHeads.length);
      this.pathNext[id] = this.pathHeads[head]!;
      this.pathHeads[head] = id;
    }
  }
}

/**
 * Files: the listing's names packed in one string (`blob`, NUL-separated), the names of files
 * created since as slices of their own paths.
 */
class FileTable extends EntryTable {
  /** ≥ 0: where the name starts in `blob`; < 0: `~index` into `created`, whose path ends with the name. */
  private nameAt: Int32Array;
  private nameLength: Uint16Array;
  private readonly created: string[] = [];

  constructor(
    capacity: number,
    private readonly blob: string,
    private readonly dirs: DirTable,
  ) {
    super(capacity);
    this.nameAt = new Int32Array(this.parent.length);
    this.nameLength = new Uint16Array(this.parent.length);
  }

  protected parentNames(): Int32Array {
    return this.dirs.nameHash;
  }

  protected text(id: number): string {
    const at = this.nameAt[id]!;
    return at >= 0 ? this.blob : this.created[~at]!;
  }

  protected nameStart(id: number): number {
    const at = this.nameAt[id]!;
    return at >= 0 ? at : this.created[~at]!.length - this.nameLength[id]!;
  }

  protected nameEnd(id: number): number {
    const at = this.nameAt[id]!;
    return at >= 0 ? at + this.nameLength[id]! : this.created[~at]!.length;
  }

  /**
   * The listing's files, into an empty table sized for them: file `i` is in directory `dir[i]`
   * (-1: left out), its name starts at `start[i]` in `blob` and ends where the next one starts,
   * less its NUL; `hash[i]` is its name's `hashRange`.
   */
  loadListed(count: number, dir: Int32Array, start: Int32Array, hash: Int32Array): void {
    let id = 0;
    for (let i = 0; i < count; i++) {
      const parent = dir[i]!;
      if (parent < 0) continue;
      const from = start[i]!;
      this.parent[id] = parent;
      this.nameHash[id] = hash[i]!;
      this.nameAt[id] = from;
      this.nameLength[id] = (i + 1 < count ? start[i + 1]! : this.blob.length) - 1 - from;
      id++;
    }
    this.count = id;
    this.chain(0, id);
  }

  /** A file created since, `path` ending with its name of `length` characters. */
  addCreated(dir: number, path: string, length: number): void {
    const id = this.reserve();
    this.nameAt[id] = ~this.created.length;
    this.nameLength[id] = length;
    this.created.push(path);
    this.link(id, dir, hashRange(path, path.length - length, path.length));
  }

  protected override grow(capacity: number): void {
    this.nameAt = resized(this.nameAt, capacity);
    this.nameLength = resized(this.nameLength, capacity);
    super.grow(capacity);
  }
}

interface Tables {
  dirs: DirTable;
  files: FileTable;
}

/** Names longer than this (no file system allows them) are left out. */
const MAX_NAME_LENGTH = 0xffff;

/**
 * Builds the tables from NUL-separated UTF-8 paths in one pass, or returns undefined when the
 * paths are not in code-unit order (unless `trustOrder`). Files keep their order as ids, so the
 * listing needs no sort: git lists its index sorted, and so does our directory walk.
 */
function build(bytes: Uint8Array, limit: number, trustOrder: boolean): Tables | undefined {
  const length = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Per file: its directory run, its name's place in `names` and the name's hash; per run of
  // files sharing a directory: where the directory's bytes are. Grown on demand.
  let capacity = Math.max(64, Math.ceil(length / 48));
  let fileRun: Int32Array = new Int32Array(capacity);
  let nameOffset: Int32Array = new Int32Array(capacity);
  let nameHash: Int32Array = new Int32Array(capacity);
  let runCapacity = 64;
  let runStart: Int32Array = new Int32Array(runCapacity);
  let runEnd: Int32Array = new Int32Array(runCapacity);
  let names: Uint8Array = new Uint8Array(Math.max(64, Math.ceil(length / 3)));
  let namesLength = 0;
  let high = 0;
  let count = 0;
  let runs = 0;
  let previousStart = -1;
  let previousEnd = -1;
  let previousSlash = -1;
  for (let start = 0; start < length && count < limit; ) {
    let end = bytes.indexOf(0, start);
    if (end < 0) end = length;
    const next = end + 1;
    let slash = end - 1;
    while (slash >= start && bytes[slash] !== 47) slash--;
    // Empty entries, directories (`dir/`) and names no file system allows are left out.
    if (end === start || slash === end - 1 || end - slash - 1 > MAX_NAME_LENGTH) {
      start = next;
      continue;
    }
    // Against the previous path: the same directory (most of the time: compare the names only) or not.
    const sameDir = previousStart >= 0 && slash - start === previousSlash - previousStart && sameBytes(view, bytes, previousStart, start, slash - start);
    if (previousStart >= 0) {
      const order = sameDir ? compareBytes(view, bytes, previousSlash + 1, previousEnd, slash + 1, end) : compareBytes(view, bytes, previousStart, previousEnd, start, end);
      if (order === 0) {
        start = next;
        continue;
      }
      if (order > 0 && !trustOrder) return undefined;
    }
    if (!sameDir) {
      if (runs === runCapacity) {
        runCapacity *= 2;
        runStart = resized(runStart, runCapacity);
        runEnd = resized(runEnd, runCapacity);
      }
      runStart[runs] = start;
      runEnd[runs] = Math.max(start, slash);
      runs++;
    }
    if (count === capacity) {
      capacity *= 2;
      fileRun = resized(fileRun, capacity);
      nameOffset = resized(nameOffset, capacity);
      nameHash = resized(nameHash, capacity);
    }
    if (namesLength + end - slash > names.length) names = resized(names, Math.max(names.length * 2, namesLength + end - slash));
    fileRun[count] = runs - 1;
    nameOffset[count] = namesLength;
    // The name's bytes copied out, and hashed on the way (for ASCII, bytes are the code units).
    let hash = 0x811c9dc5;
    for (let i = slash + 1; i < end; i++) {
      const c = bytes[i]!;
      names[namesLength++] = c;
      hash = Math.imul(hash ^ c, 0x01000193);
      high |= c;
    }
    names[namesLength++] = 0;
    nameHash[count] = hash;
    count++;
    previousStart = start;
    previousEnd = end;
    previousSlash = slash;
    start = next;
  }

  // Names: one string, decoded once. Offsets and hashes were taken on bytes: right unless a name is not ASCII.
  const blob = decoder.decode(names.subarray(0, namesLength));
  names = new Uint8Array(0);
  if (high >= 0x80) {
    for (let i = 0, at = 0; i < count; i++) {
      const end = blob.indexOf('\0', at);
      nameOffset[i] = at;
      nameHash[i] = hashRange(blob, at, end);
      at = end + 1;
    }
  }
  // Directories: each run's directory decoded (one decode for all of them), then interned.
  let dirBytesLength = 0;
  for (let r = 0; r < runs; r++) dirBytesLength += runEnd[r]! - runStart[r]! + 1;
  const dirBytes = new Uint8Array(dirBytesLength);
  for (let r = 0, at = 0; r < runs; r++) {
    dirBytes.set(bytes.subarray(runStart[r], runEnd[r]), at);
    at += runEnd[r]! - runStart[r]!;
    dirBytes[at++] = 0;
  }
  const dirPaths = decoder.decode(dirBytes).split('\0');
  const dirs = new DirTable(runs + (runs >>> 3) + 64);
  const runDir = new Int32Array(runs);
  for (let r = 0; r < runs; r++) {
    const path = dirPaths[r]!;
    runDir[r] = path === '' ? ROOT : isClean(path) ? dirs.intern(path, path.length) : -1;
  }
  const fileDir = fileRun;
  for (let i = 0; i < count; i++) {
    const dir = runDir[fileRun[i]!]!;
    fileDir[i] = dir;
    if (dir >= 0) dirs.children[dir]!++;
  }
  const files = new FileTable(count + (count >>> 4) + 64, blob, dirs);
  files.loadListed(count, fileDir, nameOffset, nameHash);
  return { dirs, files };
}

/** Whether `bytes[a, a + length)` equals `bytes[b, b + length)`: four bytes at a time. */
function sameBytes(view: DataView, bytes: Uint8Array, a: number, b: number, length: number): boolean {
  let k = 0;
  for (; k + 4 <= length; k += 4) if (view.getUint32(a + k) !== view.getUint32(b + k)) return false;
  for (; k < length; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}

/**
 * Path `bytes[aStart, aEnd)` against path `bytes[bStart, bEnd)` in code-unit order. UTF-8 byte
 * order is code-point order, which differs from code-unit order only between astral characters
 * and U+E000-U+FFFF: where two non-ASCII bytes differ, the paths are compared as decoded text.
 */
function compareBytes(view: DataView, bytes: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const shorter = Math.min(aEnd - aStart, bEnd - bStart);
  let common = 0;
  while (common + 4 <= shorter && view.getUint32(aStart + common) === view.getUint32(bStart + common)) common += 4;
  while (common < shorter && bytes[aStart + common] === bytes[bStart + common]) common++;
  if (common === shorter) return aEnd - aStart - (bEnd - bStart);
  const x = bytes[aStart + common]!;
  const y = bytes[bStart + common]!;
  if (x < 0x80 || y < 0x80) return x - y;
  const a = decoder.decode(bytes.subarray(aStart, aEnd));
  const b = decoder.decode(bytes.subarray(bStart, bEnd));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The slow path, for listings not in order: decode, sort, and build from that. */
function buildUnordered(bytes: Uint8Array, limit: number): Tables {
  const paths = decoder
    .decode(bytes)
    .split('\0')
    .filter((path) => path !== '')
    .sort();
  return build(encoder.encode(paths.join('\0')), limit, true)!;
}
