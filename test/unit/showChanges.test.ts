// "Show changes since the analysis": which references offer it (hover link, quick fix, the view's
// flag), what a `concerns/baselineText` request may read (by identity, or by a path and sha drift
// mapped: nothing else), and reading the blob through the git runner (size cap, binary, a file
// missing at the commit, a deleted directory, a nested repository).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { baselineTarget, isPlainRelativePath, offersShowChanges } from '../../server/src/core/drift/showChanges';
import { driftHoverNote } from '../../server/src/core/drift/hoverNote';
import { showChangesAction } from '../../server/src/core/features/codeActions';
import type { IndexedDocument } from '../../server/src/core/features/indexedDocument';
import { concernCard } from '../../server/src/core/features/markdownCard';
import { referenceHover } from '../../server/src/core/features/referenceHover';
import { treeConcern } from '../../server/src/core/features/tree';
import type { MappedLocation } from '../../server/src/core/model';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { readBaselineText } from '../../server/src/node/git/baselineText';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { GitRepo } from './helpers/gitRepo';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const SHA = 'abc1234def5678abc1234def5678abc1234def56';
const DOC = `# Codebase Concerns

## Security Considerations

**Token compared with ==:**
- Risk: timing attack
- Files: \`app/auth.py\` (lines 3-5), \`app/util.py\` (line 2)
`;

function indexed(): IndexedDocument {
  const ws = memoryWorkspace({ 'app/auth.py': 'x\n'.repeat(10), 'app/util.py': 'y\n'.repeat(3), 'app/other.py': 'z\n' });
  const model = resolveDocument(parseConcernsDocument(DOC), new ReferenceResolver(ws), { root: '' });
  return { uri: 'file:///ws/.planning/codebase/CONCERNS.md', path: '.planning/codebase/CONCERNS.md', folderUri: 'file:///ws', root: '', model };
}

const at = (state: MappedLocation['state'], baseline: string | null = SHA): MappedLocation => ({
  state,
  path: 'app/auth.py',
  ranges: state === 'gone' ? [] : [{ start: 6, end: 8 }],
  writtenPath: 'app/auth.py',
  writtenRanges: [{ start: 3, end: 5 }],
  ...(baseline === null ? {} : { baseline }),
});

void test('offered for moved, changed and gone code since a full sha; not for exact, unknown, or without a baseline', () => {
  assert.equal(offersShowChanges(undefined), false);
  for (const state of ['moved', 'changed', 'gone'] as const) assert.equal(offersShowChanges(at(state)), true, state);
  for (const state of ['exact', 'unknown'] as const) assert.equal(offersShowChanges(at(state)), false, state);
  assert.equal(offersShowChanges(at('changed', null)), false, 'no baseline (written against the working tree)');
  assert.equal(offersShowChanges(at('changed', 'abc1234')), false, 'a short sha');
  assert.equal(offersShowChanges(at('changed', 'HEAD')), false);
  assert.equal(offersShowChanges(at('moved', 'a'.repeat(64))), true, 'a SHA-256 repository');
});

void test('the hovers, the quick fix and the view offer it exactly where it is offered', () => {
  const doc = indexed();
  const concern = doc.model.concerns[0]!;
  const [auth, util] = concern.references as [typeof concern.references[0], typeof concern.references[0]];
  const diagnostic: Diagnostic = { range: { start: { line: 5, character: 0 }, end: { line: 8, character: 0 } }, message: 'm', data: { concernId: concern.id, documentUri: doc.uri } };
  const read = () => ['a'];
  const linkOf = (markdown: string) => /\[Show changes since the analysis\]\(command:concerns\.showChanges\?([^ )]+)/.exec(markdown)?.[1];
  auth.location = at('exact');
  assert.equal(linkOf(concernCard(doc, concern, { reference: auth })), undefined);
  assert.equal(linkOf((referenceHover(doc, auth.range.start, read)!.contents as { value: string }).value), undefined);
  assert.equal(showChangesAction(diagnostic, doc, concern, [auth]), undefined);
  assert.equal(treeConcern(doc, concern, (f, p) => `${f}/${p}`).references[0]!.showChanges, undefined);

  auth.location = at('moved');
  // The second reference's: index 1 among the concern's references.
  util.location = { ...at('changed'), path: 'app/util.py', writtenPath: 'app/util.py' };
  const expected = [{ documentUri: doc.uri, concernId: concern.id, index: 1 }];
  assert.deepEqual(JSON.parse(decodeURIComponent(linkOf(concernCard(doc, concern, { reference: util })) ?? '')), expected);
  assert.deepEqual(JSON.parse(decodeURIComponent(linkOf((referenceHover(doc, util.range.start, read)!.contents as { value: string }).value) ?? '')), expected);
  const action = showChangesAction(diagnostic, doc, concern, [util]);
  assert.equal(action?.command?.command, 'concerns.showChanges');
  assert.deepEqual(action.command.arguments, expected);
  assert.equal(action.title, 'Show changes since the analysis: app/util.py');
  assert.deepEqual(treeConcern(doc, concern, (f, p) => `${f}/${p}`).references.map((r) => r.showChanges), [true, true]);
  // Among the card's actions on its first lines: first here (no fix field), before Mark resolved.
  const actions = concernCard(doc, concern, { reference: util }).split('\n').filter((l) => l.trim())[2]!;
  assert.match(actions, /^\[Show changes since the analysis\]\(command:concerns\.showChanges\?.*\) · \[Mark resolved\]/);
  assert.doesNotMatch(driftHoverNote(doc, concern, util), /Show changes/, 'not twice');
});

void test('by identity: the reference must be in the document and offer the action', () => {
  const doc = indexed();
  const concern = doc.model.concerns[0]!;
  concern.references[0]!.location = at('moved');
  const ok = baselineTarget([doc], { documentUri: doc.uri, concernId: concern.id, index: 0 });
  assert.ok(!('error' in ok));
  assert.equal(ok.location.writtenPath, 'app/auth.py');
  const error = (params: unknown) => {
    const r = baselineTarget([doc], params);
    assert.ok('error' in r, JSON.stringify(params));
    return r.error;
  };
  assert.match(error({ documentUri: 'file:///ws/other.md', concernId: concern.id, index: 0 }), /not indexed/);
  assert.match(error({ documentUri: doc.uri, concernId: 'nope', index: 0 }), /no longer in/);
  assert.match(error({ documentUri: doc.uri, concernId: concern.id, index: 7 }), /no longer in the concern/);
  assert.match(error({ documentUri: doc.uri, concernId: concern.id, index: '0' }), /no longer in the concern/);
  assert.match(error({ documentUri: doc.uri, concernId: concern.id, index: 0.5 }), /no longer in the concern/);
  assert.match(error({ documentUri: doc.uri, concernId: concern.id, index: 1 }), /does not know the commit/, 'no drift for it');
  concern.references[0]!.location = at('exact');
  assert.match(error({ documentUri: doc.uri, concernId: concern.id, index: 0 }), /unchanged since the analysis/);
  assert.match(error(null), /names no reference/);
  assert.match(error('src/auth.py'), /names no reference/);
});

void test('by path and sha: a full sha, a plain relative path, and only one drift mapped at that commit in that folder', () => {
  const doc = indexed();
  doc.model.concerns[0]!.references[0]!.location = at('changed');
  const folderUri = doc.folderUri;
  const ok = baselineTarget([doc], { folderUri, path: 'app/auth.py', baseline: SHA });
  assert.ok(!('error' in ok) && ok.location.baseline === SHA);
  const error = (params: unknown) => {
    const r = baselineTarget([doc], params);
    assert.ok('error' in r, JSON.stringify(params));
    return r.error;
  };
  for (const baseline of ['HEAD', 'abc1234', SHA.toUpperCase(), `${SHA}0`, `${SHA.slice(0, 39)}g`, '--output=x', 42]) assert.match(error({ folderUri, path: 'app/auth.py', baseline }), /full commit sha/, String(baseline));
  for (const path of ['../app/auth.py', '/ws/app/auth.py', 'app/../app/auth.py', './app/auth.py', 'app//auth.py', 'app\\auth.py', 'C:/app/auth.py', 'app/auth.py\n', '']) {
    assert.match(error({ folderUri, path, baseline: SHA }), /workspace-relative path/, JSON.stringify(path));
  }
  assert.match(error({ folderUri, path: 'app/other.py', baseline: SHA }), /Drift mapped no reference to app\/other\.py/, 'a file of the workspace no concern names');
  assert.match(error({ folderUri, path: 'app/auth.py', baseline: 'f'.repeat(40) }), /Drift mapped no reference/, 'another commit');
  assert.match(error({ folderUri: 'file:///elsewhere', path: 'app/auth.py', baseline: SHA }), /Drift mapped no reference/, 'another folder');
  doc.model.concerns[0]!.references[0]!.location = at('unknown');
  assert.match(error({ folderUri, path: 'app/auth.py', baseline: SHA }), /Drift mapped no reference/, 'unknown is not mapped');
  assert.equal(isPlainRelativePath('a/b c/ü.py'), true);
});

void test('reading the blob: the text at the commit, a file missing there, a deleted directory, a nested repository, the size cap, a binary', (t) => {
  const repo = GitRepo.create(t, 'concerns-baseline-text-');
  const old = repo.commit('code', { 'src/auth.py': 'def check(): pass\n', 'gone/dir/x.py': 'x = 1\n', 'big.txt': 'a'.repeat(5000), 'blob.bin': 'ab\u0000cd' });
  repo.commit('later', { 'src/auth.py': 'def check(): return True\n', 'gone/dir/x.py': null });
  const inner = new GitRepo(`${repo.root}/vendor/lib`);
  fs.mkdirSync(inner.root, { recursive: true });
  inner.git('init', '-q', '-b', 'main');
  const innerSha = inner.commit('inner', { 'mod.py': 'inner = 1\n' });
  const ws = new FsWorkspace(repo.root, true, () => undefined);
  return (async () => {
    assert.deepEqual(await readBaselineText(repo.root, ws, 'src/auth.py', old), { text: 'def check(): pass\n' });
    assert.deepEqual(await readBaselineText(repo.root, ws, 'gone/dir/x.py', old), { text: 'x = 1\n' }, 'its directory deleted since');
    assert.deepEqual(await readBaselineText(repo.root, ws, 'vendor/lib/mod.py', innerSha), { text: 'inner = 1\n' }, 'read from the repository that holds it');
    const missing = await readBaselineText(repo.root, ws, 'src/new.py', old);
    assert.ok('error' in missing && /src\/new\.py is not in commit \w{7}/.test(missing.error), JSON.stringify(missing));
    const unknownCommit = await readBaselineText(repo.root, ws, 'src/auth.py', 'f'.repeat(40));
    assert.ok('error' in unknownCommit && /shallow or partial clone/.test(unknownCommit.error), JSON.stringify(unknownCommit));
    const big = await readBaselineText(repo.root, ws, 'big.txt', old, 4096);
    assert.ok('error' in big && /big\.txt at \w{7} is 5 KB: larger than the 4 KB shown/.test(big.error), JSON.stringify(big));
    assert.deepEqual(await readBaselineText(repo.root, ws, 'big.txt', old, 5000), { text: 'a'.repeat(5000) }, 'at the cap: read');
    const binary = await readBaselineText(repo.root, ws, 'blob.bin', old);
    assert.ok('error' in binary && /binary/.test(binary.error), JSON.stringify(binary));
    const directory = await readBaselineText(repo.root, ws, 'src', old);
    assert.ok('error' in directory && /was not a file/.test(directory.error), JSON.stringify(directory));
  })();
});
