// The one read path for workspace files: inside the folder after links, regular files only
// (a FIFO never blocks), at most the cap; a document read as a prefix up to its cap.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MAX_DOCUMENT_BYTES, readDocumentText } from '../../server/src/node/discovery';
import { readCodeText, readWorkspaceFile } from '../../server/src/node/workspaceFile';
import { tempDir } from './helpers/tempWorkspace';

void test('inside and regular: read; a link out, a FIFO, a device, a directory, a missing file: refused with the reason', (t) => {
  const root = tempDir(t);
  const outside = path.join(tempDir(t, 'concerns-outside-'), 'secret.txt');
  fs.writeFileSync(outside, 'secret\n');
  fs.writeFileSync(path.join(root, 'a.txt'), 'hello\n');
  fs.symlinkSync('a.txt', path.join(root, 'inside-link.txt'));
  fs.symlinkSync(outside, path.join(root, 'out.txt'));
  fs.symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
  execFileSync('mkfifo', [path.join(root, 'fifo.txt')]);
  fs.mkdirSync(path.join(root, 'dir'));
  const at = (rel: string) => readCodeText(root, path.join(root, rel));
  assert.equal(at('a.txt'), 'hello\n');
  assert.equal(at('inside-link.txt'), 'hello\n');
  assert.deepEqual(at('out.txt'), { reason: 'outside' });
  assert.deepEqual(at('zero.txt'), { reason: 'outside' });
  const started = Date.now();
  assert.deepEqual(at('fifo.txt'), { reason: 'not-a-file' });
  assert.ok(Date.now() - started < 1000, 'a FIFO does not block');
  assert.deepEqual(at('dir'), { reason: 'not-a-file' });
  assert.deepEqual(at('nope.txt'), { reason: 'missing' });
  // /dev/zero itself, were it inside the folder: a device, refused before any byte is read.
  assert.deepEqual(readCodeText('/dev', '/dev/zero'), { reason: 'not-a-file' });
});

void test('the size cap: a file over it is too large (not missing); a prefix read stops at the cap', (t) => {
  const root = tempDir(t);
  const file = path.join(root, 'big.txt');
  fs.writeFileSync(file, 'x'.repeat(5000));
  assert.deepEqual(readWorkspaceFile(root, file, { maxBytes: 4096 }), { ok: false, reason: 'too-large' });
  const prefix = readWorkspaceFile(root, file, { maxBytes: 4096, prefix: true });
  assert.ok(prefix.ok);
  assert.equal(prefix.bytes.length, 4096);
  assert.equal(prefix.complete, false);
  const whole = readWorkspaceFile(root, file, { maxBytes: 5000 });
  assert.ok(whole.ok && whole.complete && whole.bytes.length === 5000);
});

void test('a concerns document larger than its cap is read as a prefix, never whole', (t) => {
  const root = tempDir(t);
  const doc = path.join(root, 'CONCERNS.md');
  const fd = fs.openSync(doc, 'w');
  // A sparse file past the cap: reading it whole would take its full size in memory.
  fs.writeSync(fd, '# Codebase Concerns\n');
  fs.ftruncateSync(fd, MAX_DOCUMENT_BYTES * 4);
  fs.closeSync(fd);
  const text = readDocumentText(root, doc);
  assert.ok(text !== undefined);
  assert.ok(Buffer.byteLength(text, 'utf8') <= MAX_DOCUMENT_BYTES + 3 * 1024, `read ${text.length} characters`);
  assert.ok(text.startsWith('# Codebase Concerns'));
});
