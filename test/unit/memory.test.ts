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

void test('a long document edited keystroke by keystroke: the parser caches keep no old version of it alive', () => {
  // Long enough to be cut into runs and pieces (the caches that outlive a keystroke): ~120 KB.
  const concerns = Array.from(
    { length: 400 },
    (_, i) => `**Concern ${i} in module ${i % 37}:**\n- Issue: the handler for route ${i} retries without a bound and logs the whole payload\n- Files: \`src/m${i % 50}.py\` (lines ${(i % 40) + 1}-${(i % 40) + 6}), \`lib/util${i % 9}.py\`\n- Impact: slow requests pile up under load\n- Fix approach: cap the retries and log a summary\n`,
  );
  let text = `# Codebase Concerns\n\n## Tech Debt\n\n${concerns.slice(0, 200).join('\n')}\n## Performance Bottlenecks\n\n${concerns.slice(200).join('\n')}`;
  const issues: number[] = [];
  for (let at = text.indexOf('- Issue: '); at >= 0; at = text.indexOf('- Issue: ', at + 1)) issues.push(at + 9);
  const edit = (i: number) => {
    const at = issues[(i * 7) % issues.length]!;
    text = text.slice(0, at) + 'x' + text.slice(at);
    for (let k = 0; k < issues.length; k++) if (issues[k]! >= at) issues[k]!++;
    return parseConcernsDocument(text);
  };
  let kept = parseConcernsDocument(text);
  for (let i = 0; i < 20; i++) kept = edit(i);
  const before = heapAfterGc();
  const edits = 200;
  for (let i = 20; i < 20 + edits; i++) kept = edit(i);
  const growth = heapAfterGc() - before;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`reliability: ${edits} keystrokes in a ${(text.length / 1024).toFixed(0)} KB document; heap ${growth >= 0 ? '+' : ''}${mb(growth)} (a version kept per keystroke would be +${mb(edits * text.length)})`);
  assert.equal(kept.concerns.length, 400);
  assert.ok(growth < NOISE_BYTES, `the heap grew by ${mb(growth)} over ${edits} keystrokes`);
});
