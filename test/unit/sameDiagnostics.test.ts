import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { sameDiagnostics } from '../../server/src/core/features/sameDiagnostics';

const base = (): Diagnostic => ({
  range: { start: { line: 2, character: 0 }, end: { line: 5, character: 0 } },
  severity: 2,
  source: 'concerns',
  code: 'Security',
  codeDescription: { href: 'file:///d.md#L7' },
  message: 'Title: text',
  relatedInformation: [{ location: { uri: 'file:///d.md', range: { start: { line: 6, character: 0 }, end: { line: 6, character: 9 } } }, message: 'Security › Title' }],
  data: { concernId: 'abc', documentUri: 'file:///d.md' },
});

void test('sameDiagnostics: equal lists compare equal, any visible difference does not', () => {
  assert.equal(sameDiagnostics([base()], [base()]), true);
  assert.equal(sameDiagnostics(undefined, [base()]), false);
  assert.equal(sameDiagnostics([base()], []), false);
  const changes: ((d: Diagnostic) => void)[] = [
    (d) => (d.range.start.line = 3),
    (d) => (d.range.end.character = 1),
    (d) => (d.message = 'Other'),
    (d) => (d.severity = 1),
    (d) => (d.code = 'Tech Debt'),
    (d) => (d.codeDescription = { href: 'file:///d.md#L8' }),
    (d) => (d.relatedInformation![0]!.location.range.start.line = 7),
    (d) => (d.relatedInformation![0]!.message = 'x'),
    (d) => (d.data = { concernId: 'abd', documentUri: 'file:///d.md' }),
    (d) => (d.tags = [1]),
  ];
  for (const change of changes) {
    const other = base();
    change(other);
    assert.equal(sameDiagnostics([base()], [other]), false, String(change));
  }
});
