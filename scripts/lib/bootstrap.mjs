// What a fresh clone needs before `npm test` or `npm run try` can run: the npm packages.
// (The Debian packages are installed, when missing, by setup-code-server.mjs.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `npm ci` when the project's node_modules are missing (a fresh clone). */
export function ensureNodeModules() {
  if (existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) return;
  console.log('[bootstrap] node_modules missing: running npm ci');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[bootstrap] npm ci failed; run it by hand to see why.');
    process.exit(1);
  }
}
