/**
 * Model fixtures: each folder under test/fixtures/model holds a concerns document
 * (`input.md`), optionally the workspace it is resolved against (`workspace.json`: path →
 * content, or a line count) and options (`options.json`: `{ "root": "backend" }`), and the
 * model it must yield (`expected.json`, as `concerns index --json` prints it).
 *
 * `UPDATE_FIXTURES=1` rewrites every expected.json from the current parser instead of
 * comparing; read the diff before committing it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentToJson } from '../../server/src/core/features/exportJson';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'model');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

interface FixtureOptions {
  /** Workspace-relative project root of the document ('' = the workspace root). */
  root?: string;
  /** Workspace-relative path of the document (default: `<root>/.planning/codebase/CONCERNS.md`). */
  path?: string;
}

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : fallback;
}

/** A workspace.json value is the file's content, or its number of lines. */
function workspaceFiles(spec: Record<string, string | number | null>): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const [file, value] of Object.entries(spec)) {
    files[file] = typeof value === 'number' ? Array.from({ length: value }, (_, i) => `line ${i + 1}\n`).join('') : value;
  }
  return files;
}

function model(dir: string): unknown {
  const input = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
  const options = readJson<FixtureOptions>(path.join(dir, 'options.json'), {});
  const root = options.root ?? '';
  const docPath = options.path ?? `${root ? `${root}/` : ''}.planning/codebase/CONCERNS.md`;
  const workspace = memoryWorkspace(workspaceFiles(readJson(path.join(dir, 'workspace.json'), {})));
  const resolved = resolveDocument(parseConcernsDocument(input), new ReferenceResolver(workspace), { root });
  // Through JSON, so the comparison sees exactly what expected.json can hold.
  return JSON.parse(JSON.stringify(documentToJson(docPath, root, resolved))) as unknown;
}

const folders = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(FIXTURES, entry.name, 'input.md')))
      .map((entry) => entry.name)
      .sort()
  : [];

if (UPDATE) console.log(`UPDATE_FIXTURES=1: rewriting expected.json in ${folders.length} model fixtures instead of comparing.`);

void test('model fixtures exist', () => {
  assert.ok(folders.length > 0, `no fixtures under ${FIXTURES}`);
});

for (const name of folders) {
  void test(`model fixture: ${name}`, () => {
    const dir = path.join(FIXTURES, name);
    const actual = model(dir);
    const expectedFile = path.join(dir, 'expected.json');
    if (UPDATE) {
      fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    assert.ok(fs.existsSync(expectedFile), `${name}: expected.json is missing (run with UPDATE_FIXTURES=1 to create it)`);
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as unknown;
    assert.deepStrictEqual(actual, expected);
  });
}
