// The server's heap keeper: after a pass it collects only when the heap grew past its slack
// since the last collection, and the collection gives the garbage back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import { HeapKeeper } from '../../server/src/node/heapKeeper';

const used = () => v8.getHeapStatistics().used_heap_size;

void test('collects after a burst of garbage, not after a quiet pass, and not again at once', () => {
  const keeper = new HeapKeeper();
  const t0 = performance.now();
  keeper.afterWork(t0); // settles on what the test runner holds now (collects or not)
  assert.equal(keeper.afterWork(t0 + 60_000), false, 'nothing grew since');
  // Some 60 MB of small objects kept alive, then dropped: garbage in the old generation.
  let garbage: { k: number; i: number }[][] | undefined = Array.from({ length: 5 }, (_, i) => Array.from({ length: 500_000 }, (_, k) => ({ k, i })));
  assert.equal(garbage.length, 5);
  const grown = used();
  garbage = undefined;
  assert.equal(keeper.afterWork(t0 + 120_000), true, 'the heap grew past the slack');
  assert.ok(used() < grown - 40 * 1024 * 1024, `the collection gave it back: ${(grown / 1e6).toFixed(0)} MB before, ${(used() / 1e6).toFixed(0)} MB after`);

  // Grown again at once: not collected again until ten times the last collection's time has passed.
  garbage = Array.from({ length: 5 }, (_, i) => Array.from({ length: 500_000 }, (_, k) => ({ k, i })));
  garbage = undefined;
  assert.equal(keeper.afterWork(t0 + 120_000), false, 'too soon after the last collection');
  assert.equal(keeper.afterWork(t0 + 240_000), true, 'later, it collects');
});
