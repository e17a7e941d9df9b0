// The parse store: a document's model kept between runs of the server, used only for the very
// text and parser it was made from, and never trusted blindly (malformed, cut short, stale).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isConcernsDocument } from '../../server/src/core/modelShape';
import { markdownRunsParsed } from '../../server/src/core/parse/markdown';
import { documentPiecesParsed, parseConcernsDocument, warmDocumentParse } from '../../server/src/core/parse/document';
import { FileParseStore } from '../../server/src/node/parseStore';
import { markdownDocumentFiles } from './helpers/documents';
import { tempDir } from './helpers/tempWorkspace';

const URI = 'file:///work/project/.planning/codebase/CONCERNS.md';
const DOC = '# Codebase Concerns\n\n## Tech Debt\n\n**Sync module kept alive:**\n- Issue: still imported\n- Files: `src/sync.py` (lines 3-9)\n';

function store(dir: string, parser = 'parser-a', logs: string[] = []): FileParseStore {
  // A day's delay: only flush() writes, so each test says when.
  return new FileParseStore(dir, parser, (m) => logs.push(m), 86_400_000);
}

void test('every fixture and corpus document comes back from the store deep-equal to its parse', (t) => {
  const dir = tempDir(t);
  const files = markdownDocumentFiles();
  assert.ok(files.length > 20, 'the fixtures are there');
  for (const [i, file] of files.entries()) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseConcernsDocument(text);
    assert.ok(isConcernsDocument(parsed), `${file}: the parser's own output passes the shape check`);
    const writer = store(dir);
    writer.save(`${URI}?${i}`, text, parsed);
    writer.flush();
    assert.deepStrictEqual(store(dir).load(`${URI}?${i}`, text), parsed, file);
  }
});

void test('an entry is used only for the same text, the same parser and the same document', (t) => {
  const dir = tempDir(t);
  const parsed = parseConcernsDocument(DOC);
  const writer = store(dir);
  writer.save(URI, DOC, parsed);
  assert.equal(store(dir).load(URI, DOC), undefined, 'nothing is written before the delay or a flush');
  writer.flush();
  assert.deepStrictEqual(store(dir).load(URI, DOC), parsed);
  assert.equal(store(dir).load(URI, `${DOC} `), undefined, 'the text changed by one character');
  assert.equal(store(dir, 'parser-b').load(URI, DOC), undefined, 'another parser made it');
  assert.equal(store(dir).load(`${URI}.bak`, DOC), undefined, 'another document');
});

void test('a cut-short, malformed or foreign entry is ignored with a message, never thrown', (t) => {
  const dir = tempDir(t);
  const parsed = parseConcernsDocument(DOC);
  const writer = store(dir);
  writer.save(URI, DOC, parsed);
  writer.flush();
  const [file] = fs.readdirSync(dir).map((f) => path.join(dir, f));
  const json = fs.readFileSync(file!, 'utf8');

  const logs: string[] = [];
  fs.writeFileSync(file!, json.slice(0, json.length / 2));
  assert.equal(store(dir, 'parser-a', logs).load(URI, DOC), undefined);
  assert.match(logs.join('\n'), /could not be read/);

  type Entry = { document: { concerns: { range: unknown; references: { ranges: unknown }[] }[] } };
  for (const mutate of [
    (e: Entry) => (e.document.concerns[0]!.range = null),
    (e: Entry) => (e.document.concerns[0]!.references[0]!.ranges = [{ start: -1, end: 2 }]),
    (e: Entry) => ((e.document as unknown as { concerns: unknown }).concerns = 'none'),
  ]) {
    const copy = JSON.parse(json) as Entry;
    mutate(copy);
    fs.writeFileSync(file!, JSON.stringify(copy));
    logs.length = 0;
    assert.equal(store(dir, 'parser-a', logs).load(URI, DOC), undefined);
    assert.match(logs.join('\n'), /malformed/);
  }
  fs.writeFileSync(file!, Buffer.from([0, 1, 2, 0xff, 0xfe]));
  assert.equal(store(dir).load(URI, DOC), undefined, 'binary garbage');
});

void test('a store that cannot write says so once and turns saving off; the server goes on', (t) => {
  const dir = tempDir(t);
  const blocked = path.join(dir, 'file-not-folder');
  fs.writeFileSync(blocked, '');
  const logs: string[] = [];
  const writer = store(path.join(blocked, 'cache'), 'parser-a', logs);
  writer.save(URI, DOC, parseConcernsDocument(DOC));
  writer.flush();
  writer.save(URI, DOC, parseConcernsDocument(DOC));
  writer.flush();
  assert.equal(logs.length, 1, logs.join('\n'));
  assert.match(logs[0]!, /cannot be written/);
});

void test('the store keeps the most recently written 32 entries', (t) => {
  const dir = tempDir(t);
  const parsed = parseConcernsDocument(DOC);
  const fileOf = (uri: string) => path.join(dir, `${createHash('sha256').update(uri).digest('hex').slice(0, 32)}.json`);
  // Written a second apart, yesterday (so each new entry, written now, is the newest).
  const yesterday = Date.now() / 1000 - 86_400;
  for (let i = 0; i < 40; i++) {
    const writer = store(dir);
    writer.save(`${URI}?${i}`, DOC, parsed);
    writer.flush();
    fs.utimesSync(fileOf(`${URI}?${i}`), yesterday + i, yesterday + i);
  }
  assert.equal(fs.readdirSync(dir).length, 32);
  for (let i = 0; i < 40; i++) assert.equal(store(dir).load(`${URI}?${i}`, DOC) !== undefined, i >= 8, `entry ${i}`);
});

void test('warming a restored document parses its runs, so its next parse re-reads none of them', () => {
  // Long enough to be cut into runs (see chunkStarts), and new to this process's caches.
  const concerns = Array.from({ length: 60 }, (_, i) => `**Warm concern ${i} ${Date.now()}:**\n- Issue: number ${i}\n- Files: \`src/m${i}.py\` (lines ${i + 1}-${i + 3})\n`);
  const text = `# Codebase Concerns\n\n## Tech Debt\n\n${concerns.join('\n')}`;
  const before = markdownRunsParsed();
  const piecesBefore = documentPiecesParsed();
  let steps = 0;
  for (const _ of warmDocumentParse(text)) steps++;
  const runs = markdownRunsParsed() - before;
  const pieces = documentPiecesParsed() - piecesBefore;
  assert.ok(runs > 10 && pieces >= 60, `warming parsed the runs, then the concerns (${runs} runs, ${pieces} pieces)`);
  assert.equal(steps, runs + pieces, 'one run or one piece per step');
  const afterWarm = markdownRunsParsed();
  const piecesAfterWarm = documentPiecesParsed();
  const parsed = parseConcernsDocument(text);
  assert.equal(markdownRunsParsed() - afterWarm, 0, 'the parse after warming found every run cached');
  assert.equal(documentPiecesParsed() - piecesAfterWarm, 0, 'and every section and concern');
  assert.equal(parsed.concerns.length, 60);
  let again = 0;
  for (const _ of warmDocumentParse(text)) again++;
  assert.equal(again, 0, 'a warm document has nothing left to warm');
});
