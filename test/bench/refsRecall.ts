// Reference recall on real documents (a dev tool; its data is not part of the project): of the
// file references a concerns document writes that really resolve in its repository, how many
// reach the user (status ok or out-of-range, on the right file), with the document found as the
// extension finds it (discovery picks the document and its project root) and named by hand.
//
//   node --import tsx test/bench/refsRecall.ts DATA_DIR [--project DIR] [--verbose]
//
// DATA_DIR is laid out as `dataset.ts` says. The truth is taken from
// the text without the extractor's rules: every backticked token and every slash-and-extension
// word of prose, with anything after `:`, `#L`, `(` or `::` cut off, that names exactly one
// file or folder of the list (as written under the project root or the repository's, else by its
// tail within the project), or a glob that matches some.
// `--project DIR` measures another checkout of the project (e.g. the commit before a change).
import { minimatch } from 'minimatch';
import type { ResolvedDocument, ResolvedReference } from '../../server/src/core/model';
import { benchArgs, loadModules, parseEntry, readDataset } from './dataset';

const { dataDir, project, verbose } = benchArgs('refsRecall.ts DATA_DIR [--project DIR] [--verbose]');

interface Truth {
  line: number;
  token: string;
  /** The files (or the folder) the token names in the repository. */
  targets: string[];
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
  // A name found by its tail is the project's file (a nested project's document does not mean
  // another project's `.env.example`, as its labelling rules say too).
  const tails = files.filter((f) => f.endsWith(`/${rel}`));
  const scoped = root ? tails.filter((f) => f.startsWith(`${root}/`)) : tails;
  return scoped.length === 1 ? scoped : [];
}

function reached(truth: Truth, doc: ResolvedDocument | undefined): boolean {
  if (!doc) return false;
  return doc.concerns.some((c) => c.references.some((r) => names(truth, r)));
}

/** Whether a reference stands where the token is written and opens what it names. */
function names(truth: Truth, r: ResolvedReference): boolean {
  if (r.range.start.line + 1 !== truth.line || (r.status !== 'ok' && r.status !== 'out-of-range')) return false;
  if (truth.targets[0] === truth.token && /[*?{]/.test(truth.token)) return r.kind === 'glob';
  return r.matches.some((m) => truth.targets.includes(m) || truth.targets.some((t) => m.startsWith(`${t}/`) || t.startsWith(`${m}/`)));
}

async function main(): Promise<void> {
  const m = await loadModules(project);
  let totalTruth = 0;
  let totalFound = 0;
  let totalNamed = 0;
  let totalLinked = 0;
  const rows: string[] = [];
  for (const entry of readDataset(dataDir)) {
    const { text, files, dirs, root } = entry;
    const seen = new Set<string>();
    const truths: Truth[] = [];
    for (const { line, token } of candidateTokens(text)) {
      // An API route (`/api/booking/create`) is no file reference (issue 12, item 8), even where
      // the framework keeps its handler in a folder of that name.
      if (/^\/api\//.test(token)) continue;
      const targets = targetsOf(token, root, files, dirs);
      const key = `${line}\u0000${targets.join(',')}`;
      if (targets.length === 0 || seen.has(key)) continue;
      seen.add(key);
      truths.push({ line, token, targets });
    }
    const { asFound, named, mentions } = parseEntry(m, entry);
    const hitFound = truths.filter((t) => reached(t, asFound));
    const hitNamed = truths.filter((t) => reached(t, named));
    const linked = truths.filter((t) => reached(t, named) || mentions.some((r) => names(t, r)));
    totalLinked += linked.length;
    totalTruth += truths.length;
    totalFound += hitFound.length;
    totalNamed += hitNamed.length;
    rows.push(`${entry.name.padEnd(48)} ${asFound ? 'found' : 'NOT FOUND'}  ${String(hitFound.length).padStart(4)}/${String(truths.length).padEnd(4)} named ${hitNamed.length}  with links ${linked.length}`);
    if (verbose) for (const t of truths.filter((x) => !reached(x, named))) rows.push(`    missed line ${t.line}: ${t.token} -> ${t.targets.join(', ')}${linked.includes(t) ? '  (a link outside the concerns)' : ''}`);
  }
  const pct = (n: number) => (totalTruth === 0 ? '-' : `${((100 * n) / totalTruth).toFixed(1)}%`);
  console.log(rows.join('\n'));
  console.log(`\nreferences that resolve in their repositories: ${totalTruth}`);
  console.log(`reach the user, document found as the extension finds it: ${totalFound} (${pct(totalFound)})`);
  console.log(`reach the user, document named by hand: ${totalNamed} (${pct(totalNamed)})`);
  console.log(`  and with the paths written outside concerns, as links in the document: ${totalLinked} (${pct(totalLinked)})`);
}

void main();
