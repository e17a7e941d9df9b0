import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referenceRows } from '../../client/src/tree/referenceRows';
import type { TreeReference } from '../../server/src/protocol';

const ref = (text: string, ranges: [number, number][], extra: Partial<TreeReference> = {}): TreeReference => ({
  text,
  path: 'src/a.py',
  kind: 'file',
  status: 'ok',
  ranges: ranges.map(([start, end]) => ({ start, end })),
  targets: ['file:///w/src/a.py'],
  targetCount: 1,
  ...extra,
});

void test('a file named in several fields of a concern is one row, with every range', () => {
  const rows = referenceRows([ref('`src/a.py` (lines 10-12)', [[10, 12]]), ref('`src/a.py`', []), ref('`src/a.py:20`', [[20, 20]]), ref('`src/a.py:20`', [[20, 20]])]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.index, 0);
  assert.deepEqual(rows[0]!.reference.ranges, [{ start: 10, end: 12 }, { start: 20, end: 20 }]);
  assert.equal(rows[0]!.reference.text, '`src/a.py` (lines 10-12), `src/a.py`, `src/a.py:20`');
});

void test('different files, statuses or drifted code keep their own rows', () => {
  const rows = referenceRows([
    ref('`src/a.py:3`', [[3, 3]]),
    ref('`src/b.py`', [], { path: 'src/b.py', targets: ['file:///w/src/b.py'] }),
    ref('`src/a.py:900`', [[900, 900]], { status: 'out-of-range' }),
    ref('`src/a.py:5`', [[5, 5]], { state: 'moved', currentPath: 'src/a.py', currentRanges: [{ start: 9, end: 9 }], showChanges: true }),
    ref('`src/a.py:7`', [[7, 7]], { state: 'unknown', driftNote: 'history not available: shallow clone' }),
  ]);
  assert.deepEqual(
    rows.map((r) => [r.index, r.reference.path, r.reference.ranges.map((x) => x.start)]),
    [
      [0, 'src/a.py', [3]],
      [1, 'src/b.py', []],
      [2, 'src/a.py', [900]],
      [3, 'src/a.py', [5]],
      [4, 'src/a.py', [7]],
    ],
  );
});
