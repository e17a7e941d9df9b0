// Builds the production bundles and the .vsix, then prints what it holds and its size.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const out = `${pkg.name}-${pkg.version}.vsix`;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

run(process.execPath, ['scripts/build.mjs', '--production']);
// Everything runtime is bundled, so no node_modules go in (--no-dependencies); the README's
// relative images are rewritten against the repository's raw URL.
const vsce = require.resolve('@vscode/vsce/vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out,
  '--baseContentUrl', 'https://example.invalid/concerns-lens/blob/main',
  '--baseImagesUrl', 'https://example.invalid/concerns-lens/raw/main']);
run(process.execPath, [vsce, 'ls', '--no-dependencies']);
const bytes = statSync(out).size;
console.log(`\n${out}: ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes)`);
