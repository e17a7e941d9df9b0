// How right a document is read, against hand-checked truth (a dev tool; its data is not part of
// the project): concerns (category and title) and their file references, as precision, recall
// and F1 per document and in total, with the document found as the extension finds it.
//
//   node --import tsx test/bench/readF1.ts DATA_DIR [--project DIR] [--verbose]
//
// DATA_DIR is laid out as `dataset.ts` says, and each folder also holds `truth.json`:
// `{ "concerns": [{ "category", "title", "refs": [{ "path", "lines"?: [[start, end], ...] }] }] }`,
// paths relative to the repository (globs as written, under the project root), `end` a number
// or "end". Titles and categories are compared after `normalize`; a concern is right when its
// title and category are, and its references are compared path by path (the path and its
// lines, all of one path's mentions in the concern together). Only references that resolve
// (ok, out-of-range) are compared; the others are counted apart (`unresolved`), since the
// truth holds only what names something in the repository. Concerns read as resolved are left
// out, as the editor leaves them out by default. `--verbose` lists every miss.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LineRange, ResolvedDocument } from '../../server/src/core/model';
import { benchArgs, loadModules, parseEntry, readDataset } from './dataset';

const { dataDir, project, verbose } = benchArgs('readF1.ts DATA_DIR [--project DIR] [--verbose]');

interface TruthConcern {
  category: string;
  title: string;
  refs: { path: string; lines?: [number, number | 'end'][] }[];
}

interface Read {
  category: string;
  title: string;
  /** Path to its sorted line ranges (`12-14`, `30-end`), one entry a path. */
  refs: Map<string, string[]>;
}

/** Case, markdown, punctuation, symbols and emoji do not count; letters and digits of any script do. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    // Emoji variation selectors and joiners are marks (\p{M}) but no part of a word.
    .replace(/[`*_~]|\uFE0E|\uFE0F|\u200D/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

function rangeKey(start: number, end: number | 'end'): string {
  return `${start}-${end}`;
}

function addRef(refs: Map<string, string[]>, file: string, ranges: string[]): void {
  const all = new Set([...(refs.get(file) ?? []), ...ranges]);
  refs.set(file, withoutContained([...all]).sort());
}

/**
 * The ranges less those inside another (`1028-1028` beside `1028-1065`): the same place said
 * twice, once in the Issue and once under Files, is one place (and one mark in the editor), on
 * both sides of the comparison.
 */
function withoutContained(keys: string[]): string[] {
  const span = (key: string) => {
    const [start, end] = key.split('-');
    return { start: Number(start), end: end === 'end' ? Infinity : Number(end) };
  };
  return keys.filter((key) => {
    const a = span(key);
    return !keys.some((other) => other !== key && span(other).start <= a.start && span(other).end >= a.end);
  });
}

function truthOf(concern: TruthConcern): Read {
  const refs = new Map<string, string[]>();
  for (const r of concern.refs) addRef(refs, r.path.replace(/\/+$/, ''), (r.lines ?? []).map(([s, e]) => rangeKey(s, e)));
  return { category: concern.category, title: concern.title, refs };
}

function readOf(doc: ResolvedDocument, root: string): { concerns: Read[]; unresolved: string[] } {
  const unresolved: string[] = [];
  // A concern read as resolved is not shown (no diagnostic, unless `showResolved`): the truth
  // leaves out what a document says is done, so it is left out here too.
  const concerns = doc.concerns.filter((c) => !c.resolved).map((c) => {
    const refs = new Map<string, string[]>();
    for (const r of c.references) {
      if (r.status !== 'ok' && r.status !== 'out-of-range') {
        unresolved.push(`${r.status} ${r.text} (line ${r.range.start.line + 1})`);
        continue;
      }
      const ranges = r.ranges.map((x: LineRange) => rangeKey(x.start, x.toEnd ? 'end' : x.end));
      // `app/{status,inbound}/route.ts`: braces and nothing else magic name each file, as the truth does.
      if (r.kind === 'glob' && /\{/.test(r.path) && !/[*?[\]]/.test(r.path)) {
        for (const m of r.matches) addRef(refs, m, ranges);
        continue;
      }
      const target = r.kind === 'glob' ? globTarget(r.path, r.matches, root) : r.matches.length === 1 ? r.matches[0]! : r.path;
      addRef(refs, target.replace(/\/+$/, ''), ranges);
    }
    return { category: c.category, title: c.title, refs };
  });
  return { concerns, unresolved };
}

/**
 * A glob as the truth writes it: under the project root, or, when the resolver found its folder
 * by its tail (`data/x/*.json` for `web/data/x/`), under the folder its matches are in.
 */
function globTarget(written: string, matches: readonly string[], root: string): string {
  const segments = written.split('/');
  const cut = segments.findIndex((s) => /[*?[\]{}]/.test(s));
  const base = (cut < 0 ? segments : segments.slice(0, cut)).join('/');
  const first = matches[0];
  const at = first !== undefined && base !== '' ? first.indexOf(`${base}/`) : -1;
  if (at > 0 && first!.charAt(at - 1) === '/') return `${first!.slice(0, at)}${written}`;
  return [root, written].filter(Boolean).join('/');
}

class Score {
  tp = 0;
  fp = 0;
  fn = 0;
  add(other: Score): void {
    this.tp += other.tp;
    this.fp += other.fp;
    this.fn += other.fn;
  }
  text(): string {
    const p = this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
    const r = this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
    const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)} (${this.tp}/${this.tp + this.fn}, ${this.fp} fp)`;
  }
}

interface DocScore {
  concerns: Score;
  titles: Score;
  refs: Score;
  /** References compared by path only, lines aside. */
  paths: Score;
  unresolved: number;
  notes: string[];
}

/** Pairs truth and read concerns: same title and category first, then same title. */
function pair(truth: Read[], read: Read[]): { pairs: [Read, Read][]; missed: Read[]; extra: Read[] } {
  const pairs: [Read, Read][] = [];
  const free = new Set(read);
  const missed: Read[] = [];
  const pending: Read[] = [];
  for (const t of truth) {
    const hit = [...free].find((r) => normalize(r.title) === normalize(t.title) && normalize(r.category) === normalize(t.category));
    if (hit) {
      free.delete(hit);
      pairs.push([t, hit]);
    } else pending.push(t);
  }
  for (const t of pending) {
    const hit = [...free].find((r) => normalize(r.title) === normalize(t.title));
    if (hit) {
      free.delete(hit);
      pairs.push([t, hit]);
    } else missed.push(t);
  }
  return { pairs, missed, extra: [...free] };
}

function score(truth: Read[], read: Read[], unresolved: string[]): DocScore {
  const s: DocScore = { concerns: new Score(), titles: new Score(), refs: new Score(), paths: new Score(), unresolved: unresolved.length, notes: [] };
  const { pairs, missed, extra } = pair(truth, read);
  const refsOf = (c: Read, kind: 'fn' | 'fp') => {
    for (const [file, lines] of c.refs) {
      s.refs[kind]++;
      s.paths[kind]++;
      s.notes.push(`    ref ${kind === 'fn' ? 'missed' : 'extra '} ${file}${lines.length ? `:${lines.join(',')}` : ''}  [${c.title}]`);
    }
  };
  for (const [t, r] of pairs) {
    s.titles.tp++;
    if (normalize(t.category) === normalize(r.category)) s.concerns.tp++;
    else {
      s.concerns.fn++;
      s.concerns.fp++;
      s.notes.push(`  category: "${t.category}" read as "${r.category}"  [${t.title}]`);
    }
    for (const [file, lines] of t.refs) {
      const got = r.refs.get(file);
      if (got === undefined) {
        s.refs.fn++;
        s.paths.fn++;
        s.notes.push(`    ref missed ${file}${lines.length ? `:${lines.join(',')}` : ''}  [${t.title}]`);
        continue;
      }
      s.paths.tp++;
      if (got.join() === lines.join()) s.refs.tp++;
      else {
        s.refs.fn++;
        s.refs.fp++;
        s.notes.push(`    ref lines ${file}: want ${lines.join(',') || 'none'}, read ${got.join(',') || 'none'}  [${t.title}]`);
      }
    }
    for (const [file, lines] of r.refs) {
      if (t.refs.has(file)) continue;
      s.refs.fp++;
      s.paths.fp++;
      s.notes.push(`    ref extra  ${file}${lines.length ? `:${lines.join(',')}` : ''}  [${t.title}]`);
    }
  }
  for (const t of missed) {
    s.titles.fn++;
    s.concerns.fn++;
    s.notes.push(`  missed concern: [${t.category}] ${t.title}`);
    refsOf(t, 'fn');
  }
  for (const r of extra) {
    s.titles.fp++;
    s.concerns.fp++;
    s.notes.push(`  extra concern:  [${r.category}] ${r.title}`);
    refsOf(r, 'fp');
  }
  for (const u of unresolved) s.notes.push(`    unresolved ${u}`);
  return s;
}

async function main(): Promise<void> {
  const m = await loadModules(project);
  const total: DocScore = { concerns: new Score(), titles: new Score(), refs: new Score(), paths: new Score(), unresolved: 0, notes: [] };
  const rows: string[] = [];
  for (const entry of readDataset(dataDir)) {
    const truthFile = path.join(entry.dir, 'truth.json');
    if (!fs.existsSync(truthFile)) continue;
    const truth = (JSON.parse(fs.readFileSync(truthFile, 'utf8')) as { concerns: TruthConcern[] }).concerns.map(truthOf);
    const { asFound, foundRoot } = parseEntry(m, entry);
    const read = asFound ? readOf(asFound, foundRoot ?? '') : { concerns: [], unresolved: [] };
    const s = score(truth, read.concerns, read.unresolved);
    for (const key of ['concerns', 'titles', 'refs', 'paths'] as const) total[key].add(s[key]);
    total.unresolved += s.unresolved;
    rows.push(`${entry.name}${asFound ? '' : '  (NOT FOUND by discovery)'}`);
    rows.push(`  concerns (category+title) ${s.concerns.text()}`);
    rows.push(`  titles only               ${s.titles.text()}`);
    rows.push(`  references (path+lines)   ${s.refs.text()}`);
    rows.push(`  references (path only)    ${s.paths.text()}   unresolved ${s.unresolved}`);
    if (verbose) rows.push(...s.notes);
  }
  console.log(rows.join('\n'));
  console.log('\ntotal');
  console.log(`  concerns (category+title) ${total.concerns.text()}`);
  console.log(`  titles only               ${total.titles.text()}`);
  console.log(`  references (path+lines)   ${total.refs.text()}`);
  console.log(`  references (path only)    ${total.paths.text()}   unresolved ${total.unresolved}`);
}

void main();
