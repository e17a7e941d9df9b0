// Drift on real git histories built by the tests: every scenario of issue 5.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import type { MappedLocation } from '../../server/src/core/model';
import { DriftEngine } from '../../server/src/node/git/drift';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { codeLines, GitRepo } from './helpers/gitRepo';

const DOC_PATH = '.planning/codebase/CONCERNS.md';
const text = (lines: readonly string[]) => lines.join('\n') + '\n';
const doc = (files: string, header = '') => `# Codebase Concerns\n\n${header}\n## Tech Debt\n\n**The concern:**\n- Issue: something\n- Files: ${files}\n`;

async function drift(repo: GitRepo, docText = repo.read(DOC_PATH), buffers: Record<string, string> = {}): Promise<MappedLocation[]> {
  const ws = new FsWorkspace(repo.root, true, () => undefined);
  const model = resolveDocument(parseConcernsDocument(docText), new ReferenceResolver(ws), { root: '' });
  const engine = new DriftEngine(repo.root, (rel) => buffers[rel] ?? (fs.existsSync(path.join(repo.root, rel)) ? fs.readFileSync(path.join(repo.root, rel), 'utf8') : undefined));
  const result = await engine.compute([{ path: DOC_PATH, text: docText, root: '', model }]);
  return (result.get(DOC_PATH) ?? []).map((l) => l!);
}

function setup(t: TestContext, refs: string, extra: Record<string, string> = {}) {
  const repo = GitRepo.create(t);
  const code = codeLines(60);
  repo.commit('code', { 'src/a.py': text(code), ...extra });
  const docSha = repo.commit('analysis', { [DOC_PATH]: doc(refs) });
  return { repo, code, docSha };
}

void test('lines inserted and removed above a range: it moves with the code', async (t) => {
  const { repo, code, docSha } = setup(t, '`src/a.py` (lines 30-34), `src/a.py` (line 50)');
  const next = [...code];
  next.splice(5, 0, 'import os', 'import sys', 'import re');
  next.splice(40, 2); // two lines removed between the ranges (after the first, before the second)
  repo.commit('edit', { 'src/a.py': text(next) });
  const [first, second] = await drift(repo);
  assert.equal(first!.state, 'moved');
  assert.deepEqual(first!.ranges, [{ start: 33, end: 37 }]);
  assert.equal(first!.baseline, docSha);
  assert.equal(second!.state, 'moved');
  assert.deepEqual(second!.ranges, [{ start: 51, end: 51 }]);
  assert.equal(repo.read('src/a.py').split('\n')[50], code[49]);
});

void test('an untouched range is exact; an edited one is changed', async (t) => {
  const { repo, code } = setup(t, '`src/a.py` (lines 10-12), `src/a.py` (lines 40-44)');
  const next = [...code];
  next[41] = 'fixed = hmac.compare_digest(a, b)';
  repo.commit('fix', { 'src/a.py': text(next) });
  const [a, b] = await drift(repo);
  assert.equal(a!.state, 'exact');
  assert.equal(b!.state, 'changed');
  assert.deepEqual(b!.ranges, [{ start: 40, end: 44 }]);
});

void test('a renamed file is followed to its new path; a deleted file is gone', async (t) => {
  const { repo } = setup(t, '`src/a.py` (lines 10-12), `src/b.py` (line 3)', { 'src/b.py': text(codeLines(10, 'b')) });
  fs.mkdirSync(path.join(repo.root, 'lib'));
  repo.git('mv', 'src/a.py', 'lib/core.py');
  repo.commit('rename and delete', { 'src/b.py': null });
  const [a, b] = await drift(repo);
  assert.equal(a!.state, 'moved');
  assert.equal(a!.path, 'lib/core.py');
  assert.deepEqual(a!.ranges, [{ start: 10, end: 12 }]);
  assert.equal(b!.state, 'gone');
});

void test('files named whole: followed through renames and deletes without reading them; untracked ones are unknown', async (t) => {
  const { repo } = setup(t, '`src/a.py`, `src/b.py`, `src/c.py`, `src/keep.py`, `src/later.py`, `src/a.py` (line 3)', {
    'src/b.py': text(codeLines(10, 'b')),
    'src/c.py': text(codeLines(10, 'c')),
    'src/keep.py': text(codeLines(5, 'k')),
  });
  fs.mkdirSync(path.join(repo.root, 'lib'));
  repo.git('mv', 'src/a.py', 'lib/core.py');
  repo.git('mv', 'src/c.py', 'lib/c.py');
  repo.commit('rename and delete', { 'src/b.py': null });
  repo.write('src/later.py', 'x = 1\n');
  const read: string[] = [];
  const ws = new FsWorkspace(repo.root, true, () => undefined);
  const docText = repo.read(DOC_PATH);
  const model = resolveDocument(parseConcernsDocument(docText), new ReferenceResolver(ws), { root: '' });
  const engine = new DriftEngine(
    repo.root,
    (rel) => (read.push(rel), fs.existsSync(path.join(repo.root, rel)) ? fs.readFileSync(path.join(repo.root, rel), 'utf8') : undefined),
    (rel) => fs.existsSync(path.join(repo.root, rel)),
  );
  const [a, b, c, keep, later, aLine] = (await engine.compute([{ path: DOC_PATH, text: docText, root: '', model }])).get(DOC_PATH)!;
  assert.deepEqual([a!.state, a!.path, a!.note], ['moved', 'lib/core.py', 'renamed from src/a.py']);
  assert.equal(b!.state, 'gone');
  assert.deepEqual([c!.state, c!.path], ['moved', 'lib/c.py']);
  assert.deepEqual([keep!.state, keep!.path], ['exact', 'src/keep.py']);
  assert.deepEqual([later!.state, later!.note], ['unknown', 'not in the baseline commit']);
  assert.deepEqual([aLine!.state, aLine!.path, aLine!.ranges], ['moved', 'lib/core.py', [{ start: 3, end: 3 }]]);
  // Only the file a range is cited in was read: the others needed git's index and a stat.
  assert.deepEqual([...new Set(read)], ['lib/core.py']);
});

void test('hundreds of files cited by line (read and diffed in batches): each is followed, none is mixed up with another', async (t) => {
  const repo = GitRepo.create(t);
  const n = 450;
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`src/m${i}.py`] = text(codeLines(20, `m${i}`));
  repo.commit('code', files);
  const refs = Array.from({ length: n }, (_, i) => `\`src/m${i}.py\` (line ${(i % 10) + 5})`).join(', ');
  repo.commit('analysis', { [DOC_PATH]: doc(refs) });
  // File i gets i % 3 lines inserted at its top (none, one or two): each location moves by its own amount.
  const edited: Record<string, string> = {};
  for (let i = 0; i < n; i++) edited[`src/m${i}.py`] = text([...Array.from({ length: i % 3 }, (_, k) => `# header ${k}`), ...codeLines(20, `m${i}`)]);
  repo.commit('headers', edited);
  const locations = await drift(repo);
  assert.equal(locations.length, n);
  locations.forEach((l, i) => {
    const line = (i % 10) + 5;
    assert.deepEqual([l.path, l.state, l.ranges], [`src/m${i}.py`, i % 3 === 0 ? 'exact' : 'moved', [{ start: line + (i % 3), end: line + (i % 3) }]], `reference ${i}`);
  });
});

void test('a function moved to another place in the file is found there', async (t) => {
  const fn = ['def rate_limit(request):', '    key = request.remote_addr', '    count = cache.incr(key)', '    return count > LIMIT'];
  const before = [...codeLines(10), ...fn, ...codeLines(20, 'tail')];
  const repo = GitRepo.create(t);
  repo.commit('code', { 'src/a.py': text(before) });
  repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` `rate_limit()` (lines 11-14)') });
  const after = [...codeLines(10), ...codeLines(20, 'tail'), '', ...fn];
  repo.commit('move', { 'src/a.py': text(after) });
  const [loc] = await drift(repo);
  assert.equal(loc!.state, 'moved');
  assert.deepEqual(loc!.ranges, [{ start: 32, end: 35 }]);
});

void test('a function rewritten and moved is re-anchored on the symbol written beside it', async (t) => {
  const before = [...codeLines(10), 'def get_marks(user):', '    return db.marks(user)', ...codeLines(10, 'tail')];
  const repo = GitRepo.create(t);
  repo.commit('code', { 'src/a.py': text(before) });
  repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` `get_marks()` (lines 11-12)') });
  const after = [...codeLines(10), ...codeLines(10, 'tail'), 'def get_marks(user, term):', '    rows = db.marks(user, term)', '    return rows'];
  repo.commit('rewrite', { 'src/a.py': text(after) });
  const [loc] = await drift(repo);
  assert.equal(loc!.state, 'changed');
  assert.deepEqual(loc!.ranges, [{ start: 21, end: 22 }]);
});

void test('a rebase: the document keeps its author date, the baseline is the code it was written on', async (t) => {
  const repo = GitRepo.create(t);
  const code = codeLines(40);
  const base = repo.commit('code', { 'src/a.py': text(code) });
  repo.git('checkout', '-q', '-b', 'analysis');
  repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` (lines 20-22)') });
  repo.git('checkout', '-q', 'main');
  repo.commit('upstream inserts above', { 'src/a.py': text(['"""Module docstring."""', '', ...code]) });
  repo.git('checkout', '-q', 'analysis');
  repo.tick();
  repo.git('rebase', '-q', 'main');
  const [loc] = await drift(repo);
  assert.equal(loc!.baseline, base);
  assert.equal(loc!.state, 'moved');
  assert.deepEqual(loc!.ranges, [{ start: 22, end: 24 }]);
});

void test('uncommitted edits: staged, in the working tree, and in an unsaved buffer', async (t) => {
  const { repo, code } = setup(t, '`src/a.py` (lines 30-31)');
  const staged = ['# header', ...code];
  repo.write('src/a.py', text(staged));
  repo.git('add', 'src/a.py');
  const worktree = ['# one more', ...staged];
  repo.write('src/a.py', text(worktree));
  let [loc] = await drift(repo);
  assert.deepEqual(loc!.ranges, [{ start: 32, end: 33 }]);
  const buffer = ['# unsaved', ...worktree];
  [loc] = await drift(repo, undefined, { 'src/a.py': text(buffer) });
  assert.deepEqual(loc!.ranges, [{ start: 33, end: 34 }]);
  buffer[32] = 'edited in the buffer';
  [loc] = await drift(repo, undefined, { 'src/a.py': text(buffer) });
  assert.equal(loc!.state, 'changed');
});

void test('a document added later than the code: its own commit is the baseline', async (t) => {
  const repo = GitRepo.create(t);
  const code = codeLines(40);
  repo.commit('code', { 'src/a.py': text(code) });
  repo.commit('more code', { 'src/a.py': text(['import os', ...code]) });
  const docSha = repo.commit('analysis', { [DOC_PATH]: doc('`src/a.py` (lines 21-22)', '**Analysis Date:** 2025-01-01') });
  const [loc] = await drift(repo);
  assert.equal(loc!.baseline, docSha);
  assert.equal(loc!.state, 'exact');
});

void test('a commit named in the document wins; an uncommitted document uses HEAD', async (t) => {
  const repo = GitRepo.create(t);
  const code = codeLines(40);
  const first = repo.commit('code', { 'src/a.py': text(code) });
  repo.commit('insert', { 'src/a.py': text(['a', 'b', ...code]) });
  const named = doc('`src/a.py` (lines 10-11)', `**Analysis Date:** 2025-01-02 (commit ${first.slice(0, 10)})`);
  repo.write(DOC_PATH, named);
  let [loc] = await drift(repo);
  assert.equal(loc!.baseline, first);
  assert.deepEqual(loc!.ranges, [{ start: 12, end: 13 }]);
  repo.write(DOC_PATH, doc('`src/a.py` (lines 10-11)'));
  [loc] = await drift(repo);
  assert.equal(loc!.state, 'exact');
  assert.equal(loc!.baseline, repo.git('rev-parse', 'HEAD').trim());
});

void test('no repository: no locations (unknown)', async (t) => {
  const repo = GitRepo.create(t);
  fs.rmSync(path.join(repo.root, '.git'), { recursive: true, force: true });
  repo.write('src/a.py', text(codeLines(5)));
  repo.write(DOC_PATH, doc('`src/a.py` (line 2)'));
  assert.deepEqual(await drift(repo), []);
});

void test('a reference rewritten after its code changed (uncommitted) is read against the working tree, not HEAD', async (t) => {
  const { repo, code } = setup(t, '`src/a.py` (lines 30-34)');
  // The code moves down two lines without a commit; the document is updated to match, unsaved.
  const next = [...code];
  next.splice(0, 0, 'import os', 'import sys');
  repo.write('src/a.py', text(next));
  const updated = repo.read(DOC_PATH).replace('(lines 30-34)', '(lines 32-36)');
  const [location] = await drift(repo, updated);
  assert.equal(location!.state, 'exact');
  assert.deepEqual(location!.ranges, [{ start: 32, end: 36 }]);
  // The committed line still maps from its commit: the same code, moved.
  const [committed] = await drift(repo);
  assert.equal(committed!.state, 'moved');
  assert.deepEqual(committed!.ranges, [{ start: 32, end: 36 }]);
});
