// Runs the e2e suite (test/e2e/suite, compiled to out/e2e/suite) inside a real VS Code, on a temp
// copy of the fixture workspace test/e2e/workspace, made a git repository with one commit (for the
// drift tests). `npm run test:e2e` builds the extension first.
//
// Two launchers for the same Mocha suite, chosen by CONCERNS_E2E_LAUNCHER:
//   electron     @vscode/test-electron runTests: a VS Code desktop (CONCERNS_E2E_VSCODE_PATH, one cached
//                in .vscode-test/, /usr/share/code/code, or a download), under xvfb-run when no DISPLAY.
//   code-server  VS Code 1.100 served by code-server (installed by scripts/setup-code-server.mjs) and
//                driven by Debian's Chromium through playwright-core. Works with no internet.
//   auto         (default) electron when a VS Code is already on the machine, else code-server when
//                its Debian packages are there, else electron with a short download attempt.
// Never skips: when no launcher can run it exits 1 saying what to install.
// Closing line: `e2e: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MissingPackagesError, ROOT, setupCodeServer, which } from './setup-code-server.mjs';
import { buildE2E, SUITE_ENTRY } from './build-e2e.mjs';
import { commitWorkspace } from './lib/git-fixture.mjs';
import {
  copyWorkspace,
  extensionBuilt,
  automationLogPrinter,
  launchChromium,
  stageExtension,
  startCodeServer,
  DEFAULT_SETTINGS,
  workbenchUrl,
} from './lib/code-server-session.mjs';

const FIXTURE = path.join(ROOT, 'test', 'e2e', 'workspace');
// The extension under test (the project itself; overridable to try the launchers on another build).
const EXTENSION_PATH = path.resolve(process.env.CONCERNS_E2E_EXTENSION_PATH ?? ROOT);
const SUITE_DEADLINE_MS = Number(process.env.CONCERNS_E2E_TIMEOUT_MS ?? 5 * 60_000);
const DOWNLOAD_TIMEOUT_MS = 15_000;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

class LauncherUnavailable extends Error {}

/** `CONCERNS_E2E_FILES=view,drift` runs only those suite files (for working on one; `npm test` runs all). */
const suiteFilter = () => (process.env.CONCERNS_E2E_FILES ? { CONCERNS_E2E_FILES: process.env.CONCERNS_E2E_FILES } : {});

/** A VS Code desktop executable already on this machine, or undefined. */
function localVSCode() {
  const fromEnv = process.env.CONCERNS_E2E_VSCODE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new LauncherUnavailable(`CONCERNS_E2E_VSCODE_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const cache = path.join(ROOT, '.vscode-test');
  if (existsSync(cache)) {
    const cached = readdirSync(cache)
      .filter((d) => /^vscode-linux-x64-/.test(d) || /^vscode-darwin/.test(d) || /^vscode-win32/.test(d))
      .sort()
      .reverse();
    for (const d of cached) {
      for (const exe of ['code', 'Visual Studio Code.app/Contents/MacOS/Electron', 'Code.exe']) {
        const p = path.join(cache, d, exe);
        if (existsSync(p)) return p;
      }
    }
  }
  return ['/usr/share/code/code', '/usr/lib/code/code'].find((p) => existsSync(p));
}

function readResult(resultFile, lines) {
  try {
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    if (typeof r.passed === 'number' && typeof r.failed === 'number') return r;
  } catch {
    // fall back to Mocha's summary lines
  }
  const text = lines.join('\n');
  const passing = /(\d+) passing/.exec(text);
  const failing = /(\d+) failing/.exec(text);
  if (!passing && !failing) return undefined;
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
}

/** Prints the closing line and returns the process exit code. */
function finish(launcher, exitCode, result) {
  if (!result) {
    console.error(`e2e: the suite reported no result (launcher ${launcher}, exit code ${exitCode}): it did not run`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  const code = exitCode === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
  console.log(`[e2e] launcher ${launcher} finished with exit code ${exitCode} in ${elapsed()}`);
  console.log(`e2e: ${result.passed} passed, ${result.failed + (code !== 0 && result.failed === 0 ? 1 : 0)} failed`);
  return code;
}

// ---------------------------------------------------------------------------------------------- electron

async function runElectron({ allowDownload }) {
  let vscodeExecutablePath = localVSCode();
  const testElectron = await import('@vscode/test-electron');
  if (!vscodeExecutablePath) {
    if (!allowDownload) throw new LauncherUnavailable('no VS Code desktop on this machine');
    console.log(`[e2e] no local VS Code; trying to download one (timeout ${DOWNLOAD_TIMEOUT_MS / 1000} s)`);
    try {
      vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ cachePath: path.join(ROOT, '.vscode-test'), timeout: DOWNLOAD_TIMEOUT_MS });
    } catch (e) {
      throw new LauncherUnavailable(`VS Code download failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // Electron needs a display: rerun this launcher under xvfb-run when there is none.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.CONCERNS_E2E_UNDER_XVFB) {
    if (!which('xvfb-run')) throw new LauncherUnavailable('no DISPLAY and no xvfb-run: apt-get install -y xvfb');
    console.log('[e2e] no DISPLAY: running the electron launcher under xvfb-run');
    const r = spawnSync('xvfb-run', ['-a', process.execPath, process.argv[1]], {
      stdio: 'inherit',
      env: { ...process.env, CONCERNS_E2E_UNDER_XVFB: '1', CONCERNS_E2E_LAUNCHER: 'electron', CONCERNS_E2E_VSCODE_PATH: vscodeExecutablePath, CONCERNS_E2E_SKIP_BUILD: '1' },
    });
    return { exitCode: r.status ?? 1, printed: true };
  }

  let version = '?';
  try {
    const pkg = path.join(path.dirname(vscodeExecutablePath), 'resources', 'app', 'package.json');
    version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    // the suite prints vscode.version anyway
  }
  console.log(`[e2e] launcher: electron (@vscode/test-electron), VS Code ${version} at ${vscodeExecutablePath}`);

  const ws = copyWorkspace(FIXTURE);
  try {
    commitWorkspace(ws.dir);
  } catch (e) {
    ws.cleanup();
    throw e;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'concerns-e2e-'));
  const resultFile = path.join(tmp, 'result.json');
  let exitCode = 1;
  try {
    exitCode = await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: EXTENSION_PATH,
      extensionTestsPath: SUITE_ENTRY,
      launchArgs: [ws.dir, '--disable-extensions', '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions')],
      extensionTestsEnv: { CONCERNS_E2E_LAUNCHER: 'electron', CONCERNS_E2E_RESULT_FILE: resultFile, ...suiteFilter() },
    });
  } catch (e) {
    console.error(`[e2e] ${e instanceof Error ? e.message : String(e)}`);
    exitCode = 1;
  }
  const result = readResult(resultFile, []);
  rmSync(tmp, { recursive: true, force: true });
  ws.cleanup();
  return { exitCode: finish('electron', exitCode, result), printed: true };
}

// ------------------------------------------------------------------------------------------- code-server

async function runCodeServer() {
  let cs;
  try {
    cs = setupCodeServer();
  } catch (e) {
    if (e instanceof MissingPackagesError) throw new LauncherUnavailable(e.message);
    throw e;
  }
  console.log(`[e2e] launcher: code-server ${cs.version.split(' ')[0]} + Chromium (playwright-core), VS Code ${cs.vscodeVersion ?? '?'}`);

  const ws = copyWorkspace(FIXTURE);
  try {
    commitWorkspace(ws.dir);
  } catch (e) {
    ws.cleanup();
    throw e;
  }
  const ext = stageExtension(EXTENSION_PATH);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'concerns-e2e-'));
  const resultFile = path.join(tmp, 'result.json');
  const lines = [];
  let server;
  let browser;
  let exitCode = 1;
  try {
    server = await startCodeServer({
      bin: cs.bin,
      folder: ws.dir,
      env: { CONCERNS_E2E_LAUNCHER: 'code-server', CONCERNS_E2E_RESULT_FILE: resultFile, ...suiteFilter() },
      // VS Code on the web saves edited files after a second by default: the tests' unsaved
      // edits would reach the disk, and a later revert bring them back. As on the desktop: off.
      settings: { ...DEFAULT_SETTINGS, 'files.autoSave': 'off' },
    });
    console.log(`[e2e] code-server pid ${server.pid} on ${server.origin} (${elapsed()})`);
    browser = await launchChromium();
    const page = await browser.newPage();

    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    const printLog = automationLogPrinter();
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = printLog(type, args);
      lines.push(line);
      // A test asking for real keystrokes (helpers.ts typeKeys): typed into whatever has focus.
      const keys = /^\[e2e-keys\] (.*)$/.exec(line);
      if (keys) void page.keyboard.type(JSON.parse(keys[1])).catch((e) => console.error(`[e2e] typing failed: ${e.message}`));
    });
    page.on('pageerror', (err) => console.error(`[e2e] page error: ${err.message}`));
    page.on('crash', () => reportExit(-1));

    const url = workbenchUrl({ origin: server.origin, folder: ws.dir, extensionDevelopmentPath: ext.dir, extensionTestsPath: SUITE_ENTRY });
    await page.goto(url);
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve('deadline'), SUITE_DEADLINE_MS);
    });
    const outcome = await Promise.race([exited, deadline]);
    clearTimeout(timer);
    if (outcome === 'deadline') {
      console.error(`[e2e] the suite did not report within ${SUITE_DEADLINE_MS / 1000} s; code-server log tail:\n${server.tail()}`);
      await page.screenshot({ path: path.join(os.tmpdir(), 'concerns-e2e-timeout.png') }).catch(() => undefined);
      console.error(`[e2e] screenshot of the page: ${path.join(os.tmpdir(), 'concerns-e2e-timeout.png')}`);
    } else if (outcome === -1) {
      console.error('[e2e] the browser page crashed');
    } else {
      exitCode = outcome;
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    ws.cleanup();
    ext.cleanup();
  }
  const result = readResult(resultFile, lines);
  rmSync(tmp, { recursive: true, force: true });
  return { exitCode: finish('code-server', exitCode, result), printed: true };
}

// ------------------------------------------------------------------------------------------------- main

async function main() {
  if (EXTENSION_PATH === ROOT && !extensionBuilt()) {
    console.error('e2e: dist/client.js is missing: run `npm run build` first (npm run test:e2e does)');
    return 1;
  }
  if (!process.env.CONCERNS_E2E_SKIP_BUILD) await buildE2E();

  const choice = (process.env.CONCERNS_E2E_LAUNCHER ?? 'auto').toLowerCase();
  try {
    if (choice === 'electron') return (await runElectron({ allowDownload: true })).exitCode;
    if (choice === 'code-server') return (await runCodeServer()).exitCode;
  } catch (e) {
    if (!(e instanceof LauncherUnavailable)) throw e;
    console.error(`e2e: the ${choice} launcher cannot run here: ${e.message}`);
    console.error(choice === 'electron'
      ? 'Install a VS Code desktop and set CONCERNS_E2E_VSCODE_PATH to its executable (plus xvfb on headless Linux), allow the download, or use CONCERNS_E2E_LAUNCHER=code-server.'
      : 'Install the Debian packages: apt-get update && apt-get install -y chromium ripgrep libkrb5-dev python3 make g++');
    return 1;
  }
  if (choice !== 'auto') {
    console.error(`e2e: unknown CONCERNS_E2E_LAUNCHER=${choice} (electron | code-server | auto)`);
    return 1;
  }

  const reasons = [];
  if (localVSCode()) return (await runElectron({ allowDownload: false })).exitCode;
  reasons.push('electron: no VS Code desktop on this machine (none cached in .vscode-test/, none at /usr/share/code/code, CONCERNS_E2E_VSCODE_PATH unset)');
  try {
    return (await runCodeServer()).exitCode;
  } catch (e) {
    if (!(e instanceof LauncherUnavailable)) throw e;
    reasons.push(`code-server: ${e.message}`);
  }
  try {
    return (await runElectron({ allowDownload: true })).exitCode;
  } catch (e) {
    if (!(e instanceof LauncherUnavailable)) throw e;
    reasons.push(`electron download: ${e.message}`);
  }
  console.error(['e2e: no launcher can run the in-editor tests here:', ...reasons.map((r) => `  - ${r}`),
    'Install either:',
    '  - the Debian packages for the offline launcher: apt-get update && apt-get install -y chromium ripgrep libkrb5-dev python3 make g++',
    '  - or a VS Code desktop (set CONCERNS_E2E_VSCODE_PATH to its executable), plus xvfb for headless Linux',
  ].join('\n'));
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`e2e: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
