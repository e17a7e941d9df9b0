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
