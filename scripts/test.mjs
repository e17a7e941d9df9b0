// `npm test`: every level, in order — static checks, unit tests of the core, protocol tests
// against the real server over stdio, and the in-editor suite inside a real VS Code. Each
// level's output streams through; the counts are summed into one closing line.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from './lib/bootstrap.mjs';

ensureNodeModules();

/** Test files under a folder (node 20's runner does not find .ts files by itself). */
const testFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.test.ts')).map((f) => join(dir, String(f))).sort();
const nodeTest = (dir, tap) => ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...testFiles(dir)];

const steps = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', '.', '--noEmit'] },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'build', cmd: process.execPath, args: ['scripts/build.mjs'] },
  { name: 'unit', cmd: process.execPath, args: nodeTest('test/unit', '.test-unit.tap'), tap: '.test-unit.tap' },
  { name: 'protocol', cmd: process.execPath, args: nodeTest('test/protocol', '.test-protocol.tap'), tap: '.test-protocol.tap' },
  { name: 'e2e', cmd: process.execPath, args: ['scripts/e2e.mjs'], e2e: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failedSteps = [];
const started = Date.now();

for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name} ===`);
  const t0 = Date.now();
  const { code, output } = await run(step.cmd, step.args);
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  if (step.tap) {
    const { readFileSync, rmSync } = await import('node:fs');
    try {
      const tap = readFileSync(step.tap, 'utf8');
      passed += Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
      failed += Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
      rmSync(step.tap);
    } catch {
      /* no report: counted as a failed step below */
    }
  }
  if (step.e2e) {
    const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(output);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
  }
  if (code !== 0) failedSteps.push(step.name);
}

console.log(`\n${failedSteps.length === 0 ? 'All levels passed' : `Failed: ${failedSteps.join(', ')}`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length === 0 ? 0 : 1);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => {
      console.error(`${cmd}: ${error.message}`);
      resolve({ code: 1, output });
    });
  });
}
