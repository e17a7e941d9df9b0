// The `concerns/tree` handler as registered (features.ts), called as vscode-jsonrpc calls it: with
// the token alone (no params), with null, with the view's params; a cancelled request gets the
// fallback without the work; one version's tree is built once and answered per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationToken, type Connection } from 'vscode-languageserver';
import type { ConcernsService } from '../../server/src/concernsService';
import type { IndexedDocument } from '../../server/src/core/features/indexedDocument';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { registerFeatures } from '../../server/src/features';
import type { OpenDocuments } from '../../server/src/openDocuments';
import type { Runtime } from '../../server/src/runtime';
import { TreeStore, unpackTree, type WireTree } from '../../server/src/treeWire';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const DOC = ['# Concerns', '', '## Security', '', '**Token compared with ==:**', '- Issue: timing attack', '- Files: `app/auth.py` (lines 1-2)', '', '**Plain path:** `app/util.py`', ''].join('\n');

function indexed(text: string): IndexedDocument {
  const model = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(memoryWorkspace({ 'app/auth.py': 'a\nb\nc\n', 'app/util.py': 'x\n' })), { root: '' });
  return { uri: 'file:///ws/CONCERNS.md', path: 'CONCERNS.md', folderUri: 'file:///ws', root: '', model };
}

type TreeHandler = (...args: unknown[]) => Promise<WireTree>;

/** The features registered on a connection that records request handlers, over a service holding `docs()`. */
function treeHandler(docs: () => { version: number; documents: IndexedDocument[] }, errors: string[]): TreeHandler {
  const handlers = new Map<string, TreeHandler>();
  const connection = new Proxy({} as Connection, {
    get: (_target, name) => {
      if (name === 'onRequest') return (method: string, handler: TreeHandler) => handlers.set(method, handler);
      if (name === 'console') return { error: (m: string) => errors.push(m), log: () => undefined };
      return () => undefined;
    },
  });
  const folder = { uri: 'file:///ws', name: 'ws' };
  const service = {
    folderList: () => [folder],
    uriOf: (_f: unknown, path: string) => `file:///ws/${path}`,
    indexedDocuments: () => docs().documents,
    get indexVersion() {
      return docs().version;
    },
  } as unknown as ConcernsService;
  registerFeatures(connection, () => service, {} as OpenDocuments, {} as Runtime);
  const handler = handlers.get('concerns/tree');
  assert.ok(handler, 'concerns/tree registered by name');
  return handler;
}

void test('the tree handler: without params, with null, with the view\'s params, and cancelled', async () => {
  let state = { version: 1, documents: [indexed(DOC)] };
  const errors: string[] = [];
  const handler = treeHandler(() => state, errors);

  // No params: vscode-jsonrpc passes the token alone.
  const full = await handler(CancellationToken.None);
  assert.equal(full.version, 1);
  assert.ok(full.epoch);
  assert.equal(unpackTree(full).documents[0]!.concerns.length, 2);
  assert.deepEqual(await handler(null, CancellationToken.None), full, '"params": null: the same full answer');

  // The view's params after an edit: the unchanged concern as its stamp alone.
  const store = new TreeStore();
  assert.ok(store.unpack(full));
  state = { version: 2, documents: [indexed(DOC.replace('timing attack', 'timing attack, worse'))] };
  const delta = await handler(store.params(), CancellationToken.None);
  assert.equal(delta.version, 2);
  assert.deepEqual(
    delta.documents[0]!.concerns.map((c) => (typeof c === 'number' ? 'stamp' : c.summary)),
    ['timing attack, worse', 'stamp'],
  );
  assert.deepEqual(store.unpack(delta), unpackTree(await handler(CancellationToken.None)));

  // Cancelled before it ran: the fallback (no document, no epoch), not the tree.
  assert.deepEqual(await handler(store.params(), CancellationToken.Cancelled), { version: 0, documents: [] });
  assert.deepEqual(await handler(CancellationToken.Cancelled), { version: 0, documents: [] });
  assert.deepEqual(errors, []);
});
