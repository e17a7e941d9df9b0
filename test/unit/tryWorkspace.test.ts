// `npm run try` opens a demo copy of example/, never example/ itself (the browser-served VS Code
// saves by itself: a "Mark resolved" there would change the project), and the copy's git history
// shows each drift state in the first minute.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
// @ts-expect-error: a plain ES module of the scripts, without types.
import { makeDemoWorkspace } from '../../scripts/lib/demoWorkspace.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'example');

/** Every file of a folder with the hash of its bytes. */
function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, abs), createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
  }
  return out;
}

void test('the try workspace: a git copy of example/ outside the project, example/ untouched', async (t) => {
  const before = fingerprint(EXAMPLE);
  const demo = (makeDemoWorkspace as (dir: string) => { dir: string; cleanup: () => void })(EXAMPLE);
  t.after(() => demo.cleanup());
  assert.ok(path.relative(ROOT, demo.dir).startsWith('..'), `the copy ${demo.dir} lies outside the project`);
  assert.deepEqual(fingerprint(EXAMPLE), before, 'example/ is byte for byte what it was');
  assert.ok(!fs.existsSync(path.join(EXAMPLE, '.git')), 'example/ did not become a repository');

  // Drift on the copy, as the editor computes it: each state of the first minute is there.
  let out = '';
  const code = await runCli(['index', '--root', demo.dir, '--doc', path.join(demo.dir, '.planning/codebase/CONCERNS.md'), '--json'], { cwd: demo.dir, out: (s: string) => (out += s), err: () => {} });
  assert.equal(code, 0);
  const model = JSON.parse(out) as { documents: { concerns: { title: string; references: { text: string; location?: { state: string; path: string; ranges: { start: number; end: number }[] } }[] }[] }[] };
  const stateOf = (title: RegExp, text: string) => {
    const concern = model.documents[0]!.concerns.find((c) => title.test(c.title))!;
    return concern.references.find((r) => r.text === text)?.location;
  };
  const token = stateOf(/^API token compared/, '`web_api/auth.py` (lines 36-40)');
  assert.deepEqual([token?.state, token?.ranges], ['moved', [{ start: 68, end: 72 }]], 'the function moved to the end of the file');
  assert.equal(stateOf(/^Payment calls/, '`core/payments.py:12`')?.state, 'changed');
  assert.equal(stateOf(/^API client errors/, '`frontend/src/lib/api.ts:13`')?.path, 'frontend/src/lib/apiClient.ts');
  assert.equal(stateOf(/^API client errors/, '`frontend/src/lib/api.ts:13`')?.state, 'moved');
  assert.equal(stateOf(/^Process-wide cache/, '`core/cache.py` (line 4)')?.state, 'gone');
});
