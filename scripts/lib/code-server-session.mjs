// Shared by scripts/e2e.mjs, scripts/try.mjs and scripts/screenshot.mjs: starts code-server (the real
// VS Code workbench + extension host, served locally) and drives Debian's Chromium with playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { CODE_SERVER_DIR, ROOT, findChromium } from '../setup-code-server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings of the fresh profile: no welcome page, tips or telemetry in the way. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** playwright-core from the code-server scratch install, else the project's own devDependency. */
export function loadPlaywright() {
  for (const base of [path.join(CODE_SERVER_DIR, 'package.json'), path.join(ROOT, 'package.json')]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      // try the next
    }
  }
  throw new Error('playwright-core is not installed: run `node scripts/setup-code-server.mjs`');
}

export async function launchChromium({ headless = true } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const { chromium } = loadPlaywright();
  return chromium.launch({ executablePath, headless, args: CHROMIUM_ARGS });
}

/**
 * Starts code-server on a free loopback port with fresh user-data and extensions dirs.
 * Returns { port, origin, pid, logFile, stop(), tail(n) }. The server runs in its own process group,
 * and stop() ends exactly that group (the server and the extension hosts it spawned).
 */
export async function startCodeServer({ bin, folder, env = {}, port, host = '127.0.0.1', label = 'code-server', keepLog = false, settings = DEFAULT_SETTINGS }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'concerns-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const logFile = path.join(keepLog ? os.tmpdir() : tmp, `${label}-${path.basename(tmp)}.log`);
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const chosenPort = port || (await freePort());
  const args = [
    '--bind-addr', `${host}:${chosenPort}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(tmp, 'config.yaml'), // not ~/.config/code-server/config.yaml
    folder,
  ];
  const log = createWriteStream(logFile);
  const child = spawn(bin, args, {
    cwd: ROOT,
    detached: true, // own process group, so stop() reaches the extension host too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const origin = `http://${host}:${chosenPort}`;
  const tail = (n = 40) => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
      return '';
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    log.end();
    rmSync(tmp, { recursive: true, force: true });
  };

  // Ready when /healthz answers.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      const out = tail();
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${out}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const out = tail();
      await stop();
      throw new Error(`code-server did not answer on ${origin} within 60 s:\n${out}`);
    }
    await sleep(200);
  }
  return { port: chosenPort, origin, pid: child.pid, logFile, userDataDir, extensionsDir, stop, tail };
}

/**
 * The workbench URL that opens `folder` with the extension under development loaded (and, with
 * extensionTestsPath, runs that test module and reports through window.codeAutomationExit).
 */
export function workbenchUrl({ origin, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${new URL(origin).host}${path.resolve(p)}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${origin}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Formats what window.codeAutomationLog(type, args) receives from the extension host's console. */
export function formatAutomationLog(type, args) {
  const text = format(...(Array.isArray(args) ? args : [args])); // console.log semantics: '%d passing', n
  return type === 'error' || type === 'warn' ? `[${type}] ${text}` : text;
}

/**
 * A console sink for codeAutomationLog that drops the workbench's known harmless noise (the
 * marketplace lookup failing offline prints a stack each time) after saying so once.
 */
export function automationLogPrinter(print = console.log) {
  let marketplaceNoted = false;
  return (type, args) => {
    const line = formatAutomationLog(type, args);
    if (/ENOTFOUND open-vsx\.org/.test(line)) {
      if (!marketplaceNoted) print('[workbench] extension marketplace unreachable (offline; harmless)');
      marketplaceNoted = true;
      return line;
    }
    print(line);
    return line;
  };
}

/** `cp -r` of a workspace into a fresh temp dir (so tests and demos may change it). */
export function copyWorkspace(src, prefix = 'concerns-ws-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dest = path.join(dir, path.basename(src));
  cpSync(src, dest, { recursive: true });
  return { dir: dest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function extensionBuilt() {
  return existsSync(path.join(ROOT, 'dist', 'client.js'));
}

/**
 * The folder to load as extensionDevelopmentPath in code-server. Loading the project root itself
 * breaks the workbench's built-in extensions (no themes, file icons or grammars: observed with
 * code-server 4.100.3), because code-server's own install, with its built-in extensions, lives inside
 * it under .vscode-test/. So the extension is loaded from a temp folder holding a symlink to each
 * top-level entry of the project but .vscode-test and .git; a rebuild of dist/ shows through.
 * Other folders (an unpacked .vsix, a test build) are used as they are.
 */
export function stageExtension(extensionPath) {
  const resolved = path.resolve(extensionPath);
  if (!existsSync(path.join(resolved, '.vscode-test'))) return { dir: resolved, cleanup: () => {} };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'concerns-ext-'));
  const dir = path.join(tmp, path.basename(resolved));
  mkdirSync(dir);
  for (const entry of readdirSync(resolved)) {
    if (entry === '.vscode-test' || entry === '.git') continue;
    symlinkSync(path.join(resolved, entry), path.join(dir, entry));
  }
  return { dir, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}
