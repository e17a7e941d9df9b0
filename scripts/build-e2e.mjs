// Compiles the e2e suite (test/e2e/suite/*.ts) into out/e2e/suite/*.js for the extension host.
// `vscode` comes from the host; `mocha` is resolved from the project's node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SUITE_SRC = path.join(ROOT, 'test', 'e2e', 'suite');
export const SUITE_OUT = path.join(ROOT, 'out', 'e2e', 'suite');
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index.js');

export async function buildE2E() {
  const started = Date.now();
  const entryPoints = readdirSync(SUITE_SRC)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(SUITE_SRC, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  console.log(`[build-e2e] ${entryPoints.length} file(s) -> ${path.relative(ROOT, SUITE_OUT)} in ${Date.now() - started} ms`);
  return SUITE_ENTRY;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildE2E();
}
