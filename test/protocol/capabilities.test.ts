// Regression tests for server bugs the protocol tests found (all fixed): clients with only some
// capabilities, and documents matched by the settings' globs that appear after start-up.
// Run: npm run build && node --import tsx --test test/protocol/knownServerBugs.test.ts
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { DEFAULT_CAPABILITIES, FileChangeType, fileUri, LspClient, type LspClientOptions } from './lspClient';
import { tempWorkspace } from '../unit/helpers/tempWorkspace';

const DOC = `# Codebase Concerns

## Tech Debt

**Legacy sync module kept alive:**
- Issue: the old nightly sync is still imported
- Files: \`src/a.py\` (lines 1-2)
`;

/** Short deadline: these are expected to fail until fixed, and should not slow the run much. */
const WAIT_MS = 1_500;

function workspace(t: TestContext, files: Record<string, string>): string {
  return tempWorkspace(t, files, 'concerns-protocol-caps-');
}

function client(t: TestContext, options: LspClientOptions = {}): LspClient {
  const c = new LspClient({ timeoutMs: WAIT_MS, ...options });
  t.after(() => c.dispose());
  return c;
}

void test(
  'a client with workspace/configuration but without workspaceFolders still gets diagnostics',
  async (t) => {
    const root = workspace(t, { '.planning/codebase/CONCERNS.md': DOC, 'src/a.py': 'a\nb\nc\n' });
    const c = client(t);
    await c.initialize([root], { capabilities: { ...DEFAULT_CAPABILITIES, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await c.waitForDiagnostics(fileUri(path.join(root, 'src/a.py')), (d) => d.length === 1);
    await c.shutdown();
  },
);

void test(
  'a client with workspaceFolders but without workspace/configuration: an added folder is indexed',
  async (t) => {
    const first = workspace(t, { 'src/a.py': 'a\nb\nc\n' });
    const second = workspace(t, { '.planning/codebase/CONCERNS.md': DOC, 'src/a.py': 'a\nb\nc\n' });
    const c = client(t);
    await c.initialize([first], { capabilities: { ...DEFAULT_CAPABILITIES, workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await c.waitForIndexChanged(1);
    await c.changeWorkspaceFolders([second]);
    await c.waitForDiagnostics(fileUri(path.join(second, 'src/a.py')), (d) => d.length === 1);
    await c.shutdown();
  },
);

void test(
  'a document matching concerns.documents that is created after start-up is indexed',
  async (t) => {
    const root = workspace(t, { 'src/a.py': 'a\nb\nc\n' });
    const c = client(t, { configuration: { concerns: { documents: ['notes/risks.md'] } } });
    await c.initialize([root]);
    await c.waitForIndexChanged(1);
    assert.deepEqual((await c.indexSummary()).documents, []);
    fs.mkdirSync(path.join(root, 'notes'));
    fs.writeFileSync(path.join(root, 'notes/risks.md'), DOC);
    await c.sendWatchedFiles([{ uri: fileUri(path.join(root, 'notes/risks.md')), type: FileChangeType.Created }]);
    await c.waitForDiagnostics(fileUri(path.join(root, 'src/a.py')), (d) => d.length === 1);
    await c.shutdown();
  },
);
