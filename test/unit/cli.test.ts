// The `concerns` command line, on temporary repositories: what tools and people read from it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { tempWorkspace } from './helpers/tempWorkspace';

const DOC = `# Codebase Concerns

**Analysis Date:** 2026/04/21 (commit 1a2b3c4)

## Security Considerations

**Token compared with ==:**
- Risk: timing attack
- Files: \`app/auth.py\` (lines 2-3), \`app/gone.py\`

## Tech Debt

**Dual migrations:**
- Issue: two systems
- Files: \`migrations/*.sql\`
- Fix approach: move to \`alembic/env.py\`
`;

function repo(t: TestContext, files: Record<string, string>): string {
  return tempWorkspace(t, files, 'concerns-cli-');
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // --no-git: these tests are about the model; drift has its own tests.
  const code = await runCli(argv[0] === 'index' ? [...argv, '--no-git'] : argv, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const FILES = { '.planning/codebase/CONCERNS.md': DOC, 'app/auth.py': 'a\nb\nc\nd\n', 'migrations/001.sql': 'x\n', 'migrations/002.sql': 'y\n' };

void test('index --json: the documented shape, workspace-relative paths, 1-based lines, statuses', async (t) => {
  const root = repo(t, FILES);
  const { code, out, err } = await cli(['index', '--json'], root);
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as { documents: { path: string; analysisDate: string; commit: string; concerns: { id: string; title: string; category: string; line: number; fields: { name: string; line: number }[]; references: { path: string; kind: string; ranges: unknown[]; status: string; matches: string[]; field: string; line: number }[] }[] }[] };
  assert.equal(json.documents.length, 1);
  const doc = json.documents[0]!;
  assert.equal(doc.path, '.planning/codebase/CONCERNS.md');
  assert.equal(doc.analysisDate, '2026-04-21');
  assert.equal(doc.commit, '1a2b3c4');
  const [token, migrations] = doc.concerns;
  assert.equal(token?.title, 'Token compared with ==');
  assert.equal(token?.line, 7);
  assert.deepEqual(token?.fields.map((f) => [f.name, f.line]), [['risk', 8], ['files', 9]]);
  assert.deepEqual(token?.references.map((r) => [r.path, r.kind, r.ranges, r.status, r.matches, r.field, r.line]), [
    ['app/auth.py', 'file', [{ start: 2, end: 3 }], 'ok', ['app/auth.py'], 'files', 9],
    ['app/gone.py', 'file', [], 'missing', [], 'files', 9],
  ]);
  assert.deepEqual(migrations?.references.map((r) => [r.path, r.kind, r.status, r.matches]), [
    ['migrations/*.sql', 'glob', 'ok', ['migrations/001.sql', 'migrations/002.sql']],
    ['alembic/env.py', 'file', 'proposed', []],
  ]);
  assert.match(token?.id ?? '', /^[0-9a-f]{8}$/);
});

void test('index without --json: a readable summary with the problems and their document lines', async (t) => {
  const root = repo(t, FILES);
  const { code, out } = (await cli(['index', '--root', root], os.tmpdir()));
  assert.equal(code, 0);
  assert.match(out, /\.planning\/codebase\/CONCERNS\.md \(analysed 2026-04-21 at 1a2b3c4\)/);
  assert.match(out, /2 concerns \(0 resolved\), 4 references/);
  assert.match(out, /1 +Security Considerations/);
  assert.match(out, /references: 2 ok, 1 missing, 1 proposed/);
  assert.match(out, /\.planning\/codebase\/CONCERNS\.md:9 {2}missing {2}app\/gone\.py {2}\(Token compared with ==\)/);
});

void test('--doc names a document; nested projects resolve against their own root', async (t) => {
  const root = repo(t, { 'backend/.planning/codebase/CONCERNS.md': DOC, 'backend/app/auth.py': 'a\nb\nc\n', 'notes/risks.md': DOC });
  const found = JSON.parse((await cli(['index', '--json'], root)).out) as { documents: { path: string; root: string; concerns: { references: { status: string; matches: string[] }[] }[] }[] };
  assert.deepEqual(found.documents.map((d) => [d.path, d.root]), [['backend/.planning/codebase/CONCERNS.md', 'backend']]);
  assert.deepEqual(found.documents[0]!.concerns[0]!.references[0]!.matches, ['backend/app/auth.py']);
  const named = JSON.parse((await cli(['index', '--json', '--doc', 'notes/risks.md'], root)).out) as { documents: { path: string }[] };
  assert.deepEqual(named.documents.map((d) => d.path), ['notes/risks.md']);
});

void test('the family\'s other folders are found too: .gsd, .forge, .claude, codebase, docs and .specs/codebase, at the root and nested', async (t) => {
  const root = repo(t, {
    '.gsd/codebase/CONCERNS.md': DOC,
    'app/auth.py': 'a\nb\nc\n',
    'apps/web/.forge/codebase/concerns.md': DOC,
    'apps/web/app/auth.py': 'a\nb\nc\n',
    'services/api/.gsd/codebase/CONCERNS.md': DOC,
    // A concerns document kept in a docs folder, nested.
    'tools/smpp/docs/concerns.md': DOC,
    'tools/smpp/app/auth.py': 'a\nb\nc\n',
    // Not a document place: a CONCERNS.md deeper than the root must sit in a docs folder.
    'services/api/notes/CONCERNS.md': DOC,
    // Agents' own folders, a `codebase/` folder of its own, a document straight in `.gsd/`.
    '.claude/codebase/CONCERNS.md': DOC,
    'libs/core/codebase/CONCERNS.md': DOC,
    'libs/core/app/auth.py': 'a\nb\nc\n',
    'services/billing/.gsd/CONCERNS.md': DOC,
    // Spec-driven tools' `.specs/codebase/`, nested; only their `codebase/` is a place.
    'packages/pay/.specs/codebase/CONCERNS.md': DOC,
    'packages/pay/app/auth.py': 'a\nb\nc\n',
    'packages/pay/.specs/CONCERNS.md': DOC,
  });
  const found = JSON.parse((await cli(['index', '--json'], root)).out) as { documents: { path: string; root: string; concerns: { references: { matches: string[] }[] }[] }[] };
  assert.deepEqual(found.documents.map((d) => [d.path, d.root]), [
    ['.claude/codebase/CONCERNS.md', ''],
    ['.gsd/codebase/CONCERNS.md', ''],
    ['apps/web/.forge/codebase/concerns.md', 'apps/web'],
    ['libs/core/codebase/CONCERNS.md', 'libs/core'],
    ['packages/pay/.specs/codebase/CONCERNS.md', 'packages/pay'],
    ['services/api/.gsd/codebase/CONCERNS.md', 'services/api'],
    ['services/billing/.gsd/CONCERNS.md', 'services/billing'],
    ['tools/smpp/docs/concerns.md', 'tools/smpp'],
  ]);
  // A nested document's paths are read in its own project first.
  assert.deepEqual(found.documents[2]!.concerns[0]!.references[0]!.matches, ['apps/web/app/auth.py']);
  assert.deepEqual(found.documents[3]!.concerns[0]!.references[0]!.matches, ['libs/core/app/auth.py']);
  assert.deepEqual(found.documents[1]!.concerns[0]!.references[0]!.matches, ['app/auth.py']);
  assert.deepEqual(found.documents[4]!.concerns[0]!.references[0]!.matches, ['packages/pay/app/auth.py']);
  // Named by hand, the project is still the folder holding `.gsd/` / `.forge/`.
  const named = JSON.parse((await cli(['index', '--json', '--doc', 'apps/web/.forge/codebase/concerns.md', '--doc', 'libs/core/codebase/CONCERNS.md'], root)).out) as { documents: { root: string }[] };
  assert.deepEqual(named.documents.map((d) => d.root), ['apps/web', 'libs/core']);
});

void test('bad arguments and unreadable documents: a clear message and a non-zero exit', async (t) => {
  const root = repo(t, FILES);
  const unknown = (await cli(['index', '--frobnicate'], root));
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown option '--frobnicate'/);
  assert.match(unknown.err, /concerns index --help/);
  assert.equal((await cli(['index', '--root'], root)).code, 2);
  assert.equal((await cli(['explode'], root)).code, 2);
  const noRoot = (await cli(['index', '--root', path.join(root, 'nope')], root));
  assert.equal(noRoot.code, 2);
  assert.match(noRoot.err, /is not a directory/);
  const missingDoc = (await cli(['index', '--doc', 'missing.md'], root));
  assert.equal(missingDoc.code, 1);
  assert.match(missingDoc.err, /cannot read the document missing\.md: file not found/);
  const outside = (await cli(['index', '--doc', '../elsewhere.md'], root));
  assert.equal(outside.code, 2);
  assert.match(outside.err, /outside the root/);
  assert.equal((await cli(['--help'], root)).code, 0);
});

void test('the installed bin runs the built command line (npx concerns)', (t) => {
  const built = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  if (!fs.existsSync(built)) return t.skip('dist/cli.js is not built (npm run build)');
  const root = repo(t, FILES);
  const result = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', 'bin', 'concerns.js'), 'index', '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal((JSON.parse(result.stdout) as { documents: unknown[] }).documents.length, 1);
});

void test('a document whose indexing throws gets an error note of its own; the other is printed, the exit code stays 0 (CONCERNS_FAULT=index:PATH)', (t) => {
  const root = tempWorkspace(t, {
    'a/.planning/codebase/CONCERNS.md': '# C\n\n## Tech Debt\n\n**Fails:**\n- Issue: x\n- Files: `src/a.py`\n',
    'b/.planning/codebase/CONCERNS.md': '# C\n\n## Tech Debt\n\n**Sound:**\n- Issue: x\n- Files: `src/ok.py`\n',
    'b/src/ok.py': 'x\n',
  }, 'concerns-cli-fault-');
  const main = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, 'index', '--root', root, '--json', '--no-git'], {
    cwd: path.resolve(__dirname, '..', '..'),
    encoding: 'utf8',
    env: { ...process.env, CONCERNS_FAULT: 'index:a/.planning/codebase/CONCERNS.md' },
  });
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout) as { documents: { path: string; concerns: { title: string }[]; notes: { message: string; severity: string }[] }[] };
  const a = json.documents.find((d) => d.path.startsWith('a/'));
  const b = json.documents.find((d) => d.path.startsWith('b/'));
  assert.deepEqual(a?.concerns, []);
  assert.match(a?.notes[0]?.message ?? '', /could not be indexed: injected fault/);
  assert.equal(a?.notes[0]?.severity, 'error');
  assert.deepEqual(b?.concerns.map((c) => c.title), ['Sound']);
  assert.match(result.stderr, /a\/\.planning\/codebase\/CONCERNS\.md: This document could not be indexed/);
});
