import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceText } from '../../server/src/core/parse/source';

void test('SourceText: positions and offsets agree on LF, CRLF and lone CR lines, and clamp', () => {
  const source = new SourceText('ab\ncd\r\nef\rgh');
  for (let offset = 0; offset <= source.text.length; offset++) {
    const position = source.positionAt(offset);
    // A position inside a line break maps back to the start of the break.
    assert.equal(source.offsetAt(position), offset, `offset ${offset}`);
  }
  assert.equal(source.textIn({ start: { line: 1, character: 0 }, end: { line: 3, character: 1 } }), 'cd\r\nef\rg');
  assert.equal(source.offsetAt({ line: 0, character: 99 }), 3, 'clamped to the start of the next line');
  assert.equal(source.offsetAt({ line: 99, character: 0 }), 10, 'clamped to the last line');
});
