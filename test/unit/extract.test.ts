import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { LineRange, ReferenceKind } from '../../server/src/core/model';
import { extractReferences, parseLineSpec } from '../../server/src/core/extract/references';
import { isBareFolderName, isSpeculative } from '../../server/src/core/extract/speculative';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

/** What a test expects of one reference; `text` is `input.slice(start, end)`. */
interface Expected {
  path: string;
  text: string;
  kind?: ReferenceKind;
  ranges?: LineRange[];
  quoted?: boolean;
  symbol?: string;
}

const L = (start: number, end = start, toEnd = false): LineRange => (toEnd ? { start, end, toEnd } : { start, end });

function check(input: string, expected: Expected[]): void {
  // A bare name (`save`) is a candidate the resolver keeps only for a folder of that name; the
  // cases here are about paths, so such candidates count only where a case names them.
  const found = extractReferences(input).filter((r) => !(r.kind === 'directory' && isBareFolderName(r.path)) || expected.some((e) => e.path === r.path));
  const actual = found.map((r) => {
    const e: Expected = { path: r.path, text: input.slice(r.start, r.end), kind: r.kind, ranges: r.ranges, quoted: r.quoted };
    if (r.symbol !== undefined) e.symbol = r.symbol;
    return e;
  });
  const wanted = expected.map((e) => {
    const w: Expected = { kind: 'file', ranges: [], quoted: true, ...e };
    if (e.symbol === undefined) delete w.symbol;
    return w;
  });
  assert.deepEqual(actual, wanted, input);
}

// ---------------------------------------------------------------------------------------------
// Positives: one case per written variant.

const positives: [string, string, Expected[]][] = [
  ['backticked path', 'Files: `billing/invoice.py`', [{ path: 'billing/invoice.py', text: '`billing/invoice.py`' }]],
  ['glob', 'See `lib/**/*.ts` for all', [{ path: 'lib/**/*.ts', text: '`lib/**/*.ts`', kind: 'glob' }]],
  ['brace glob', '`pkg/*.{ts,tsx}`', [{ path: 'pkg/*.{ts,tsx}', text: '`pkg/*.{ts,tsx}`', kind: 'glob' }]],
  ['bare extension glob', '`*.sql` files', [{ path: '*.sql', text: '`*.sql`', kind: 'glob' }]],
  ['directory', 'in `store/queries/`', [{ path: 'store/queries/', text: '`store/queries/`', kind: 'directory' }]],
  ['package.json', '`package.json`', [{ path: 'package.json', text: '`package.json`' }]],
  ['Dockerfile', '`Dockerfile` and `Makefile`', [
    { path: 'Dockerfile', text: '`Dockerfile`' },
    { path: 'Makefile', text: '`Makefile`' },
  ]],
  ['Dockerfile variant', '`Dockerfile.worker`', [{ path: 'Dockerfile.worker', text: '`Dockerfile.worker`' }]],
  ['dotfiles', '`.env`, `.env.staging`, `.gitignore`, `.github/workflows/deploy.yml`', [
    { path: '.env', text: '`.env`' },
    { path: '.env.staging', text: '`.env.staging`' },
    { path: '.gitignore', text: '`.gitignore`' },
    { path: '.github/workflows/deploy.yml', text: '`.github/workflows/deploy.yml`' },
  ]],
  ['odd directory names', '`__/__/conf.py`', [{ path: '__/__/conf.py', text: '`__/__/conf.py`' }]],
  ['bare names', '`token-check.guard.ts`, `0007_drop_col.sql`', [
    { path: 'token-check.guard.ts', text: '`token-check.guard.ts`' },
    { path: '0007_drop_col.sql', text: '`0007_drop_col.sql`' },
  ]],
  ['bare name with line', '`panel.tsx:212`', [{ path: 'panel.tsx', text: '`panel.tsx:212`', ranges: [L(212)] }]],
  ['template suffix', '`settings.toml.template`', [{ path: 'settings.toml.template', text: '`settings.toml.template`' }]],
  ['CJK label', '`出处：09/02_worker.py:40-55`', [{ path: '09/02_worker.py', text: '`出处：09/02_worker.py:40-55`', ranges: [L(40, 55)] }]],
  ['ASCII label', '`see: docs/setup.md`', [{ path: 'docs/setup.md', text: '`see: docs/setup.md`' }]],
  ['leading ./', '`./scripts/run.sh`', [{ path: 'scripts/run.sh', text: '`./scripts/run.sh`' }]],
  ['double slash', '`src//util.go`', [{ path: 'src/util.go', text: '`src//util.go`' }]],
  ['Next.js route folders', '`app/(shop)/items/[itemId]/page.tsx`', [
    { path: 'app/(shop)/items/[itemId]/page.tsx', text: '`app/(shop)/items/[itemId]/page.tsx`' },
  ]],
  ['extensionless folder-like path', '`web/src/widgets`', [{ path: 'web/src/widgets', text: '`web/src/widgets`' }]],
  ['home path', '`~/.config/tool/state.json`', [{ path: '~/.config/tool/state.json', text: '`~/.config/tool/state.json`' }]],

  // Absolute paths from another machine.
  ['macOS absolute', '`/Users/kim/proj/api/main.py` (line 9)', [
    { path: '/Users/kim/proj/api/main.py', text: '`/Users/kim/proj/api/main.py` (line 9)', ranges: [L(9)] },
  ]],
  ['linux absolute extensionless', '`/home/dev/ws/tool/bin-wrapper`', [
    { path: '/home/dev/ws/tool/bin-wrapper', text: '`/home/dev/ws/tool/bin-wrapper`' },
  ]],
  ['windows backslashes', '`E:\\work\\svc\\handler.cs`', [{ path: 'E:/work/svc/handler.cs', text: '`E:\\work\\svc\\handler.cs`' }]],
  ['windows forward', '`C:/code/x/index.ts`', [{ path: 'C:/code/x/index.ts', text: '`C:/code/x/index.ts`' }]],
  ['windows unquoted', 'open E:\\work\\svc\\handler.cs now', [
    { path: 'E:/work/svc/handler.cs', text: 'E:\\work\\svc\\handler.cs', quoted: false },
  ]],
  ['docker-style absolute with extension', '`/app/server/main.go`', [{ path: '/app/server/main.go', text: '`/app/server/main.go`' }]],

  // Unquoted paths in prose.
  ['unquoted in parentheses', 'crash (engine/loop.ts:77) here', [
    { path: 'engine/loop.ts', text: 'engine/loop.ts:77', ranges: [L(77)], quoted: false },
  ]],
  ['unquoted with lines', 'see api/routes/users.py lines 5-9 for it', [
    { path: 'api/routes/users.py', text: 'api/routes/users.py lines 5-9', ranges: [L(5, 9)], quoted: false },
  ]],
  ['unquoted at sentence end', 'lives in lib/helpers.js.', [{ path: 'lib/helpers.js', text: 'lib/helpers.js', quoted: false }]],
  ['unquoted bare name with line', 'fails at main.rs:14', [{ path: 'main.rs', text: 'main.rs:14', ranges: [L(14)], quoted: false }]],
  ['unquoted bare name with line keyword', 'as noted in NOTES.md line 43', [
    { path: 'NOTES.md', text: 'NOTES.md line 43', ranges: [L(43)], quoted: false },
  ]],
  ['unquoted never overlaps a quoted spec', '`a/b.py` (line 5, see c.py:3)', [{ path: 'a/b.py', text: '`a/b.py` (line 5, see c.py:3)', ranges: [L(5)] }]],
  ['around line', '`a/b.go` (around line 150-200)', [{ path: 'a/b.go', text: '`a/b.go` (around line 150-200)', ranges: [L(150, 200)] }]],
  ['unquoted directory', 'everything under cmd/tools/ is old', [
    { path: 'cmd/tools/', text: 'cmd/tools/', kind: 'directory', quoted: false },
  ]],
  ['unquoted bold', 'the **core/engine.py** module', [{ path: 'core/engine.py', text: 'core/engine.py', quoted: false }]],
  ['unquoted glob', 'all of tests/**/*.spec.ts', [{ path: 'tests/**/*.spec.ts', text: 'tests/**/*.spec.ts', kind: 'glob', quoted: false }]],
  ['relative link target', '[the guide](docs/guide.md)', [{ path: 'docs/guide.md', text: 'docs/guide.md', quoted: false }]],

  // Line specs after the backticks.
  ['(line N)', '`a/b.py` (line 346)', [{ path: 'a/b.py', text: '`a/b.py` (line 346)', ranges: [L(346)] }]],
  ['(lines N-M)', '`a/b.py` (lines 83-98)', [{ path: 'a/b.py', text: '`a/b.py` (lines 83-98)', ranges: [L(83, 98)] }]],
  ['(line N-M)', '`a/b.py` (line 38-72)', [{ path: 'a/b.py', text: '`a/b.py` (line 38-72)', ranges: [L(38, 72)] }]],
  ['several ranges', '`a/b.py` (lines 93-96, 113-116, 306-308)', [
    { path: 'a/b.py', text: '`a/b.py` (lines 93-96, 113-116, 306-308)', ranges: [L(93, 96), L(113, 116), L(306, 308)] },
  ]],
  ['approximate', '`a/b.py` (~line 2508, 2529)', [{ path: 'a/b.py', text: '`a/b.py` (~line 2508, 2529)', ranges: [L(2508), L(2529)] }]],
  ['bare lines range', '`a/b.py` lines 256-285 hold it', [{ path: 'a/b.py', text: '`a/b.py` lines 256-285', ranges: [L(256, 285)] }]],
  ['bare lines list', '`a/b.py` lines 98, 127, 145, 239', [
    { path: 'a/b.py', text: '`a/b.py` lines 98, 127, 145, 239', ranges: [L(98), L(127), L(145), L(239)] },
  ]],
  ['lines N and M', '`a/b.py` lines 83 and 91', [{ path: 'a/b.py', text: '`a/b.py` lines 83 and 91', ranges: [L(83), L(91)] }]],
  ['lines N, M, and K', '`a/b.py` lines 126, 158, and 208 as a constant', [
    { path: 'a/b.py', text: '`a/b.py` lines 126, 158, and 208', ranges: [L(126), L(158), L(208)] },
  ]],
  ['lines N, and a word', '`a/b.py` lines 12-14, and the caller', [{ path: 'a/b.py', text: '`a/b.py` lines 12-14', ranges: [L(12, 14)] }]],
  ['annotated with colon', '`a/b.py` (line 311: the check)', [{ path: 'a/b.py', text: '`a/b.py` (line 311: the check)', ranges: [L(311)] }]],
  ['annotated with words', '`a/b.py` (lines 29-94 in error text)', [
    { path: 'a/b.py', text: '`a/b.py` (lines 29-94 in error text)', ranges: [L(29, 94)] },
  ]],
  ['N+ to end', '`a/b.py` (lines 1823+ warmup)', [{ path: 'a/b.py', text: '`a/b.py` (lines 1823+ warmup)', ranges: [L(1823, 1823, true)] }]],
  ['en dash end', '`a/b.py` (lines 1235–end)', [{ path: 'a/b.py', text: '`a/b.py` (lines 1235–end)', ranges: [L(1235, 1235, true)] }]],
  ['em dash approximate', '`a/b.py` (lines ~1174—1220)', [{ path: 'a/b.py', text: '`a/b.py` (lines ~1174—1220)', ranges: [L(1174, 1220)] }]],
  ['N-M+', '`a/b.py` (lines 92-300+)', [{ path: 'a/b.py', text: '`a/b.py` (lines 92-300+)', ranges: [L(92, 300, true)] }]],
  ['L42', '`a/b.py` L42', [{ path: 'a/b.py', text: '`a/b.py` L42', ranges: [L(42)] }]],
  ['L10-L20', '`a/b.py` L10-L20', [{ path: 'a/b.py', text: '`a/b.py` L10-L20', ranges: [L(10, 20)] }]],
  ['#L anchor', '`a/b.py#L10-L20`', [{ path: 'a/b.py', text: '`a/b.py#L10-L20`', ranges: [L(10, 20)] }]],
  [':N', '`a/b.py:153`', [{ path: 'a/b.py', text: '`a/b.py:153`', ranges: [L(153)] }]],
  [':N-M', '`a/b.py:97-99`', [{ path: 'a/b.py', text: '`a/b.py:97-99`', ranges: [L(97, 99)] }]],
  [':N,M', '`a/b.py:98,107`', [{ path: 'a/b.py', text: '`a/b.py:98,107`', ranges: [L(98), L(107)] }]],
  [':N, M', '`web/api/setup/route.ts:100, 155`', [
    { path: 'web/api/setup/route.ts', text: '`web/api/setup/route.ts:100, 155`', ranges: [L(100), L(155)] },
  ]],
  [':line:col', '`a/b.ts:12:5`', [{ path: 'a/b.ts', text: '`a/b.ts:12:5`', ranges: [L(12)] }]],
  ['colon after backtick', '`a/b.ts`:40', [{ path: 'a/b.ts', text: '`a/b.ts`:40', ranges: [L(40)] }]],
  ['(line N, M)', '`a/b.py` (line 49, 58)', [{ path: 'a/b.py', text: '`a/b.py` (line 49, 58)', ranges: [L(49), L(58)] }]],
  ['(line N, M-K)', '`a/b.py` (line 26, 95-100)', [{ path: 'a/b.py', text: '`a/b.py` (line 26, 95-100)', ranges: [L(26), L(95, 100)] }]],
  ['(line N of X)', '`a/b.cs` (line 139 of TokenService)', [{ path: 'a/b.cs', text: '`a/b.cs` (line 139 of TokenService)', ranges: [L(139)] }]],
  ['two keyword groups', '`a/b.swift` (lines 886-924 when empty, line 922 where flush() runs)', [
    { path: 'a/b.swift', text: '`a/b.swift` (lines 886-924 when empty, line 922 where flush() runs)', ranges: [L(886, 924), L(922)] },
  ]],
  ['span after a note', '`a/b.swift` (lines 70-76 fields, 256-350 setup)', [
    { path: 'a/b.swift', text: '`a/b.swift` (lines 70-76 fields, 256-350 setup)', ranges: [L(70, 76), L(256, 350)] },
  ]],
  ['keyword later in parenthesis', '`a/b.js` (upload filter lines 14-26)', [
    { path: 'a/b.js', text: '`a/b.js` (upload filter lines 14-26)', ranges: [L(14, 26)] },
  ]],
  ['backwards range', '`a/b.py` (lines 98-83)', [{ path: 'a/b.py', text: '`a/b.py` (lines 98-83)', ranges: [L(83, 98)] }]],
  ['unclosed parenthesis', '`a/b.py` (lines 49, 59: `x = 1`)', [{ path: 'a/b.py', text: '`a/b.py` (lines 49, 59', ranges: [L(49), L(59)] }]],
  ['comma then line', '`a/b.py`, line 7', [{ path: 'a/b.py', text: '`a/b.py`, line 7', ranges: [L(7)] }]],
  ['at line', '`a/b.py` at line 7', [{ path: 'a/b.py', text: '`a/b.py` at line 7', ranges: [L(7)] }]],
  ['full-width parenthesis', '`a/b.py`（第 line 12）', [{ path: 'a/b.py', text: '`a/b.py`（第 line 12）', ranges: [L(12)] }]],

  // Several references in one field, in order, each with its own spec.
  ['list with specs', 'Files: `a.py` (lines 1-5), `b/c.ts:9`, `d/`', [
    { path: 'a.py', text: '`a.py` (lines 1-5)', ranges: [L(1, 5)] },
    { path: 'b/c.ts', text: '`b/c.ts:9`', ranges: [L(9)] },
    { path: 'd/', text: '`d/`', kind: 'directory' },
  ]],
  ['several paths in one span', '`one.py, two/three.py`', [
    { path: 'one.py', text: '`one.py' },
    { path: 'two/three.py', text: 'two/three.py`' },
  ]],
  ['multi-line field', 'Files:\n  - `x/y.go` (line 3) - parser\n  - `x/z.go` - lexer', [
    { path: 'x/y.go', text: '`x/y.go` (line 3)', ranges: [L(3)] },
    { path: 'x/z.go', text: '`x/z.go`' },
  ]],
  ['CJK prose', '问题在 `服务/订单.py`（line 20）里', [{ path: '服务/订单.py', text: '`服务/订单.py`（line 20）', ranges: [L(20)] }]],

  // Symbols beside a reference.
  ['symbol before', '`load_rows()` in `etl/read.py` (line 46)', [
    { path: 'etl/read.py', text: '`etl/read.py` (line 46)', ranges: [L(46)], symbol: 'load_rows' },
  ]],
  ['symbol between', '`etl/read.py` `load_rows()` (line 46)', [
    { path: 'etl/read.py', text: '`etl/read.py` `load_rows()` (line 46)', ranges: [L(46)], symbol: 'load_rows' },
  ]],
];

for (const [name, input, expected] of positives) {
  void test(`extract: ${name}`, () => check(input, expected));
}

// ---------------------------------------------------------------------------------------------
// Negatives: code, versions, URLs, env vars, packages, routes, system paths, commands, domains.

const negatives: string[] = [
  '`TokenBucket`', '`time.monotonic()`', '`state.last_sha`', '`useMemo`', '`foo.bar()`', '`obj.method`', '`self.cfg`',
  '`worker.py()`', '`console.log`', '`res.json`', '`process.env`', '`process.env.API_KEY`', '`Guid.Empty`',
  '`~=4.1.0`', '`^2.0.1`', '`v2.14.3`', '`3.2.1`', '`react@19`', '`@acme/widgets`', '`@acme/*`',
  '`https://example.org/a/b.py`', '`git+https://example.org/x.git`', 'see https://example.org/src/a.py for it',
  '<https://example.org/x/y.ts>', '[docs](https://example.org/docs/guide.md)', 'www.example.org/x/y.js',
  '`API_TOKEN`', '`$HOME`', '`$HOME/x/y.py`', '$HOME/x/y.py', '`APP_ENV=production`',
  '`scheduler-lib @ git+https://example.org/s.git`', '`/api/orders/*`', '`/api/*`', '`GET /orders/:id`',
  '`/v2/orders`', '`/orders/:id/items`', '`/sys/block/sda/`', '`/dev/null`', '`/etc/passwd`', '`/proc/meminfo`',
  '`/tmp/cache.json`', '`/usr/local/bin/tool`', '`/var/log/app.log`', '`pip install -r reqs.txt`',
  '`git push --force`', '`x = load("a.py")`', '`example.org`', '`api.example.com`', '`.md`', '`.tsx`', '`.spec.ts`',
  '`Node.js`', 'built on Node.js', 'React/Vue', 'and/or', 'read/write access', '`gorilla/mux`', '`try/catch`',
  '`golang-jwt/jwt/v5`', '`POST/PUT/GET`', '`api/hooks/stripe`', 'image/* uploads', '`a.py:bar-baz`', '`a.py:12a`',
  // Config keys, commands, routes and packages (issue 12, item 8).
  '`[dependency-groups].dev`', '`[tool.poetry].version`', '`[[tool.mypy.overrides]].module`', '`server.port`', '`tool.ruff`',
  '`DATABASE_URL`', '`npm run build`', '`go test ./...`', '`/api/hub/*`', '`GET /users/:id`', '`$lib/server/db`', '`lodash`',
  '`@scope/pkg`',
  // Lengths, counts and parentheticals that are not line specs.
  '(967 lines)', '(1,399 lines)', '(5)', '(if exists)', '(e.g. this)', '(v2)',
];

/** What reaches the user from `text` in a concern's field, resolved in a workspace with `files`. */
function resolvedRefs(text: string, files: Record<string, string> = {}): string[] {
  const doc = parseConcernsDocument(`# Concerns\n\n## Tech Debt\n\n**Item:**\n- Issue: ${text}\n`);
  return resolveDocument(doc, new ReferenceResolver(memoryWorkspace(files)), { root: '' }).concerns.flatMap((c) => c.references.map((r) => `${r.status} ${r.path}`));
}

for (const input of negatives) {
  // Nothing, or only a token that counts when it names a workspace file (`console.log` might):
  // with no such file, nothing reaches the user.
  void test(`no reference: ${input}`, () => {
    assert.deepEqual(extractReferences(input).filter((r) => !isSpeculative(r.path)), [], input);
    assert.deepEqual(resolvedRefs(input), [], input);
  });
}

void test('a backticked name only the workspace can tell: a reference when it names a file or folder, never missing', () => {
  const files = { 'firestore.rules': 'x\n', 'frontend/src/main.ts': 'x\n', 'vendor/chart.js': 'x\n' };
  assert.deepEqual(resolvedRefs('`firestore.rules` and `frontend/src`', files), ['ok firestore.rules', 'ok frontend/src']);
  assert.deepEqual(resolvedRefs('`storage.rules`, `web/app`, `moment.js` library, `try/catch`', files), []);
  // A bare library-style name that is a file of the workspace is one.
  assert.deepEqual(resolvedRefs('`chart.js`', files), ['ok chart.js']);
  // A path with a directory and a known extension is still reported when it names nothing.
  assert.deepEqual(resolvedRefs('`src/moment.js`', files), ['missing src/moment.js']);
});

void test('a length or count after a path is not a line spec', () => {
  check('`a/b.py` (967 lines)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
  check('`a/b.py` (1,399 lines)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
  check('`a/b.py` (5)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
  check('`a/b.py` (if exists)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
  check('`a/b.py` (v2)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
  check('`a/b.py` (line count is 40)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
});

void test('numbers after the parenthesis closes are not lines', () => {
  check('`a/b.py` (line 4) and then 77, 78 happened', [{ path: 'a/b.py', text: '`a/b.py` (line 4)', ranges: [L(4)] }]);
});

void test('a spec after a connector needs the word line', () => {
  check('`a/b.py` in L2 cache', [{ path: 'a/b.py', text: '`a/b.py`' }]);
});

void test('line 0 is dropped', () => {
  check('`a/b.py` (line 0)', [{ path: 'a/b.py', text: '`a/b.py`' }]);
});

// ---------------------------------------------------------------------------------------------
// Line specs in the forms and languages documents of the family write (issue 12, item 7).

const writtenLines: [string, string, Expected[]][] = [
  ['bare list after a keyword', '- Files: `ledger/post.ts` lines 12, 30, 118', [
    { path: 'ledger/post.ts', text: '`ledger/post.ts` lines 12, 30, 118', ranges: [L(12), L(30), L(118)] },
  ]],
  ['keyword after a dash', '`ledger/post.ts` — lines 7, 9', [{ path: 'ledger/post.ts', text: '`ledger/post.ts` — lines 7, 9', ranges: [L(7), L(9)] }]],
  ['keyword after a colon', '`ledger/post.ts`: line 7', [{ path: 'ledger/post.ts', text: '`ledger/post.ts`: line 7', ranges: [L(7)] }]],
  ['keyword after around', 'in `ledger/post.ts` around lines 40-52', [{ path: 'ledger/post.ts', text: '`ledger/post.ts` around lines 40-52', ranges: [L(40, 52)] }]],
  ['bare spans after a path span', '`cart/store.js:61`, `75`, `80-84` keep state', [
    { path: 'cart/store.js', text: '`cart/store.js:61`, `75`, `80-84`', ranges: [L(61), L(75), L(80, 84)] },
  ]],
  ['colon list in the span', '`cart/store.js:61,62,70,71`', [{ path: 'cart/store.js', text: '`cart/store.js:61,62,70,71`', ranges: [L(61), L(62), L(70), L(71)] }]],
  ['colon list in prose', 'see cart/store.js:61,62 now', [{ path: 'cart/store.js', text: 'cart/store.js:61,62', ranges: [L(61), L(62)], quoted: false }]],
  ['compiler style in a span', '`web/Main.tsx(44,9)`: error TS2322', [{ path: 'web/Main.tsx', text: '`web/Main.tsx(44,9)`', ranges: [L(44)] }]],
  ['compiler style in prose', 'web/Main.tsx(44,9): error', [{ path: 'web/Main.tsx', text: 'web/Main.tsx(44,9)', ranges: [L(44)], quoted: false }]],
  ['MSBuild span', '`Api/Startup.cs(12,5,14,1)`', [{ path: 'Api/Startup.cs', text: '`Api/Startup.cs(12,5,14,1)`', ranges: [L(12, 14)] }]],
  ['range as two spans joined by a tilde', '(`ui/layers.js:210`~`260`)', [{ path: 'ui/layers.js', text: '`ui/layers.js:210`~`260`', ranges: [L(210, 260)] }]],
  ['two tilde ranges with vs', '`ui/layers.js:20`~`31` vs `50`~`66`', [{ path: 'ui/layers.js', text: '`ui/layers.js:20`~`31` vs `50`~`66`', ranges: [L(20, 31), L(50, 66)] }]],
  ['a :N span after a short note', '(`ui/layers.js:3`~`4`, 호출부 `:90`)', [{ path: 'ui/layers.js', text: '`ui/layers.js:3`~`4`, 호출부 `:90`', ranges: [L(3, 4), L(90)] }]],
  ['a :N span right after a path span', '`ui/layers.js` `:90`', [{ path: 'ui/layers.js', text: '`ui/layers.js` `:90`', ranges: [L(90)] }]],
  ['two paths joined by a word in one span', '`udev/a.rules.ts & b.rules.ts`, `x/y.ts and z.ts`', [
    { path: 'udev/a.rules.ts', text: '`udev/a.rules.ts' },
    { path: 'b.rules.ts', text: 'b.rules.ts`' },
    { path: 'x/y.ts', text: '`x/y.ts' },
    { path: 'z.ts', text: 'z.ts`' },
  ]],
  ['a bare name with a known extension in prose, and a build file', 'bump the version in Cargo.toml and change Dockerfile; Node.js and e.g. are words', [
    { path: 'Cargo.toml', text: 'Cargo.toml', quoted: false },
    { path: 'Dockerfile', text: 'Dockerfile', quoted: false },
  ]],
  ['a dot folder\'s extensionless file', '`.githooks/pre-commit:4`', [{ path: '.githooks/pre-commit', text: '`.githooks/pre-commit:4`', ranges: [L(4)] }]],
  ['lines split by a slash after the colon', '`ui/layers.js:237/332`', [{ path: 'ui/layers.js', text: '`ui/layers.js:237/332`', ranges: [L(237), L(332)] }]],
  ['a :N/:M span in full-width parentheses', '`ui/layers.js`（`:68/:113`）', [{ path: 'ui/layers.js', text: '`ui/layers.js`（`:68/:113`', ranges: [L(68), L(113)] }]],
  ['a :N span later in the sentence', '`ui/layers.js` — the bug is at `:181-192`.', [{ path: 'ui/layers.js', text: '`ui/layers.js` — the bug is at `:181-192`', ranges: [L(181, 192)] }]],
  ['a :N span after a port word is a port', '`ui/server.js` listens on `:3000`', [{ path: 'ui/server.js', text: '`ui/server.js`', ranges: [] }]],
  ['a slash without the colon is no list', 'ui/layers.js 10/20 done', [{ path: 'ui/layers.js', text: 'ui/layers.js', ranges: [], quoted: false }]],
  ['Catalan', '`src/caixa.py` línia 24', [{ path: 'src/caixa.py', text: '`src/caixa.py` línia 24', ranges: [L(24)] }]],
  ['Spanish range with a', '`src/caja.py` líneas 10 a 14 y 30', [{ path: 'src/caja.py', text: '`src/caja.py` líneas 10 a 14 y 30', ranges: [L(10, 14), L(30)] }]],
  ['Spanish connector', '`src/caja.py` en la línea 8', [{ path: 'src/caja.py', text: '`src/caja.py` en la línea 8', ranges: [L(8)] }]],
  ['German in parentheses', '`src/kasse.py` (Zeilen 5 bis 9)', [{ path: 'src/kasse.py', text: '`src/kasse.py` (Zeilen 5 bis 9)', ranges: [L(5, 9)] }]],
  ['French', '`src/caisse.py`, ligne 31', [{ path: 'src/caisse.py', text: '`src/caisse.py`, ligne 31', ranges: [L(31)] }]],
  ['Italian', '`src/cassa.py` riga 2', [{ path: 'src/cassa.py', text: '`src/cassa.py` riga 2', ranges: [L(2)] }]],
  ['Portuguese', '`src/caixa.py` linhas 3-4', [{ path: 'src/caixa.py', text: '`src/caixa.py` linhas 3-4', ranges: [L(3, 4)] }]],
  ['Russian inflected', '`src/kassa.py` на строке 17', [{ path: 'src/kassa.py', text: '`src/kassa.py` на строке 17', ranges: [L(17)] }]],
  ['Chinese ordinal in full-width parentheses', '`前端/表格.vue`（第 12-19 行）、`前端/页.vue`（第 5 行）', [
    { path: '前端/表格.vue', text: '`前端/表格.vue`（第 12-19 行）', ranges: [L(12, 19)] },
    { path: '前端/页.vue', text: '`前端/页.vue`（第 5 行）', ranges: [L(5)] },
  ]],
  ['Chinese ordinal glued', '`src/表.ts` 第7行', [{ path: 'src/表.ts', text: '`src/表.ts` 第7行', ranges: [L(7)] }]],
  ['Chinese keyword before', '`src/表.ts` 行 7', [{ path: 'src/表.ts', text: '`src/表.ts` 行 7', ranges: [L(7)] }]],
  ['Japanese with a particle', '`src/表.ts`の12行目', [{ path: 'src/表.ts', text: '`src/表.ts`の12行目', ranges: [L(12)] }]],
  ['a bare N行 after a path is its length', '`src/表.ts` 624 行', [{ path: 'src/表.ts', text: '`src/表.ts`' }]],
  ['a list of N行 after a path is lines', '`src/表.ts` 12、58行', [{ path: 'src/表.ts', text: '`src/表.ts` 12、58行', ranges: [L(12), L(58)] }]],
  ['a range of N行 after a path is lines', '`src/表.ts` 12-18行', [{ path: 'src/表.ts', text: '`src/表.ts` 12-18行', ranges: [L(12, 18)] }]],
  ['Korean with a tilde range', '`src/표.ts`의 12~18행', [{ path: 'src/표.ts', text: '`src/표.ts`의 12~18행', ranges: [L(12, 18)] }]],
  ['Korean ordinal', '`src/표.ts` 12번째 줄', [{ path: 'src/표.ts', text: '`src/표.ts` 12번째 줄', ranges: [L(12)] }]],
  ['pytest node id', '`tests/test_pay.py::test_refund()` flakes', [{ path: 'tests/test_pay.py', text: '`tests/test_pay.py::test_refund()`', symbol: 'test_refund' }]],
  ['a symbol after one colon', '`score/digest.py:write_bluf` runs', [{ path: 'score/digest.py', text: '`score/digest.py:write_bluf`', symbol: 'write_bluf' }]],
  ['a call after one colon', '`pkg/mod.py:slug()`', [{ path: 'pkg/mod.py', text: '`pkg/mod.py:slug()`', symbol: 'slug' }]],
  ['a method after one colon', '`api/cache.py:Cache.evict`', [{ path: 'api/cache.py', text: '`api/cache.py:Cache.evict`', symbol: 'Cache.evict' }]],
];

void test('real paths stay references beside the non-paths', () => {
  check('`Makefile`, `.env.example`, `db/migrations/*.sql`, `pkg/driver/*.go`, `[jt]s/index.ts`', [
    { path: 'Makefile', text: '`Makefile`' },
    { path: '.env.example', text: '`.env.example`' },
    { path: 'db/migrations/*.sql', text: '`db/migrations/*.sql`', kind: 'glob' },
    { path: 'pkg/driver/*.go', text: '`pkg/driver/*.go`', kind: 'glob' },
    { path: '[jt]s/index.ts', text: '`[jt]s/index.ts`', kind: 'glob' },
  ]);
});

void test('a machine path whose folders hold spaces is one path', () => {
  check('`/Users/kim/my app/backend/app/db.py:14` and `C:\\Users\\kim\\My Work\\api\\x.cs` (line 3)', [
    { path: '/Users/kim/my app/backend/app/db.py', text: '`/Users/kim/my app/backend/app/db.py:14`', ranges: [L(14)] },
    { path: 'C:/Users/kim/My Work/api/x.cs', text: '`C:\\Users\\kim\\My Work\\api\\x.cs` (line 3)', ranges: [L(3)] },
  ]);
  // Spaces in the last name: prose, not a path.
  check('`/Users/kim/some notes here`', []);
});

for (const [name, input, expected] of writtenLines) {
  void test(`extract (written lines): ${name}`, () => check(input, expected));
}

void test('a line spec never attaches to the wrong path or to a number that is not a line', () => {
  // A bare number after a path with no line is a value (a port), not a line.
  check('`api/server.ts`, `8080`', [{ path: 'api/server.ts', text: '`api/server.ts`' }]);
  // A `:N` span belongs to the path just before it, not to the one before that.
  check('`a/one.ts:5` and `a/two.ts` `:9`', [
    { path: 'a/one.ts', text: '`a/one.ts:5`', ranges: [L(5)] },
    { path: 'a/two.ts', text: '`a/two.ts` `:9`', ranges: [L(9)] },
  ]);
  // Across a sentence of the same item (the author writes every line of it so), but not across a
  // new item, nor across a file name in the prose between.
  check('`a/one.ts:5`. Then `:9`', [{ path: 'a/one.ts', text: '`a/one.ts:5`', ranges: [L(5), L(9)] }]);
  check('- `a/one.ts:5`.\n- Then `:9`', [{ path: 'a/one.ts', text: '`a/one.ts:5`', ranges: [L(5)] }]);
  // (`b.go` in prose is a candidate of its own, kept only if the workspace has it; `:9` is neither's.)
  check('`a/one.ts:5` via b.go `:9`', [{ path: 'a/one.ts', text: '`a/one.ts:5`', ranges: [L(5)] }, { path: 'b.go', text: 'b.go', quoted: false }]);
  // Lengths and counts: Korean N줄, Chinese 共 N 行 and N 行代码, a lone (N), a list in parentheses.
  check('`src/지도.js` (193줄) — 컴포넌트', [{ path: 'src/지도.js', text: '`src/지도.js`' }]);
  check('`src/表.ts`（共 1200 行）', [{ path: 'src/表.ts', text: '`src/表.ts`' }]);
  check('`src/表.ts` 1200 行代码', [{ path: 'src/表.ts', text: '`src/表.ts`' }]);
  check('`web/Main.tsx` (3, 4, 5)', [{ path: 'web/Main.tsx', text: '`web/Main.tsx`' }]);
  check('`web/Main.tsx` — lines of code keep growing', [{ path: 'web/Main.tsx', text: '`web/Main.tsx`' }]);
  // A word joins a range only forwards: the 5 here is not a line.
  check('`src/caja.py` line 10 a 5-second wait', [{ path: 'src/caja.py', text: '`src/caja.py` line 10', ranges: [L(10)] }]);
  // A bare N行 inside prose elsewhere is a count.
  check('`src/表.ts`（约 300 行，见下）', [{ path: 'src/表.ts', text: '`src/表.ts`' }]);
});

// ---------------------------------------------------------------------------------------------
// parseLineSpec on its own.

const specs: [string, LineRange[]][] = [
  ['line 346', [L(346)]],
  ['(lines 83-98)', [L(83, 98)]],
  ['lines 93-96, 113-116', [L(93, 96), L(113, 116)]],
  ['(~line 2508, 2529)', [L(2508), L(2529)]],
  ['1823+', [L(1823, 1823, true)]],
  ['1235–end', [L(1235, 1235, true)]],
  ['L10-L20', [L(10, 20)]],
  ['#L10-L20', [L(10, 20)]],
  [':153', [L(153)]],
  [':98,107', [L(98), L(107)]],
  [':12:5', [L(12)]],
  ['98-83', [L(83, 98)]],
  ['lines 886-924 for empty filters case, line 922 where', [L(886, 924), L(922)]],
  ['(967 lines)', []],
  ['(5)', []],
  ['(if exists)', []],
  ['', []],
  ['lines of code', []],
];

for (const [spec, expected] of specs) {
  void test(`parseLineSpec: ${JSON.stringify(spec)}`, () => assert.deepEqual(parseLineSpec(spec), expected));
}

// ---------------------------------------------------------------------------------------------
// Untrusted input: linear time, never a throw.

const adversarial: [string, string][] = [
  ['backticks', '`'.repeat(100_000)],
  ['alternating backtick runs', '` `` '.repeat(20_000)],
  ['slashes', 'a/'.repeat(50_000)],
  ['backticked slashes', '`' + 'a/'.repeat(50_000) + '`'],
  ['digits and commas', 'x/y.py:' + '1,'.repeat(50_000)],
  ['line list', '`x.py` (lines ' + '1, '.repeat(33_000)],
  ['open parentheses', '`x.py` ' + '('.repeat(100_000)],
  ['parenthesised specs', '`x.py` (line 1)'.repeat(7_000)],
  ['dotted words', 'a.'.repeat(50_000)],
  ['scheme-like', 'a+'.repeat(50_000) + '://'],
  ['many paths', 'src/a.py:1 '.repeat(9_000)],
  ['many quoted paths', '`a.py` '.repeat(14_000)],
  ['angle brackets', '<'.repeat(100_000)],
  ['colons', ':'.repeat(100_000)],
  ['lines keywords', 'line '.repeat(20_000)],
  ['dashes', '`x.py` lines 1' + '-1'.repeat(50_000)],
  ['stars', '*'.repeat(100_000)],
  ['braces', '`{' + ','.repeat(100_000) + '`'],
];

for (const [name, input] of adversarial) {
  void test(`linear time: ${name} (${input.length} chars)`, () => {
    const t0 = performance.now();
    const refs = extractReferences(input);
    const ms = performance.now() - t0;
    assert.ok(Array.isArray(refs));
    assert.ok(ms < 500, `${name} took ${ms.toFixed(0)} ms`);
  });
}

function assertWellFormed(text: string, refs: ReturnType<typeof extractReferences>): void {
  let previous = -1;
  for (const r of refs) {
    assert.ok(r.start >= 0 && r.start < r.end && r.end <= text.length, `offsets in ${JSON.stringify(text)}`);
    assert.ok(r.start >= previous, 'in order of appearance');
    previous = r.start;
    assert.ok(r.path.length > 0 && !r.path.includes('\\'));
    for (const range of r.ranges) assert.ok(range.start >= 1 && range.start <= range.end, JSON.stringify(range));
  }
}

void test('lines the text ties to one file away from it: an identifier first, lines before the file, the end of its item', () => {
  check('`src/store.ts` (`writeStore`, line 311)', [{ path: 'src/store.ts', text: '`src/store.ts` (`writeStore`, line 311)', ranges: [L(311)], symbol: 'writeStore' }]);
  check('`b/board.js` (`useMove`, lines 95–135)', [{ path: 'b/board.js', text: '`b/board.js` (`useMove`, lines 95–135)', ranges: [L(95, 135)], symbol: 'useMove' }]);
  check('`app/kb.py` (the `PLANOS` dict, lines 19-121)', [{ path: 'app/kb.py', text: '`app/kb.py` (the `PLANOS` dict, lines 19-121)', ranges: [L(19, 121)], symbol: 'PLANOS' }]);
  // A word saying what the identifier is, in any of the family's languages; several identifiers, each with lines.
  check('`src/Upload.tsx`（`handleFile` 函数第 18-28 行）', [{ path: 'src/Upload.tsx', text: '`src/Upload.tsx`（`handleFile` 函数第 18-28 行）', ranges: [L(18, 28)], symbol: 'handleFile' }]);
  check('`src/store.ts` (`read` method, line 4)', [{ path: 'src/store.ts', text: '`src/store.ts` (`read` method, line 4)', ranges: [L(4)], symbol: 'read' }]);
  check('`src/excel.ts`（`parse` 第 36-44 行，`build` 第 94-124 行）', [{ path: 'src/excel.ts', text: '`src/excel.ts`（`parse` 第 36-44 行，`build` 第 94-124 行）', ranges: [L(36, 44), L(94, 124)] }]);
  // The identifier after the path with a possessive between (Korean, Japanese, Chinese).
  check('`src/Modal.tsx`의 `handleExport`(130-147행)', [{ path: 'src/Modal.tsx', text: '`src/Modal.tsx`의 `handleExport`(130-147행)', ranges: [L(130, 147)], symbol: 'handleExport' }]);
  check('`src/Modal.tsx` の `save`（12行目）', [{ path: 'src/Modal.tsx', text: '`src/Modal.tsx` の `save`（12行目）', ranges: [L(12)], symbol: 'save' }]);
  // (`（12行）` after an identifier is as likely its length: no lines.)
  check('`src/Modal.tsx` の `save`（12行）', [{ path: 'src/Modal.tsx', text: '`src/Modal.tsx`' }]);
  // Something else in the parenthesis: no lines.
  check('`src/store.ts` (`writeStore`, see line 311 of the old one)', [{ path: 'src/store.ts', text: '`src/store.ts`' }]);
  check('`src/excel.ts`（`parse` 第 36-44 行，见 `build`）', [{ path: 'src/excel.ts', text: '`src/excel.ts`' }]);
  check('`guard` (L70-72 in `mod.ts`) rejects it', [{ path: 'mod.ts', text: '`mod.ts`', ranges: [L(70, 72)] }]);
  // Two files after the lines: neither is surely the one.
  check('(lines 3-5 in `a/x.ts` and `a/y.ts`)', [
    { path: 'a/x.ts', text: '`a/x.ts`' },
    { path: 'a/y.ts', text: '`a/y.ts`' },
  ]);
  check('  - `src/a.tsx` - constants are hardcoded (lines 3-9)', [{ path: 'src/a.tsx', text: '`src/a.tsx`', ranges: [L(3, 9)] }]);
  // A word or two of place between the file and the identifier whose lines follow; not a verb.
  check('emit from `internal/server.go` during `processReport()` (lines 332-483)', [{ path: 'internal/server.go', text: '`internal/server.go` during `processReport()` (lines 332-483)', ranges: [L(332, 483)], symbol: 'processReport' }]);
  check('`internal/server.go` calls `processReport()` (lines 332-483)', [{ path: 'internal/server.go', text: '`internal/server.go`' }]);
  // A note after a dash may close the item; one that names another file leaves the lines to no file.
  check('  - `src/a.py` has the `prep()` context manager (lines 15-26) -- the right pattern', [{ path: 'src/a.py', text: '`src/a.py`', ranges: [L(15, 26)] }]);
  check('  - `src/a.py` is fine (line 3) — unlike lib/util.py', [
    { path: 'src/a.py', text: '`src/a.py`' },
    { path: 'lib/util.py', text: 'lib/util.py', quoted: false },
  ]);
  // The item names another file, in a span or in prose: the lines are left to no file.
  check('  - `src/a.tsx` - copied into `src/b.tsx` as well (lines 3-9)', [
    { path: 'src/a.tsx', text: '`src/a.tsx`' },
    { path: 'src/b.tsx', text: '`src/b.tsx`' },
  ]);
  check('  - `src/a.tsx` - the same as lib/util.ts says (lines 3-9)', [
    { path: 'src/a.tsx', text: '`src/a.tsx`' },
    { path: 'lib/util.ts', text: 'lib/util.ts', quoted: false },
  ]);
  // Not led by the path: the lines may be anyone's.
  check('Constants in `src/a.tsx` are hardcoded, see the tests (lines 3-9)', [{ path: 'src/a.tsx', text: '`src/a.tsx`' }]);
});

void test('never throws on arbitrary strings', () => {
  const alphabet = fc.constantFrom(
    '`', '(', ')', '/', '\\', '.', ':', ',', '-', '–', '~', '+', '*', '#', 'L', 'line', 'lines ', ' ', '\n', '1', '42',
    'a', 'py', 'src', '来源：', '（', '）', 'end', '[', ']', '{', '}', '@', '$', 'http://', 'C:',
  );
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
      assertWellFormed(text, extractReferences(text));
    }),
    { numRuns: 3000 },
  );
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
    assertWellFormed(text, extractReferences(text));
  }));
});

// ---------------------------------------------------------------------------------------------
// Real documents: every line of every corpus file and seed.

const CORPUS_DIRS = ['/work/shared/concerns-corpus', '/work/shared/seeds'];

void test('real concerns documents: no throw, well-formed ranges', (t) => {
  const dirs = CORPUS_DIRS.filter((d) => existsSync(d));
  if (dirs.length === 0) {
    t.skip('no corpus on this machine');
    return;
  }
  const counts = { files: 0, lines: 0, references: 0, quoted: 0, unquoted: 0, withRanges: 0, ranges: 0, toEnd: 0, glob: 0, directory: 0, symbol: 0 };
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      if (name === 'README.md') continue;
      counts.files++;
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      for (const line of text.split('\n')) {
        counts.lines++;
        const refs = extractReferences(line);
        assertWellFormed(line, refs);
        for (const r of refs) {
          counts.references++;
          if (r.quoted) counts.quoted++;
          else counts.unquoted++;
          if (r.ranges.length > 0) counts.withRanges++;
          counts.ranges += r.ranges.length;
          counts.toEnd += r.ranges.filter((x) => x.toEnd).length;
          if (r.kind === 'glob') counts.glob++;
          if (r.kind === 'directory') counts.directory++;
          if (r.symbol !== undefined) counts.symbol++;
        }
      }
      // Whole documents too: the extractor is also given multi-line slices.
      assertWellFormed(text, extractReferences(text));
    }
  }
  console.log('corpus counts', counts);
  assert.ok(counts.references > 0);
});

void test('a bare name is a folder candidate that takes no lines and never blocks a path\'s', () => {
  check('- `web_server.py` — bypass (`:239-255`), the `int` and `float` coercion (`:119-122`) and `hono-server`', [
    { path: 'web_server.py', text: '`web_server.py` — bypass (`:239-255`', ranges: [L(239, 255), L(119, 122)] },
    { path: 'int', text: '`int`', kind: 'directory' },
    { path: 'float', text: '`float`', kind: 'directory' },
    { path: 'hono-server', text: '`hono-server`', kind: 'directory' },
  ]);
  // Code, keys and words are no candidates at all.
  for (const word of ['useState', 'ImageGenerationRequest', 'DATABASE_URL', 'TODO', 'x', 'LICENSE']) {
    assert.ok(!extractReferences(`see \`${word}\``).some((r) => r.kind === 'directory'), word);
  }
  assert.equal(isSpeculative('hono-server'), true);
});
