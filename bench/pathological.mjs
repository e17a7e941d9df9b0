// The pathological documents of issue 14, indexed by the built CLI and by the built server, one
// process each: prints wall time and peak RSS per input. Figures, not assertions (the tests
// assert the model and its notes; see docs/RELIABILITY.md).
//   npm run bench:pathological [-- --only table --timeout 120]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathologicalInputs } from '../test/unit/helpers/pathological.ts';
import { BenchClient, fileUri } from './lsp.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = argValue('only');
const timeoutMs = Number(argValue('timeout') ?? 120) * 1000;
const cli = path.join(repo, 'dist/cli.js');
const server = path.join(repo, 'dist/server.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concerns-pathological-'));
// Prints the CLI process's peak RSS on exit (Node gives a parent no child's rusage).
const rssHook = path.join(tmp, 'rss.cjs');
fs.writeFileSync(rssHook, "process.on('exit', () => process.stderr.write(`\\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");

const rows = [];
try {
  for (const input of pathologicalInputs()) {
    if (only && !input.name.includes(only)) continue;
    const root = path.join(tmp, String(rows.length));
    fs.mkdirSync(path.join(root, '.planning/codebase'), { recursive: true });
    fs.writeFileSync(path.join(root, '.planning/codebase/CONCERNS.md'), input.text);
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(root, `f${i}.ts`), 'export {};\n');
    const row = { input: input.name, chars: input.text.length, cli: await runCli(root), server: await runServer(root) };
    rows.push(row);
    process.stdout.write(`${format(row)}\n`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function runCli(root) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', rssHook, cli, 'index', '--root', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let out = 0;
    child.stdout.on('data', (d) => (out += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const kb = Number(/PEAK_RSS_KB (\d+)/.exec(stderr)?.[1]);
      resolve({ ms: performance.now() - started, rssMb: kb ? kb / 1024 : undefined, exit: signal ? 'killed (timeout)' : code, outKb: out / 1024 });
    });
  });
}

async function runServer(root) {
  const client = new BenchClient(server);
  try {
    await client.initialize(root, { trusted: true });
    await client.waitForVersion(1, timeoutMs);
    const ms = performance.now() - client.started;
    const diagnostics = client.diagnostics.get(fileUri(path.join(root, '.planning/codebase/CONCERNS.md'))) ?? [];
    return { ms, rssMb: client.peakRssMb(), diagnostics: diagnostics.length, failed: client.logs.some((l) => /Indexing failed/.test(l)) };
  } catch (error) {
    return { ms: performance.now() - client.started, rssMb: client.peakRssMb(), error: String(error).split('\n')[0] };
  } finally {
    await client.shutdown();
  }
}

function format({ input, chars, cli: c, server: s }) {
  const mb = (v) => (v === undefined ? '?' : `${v.toFixed(0)} MB`);
  const sec = (v) => `${(v / 1000).toFixed(2)} s`;
  const serverNote = s.error ? ` (${s.error})` : s.failed ? ' (Indexing failed logged)' : '';
  return `${input.padEnd(38)} ${String(chars).padStart(9)} chars | cli ${sec(c.ms).padStart(8)} ${mb(c.rssMb).padStart(8)} exit ${c.exit} | server ${sec(s.ms).padStart(8)} ${mb(s.rssMb).padStart(8)}${serverNote}`;
}
