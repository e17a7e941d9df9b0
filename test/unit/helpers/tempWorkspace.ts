/**
 * Temporary folders for tests, filled with files and removed when the test ends. Shared by the
 * unit, CLI and protocol tests, which all build small workspaces on disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';

/** An empty temp folder (its real path: `/tmp` may be a link), removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'concerns-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (workspace-relative path → content) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** A temp folder holding `files`, removed when the test ends. */
export function tempWorkspace(t: TestContext, files: Record<string, string | Buffer>, prefix?: string): string {
  const root = tempDir(t, prefix);
  writeFiles(root, files);
  return root;
}
