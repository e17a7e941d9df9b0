/**
 * The parser over real concerns documents: `../shared/concerns-corpus` and `../shared/seeds`
 * beside the project (not part of it; skipped with a message when absent). Every document
 * parses without throwing, every GSD-style document yields concerns, the checks below hold for
 * each, and a table of figures per document is printed (concerns, categories, references by
 * status against an empty workspace) so a change in what the parser finds shows up in review.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedDocument } from '../../server/src/core/model';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { cleanTitle } from '../../server/src/core/parse/labels';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
// Beside the project, or beside the folder of worktrees the project is checked out in.
const SHARED = [path.resolve(PROJECT_ROOT, '..', 'shared'), path.resolve(PROJECT_ROOT, '..', '..', 'shared')].find((dir) => fs.existsSync(dir)) ?? path.resolve(PROJECT_ROOT, '..', 'shared');
const FOLDERS = ['concerns-corpus', 'seeds'].map((name) => path.join(SHARED, name));

interface Row {
  name: string;
  concerns: number;
  resolved: number;
  references: number;
  quoted: number;
  withLines: number;
  gsd: boolean;
  categories: number;
  /** Reference statuses against an empty workspace, as `missing 12, proposed 3`. */
  statuses: string;
}

/**
 * What must hold of every document's reading: each check returns the problems it finds. (More
 * checks go here: each is a name and a function of the text and its resolved model.)
 */
const CHECKS: { name: string; check: (text: string, doc: ResolvedDocument) => string[] }[] = [
  {
    // A document cut into `##` sections groups its concerns by them: its title is never a category.
    name: 'title as category',
    check: (text, doc) => {
      if (!/^##\s/m.test(text)) return [];
      // The title as the parser read it, or else the document's first `#` line (a parser that
      // missed the title, say behind frontmatter it took for a heading, still fails here).
      const h1 = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1];
      const titles = new Set([doc.title, h1 === undefined ? undefined : cleanTitle(h1)].filter((t) => t !== undefined));
      return doc.concerns.filter((c) => titles.has(c.category)).map((c) => `"${c.title}" is in the category named after the document's title`);
    },
  },
  {
    // The mapper's frontmatter dates the document (`last_mapped_at:`, `analysis_date:` ...).
    name: 'frontmatter date',
    check: (_text, doc) => {
      const keys = Object.keys(doc.frontmatter ?? {});
      const dated = keys.some((k) => /^(?:last_mapped_at|last_mapped|analysis_date|generated|updated|mapped)$/.test(k));
      return dated && doc.analysisDate === undefined ? [`frontmatter with ${keys.join(', ')} but no analysis date`] : [];
    },
  },
];

function documents(): string[] {
  return FOLDERS.filter((dir) => fs.existsSync(dir)).flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((name) => /\.(?:md|txt)$/i.test(name) && name !== 'README.md')
      .sort()
      .map((name) => path.join(dir, name)),
  );
}

/** Written the GSD way: `## ` sections, and `Files:` fields or `### ` concerns. */
function isGsdStyle(text: string): boolean {
  return /^## /m.test(text) && (/^\s*(?:[-*]\s+)?(?:\*\*)?Files?(?:\*\*)?\s*[:：]|\*\*Files?\b/m.test(text) || /^### /m.test(text));
}

function figures(name: string, text: string, doc: ResolvedDocument): Row {
  const refs = doc.concerns.flatMap((c) => c.references);
  const byStatus = new Map<string, number>();
  for (const ref of refs) byStatus.set(ref.status, (byStatus.get(ref.status) ?? 0) + 1);
  return {
    categories: new Set(doc.concerns.map((c) => c.category)).size,
    statuses: [...byStatus].sort((a, b) => b[1] - a[1]).map(([status, n]) => `${status} ${n}`).join(', ') || '-',
    name,
    concerns: doc.concerns.length,
    resolved: doc.concerns.filter((c) => c.resolved).length,
    references: refs.length,
    quoted: refs.filter((r) => r.quoted).length,
    withLines: refs.filter((r) => r.ranges.length > 0).length,
    gsd: isGsdStyle(text),
  };
}

function table(rows: Row[]): string {
  const header = ['document', 'gsd', 'concerns', 'categories', 'resolved', 'refs', 'quoted', 'with lines', 'refs by status (empty workspace)'];
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);
  const body = rows.map((r) => [r.name, r.gsd ? 'yes' : 'no', String(r.concerns), String(r.categories), `${r.resolved} (${pct(r.resolved, r.concerns)})`, String(r.references), String(r.quoted), `${r.withLines} (${pct(r.withLines, r.references)})`, r.statuses]);
  const sum = (key: 'concerns' | 'categories' | 'resolved' | 'references' | 'quoted' | 'withLines') => rows.reduce((n, r) => n + r[key], 0);
  const c = sum('concerns');
  const refs = sum('references');
  body.push([`TOTAL (${rows.length} documents)`, String(rows.filter((r) => r.gsd).length), String(c), String(sum('categories')), `${sum('resolved')} (${pct(sum('resolved'), c)})`, String(refs), String(sum('quoted')), `${sum('withLines')} (${pct(sum('withLines'), refs)})`, '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const files = documents();

if (files.length === 0) {
  void test('corpus: skipped', { skip: `no corpus at ${SHARED}/{concerns-corpus,seeds}` }, () => {});
  console.log(`corpus.test: SKIPPED — no documents under ${SHARED}/concerns-corpus or ${SHARED}/seeds.`);
} else {
  void test(`corpus: ${files.length} real documents parse`, () => {
    const rows: Row[] = [];
    const failures: string[] = [];
    for (const file of files) {
      const name = path.relative(SHARED, file);
      const text = fs.readFileSync(file, 'utf8');
      let doc: ResolvedDocument;
      try {
        doc = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(memoryWorkspace({})), { root: '' });
      } catch (error) {
        failures.push(`${name}: threw ${String(error)}`);
        continue;
      }
      const row = figures(name, text, doc);
      rows.push(row);
      if (row.gsd && row.concerns === 0) failures.push(`${name}: a GSD-style document with no concerns`);
      for (const { name: check, check: problems } of CHECKS) for (const problem of problems(text, doc)) failures.push(`${name}: ${check}: ${problem}`);
    }
    console.log(`\n${table(rows)}\n`);
    assert.deepStrictEqual(failures, []);
  });
}

/**
 * Shapes of backticked words that are not paths (issue 12), told apart here without the
 * extractor's rules: an environment variable, a marker, a TOML section key, a bundler alias, a
 * scoped package, an HTTP route, a command line, a URL.
 */
const NOT_A_PATH: [string, RegExp][] = [
  ['environment variable', /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/],
  ['marker', /^(?:TODO|FIXME|XXX|HACK)$/],
  ['config key', /^\[[^\]/]+\]\.[\w.-]+$/],
  ['import alias', /^[@~$#]\/(?!\.)/],
  ['scoped package', /^@[\w.-]+\/[\w.-]+(?:\/[\w.-]+)*$/],
  ['route', /^(?:(?:GET|POST|PUT|PATCH|DELETE) )?\/(?:api|v\d+)\/|\/:\w/],
  ['command', /^(?:npm|npx|pnpm|yarn|go|pip|python3?|node|cargo|make|git|docker|uv|poetry|bun) /],
  ['URL', /:\/\//],
];

if (files.length > 0) {
  void test('corpus: a backticked non-path is never reported missing (resolved against an empty workspace)', () => {
    const wrong: string[] = [];
    let spans = 0;
    // The corpus writes few of these shapes; the project's own fixture of them is checked with it.
    for (const file of [...files, path.join(PROJECT_ROOT, 'test', 'fixtures', 'model', 'refs-not-paths', 'input.md')]) {
      const text = fs.readFileSync(file, 'utf8');
      // Not vacuous: count the non-path spans the documents really write.
      for (const m of text.matchAll(/`([^`\n]+)`/g)) if (NOT_A_PATH.some(([, shape]) => shape.test(m[1]!.trim()))) spans++;
      // Against an empty workspace every reference that is kept is missing (or outside, or proposed).
      const model = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(memoryWorkspace({})), { root: '' });
      for (const ref of model.concerns.flatMap((c) => c.references)) {
        const shape = NOT_A_PATH.find(([, re]) => re.test(ref.path));
        if (shape) wrong.push(`${path.basename(file)}: ${ref.text} (${shape[0]}) is reported ${ref.status}`);
      }
    }
    console.log(`corpus: ${spans} backticked non-paths checked`);
    assert.ok(spans > 0, 'the corpus writes no backticked non-path: the check would be vacuous');
    assert.deepStrictEqual(wrong, []);
  });
}
