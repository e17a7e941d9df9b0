// Reference recall on real documents (a dev tool; its data is not part of the project): of the
// file references a concerns document writes that really resolve in its repository, how many
// reach the user (status ok or out-of-range, on the right file), with the document found as the
// extension finds it (discovery picks the document and its project root) and named by hand.
//
//   node --import tsx test/bench/refsRecall.ts DATA_DIR [--project DIR] [--verbose]
//
// DATA_DIR holds one folder per document: `doc.md` (the document's text), `meta.json`
// (`{ "repo": "owner/name", "docPath": ".gsd/codebase/CONCERNS.md" }`) and `files.txt` (the
// repository's file paths, one a line; an approximate list is fine). The truth is taken from
// the text without the extractor's rules: every backticked token and every slash-and-extension
// word of prose, with anything after `:`, `#L`, `(` or `::` cut off, that names exactly one
// file or folder of the list (under the project root first), or a glob that matches some.
// `--project DIR` measures another checkout of the project (e.g. the commit before a change).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { minimatch } from 'minimatch';

const args = process.argv.slice(2);
const dataDir = args[0] ?? '';
if (dataDir === '') {
  console.error('usage: refsRecall.ts DATA_DIR [--project DIR] [--verbose]');
  process.exit(2);
}
const projectArg = args.indexOf('--project');
const project = path.resolve(projectArg >= 0 ? args[projectArg + 1]! : path.join(import.meta.dirname, '..', '..'));
const verbose = args.includes('--verbose');

type Modules = typeof import('../../server/src/core/parse/document') &
  typeof import('../../server/src/core/resolve/document') &
  typeof import('../../server/src/core/resolve/resolver') &
  typeof import('../../server/src/node/discovery') &
  typeof import('../../server/src/node/fsWorkspace');

/** The project's modules, from the checkout being measured. */
async function load(): Promise<Modules> {
  const files = ['core/parse/document', 'core/resolve/document', 'core/resolve/resolver', 'node/discovery', 'node/fsWorkspace'];
  const modules = await Promise.all(files.map((f) => import(path.join(project, 'server', 'src', `${f}.ts`)) as Promise<object>));
  return Object.assign({}, ...modules) as Modules;
}

interface Truth {
  line: number;
  token: string;
  /** The files (or the folder) the token names in the repository. */
  targets: string[];
}

/** The folder holding the tool's folder above the document: where its paths are relative to. */
function trueRoot(docPath: string): string {
  const parts = docPath.split('/');
  const i = parts.findIndex((p) => ['.planning', '.gsd', '.forge', 'docs'].includes(p));
  return i > 0 ? parts.slice(0, i).join('/') : '';
}

/** Tokens a reader takes for file references, with their 1-based document line. */
function candidateTokens(text: string): { line: number; token: string }[] {
  const out: { line: number; token: string }[] = [];
  text.split('\n').forEach((lineText, i) => {
    const spans = [...lineText.matchAll(/`([^`]+)`/g)];
    for (const m of spans) {
      const content = m[1]!.trim();
      // Code, not a list of paths: an assignment, a call, a string.
      if (/[=(){}"'<>]/.test(content.replace(/\(\d[\d,]*\)|\(\)/g, ''))) continue;
      const pieces = /^(?:\/(?:Users|home)\/|[A-Za-z]:\\)/.test(content) ? [content] : content.split(/[\s,、;]+/);
      for (const piece of pieces) out.push({ line: i + 1, token: piece });
    }
    const prose = lineText.replace(/`[^`]*`/g, ' ');
    for (const m of prose.matchAll(/[\w.\-@~/\\]*[/\\][\w.\-@~/\\]*\.[A-Za-z][\w]*/g)) out.push({ line: i + 1, token: m[0] });
  });
  return out.map(({ line, token }) => ({ line, token: clean(token) })).filter((t) => t.token.length > 1);
}

function clean(token: string): string {
  let t = token.replace(/\\/g, '/');
  t = t.replace(/(?:::|#L?\d|\(\d|:\d|:[A-Za-z_]).*$/, '');
  t = t.replace(/^[("'*[]+|[)"'*.,;:!?\]]+$/g, '');
  while (t.startsWith('./')) t = t.slice(2);
  return t;
}

/** What the token names in the repository, or [] when nothing or more than one thing. */
function targetsOf(token: string, root: string, files: readonly string[], dirs: ReadonlySet<string>): string[] {
  const under = (p: string) => (root ? `${root}/${p}` : p);
  if (/[*?{]/.test(token)) {
    const pattern = token.replace(/^\/+/, '');
    const matched = files.filter((f) => minimatch(f, under(pattern), { dot: true }) || minimatch(f, pattern, { dot: true }));
    return matched.length > 0 ? [token] : [];
  }
  const rel = token.replace(/\/+$/, '');
  if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) {
    // A path from another machine: the longest tail of at least two segments that names one file.
    const segments = rel.split('/').filter(Boolean);
    for (let n = segments.length - 1; n >= 2; n--) {
      const tail = segments.slice(-n).join('/');
      const hits = [...files, ...dirs].filter((f) => f === tail || f.endsWith(`/${tail}`));
      if (hits.length === 1) return hits;
      if (hits.length > 1) return [];
    }
    return [];
  }
  for (const candidate of [under(rel), rel]) if (files.includes(candidate) || dirs.has(candidate)) return [candidate];
  const tails = files.filter((f) => f.endsWith(`/${rel}`));
  const scoped = root ? tails.filter((f) => f.startsWith(`${root}/`)) : tails;
  const pick = scoped.length > 0 ? scoped : tails;
  return pick.length === 1 ? pick : [];
}

interface Json {
  concerns: { references: { line: number; path: string; kind: string; status: string; matches: string[] }[] }[];
}

function model({ FsWorkspace, parseConcernsDocument, resolveDocument, ReferenceResolver }: Modules, workspaceRoot: string, text: string, root: string): Json {
  const workspace = new FsWorkspace(workspaceRoot, false, () => {});
  const resolved = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(workspace), { root });
  return {
    concerns: resolved.concerns.map((c) => ({
      references: c.references.map((r) => ({ line: r.range.start.line + 1, path: r.path, kind: r.kind, status: r.status, matches: r.matches })),
    })),
  };
}

function reached(truth: Truth, doc: Json | undefined): boolean {
  if (!doc) return false;
  return doc.concerns.some((c) =>
    c.references.some((r) => {
      if (r.line !== truth.line || (r.status !== 'ok' && r.status !== 'out-of-range')) return false;
      if (truth.targets[0] === truth.token && /[*?{]/.test(truth.token)) return r.kind === 'glob';
      return r.matches.some((m) => truth.targets.includes(m) || truth.targets.some((t) => m.startsWith(`${t}/`) || t.startsWith(`${m}/`)));
    }),
  );
}

function buildWorkspace(files: readonly string[], lines: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refs-recall-'));
  const body = '\n'.repeat(lines);
  for (const file of files) {
    const abs = path.join(dir, file);
    if (!abs.startsWith(dir + path.sep)) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    try {
      fs.writeFileSync(abs, body);
    } catch {
      // A path that is a folder in another version of the history: the union of versions clashes.
    }
  }
  return dir;
}

async function main(): Promise<void> {
  const m = await load();
  let totalTruth = 0;
  let totalFound = 0;
  let totalNamed = 0;
  const rows: string[] = [];
  for (const name of fs.readdirSync(dataDir).sort()) {
    const dir = path.join(dataDir, name);
    if (!fs.existsSync(path.join(dir, 'doc.md'))) continue;
    const text = fs.readFileSync(path.join(dir, 'doc.md'), 'utf8');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { repo: string; docPath: string };
    const files = fs
      .readFileSync(path.join(dir, 'files.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== meta.docPath);
    const dirs = new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const root = trueRoot(meta.docPath);
    const seen = new Set<string>();
    const truths: Truth[] = [];
    for (const { line, token } of candidateTokens(text)) {
      const targets = targetsOf(token, root, files, dirs);
      const key = `${line}\u0000${targets.join(',')}`;
      if (targets.length === 0 || seen.has(key)) continue;
      seen.add(key);
      truths.push({ line, token, targets });
    }
    const maxLine = Math.min(20_000, Math.max(10, ...[...text.matchAll(/\d{1,5}/g)].map((m) => Number(m[0]))) + 1);
    const workspaceRoot = buildWorkspace([...files, meta.docPath], maxLine);
    fs.writeFileSync(path.join(workspaceRoot, meta.docPath), text);
    const found = m.discoverDocuments(new m.FsWorkspace(workspaceRoot, false, () => {}), []).find((d) => d.path === meta.docPath);
    const asFound = found ? model(m, workspaceRoot, text, found.root) : undefined;
    const named = model(m, workspaceRoot, text, root);
    fs.rmSync(workspaceRoot, { recursive: true, force: true });
    const hitFound = truths.filter((t) => reached(t, asFound));
    const hitNamed = truths.filter((t) => reached(t, named));
    totalTruth += truths.length;
    totalFound += hitFound.length;
    totalNamed += hitNamed.length;
    rows.push(`${name.padEnd(48)} ${found ? 'found' : 'NOT FOUND'}  ${String(hitFound.length).padStart(4)}/${String(truths.length).padEnd(4)} named ${hitNamed.length}`);
    if (verbose) for (const t of truths.filter((x) => !reached(x, named))) rows.push(`    missed line ${t.line}: ${t.token} -> ${t.targets.join(', ')}`);
  }
  const pct = (n: number) => (totalTruth === 0 ? '-' : `${((100 * n) / totalTruth).toFixed(1)}%`);
  console.log(rows.join('\n'));
  console.log(`\nreferences that resolve in their repositories: ${totalTruth}`);
  console.log(`reach the user, document found as the extension finds it: ${totalFound} (${pct(totalFound)})`);
  console.log(`reach the user, document named by hand: ${totalNamed} (${pct(totalNamed)})`);
}

void main();
