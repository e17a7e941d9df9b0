// The "Show changes since the analysis" screenshot (screenshot.mjs, last): the workspace copy made a
// git repository (the analysis is its one commit), a referenced function fixed on disk, then the
// quick fix on its diagnostic opens the diff editor: the file at the analysis against the file now.
/* global document -- the callbacks of waitForFunction run in the page */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitWorkspace } from './git-fixture.mjs';
import { clearNotifications } from './workbench-ui.mjs';

const FILE = 'web_api/auth.py';
const TITLE = 'Show changes since the analysis';

/** `verify_api_token` (lines 36-40 in the example) fixed with hmac.compare_digest, one import added above. */
function fixToken(text) {
  const fixed = text
    .replace('import hashlib\n', 'import hashlib\nimport hmac\n')
    .replace(
      /def verify_api_token\(presented: str, stored: str\) -> bool:\n[\s\S]*?return False\n/,
      'def verify_api_token(presented: str, stored: str) -> bool:\n    # Constant time: compare_digest does not stop at the first differing character.\n    return hmac.compare_digest(presented.encode(), stored.encode())\n',
    );
  if (fixed === text) throw new Error(`${FILE} has no verify_api_token to fix`);
  return fixed;
}

async function goToLine(page, quickInput, line) {
  await page.keyboard.press('Control+g');
  await page.keyboard.type(String(line));
  await page.locator('.quick-input-list .monaco-list-row', { hasText: String(line) }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Saves `show-changes.png` in `out`; returns the diff tab's title. On failure, what the page showed is saved beside the log. */
export async function showChangesShot(page, workspaceDir, out, timeout = 60_000) {
  try {
    return await shoot(page, workspaceDir, out, timeout);
  } catch (error) {
    const seen = path.join(os.tmpdir(), 'concerns-show-changes-failed.png');
    await page.screenshot({ path: seen }).catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)} (the page: ${seen})`);
  }
}

async function shoot(page, workspaceDir, out, timeout) {
  // The demo copy (`npm run try`'s) has its history already, in which the payment call's cited
  // line was edited since the analysis; another folder is given one commit and a fixed function.
  let target;
  if (existsSync(path.join(workspaceDir, '.git'))) target = { file: 'core/payments.py', line: 12 };
  else {
    commitWorkspace(workspaceDir);
    const file = path.join(workspaceDir, FILE);
    const fixed = fixToken(readFileSync(file, 'utf8'));
    writeFileSync(file, fixed);
    // Its first line, where the concern's one mark is.
    target = { file: FILE, line: fixed.split('\n').findIndex((l) => l.startsWith('def verify_api_token')) + 1 };
  }
  const name = path.basename(target.file);
  const quickInput = page.locator('.quick-input-widget');
  // Its tab is open from the first screenshots; else quick open.
  const fileTab = page.locator('.tab', { hasText: name }).first();
  if (await fileTab.isVisible().catch(() => false)) await fileTab.click();
  else {
    await page.keyboard.press('Control+p');
    await page.keyboard.type(target.file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 30_000 });
  // The server notices the new repository by its 2-second poll and follows the references; until
  // then the quick fixes on the line have no "Show changes": ask again.
  const deadline = Date.now() + timeout;
  const item = page.locator('.action-widget .monaco-list-row', { hasText: TITLE }).first();
  for (;;) {
    await goToLine(page, quickInput, target.line);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget').first();
    await menu.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    if (await item.isVisible().catch(() => false)) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`no "${TITLE}" quick fix on line ${target.line} of ${target.file} within ${timeout / 1000} s`);
    await page.waitForTimeout(1_000);
  }
  // By keys: the menu's pointer block takes clicks. Down from the first (focused) action to it.
  const rows = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  const actions = rows.filter((r) => !/^Quick Fix$/.test(r.trim()));
  const index = actions.findIndex((r) => r.includes(TITLE));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const tab = page.locator('.tab.active', { hasText: '↔' });
  await tab.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.monaco-diff-editor .editor.original .view-line').first().waitFor({ state: 'visible', timeout: 30_000 });
  // The whole width for the two sides: no sidebar, no panel; the mouse away from anything that hovers.
  await page.keyboard.press('Control+b');
  await page.waitForFunction(() => !document.querySelector('.part.sidebar:not(.hidden)') || document.querySelector('.part.sidebar')?.clientWidth === 0, null, { timeout: 5_000 }).catch(() => undefined);
  await page.mouse.move(1100, 795);
  await clearNotifications(page);
  const shot = path.join(out, 'show-changes.png');
  await page.screenshot({ path: shot, animations: 'disabled' });
  return { path: shot, title: (await tab.innerText()).split('\n')[0] };
}
