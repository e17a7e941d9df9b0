// The performance benchmark: `npm run bench [-- --sizes 10000,100000 --concerns 50,500 --json --keep]`.
// Builds synthetic git repositories and concerns documents (deterministic, seeded), drives the
// production-built server over stdio as an editor does, and measures it side by side with the
// floor (`git ls-files`, a plain directory walk, an LSP round trip) and the peer
// (vscode-markdown-languageservice's link diagnostics for the same references). Everything it
// writes lives in one temp folder, removed at the end unless --keep.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateDocument, generateTree, git, makeCheckoutBranch, writeRepository } from './generate.mjs';
import { BenchClient, fileUri } from './lsp.mjs';
import { clientBuilds, serverDefines } from '../scripts/build.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const SIZES = args.sizes ?? [10_000, 100_000, 300_000];
const CONCERNS = args.concerns ?? [50, 500, 1500];
const EDITS = args.edits ?? 200;
const SEED = args.seed ?? 20250115;
const log = (...m) => process.stderr.write(`${m.join(' ')}\n`);

const tmp = args.keep ? path.join(os.tmpdir(), 'concerns-lens-bench') : fs.mkdtempSync(path.join(os.tmpdir(), 'concerns-lens-bench-'));
fs.mkdirSync(tmp, { recursive: true });
const cleanup = () => {
  if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

if (args.report) {
  // Re-print the table of a saved --json run.
  Object.assign(globalThis, { saved: JSON.parse(fs.readFileSync(args.report, 'utf8')) });
}
const results = globalThis.saved ?? { machine: machine(), seed: SEED, sizes: SIZES, concerns: CONCERNS, edits: EDITS, runs: [], client: {} };
if (args.report) {
  report();
  cleanup();
} else {
  try {
    await main();
  } finally {
    cleanup();
  }
}

async function main() {
  const dist = path.join(tmp, 'dist');
  await buildProduction(dist);
  const server = path.join(dist, 'server.js');
  const cli = path.join(dist, 'cli.js');
  results.nodeStartMs = median(Array.from({ length: 7 }, () => timeSync(() => spawnSync(process.execPath, ['-e', '0']))));
  results.nodeRssMb = Number(spawnSync(process.execPath, ['-e', 'console.log(process.resourceUsage().maxRSS/1024)']).stdout.toString());
  log(`node start ${fmt(results.nodeStartMs)} ms; temp ${tmp}`);
  results.client = clientFigures(dist);
  log(`client: activation ${fmt(results.client.activationMs)} ms, vsix ${fmt(results.client.vsixKb)} KB`);

  for (const size of SIZES) {
    const root = path.join(tmp, `repo-${size}`);
    const files = generateTree(size, SEED + size);
    const lines = new Map();
    const docs = new Map(CONCERNS.map((count) => [count, generateDocument(files, count, SEED + count, lines)]));
    const large = new Map([['package-lock.json', 60_000]]);
    let checkout;
    const marker = path.join(root, '.bench-complete.json');
    // The files are written as long as the documents' line ranges need: a tree cached for other
    // document sizes would leave the new references past the end of their files.
    const cached = fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, 'utf8')) : undefined;
    if (cached && CONCERNS.every((count) => cached.concerns?.includes(count))) {
      checkout = cached.checkout;
      log(`${size}: using the cached tree`);
    } else {
      fs.rmSync(root, { recursive: true, force: true });
      const t0 = performance.now();
      writeRepository(root, files, lines, large);
      checkout = makeCheckoutBranch(root, files, 5000, SEED + 7);
      fs.writeFileSync(marker, JSON.stringify({ checkout, concerns: CONCERNS }));
      log(`${size}: generated and committed in ${fmt((performance.now() - t0) / 1000)} s`);
    }
    // Untracked bench files stay out of git's way.
    fs.appendFileSync(path.join(root, '.git/info/exclude'), '\n.bench-complete.json\n');

    const floor = floorFigures(root);
    log(`${size}: git ls-files ${fmt(floor.gitLsFilesMs)} ms, with untracked ${fmt(floor.gitLsFilesOthersMs)} ms, walk ${fmt(floor.walkMs)} ms`);
    for (const count of CONCERNS) {
      const doc = docs.get(count);
      const docPath = path.join(root, '.planning/codebase/CONCERNS.md');
      fs.mkdirSync(path.dirname(docPath), { recursive: true });
      const markdown = doc.markdown.replace('## Tech Debt\n\n', '## Tech Debt\n\n**Lockfile drift:**\n- Issue: the lockfile is edited by hand\n- Files: `package-lock.json`\n- Fix approach: regenerate it\n\n');
      fs.writeFileSync(docPath, markdown);
      const run = { files: size, concerns: count, floor, server: await serverFigures(server, root, docPath, markdown, { ...doc, concerns: count }, checkout) };
      fs.writeFileSync(path.join(root, 'BENCH_LINKS.md'), doc.links);
      run.peer = await peerFigures(root, 'BENCH_LINKS.md', count >= 5000 ? Math.min(EDITS, 30) : EDITS);
      fs.rmSync(path.join(root, 'BENCH_LINKS.md'));
      if (count === CONCERNS[Math.min(1, CONCERNS.length - 1)]) run.cli = cliFigures(cli, root);
      results.runs.push(run);
      log(`${size} files, ${count} concerns: ${JSON.stringify({ server: run.server, peer: run.peer, cli: run.cli })}`);
      fs.rmSync(path.join(root, '.planning'), { recursive: true, force: true });
    }
  }
  report();
}

// ---- the server --------------------------------------------------------------------------------

async function serverFigures(serverPath, root, docPath, markdown, doc, checkout) {
  const figures = {};
  // The editor's workspace storage, where the server keeps parsed documents between runs. A first
  // start (nothing kept: the document is parsed), stopped at once, then the start every later
  // session makes (the unchanged document's model restored); the rest runs on the second server.
  const storageDir = fs.mkdtempSync(path.join(tmp, 'storage-'));
  const initializationOptions = { trusted: true, storageDir };
  {
    const first = new BenchClient(serverPath);
    let published;
    try {
      await first.initialize(root, initializationOptions);
      figures.coldStartMs = (await first.waitForVersion(1)) - first.started;
      // What the first pass published (drift adds more later).
      published = new Map(first.diagnostics);
      figures.coldStartPeakRssMb = first.peakRssMb();
    } finally {
      await first.shutdown();
    }
    figures.publishFloorMs = await publishFloor(published);
  }
  const client = new BenchClient(serverPath);
  try {
    await client.initialize(root, initializationOptions);
    figures.warmStartMs = (await client.waitForVersion(1)) - client.started;
    if (!client.logs.some((l) => /restored from the parse cache/.test(l))) log('  (the second start did not restore the document from the parse cache)');
    figures.diagnosticsFiles = client.diagnostics.size;
    figures.problems = (client.diagnostics.get(fileUri(docPath)) ?? []).length;

    // Keystrokes: one character typed into an Issue line of successive concerns, each awaited.
    const docUri = fileUri(docPath);
    let version = 1;
    let text = markdown;
    await client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'markdown', version, text } });
    await client.waitForVersion(client.version + 1);
    const issueLines = [];
    text.split('\n').forEach((line, i) => line.startsWith('- Issue: ') && issueLines.push(i));
    const keystrokes = [];
    // A typist's pace: each keystroke lands after the previous one's diagnostics and a pause.
    // The 5,000-concern document gets fewer (its passes are long; the figure is stable).
    const edits = doc.concerns >= 5000 ? Math.min(EDITS, 30) : EDITS;
    for (let i = 0; i < edits; i++) {
      await sleep(30);
      const line = issueLines[(i * 7) % issueLines.length];
      const target = client.version + 1;
      const t0 = performance.now();
      await client.notify('textDocument/didChange', {
        textDocument: { uri: docUri, version: ++version },
        contentChanges: [{ range: { start: { line, character: 9 }, end: { line, character: 9 } }, text: 'x' }],
      });
      keystrokes.push((await client.waitForVersion(target)) - t0);
    }
    figures.keystroke = quantiles(keystrokes);
    // A burst: 20 keystrokes 5 ms apart, to the diagnostics after the last one.
    {
      const line = issueLines[0];
      let last = 0;
      for (let i = 0; i < 20; i++) {
        await client.notify('textDocument/didChange', {
          textDocument: { uri: docUri, version: ++version },
          contentChanges: [{ range: { start: { line, character: 9 }, end: { line, character: 9 } }, text: 'y' }],
        });
        last = performance.now();
        await sleep(5);
      }
      const before = client.version;
      await waitQuiet(client, 200);
      figures.burstSettleMs = performance.now() - last - 200;
      figures.burstPasses = client.version - before;
    }

    // The round trip floor: a request the server answers without work.
    const rtt = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await client.request('concerns/noSuchMethod').catch(() => undefined);
      rtt.push(performance.now() - t0);
    }
    figures.roundTrip = quantiles(rtt);

    // Hover and code actions in referenced files, at a line a concern covers.
    const targets = doc.referenced.filter((r) => r.line !== undefined).slice(0, 50);
    const hovers = [];
    const actions = [];
    for (let i = 0; i < 200 && targets.length > 0; i++) {
      const target = targets[i % targets.length];
      const uri = fileUri(path.join(root, target.path));
      const position = { line: target.line - 1, character: 0 };
      let t0 = performance.now();
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
      hovers.push(performance.now() - t0);
      if (i === 0 && !hover) log(`  (no hover at ${target.path}:${target.line})`);
      const diagnostics = (client.diagnostics.get(uri) ?? []).filter((d) => d.range.start.line <= position.line && position.line <= d.range.end.line);
      t0 = performance.now();
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics } });
      actions.push(performance.now() - t0);
    }
    figures.hover = quantiles(hovers);
    figures.codeAction = quantiles(actions);

    // The Concerns view's fetches, each right after a keystroke's re-index (as the view asks on
    // `concerns/indexChanged`). First whole trees, without params, as a view opening then asks
    // (the server's very first one builds every concern: `treeFirstMs`); then, with the view's own
    // store (treeWire.ts, bundled here), what it asks after each keystroke: the delta.
    {
      const bundle = await esbuild.build({ entryPoints: [path.join(repo, 'server/src/treeWire.ts')], bundle: true, format: 'esm', write: false, logLevel: 'warning' });
      const { TreeStore } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
      const store = new TreeStore();
      const afterKeystroke = async (i) => {
        await sleep(30);
        const target = client.version + 1;
        const at = { line: issueLines[(i * 13) % issueLines.length], character: 9 };
        await client.notify('textDocument/didChange', { textDocument: { uri: docUri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: 't' }] });
        await client.waitForVersion(target);
      };
      const fetches = async (n, first, withParams) => {
        const times = [];
        const bytes = [];
        for (let i = 0; i < n; i++) {
          await afterKeystroke(first + i);
          const params = withParams ? store.params() : undefined;
          const t0 = performance.now();
          const answer = await client.request('concerns/tree', params);
          times.push(performance.now() - t0);
          bytes.push(JSON.stringify(answer).length + (params ? JSON.stringify(params).length : 0));
          if (!store.unpack(answer)) throw new Error('concerns/tree sent a concern as a stamp the view does not hold');
        }
        return { ...quantiles(times), bytes: median(bytes) };
      };
      const t0 = performance.now();
      store.unpack(await client.request('concerns/tree'));
      figures.treeFirstMs = performance.now() - t0;
      const trees = doc.concerns >= 5000 ? 10 : 20;
      figures.tree = await fetches(trees, 0, false);
      figures.treeDelta = await fetches(trees, trees, true);
    }

    // Files: created (a broken reference's path), deleted, renamed (a referenced file).
    // Each after a quiet spell, as files change while someone works: an event arriving within
    // the coalescing interval of the previous pass waits for it (MIN_PASS_INTERVAL_MS), and the
    // figure would be that wait, not the work.
    const fileEvent = async (events) => {
      await waitQuiet(client, 250);
      const target = client.version + 1;
      const t0 = performance.now();
      await client.notify('workspace/didChangeWatchedFiles', { changes: events.map(([rel, type]) => ({ uri: fileUri(path.join(root, rel)), type })) });
      return (await client.waitForVersion(target)) - t0;
    };
    const created = doc.brokenFiles[0] ?? 'benchNewFile.ts';
    fs.mkdirSync(path.dirname(path.join(root, created)), { recursive: true });
    fs.writeFileSync(path.join(root, created), 'export {};\n');
    figures.fileCreatedMs = await fileEvent([[created, 1]]);
    fs.rmSync(path.join(root, created));
    figures.fileDeletedMs = await fileEvent([[created, 3]]);
    const renamed = doc.referenced[0].path;
    const renamedTo = renamed.replace(/(\.\w+)$/, 'Renamed$1');
    fs.renameSync(path.join(root, renamed), path.join(root, renamedTo));
    figures.fileRenamedMs = await fileEvent([[renamed, 3], [renamedTo, 1]]);
    fs.renameSync(path.join(root, renamedTo), path.join(root, renamed));
    await fileEvent([[renamedTo, 3], [renamed, 1]]);

    // A branch switch touching 5,000 files: the watcher reports each (one batch, as VS Code does).
    const events = (mod, del, add) => [...mod.map((f) => [f, 2]), ...del.map((f) => [f, 3]), ...add.map((f) => [f, 1])];
    git(root, ['checkout', '-q', 'other']);
    figures.checkoutMs = await fileEvent(events(checkout.modified, checkout.deleted, checkout.added));
    git(root, ['checkout', '-q', 'main']);
    figures.checkoutBackMs = await fileEvent(events(checkout.modified, checkout.added, checkout.deleted));

    figures.peakRssMb = client.peakRssMb();
    return figures;
  } finally {
    await client.shutdown();
    fs.rmSync(storageDir, { recursive: true, force: true });
  }
}

/**
 * The same diagnostics published by a server that has them already (bench/publishFloor.mjs):
 * process start to the last one received, median of three.
 */
async function publishFloor(diagnostics) {
  const file = path.join(tmp, 'published.json');
  fs.writeFileSync(file, JSON.stringify([...diagnostics]));
  const times = [];
  try {
    for (let i = 0; i < 3; i++) {
      const client = new BenchClient(path.join(repo, 'bench/publishFloor.mjs'), [], [file]);
      try {
        await client.initialize(tmp);
        times.push((await client.waitForVersion(1)) - client.started);
        if (client.diagnostics.size !== diagnostics.size) throw new Error(`the publish floor sent ${client.diagnostics.size} files, not ${diagnostics.size}`);
      } finally {
        await client.shutdown();
      }
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return median(times);
}

/** Resolves once no index pass has finished for `quietMs`. */
async function waitQuiet(client, quietMs) {
  let seen = client.version;
  for (;;) {
    await sleep(quietMs);
    if (client.version === seen) return;
    seen = client.version;
  }
}

// ---- the floor, the peer, the command line, the client ------------------------------------------

function floorFigures(root) {
  const runs = (f) => median(Array.from({ length: 3 }, () => timeSync(f)));
  const gitArgs = ['-c', 'core.fsmonitor=false', 'ls-files', '-z'];
  return {
    gitLsFilesMs: runs(() => execFileSync('git', gitArgs, { cwd: root, maxBuffer: 1 << 30 })),
    gitLsFilesOthersMs: runs(() => execFileSync('git', [...gitArgs, '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 1 << 30 })),
    walkMs: runs(() => walk(root)),
  };
}

function walk(root) {
  const files = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop();
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') stack.push(child);
      } else files.push(child);
    }
  }
  return files;
}

function peerFigures(root, docRel, edits) {
  return new Promise((resolve, reject) => {
    const started = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [path.join(repo, 'bench/peer.mjs'), root, docRel, String(edits), String(started)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the peer exited with ${code}`));
      const figures = JSON.parse(out);
      resolve({ ...figures, coldStartMs: figures.coldAt - started });
    });
  });
}

function cliFigures(cli, root) {
  const times = Array.from({ length: 3 }, () => timeSync(() => execFileSync(process.execPath, [cli, 'index', '--root', root, '--json'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] })));
  return { indexJsonMs: median(times) };
}

/** Production bundles (what ships) into the temp folder; the repository's dist/ is left alone. */
async function buildProduction(dist) {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', mainFields: ['module', 'main'], absWorkingDir: repo };
  await Promise.all([
    ...clientBuilds({ ...common, outdir: dist }).map((build) => esbuild.build(build)),
    esbuild.build({ ...common, ...serverDefines(), entryPoints: ['server/src/node/main.ts'], outfile: path.join(dist, 'server.js') }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(dist, 'cli.js') }),
  ]);
}

/**
 * Client activation: a fresh Node process requires the bundle against a stubbed `vscode` module
 * and awaits `activate()` (the language client's start is stubbed with it, so this is the
 * extension's own cost: loading its code and wiring views and commands). The .vsix: packaged from
 * a copy of the shipped files in the temp folder.
 */
function clientFigures(dist) {
  const figures = {};
  const probes = [];
  for (let i = 0; i < 5; i++) {
    const probe = spawnSync(process.execPath, [path.join(repo, 'bench/activation.mjs'), path.join(dist, 'client.js')], { encoding: 'utf8' });
    try {
      probes.push(JSON.parse(probe.stdout.trim().split('\n').pop()));
    } catch {
      figures.activationError = (probe.stderr || probe.stdout).slice(-500);
    }
  }
  if (probes.length > 0) {
    figures.activationMs = median(probes.map((p) => p.activationMs));
    figures.requireMs = median(probes.map((p) => p.requireMs));
    figures.reachedServerStart = probes.every((p) => p.reachedServerStart);
    if (probes.every((p) => p.serverSpawnMs !== undefined)) figures.serverSpawnMs = median(probes.map((p) => p.serverSpawnMs));
  }
  try {
    const pkg = path.join(tmp, 'package');
    fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) fs.copyFileSync(path.join(repo, f), path.join(pkg, f));
    for (const d of ['media', 'syntaxes']) fs.cpSync(path.join(repo, d), path.join(pkg, d), { recursive: true });
    for (const f of ['client.js', 'languageClient.js', 'server.js']) fs.copyFileSync(path.join(dist, f), path.join(pkg, 'dist', f));
    const out = path.join(tmp, 'bench.vsix');
    const vsce = path.join(repo, 'node_modules/@vscode/vsce/vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out, '--baseContentUrl', 'https://example.invalid/x', '--baseImagesUrl', 'https://example.invalid/x'], { cwd: pkg, stdio: 'pipe' });
    figures.vsixKb = fs.statSync(out).size / 1024;
  } catch (error) {
    figures.vsixError = String(error).slice(0, 300);
  }
  return figures;
}

// ---- reporting -----------------------------------------------------------------------------------

function report() {
  if (args.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const rows = [];
  const node = results.nodeStartMs;
  for (const run of results.runs) {
    const s = run.server;
    const p = run.peer;
    const f = run.floor;
    const label = `${run.files / 1000}k files, ${run.concerns} concerns`;
    rows.push([label, 'cold start (ms)', s.coldStartMs, f.gitLsFilesMs + node, p.coldStartMs]);
    rows.push([label, 'cold start less node start (ms)', s.coldStartMs - node, f.gitLsFilesMs, p.coldStartMs - node]);
    if (s.publishFloorMs !== undefined) rows.push([label, 'cold start vs publishing its diagnostics alone (ms)', s.coldStartMs, s.publishFloorMs, undefined]);
    if (s.warmStartMs !== undefined) {
      rows.push([label, 'start, document kept (ms)', s.warmStartMs, f.gitLsFilesMs + node, p.coldStartMs]);
      rows.push([label, 'start, document kept, less node start (ms)', s.warmStartMs - node, f.gitLsFilesMs, p.coldStartMs - node]);
      if (s.publishFloorMs !== undefined) rows.push([label, 'start, document kept, vs publishing alone (ms)', s.warmStartMs, s.publishFloorMs, undefined]);
    }
    rows.push([label, 'keystroke p50 (ms)', s.keystroke.p50, s.roundTrip.p50, p.editP50]);
    rows.push([label, 'keystroke p95 (ms)', s.keystroke.p95, s.roundTrip.p95, p.editP95]);
    rows.push([label, 'burst of 20: settle after last (ms)', s.burstSettleMs, s.roundTrip.p50, undefined]);
    rows.push([label, 'file created (ms)', s.fileCreatedMs, s.roundTrip.p50, p.editP50]);
    rows.push([label, 'file deleted (ms)', s.fileDeletedMs, s.roundTrip.p50, p.editP50]);
    rows.push([label, 'file renamed (ms)', s.fileRenamedMs, s.roundTrip.p50, p.editP50]);
    rows.push([label, 'git checkout, 5,000 files (ms)', s.checkoutMs, f.gitLsFilesMs, undefined]);
    rows.push([label, 'hover p50 / p95 (ms)', `${fmt(s.hover.p50)} / ${fmt(s.hover.p95)}`, s.roundTrip.p95, undefined, s.hover.p95]);
    rows.push([label, 'code action p50 / p95 (ms)', `${fmt(s.codeAction.p50)} / ${fmt(s.codeAction.p95)}`, s.roundTrip.p95, undefined, s.codeAction.p95]);
    rows.push([label, 'tree request, full p50 / p95 (ms)', `${fmt(s.tree.p50)} / ${fmt(s.tree.p95)}`, s.roundTrip.p95, undefined, s.tree.p95]);
    if (s.treeDelta) rows.push([label, 'tree request after a keystroke, delta p50 / p95 (ms)', `${fmt(s.treeDelta.p50)} / ${fmt(s.treeDelta.p95)}`, s.roundTrip.p95, undefined, s.treeDelta.p95]);
    rows.push([label, 'peak memory (MB)', s.peakRssMb, results.nodeRssMb, p.peakRssMb]);
    if (run.cli) rows.push([label, 'concerns index --json (ms)', run.cli.indexJsonMs, f.gitLsFilesMs + node, undefined]);
  }
  const lines = [
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}, git ${results.machine.git}`,
    `Node empty start ${fmt(node)} ms, empty RSS ${fmt(results.nodeRssMb)} MB. Floor: git ls-files (+ node start for end-to-end figures), an LSP round trip for requests, an empty Node process for memory.`,
    `Client: activation ${fmt(results.client.activationMs)} ms (require ${fmt(results.client.requireMs)} ms)${results.client.serverSpawnMs === undefined ? '' : `, server spawn requested at ${fmt(results.client.serverSpawnMs)} ms (language client loaded after activation)`}; .vsix ${fmt(results.client.vsixKb)} KB`,
    '',
    '| workload | measure | concerns lens | floor | x floor | peer | x peer |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const [label, measure, value, floor, peer, numeric] of rows) {
    const v = typeof value === 'number' ? value : numeric;
    lines.push(`| ${label} | ${measure} | ${typeof value === 'number' ? fmt(value) : value} | ${fmt(floor)} | ${ratio(v, floor)} | ${fmt(peer)} | ${ratio(v, peer)} |`);
  }
  lines.push('', 'Floor per tree:', '| files | git ls-files (ms) | git ls-files --others (ms) | directory walk (ms) |', '|---:|---:|---:|---:|');
  for (const size of results.sizes) {
    const f = results.runs.find((r) => r.files === size)?.floor;
    if (f) lines.push(`| ${size} | ${fmt(f.gitLsFilesMs)} | ${fmt(f.gitLsFilesOthersMs)} | ${fmt(f.walkMs)} |`);
  }
  const first = results.sizes[0];
  const last = results.sizes[results.sizes.length - 1];
  if (first !== last) {
    lines.push('', `Growth from ${first} to ${last} files (x${fmt(last / first)} files):`, '| concerns | cold start less node | keystroke p95 | checkout | memory | git ls-files |', '|---:|---:|---:|---:|---:|---:|');
    for (const count of results.concerns) {
      const a = results.runs.find((r) => r.files === first && r.concerns === count);
      const b = results.runs.find((r) => r.files === last && r.concerns === count);
      if (!a || !b) continue;
      lines.push(`| ${count} | x${fmt((b.server.coldStartMs - node) / (a.server.coldStartMs - node))} | x${fmt(b.server.keystroke.p95 / a.server.keystroke.p95)} | x${fmt(b.server.checkoutMs / a.server.checkoutMs)} | x${fmt(b.server.peakRssMb / a.server.peakRssMb)} | x${fmt(b.floor.gitLsFilesMs / a.floor.gitLsFilesMs)} |`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---- helpers ---------------------------------------------------------------------------------------

function machine() {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? cpu;
  } catch {
    cpu = os.cpus()[0]?.model ?? cpu;
  }
  let gitVersion = 'unknown';
  try {
    gitVersion = execFileSync('git', ['--version']).toString().trim().replace('git version ', '');
  } catch {
    // no git
  }
  return { cpu, cores: os.availableParallelism(), memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, git: gitVersion, platform: `${os.platform()} ${os.release()}` };
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const list = () => argv[++i].split(',').map((x) => Number(x.replace(/_/g, '')));
    if (a === '--sizes') out.sizes = list();
    else if (a === '--concerns') out.concerns = list();
    else if (a === '--edits') out.edits = Number(argv[++i]);
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (a === '--json') out.json = true;
    else if (a === '--keep') out.keep = true;
    else if (a === '--report') out.report = argv[++i];
    else if (a === '--help') {
      process.stdout.write('node bench/run.mjs [--sizes 10000,100000,300000] [--concerns 50,500,1500] [--edits 200] [--seed N] [--json] [--keep]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

function quantiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] };
}

function median(values) {
  return quantiles(values).p50;
}

function timeSync(f) {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function fmt(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (typeof x !== 'number') return String(x);
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || !b) return '—';
  return `${fmt(a / b)}x`;
}
