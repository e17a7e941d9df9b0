// `npm run screenshots`: opens the demo copy of example/ that `npm run try` opens (a git history
// in which code moved, changed, was renamed and deleted since the analysis) in a real VS Code
// (code-server + Chromium, as in the e2e launcher) with the extension loaded and saves what a
// user sees as PNGs under docs/images/:
//   problems.png  a file a concern names, its squiggle, and the Problems panel listing the concerns
//   hover.png     the hover on that squiggle
//   quickfix.png  the quick-fix menu on that squiggle (go to fix approach, reveal, mark resolved, copy)
//   sidebar.png   the Concerns view in its own sidebar, a concern expanded to its references
//   document.png  the concerns document itself: a broken reference's warning and its hover
//   not-there.png the hover on a path the document says does not exist: no warning, said so
//   show-changes.png  the workspace made a git repository, a referenced function fixed: the diff
//                 editor "Show changes since the analysis" opens from its quick fix
//
// Options: --no-build, --folder DIR (instead of example/), --extension DIR, --out DIR (docs/images),
//          --theme NAME ("Default Dark Modern").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, setupCodeServer } from './setup-code-server.mjs';
import { DEFAULT_SETTINGS, copyWorkspace, extensionBuilt, launchChromium, stageExtension, startCodeServer, workbenchUrl } from './lib/code-server-session.mjs';
import { showChangesShot } from './lib/show-changes-shot.mjs';
import { makeDemoWorkspace } from './lib/demoWorkspace.mjs';
import { clearNotifications, hoverSquiggle, openFirstConcern, openQuickFix, showConcernProblems, showConcernsView, waitForAnyProblem } from './lib/workbench-ui.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const EXTENSION = path.resolve(option('--extension') ?? ROOT);
const OUT = path.resolve(option('--out') ?? path.join(ROOT, 'docs', 'images'));
const THEME = option('--theme') ?? 'Default Dark Modern';

/** `--folder DIR` copied as it is, else the demo copy of example/ (`npm run try`'s). */
function chooseFolder() {
  const given = option('--folder');
  if (given) return copyWorkspace(path.resolve(given), 'concerns-shot-');
  return makeDemoWorkspace(path.join(ROOT, 'example'));
}

async function main() {
  const started = Date.now();
  if (EXTENSION === ROOT && !argv.includes('--no-build')) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  if (EXTENSION === ROOT && !extensionBuilt()) {
    console.error('[screenshots] dist/client.js is missing: run `npm run build`');
    return 1;
  }
  const cs = setupCodeServer({ quiet: true });
  // A copy named like the original, so the window title and explorer read naturally.
  const ws = chooseFolder();
  const ext = stageExtension(EXTENSION);
  const server = await startCodeServer({
    bin: cs.bin,
    folder: ws.dir,
    settings: { ...DEFAULT_SETTINGS, 'workbench.colorTheme': THEME, 'editor.minimap.enabled': false, 'window.zoomLevel': 0, 'workbench.reduceMotion': 'on' },
  });
  const browser = await launchChromium();
  mkdirSync(OUT, { recursive: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(workbenchUrl({ origin: server.origin, folder: ws.dir, extensionDevelopmentPath: ext.dir }));
    await page.locator('#status\\.problems').waitFor({ timeout: 60_000 });
    await waitForAnyProblem(page);
    // Drift follows the references in the background and moves the diagnostics: wait until the
    // Problems panel has said the same for two seconds, so the first problem is where it stays.
    await showConcernProblems(page);
    for (let last = '', same = 0; same < 4; ) {
      await page.waitForTimeout(500);
      const now = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join('\n');
      same = now === last ? same + 1 : 0;
      last = now;
    }
    const squiggle = await openFirstConcern(page);
    // Put the cursor on the last line, so the concern's range is not shown selected.
    await page.locator('.editor-instance .monaco-editor .view-line').last().click();
    await clearNotifications(page);
    // Park the mouse away from the editor so nothing hovers by accident.
    await page.mouse.move(5, 795);
    const problems = path.join(OUT, 'problems.png');
    await page.screenshot({ path: problems, animations: 'disabled' });
    console.log(`[screenshots] ${path.relative(ROOT, problems)}`);

    // The cursor inside the concern's range: the whole range is shaded, the mark stays on one line.
    const hoverText = await hoverSquiggle(page, squiggle);
    const hover = path.join(OUT, 'hover.png');
    await page.screenshot({ path: hover, animations: 'disabled' });
    console.log(`[screenshots] ${path.relative(ROOT, hover)} (hover: ${hoverText.split('\n')[0]})`);

    const menuText = await openQuickFix(page, squiggle);
    await clearNotifications(page);
    const quickfix = path.join(OUT, 'quickfix.png');
    await page.screenshot({ path: quickfix, animations: 'disabled' });
    console.log(`[screenshots] ${path.relative(ROOT, quickfix)} (${menuText.split('\n').filter(Boolean).length} lines in the menu)`);
    await page.keyboard.press('Escape');

    // The Concerns view, with the Problems panel closed so the sidebar has the height.
    await page.keyboard.press('Control+j');
    const rows = await showConcernsView(page);
    // Away from anything with a tooltip (the activity bar's stays while the mouse is near it).
    await page.mouse.move(1100, 16);
    await page.locator('.workbench-hover-container').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await clearNotifications(page);
    const sidebar = path.join(OUT, 'sidebar.png');
    await page.screenshot({ path: sidebar, animations: 'disabled' });
    console.log(`[screenshots] ${path.relative(ROOT, sidebar)} (${rows.length} rows)`);

    // The document itself: go to its first broken reference and hover the warning on it.
    const docRel = '.planning/codebase/CONCERNS.md';
    const docLines = readFileSync(path.join(ws.dir, docRel), 'utf8').split('\n');
    const brokenLine = docLines.findIndex((l) => /test_authentication|audit\.py|\bgone\b/.test(l)) + 1;
    const quickInput = page.locator('.quick-input-widget');
    await page.keyboard.press('Control+p');
    await page.keyboard.type(docRel);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CONCERNS.md' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'CONCERNS.md' }).waitFor({ state: 'visible', timeout: 30_000 });
    await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    // The code lenses above each concern are rendered once the server answered.
    await page.locator('.editor-instance .monaco-editor .codelens-decoration').first().waitFor({ state: 'attached', timeout: 30_000 });
    if (brokenLine > 0) {
      await page.keyboard.press('Control+g');
      await page.keyboard.type(String(brokenLine));
      await page.locator('.quick-input-list .monaco-list-row', { hasText: String(brokenLine) }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    const warning = page.locator('.editor-instance .monaco-editor .squiggly-warning').last();
    await warning.waitFor({ state: 'attached', timeout: 30_000 });
    const warnBox = await warning.boundingBox();
    if (warnBox) {
      await page.mouse.move(warnBox.x + Math.min(30, warnBox.width / 2), warnBox.y + warnBox.height / 2);
      // Both parts: the warning, and the server's hover on the reference (its status).
      await page.locator('.monaco-hover:not(.hidden)', { hasText: 'missing: no such path' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    await clearNotifications(page);
    const document = path.join(OUT, 'document.png');
    await page.screenshot({ path: document, animations: 'disabled' });
    console.log(`[screenshots] ${path.relative(ROOT, document)} (line ${brokenLine})`);

    // A path the document says is not there (`no `.env.example``): no broken reference, said so.
    const absentLine = docLines.findIndex((l) => l.includes('no `.env.example`')) + 1;
    if (absentLine > 0) {
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 795);
      await page.keyboard.press('Control+g');
      await page.keyboard.type(String(absentLine));
      await page.locator('.quick-input-list .monaco-list-row', { hasText: String(absentLine) }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
      const token = page.locator('.editor-instance .monaco-editor .view-line span', { hasText: /\.env\.example/ }).last();
      await token.waitFor({ state: 'visible', timeout: 10_000 });
      const box = await token.boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.locator('.monaco-hover:not(.hidden)', { hasText: 'not there' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      }
      await clearNotifications(page);
      const notThere = path.join(OUT, 'not-there.png');
      await page.screenshot({ path: notThere, animations: 'disabled' });
      console.log(`[screenshots] ${path.relative(ROOT, notThere)} (line ${absentLine})`);
    }

    // Last: it makes the copy a git repository, which gives every reference a drift state.
    await page.keyboard.press('Escape');
    const changes = await showChangesShot(page, ws.dir, OUT);
    console.log(`[screenshots] ${path.relative(ROOT, changes.path)} (${changes.title})`);
  } finally {
    await browser.close();
    await server.stop();
    ws.cleanup();
    ext.cleanup();
  }
  console.log(`[screenshots] VS Code ${cs.vscodeVersion ?? '?'} via code-server; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (rc) => process.exit(rc),
  (e) => {
    console.error(`[screenshots] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
