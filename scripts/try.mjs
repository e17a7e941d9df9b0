// `npm run try`: builds the extension and opens a real VS Code with it loaded on a copy of
// example/ in a temp folder, made a git repository whose second commit moved a function, edited a
// cited range, renamed a file and deleted one since the concerns document was written (so drift
// shows at once). The tracked example/ is never opened: nothing a try does changes the project.
//
//   desktop VS Code (a `code` on PATH):  code --extensionDevelopmentPath=<root> <the copy>
//   otherwise:                            code-server with the extension loaded; prints the URL to open
//                                         and stays in the foreground until Ctrl+C.
//
// Options:
//   --web               use code-server even when a desktop `code` exists
//   --port N            port for code-server (default: a free one); --host H (default 127.0.0.1)
//   --folder DIR        open DIR itself instead of a copy of example/
//   --no-build          skip `npm run build`
//   --extension DIR     load the extension from DIR instead of this project (e.g. an unpacked .vsix)
//   --check [--screenshot FILE]
//                       headless self-test: opens the URL in Chromium, waits until the extension's
//                       diagnostics show in the Problems panel, saves a screenshot and exits (0 = ok).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureNodeModules } from './lib/bootstrap.mjs';
import { ROOT, setupCodeServer, which } from './setup-code-server.mjs';
import { extensionBuilt, launchChromium, stageExtension, startCodeServer, workbenchUrl } from './lib/code-server-session.mjs';
import { showConcernProblems, waitForAnyProblem } from './lib/workbench-ui.mjs';
import { DEMO_CHANGES, makeDemoWorkspace } from './lib/demoWorkspace.mjs';

ensureNodeModules();
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

const EXTENSION = path.resolve(option('--extension') ?? ROOT);
const CONCERNS_DOCS = ['.planning/codebase/CONCERNS.md', '.planning/codebase/concerns.md', 'docs/codebase/CONCERNS.md'];
const hasConcernsDoc = (dir) => CONCERNS_DOCS.some((d) => existsSync(path.join(dir, d)));

/** The folder to open: `--folder DIR` as it is, else a fresh demo copy of example/ (with its cleanup). */
function chooseFolder() {
  const given = option('--folder');
  if (given) return { folder: path.resolve(given), cleanup: () => {} };
  const example = path.join(ROOT, 'example');
  if (!hasConcernsDoc(example)) throw new Error('example/ has no .planning/codebase/CONCERNS.md');
  const demo = makeDemoWorkspace(example);
  console.log(`[try] a copy of example/ with a short git history, in ${demo.dir}; since the document was written:`);
  for (const change of DEMO_CHANGES) console.log(`[try]   - ${change}`);
  return { folder: demo.dir, cleanup: demo.cleanup };
}

function build() {
  if (flag('--no-build')) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[try] build failed');
    process.exit(r.status ?? 1);
  }
}

async function check(url, server) {
  const shot = path.resolve(option('--screenshot') ?? path.join(os.tmpdir(), 'concerns-try-check.png'));
  const started = Date.now();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(url);
    await page.locator('#status\\.problems').waitFor({ timeout: 60_000 });
    const title = await page.title();
    const counts = await waitForAnyProblem(page);
    const rows = await showConcernProblems(page);
    await page.screenshot({ path: shot });
    const concernRows = rows.filter((r) => r.includes('concerns'));
    console.log(`[try] check ok in ${((Date.now() - started) / 1000).toFixed(1)} s: window "${title}", status bar "${counts}", ${concernRows.length} concern problem(s) in the Problems panel:`);
    for (const r of concernRows.slice(0, 10)) console.log(`[try]   ${r.replace(/\s*\n\s*/g, ' | ')}`);
    console.log(`[try] screenshot: ${shot}`);
    return 0;
  } catch (e) {
    console.error(`[try] check FAILED: ${e instanceof Error ? e.message : String(e)}`);
    const page = browser.contexts()[0]?.pages()[0];
    await page?.screenshot({ path: shot }).catch(() => undefined);
    console.error(`[try] screenshot: ${shot}\n[try] code-server log tail:\n${server.tail()}`);
    return 1;
  } finally {
    await browser.close();
  }
}

async function main() {
  if (EXTENSION === ROOT) build();
  if (EXTENSION === ROOT && !extensionBuilt()) {
    console.error('[try] dist/client.js is missing after the build');
    return 1;
  }
  const { folder, cleanup } = chooseFolder();

  const code = which('code');
  if (code && !flag('--web') && !flag('--check')) {
    // The desktop window outlives this script: the copy stays (in the temp folder) for it.
    console.log(`[try] opening VS Code: ${code} --extensionDevelopmentPath=${EXTENSION} ${folder}`);
    const r = spawnSync(code, [`--extensionDevelopmentPath=${EXTENSION}`, folder], { stdio: 'inherit' });
    return r.status ?? 1;
  }

  const cs = setupCodeServer({ quiet: true });
  const host = option('--host') ?? '127.0.0.1';
  const port = Number(option('--port') ?? 0) || undefined;
  const ext = stageExtension(EXTENSION);
  const server = await startCodeServer({ bin: cs.bin, folder, host, port });
  const stop = async () => {
    await server.stop();
    ext.cleanup();
    cleanup();
  };
  const url = workbenchUrl({ origin: server.origin, folder, extensionDevelopmentPath: ext.dir });
  console.log(`[try] VS Code ${cs.vscodeVersion ?? '?'} (code-server, pid ${server.pid}) with Concerns Lens loaded on ${folder}`);

  if (flag('--check')) {
    const rc = await check(url, server);
    await stop();
    return rc;
  }

  console.log(`\n  Open this URL in a browser:\n\n    ${url}\n\n  (the window title reads "[Extension Development Host]"; Ctrl+C here to stop)\n`);
  const keepAlive = setInterval(() => {}, 1 << 30); // stay in the foreground until a signal
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  console.log('\n[try] stopping code-server');
  await stop();
  return 0;
}

main().then(
  (rc) => process.exit(rc),
  (e) => {
    console.error(`[try] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
