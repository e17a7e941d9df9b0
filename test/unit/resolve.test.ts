import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LineRange, Reference } from '../../server/src/core/model';
import type { WorkspaceView } from '../../server/src/core/workspace';
import { MAX_CANDIDATES, MAX_GLOB_MATCHES, ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace, type MemoryWorkspace } from './helpers/memoryWorkspace';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function fixture(): MemoryWorkspace {
  return memoryWorkspace({
    'README.md': lines(3),
    'src/app.ts': lines(10),
    'src/lib/util.ts': lines(5),
    'src/lib/deep/more.ts': lines(2),
    'src/lib/.hidden.ts': lines(1),
    'src/components/terminal.tsx': lines(40),
    'server/internal/handlers/auth.go': lines(100),
    'server/migrations/081_orchestration_kernel.sql': lines(1),
    'server/migrations/081_orchestration_kernel.down.sql': lines(1),
    'migrations/0001_init.sql': lines(1),
    'migrations/0003_add_index.sql': lines(1),
    'backend/src/app.ts': lines(20),
    'backend/src/only-backend.ts': lines(1),
    'backend/migrations/0001.sql': lines(1),
    'backend/lib/index.ts': lines(1),
    'a/index.ts': lines(1),
    'b/index.ts': lines(1),
    'apps/web/src/auth/jwt-auth.guard.ts': lines(60),
    'app/[id]/page.tsx': lines(4),
    'assets/logo.png': null,
    'docs/': '',
  });
}

function ref(path: string, extra: Partial<Reference> = {}): Reference {
  const kind = path.includes('*') ? 'glob' : path.endsWith('/') ? 'directory' : 'file';
  return {
    text: path,
    path,
    kind,
    ranges: [],
    field: 'files',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: path.length } },
    quoted: true,
    inFixField: false,
    ...extra,
  };
}

const range = (start: number, end: number, toEnd?: boolean): LineRange => (toEnd ? { start, end, toEnd } : { start, end });
const TOP = { root: '' };

function setup(): { ws: MemoryWorkspace; resolver: ReferenceResolver } {
  const ws = fixture();
  return { ws, resolver: new ReferenceResolver(ws) };
}

void test('literal file: ok, stat only, never lists files', () => {
  const { ws, resolver } = setup();
  const result = resolver.resolve(ref('src/app.ts'), TOP);
  assert.equal(result?.status, 'ok');
  assert.deepEqual(result?.matches, ['src/app.ts']);
  assert.equal(result?.kind, 'file');
  assert.equal(ws.calls.files, 0);
  assert.deepEqual(ws.statted, ['src/app.ts']);
});

void test('literal file: every stat of a document of literal paths avoids files()', () => {
  const { ws, resolver } = setup();
  const refs = ['src/app.ts', 'src/lib/util.ts', 'README.md', 'docs/', 'src/lib'].map((p) => ref(p));
  const results = resolver.resolveAll(refs, TOP);
  assert.deepEqual(results.map((r) => r?.status), ['ok', 'ok', 'ok', 'ok', 'ok']);
  assert.equal(ws.calls.files, 0);
});

void test('line ranges: inside, past the end, toEnd, unknown line count', () => {
  const { resolver } = setup();
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(1, 10)] }), TOP)?.status, 'ok');
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(3, 4), range(9, 11)] }), TOP)?.status, 'out-of-range');
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(11, 11)] }), TOP)?.status, 'out-of-range');
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(10, 10, true)] }), TOP)?.status, 'ok');
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(11, 11, true)] }), TOP)?.status, 'out-of-range');
  const outOfRange = resolver.resolve(ref('src/app.ts', { ranges: [range(50, 60)] }), TOP);
  assert.deepEqual(outOfRange?.matches, ['src/app.ts']);
  assert.equal(resolver.resolve(ref('assets/logo.png', { ranges: [range(500, 600)] }), TOP)?.status, 'ok');
});

void test('missing literal file', () => {
  const { resolver } = setup();
  const result = resolver.resolve(ref('src/gone.ts'), TOP);
  assert.equal(result?.status, 'missing');
  assert.deepEqual(result?.matches, []);
});

void test('directory: with a trailing slash, as kind, and a "file" that is a directory', () => {
  const { ws, resolver } = setup();
  const written = resolver.resolve(ref('src/lib/'), TOP);
  assert.equal(written?.status, 'ok');
  assert.deepEqual(written?.matches, ['src/lib']);
  assert.equal(resolver.resolve(ref('docs/'), TOP)?.status, 'ok');
  const asFile = resolver.resolve(ref('src/components'), TOP);
  assert.equal(asFile?.status, 'ok');
  assert.equal(asFile?.kind, 'directory');
  assert.deepEqual(asFile?.matches, ['src/components']);
  // Stats answer everything above: no file listing was needed.
  assert.equal(ws.calls.files, 0);
  assert.equal(resolver.resolve(ref('queries/'), TOP)?.status, 'missing');
});

void test('directory written from partway down: found by its whole tail, or a one-segment name by the one folder so named', () => {
  const { resolver } = setup();
  const partial = resolver.resolve(ref('internal/handlers/'), TOP);
  assert.equal(partial?.status, 'ok');
  assert.deepEqual(partial?.matches, ['server/internal/handlers']);
  // `lib/deep/` is under src/lib only; `core/handlers/` shares only its last segment with one.
  assert.deepEqual(resolver.resolve(ref('lib/deep/'), TOP)?.matches, ['src/lib/deep']);
  assert.equal(resolver.resolve(ref('core/handlers/'), TOP)?.status, 'missing');
  // `handlers/` alone: the workspace has one folder of that name, so it is that one.
  assert.deepEqual(resolver.resolve(ref('handlers/'), TOP)?.matches, ['server/internal/handlers']);
});

void test('a one-segment folder several folders are named is ambiguous, not missing; under the project first', () => {
  const ws = memoryWorkspace({ 'web/components/a.tsx': lines(1), 'api/components/b.ts': lines(1), 'web/app/dashboard/page.tsx': lines(1) });
  const resolver = new ReferenceResolver(ws);
  const got = resolver.resolve(ref('components/'), TOP);
  assert.equal(got?.status, 'ambiguous');
  assert.deepEqual(got?.candidates, ['api/components', 'web/components']);
  assert.deepEqual(resolver.resolve(ref('components/'), { root: 'web' })?.matches, ['web/components']);
  assert.deepEqual(resolver.resolve(ref('dashboard/'), TOP)?.matches, ['web/app/dashboard']);
  assert.equal(resolver.resolve(ref('reports/'), TOP)?.status, 'missing');
});

void test("a nested project's short name found only in another project is ambiguous, its candidate offered", () => {
  const ws = memoryWorkspace({ 'client/.env.example': lines(5), 'client/src/api.ts': lines(9), 'server/app.py': lines(3), 'docker-compose.yml': lines(4), 'server/src/db.py': lines(2) });
  const resolver = new ReferenceResolver(ws);
  const server = { root: 'server' };
  const env = resolver.resolve(ref('.env.example'), server);
  assert.equal(env?.status, 'ambiguous');
  assert.deepEqual(env?.matches, []);
  assert.deepEqual(env?.candidates, ['client/.env.example']);
  // Another project's file by a partial path, or a class's file there, likewise.
  assert.equal(resolver.resolve(ref('src/api.ts'), server)?.status, 'ambiguous');
  // In the project, or at the workspace root as written: found.
  assert.deepEqual(resolver.resolve(ref('db.py'), server)?.matches, ['server/src/db.py']);
  assert.deepEqual(resolver.resolve(ref('docker-compose.yml'), server)?.matches, ['docker-compose.yml']);
  // The same name from the workspace's own document is that file.
  assert.deepEqual(resolver.resolve(ref('.env.example'), TOP)?.matches, ['client/.env.example']);
});

void test('directory tail shared by two folders is ambiguous, not guessed', () => {
  const ws = memoryWorkspace({ 'web/src/common/a.ts': lines(1), 'api/src/common/b.ts': lines(1) });
  const resolver = new ReferenceResolver(ws);
  const got = resolver.resolve(ref('src/common/'), TOP);
  assert.equal(got?.status, 'ambiguous');
  assert.deepEqual(got?.candidates, ['api/src/common', 'web/src/common']);
});

void test('nested project root: relative to the project first, then the workspace root', () => {
  const { resolver } = setup();
  const backend = { root: 'backend' };
  assert.deepEqual(resolver.resolve(ref('src/app.ts'), backend)?.matches, ['backend/src/app.ts']);
  // Not in backend/: falls back to the workspace root.
  assert.deepEqual(resolver.resolve(ref('src/lib/util.ts'), backend)?.matches, ['src/lib/util.ts']);
  assert.deepEqual(resolver.resolve(ref('README.md'), backend)?.matches, ['README.md']);
  // `..` inside the workspace is fine.
  assert.deepEqual(resolver.resolve(ref('../src/app.ts'), backend)?.matches, ['src/app.ts']);
  // Ranges are checked against the file that was found (backend/src/app.ts has 20 lines).
  assert.equal(resolver.resolve(ref('src/app.ts', { ranges: [range(15, 20)] }), backend)?.status, 'ok');
  // A root written with a trailing slash or backslashes is normalised.
  assert.deepEqual(resolver.resolve(ref('src/app.ts'), { root: 'backend/' })?.matches, ['backend/src/app.ts']);
});

void test('glob: matches, ** below, dotfiles, no-match', () => {
  const { resolver } = setup();
  const sql = resolver.resolve(ref('migrations/*.sql'), TOP);
  assert.equal(sql?.status, 'ok');
  assert.deepEqual(sql?.matches, ['migrations/0001_init.sql', 'migrations/0003_add_index.sql']);
  assert.equal(sql?.truncated, undefined);
  assert.deepEqual(resolver.resolve(ref('src/lib/**/*.ts'), TOP)?.matches, ['src/lib/.hidden.ts', 'src/lib/deep/more.ts', 'src/lib/util.ts']);
  assert.deepEqual(resolver.resolve(ref('src/lib/**'), TOP)?.matches, ['src/lib/.hidden.ts', 'src/lib/deep/more.ts', 'src/lib/util.ts']);
  assert.deepEqual(resolver.resolve(ref('server/migrations/081_orchestration_kernel.*'), TOP)?.matches, [
    'server/migrations/081_orchestration_kernel.down.sql',
    'server/migrations/081_orchestration_kernel.sql',
  ]);
  assert.deepEqual(resolver.resolve(ref('src/{app,nope}.ts', { kind: 'glob' }), TOP)?.matches, ['src/app.ts']);
  const none = resolver.resolve(ref('migrations/*.py'), TOP);
  assert.equal(none?.status, 'no-match');
  assert.deepEqual(none?.matches, []);
});

void test('glob: relative to the project root, then the workspace root', () => {
  const { resolver } = setup();
  assert.deepEqual(resolver.resolve(ref('migrations/*.sql'), { root: 'backend' })?.matches, ['backend/migrations/0001.sql']);
  assert.deepEqual(resolver.resolve(ref('src/lib/*.ts'), { root: 'backend' })?.matches, ['src/lib/.hidden.ts', 'src/lib/util.ts']);
});

void test('glob: written from a sub-project, its folder is found by its tail when one folder ends so', () => {
  const ws = memoryWorkspace({
    'web/data/model_performance/a.json': '{}',
    'web/data/model_performance/b.json': '{}',
    'web/data/index.json': '{}',
    'web/js/app.js': 'x',
    'tools/js/cli.js': 'x',
    'api/src/core/x.py': 'x',
    'worker/src/core/y.py': 'y',
  });
  const resolver = new ReferenceResolver(ws);
  assert.deepEqual(resolver.resolve(ref('data/model_performance/*.json'), TOP)?.matches, ['web/data/model_performance/a.json', 'web/data/model_performance/b.json']);
  // Two folders end so: which is meant is a guess, and none is made.
  assert.equal(resolver.resolve(ref('src/core/*.py'), TOP)?.status, 'no-match');
  // One segment is too weak a hint, even when only one folder has that name.
  assert.equal(resolver.resolve(ref('data/*.json'), TOP)?.status, 'no-match');
  // Found, but nothing under it matches: no match.
  assert.equal(resolver.resolve(ref('data/model_performance/*.csv'), TOP)?.status, 'no-match');
});

void test('glob: a root with glob characters in its name is taken literally', () => {
  const ws = memoryWorkspace({ '[app]/src/x.ts': 'x', 'a/src/y.ts': 'y' });
  const resolver = new ReferenceResolver(ws);
  assert.deepEqual(resolver.resolve(ref('src/*.ts'), { root: '[app]' })?.matches, ['[app]/src/x.ts']);
});

void test('glob: Next.js style brackets that are a real name resolve literally', () => {
  const { resolver } = setup();
  const result = resolver.resolve(ref('app/[id]/page.tsx', { kind: 'glob' }), TOP);
  assert.equal(result?.status, 'ok');
  assert.deepEqual(result?.matches, ['app/[id]/page.tsx']);
});

void test('glob: braces over folders name each folder, and only when every one is there', () => {
  const resolver = new ReferenceResolver(memoryWorkspace({ 'api/orders/a.py': 'x', 'api/users/b.py': 'y', 'web/api/orders/c.py': 'z' }));
  const both = resolver.resolve(ref('api/{orders,users}', { kind: 'glob' }), TOP);
  assert.equal(both?.status, 'ok');
  assert.equal(both?.kind, 'directory');
  assert.deepEqual(both?.matches, ['api/orders', 'api/users']);
  // One of them is not there: which folders the author meant is unknown.
  assert.equal(resolver.resolve(ref('api/{orders,billing}', { kind: 'glob' }), TOP)?.status, 'no-match');
  // Braces over files stay a glob over files.
  assert.deepEqual(resolver.resolve(ref('api/{orders,users}/*.py'), TOP)?.matches, ['api/orders/a.py', 'api/users/b.py']);
  // A range of a hundred is no list of folders, even with every one there: not expanded into a hundred stats.
  const many: Record<string, string> = {};
  for (let i = 1; i <= 100; i++) many[`api/${i}/x.py`] = 'x';
  const wide = new ReferenceResolver(memoryWorkspace(many));
  assert.equal(wide.resolve(ref('api/{1..3}', { kind: 'glob' }), TOP)?.status, 'ok');
  assert.equal(wide.resolve(ref('api/{1..100}', { kind: 'glob' }), TOP)?.status, 'no-match');
});

void test('glob: capped at MAX_GLOB_MATCHES with truncated set', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < MAX_GLOB_MATCHES + 5; i++) files[`gen/f${String(i).padStart(5, '0')}.ts`] = 'x';
  const resolver = new ReferenceResolver(memoryWorkspace(files));
  const result = resolver.resolve(ref('gen/*.ts'), TOP);
  assert.equal(result?.status, 'ok');
  assert.equal(result?.matches.length, MAX_GLOB_MATCHES);
  assert.equal(result?.truncated, true);
});

void test('glob caching: one files() call for a whole document, indexes built once per array', () => {
  const { ws, resolver } = setup();
  const patterns = ['migrations/*.sql', 'src/**/*.ts', 'src/lib/*.ts', 'nope/*.x', 'migrations/*.sql', '**/*.go'];
  const results = resolver.resolveAll([...patterns, 'terminal.tsx', '/Users/x/repo/src/app.ts'].map((p) => ref(p)), TOP);
  assert.equal(results.length, 8);
  assert.equal(ws.calls.files, 1);

  // Across separate calls files() is asked once per call, but the same array is only read once.
  let reads = 0;
  const base = fixture();
  const list = base.files();
  const counted = new Proxy(list, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const view: WorkspaceView = { stat: (p) => base.stat(p), files: () => counted };
  const separate = new ReferenceResolver(view);
  separate.resolve(ref('src/**/*.ts'), TOP);
  const firstReads = reads;
  assert.ok(firstReads > 0);
  for (let i = 0; i < 50; i++) separate.resolve(ref(`src/**/*${i}.ts`), TOP);
  separate.resolve(ref('migrations/*.sql'), TOP);
  separate.resolve(ref('terminal.tsx'), TOP);
  assert.equal(reads, firstReads);
});

void test('caching follows the files() array: a changed file set is seen', () => {
  const { ws, resolver } = setup();
  assert.equal(resolver.resolve(ref('migrations/*.py'), TOP)?.status, 'no-match');
  assert.equal(resolver.resolve(ref('widget.ts'), TOP)?.status, 'missing');
  ws.set('migrations/0004.py', 'x');
  ws.set('deep/down/widget.ts', 'x');
  assert.deepEqual(resolver.resolve(ref('migrations/*.py'), TOP)?.matches, ['migrations/0004.py']);
  assert.deepEqual(resolver.resolve(ref('widget.ts'), TOP)?.matches, ['deep/down/widget.ts']);
  ws.remove('deep/down/widget.ts');
  assert.equal(resolver.resolve(ref('widget.ts'), TOP)?.status, 'missing');
});

void test('invalidate: views that mutate their array in place', () => {
  const list = ['a/x.ts'];
  const view: WorkspaceView = {
    stat: (p) => (list.includes(p) ? { type: 'file', lineCount: 1 } : undefined),
    files: () => list,
  };
  const resolver = new ReferenceResolver(view);
  assert.equal(resolver.resolve(ref('b/*.ts'), TOP)?.status, 'no-match');
  list.push('b/y.ts');
  assert.equal(resolver.resolve(ref('b/*.ts'), TOP)?.status, 'no-match');
  resolver.invalidate();
  assert.deepEqual(resolver.resolve(ref('b/*.ts'), TOP)?.matches, ['b/y.ts']);
});

void test('foreign absolute paths map by the longest existing suffix', () => {
  const { ws, resolver } = setup();
  const mac = resolver.resolve(ref('/Users/x/work/repo/src/lib/util.ts', { ranges: [range(1, 5)] }), TOP);
  assert.equal(mac?.status, 'ok');
  assert.deepEqual(mac?.matches, ['src/lib/util.ts']);
  assert.deepEqual(resolver.resolve(ref('/home/u/proj/server/internal/handlers/auth.go'), TOP)?.matches, ['server/internal/handlers/auth.go']);
  assert.deepEqual(resolver.resolve(ref('D:/proj/apps/web/src/auth/jwt-auth.guard.ts'), TOP)?.matches, ['apps/web/src/auth/jwt-auth.guard.ts']);
  // Longest suffix wins: src/app.ts (2 segments) beats the backend copy… unless the path names backend.
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/backend/src/app.ts'), TOP)?.matches, ['backend/src/app.ts']);
  // A tie is ambiguous at the workspace root, and broken by the project root.
  assert.equal(resolver.resolve(ref('/Users/x/repo/src/app.ts'), TOP)?.status, 'ambiguous');
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/src/app.ts'), { root: 'backend' })?.matches, ['backend/src/app.ts']);
  // Ranges are checked on the mapped file.
  assert.equal(resolver.resolve(ref('/Users/x/repo/src/lib/util.ts', { ranges: [range(6, 8)] }), TOP)?.status, 'out-of-range');
  // A bare file name suffix counts only when unique.
  assert.deepEqual(resolver.resolve(ref('/Users/x/other/terminal.tsx'), TOP)?.matches, ['src/components/terminal.tsx']);
  assert.equal(resolver.resolve(ref('/Users/x/other/index.ts'), TOP)?.status, 'missing');
  assert.equal(resolver.resolve(ref('/Users/x/repo/nothing.py'), TOP)?.status, 'missing');
  // Directories map too.
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/src/components/'), TOP)?.matches, ['src/components']);
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/server/internal'), TOP)?.matches, ['server/internal']);
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/components/'), TOP)?.matches, ['src/components']);
  // One name under a slash is a route as often as a folder: no reference unless it is there.
  assert.equal(resolver.resolve(ref('/components'), TOP), undefined);
  // Absolute paths never reach stat unmapped.
  assert.deepEqual(ws.badPaths, []);
  assert.ok(ws.statted.every((p) => !p.startsWith('/') && !p.includes(':')));
});

void test('foreign absolute globs map their directory part', () => {
  const { resolver } = setup();
  assert.deepEqual(resolver.resolve(ref('/Users/x/repo/server/migrations/*.sql'), TOP)?.matches, [
    'server/migrations/081_orchestration_kernel.down.sql',
    'server/migrations/081_orchestration_kernel.sql',
  ]);
  assert.equal(resolver.resolve(ref('/Users/x/elsewhere/*.sql'), TOP)?.status, 'no-match');
});

void test('short names: unique, ambiguous, missing, at the root', () => {
  const { resolver } = setup();
  const unique = resolver.resolve(ref('jwt-auth.guard.ts', { ranges: [range(10, 20)] }), TOP);
  assert.equal(unique?.status, 'ok');
  assert.deepEqual(unique?.matches, ['apps/web/src/auth/jwt-auth.guard.ts']);
  assert.equal(resolver.resolve(ref('terminal.tsx', { ranges: [range(41, 42)] }), TOP)?.status, 'out-of-range');
  assert.deepEqual(resolver.resolve(ref('0003_add_index.sql'), TOP)?.matches, ['migrations/0003_add_index.sql']);
  // At the root it is simply stat'ed.
  assert.deepEqual(resolver.resolve(ref('README.md'), TOP)?.matches, ['README.md']);

  const ambiguous = resolver.resolve(ref('index.ts'), TOP);
  assert.equal(ambiguous?.status, 'ambiguous');
  assert.deepEqual(ambiguous?.matches, []);
  assert.deepEqual(ambiguous?.candidates, ['a/index.ts', 'b/index.ts', 'backend/lib/index.ts']);
  // Within a project root the project's own copy wins.
  assert.deepEqual(resolver.resolve(ref('index.ts'), { root: 'backend' })?.matches, ['backend/lib/index.ts']);

  assert.equal(resolver.resolve(ref('nowhere.ts'), TOP)?.status, 'missing');
});

void test('ambiguous candidates are capped', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < MAX_CANDIDATES + 3; i++) files[`p${i}/index.ts`] = 'x';
  const result = new ReferenceResolver(memoryWorkspace(files)).resolve(ref('index.ts'), TOP);
  assert.equal(result?.status, 'ambiguous');
  assert.equal(result?.candidates?.length, MAX_CANDIDATES);
  assert.equal(result?.truncated, true);
});

void test('partial paths resolve by unique suffix', () => {
  const { resolver } = setup();
  assert.deepEqual(resolver.resolve(ref('handlers/auth.go'), TOP)?.matches, ['server/internal/handlers/auth.go']);
  assert.deepEqual(resolver.resolve(ref('internal/handlers/auth.go'), TOP)?.matches, ['server/internal/handlers/auth.go']);
  // Whole segments only: `lers/auth.go` is not a suffix of `handlers/auth.go`.
  assert.equal(resolver.resolve(ref('lers/auth.go'), TOP)?.status, 'missing');
  assert.equal(resolver.resolve(ref('lib/index.ts'), TOP)?.status, 'ok');
  assert.equal(resolver.resolve(ref('other/handlers/auth.go'), TOP)?.status, 'missing');
});

void test('proposed: a missing file or unmatched glob in a fix field', () => {
  const { resolver } = setup();
  const file = resolver.resolve(ref('src/new-module.ts', { inFixField: true }), TOP);
  assert.equal(file?.status, 'proposed');
  assert.deepEqual(file?.matches, []);
  assert.equal(resolver.resolve(ref('tests/*.spec.ts', { inFixField: true }), TOP)?.status, 'proposed');
  // Existing files named in a fix field are just ok.
  assert.equal(resolver.resolve(ref('src/app.ts', { inFixField: true }), TOP)?.status, 'ok');
});

void test('outside the workspace: never stat\'ed', () => {
  const { ws, resolver } = setup();
  for (const path of ['../x', '~/x', '~', '~user/.bashrc', 'a/../../x', '../../x/*.ts', '..']) {
    assert.equal(resolver.resolve(ref(path), TOP)?.status, 'outside-workspace', path);
  }
  // From a nested root, one `..` is still inside, two are not.
  assert.equal(resolver.resolve(ref('../../x'), { root: 'backend' })?.status, 'outside-workspace');
  assert.deepEqual(ws.statted, []);
  assert.equal(ws.calls.files, 0);
});

void test('unquoted references count only when they resolve', () => {
  const { resolver } = setup();
  const unquoted = { quoted: false };
  assert.equal(resolver.resolve(ref('src/app.ts', unquoted), TOP)?.status, 'ok');
  assert.equal(resolver.resolve(ref('src/app.ts', { ...unquoted, ranges: [range(99, 100)] }), TOP)?.status, 'out-of-range');
  assert.equal(resolver.resolve(ref('terminal.tsx', unquoted), TOP)?.status, 'ok');
  for (const path of ['and/or', 'index.ts', 'src/*.py', '../x', 'nope.ts']) {
    assert.equal(resolver.resolve(ref(path, unquoted), TOP), undefined, path);
  }
  // Not even as a proposal.
  assert.equal(resolver.resolve(ref('src/new.ts', { ...unquoted, inFixField: true }), TOP), undefined);
});

void test('the result keeps the reference fields', () => {
  const { resolver } = setup();
  const input = ref('src/app.ts', { field: 'issue', symbol: 'main()', ranges: [range(2, 3)] });
  const result = resolver.resolve(input, TOP);
  assert.deepEqual(result, { ...input, status: 'ok', matches: ['src/app.ts'] });
});

void test('weird input never throws and never reaches the workspace', () => {
  const { ws, resolver } = setup();
  const weird = ['', '*', '**', '/', '.', './', 'a\0b', 'x'.repeat(100_000), `${'a/'.repeat(5000)}x`, '[', '{', '{1..100000}/x', '***/[!', '?(', 'C:', '\\\\', '//', '/..', '~~'];
  for (const path of weird) {
    for (const kind of ['file', 'glob', 'directory'] as const) {
      assert.doesNotThrow(() => resolver.resolve(ref(path, { kind }), TOP), `${kind} ${JSON.stringify(path.slice(0, 20))}`);
      assert.doesNotThrow(() => resolver.resolve(ref(path, { kind, quoted: false }), { root: path }));
    }
  }
  assert.equal(resolver.resolve(ref(''), TOP)?.status, 'missing');
  assert.equal(resolver.resolve(ref('a\0b'), TOP)?.status, 'missing');
  assert.equal(resolver.resolve(ref('*'), TOP)?.status, 'ok');
  assert.deepEqual(ws.badPaths, []);
  assert.ok(ws.statted.every((p) => p.length < 2000 && !p.includes('\0')));
});

void test('a throwing workspace view costs one reference, not the document', () => {
  const view: WorkspaceView = {
    stat: () => {
      throw new Error('EIO');
    },
    files: () => {
      throw new Error('EIO');
    },
  };
  const resolver = new ReferenceResolver(view);
  assert.equal(resolver.resolve(ref('src/app.ts'), TOP)?.status, 'missing');
  assert.equal(resolver.resolve(ref('src/*.ts', { inFixField: true }), TOP)?.status, 'proposed');
});

void test('a glob never matches a symbolic link that leads outside the workspace', () => {
  const files = ['src/a.py', 'src/link.py', 'src/b.py'];
  const ws: WorkspaceView = {
    files: () => files,
    stat: (path) => (path === 'src/link.py' ? { type: 'outside' } : files.includes(path) ? { type: 'file', lineCount: 3 } : path === 'src' ? { type: 'directory' } : undefined),
  };
  const resolver = new ReferenceResolver(ws);
  assert.deepEqual(resolver.resolve(ref('src/*.py', { kind: 'glob' }), { root: '' })?.matches, ['src/a.py', 'src/b.py']);
  assert.equal(resolver.resolve(ref('src/link*.py', { kind: 'glob' }), { root: '' })?.status, 'no-match');
});

void test('a foreign absolute path whose folders hold spaces maps like the others', () => {
  const { resolver } = setup();
  const result = resolver.resolve(ref('/Users/kim/My Projects/repo app/src/lib/util.ts', { ranges: [range(2, 3)] }), TOP);
  assert.equal(result?.status, 'ok');
  assert.deepEqual(result?.matches, ['src/lib/util.ts']);
});

void test('import specifiers resolve through the bundler alias; unresolved ones are not references', () => {
  const { resolver } = setup();
  // `@/` and `~/` map into the project's src/ (or the project itself), the extension left out.
  assert.deepEqual(resolver.resolve(ref('@/lib/util'), TOP)?.matches, ['src/lib/util.ts']);
  assert.deepEqual(resolver.resolve(ref('~/components/terminal'), TOP)?.matches, ['src/components/terminal.tsx']);
  assert.deepEqual(resolver.resolve(ref('@/lib/util.ts', { ranges: [range(2, 2)] }), TOP)?.status, 'ok');
  assert.deepEqual(resolver.resolve(ref('#/app'), { root: 'backend' })?.matches, ['backend/src/app.ts']);
  // Unresolved, an alias, a scoped package or a capitalised word is never "not found": dropped.
  for (const path of ['@/lib/gone', '~/components/Gone', '@tanstack/query-core/build', 'TODO', 'VERSION']) {
    assert.equal(resolver.resolve(ref(path), TOP), undefined, path);
  }
  // ... even in a fix field, where a missing path would be "proposed".
  assert.equal(resolver.resolve(ref('@/lib/new-thing', { inFixField: true }), TOP), undefined);
  // A real home path is still outside the workspace, and a real TODO file is still found.
  assert.equal(resolver.resolve(ref('~/.config/tool/settings.json'), TOP)?.status, 'outside-workspace');
  const withTodo = new ReferenceResolver(memoryWorkspace({ TODO: 'x\n' }));
  assert.equal(withTodo.resolve(ref('TODO'), TOP)?.status, 'ok');
});

void test('a home checkout under ~/src is a home path, not an alias', () => {
  const { resolver } = setup();
  assert.equal(resolver.resolve(ref('~/src/other-repo/app.ts'), TOP)?.status, 'outside-workspace');
});

void test('a class named with its lines is the one file of its name; a build file in prose is that file, never looked up as a class', () => {
  const ws = memoryWorkspace({
    Makefile: lines(10),
    Snakefile: lines(10),
    'src/main/java/shop/OrderController.java': lines(40),
    'src/main/java/a/LedgerService.java': lines(10),
    'src/main/kotlin/b/LedgerService.kt': lines(10),
  });
  const resolver = new ReferenceResolver(ws);
  const prose = (path: string, ranges: LineRange[] = []) => resolver.resolve(ref(path, { quoted: false, ranges }), TOP);
  assert.deepEqual(prose('Makefile')?.matches, ['Makefile']);
  assert.deepEqual(prose('Snakefile')?.matches, ['Snakefile']);
  assert.deepEqual(prose('OrderController', [range(25, 25)])?.matches, ['src/main/java/shop/OrderController.java']);
  // Two files of the name, or none: not a reference at all (unknown, not "not found").
  assert.equal(prose('LedgerService', [range(3, 3)]), undefined);
  assert.equal(prose('InvoiceMailer', [range(3, 3)]), undefined);
  assert.equal(prose('Dockerfile'), undefined);
});
