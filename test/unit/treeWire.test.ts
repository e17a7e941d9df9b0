// The tree's wire form: what a concern repeats is left out, and the client gets exactly the same
// data back, whatever the paths look like.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { treeData } from '../../server/src/core/features/tree';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import type { TreeData } from '../../server/src/protocol';
import { packTree, unpackTree, WirePacker, type WireConcern, type WireTree } from '../../server/src/treeWire';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const FOLDER = '/work space/proj #1';
const folderUri = URI.file(FOLDER).toString();
// As the server writes them (features.ts: URI.file of the joined path).
const uriOf = (_folder: string, rel: string) => URI.file(`${FOLDER}/${rel}`).toString();

function data(): TreeData {
  const files: Record<string, string> = { 'src/auth.py': 'a\nb\nc\n', 'src/naïve file.ts': 'x\n', 'src/100%/x#y.ts': 'x\n', 'docs/a b.md': 'x\n' };
  for (let i = 0; i < 30; i++) files[`migrations/${String(i).padStart(4, '0')}.sql`] = 'x\n';
  const text = [
    '# Concerns',
    '',
    '## Security',
    '',
    '**Token compared with ==:**',
    '- Issue: timing attack',
    '- Files: `src/auth.py` (lines 1-2), `src/auth.py:3`, `src/naïve file.ts`, `src/100%/x#y.ts`, `migrations/*.sql`, `gone/file.py`, `docs/`',
    '',
    '## Tech Debt',
    '',
    '**Plain path:** `src/auth.py`',
    '- Fix approach: see docs/a b.md',
  ].join('\n');
  const model = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(memoryWorkspace(files)), { root: '' });
  const doc = { uri: uriOf(folderUri, '.planning/codebase/CONCERNS.md'), path: '.planning/codebase/CONCERNS.md', folderUri, root: '', model };
  return treeData([doc], 7, uriOf, () => 'proj');
}

void test('unpackTree(packTree(data)) gives the data back: odd paths, globs past the cap, broken references, line specs', () => {
  const original = data();
  const refs = original.documents[0]!.concerns.flatMap((c) => c.references);
  assert.ok(refs.some((r) => r.targetCount > r.targets.length), 'a glob past the cap');
  assert.ok(refs.some((r) => r.targets.length === 0), 'a broken reference');
  assert.ok(refs.some((r) => /%20|%23|%C3/.test(r.targets[0] ?? '')), 'an encoded path');
  Object.assign(refs[0]!, { state: 'moved', currentPath: 'src/auth.py', currentRanges: [{ start: 4, end: 5 }], currentTarget: uriOf(folderUri, 'src/auth.py'), showChanges: true });
  const wire = packTree(original);
  assert.deepEqual(unpackTree(JSON.parse(JSON.stringify(wire)) as WireTree), original);
  assert.ok(JSON.stringify(wire).length < JSON.stringify(original).length * 0.7, 'the wire form is smaller');
});

/** A concern of a full answer (never a stamp alone). */
function sent(c: WireConcern | number | undefined): WireConcern {
  assert.ok(c !== undefined && typeof c !== 'number', 'a concern in full');
  return c;
}

void test('what cannot be rebuilt travels as it is: another folder\'s URI, another document\'s concern', () => {
  const original = data();
  const concern = original.documents[0]!.concerns[0]!;
  concern.references[0]!.targets = ['untitled:Untitled-1', 'file:///elsewhere/x.py'];
  concern.documentUri = 'file:///other/CONCERNS.md';
  const wire = packTree(original);
  assert.deepEqual(sent(wire.documents[0]!.concerns[0]).references[0]!.targets, ['untitled:Untitled-1', 'file:///elsewhere/x.py']);
  assert.equal(sent(wire.documents[0]!.concerns[0]).documentUri, 'file:///other/CONCERNS.md');
  assert.deepEqual(unpackTree(JSON.parse(JSON.stringify(wire)) as WireTree), original);
});

void test('a concern the tree kept from the last version is not packed again, and keeps its stamp', () => {
  const original = data();
  const cache = new WirePacker();
  const first = packTree(original, cache);
  const [kept, changed] = original.documents[0]!.concerns;
  const next = { ...original, documents: [{ ...original.documents[0]!, concerns: [kept!, { ...changed!, title: 'Renamed' }] }] };
  const second = packTree(next, cache);
  assert.equal(second.documents[0]!.concerns[0], first.documents[0]!.concerns[0], 'the same packed object');
  assert.notEqual(second.documents[0]!.concerns[1], first.documents[0]!.concerns[1]);
  assert.deepEqual(first.documents[0]!.concerns.map((c) => sent(c).stamp), [1, 2], 'stamps in the order packed');
  assert.equal(sent(second.documents[0]!.concerns[1]).stamp, 3, 'the edited concern: the next stamp');
  assert.equal(second.epoch, first.epoch);
  assert.deepEqual(unpackTree(JSON.parse(JSON.stringify(second)) as WireTree), next);
});
