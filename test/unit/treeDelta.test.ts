// The tree's delta protocol: a client that says which packed concerns it holds (their stamps) is
// sent those as their stamp alone, and gets back exactly the tree a full answer gives, whatever
// happened between two fetches: concerns added, removed, edited, reordered, moved to another
// document, restored as the very object from before (an undo), versions it never fetched, a
// store bounded or emptied, a restarted server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TreeConcern, TreeData, TreeDocument, TreeParams, TreeReference } from '../../server/src/protocol';
import { deltaTree, fetchTree, packTree, sameTreeConcern, stampRuns, TREE_STORE_RETAIN, TreeStore, unpackTree, WirePacker, type WireTree } from '../../server/src/treeWire';

const FOLDERS = ['file:///work/a', 'file:///work/b%20c'];
const PATHS = ['src/auth.py', 'src/naïve file.ts', 'src/100%/x#y.ts', 'docs/a b.md', 'lib/x.ts', 'migrations/0001.sql', 'migrations/0002.sql'];

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const uriIn = (folderUri: string, path: string) => `${folderUri}/${path.split('/').map(encodeURIComponent).join('/')}`;

let made = 0;
/** A new concern object (`n` varies its content), for a document of `folderUri`. */
function concern(n: number, documentUri: string, folderUri: string): TreeConcern {
  made++;
  const path = PATHS[n % PATHS.length]!;
  const reference: TreeReference = {
    text: n % 3 === 0 ? `\`${path}\`` : `\`${path}\` (lines ${n}-${n + 2})`,
    path,
    kind: n % 5 === 0 ? 'glob' : 'file',
    status: n % 7 === 0 ? 'missing' : 'ok',
    ranges: n % 3 === 0 ? [] : [{ start: n, end: n + 2 }],
    targets: n % 7 === 0 ? [] : n % 11 === 0 ? ['untitled:Untitled-1'] : [uriIn(folderUri, path), ...(n % 5 === 0 ? [uriIn(folderUri, PATHS[(n + 1) % PATHS.length]!)] : [])],
    targetCount: n % 7 === 0 ? 0 : n % 5 === 0 ? 30 : 1,
  };
  if (n % 4 === 1) reference.state = 'moved';
  const out: TreeConcern = { id: `c${made}`, title: `Concern ${made} (${n})`, category: ['Security', 'Tech Debt'][n % 2]!, resolved: n % 6 === 0, summary: `summary ${n}`, documentUri, fileCount: reference.targetCount, references: n % 9 === 0 ? [] : [reference] };
  if (n % 4 === 2) out.severity = 'high';
  if (n % 8 === 3) out.documentUri = 'file:///elsewhere/CONCERNS.md';
  return out;
}

function document(i: number): TreeDocument {
  const folderUri = FOLDERS[i % FOLDERS.length]!;
  const doc: TreeDocument = { uri: `${folderUri}/doc${i}/CONCERNS.md`, path: `doc${i}/CONCERNS.md`, folderUri, folderName: `folder ${i % FOLDERS.length}`, concerns: [] };
  if (i % 2 === 0) doc.analysisDate = '2026-02-01';
  return doc;
}

type Op = 'add' | 'remove' | 'edit' | 'copy' | 'reorder' | 'restore' | 'move' | 'addDoc' | 'removeDoc' | 'clearStore' | 'restart' | 'none';
const OPS: Op[] = ['add', 'remove', 'edit', 'copy', 'reorder', 'restore', 'move', 'addDoc', 'removeDoc', 'clearStore', 'restart', 'none'];

/** The server side of a sequence: its documents, every concern object it ever had (to restore), its packer. */
class Server {
  docs: TreeDocument[] = [document(0), document(1)];
  private nextDoc = 2;
  private version = 0;
  readonly history = new Map<string, TreeConcern[]>();
  packer = new WirePacker();

  constructor(seed: number) {
    for (const doc of this.docs) for (let i = 0; i < 4; i++) this.add(doc, seed + i, i);
  }

  private add(doc: TreeDocument, n: number, at: number): void {
    const c = concern(n, doc.uri, doc.folderUri);
    doc.concerns.splice(at % (doc.concerns.length + 1), 0, c);
    this.remember(doc, c);
  }

  private remember(doc: TreeDocument, c: TreeConcern): void {
    this.history.set(doc.uri, [...(this.history.get(doc.uri) ?? []), c]);
  }

  /** Applies one change; the documents and their lists are new objects, the untouched concerns the same. */
  apply(op: Op, a: number, b: number): void {
    this.docs = this.docs.map((d) => ({ ...d, concerns: [...d.concerns] }));
    const doc = this.docs[a % Math.max(1, this.docs.length)];
    const n = doc?.concerns.length ?? 0;
    switch (op) {
      case 'add':
        if (doc) this.add(doc, b, a + b);
        break;
      case 'remove':
        if (doc && n > 0) doc.concerns.splice(b % n, 1);
        break;
      case 'edit':
        if (doc && n > 0) {
          const old = doc.concerns[b % n]!;
          const edited = { ...old, title: `${old.title}x`, summary: `${old.summary} (edited ${b})` };
          if (b % 2 === 0 && old.references[0]) edited.references = [{ ...old.references[0], status: 'out-of-range' }, ...old.references.slice(1)];
          doc.concerns[b % n] = edited;
          this.remember(doc, edited);
        }
        break;
      case 'copy':
        // Lines inserted above: a new object saying the same.
        if (doc && n > 0) {
          const copy = json(doc.concerns[b % n]!);
          doc.concerns[b % n] = copy;
          this.remember(doc, copy);
        }
        break;
      case 'reorder':
        if (doc && n > 1) {
          const [i, j] = [b % n, (b + a + 1) % n];
          [doc.concerns[i], doc.concerns[j]] = [doc.concerns[j]!, doc.concerns[i]!];
        }
        break;
      case 'restore': {
        // An undo: a concern object from before, the very object, back in its document.
        const gone = (this.history.get(doc?.uri ?? '') ?? []).filter((c) => !doc!.concerns.includes(c));
        if (doc && gone.length > 0) doc.concerns.splice(a % (n + 1), 0, gone[b % gone.length]!);
        break;
      }
      case 'move': {
        // The same concern object in another document (another folder, or the same): packed again.
        const to = this.docs[(a + 1) % this.docs.length];
        if (doc && to && to !== doc && n > 0) {
          const [moved] = doc.concerns.splice(b % n, 1);
          to.concerns.push(moved!);
          this.remember(to, moved!);
        }
        break;
      }
      case 'addDoc':
        this.docs.splice(a % (this.docs.length + 1), 0, document(this.nextDoc++));
        for (let i = 0; i < b % 4; i++) this.add(this.docs[a % this.docs.length]!, b + i, i);
        break;
      case 'removeDoc':
        if (doc) this.docs.splice(this.docs.indexOf(doc), 1);
        break;
      case 'restart':
        this.packer = new WirePacker();
        break;
      default:
        break;
    }
  }

  data(): TreeData {
    return { version: ++this.version, documents: this.docs };
  }
}

/** The server's answer to `params`, as it travels (JSON both ways). */
function answer(full: WireTree, params: TreeParams | undefined): Promise<WireTree> {
  return Promise.resolve(json(deltaTree(full, params === undefined ? undefined : json(params))));
}

const distinctStamps = (full: WireTree) => new Set(full.documents.flatMap((d) => d.concerns.map((c) => (typeof c === 'number' ? c : c.stamp))));

void test('property: fetched with deltas, every tree deep-equals the full answer; the store stays bounded', async () => {
  let fetches = 0;
  let deltas = 0;
  let stampsSent = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat(1000),
      fc.constantFrom(0, 1, 3, 500),
      fc.array(fc.tuple(fc.constantFrom(...OPS), fc.nat(50), fc.nat(50), fc.boolean()), { minLength: 1, maxLength: 40 }),
      async (seed, retain, ops) => {
        const server = new Server(seed);
        const store = new TreeStore(() => retain);
        for (const [op, a, b, fetch] of ops) {
          if (op === 'clearStore') store.clear();
          else server.apply(op, a, b);
          const data = server.data();
          // Some versions are never fetched (fetches coalesce): the next fetch skips them.
          if (!fetch) continue;
          const full = packTree(data, server.packer);
          assert.deepEqual(unpackTree(json(full)), data, 'the full answer is lossless');
          let sent: WireTree | undefined;
          const got = await fetchTree(store, async (params) => (sent = await answer(full, params)));
          fetches++;
          assert.equal(got.recovered, false, 'the held stamps are exact: never a stamp the store lacks');
          assert.deepEqual(got.data, data);
          const alone = sent!.documents.flatMap((d) => d.concerns).filter((c) => typeof c === 'number').length;
          if (alone > 0) deltas++;
          stampsSent += alone;
          assert.ok(store.size <= distinctStamps(full).size + retain, `store ${store.size} > ${distinctStamps(full).size} + ${retain}`);
        }
      },
    ),
    { numRuns: 300, seed: 4242 },
  );
  assert.ok(deltas > fetches / 3, `most fetches are deltas (${deltas} of ${fetches})`);
  console.log(`tree delta property: ${fetches} fetches, ${deltas} with concerns sent as their stamp (${stampsSent} in all)`);
});

void test('a version with one concern edited sends that concern alone in full', async () => {
  const server = new Server(1);
  const store = new TreeStore();
  await fetchTree(store, (params) => answer(packTree(server.data(), server.packer), params));
  server.apply('edit', 0, 2);
  const data = server.data();
  let sent: WireTree | undefined;
  const got = await fetchTree(store, async (params) => (sent = await answer(packTree(data, server.packer), params)));
  assert.equal(got.full, false);
  assert.deepEqual(got.data, data);
  const inFull = sent!.documents.flatMap((d) => d.concerns).filter((c) => typeof c !== 'number');
  assert.equal(inFull.length, 1, 'only the edited concern travels in full');
  // Unchanged concerns are the very objects of the last fetch.
  assert.equal(got.data.documents[1]!.concerns[0], store.unpack(json(deltaTree(packTree(data, server.packer), store.params())))!.documents[1]!.concerns[0]);
});

void test('a new object saying what the last tree\'s concern of its id said keeps its stamp', async () => {
  const server = new Server(2);
  const store = new TreeStore();
  await fetchTree(store, (params) => answer(packTree(server.data(), server.packer), params));
  // Every concern of the first document a new object, the same data (lines inserted above them).
  server.docs = server.docs.map((d, i) => (i === 0 ? { ...d, concerns: d.concerns.map((c) => json(c)) } : d));
  const data = server.data();
  let sent: WireTree | undefined;
  const got = await fetchTree(store, async (params) => (sent = await answer(packTree(data, server.packer), params)));
  assert.deepEqual(got.data, data);
  assert.ok(sent!.documents.every((d) => d.concerns.every((c) => typeof c === 'number')), 'every concern as its stamp');
});

void test('an undo that makes a new object saying what the concern said before gets the old stamp back', async () => {
  const server = new Server(4);
  const store = new TreeStore();
  const fetch = async () => {
    const data = server.data();
    let sent: WireTree | undefined;
    const got = await fetchTree(store, async (params) => (sent = await answer(packTree(data, server.packer), params)));
    assert.deepEqual(got.data, data);
    return sent!.documents[0]!.concerns;
  };
  const [first] = await fetch();
  const before = json(server.docs[0]!.concerns[0]!);
  // Edited, its drift followed (another object), then undone: a new object again, as before.
  server.apply('edit', 0, 0);
  const [edited] = await fetch();
  assert.equal(typeof edited, 'object', 'the edit in full');
  server.apply('copy', 0, 0);
  assert.equal(typeof (await fetch())[0], 'number', 'the same again: its stamp');
  server.docs = server.docs.map((d, i) => (i === 0 ? { ...d, concerns: [before, ...d.concerns.slice(1)] } : d));
  const [undone] = await fetch();
  assert.equal(undone, typeof first === 'number' ? first : first!.stamp, 'its stamp alone, the first one');
});

void test('an undo brings back the old object: sent as its stamp when the store kept it, in full when it let it go', async () => {
  for (const retain of [500, 0]) {
    const server = new Server(3);
    const store = new TreeStore(() => retain);
    const fetch = async () => {
      const data = server.data();
      let sent: WireTree | undefined;
      const got = await fetchTree(store, async (params) => (sent = await answer(packTree(data, server.packer), params)));
      assert.deepEqual(got.data, data);
      assert.equal(got.recovered, false);
      return sent!.documents[0]!.concerns;
    };
    await fetch();
    const before = server.docs[0]!.concerns[0]!;
    server.apply('edit', 0, 0);
    await fetch();
    // Undo: the document's first concern is the object from before again.
    server.docs = server.docs.map((d, i) => (i === 0 ? { ...d, concerns: [before, ...d.concerns.slice(1)] } : d));
    const [first] = await fetch();
    if (retain > 0) assert.equal(typeof first, 'number', 'kept: its stamp alone');
    else assert.notEqual(typeof first, 'number', 'let go: in full, with its old stamp');
  }
});

void test('an answer naming a concern the store does not hold: unpack says so, fetchTree asks again in full', async () => {
  const server = new Server(5);
  const data = server.data();
  const full = packTree(data, server.packer);
  // The client holds nothing, yet the answer sends stamps alone (as a server would to a store it lost).
  const bogus = deltaTree(full, { epoch: full.epoch!, held: [1, 1000] });
  const store = new TreeStore();
  assert.equal(store.unpack(json(bogus)), undefined);
  const asked: (TreeParams | undefined)[] = [];
  const got = await fetchTree(store, (params) => {
    asked.push(params);
    return Promise.resolve(json(asked.length === 1 ? bogus : deltaTree(full, params)));
  });
  assert.deepEqual(asked, [undefined, undefined]);
  assert.equal(got.recovered, true);
  assert.deepEqual(got.data, data);
  assert.throws(() => unpackTree(json(bogus)), /stamp alone/);
});

void test('a concern held in another document is not taken for the one sent: a full answer is asked', () => {
  const server = new Server(7);
  const full = json(packTree(server.data(), server.packer));
  const store = new TreeStore();
  assert.ok(store.unpack(full));
  // A lying answer: the first document's stamp, under the second document.
  const first = full.documents[0]!.concerns[0]!;
  const stamp = typeof first === 'number' ? first : first.stamp!;
  const forged: WireTree = { ...full, documents: [full.documents[0]!, { ...full.documents[1]!, concerns: [stamp] }] };
  assert.equal(store.unpack(forged), undefined);
});

void test('a restarted server (another epoch) answers in full, and the store starts again', async () => {
  const server = new Server(9);
  const store = new TreeStore();
  await fetchTree(store, (params) => answer(packTree(server.data(), server.packer), params));
  const oldEpoch = store.params()!.epoch;
  server.apply('restart', 0, 0);
  const data = server.data();
  let sent: WireTree | undefined;
  const got = await fetchTree(store, async (params) => (sent = await answer(packTree(data, server.packer), params)));
  assert.ok(sent!.documents.every((d) => d.concerns.every((c) => typeof c !== 'number')), 'every concern in full');
  assert.deepEqual(got.data, data);
  assert.notEqual(store.params()!.epoch, oldEpoch);
  assert.equal(store.size, distinctStamps(sent!).size, 'the old server\'s concerns are dropped');
});

void test('params that cannot be read get the full answer, never an error', () => {
  const server = new Server(11);
  const full = packTree(server.data(), server.packer);
  const bad: unknown[] = [undefined, null, {}, 'x', 7, [], { epoch: full.epoch }, { epoch: 'other', held: [1, 100] }, { epoch: full.epoch, held: 'x' }, { epoch: full.epoch, held: [1] }, { epoch: full.epoch, held: [1, 'a'] }, { epoch: full.epoch, held: [1.5, 2] }, { epoch: full.epoch, held: [] }];
  for (const params of bad) assert.equal(deltaTree(full, params), full, JSON.stringify(params));
  // Runs out of order, overlapping, empty, or vast: read as the stamps they name.
  const stamps = [...distinctStamps(full)] as number[];
  const last = Math.max(...stamps);
  const held = deltaTree(full, { epoch: full.epoch, held: [last, 1, 0, 0, 1, 2, 2, 1, -5, 1e12] });
  assert.deepEqual(
    held.documents.flatMap((d) => d.concerns.filter((c) => typeof c === 'number')),
    full.documents.flatMap((d) => d.concerns.map((c) => (typeof c === 'number' ? c : c.stamp!))),
    'every stamp held (the vast run covers them all)',
  );
});

void test('stampRuns: ascending stamps as [start, length] runs', () => {
  assert.deepEqual(stampRuns([]), []);
  assert.deepEqual(stampRuns([5]), [5, 1]);
  assert.deepEqual(stampRuns([1, 2, 3, 7, 8, 10]), [1, 3, 7, 2, 10, 1]);
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 200 })), (stamps) => {
      const sorted = [...stamps].sort((a, b) => a - b);
      const runs = stampRuns(sorted);
      const back: number[] = [];
      for (let i = 0; i < runs.length; i += 2) for (let s = runs[i]!; s < runs[i]! + runs[i + 1]!; s++) back.push(s);
      assert.deepEqual(back, sorted);
    }),
  );
});

void test('a day of editing: the store holds the live concerns and at most `retain` others', async () => {
  const server = new Server(13);
  const store = new TreeStore(() => 20);
  for (let i = 0; i < 2000; i++) {
    server.apply(i % 10 === 0 ? 'add' : 'edit', i, i * 7);
    const data = server.data();
    const full = packTree(data, server.packer);
    const got = await fetchTree(store, (params) => answer(full, params));
    assert.equal(got.recovered, false);
    if (i % 100 === 0) assert.deepEqual(got.data, data);
    assert.ok(store.size <= distinctStamps(full).size + 20);
  }
  const held = store.params()!.held;
  assert.ok(held.length < 2 * store.size, 'the held runs are no longer than the stamps');
  // By default: the last tree's concerns and as many others (at least TREE_STORE_RETAIN).
  const bounded = new TreeStore();
  const big = new Server(17);
  for (let i = 0; i < 300; i++) big.apply('add', 0, i);
  for (let i = 0; i < 1000; i++) {
    big.apply(i % 3 === 0 ? 'copy' : 'edit', i, i * 7);
    const full = packTree(big.data(), big.packer);
    await fetchTree(bounded, (params) => answer(full, params));
    const live = distinctStamps(full).size;
    assert.ok(bounded.size <= live + Math.max(TREE_STORE_RETAIN, live), `${bounded.size} held for ${live} live`);
  }
});

void test('sameTreeConcern: any field changed, added or removed, anywhere, makes a different concern', () => {
  const full: TreeConcern = {
    ...concern(1, 'file:///w/CONCERNS.md', 'file:///w'),
    group: 'g',
    severity: 'high',
    driftState: 'changed',
  };
  full.references = [
    { ...full.references[0]!, state: 'changed', currentPath: 'src/x.ts', currentRanges: [{ start: 1, end: 2 }], currentTarget: 'file:///w/src/x.ts', showChanges: true },
    { text: 'b', path: 'b', kind: 'glob', status: 'ok', ranges: [], targets: ['file:///w/b1', 'file:///w/b2'], targetCount: 2 },
  ];
  assert.ok(sameTreeConcern(full, json(full)));
  const all = variants(full);
  assert.ok(all.length > 50, `${all.length} variants`);
  for (const v of all) assert.equal(sameTreeConcern(full, v as TreeConcern), false, JSON.stringify(v));
});

/** Every copy of a JSON value with one leaf changed, one property or element left out, or an element added. */
function variants(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    const out: unknown[] = [[...list, 'extra']];
    list.forEach((x, i) => {
      out.push(list.filter((_, j) => j !== i));
      for (const v of variants(x)) out.push(list.map((y, j) => (j === i ? v : y)));
    });
    return out;
  }
  if (value && typeof value === 'object') {
    const out: unknown[] = [];
    for (const [key, x] of Object.entries(value)) {
      const { [key]: _left, ...rest } = value as Record<string, unknown>;
      out.push(rest);
      for (const v of variants(x)) out.push({ ...value, [key]: v });
    }
    return out;
  }
  return [typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : `${String(value)}!`];
}
