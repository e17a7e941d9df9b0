// Line counting on disk (a reference's range is checked against it): read through one reused
// buffer, chunk by chunk, with the same answers as reading the whole file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { countLines, MAX_COUNTED_BYTES } from '../../server/src/node/fileLines';
import { tempDir } from './helpers/tempWorkspace';

void test('lines are counted as an editor numbers them, across chunk boundaries; binaries and missing files give undefined', (t) => {
  const dir = tempDir(t);
  const cases: [string, string | Buffer, number | undefined][] = [
    ['empty', '', 0],
    ['one line, no final newline', 'a', 1],
    ['one line', 'a\n', 1],
    ['two lines, no final newline', 'a\nb', 2],
    ['blank lines', '\n\n\n', 3],
    ['CRLF', 'a\r\nb\r\n', 2],
    ['200,000 lines', 'x\n'.repeat(200_000), 200_000],
    ['a newline at the last byte of a chunk', `${'a'.repeat(64 * 1024 - 1)}\nb`, 2],
    ['a NUL in the first 8 KB', Buffer.from([65, 0, 66, 10]), undefined],
    ['a NUL after 200 bytes of text', Buffer.concat([Buffer.from('a\n'.repeat(100)), Buffer.from([0])]), undefined],
    ['a NUL after 8 KB', Buffer.concat([Buffer.from('a\n'.repeat(5000)), Buffer.from([0])]), 5001],
  ];
  for (const [name, content, expected] of cases) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    assert.equal(countLines(dir, file, fs.statSync(file).size), expected, name);
  }
  assert.equal(countLines(dir, path.join(dir, 'missing'), 10), undefined, 'a missing file');
  assert.equal(countLines(dir, path.join(dir, 'empty'), MAX_COUNTED_BYTES + 1), undefined, 'too large by its stat');
  // Grown past the cap since its stat: not read to the end.
  const grown = path.join(dir, 'grown');
  fs.writeFileSync(grown, Buffer.alloc(MAX_COUNTED_BYTES + 10, 10));
  assert.equal(countLines(dir, grown, 5), undefined);
});
