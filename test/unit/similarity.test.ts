// The similarity that decides whether a `changed` reference is placed on its mapped lines: on
// edited code yes; on code moved out (other code in its place), deleted or rewritten, no.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeSimilarity, recognisable } from '../../server/src/core/drift/similarity';

const WRITTEN = ['def rate_limit(request):', '    key = request.remote_addr', '    count = cache.incr(key)', '    if count > LIMIT:', '        raise TooManyRequests()'];

void test('edited code (one line of five, a name changed everywhere, re-indented): recognisable', () => {
  const oneLine = [...WRITTEN.slice(0, 2), '    count = cache.incr(key, ttl=60)', ...WRITTEN.slice(3)];
  assert.equal(codeSimilarity(WRITTEN, oneLine).lines, 0.8);
  assert.ok(recognisable(WRITTEN, oneLine));
  const renamed = WRITTEN.map((l) => l.replace(/\bkey\b/g, 'client_key'));
  assert.ok(codeSimilarity(WRITTEN, renamed).tokens >= 0.6);
  assert.ok(recognisable(WRITTEN, renamed));
  assert.equal(codeSimilarity(WRITTEN, WRITTEN.map((l) => `\t\t${l.trim()}`)).lines, 1, 'whitespace never counts');
});

void test('code moved out (other code in its place), deleted (blank or the next lines), rewritten: not recognisable', () => {
  const other = ['def unrelated(x):', '    y = transform(x)', '    z = y * 2', '    return z', ''];
  assert.equal(recognisable(WRITTEN, other), false, 'moved out');
  assert.equal(recognisable(WRITTEN, ['', '', '']), false, 'deleted: blank lines left');
  assert.equal(recognisable(WRITTEN, ['line_50 = compute(50)  # line', 'line_51 = compute(51)  # line']), false, 'deleted: the lines after it');
  const rewritten = ['async def throttle(req, limiter):', '    bucket = await limiter.take(req.ip)', '    return bucket.allowed'];
  assert.equal(recognisable(WRITTEN, rewritten), false, 'rewritten');
  // Lines sharing only a common call and a comment word (generated code): still not recognisable.
  const generated = (from: number) => Array.from({ length: 5 }, (_, i) => `line_${from + i} = compute(${from + i})  # line`);
  assert.equal(recognisable(generated(40), generated(50)), false);
  assert.equal(recognisable(generated(40), [...generated(40).slice(0, 4), 'edited = 1']), true);
});
