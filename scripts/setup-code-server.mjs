// Installs code-server (which serves the real VS Code workbench and extension host) and
// playwright-core into .vscode-test/code-server/, for running the extension in a real VS Code
// on a machine that cannot download VS Code. Idempotent: skips when the install already answers.
//
//   node scripts/setup-code-server.mjs          install if needed, print the version
//   node scripts/setup-code-server.mjs --force  reinstall from scratch
//
// Needs the Debian packages chromium, ripgrep, libkrb5-dev, python3, make, g++ (see REQUIRED).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, copyFileSync, chmodSync, symlinkSync, rmSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // 4.100.x is the last line that runs on Node 20
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_DIR = path.join(ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** What the install and the launchers need from the system, and the Debian package that brings it. */
const REQUIRED = [
  { pkg: 'chromium', what: 'the browser that drives the workbench', ok: () => findChromium() !== undefined },
  { pkg: 'ripgrep', what: "VS Code's search binary (rg)", ok: () => which('rg') !== undefined },
  { pkg: 'libkrb5-dev', what: 'gssapi headers for the kerberos native module', ok: () => existsSync('/usr/include/gssapi/gssapi.h') || which('krb5-config') !== undefined },
  { pkg: 'python3', what: 'node-gyp', ok: () => which('python3') !== undefined },
  { pkg: 'make', what: 'node-gyp', ok: () => which('make') !== undefined },
  { pkg: 'g++', what: 'node-gyp', ok: () => which('g++') !== undefined },
];

export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? which('chromium');
}

/** Missing Debian packages, as { pkg, what } (empty when all are there). */
export function missingSystemPackages() {
  return REQUIRED.filter((r) => !r.ok()).map(({ pkg, what }) => ({ pkg, what }));
}

export class MissingPackagesError extends Error {
  constructor(missing) {
    super(missingPackagesMessage(missing));
    this.missing = missing;
  }
}

export function missingPackagesMessage(missing) {
  return [
    `Missing Debian packages: ${missing.map((m) => m.pkg).join(', ')}`,
    ...missing.map((m) => `  - ${m.pkg}: ${m.what}`),
    `Install them with: apt-get update && apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`,
  ].join('\n');
}

/** The installed code-server's version line ("4.100.3 <commit> with Code 1.100.3"), or undefined. */
export function installedVersion() {
  if (!existsSync(CODE_SERVER_BIN)) return undefined;
  const r = spawnSync(CODE_SERVER_BIN, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return undefined;
  const line = r.stdout.split('\n').map((l) => l.trim()).find((l) => /^\d+\.\d+\.\d+/.test(l));
  return line;
}

/** "1.100.3" out of code-server's version line. */
export function vscodeVersionOf(versionLine) {
  return /with Code (\S+)/.exec(versionLine ?? '')?.[1];
}

/** The project's own playwright-core version (package-lock), so both installs match. */
function projectPlaywrightVersion() {
  try {
    return createRequire(path.join(ROOT, 'package.json'))('playwright-core/package.json').version;
  } catch {
    return undefined;
  }
}

export const PLAYWRIGHT_DIR = path.join(CODE_SERVER_DIR, 'node_modules', 'playwright-core');

function hasPlaywright() {
  return existsSync(path.join(PLAYWRIGHT_DIR, 'package.json'));
}

function run(cmd, args, cwd, env = {}) {
  const started = Date.now();
  console.log(`[setup] ${path.relative(ROOT, cwd) || '.'}$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...env },
  });
  if (r.error) throw new Error(`[setup] could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`[setup] failed (exit ${r.status}): ${cmd} ${args.join(' ')} in ${cwd}`);
  console.log(`[setup]   done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * On a fresh machine where we are root and apt-get exists (these CI and developer machines),
 * installs the missing Debian packages; elsewhere leaves it to the message that names them.
 * CONCERNS_NO_APT=1 turns this off.
 */
function installSystemPackages(missing) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get') || process.env.CONCERNS_NO_APT === '1') return;
  const pkgs = missing.map((m) => m.pkg);
  console.log(`[setup] installing Debian packages: ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
}

function symlink(target, linkPath) {
  try {
    lstatSync(linkPath);
    rmSync(linkPath, { recursive: true, force: true });
  } catch {
    // absent
  }
  symlinkSync(target, linkPath);
}

/**
 * Makes sure code-server and playwright-core are installed in .vscode-test/code-server/.
 * Returns { bin, dir, version, vscodeVersion }. Throws with a message naming what to install.
 */
export function setupCodeServer({ force = false, quiet = false } = {}) {
  const started = Date.now();
  let version = force ? undefined : installedVersion();
  // A cached install needs only the browser; a new one needs everything.
  const needed = () => missingSystemPackages().filter((m) => !version || m.pkg === 'chromium');
  if (needed().length > 0) installSystemPackages(needed());
  const missing = needed();
  if (missing.length > 0) throw new MissingPackagesError(missing);

  if (version && hasPlaywright()) {
    if (!quiet) console.log(`[setup] code-server ${version} already installed in ${path.relative(ROOT, CODE_SERVER_DIR)} (checked in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return { bin: CODE_SERVER_BIN, dir: CODE_SERVER_DIR, version, vscodeVersion: vscodeVersionOf(version) };
  }

  const npm = which('npm');
  if (!npm) throw new Error('[setup] npm not found on PATH (it comes with Node.js 20)');

  if (!version) {
    console.log(`[setup] installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (takes a few minutes the first time)`);
    if (force) rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
    mkdirSync(CODE_SERVER_DIR, { recursive: true });
    // Own package.json, so that npm does not walk up and install into the project itself.
    writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'), JSON.stringify({ name: 'concerns-lens-code-server', private: true, description: 'Scratch install of code-server for the e2e tests (scripts/setup-code-server.mjs)' }, null, 2) + '\n');

    const csDir = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
    const vscodeDir = path.join(csDir, 'lib', 'vscode');
    // 1. code-server without its postinstall (it downloads ripgrep and needs --unsafe-perm as root).
    run(npm, ['install', '--ignore-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], CODE_SERVER_DIR);
    // 2. VS Code's own runtime dependencies.
    run(npm, ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
    // 3. ripgrep from the system instead of the GitHub download.
    const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgDir, { recursive: true });
    copyFileSync(which('rg'), path.join(rgDir, 'rg'));
    chmodSync(path.join(rgDir, 'rg'), 0o755);
    // 4. Native modules (npm_config_yes: node-pty's install runs `npx node-gyp`).
    run(npm, ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'], vscodeDir, { npm_config_yes: 'true' });
    // 5. Built-in extensions' dependencies.
    run(npm, ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));
    // 6. What code-server's postinstall would have linked.
    symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    // 7. code-server's password hashing module.
    run(npm, ['rebuild', 'argon2', '--build-from-source'], CODE_SERVER_DIR);
  }
  // 8. The browser driver (never `playwright install`: it downloads a browser; Debian's chromium is used).
  if (!hasPlaywright()) run(npm, ['install', '--ignore-scripts', '--save-exact', `playwright-core@${projectPlaywrightVersion() ?? '1'}`], CODE_SERVER_DIR);

  version = installedVersion();
  if (!version) throw new Error(`[setup] code-server was installed but \`${CODE_SERVER_BIN} --version\` does not answer; rerun with --force`);
  console.log(`[setup] code-server ${version} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { bin: CODE_SERVER_BIN, dir: CODE_SERVER_DIR, version, vscodeVersion: vscodeVersionOf(version) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = Date.now();
    const r = setupCodeServer({ force: process.argv.includes('--force') });
    console.log(`[setup] VS Code ${r.vscodeVersion ?? '?'} via code-server; elapsed ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
