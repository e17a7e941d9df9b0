// The extension's manifest against the server's discovery: VS Code activates the extension only
// on what package.json names, so every place the server looks for a concerns document, at the
// folder root and in nested projects, must be an activation event.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DOC_DIRS } from '../../server/src/node/discovery';

const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { activationEvents: string[] };

void test('every place discovery looks for a document activates the extension, at the root and nested', () => {
  const events = new Set(manifest.activationEvents);
  for (const dir of DOC_DIRS) {
    // Discovery takes the name in any case; the activation globs spell the two that occur.
    for (const name of ['CONCERNS.md', 'concerns.md']) {
      const at = dir ? `${dir}/${name}` : name;
      assert.ok(events.has(`workspaceContains:${at}`), `at the root: ${at}`);
      // A bare CONCERNS.md counts at the root only (discovery.ts); the others also in nested projects.
      if (dir) assert.ok(events.has(`workspaceContains:**/${at}`), `nested: **/${at}`);
    }
  }
});

void test('both packages can be made: no `files` list beside .vscodeignore (vsce refuses the pair), and npm ships the command and what it runs', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { files?: unknown; bin: Record<string, string> };
  assert.ok(fs.existsSync(path.join(root, '.vscodeignore')));
  assert.equal(pkg.files, undefined, 'a files list makes `vsce package` fail while .vscodeignore exists');
  const shipped = new Set(
    fs
      .readFileSync(path.join(root, '.npmignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1)),
  );
  for (const bin of Object.values(pkg.bin)) assert.ok(shipped.has(bin.replace(/^\.\//, '')), `npm ships ${bin}`);
  // What bin/concerns.js loads at run time.
  const loads = [...fs.readFileSync(path.join(root, 'bin', 'concerns.js'), 'utf8').matchAll(/['"]\.\.\/(dist\/[^'"]+)['"]/g)].map((m) => m[1]!);
  assert.ok(loads.length > 0);
  for (const file of loads) assert.ok(shipped.has(file), `npm ships ${file}`);
});
