// Deterministic synthetic workspaces for the benchmark: a monorepo-shaped git repository of N
// files and concerns documents whose references mix the kinds real documents use.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const WORDS = (
  'user account session token auth login logout profile order invoice payment cart checkout product catalog search ' +
  'index query cache store queue worker job task scheduler event stream message channel socket client server api ' +
  'route router handler controller service repository model schema migration config settings env logger metrics ' +
  'trace error retry backoff limit quota billing report export import upload download file image video audio ' +
  'parser lexer token tree node graph edge path resolver loader builder factory adapter bridge proxy gateway ' +
  'filter sort page table column row cell form field input button modal dialog menu sidebar header footer layout ' +
  'theme style color font icon chart map list grid card badge tooltip popover toast notification email sms push ' +
  'webhook oauth saml ldap policy role permission audit crypto hash sign verify encode decode compress archive'
).split(' ');

const LANGS = [
  { ext: 'ts', weight: 0.38, common: ['index.ts', 'types.ts', 'utils.ts', 'constants.ts'], style: 'camel', dirs: ['src', 'test'] },
  { ext: 'tsx', weight: 0.14, common: ['index.tsx', 'App.tsx'], style: 'pascal', dirs: ['src', 'src/components'] },
  { ext: 'py', weight: 0.22, common: ['__init__.py', 'utils.py', 'models.py', 'views.py'], style: 'snake', dirs: ['', 'tests'] },
  { ext: 'go', weight: 0.14, common: ['main.go', 'doc.go', 'types.go'], style: 'snake', dirs: ['cmd', 'internal', 'pkg'] },
  { ext: 'java', weight: 0.12, common: ['Application.java', 'Config.java'], style: 'pascal', dirs: ['src/main/java/com/acme', 'src/test/java/com/acme'] },
];

function cased(words, style) {
  if (style === 'snake') return words.join('_');
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  if (style === 'pascal') return words.map(cap).join('');
  return words[0] + words.slice(1).map(cap).join('');
}

/**
 * The file list of a monorepo of about `count` files: top-level groups (apps, packages, services,
 * libs, tools), projects of 200-4000 files each in one language, module trees 1-6 deep, file
 * names made of two or three words (mostly unique) plus the common names every project repeats
 * (`index.ts`, `__init__.py`), and a few config and docs files per project.
 */
export function generateTree(count, seed) {
  const r = rng(seed);
  const files = [];
  const seen = new Set();
  const add = (p) => {
    if (seen.has(p)) return false;
    seen.add(p);
    files.push(p);
    return true;
  };
  for (const f of ['package.json', 'README.md', 'Makefile', 'tsconfig.base.json', '.gitignore', 'package-lock.json', 'docs/architecture.md', 'docs/runbook.md']) add(f);
  const groups = ['apps', 'packages', 'services', 'libs', 'tools'];
  let project = 0;
  while (files.length < count) {
    const lang = pickWeighted(r, LANGS);
    const group = r.pick(groups);
    const name = `${r.pick(WORDS)}-${r.pick(WORDS)}${project}`;
    const root = `${group}/${name}`;
    project++;
    const size = Math.min(count - files.length, 200 + r.int(3800));
    for (const f of ['README.md', lang.ext === 'py' ? 'pyproject.toml' : lang.ext === 'go' ? 'go.mod' : lang.ext === 'java' ? 'pom.xml' : 'package.json']) add(`${root}/${f}`);
    // The project's directory tree: each new directory hangs under a random existing one.
    const dirs = lang.dirs.map((d) => (d ? `${root}/${d}` : `${root}/${name.replace(/-/g, '_')}`));
    const dirCount = Math.max(2, Math.round(size / 14));
    while (dirs.length < dirCount) {
      const parent = dirs[Math.floor(Math.pow(r.next(), 1.5) * dirs.length)];
      if (parent.split('/').length > 9) continue;
      dirs.push(`${parent}/${cased([r.pick(WORDS)], lang.style === 'pascal' ? 'camel' : lang.style)}${r.chance(0.3) ? r.int(10) : ''}`);
    }
    let made = 0;
    let attempts = 0;
    while (made < size && attempts < size * 4) {
      attempts++;
      const dir = r.pick(dirs);
      let file;
      if (r.chance(0.07)) file = r.pick(lang.common);
      else {
        const words = [r.pick(WORDS), r.pick(WORDS)];
        if (r.chance(0.5)) words.push(r.pick(WORDS));
        const base = cased(words, lang.style);
        file = r.chance(0.15) && lang.ext !== 'go' ? `${base}.test.${lang.ext}` : `${base}.${lang.ext}`;
      }
      if (add(`${dir}/${file}`)) made++;
    }
  }
  return files.slice(0, count);
}

function pickWeighted(r, items) {
  let x = r.next();
  for (const item of items) {
    x -= item.weight;
    if (x <= 0) return item;
  }
  return items[items.length - 1];
}

/**
 * Reference kinds, in the proportions of the real documents in ../shared/concerns-corpus/ (975
 * references in 744 concerns, 1.31 per concern, measured with `concerns index --json`): whole
 * files 48%, files with line ranges 29%, short names 14%, directories 6%, globs 2.5%. Of those,
 * about one in twelve is broken (a missing path, or lines past the end).
 */
export const REFERENCE_MIX = [
  ['file', 0.48],
  ['range', 0.29],
  ['short', 0.14],
  ['dir', 0.06],
  ['glob', 0.025],
];
export const BROKEN_SHARE = 0.08;
export const REFS_PER_CONCERN = 1.31;

const CATEGORIES = ['Tech Debt', 'Known Bugs', 'Security Considerations', 'Performance Bottlenecks', 'Fragile Areas', 'Test Coverage Gaps'];

/**
 * A GSD-template concerns document of `count` concerns over `files`. Returns the markdown, the
 * same references as markdown links (the peer's input), and what the benchmark needs to know:
 * the files given line content (`lines`: path → line count) and one concern per referenced file.
 */
export function generateDocument(files, count, seed, lines = new Map()) {
  const r = rng(seed);
  const brokenFiles = [];
  const dirsOf = (f) => f.slice(0, f.lastIndexOf('/'));
  const codeFiles = files.filter((f) => /\.(ts|tsx|py|go|java)$/.test(f));
  const basenameCount = new Map();
  for (const f of files) {
    const b = f.slice(f.lastIndexOf('/') + 1);
    basenameCount.set(b, (basenameCount.get(b) ?? 0) + 1);
  }
  const out = ['# Codebase Concerns', '', '**Analysis Date:** 2025-01-15', ''];
  const links = ['# Links', ''];
  const perCategory = Math.ceil(count / CATEGORIES.length);
  const referenced = []; // { path, line, concernTitle }
  let n = 0;
  for (const category of CATEGORIES) {
    if (n >= count) break;
    out.push(`## ${category}`, '');
    for (let i = 0; i < perCategory && n < count; i++, n++) {
      const title = `${cased([r.pick(WORDS), r.pick(WORDS)], 'pascal')} ${r.pick(['leaks', 'races', 'is slow', 'is untested', 'breaks on retry', 'trusts input'])} #${n}`;
      const refs = [];
      const howMany = r.chance(REFS_PER_CONCERN - 1) ? 2 : 1;
      for (let k = 0; k < howMany; k++) {
        const kind = pickWeighted(r, REFERENCE_MIX.map(([name, weight]) => ({ name, weight }))).name;
        const broken = r.chance(BROKEN_SHARE);
        const file = r.pick(codeFiles);
        if (kind === 'file') {
          const p = broken ? file.replace(/(\.\w+)$/, 'Old$1') : file;
          refs.push({ md: `\`${p}\``, link: p, path: broken ? undefined : p });
          if (broken) brokenFiles.push(p);
        } else if (kind === 'range') {
          const length = lines.get(file) ?? 40 + r.int(800);
          lines.set(file, length);
          const start = 1 + r.int(length - 10);
          const end = start + r.int(10);
          const past = broken ? length + 5 + r.int(50) : 0;
          refs.push({ md: `\`${file}\` (lines ${start + past}-${end + past})`, link: `${file}#L${start + past}`, path: broken ? undefined : file, line: start });
        } else if (kind === 'short') {
          const base = file.slice(file.lastIndexOf('/') + 1);
          const name = broken ? `missing${base}` : base;
          refs.push({ md: `\`${name}\``, link: name, path: !broken && basenameCount.get(base) === 1 ? file : undefined });
        } else if (kind === 'dir') {
          const d = dirsOf(file);
          refs.push({ md: `\`${broken ? `${d}_old` : d}/\``, link: `${d}/` });
        } else {
          const d = dirsOf(file);
          const ext = file.slice(file.lastIndexOf('.'));
          const g = r.chance(0.5) ? `${d}/*${ext}` : `${d.split('/').slice(0, 2).join('/')}/**/*${ext}`;
          refs.push({ md: `\`${broken ? g.replace(ext, '.nothing') : g}\``, link: g });
        }
      }
      out.push(`**${title}:**`);
      out.push(`- Issue: ${cased([r.pick(WORDS), r.pick(WORDS), r.pick(WORDS)], 'snake').replace(/_/g, ' ')} is handled without a ${r.pick(WORDS)} check`);
      out.push(`- Files: ${refs.map((ref) => ref.md).join(', ')}`);
      out.push(`- Impact: ${r.pick(['data loss', 'slow pages', 'outages under load', 'security exposure', 'flaky tests'])}`);
      out.push(`- Fix approach: add a ${r.pick(WORDS)} ${r.pick(WORDS)} and tests`, '');
      links.push(`- ${title}: ${refs.map((ref, j) => `[ref ${j + 1}](${ref.link})`).join(', ')}`);
      for (const ref of refs) if (ref.path) referenced.push({ path: ref.path, line: ref.line, title });
    }
  }
  return { markdown: `${out.join('\n')}\n`, links: `${links.join('\n')}\n`, lines, referenced, brokenFiles };
}

/** Writes the files (empty, or `lines` lines for the ones a range cites) and commits them. */
export function writeRepository(dir, files, lines, large) {
  fs.mkdirSync(dir, { recursive: true });
  const made = new Set();
  const line = 'export const value = computeSomething(input, options); // synthetic line\n';
  for (const f of files) {
    const d = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    if (d && !made.has(d)) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      made.add(d);
    }
    const n = lines.get(f);
    fs.writeFileSync(path.join(dir, f), n ? line.repeat(n) : large.has(f) ? line.repeat(large.get(f)) : '');
  }
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'synthetic tree']);
}

/**
 * A second branch that touches `touch` files (80% modified, 10% deleted, 10% added), for the
 * `git checkout` measurement. Returns the file events an editor's watcher would report.
 */
export function makeCheckoutBranch(dir, files, touch, seed) {
  const r = rng(seed);
  const chosen = new Set();
  while (chosen.size < Math.min(touch * 0.9, files.length / 2)) chosen.add(files[r.int(files.length)]);
  const list = [...chosen];
  const modified = list.slice(0, Math.round(touch * 0.8));
  const deleted = list.slice(modified.length);
  const added = [];
  for (let i = 0; added.length < touch - modified.length - deleted.length; i++) added.push(`${modified[i % modified.length].replace(/\.(\w+)$/, `Added${i}.$1`)}`);
  git(dir, ['checkout', '-q', '-b', 'other']);
  for (const f of modified) fs.appendFileSync(path.join(dir, f), '// changed on the other branch\n');
  for (const f of deleted) fs.rmSync(path.join(dir, f));
  for (const f of added) fs.writeFileSync(path.join(dir, f), 'export {};\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'other branch']);
  git(dir, ['checkout', '-q', 'main']);
  return { modified, deleted, added };
}

export function git(cwd, args, options = {}) {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'gc.auto=0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: '2025-01-15T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-15T00:00:00Z' },
    ...options,
  });
}
