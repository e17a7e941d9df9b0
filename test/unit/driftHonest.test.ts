// Drift that knows what it does not know, on real repositories built by the tests: a shallow
// clone, an object missing or damaged, code moved out, deleted, re-indented or reflowed, two
// repositories in one folder, a document naming its commit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { MappedLocation } from '../../server/src/core/model';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { DriftEngine } from '../../server/src/node/git/drift';
import { readCodeText } from '../../server/src/node/workspaceFile';
import { codeLines, GitRepo, repoWithCodeMovedDown } from './helpers/gitRepo';
import { deleteObject } from './helpers/hostileRepo';
import { tempDir } from './helpers/tempWorkspace';

const DOC_PATH = '.planning/codebase/CONCERNS.md';
const text = (lines: readonly string[]) => lines.join('\n') + '\n';
const doc = (files: string, header = '') => `# Codebase Concerns\n\n${header}\n## Tech Debt\n\n**The concern:**\n- Issue: something\n- Files: ${files}\n`;

/** Drift of the documents of `folder` (workspace-relative path → project root), with what was logged. */
async function driftIn(folder: string, docs: Record<string, string> = { [DOC_PATH]: '' }): Promise<{ locations: Map<string, MappedLocation[]>; logged: string[] }> {
  const ws = new FsWorkspace(folder, true, () => undefined);
  const logged: string[] = [];
  const engine = new DriftEngine(folder, (rel) => readCodeText(folder, path.join(folder, rel)), undefined, (m) => logged.push(m));
  const inputs = Object.entries(docs).map(([docPath, root]) => {
    const docText = fs.readFileSync(path.join(folder, docPath), 'utf8');
    return { path: docPath, text: docText, root, model: resolveDocument(parseConcernsDocument(docText), new ReferenceResolver(ws), { root }) };
  });
  const result = await engine.compute(inputs);
  const locations = new Map<string, MappedLocation[]>();
  for (const [key, list] of result) locations.set(key, list.map((l) => l!));
  return { locations, logged };
}

async function drift(root: string): Promise<MappedLocation[]> {
  return (await driftIn(root)).locations.get(DOC_PATH) ?? [];
}

/** Code at lines 1-10, then the analysis naming lines 12-14, then three lines inserted at the top. */
function movedHistory(t: TestContext, header = (_sha: string) => ''): { repo: GitRepo; analysis: string } {
  const repo = GitRepo.create(t);
  const code = codeLines(30);
  const base = repo.commit('code', { 'src/a.py': text(code) });
  const analysis = repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` (lines 12-14)', header(base)) });
  repo.commit('insert above', { 'src/a.py': text(['import os', 'import sys', 'import re', ...code]) });
  return { repo, analysis };
}

function shallowClone(t: TestContext, source: GitRepo): string {
  const target = path.join(tempDir(t, 'concerns-shallow-'), 'clone');
  source.git('clone', '-q', '--depth', '1', `file://${source.root}`, target);
  return target;
}

void test('a shallow clone: the baseline is outside the history there is; unknown, with how to get it, logged once', async (t) => {
  const { repo } = movedHistory(t);
  const [full] = await drift(repo.root);
  assert.equal(full!.state, 'moved', 'with the whole history it is followed');
  const clone = shallowClone(t, repo);
  const { locations, logged } = await driftIn(clone);
  const [loc] = locations.get(DOC_PATH)!;
  assert.deepEqual([loc!.state, loc!.note], ['unknown', 'history not available: shallow clone']);
  assert.deepEqual(loc!.ranges, [{ start: 12, end: 14 }], 'the lines as written');
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /shallow clone.*git fetch --unshallow/);
});

void test('a shallow clone with the document naming a commit that is not there: unknown; one that is there: followed', async (t) => {
  const { repo } = movedHistory(t, (base) => `**Commit:** ${base}\n`);
  const clone = shallowClone(t, repo);
  const [loc] = await drift(clone);
  assert.deepEqual([loc!.state, loc!.note], ['unknown', 'history not available: shallow clone']);
  // Named HEAD, which the clone has: followed from it (nothing changed since).
  const head = repo.git('rev-parse', 'HEAD').trim();
  fs.writeFileSync(path.join(clone, DOC_PATH), doc('`src/a.py` (lines 15-17)', `**Commit:** ${head}\n`));
  const [named] = await drift(clone);
  assert.deepEqual([named!.state, named!.baseline, named!.ranges], ['exact', head, [{ start: 15, end: 17 }]]);
});

void test('an object missing from the store: unknown (object missing), never "unchanged"', async (t) => {
  const { repo, analysis } = movedHistory(t);
  deleteObject(repo, repo.git('rev-parse', `${analysis}:src/a.py`).trim());
  const [loc] = await drift(repo.root);
  assert.deepEqual([loc!.state, loc!.note], ['unknown', 'object missing']);
});

void test('a damaged object: unknown (object damaged)', async (t) => {
  const { repo, analysis } = movedHistory(t);
  const oid = repo.git('rev-parse', `${analysis}:src/a.py`).trim();
  const file = path.join(repo.root, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, Buffer.from('not a zlib stream at all'));
  const [loc] = await drift(repo.root);
  assert.equal(loc!.state, 'unknown');
  assert.match(loc!.note ?? '', /^(?:object damaged|object missing|git failed: .+)$/);
});

const FN = ['def rate_limit(request):', '    key = request.remote_addr', '    count = cache.incr(key)', '    return count > LIMIT'];

function fnHistory(t: TestContext, after: readonly string[], extra: Record<string, string> = {}): GitRepo {
  const repo = GitRepo.create(t);
  repo.commit('code', { 'src/a.py': text([...codeLines(10), ...FN, ...codeLines(20, 'tail')]) });
  repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` (lines 11-14)') });
  repo.commit('change', { 'src/a.py': text(after), ...extra });
  return repo;
}

void test('a function moved to another file, other code in its place: changed, on the file as a whole, not on the other code', async (t) => {
  const other = ['def unrelated(x):', '    y = transform(x)', '    z = y * 2', '    return z'];
  const repo = fnHistory(t, [...codeLines(10), ...other, ...codeLines(20, 'tail')], { 'src/limits.py': text(FN) });
  const [loc] = await drift(repo.root);
  assert.equal(loc!.state, 'changed');
  assert.equal(loc!.onFile, true);
  assert.deepEqual(loc!.ranges, []);
  assert.deepEqual(loc!.writtenRanges, [{ start: 11, end: 14 }]);
});

void test('a function deleted: gone; one edited on a line: changed on its lines', async (t) => {
  const deleted = fnHistory(t, [...codeLines(10), ...codeLines(20, 'tail')]);
  const [gone] = await drift(deleted.root);
  assert.equal(gone!.state, 'gone');
  const edited = fnHistory(t, [...codeLines(10), FN[0]!, FN[1]!, '    count = cache.incr(key, ttl=60)', FN[3]!, ...codeLines(20, 'tail')]);
  const [changed] = await drift(edited.root);
  assert.deepEqual([changed!.state, changed!.onFile, changed!.ranges], ['changed', undefined, [{ start: 11, end: 14 }]]);
});

void test('re-indented code (wrapped in a class) and reflowed code are not changed', async (t) => {
  const indented = fnHistory(t, [...codeLines(10), 'class Limits:', ...FN.map((l) => `    ${l}`), ...codeLines(20, 'tail')]);
  const [moved] = await drift(indented.root);
  assert.deepEqual([moved!.state, moved!.ranges], ['moved', [{ start: 12, end: 15 }]]);
  const reflowed = fnHistory(t, [...codeLines(10), FN[0]!, '    key = request.remote_addr', '    count = cache.incr(', '        key', '    )', FN[3]!, ...codeLines(20, 'tail')]);
  const [same] = await drift(reflowed.root);
  assert.ok(same!.state === 'exact' || same!.state === 'moved', `reflowed: ${same!.state} (${same!.note ?? ''})`);
  assert.equal(same!.ranges[0]!.start, 11);
});

void test('two repositories in one folder: each document is followed in the repository that holds it', async (t) => {
  const folder = tempDir(t, 'concerns-two-repos-');
  const expected: Record<string, number> = {};
  for (const [name, inserted] of [['api', 2], ['web', 5]] as const) {
    repoWithCodeMovedDown(path.join(folder, name), name, inserted, DOC_PATH, doc('`src/main.py` (lines 10-12)'));
    expected[name] = 10 + inserted;
  }
  const { locations } = await driftIn(folder, { [`api/${DOC_PATH}`]: 'api', [`web/${DOC_PATH}`]: 'web' });
  for (const name of ['api', 'web']) {
    const [loc] = locations.get(`${name}/${DOC_PATH}`)!;
    assert.deepEqual([loc!.state, loc!.path, loc!.ranges[0]!.start], ['moved', `${name}/src/main.py`, expected[name]], name);
  }
});
