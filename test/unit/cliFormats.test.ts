// The pure formatters of `concerns check`: GitHub workflow commands (escaping, per-step limits)
// and what "touched" means for a range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/report/findings';
import { ANNOTATIONS_PER_LEVEL, escapeData, escapeProperty, githubAnnotations } from '../../server/src/core/report/github';
import { rangeTouched } from '../../server/src/core/report/touched';
import { fingerprintOf } from '../../server/src/core/report/sarif';

function finding(i: number, level: Finding['level'], extra: Partial<Finding> = {}): Finding {
  return {
    kind: 'touched',
    group: 'touched',
    level,
    documentPath: 'CONCERNS.md',
    concern: { id: `c${i}`, category: 'Known Bugs', title: `Bug ${i}` },
    reference: { text: `app/f${i}.py (line ${i})`, path: `app/f${i}.py`, documentLine: 10 + i },
    at: { path: `app/f${i}.py`, startLine: i + 1, endLine: i + 3 },
    message: `This change edits app/f${i}.py`,
    ...extra,
  };
}

void test('github: data escapes %, CR and LF; properties also : and ,', () => {
  assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  const out = githubAnnotations(
    [finding(1, 'warning', { concern: { id: 'x', category: 'Known Bugs', title: 'Ratio: 50%, always', fix: { label: 'Fix approach', text: 'line one\nline two' } }, at: { path: 'dir,with:odd/f.py', startLine: 4, endLine: 4 } })],
    { repoPrefix: 'svc/', unreadable: [], notes: [] },
  );
  const line = out.trimEnd();
  assert.equal(line.split('\n').length, 1, 'one workflow command per line: newlines in the message are escaped');
  assert.match(line, /^::warning file=svc\/dir%2Cwith%3Aodd\/f\.py,line=4,title=Touches a concern \(Known Bugs\)%3A Ratio%3A 50%25%2C always::/);
  assert.doesNotMatch(line, /endLine/, 'a one-line range has no endLine');
  assert.match(line, /Fix approach: line one%0Aline two/);
});

void test('github: at most 10 annotations of each level, the rest summarised in one line', () => {
  const findings = [...Array.from({ length: 14 }, (_, i) => finding(i, 'warning')), ...Array.from({ length: 12 }, (_, i) => finding(100 + i, 'hint')), finding(200, 'error')];
  const lines = githubAnnotations(findings, { repoPrefix: '', unreadable: [], notes: [] }).trimEnd().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, ANNOTATIONS_PER_LEVEL);
  assert.equal(lines.filter((l) => l.startsWith('::notice ')).length, ANNOTATIONS_PER_LEVEL);
  assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 1);
  const summary = lines.filter((l) => !l.startsWith('::'));
  assert.deepEqual(summary, ['concerns: 6 more findings not shown as annotations (GitHub shows 10 of each level per step): 4 warnings, 2 notices; run `concerns check` or upload the SARIF for all of them']);
  assert.match(lines[0]!, /^::warning file=app\/f0\.py,line=1,endLine=3,title=/);
});

void test('touched: a hunk inside, overlapping or deleting at the edge of a range touches it; one beside it does not', () => {
  const modified = (hunks: { oldStart: number; oldCount: number; newStart: number; newCount: number }[]) => ({ change: 'modified' as const, hunks });
  const range = { start: 10, end: 20 };
  assert.equal(rangeTouched(modified([{ oldStart: 15, oldCount: 1, newStart: 15, newCount: 1 }]), range), true);
  assert.equal(rangeTouched(modified([{ oldStart: 5, oldCount: 6, newStart: 5, newCount: 6 }]), range), true, 'overlaps line 10');
  assert.equal(rangeTouched(modified([{ oldStart: 1, oldCount: 1, newStart: 1, newCount: 1 }, { oldStart: 30, oldCount: 2, newStart: 30, newCount: 2 }]), range), false);
  assert.equal(rangeTouched(modified([{ oldStart: 21, oldCount: 0, newStart: 21, newCount: 3 }]), range), false, 'lines inserted after the range');
  assert.equal(rangeTouched(modified([{ oldStart: 12, oldCount: 3, newStart: 11, newCount: 0 }]), range), true, 'lines deleted inside the range');
  assert.equal(rangeTouched(modified([{ oldStart: 30, oldCount: 3, newStart: 25, newCount: 0 }]), range), false, 'lines deleted away from it');
  assert.equal(rangeTouched(modified([{ oldStart: 40, oldCount: 1, newStart: 40, newCount: 1 }]), { start: 10, end: 10, toEnd: true }), true, 'a range to the end of the file');
  assert.equal(rangeTouched({ change: 'added', hunks: [] }, range), true);
});

void test('sarif fingerprints: the concern, the reference as written and the kind; never the lines', () => {
  const a = finding(1, 'warning');
  const moved = { ...a, at: { ...a.at, startLine: 50, endLine: 52 }, reference: { ...a.reference, documentLine: 99 } };
  assert.equal(fingerprintOf(moved), fingerprintOf(a));
  assert.notEqual(fingerprintOf({ ...a, kind: 'changed', group: 'changed' }), fingerprintOf(a));
  assert.notEqual(fingerprintOf({ ...a, reference: { ...a.reference, text: 'app/f1.py (line 2)' } }), fingerprintOf(a));
  assert.notEqual(fingerprintOf({ ...a, concern: { ...a.concern, id: 'other' } }), fingerprintOf(a));
});
