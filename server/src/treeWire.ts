/**
 * The Concerns view's data as it travels: `concerns/tree` answers with every concern of every
 * document, so what each concern repeats is left out on the wire and put back by the client. A
 * 5,000-concern document's tree went from 3.9 MB to 2.2 MB, and the request from about 40 to
 * 30 ms p50 (it is mostly JSON, both ways).
 *
 * The view asks again after every re-index, that is after every keystroke in the document: each
 * packed concern carries a stamp, and a client that says which stamps it holds (`TreeParams`) is
 * sent those concerns as their stamp alone (`deltaTree`); its `TreeStore` puts them back. After a
 * keystroke at 5,000 concerns that is about 25 KB (the stamps and the concern edited), not 2.2 MB.
 *
 * Lossless by construction: a field is left out only when `unpackTree` gives it back exactly
 * (checked while packing), so `unpackTree(packTree(data))` deep-equals `data` for any data, and a
 * store's `unpack` of a delta answer deep-equals the full answer's.
 * Shared by client and server; no imports beyond the protocol's types.
 */
import type { TreeConcern, TreeData, TreeDocument, TreeParams, TreeReference } from './protocol';

/** A reference on the wire: `TreeReference` with its usual values left out. */
export interface WireReference extends Omit<TreeReference, 'text' | 'ranges' | 'targets' | 'targetCount'> {
  /** Left out when it is the path in backticks. */
  text?: string;
  /** Left out when empty. */
  ranges?: TreeReference['ranges'];
  /** Full URIs, when they are not all the folder's URI joined with a path. */
  targets?: string[];
  /** Workspace-relative paths of the targets (the usual case); both left out: the reference's own path. */
  paths?: string[];
  /** Left out when it is the number of targets. */
  targetCount?: number;
}

export interface WireConcern extends Omit<TreeConcern, 'documentUri' | 'references'> {
  /** Names this packed concern within the answer's `epoch`: one stamp, one concern of one document. */
  stamp?: number;
  /** Left out when it is the enclosing document's. */
  documentUri?: string;
  references: WireReference[];
}

export interface WireDocument extends Omit<TreeDocument, 'concerns'> {
  /** Each concern packed, or its stamp alone when the request said the client holds it. */
  concerns: (WireConcern | number)[];
}

export interface WireTree {
  version: number;
  /** Whose stamps these are: each server process has its own (absent: no stamps). */
  epoch?: string;
  documents: WireDocument[];
}

/** What a folder's file URIs start with. */
function folderPrefix(folderUri: string): string {
  return `${folderUri.replace(/\/$/, '')}/`;
}

/** Characters `encodeURIComponent` leaves as they are, and the slash. */
const PLAIN_PATH = /^[\w\-.!~*'()/]*$/;

/** A file's URI from its folder's prefix and its workspace-relative path, as the server writes them for plain paths. */
function uriAt(prefix: string, path: string): string {
  return prefix + (PLAIN_PATH.test(path) ? path : path.split('/').map(encodeURIComponent).join('/'));
}

/**
 * Packs the tree for the wire, each concern once per concern object: the tree keeps an unchanged
 * concern's object from one index version to the next, so a re-index packs only the concerns it
 * replaced. Each packed concern gets a stamp, the next of a counter, when it is packed: the same
 * stamp is always the same packed concern (in the same document), so a client that holds it needs
 * the stamp alone (`deltaTree`). A concern object from before brings back its packed concern and
 * stamp, and so does a new object that says what the concern of its id said in one of its last
 * few packed forms (lines inserted above it, an undo). One per server: its `epoch` tells a
 * restarted server's stamps apart.
 */
export class WirePacker {
  readonly epoch = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  private next = 1;
  private readonly packed = new WeakMap<TreeConcern, { doc: string; folderUri: string; wire: WireConcern }>();
  /** The last few packed forms of each concern of the last tree, newest first: by document (URI and folder), then id. */
  private recent = new Map<string, Map<string, Recent[]>>();

  pack(data: TreeData): WireTree {
    const next = new Map<string, Map<string, Recent[]>>();
    const documents = data.documents.map((doc) => {
      const key = `${doc.uri}\u0000${doc.folderUri}`;
      const after = next.get(key) ?? new Map<string, Recent[]>();
      next.set(key, after);
      const before = this.recent.get(key);
      return { ...doc, concerns: doc.concerns.map((c) => this.concern(c, doc, before?.get(c.id) ?? [], after)) };
    });
    this.recent = next;
    return { version: data.version, epoch: this.epoch, documents };
  }

  private concern(c: TreeConcern, doc: TreeDocument, recent: Recent[], after: Map<string, Recent[]>): WireConcern {
    const hit = this.packed.get(c);
    let wire: WireConcern;
    if (hit && hit.doc === doc.uri && hit.folderUri === doc.folderUri) {
      wire = hit.wire;
    } else {
      // A new object saying what this concern said lately: lines inserted above it, its drift
      // followed again, an undo.
      wire = recent.find((r) => sameTreeConcern(r.source, c))?.wire ?? packConcern(c, doc, this.next++);
      this.packed.set(c, { doc: doc.uri, folderUri: doc.folderUri, wire });
    }
    after.set(c.id, recent[0]?.wire === wire ? recent : [{ source: c, wire }, ...recent.filter((r) => r.wire !== wire).slice(0, RECENT_FORMS - 1)]);
    return wire;
  }
}

/** How many packed forms of a concern the packer remembers (a plain re-index and its drift, an edit and its undo). */
const RECENT_FORMS = 4;

interface Recent {
  source: TreeConcern;
  wire: WireConcern;
}

/** The whole tree packed, every concern in full (a packer of its own when none is given). */
export function packTree(data: TreeData, packer = new WirePacker()): WireTree {
  return packer.pack(data);
}

/**
 * The answer to a request (`params`) from the full one: a concern whose stamp the client holds
 * travels as its stamp alone. Without params, with another server's epoch, or with params it
 * cannot read: the full answer.
 */
export function deltaTree(full: WireTree, params: unknown): WireTree {
  const holds = heldStamps(params, full.epoch);
  if (!holds) return full;
  return { ...full, documents: full.documents.map((doc) => ({ ...doc, concerns: doc.concerns.map((c) => (typeof c !== 'number' && c.stamp !== undefined && holds(c.stamp) ? c.stamp : c)) })) };
}

/** Whether a stamp is among the request's `held` runs; undefined when there is none to read. */
function heldStamps(params: unknown, epoch: string | undefined): ((stamp: number) => boolean) | undefined {
  const { epoch: theirs, held } = (params ?? {}) as Partial<TreeParams>;
  if (epoch === undefined || theirs !== epoch || !Array.isArray(held) || held.length === 0 || held.length % 2 !== 0) return undefined;
  const runs: [number, number][] = [];
  for (let i = 0; i < held.length; i += 2) {
    const [start, length] = [held[i], held[i + 1]];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length)) return undefined;
    if (length! > 0) runs.push([start!, start! + length!]);
  }
  // Ascending and merged, so that the last run starting at or before a stamp is the only one that may hold it.
  runs.sort((a, b) => a[0] - b[0]);
  let merged = 0;
  for (const run of runs) {
    const last = runs[merged - 1];
    if (last && run[0] <= last[1]) last[1] = Math.max(last[1], run[1]);
    else runs[merged++] = run;
  }
  runs.length = merged;
  return (stamp) => {
    // The last run starting at or before the stamp.
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid]![0] <= stamp) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo];
    return run !== undefined && run[0] <= stamp && stamp < run[1];
  };
}

/** Stamps, ascending, as `TreeParams.held` runs: `[start, length, start, length, ...]`. */
export function stampRuns(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (const stamp of sorted) {
    const at = out.length - 2;
    if (at >= 0 && out[at]! + out[at + 1]! === stamp) out[at + 1]!++;
    else out.push(stamp, 1);
  }
  return out;
}

/** A full answer as the tree it stands for (a delta answer needs the `TreeStore` that asked for it). */
export function unpackTree(wire: WireTree): TreeData {
  const data = unpackWith(wire, () => undefined);
  if (!data) throw new Error('a concern sent as its stamp alone: unpack with the TreeStore that asked');
  return data;
}

/** The fewest concerns a `TreeStore` keeps that the last tree no longer has (an undo may bring them back). */
export const TREE_STORE_RETAIN = 256;

/**
 * The client's side of the delta protocol: the concerns it was sent, by stamp, to ask with
 * (`params`) and to put back the concerns a delta answer sends as their stamp (`unpack`). Bounded:
 * the concerns of the last tree plus, of the others, the most recently seen, as many as the last
 * tree has (a re-index that replaces every concern, then its drift that puts them back) and at
 * least `retain`.
 */
export class TreeStore {
  private epoch: string | undefined;
  private readonly concerns = new Map<number, { doc: string; folderUri: string; concern: TreeConcern; seen: number }>();
  /** Counts unpacked answers: when each concern was last in one. */
  private answers = 0;

  /** `retain`: how many concerns the last tree no longer has to keep, for the number it has. */
  constructor(private readonly retain: (live: number) => number = (live) => Math.max(TREE_STORE_RETAIN, live)) {}

  get size(): number {
    return this.concerns.size;
  }

  /** What to ask with: the epoch and the stamps held; undefined (ask for the full tree) when none. */
  params(): TreeParams | undefined {
    if (this.epoch === undefined || this.concerns.size === 0) return undefined;
    return { epoch: this.epoch, held: stampRuns([...this.concerns.keys()].sort((a, b) => a - b)) };
  }

  /**
   * The tree an answer stands for; undefined when it sends as a stamp a concern this store does
   * not hold (the caller asks again without params: never a guess). Stores what it was sent.
   */
  unpack(wire: WireTree): TreeData | undefined {
    if (wire.epoch !== this.epoch) {
      this.concerns.clear();
      this.epoch = wire.epoch;
    }
    const now = ++this.answers;
    let live = 0;
    const data = unpackWith(
      wire,
      (stamp, doc) => {
        const held = this.concerns.get(stamp);
        if (!held || held.doc !== doc.uri || held.folderUri !== doc.folderUri) return undefined;
        if (held.seen !== now) live++;
        held.seen = now;
        return held.concern;
      },
      (stamp, doc, concern) => {
        if (wire.epoch === undefined || this.concerns.get(stamp)?.seen === now) return;
        this.concerns.set(stamp, { doc: doc.uri, folderUri: doc.folderUri, concern, seen: now });
        live++;
      },
    );
    if (data) this.evict(now, live);
    return data;
  }

  clear(): void {
    this.concerns.clear();
    this.epoch = undefined;
  }

  /** Keeps the concerns of the last answer and, of the others, the most recently seen. */
  private evict(now: number, live: number): void {
    const excess = this.concerns.size - live - this.retain(live);
    if (excess <= 0) return;
    const others: [number, number][] = [];
    for (const [stamp, entry] of this.concerns) if (entry.seen !== now) others.push([entry.seen, stamp]);
    others.sort((a, b) => a[0] - b[0]);
    for (const [, stamp] of others.slice(0, excess)) this.concerns.delete(stamp);
  }
}

/**
 * The tree from `send`, asked with what the store holds; when the answer names a concern the store
 * does not hold, asked again for the whole tree (a full answer always unpacks).
 */
export async function fetchTree(store: TreeStore, send: (params: TreeParams | undefined) => Promise<WireTree>): Promise<{ data: TreeData; full: boolean; recovered: boolean }> {
  const params = store.params();
  const data = store.unpack(await send(params));
  if (data) return { data, full: params === undefined, recovered: false };
  store.clear();
  const full = store.unpack(await send(undefined));
  if (!full) throw new Error('the full concerns tree named a concern by its stamp alone');
  return { data: full, full: true, recovered: true };
}

function unpackWith(
  wire: WireTree,
  held: (stamp: number, doc: WireDocument) => TreeConcern | undefined,
  sent?: (stamp: number, doc: WireDocument, concern: TreeConcern) => void,
): TreeData | undefined {
  const documents: TreeDocument[] = [];
  for (const doc of wire.documents) {
    const prefix = folderPrefix(doc.folderUri);
    const concerns: TreeConcern[] = [];
    for (const c of doc.concerns) {
      if (typeof c === 'number') {
        const concern = held(c, doc);
        if (!concern) return undefined;
        concerns.push(concern);
        continue;
      }
      const concern = unpackConcern(c, doc, prefix);
      if (c.stamp !== undefined) sent?.(c.stamp, doc, concern);
      concerns.push(concern);
    }
    documents.push({ ...doc, concerns });
  }
  return { version: wire.version, documents };
}

// Packing, unpacking and comparing go field by field (object rest spreads are several times
// slower, and a full tree has thousands of concerns): these fail to compile when a field is added
// to TreeConcern or TreeReference, to be added below too.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _concernFields: Exactly<keyof TreeConcern, 'id' | 'title' | 'category' | 'group' | 'severity' | 'resolved' | 'summary' | 'documentUri' | 'driftState' | 'fileCount' | 'references'> = true;
const _referenceFields: Exactly<keyof TreeReference, 'text' | 'path' | 'kind' | 'status' | 'ranges' | 'targets' | 'targetCount' | 'state' | 'driftNote' | 'currentPath' | 'currentRanges' | 'currentTarget' | 'showChanges'> = true;

/** Whether two tree concerns hold the same data, field by field. */
export function sameTreeConcern(a: TreeConcern, b: TreeConcern): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.title === b.title &&
      a.category === b.category &&
      a.group === b.group &&
      a.severity === b.severity &&
      a.resolved === b.resolved &&
      a.summary === b.summary &&
      a.documentUri === b.documentUri &&
      a.driftState === b.driftState &&
      a.fileCount === b.fileCount &&
      sameList(a.references, b.references, sameReference))
  );
}

function sameReference(a: TreeReference, b: TreeReference): boolean {
  return (
    a.text === b.text &&
    a.path === b.path &&
    a.kind === b.kind &&
    a.status === b.status &&
    sameList(a.ranges, b.ranges, sameRange) &&
    sameList(a.targets, b.targets, (x, y) => x === y) &&
    a.targetCount === b.targetCount &&
    a.state === b.state &&
    a.driftNote === b.driftNote &&
    a.currentPath === b.currentPath &&
    sameList(a.currentRanges, b.currentRanges, sameRange) &&
    a.currentTarget === b.currentTarget &&
    a.showChanges === b.showChanges
  );
}

const sameRange = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

/** The fields a concern has the same on both sides, optional ones only when present. */
function copyConcernFields<T extends Pick<TreeConcern, 'group' | 'severity' | 'driftState'>>(from: Pick<TreeConcern, 'group' | 'severity' | 'driftState'>, to: T): T {
  if (from.group !== undefined) to.group = from.group;
  if (from.severity !== undefined) to.severity = from.severity;
  if (from.driftState !== undefined) to.driftState = from.driftState;
  return to;
}

/** The same for a reference's optional fields. */
type OptionalReferenceFields = 'state' | 'driftNote' | 'currentPath' | 'currentRanges' | 'currentTarget' | 'showChanges';
function copyReferenceFields<T extends Pick<TreeReference, OptionalReferenceFields>>(from: Pick<TreeReference, OptionalReferenceFields>, to: T): T {
  if (from.state !== undefined) to.state = from.state;
  if (from.driftNote !== undefined) to.driftNote = from.driftNote;
  if (from.currentPath !== undefined) to.currentPath = from.currentPath;
  if (from.currentRanges !== undefined) to.currentRanges = from.currentRanges;
  if (from.currentTarget !== undefined) to.currentTarget = from.currentTarget;
  if (from.showChanges !== undefined) to.showChanges = from.showChanges;
  return to;
}

function packConcern(c: TreeConcern, doc: TreeDocument, stamp: number): WireConcern {
  const prefix = folderPrefix(doc.folderUri);
  const out: WireConcern = { stamp, id: c.id, title: c.title, category: c.category, resolved: c.resolved, summary: c.summary, fileCount: c.fileCount, references: c.references.map((r) => packReference(r, prefix)) };
  if (c.documentUri !== doc.uri) out.documentUri = c.documentUri;
  return copyConcernFields(c, out);
}

function unpackConcern(c: WireConcern, doc: WireDocument, prefix: string): TreeConcern {
  const out: TreeConcern = { id: c.id, title: c.title, category: c.category, resolved: c.resolved, summary: c.summary, documentUri: c.documentUri ?? doc.uri, fileCount: c.fileCount, references: c.references.map((r) => unpackReference(r, prefix)) };
  return copyConcernFields(c, out);
}

function packReference(ref: TreeReference, prefix: string): WireReference {
  const out: WireReference = { path: ref.path, kind: ref.kind, status: ref.status };
  if (ref.text !== `\`${ref.path}\``) out.text = ref.text;
  if (ref.ranges.length > 0) out.ranges = ref.ranges;
  const { targets } = ref;
  const paths = targets.map((t) => (t.startsWith(prefix) ? decodePath(t.slice(prefix.length)) : undefined));
  if (paths.every((p, i) => p !== undefined && uriAt(prefix, p) === targets[i])) {
    const own = paths.length === 1 && paths[0] === ref.path;
    if (!own) out.paths = paths as string[];
  } else {
    out.targets = targets;
  }
  if (ref.targetCount !== targets.length) out.targetCount = ref.targetCount;
  return copyReferenceFields(ref, out);
}

function unpackReference(ref: WireReference, prefix: string): TreeReference {
  const targets = ref.targets ?? (ref.paths ?? [ref.path]).map((p) => uriAt(prefix, p));
  const out: TreeReference = { text: ref.text ?? `\`${ref.path}\``, path: ref.path, kind: ref.kind, status: ref.status, ranges: ref.ranges ?? [], targets, targetCount: ref.targetCount ?? targets.length };
  return copyReferenceFields(ref, out);
}

function decodePath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
