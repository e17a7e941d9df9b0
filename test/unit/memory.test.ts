/**
 * Memory stays flat over 10,000 edit cycles of the core: parse the edited document, resolve it,
 * compute its diagnostics — what the server does on every pass. The heap is measured after a
 * forced GC before and after; growth beyond noise fails (a cache that keeps every version, a
 * listener per pass...). Prints the figures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { codeDiagnostics } from '../../server/src/core/features/diagnostics';
import { documentDiagnostics } from '../../server/src/core/features/documentDiagnostics';
import { LocationIndex } from '../../server/src/core/features/locations';
import { memoryWorkspace } from './helpers/memoryWorkspace';

/** 10,000 with CONCERNS_STRESS=full (about 25 s on a slow machine); 3,000 by default. */
const CYCLES = Number(process.env.CONCERNS_MEMORY_CYCLES ?? (process.env.CONCERNS_STRESS === 'full' ? 10_000 : 3_000));
/** Noise: V8's heap after a full GC wobbles by a few MB (code, feedback vectors, the test runner). */
const NOISE_BYTES = 8 * 1024 * 1024;

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

const BASE = `# Codebase Concerns

**Analysis Date:** 2026-01-10

## Security Considerations

**Token compared with ==:**
- Risk: timing attack lets a caller guess the API token
- Files: \`src/auth.py\` (lines 3-5), \`src/*.py\`
- Recommendations: use hmac.compare_digest

## Tech Debt

**Legacy sync module kept alive:**
- Issue: the old nightly sync is still imported
- Files: \`src/legacy_sync.py\`, \`src/missing.py\`, \`~/.ssh/id_rsa\`
- Fix approach: delete the module
`;

void test(`memory stays flat over ${CYCLES.toLocaleString('en-US')} edit cycles (parse, resolve, diagnostics)`, () => {
  const ws = memoryWorkspace({ 'src/auth.py': 'a\n'.repeat(10), 'src/legacy_sync.py': 'x\n', 'src/db.py': 'y\n' });
  const resolver = new ReferenceResolver(ws);
  const cycle = (i: number) => {
    // Typing: a word grows and changes at one place, the line numbers move.
    const text = BASE.replace('(lines 3-5)', `(lines ${1 + (i % 7)}-${2 + (i % 7)})`).replace('still imported', `still imported ${'x'.repeat(i % 50)}`);
    const model = resolveDocument(parseConcernsDocument(text), resolver, { root: '' });
    const doc = { uri: 'file:///w/CONCERNS.md', path: 'CONCERNS.md', folderUri: 'file:///w', root: '', model };
    codeDiagnostics([doc]);
    documentDiagnostics(doc);
    new LocationIndex([doc], true);
  };
  // Warm up: caches fill to their steady size, code is compiled.
  for (let i = 0; i < 500; i++) cycle(i);
  const before = heapAfterGc();
  const t0 = performance.now();
  for (let i = 0; i < CYCLES; i++) cycle(i);
  const ms = performance.now() - t0;
  const after = heapAfterGc();
  const growth = after - before;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`reliability: ${CYCLES} edit cycles in ${(ms / 1000).toFixed(1)} s; heap ${mb(before)} before, ${mb(after)} after (${growth >= 0 ? '+' : ''}${mb(growth)}; bound ${mb(NOISE_BYTES)})`);
  assert.ok(growth < NOISE_BYTES, `the heap grew by ${mb(growth)} over ${CYCLES} cycles`);
});
