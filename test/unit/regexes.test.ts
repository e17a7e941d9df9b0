/**
 * Every regular expression of the core, checked for super-linear time on hostile input.
 *
 * The literals are found by scanning `server/src/core/**` with the TypeScript scanner (a regex
 * added tomorrow is checked too), then each is run directly on 100 KB-scale inputs built from the
 * runs that make backtracking explode: `*`, `_`, backticks, `|`, digits and commas, `(`, blanks,
 * `- `, `#`, CJK, `\r`, nested brackets, emoji... each alone, wrapped so that the match fails at
 * the very end, and behind a path. A pattern is cheap at 10 KB, or it must scale linearly:
 * t(100 KB) / t(25 KB) ≤ 8 (linear is 4, quadratic 16), and 100 KB in under 2 s. The figures of the slowest are printed.
 *
 * The public functions (parser, extractor, labels...) over the same families are in
 * properties.test.ts; this file is the exhaustive per-pattern check.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const CORE = path.resolve(import.meta.dirname, '..', '..', 'server', 'src', 'core');

interface Found {
  where: string;
  regex: RegExp;
}

function regexLiterals(): Found[] {
  const found: Found[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) scan(file);
    }
  };
  const scan = (file: string) => {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${path.relative(CORE, file)}:${line}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  walk(CORE);
  return found;
}

/** Units repeated to size: the runs regular expressions backtrack on. */
const UNITS: Record<string, string> = {
  stars: '*',
  underscores: '_',
  backticks: '`',
  'backticked words': '`a` ',
  pipes: '|',
  'digits and commas': '1,',
  digits: '1',
  'open parentheses': '(',
  'empty parentheses': '()',
  'full-width parentheses': '（',
  spaces: ' ',
  tabs: '\t',
  'carriage returns': '\r',
  CRLF: '\r\n',
  newlines: '\n',
  'blank lines': ' \n',
  'list markers': '- ',
  'space dash': ' -',
  hashes: '#',
  CJK: '问',
  'full-width colons': '：',
  colons: ':',
  'open brackets': '[',
  'nested brackets': '[(',
  braces: '{',
  'angle brackets': '<',
  tildes: '~',
  'bold openers': '**a',
  'bold spaces': '** ',
  emoji: '🔴',
  'line words': 'line ',
  'resolved notes': '(resolved ',
  quotes: '> ',
  slashes: 'a/',
  dots: 'a.',
  words: 'ab ',
  letters: 'a',
  'word colon': 'a :',
  hunks: '@@ -1,',
};

const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
/** Each unit alone, then variants that make a match fail only at the end (the worst case). */
const VARIANTS: ((unit: string, n: number) => string)[] = [
  (u, n) => fill(u, n),
  (u, n) => `a${fill(u, n)}\u0000`,
  (u, n) => `**x${fill(u, n)}!`,
  (u, n) => `\`x.py\` ${fill(u, n)}`,
];

function timeOnce(regex: RegExp, input: string): number {
  const r = new RegExp(regex.source, regex.flags);
  const t0 = performance.now();
  if (r.global) input.replace(r, '');
  else r.exec(input);
  return performance.now() - t0;
}

/** Best of three: a GC pause must not fail a linear pattern. */
const time = (regex: RegExp, input: string) => Math.min(timeOnce(regex, input), timeOnce(regex, input), timeOnce(regex, input));

const figures: { where: string; input: string; t25: number; t100: number }[] = [];
let runs = 0;
let literals = 0;
let superLinear = 0;

after(() => {
  figures.sort((a, b) => b.t100 - a.t100);
  for (const f of figures.slice(0, 8)) console.log(`  ${f.where} on ${f.input}: 25 KB ${f.t25.toFixed(1)} ms, 100 KB ${f.t100.toFixed(1)} ms (×${(f.t100 / Math.max(f.t25, 0.01)).toFixed(1)})`);
  console.log(`reliability: ${literals} regular expressions × ${Object.keys(UNITS).length * VARIANTS.length} hostile inputs, ${runs} timed runs, ${figures.length} measured at 25 KB and 100 KB, ${superLinear} super-linear`);
});

void test('every regular expression of the core runs in linear time on 100 KB hostile inputs', () => {
  const found = regexLiterals();
  literals = found.length;
  assert.ok(found.length > 100, `found only ${found.length} regex literals: is the scan broken?`);
  const slow: string[] = [];
  for (const { where, regex } of found) {
    for (const [name, unit] of Object.entries(UNITS)) {
      VARIANTS.forEach((variant, v) => {
        runs++;
        const input = `${name}/${v}`;
        // Cheap at 10 KB: linear or not, it cannot be slow at 100 KB... unless quadratic with a tiny constant: check those too.
        const t10 = timeOnce(regex, variant(unit, 10_000));
        if (t10 < 1) return;
        const t25 = time(regex, variant(unit, 25_000));
        if (t25 > 500) {
          slow.push(`${where} ${regex} on ${input}: ${t25.toFixed(0)} ms at 25 KB (not tried at 100 KB)`);
          return;
        }
        const t100 = time(regex, variant(unit, 100_000));
        figures.push({ where: `${where} ${regex}`, input, t25, t100 });
        runs += 6;
        // Linear is ×4 from 25 to 100 KB, quadratic ×16: ×8 tells them apart through timing noise.
        if (t100 > 2000 || (t100 > 50 && t100 / Math.max(t25, 0.01) > 8)) slow.push(`${where} ${regex} on ${input}: 25 KB ${t25.toFixed(1)} ms, 100 KB ${t100.toFixed(1)} ms`);
      });
    }
  }
  superLinear = slow.length;
  assert.deepEqual(slow, [], `super-linear regular expressions:\n${slow.join('\n')}`);
});
