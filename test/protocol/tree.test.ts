// Protocol tests of `concerns/tree`'s deltas, against the real server: after an edit, a client that
// says which concerns it holds is sent the edited one alone in full, and ends with the same tree
// as a full answer; an undo's concern comes back as its old stamp; a restarted server's answer is
// full; params it cannot read get the full answer, never an error.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { TreeParams } from '../../server/src/protocol';
import { TreeStore, unpackTree, type WireConcern, type WireTree } from '../../server/src/treeWire';
import { fileUri, LspClient } from './lspClient';
import { tempWorkspace } from '../unit/helpers/tempWorkspace';

const DOC_PATH = '.planning/codebase/CONCERNS.md';
const concernText = (i: number) => `**Concern number ${i}:**\n- Issue: problem ${i}\n- Files: \`src/f${i % 4}.py\` (lines 1-2)\n`;
const DOC = `# Codebase Concerns\n\n## Tech Debt\n\n${Array.from({ length: 12 }, (_, i) => concernText(i)).join('\n')}`;
const FILES: Record<string, string> = { [DOC_PATH]: DOC, 'src/f0.py': 'a\nb\nc\n', 'src/f1.py': 'a\nb\nc\n', 'src/f2.py': 'a\nb\nc\n', 'src/f3.py': 'a\nb\nc\n' };

async function start(t: TestContext, files = FILES): Promise<{ c: LspClient; uri: string }> {
  const root = tempWorkspace(t, files, 'concerns-tree-');
  const c = new LspClient();
  t.after(() => c.dispose());
  await c.initialize([root]);
  await c.waitForIndexChanged(1);
  const uri = fileUri(path.join(root, DOC_PATH));
  await c.open(uri, DOC);
  return { c, uri };
}

const tree = (c: LspClient, params?: TreeParams | null) => c.request<WireTree>('concerns/tree', params);
const inFull = (wire: WireTree) => wire.documents.flatMap((d) => d.concerns).filter((x): x is WireConcern => typeof x !== 'number');
const stampsAlone = (wire: WireTree) => wire.documents.flatMap((d) => d.concerns).filter((x): x is number => typeof x === 'number');

/** Changes the document, waits for its re-index, and fetches as the view does; checks it against a full answer. */
async function editAndFetch(c: LspClient, uri: string, store: TreeStore, text: string): Promise<WireTree> {
  const version = c.lastIndexVersion;
  await c.change(uri, text);
  await c.waitForIndexChanged(version + 1);
  const delta = await tree(c, store.params() ?? null);
  const data = store.unpack(delta);
  assert.ok(data, 'the delta names only concerns the store holds');
  const full = await tree(c);
  assert.equal(full.version, delta.version, 'no re-index in between');
  assert.deepEqual(data, unpackTree(full), 'the delta gives the full answer\'s tree');
  return delta;
}

void test('after an edit, the held concerns travel as their stamps and the edited one in full; an undo and moved concerns keep their stamps', async (t) => {
  const { c, uri } = await start(t);
  const store = new TreeStore();
  const first = await tree(c);
  assert.ok(first.epoch, 'a full answer names its epoch');
  assert.equal(inFull(first).length, 12);
  assert.ok(inFull(first).every((x) => typeof x.stamp === 'number'), 'every concern stamped');
  assert.ok(store.unpack(first));
  const stampOf5 = inFull(first)[5]!.stamp!;

  // One concern's issue edited: that one alone travels in full, with a new stamp.
  const edited = DOC.replace('problem 5', 'problem 5, worse');
  const delta = await editAndFetch(c, uri, store, edited);
  assert.deepEqual(inFull(delta).map((x) => x.summary), ['problem 5, worse']);
  assert.ok(inFull(delta)[0]!.stamp! > Math.max(...inFull(first).map((x) => x.stamp!)), 'a new stamp, above every other');
  assert.equal(stampsAlone(delta).length, 11);
  assert.ok(JSON.stringify(delta).length < JSON.stringify(first).length / 3, 'the delta is small');

  // Undo: the server resolves the concern again (a new object), saying what it said before: its
  // old stamp, which the store kept.
  const undone = await editAndFetch(c, uri, store, DOC);
  assert.deepEqual(inFull(undone), [], 'nothing travels in full');
  assert.ok(stampsAlone(undone).includes(stampOf5), 'the old stamp of the concern undone');

  // A concern added and one removed: the concerns below it move up a few lines (new objects, the
  // same tree data), and keep their stamps.
  const added = await editAndFetch(c, uri, store, `${DOC}\n${concernText(99)}`.replace(concernText(3), ''));
  assert.deepEqual(inFull(added).map((x) => x.title), ['Concern number 99']);
  await c.shutdown();
});

void test('a store that keeps only the live concerns still gets deltas, and the same tree', async (t) => {
  const { c, uri } = await start(t);
  const store = new TreeStore(() => 0);
  assert.ok(store.unpack(await tree(c)));
  for (let i = 0; i < 5; i++) {
    const delta = await editAndFetch(c, uri, store, DOC.replace(`problem ${i}\n`, `problem ${i}, edit ${i}\n`));
    assert.equal(inFull(delta).length, i === 0 ? 1 : 2, 'the concern edited, and the one the edit before changed back');
    assert.equal(store.size, 12, 'the live concerns, nothing else');
  }
  await c.shutdown();
});

void test('stamps of another server (a restart) or params it cannot read: the full answer, never an error', async (t) => {
  const a = await start(t);
  const store = new TreeStore();
  assert.ok(store.unpack(await tree(a.c)));
  const heldA = store.params()!;
  await a.c.shutdown();

  const b = await start(t);
  const full = await tree(b.c);
  assert.notEqual(full.epoch, heldA.epoch, 'each server its own epoch');
  const answer = await tree(b.c, heldA);
  assert.equal(stampsAlone(answer).length, 0, 'the old server\'s stamps mean nothing here');
  // What the answers hold, not their index version: opening the document can end in one more
  // (identical) index pass while this runs, and the version is not what this test is about.
  const held = (wire: ReturnType<typeof unpackTree> | undefined) => wire?.documents;
  assert.deepEqual(held(store.unpack(answer)), held(unpackTree(full)));
  // With the new server's epoch, the same store now gets deltas.
  assert.equal(stampsAlone(await tree(b.c, store.params())).length, 12);

  for (const params of [null, {}, { epoch: full.epoch }, { epoch: full.epoch, held: 'all' }, { epoch: full.epoch, held: [1] }, { held: [1, 100] }, [1, 2]]) {
    const got = await b.c.request<WireTree>('concerns/tree', params);
    assert.equal(inFull(got).length, 12, JSON.stringify(params));
    assert.deepEqual(held(unpackTree(got)), held(unpackTree(full)), JSON.stringify(params));
  }
  await b.c.shutdown();
});
