// Drift, pure: diff parsing, the in-process line diff, and ranges followed through hunks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDefinitions } from '../../server/src/core/drift/anchor';
import { parseUnifiedDiff } from '../../server/src/core/drift/hunks';
import { diffLines, splitLines } from '../../server/src/core/drift/lineDiff';
import { mapReference, mapSpan, type FileHistory } from '../../server/src/core/drift/mapRange';
import { updatedReferenceText } from '../../server/src/core/drift/updateLines';
import type { ResolvedReference } from '../../server/src/core/model';

const DIFF = `diff --git a/src/a.py b/src/a.py
index 1111111..2222222 100644
--- a/src/a.py
+++ b/src/a.py
@@ -2,0 +3,3 @@ def f():
+x
+--- y
+z
@@ -20 +23 @@
-old
+new
diff --git a/old name.py b/new name.py
similarity index 90%
rename from old name.py
rename to new name.py
@@ -5,2 +4,0 @@
-a
-b
diff --git a/gone.py b/gone.py
deleted file mode 100644
index 3333333..0000000
--- a/gone.py
+++ /dev/null
@@ -1,3 +0,0 @@
-1
-2
-3
diff --git "a/caf\\303\\251.py" "b/caf\\303\\251.py"
--- "a/caf\\303\\251.py"
+++ "b/caf\\303\\251.py"
@@ -1 +1 @@
-x
+y
`;

void test('unified diff: hunks, renames, deletions, quoted paths', () => {
  const files = parseUnifiedDiff(DIFF);
  assert.equal(files.length, 4);
  assert.deepEqual(files[0], { oldPath: 'src/a.py', newPath: 'src/a.py', change: 'modified', hunks: [{ oldStart: 2, oldCount: 0, newStart: 3, newCount: 3 }, { oldStart: 20, oldCount: 1, newStart: 23, newCount: 1 }] });
  assert.equal(files[1]!.change, 'renamed');
  assert.equal(files[1]!.oldPath, 'old name.py');
  assert.equal(files[1]!.newPath, 'new name.py');
  assert.equal(files[2]!.change, 'deleted');
  assert.equal(files[2]!.newPath, undefined);
  assert.equal(files[3]!.oldPath, 'café.py');
});

void test('line diff: hunks shaped like git -U0, and they map text a onto text b', () => {
  const a = splitLines('1\n2\n3\n4\n5\n6\n');
  const b = splitLines('0\n1\n2\n4\n5x\n6\n7\n');
  const hunks = diffLines(a, b);
  assert.deepEqual(hunks, [
    { oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 },
    { oldStart: 3, oldCount: 1, newStart: 3, newCount: 0 },
    { oldStart: 5, oldCount: 1, newStart: 5, newCount: 1 },
    { oldStart: 6, oldCount: 0, newStart: 7, newCount: 1 },
  ]);
  assert.deepEqual(diffLines(a, a), []);
  // Property: every unchanged line maps onto an equal line.
  for (let seed = 1; seed < 60; seed++) {
    let x = seed;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const base = Array.from({ length: 40 }, (_, i) => `l${i % 13}`);
    const next = base.flatMap((l) => (rnd() < 0.1 ? [] : rnd() < 0.1 ? [l, `n${Math.floor(rnd() * 5)}`] : rnd() < 0.05 ? ['edit'] : [l]));
    const h = diffLines(base, next);
    for (let line = 1; line <= base.length; line++) {
      const m = mapSpan(line, line, h);
      if (!m.touched) assert.equal(next[m.start - 1], base[line - 1], `seed ${seed} line ${line}`);
    }
  }
});

void test('a span shifts with lines above, is changed when edited, deleted when removed', () => {
  const insertAbove = [{ oldStart: 2, oldCount: 0, newStart: 3, newCount: 3 }];
  assert.deepEqual(mapSpan(10, 12, insertAbove), { start: 13, end: 15, touched: false, deleted: false });
  const removeAbove = [{ oldStart: 2, oldCount: 4, newStart: 1, newCount: 0 }];
  assert.deepEqual(mapSpan(10, 12, removeAbove), { start: 6, end: 8, touched: false, deleted: false });
  const below = [{ oldStart: 30, oldCount: 2, newStart: 30, newCount: 9 }];
  assert.deepEqual(mapSpan(10, 12, below), { start: 10, end: 12, touched: false, deleted: false });
  const inside = [{ oldStart: 11, oldCount: 1, newStart: 11, newCount: 1 }];
  assert.equal(mapSpan(10, 12, inside).touched, true);
  const insertedInside = [{ oldStart: 10, oldCount: 0, newStart: 11, newCount: 2 }];
  assert.equal(mapSpan(10, 12, insertedInside).touched, true);
  assert.equal(mapSpan(10, 12, [{ oldStart: 12, oldCount: 0, newStart: 13, newCount: 2 }]).touched, false);
  const removed = [{ oldStart: 9, oldCount: 5, newStart: 8, newCount: 0 }];
  assert.equal(mapSpan(10, 12, removed).deleted, true);
});

const history = (h: Partial<FileHistory>): FileHistory => ({ change: 'modified', currentPath: 'a.py', stages: [], ...h });

void test('mapReference: states exact, moved, changed, gone, and the moved function found by its text', () => {
  const ref = { path: 'a.py', ranges: [{ start: 10, end: 12 }] };
  assert.equal(mapReference(ref, history({ change: 'unchanged' }), 'b').state, 'exact');
  assert.equal(mapReference(ref, history({ stages: [[{ oldStart: 1, oldCount: 0, newStart: 2, newCount: 1 }]] }), 'b').state, 'moved');
  assert.equal(mapReference(ref, history({ change: 'deleted' }), 'b').state, 'gone');
  const renamed = mapReference(ref, history({ change: 'renamed', currentPath: 'b.py' }), 'b');
  assert.equal(renamed.state, 'moved');
  assert.equal(renamed.path, 'b.py');
  assert.equal(mapReference(ref, history({ stages: [[{ oldStart: 11, oldCount: 1, newStart: 11, newCount: 1 }]] }), 'b').state, 'changed');
  // A function moved from lines 10-12 to the end: deleted there, inserted below; found by its text.
  const base = Array.from({ length: 20 }, (_, i) => `stmt_${i + 1}()`);
  const moved = [...base.slice(0, 9), ...base.slice(12), ...base.slice(9, 12)];
  const loc = mapReference(ref, history({ stages: [diffLines(base, moved)], baseLines: base, currentLines: moved }), 'b');
  assert.equal(loc.state, 'moved');
  assert.deepEqual(loc.ranges, [{ start: 18, end: 20 }]);
});

void test('symbol re-anchoring: the mapped lines lost the symbol, its definition is found', () => {
  const base = ['import x', '', 'def helper():', '    pass', '', 'def get_marks(user):', '    return db.marks(user)', ''];
  const now = ['import x', '', 'def get_marks(user, term):', '    rows = db.marks(user)', '    return rows', '', 'def helper():', '    pass', ''];
  const ref = { path: 'a.py', ranges: [{ start: 6, end: 7 }], symbol: 'get_marks' };
  const loc = mapReference(ref, history({ stages: [diffLines(base, now)], baseLines: base, currentLines: now }), 'b');
  assert.equal(loc.state, 'changed');
  assert.deepEqual(loc.ranges, [{ start: 3, end: 4 }]);
  assert.deepEqual(findDefinitions(['class RateLimiter:', '  x = RateLimiter()'], 'RateLimiter'), [1]);
  assert.deepEqual(findDefinitions(['export async function login(u) {', 'login(u);', '  login(user: string): void {'], 'login'), [1, 3]);
});

void test('update line numbers rewrites the spec and the path, and leaves what it does not understand', () => {
  const ref = (text: string, path: string, written: { start: number; end: number; toEnd?: boolean }[], now: { start: number; end: number }[], newPath = path): ResolvedReference =>
    ({
      text, path, kind: 'file', ranges: written, field: 'files', range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }, quoted: true, inFixField: false, status: 'ok', matches: [path],
      location: { state: 'moved', path: newPath, ranges: now, writtenPath: path, writtenRanges: written },
    });
  assert.equal(updatedReferenceText(ref('`web_api/auth.py` (lines 83-98)', 'web_api/auth.py', [{ start: 83, end: 98 }], [{ start: 90, end: 105 }]), ''), '`web_api/auth.py` (lines 90-105)');
  assert.equal(updatedReferenceText(ref('`b.py:97-99`', 'b.py', [{ start: 97, end: 99 }], [{ start: 7, end: 9 }]), ''), '`b.py:7-9`');
  assert.equal(updatedReferenceText(ref('`c.py` lines 98, 127', 'c.py', [{ start: 98, end: 98 }, { start: 127, end: 127 }], [{ start: 99, end: 99 }, { start: 130, end: 130 }]), ''), '`c.py` lines 99, 130');
  assert.equal(updatedReferenceText(ref('`u2.py` `get_v2()` (line 46)', 'u2.py', [{ start: 46, end: 46 }], [{ start: 50, end: 50 }]), ''), '`u2.py` `get_v2()` (line 50)');
  assert.equal(updatedReferenceText(ref('`src/old.py` (line 4)', 'src/old.py', [{ start: 4, end: 4 }], [{ start: 4, end: 4 }], 'src/new.py'), ''), '`src/new.py` (line 4)');
  assert.equal(updatedReferenceText(ref('`x.ts` (lines 12–end)', 'x.ts', [{ start: 12, end: 12, toEnd: true }], [{ start: 15, end: 15 }]), ''), '`x.ts` (lines 15–end)');
});
