// The file index: look-ups against brute force over the same paths, and an index updated in
// place by creates and deletes against one built fresh from the final list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Reference } from '../../server/src/core/model';
import { FileIndex } from '../../server/src/core/resolve/fileIndex';
import { minimatch } from 'minimatch';
import { GlobMatcher, splitGlob } from '../../server/src/core/resolve/glob';
import { endsWithSegments, tail2 } from '../../server/src/core/resolve/paths';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import type { WorkspaceView } from '../../server/src/core/workspace';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { GitRepo } from './helpers/gitRepo';
import { tempWorkspace } from './helpers/tempWorkspace';

/** A seeded generator (mulberry32): a failure names its seed and replays. */
function rng(seed: number): { int: (n: number) => number; pick: <T>(list: readonly T[]) => T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (list) => list[int(list.length)]! };
}

// Segments chosen to collide: shared names in many directories, names that prefix others, the
// characters either side of `/` in code-unit order, and non-ASCII (astral against U+E000-U+FFFF,
// where UTF-8 byte order and code-unit order differ).
const DIRS = ['a', 'b', 'src', 'src-x', 'src0', 'lib', 'a.b', 'é', '\u{1F600}', '\uE000', 'deep'];
const NAMES = ['index.ts', 'index.tsx', 'a', 'b.ts', 'x-y.ts', 'x0.ts', 'x.ts', 'README.md', 'é.ts', '\u{1F600}.ts', '\uE000.ts', 'ünïcode-long-file-name.py'];

function randomPath(r: ReturnType<typeof rng>): string {
  const depth = r.int(4);
  const segments = Array.from({ length: depth }, () => r.pick(DIRS));
  return [...segments, r.pick(NAMES)].join('/');
}

const sorted = (paths: Iterable<string>): string[] => [...paths].sort();

function dirsOf(files: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const file of files) for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) dirs.add(file.slice(0, slash));
  return sorted(dirs);
}

function commonTail(pathText: string, segments: readonly string[]): number {
  const parts = pathText.split('/');
  let n = 0;
  while (n < parts.length && n < segments.length && parts[parts.length - 1 - n] === segments[segments.length - 1 - n]) n++;
  return n;
}

/** The definition of `longestTail`, by brute force over every path. */
function bruteLongestTail(paths: readonly string[], segments: readonly string[], allowBareName: boolean): string[] {
  const name = segments[segments.length - 1]!;
  if (segments.length >= 2) {
    const key = `${segments[segments.length - 2]!}/${name}`;
    const bucket = sorted(paths.filter((p) => tail2(p) === key));
    const best = Math.max(0, ...bucket.map((p) => commonTail(p, segments)));
    if (bucket.length > 0) return bucket.filter((p) => commonTail(p, segments) === best);
  }
  if (!allowBareName) return [];
  const bare = paths.filter((p) => p.slice(p.lastIndexOf('/') + 1) === name);
  return bare.length === 1 ? bare : [];
}

/** Every look-up of `index` against brute force over `files`. */
function assertMatches(index: FileIndex, files: ReadonlySet<string>, r: ReturnType<typeof rng>, label: string): void {
  const all = sorted(files);
  const dirs = dirsOf(files);
  assert.equal(index.size, files.size, `${label}: size`);
  assert.deepEqual(index.sorted(), all, `${label}: sorted`);
  for (let k = 0; k < 12; k++) {
    const probe = randomPath(r);
    assert.equal(index.has(probe), files.has(probe), `${label}: has ${probe}`);
    const parts = probe.split('/');
    for (let from = 0; from < parts.length; from++) {
      const suffix = parts.slice(from).join('/');
      assert.deepEqual(index.endingWith(suffix), all.filter((p) => endsWithSegments(p, suffix)), `${label}: endingWith ${suffix}`);
    }
    const foreign = ['Users', 'x', ...parts];
    assert.deepEqual(index.longestFileTail(foreign), bruteLongestTail(all, foreign, true), `${label}: file tail ${probe}`);
    const dirSegments = ['home', ...parts.slice(0, -1)];
    for (const bare of [true, false]) {
      assert.deepEqual(index.longestDirTail(dirSegments, bare), bruteLongestTail(dirs, dirSegments, bare), `${label}: dir tail ${probe} ${bare}`);
    }
    const prefix = `${parts.slice(0, -1).join('/')}${parts.length > 1 ? '/' : ''}`;
    const under: string[] = [];
    index.forEachUnder(prefix, (p) => {
      under.push(p);
    });
    assert.deepEqual(under, all.filter((p) => p.startsWith(prefix)), `${label}: under ${prefix}`);
  }
}

void test('file index: look-ups equal brute force, and an index updated in place equals a fresh one', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const files = new Set<string>();
    for (let i = 0, n = r.int(60); i < n; i++) files.add(randomPath(r));
    // Listings come sorted (git) or not (the slow path): both must give the same index.
    const shuffled = [...files].sort(() => r.int(3) - 1);
    const index = seed % 2 === 0 ? FileIndex.fromList(sorted(files)) : FileIndex.fromList(shuffled);
    assertMatches(index, files, r, `seed ${seed} built`);
    for (let step = 0; step < 60; step++) {
      const op = r.int(10);
      if (op < 5) {
        const p = randomPath(r);
        assert.equal(index.add(p), !files.has(p), `seed ${seed}: add ${p}`);
        files.add(p);
      } else if (op < 9) {
        const p = files.size > 0 && r.int(4) > 0 ? r.pick([...files]) : randomPath(r);
        assert.equal(index.remove(p), files.delete(p), `seed ${seed}: remove ${p}`);
      } else {
        const dir = r.pick(DIRS.concat(['a/b', 'src/deep', 'nothing']));
        const below = [...files].filter((p) => p.startsWith(`${dir}/`));
        for (const p of below) files.delete(p);
        assert.equal(index.removeUnder(dir), below.length, `seed ${seed}: removeUnder ${dir}`);
      }
      if (step % 6 === 5) {
        assertMatches(index, files, r, `seed ${seed} step ${step}`);
        assert.deepEqual(index.sorted(), FileIndex.fromList([...files]).sorted(), `seed ${seed} step ${step}: fresh`);
      }
    }
  }
});

void test('file index: thousands of creates and deletes (rebuilds on the way) stay equal to a fresh index', () => {
  const r = rng(7);
  const files = new Set<string>();
  const name = (i: number): string => `p${i % 37}/m${i % 101}/f${i}.ts`;
  for (let i = 0; i < 3000; i++) files.add(name(i));
  const index = FileIndex.fromList(sorted(files));
  // A branch switch: 12,000 files added, most of the listed ones deleted, in batches.
  for (let i = 3000; i < 15000; i++) {
    index.add(name(i));
    files.add(name(i));
    if (i % 3 === 0) {
      const gone = name(r.int(i));
      assert.equal(index.remove(gone), files.delete(gone));
    }
  }
  assertMatches(index, files, r, 'after churn');
  // From nothing: every table grows (and rehashes) many times over.
  const grown = FileIndex.fromList([]);
  const many = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const p = `g${i % 7}/d${i % 1999}/${r.pick(NAMES)}`;
    assert.equal(grown.add(p), !many.has(p));
    many.add(p);
  }
  assertMatches(grown, many, r, 'grown from empty');
  for (const p of many) assert.ok(grown.has(p), p);
  assert.deepEqual(grown.longestDirTail(['x', 'g3', 'd10'], true), ['g3/d10']);
  assert.deepEqual(index.endingWith('m5/f5.ts'), files.has('p5/m5/f5.ts') ? ['p5/m5/f5.ts'] : []);
});

void test('file index from bytes: unsorted, duplicated, empty and non-ASCII entries; the limit', () => {
  const text = ['b/x.ts', 'a/é.ts', '', 'a/é.ts', 'a/\u{1F600}.ts', 'a/\uE000.ts', 'z', 'a//bad.ts', 'dir/'].join('\0');
  const index = FileIndex.fromBytes(new TextEncoder().encode(text));
  assert.deepEqual(index.sorted(), ['a/é.ts', 'a/\u{1F600}.ts', 'a/\uE000.ts', 'b/x.ts', 'z']);
  assert.deepEqual(index.endingWith('é.ts'), ['a/é.ts']);
  assert.deepEqual(index.endingWith('a/\uE000.ts'), ['a/\uE000.ts']);
  // git's order (UTF-8 bytes) puts U+E000 before an astral character; code-unit order does not.
  const gitOrder = FileIndex.fromBytes(new TextEncoder().encode('k/\uE000\0k/\u{1F600}\0'));
  assert.deepEqual(gitOrder.sorted(), ['k/\u{1F600}', 'k/\uE000']);
  const limited = FileIndex.fromBytes(new TextEncoder().encode('a\0b\0c\0'), 2);
  assert.deepEqual(limited.sorted(), ['a', 'b']);
  assert.deepEqual(FileIndex.fromList([]).sorted(), []);
});

void test('file index: glob results follow creates and deletes under their base only', () => {
  const index = FileIndex.fromList(['src/a.ts', 'src/b.ts', 'lib/c.ts']);
  const globs = new GlobMatcher();
  const split = { base: 'src', rest: '*.ts' };
  const first = globs.match(index, split);
  assert.deepEqual(first.matches, ['src/a.ts', 'src/b.ts']);
  index.add('lib/d.ts');
  assert.equal(globs.match(index, split), first, 'a change elsewhere keeps the cached result');
  index.add('src/c.ts');
  assert.deepEqual(globs.match(index, split).matches, ['src/a.ts', 'src/b.ts', 'src/c.ts']);
  index.remove('src/a.ts');
  assert.deepEqual(globs.match(index, split).matches, ['src/b.ts', 'src/c.ts']);
  assert.deepEqual(globs.match(index, { base: '', rest: '**/d.ts' }).matches, ['lib/d.ts']);
  index.remove('lib/d.ts');
  assert.deepEqual(globs.match(index, { base: '', rest: '**/d.ts' }).matches, []);
});

void test('globs: the name pre-test never loses a match (against minimatch over every file)', () => {
  const r = rng(5);
  const files = new Set<string>(['.hidden', 'a/.hidden', 'src/x.js', 'src/lib/y.jsx']);
  for (let i = 0; i < 300; i++) files.add(randomPath(r));
  // Half listed, half created since: both kinds of file go through the name pre-test.
  const all = [...files];
  const index = FileIndex.fromList(all.slice(0, 150));
  for (const file of all.slice(150)) index.add(file);
  const patterns = ['**/*.ts', '*/index.ts', 'src/**/x*.ts', '**/{a,b}.ts', 'a/**', '**/*.[jt]s', '**/?.ts', '**/!(x).ts', '**/.hidden', '*', 'src/*', '**/*.{js,jsx}', 'src/**', '**/é*', '**/x\\-y.ts', 'deep/**/README.md'];
  for (const pattern of patterns) {
    const split = splitGlob('', pattern)!;
    const expected = sorted(files).filter((f) => minimatch(f, pattern, { dot: true, nocomment: true, nonegate: true, platform: 'linux' }));
    assert.deepEqual(new GlobMatcher().match(index, split).matches, expected, pattern);
  }
});

void test('resolver over a view that keeps its own index: in-place updates are seen when the generation moves', () => {
  const r = rng(99);
  const files = new Set<string>();
  for (let i = 0; i < 80; i++) files.add(randomPath(r));
  const index = FileIndex.fromList([...files]);
  let generation = 0;
  let listed = 0;
  const stat = (p: string): ReturnType<WorkspaceView['stat']> =>
    files.has(p) ? { type: 'file', lineCount: 10 } : [...files].some((f) => f.startsWith(`${p}/`)) ? { type: 'directory' } : undefined;
  const view: WorkspaceView = {
    stat,
    files: () => {
      listed++;
      return index.sorted();
    },
    fileIndex: () => index,
    generation: () => generation,
  };
  const resolver = new ReferenceResolver(view);
  const refs: Reference[] = [...NAMES, 'src/*.ts', '**/index.ts', 'a/**', '/Users/x/repo/a/b/index.ts', '/Users/x/repo/src/deep/', 'deep/x.ts'].map((text) => ({
    text,
    path: text,
    kind: text.includes('*') ? 'glob' : text.endsWith('/') ? 'directory' : 'file',
    ranges: [],
    field: 'files',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } },
    quoted: true,
    inFixField: false,
  }));
  for (let step = 0; step < 30; step++) {
    for (let k = 0; k < 5; k++) {
      const p = r.int(2) === 0 ? randomPath(r) : r.pick([...files]);
      if (files.has(p)) {
        files.delete(p);
        index.remove(p);
      } else {
        files.add(p);
        index.add(p);
      }
    }
    generation++;
    const fresh = new ReferenceResolver({ stat, files: () => sorted(files) });
    assert.deepEqual(resolver.resolveAll(refs, { root: '' }), fresh.resolveAll(refs, { root: '' }), `step ${step}`);
  }
  assert.equal(listed, 0, 'the index is used, files() is never asked for');
});

void test('FsWorkspace: watcher events update the index in place and bump the generation', (t) => {
  const root = tempWorkspace(t, { 'src/a.ts': 'a\n', 'src/lib/b.ts': 'b\n', 'README.md': '' });
  const ws = new FsWorkspace(root, false, () => undefined);
  assert.deepEqual(ws.files(), ['README.md', 'src/a.ts', 'src/lib/b.ts']);
  const index = ws.fileIndex();
  const generation = ws.generation();

  fs.writeFileSync(path.join(root, 'src/c.ts'), '');
  assert.equal(ws.applyChanges([{ rel: 'src/c.ts', kind: 'created' }]), true);
  assert.ok(ws.generation() > generation);
  assert.equal(ws.fileIndex(), index, 'the same index, updated');
  assert.deepEqual(ws.files(), ['README.md', 'src/a.ts', 'src/c.ts', 'src/lib/b.ts']);

  // A deleted directory takes its files with it; a changed file keeps the set.
  fs.rmSync(path.join(root, 'src/lib'), { recursive: true });
  const before = ws.generation();
  assert.equal(ws.applyChanges([{ rel: 'src/lib', kind: 'deleted' }]), true);
  assert.deepEqual(ws.files(), ['README.md', 'src/a.ts', 'src/c.ts']);
  assert.equal(ws.stat('src/lib/b.ts'), undefined);
  assert.equal(ws.applyChanges([{ rel: 'src/a.ts', kind: 'changed' }]), false);
  assert.ok(ws.generation() > before);

  // An empty directory created changes nothing; one moved in with files is listed again.
  fs.mkdirSync(path.join(root, 'empty'));
  ws.applyChanges([{ rel: 'empty', kind: 'created' }]);
  assert.equal(ws.fileIndex(), index);
  fs.mkdirSync(path.join(root, 'moved/in'), { recursive: true });
  fs.writeFileSync(path.join(root, 'moved/in/x.ts'), '');
  ws.applyChanges([{ rel: 'moved', kind: 'created' }]);
  assert.deepEqual(ws.files(), ['README.md', 'moved/in/x.ts', 'src/a.ts', 'src/c.ts']);

  // A created file that is gone again by the time the batch is applied is not added.
  ws.applyChanges([{ rel: 'src/ghost.ts', kind: 'created' }]);
  assert.equal(ws.fileIndex().has('src/ghost.ts'), false);
});

void test('FsWorkspace in a git repository: the index from git first, then only the untracked files join', async (t) => {
  const repo = GitRepo.create(t, 'concerns-index-');
  repo.commit('tracked', { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', '.gitignore': 'ignored/\n' });
  repo.write('src/new.ts', 'n\n');
  repo.write('ignored/x.ts', 'x\n');
  const ws = new FsWorkspace(repo.root, true, () => undefined);
  const added = new Promise<void>((resolve) => (ws.onFilesAdded = resolve));
  const generation = ws.generation();
  assert.deepEqual(ws.files(), ['.gitignore', 'src/a.ts', 'src/b.ts']);
  // Untracked files are listed when the server says so (after its first index reached the editor).
  assert.equal(typeof ws.listUntracked, 'function');
  ws.listUntracked!();
  assert.equal(ws.listUntracked, undefined, 'listed once');
  await added;
  assert.deepEqual(ws.files(), ['.gitignore', 'src/a.ts', 'src/b.ts', 'src/new.ts']);
  assert.ok(ws.generation() > generation);
  // Listed again after a reset: tracked and untracked at once, in order.
  ws.reset();
  assert.deepEqual(ws.files(), ['.gitignore', 'src/a.ts', 'src/b.ts', 'src/new.ts']);
  assert.equal(ws.listUntracked, undefined, 'nothing left to list');
});

void test('FsWorkspace.leadsOutside agrees with stat on links, below links and plain files, and follows watcher events', (t) => {
  const outside = tempWorkspace(t, { 'secret.py': 's\n', 'dir/inner.py': 'i\n' }, 'concerns-outside-');
  const root = tempWorkspace(t, { 'src/a.py': 'a\n', 'src/b.py': 'b\n', 'top.py': 't\n' });
  fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'src/link.py'));
  fs.symlinkSync(path.join(root, 'src/a.py'), path.join(root, 'src/inner-link.py'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked'));
  const ws = new FsWorkspace(root, false, () => undefined);
  const expected = (rel: string) => new FsWorkspace(root, false, () => undefined).stat(rel)?.type === 'outside';
  const paths = ['src/a.py', 'src/b.py', 'top.py', 'src/link.py', 'src/inner-link.py', 'linked/inner.py', 'src/gone.py', 'nowhere/x.py'];
  for (const rel of paths) assert.equal(ws.leadsOutside(rel), expected(rel), rel);
  assert.deepEqual(paths.filter((rel) => ws.leadsOutside(rel)), ['src/link.py', 'linked/inner.py']);

  // A plain file replaced by a link out, and a link out replaced by a plain file: the cached
  // listing of the directory follows the watcher's events.
  fs.rmSync(path.join(root, 'src/b.py'));
  fs.symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'src/b.py'));
  fs.rmSync(path.join(root, 'src/link.py'));
  fs.writeFileSync(path.join(root, 'src/link.py'), 'now plain\n');
  ws.applyChanges([
    { rel: 'src/b.py', kind: 'changed' },
    { rel: 'src/link.py', kind: 'changed' },
  ]);
  assert.equal(ws.leadsOutside('src/b.py'), true);
  assert.equal(ws.leadsOutside('src/link.py'), false);
});
